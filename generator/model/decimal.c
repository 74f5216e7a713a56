/* decimal.c - exact decimal numbers and money amounts. */
#include "model/decimal.h"

#include <stdio.h>
#include <string.h>

static const int64_t pow10_table[] = {1,         10,         100,         1000,
                                      10000,     100000,     1000000,     10000000,
                                      100000000, 1000000000, 10000000000, 100000000000};

/* Appends digit c to *units, false on overflow. */
static bool push_digit(int64_t *units, int c) {
  if (*units > (INT64_MAX - (c - '0')) / 10)
    return false;
  *units = *units * 10 + (c - '0');
  return true;
}

static bool is_digit(char c) {
  return c >= '0' && c <= '9';
}

size_t jx_decimal_scan(const char *s, size_t len, JxDecimal *out) {
  size_t i = 0;     /* read position */
  bool neg = false; /* leading minus */
  int64_t units = 0;
  int scale = 0;
  size_t digits = 0; /* digits before the point */

  if (i < len && (s[i] == '-' || s[i] == '+')) {
    neg = s[i] == '-';
    i++;
  }
  while (i < len) {
    if (is_digit(s[i])) {
      if (!push_digit(&units, s[i]))
        return 0;
      digits++;
      i++;
    } else if (s[i] == ',' && digits > 0 && i + 3 < len && is_digit(s[i + 1]) &&
               is_digit(s[i + 2]) && is_digit(s[i + 3]) && (i + 4 >= len || !is_digit(s[i + 4]))) {
      /* a thousands separator: exactly three digits follow */
      i++;
    } else {
      break;
    }
  }
  if (digits == 0)
    return 0;
  if (i + 1 < len && s[i] == '.' && is_digit(s[i + 1])) {
    i++;
    while (i < len && is_digit(s[i])) {
      if (scale == JX_DECIMAL_MAX_SCALE || !push_digit(&units, s[i]))
        return 0;
      scale++;
      i++;
    }
  }
  out->units = neg ? -units : units;
  out->scale = scale;
  return i;
}

bool jx_decimal_parse(const char *s, JxDecimal *out) {
  size_t len = strlen(s);
  size_t a = 0, b = len;
  while (a < b && s[a] == ' ')
    a++;
  while (b > a && s[b - 1] == ' ')
    b--;
  if (a == b)
    return false;
  return jx_decimal_scan(s + a, b - a, out) == b - a;
}

char *jx_decimal_format(JxDecimal d, char *buf, size_t size) {
  int64_t units = d.units;
  int scale = d.scale;
  while (scale > 0 && units % 10 == 0) {
    units /= 10;
    scale--;
  }
  uint64_t mag = units < 0 ? (uint64_t)0 - (uint64_t)units : (uint64_t)units;
  uint64_t p = (uint64_t)pow10_table[scale];
  if (scale == 0)
    snprintf(buf, size, "%s%llu", units < 0 ? "-" : "", (unsigned long long)mag);
  else
    snprintf(buf, size, "%s%llu.%0*llu", units < 0 ? "-" : "", (unsigned long long)(mag / p), scale,
             (unsigned long long)(mag % p));
  return buf;
}

double jx_decimal_to_double(JxDecimal d) {
  return (double)d.units / (double)pow10_table[d.scale];
}

int jx_decimal_compare(JxDecimal a, JxDecimal b) {
  /* bring both to the larger scale; fall back to doubles if that overflows */
  int scale = a.scale > b.scale ? a.scale : b.scale;
  int64_t fa = pow10_table[scale - a.scale], fb = pow10_table[scale - b.scale];
  if ((a.units < 0 ? -a.units : a.units) <= INT64_MAX / fa &&
      (b.units < 0 ? -b.units : b.units) <= INT64_MAX / fb) {
    int64_t x = a.units * fa, y = b.units * fb;
    return (x > y) - (x < y);
  }
  double x = jx_decimal_to_double(a), y = jx_decimal_to_double(b);
  return (x > y) - (x < y);
}

bool jx_amount_parse(const char *s, int64_t *hundredths) {
  JxDecimal d;
  if (!jx_decimal_parse(s, &d) || d.scale > 2)
    return false;
  int64_t f = pow10_table[2 - d.scale];
  if ((d.units < 0 ? -d.units : d.units) > INT64_MAX / f)
    return false;
  *hundredths = d.units * f;
  return true;
}

char *jx_amount_format(int64_t hundredths, bool grouped, char *buf) {
  uint64_t mag = hundredths < 0 ? (uint64_t)0 - (uint64_t)hundredths : (uint64_t)hundredths;
  char whole[32];
  int n = snprintf(whole, sizeof whole, "%llu", (unsigned long long)(mag / 100));
  char *o = buf;
  if (hundredths < 0)
    *o++ = '-';
  for (int i = 0; i < n; i++) {
    if (grouped && i > 0 && (n - i) % 3 == 0)
      *o++ = ',';
    *o++ = whole[i];
  }
  snprintf(o, 8, ".%02llu", (unsigned long long)(mag % 100));
  return buf;
}
