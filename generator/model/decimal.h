/* decimal.h - exact decimal numbers and money amounts.
 *
 * Indicator values and amounts are written in decimal by people and must come
 * back out exactly as they were meant: 0.1 + 0.2 is not 0.30000000000000004 on
 * a report that carries a red stamp.  A JxDecimal is an integer and a count of
 * decimal places; money is an integer count of hundredths of 万元.
 */
#ifndef JX_DECIMAL_H
#define JX_DECIMAL_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* value = units / 10^scale; scale is 0..9 */
typedef struct {
  int64_t units; /* signed digits */
  int scale;     /* digits after the decimal point */
} JxDecimal;

/* Largest scale kept; more decimal places are refused rather than rounded. */
#define JX_DECIMAL_MAX_SCALE 9

/* Parses ASCII digits with an optional '.' fraction, an optional leading
 * '-' or '+', and thousands separators (',' followed by exactly three
 * digits) starting at s[0], reading at most len bytes.  Returns the number
 * of bytes consumed, 0 when s does not start with a number or it does not fit
 * in 64 bits. */
size_t jx_decimal_scan(const char *s, size_t len, JxDecimal *out);

/* Parses the whole NUL-terminated string s (surrounding ASCII spaces allowed).
 * Returns false when anything else is left over. */
bool jx_decimal_parse(const char *s, JxDecimal *out);

/* Formats d without trailing zeros after the point ("98", "0.5", "-3").
 * Writes at most size bytes into buf, returns buf. */
char *jx_decimal_format(JxDecimal d, char *buf, size_t size);

/* d as a double, for arithmetic where exactness is not needed (ratios). */
double jx_decimal_to_double(JxDecimal d);

/* Compares a and b by value: <0, 0, >0. */
int jx_decimal_compare(JxDecimal a, JxDecimal b);

/* Money: an amount of 万元 as integer hundredths.  Parses "1,250.00",
 * "583.95", "10", "-3.5", "（12.00）" is not accepted.  Returns false when
 * s is not an amount or has more than two decimals. */
bool jx_amount_parse(const char *s, int64_t *hundredths);

/* Formats an amount as "1250.00" (plain) or "1,250.00" (grouped).
 * buf must hold 32 bytes. */
char *jx_amount_format(int64_t hundredths, bool grouped, char *buf);

#endif
