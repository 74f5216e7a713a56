/* value.h - the grammar of a target or actual value as people write it in a
 * performance table: "≥98%", "不低于85分", "1-2个", "±3%以内",
 * "（除新进人员、孕妇等特殊情况）98%以上", "《舆情月报》12期；…", "及时".
 *
 * Parsing never fails and never loses the text: what cannot be read as a
 * number is qualitative (定性), and the raw text is kept verbatim for display.
 */
#ifndef JX_VALUE_H
#define JX_VALUE_H

#include "model/decimal.h"

#include <glib.h>
#include <stdbool.h>

typedef enum {
  JX_CMP_NONE = 0,  /* qualitative: no number to compare */
  JX_CMP_GE,        /* ≥, 不低于, 以上, or a bare value (meet or exceed) */
  JX_CMP_GT,        /* > */
  JX_CMP_LE,        /* ≤, 不超过, 以内, 以下 */
  JX_CMP_LT,        /* <, 低于 */
  JX_CMP_EQ,        /* = */
  JX_CMP_RANGE,     /* low-high: "1-2个" */
  JX_CMP_TOLERANCE, /* ±number: "±3%以内" */
} JxComparator;

typedef enum {
  JX_DIR_POSITIVE,    /* 正向: more is better */
  JX_DIR_NEGATIVE,    /* 反向: less is better */
  JX_DIR_EQUAL,       /* 等值 */
  JX_DIR_RANGE,       /* 区间 (a range or a tolerance) */
  JX_DIR_QUALITATIVE, /* 定性 */
} JxDirection;

typedef struct JxValue JxValue;
struct JxValue {
  char *raw;         /* the text as written, verbatim; never NULL */
  JxComparator cmp;  /* JX_CMP_NONE when qualitative */
  bool cmp_explicit; /* written as a symbol or word, not implied */
  JxDecimal number;  /* the value; the low end of a range; ± amount */
  JxDecimal upper;   /* the high end of a range */
  char *unit;        /* "%", "个", "元/亩", "/年"; "" when none */
  char *label;       /* text before the number: "《舆情月报》" */
  char *note;        /* bracketed or trailing remark; "" when none */
  GPtrArray *parts;  /* sub-targets (JxValue *) or NULL when single */
  guint refs;        /* holders; jx_value_free drops one */
};

/* Parses text (UTF-8).  Returns a new value the caller frees with
 * jx_value_free.  Never NULL. */
JxValue *jx_value_parse(const char *text);

/* A value from its fields, as jx_value_parse made it (the strings are
 * copied; NULL is ""): for a value read back from bytes (wire.h). */
JxValue *jx_value_make(const char *raw, JxComparator cmp, bool cmp_explicit, JxDecimal number,
                       JxDecimal upper, const char *unit, const char *label, const char *note);

/* Appends part, taken over, to v's sub-targets. */
void jx_value_add_part(JxValue *v, JxValue *part);

/* Drops one holder of v, freeing it and its parts with the last; NULL is
 * allowed. */
void jx_value_free(JxValue *v);

/* Adds a holder to v (a value two fields share); returns v. */
JxValue *jx_value_ref(JxValue *v);

/* Whether the value has a number (a single target, a range, a tolerance, or
 * sub-targets that all have one). */
bool jx_value_is_quantitative(const JxValue *v);

/* The direction implied by the comparator. */
JxDirection jx_value_direction(const JxValue *v);

/* "正向", "反向", "等值", "区间", "定性". */
const char *jx_direction_name(JxDirection d);

/* The normalized symbol of a comparator: "≥" ">" "≤" "<" "=" "区间" "定性";
 * a tolerance is "区间". */
const char *jx_comparator_symbol(JxComparator c);

/* Reads a comparator column (指标性质, 计算符号): symbols, words such as
 * 大于等于 or 反向指标, or the normalized symbols above.  Returns false when
 * the text is none of them. */
bool jx_comparator_from_text(const char *text, JxComparator *out);

/* Applies what separate columns say to a value read from a 指标值 cell:
 * cmp_text (指标性质, 计算符号) and unit_text (度量单位), each NULL or blank
 * when absent, or one item per sub-target joined with "；".  The cell's own
 * comparator and unit, where it has them, win; returns false when a column is
 * not understood or disagrees with the cell. */
bool jx_value_apply_columns(JxValue *v, const char *cmp_text, const char *unit_text);

/* The comparator, number(s) and unit as the dump writes them: "≥", "98",
 * "%"; sub-targets joined with "；".  Each returns a new string. */
char *jx_value_comparator_text(const JxValue *v);
char *jx_value_number_text(const JxValue *v);
char *jx_value_unit_text(const JxValue *v);

#endif
