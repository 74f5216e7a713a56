/* assess.c - an indicator's actual value against its target. */
#include "assess/assess.h"

#include "read/table.h"
#include "model/text.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

/* ---- units ---- */

/* Units that measure the same thing in other sizes: each to a base unit. */
static const struct {
  const char *unit;
  const char *base;
  double factor;
} unit_table[] = {
    {"%", "fraction", 0.01}, {"‰", "fraction", 0.001}, {"s", "s", 1},
    {"秒", "s", 1},          {"min", "s", 60},         {"分钟", "s", 60},
    {"h", "s", 3600},        {"小时", "s", 3600},      {"天", "d", 1},
    {"日", "d", 1},          {"周", "d", 7},           {"月", "month", 1},
    {"个月", "month", 1},    {"季度", "month", 3},     {"元", "元", 1},
    {"千元", "元", 1e3},     {"万元", "元", 1e4},      {"亿元", "元", 1e8},
    {"m", "m", 1},           {"米", "m", 1},           {"km", "m", 1e3},
    {"公里", "m", 1e3},      {"千米", "m", 1e3},       {"kg", "kg", 1},
    {"公斤", "kg", 1},       {"千克", "kg", 1},        {"吨", "kg", 1e3},
    {"t", "kg", 1e3},        {"工作日", "workday", 1}, {"个工作日", "workday", 1},
};

/* The base and factor of a unit: the table's, else a leading 万 (万人次 is
 * ten thousand 人次), else the unit itself.  *base is a new string. */
static void unit_base(const char *unit, char **base, double *factor) {
  char *per = strchr(unit, '/');
  char *num = per ? g_strndup(unit, (gsize)(per - unit)) : g_strdup(unit);
  *factor = 1;
  const char *b = num;
  bool found = false;
  for (size_t i = 0; i < G_N_ELEMENTS(unit_table) && !found; i++) {
    if (strcmp(num, unit_table[i].unit) == 0) {
      b = unit_table[i].base;
      *factor = unit_table[i].factor;
      found = true;
    }
  }
  if (!found && g_str_has_prefix(num, "万") && num[strlen("万")]) {
    b = num + strlen("万");
    *factor = 1e4;
  }
  *base = g_strconcat(b, per ? per : "", NULL);
  g_free(num);
}

/* The target's and the actual's numbers in one unit.  False (with a reason)
 * when their units measure different things. */
static bool same_units(const JxValue *t, double tn, const JxValue *a, double an, double *tv,
                       double *av, char **reason) {
  char *tb, *ab;
  double tf, af;
  unit_base(t->unit, &tb, &tf);
  unit_base(a->unit, &ab, &af);
  bool ok = true;
  *tv = tn * tf;
  *av = an * af;
  if (!*t->unit || !*a->unit) {
    /* one side leaves the unit out: a percentage against a bare number is
     * a fraction when it is at most 1 (0.98 for 98%), else the same number */
    const JxValue *bare = *t->unit ? a : t;
    const char *other = *t->unit ? tb : ab;
    if (strcmp(other, "fraction") == 0) {
      double n = bare == a ? an : tn;
      double v = fabs(n) <= 1.0 ? n : n * (*t->unit ? tf : af);
      if (bare == a)
        *av = v;
      else
        *tv = v;
    }
  } else if (strcmp(tb, ab) != 0) {
    *reason = g_strdup_printf("the target is in '%s' and the actual in '%s'", t->unit, a->unit);
    ok = false;
  }
  g_free(tb);
  g_free(ab);
  return ok;
}

/* ---- one value ---- */

/* The completion of a phrase, or a negative number when it is not known. */
static double phrase_ratio(const char *text, const JxAssessConfig *c) {
  char *key = jx_text_key(text);
  size_t len = strlen(key);
  /* a closing 。 or ！ says nothing */
  while (len >= 3 && (g_str_has_suffix(key, "。") || g_str_has_suffix(key, "！")))
    key[len -= 3] = '\0';
  double r = -1;
  for (guint i = 0; i < c->phrases->len && r < 0; i++) {
    const JxPhrase *p = g_ptr_array_index(c->phrases, i);
    char *k = jx_text_key(p->phrase);
    if (strcmp(k, key) == 0)
      r = p->ratio;
    g_free(k);
  }
  g_free(key);
  return r;
}

static void set_status(JxOutcome *o, double ratio, bool met, double partly_from) {
  o->ratio = ratio;
  o->status = met ? JX_STATUS_MET : ratio >= partly_from ? JX_STATUS_PARTLY : JX_STATUS_UNMET;
}

static void unassessable(JxOutcome *o, char *reason) {
  o->status = JX_STATUS_UNASSESSABLE;
  o->ratio = 0;
  g_free(o->reason);
  o->reason = reason;
}

/* Assesses a single quantitative target against a single actual. */
static void assess_number(const JxValue *t, const JxValue *a, const JxAssessConfig *c,
                          JxOutcome *o) {
  double tv, av, uv = 0;
  char *reason = NULL;
  if (!same_units(t, jx_decimal_to_double(t->number), a, jx_decimal_to_double(a->number), &tv, &av,
                  &reason)) {
    unassessable(o, reason);
    o->error = true;
    return;
  }
  if (t->cmp == JX_CMP_RANGE) {
    double dummy;
    same_units(t, jx_decimal_to_double(t->upper), a, 0, &uv, &dummy, &reason);
    g_free(reason);
  }
  double p = c->partly_from;
  switch (t->cmp) {
  case JX_CMP_GE:
  case JX_CMP_GT: {
    /* 正向: actual ÷ target */
    if (tv < 0 || av < 0) {
      unassessable(o, g_strdup("a negative value cannot be compared as a share of the target"));
      return;
    }
    bool met = t->cmp == JX_CMP_GE ? av >= tv : av > tv;
    double r = tv == 0 ? (met ? 1 : 0) : av / tv;
    set_status(o, r, met, p);
    o->too_easy = tv > 0 && r > c->too_easy_above;
    return;
  }
  case JX_CMP_LE:
  case JX_CMP_LT: {
    /* 反向: target ÷ actual; an actual of 0 meets any such target */
    if (tv < 0 || av < 0) {
      unassessable(o, g_strdup("a negative value cannot be compared as a share of the target"));
      return;
    }
    bool met = t->cmp == JX_CMP_LE ? av <= tv : av < tv || av == 0;
    double r = av == 0 ? 1 : tv / av;
    set_status(o, r, met, p);
    return;
  }
  case JX_CMP_EQ: {
    /* 等值: a hit, else what is short of it */
    bool met = av == tv;
    double r = met ? 1 : tv == 0 ? 0 : fmax(0, 1 - fabs(av - tv) / fabs(tv));
    set_status(o, r, met, p);
    return;
  }
  case JX_CMP_RANGE: {
    /* 区间: inside, else as 正向 below it and 反向 above it */
    bool met = av >= tv && av <= uv;
    double r = met ? 1 : av < tv ? (tv > 0 && av > 0 ? av / tv : 0) : (av > 0 ? uv / av : 0);
    set_status(o, r, met, p);
    return;
  }
  case JX_CMP_TOLERANCE: {
    /* ±t: the actual is a deviation */
    bool met = fabs(av) <= tv;
    double r = met ? 1 : tv / fabs(av);
    set_status(o, r, met, p);
    return;
  }
  case JX_CMP_NONE:
    break;
  }
  unassessable(o, g_strdup("the target has no number"));
}

/* Assesses a qualitative actual through the phrase table. */
static void assess_phrase(const JxValue *a, const JxAssessConfig *c, JxOutcome *o) {
  double r = phrase_ratio(a->raw, c);
  if (r < 0) {
    unassessable(
        o, g_strdup_printf("the phrase '%s' is not in the table of qualitative actuals", a->raw));
    return;
  }
  o->ratio = r;
  o->status = r >= c->qual_met_from      ? JX_STATUS_MET
              : r >= c->qual_partly_from ? JX_STATUS_PARTLY
                                         : JX_STATUS_UNMET;
}

/* The worse of two statuses among 达成, 部分达成, 未达成, 无法评价. */
static JxStatus worse(JxStatus a, JxStatus b) {
  return a > b ? a : b;
}

void jx_assess_value(const JxValue *target, const JxValue *actual, const JxAssessConfig *c,
                     JxOutcome *out) {
  memset(out, 0, sizeof *out);
  if (!actual || jx_text_is_blank(actual->raw)) {
    out->status = JX_STATUS_NO_ACTUAL;
    return;
  }
  char *key = jx_text_key(actual->raw);
  for (guint i = 0; i < c->not_applicable->len; i++) {
    char *k = jx_text_key(g_ptr_array_index(c->not_applicable, i));
    bool na = strcmp(k, key) == 0;
    g_free(k);
    if (na) {
      out->status = JX_STATUS_NOT_APPLICABLE;
      g_free(key);
      return;
    }
  }
  g_free(key);
  if (!target) {
    unassessable(out, g_strdup("the indicator has no target value"));
    return;
  }
  /* words for an actual ("达成预期指标"): the phrase table, whatever the target */
  if (actual->cmp == JX_CMP_NONE || target->cmp == JX_CMP_NONE) {
    if (actual->cmp != JX_CMP_NONE && phrase_ratio(actual->raw, c) < 0) {
      unassessable(out, g_strdup_printf("the target '%s' is qualitative but the actual '%s' is a "
                                        "number",
                                        target->raw, actual->raw));
      return;
    }
    /* a qualitative actual that repeats its target word for word meets it */
    char *tk = jx_text_key(target->raw), *ak = jx_text_key(actual->raw);
    bool same = target->cmp == JX_CMP_NONE && actual->cmp == JX_CMP_NONE && strcmp(tk, ak) == 0 &&
                phrase_ratio(actual->raw, c) < 0;
    g_free(tk);
    g_free(ak);
    if (same) {
      out->status = JX_STATUS_MET;
      out->ratio = 1;
      return;
    }
    assess_phrase(actual, c, out);
    return;
  }
  if (target->parts) {
    /* several sub-targets: each against its own actual, the least counts */
    guint n = target->parts->len;
    if (!actual->parts || actual->parts->len != n) {
      unassessable(out, g_strdup_printf("the target has %u sub-targets but the actual gives %u "
                                        "values",
                                        n, actual->parts ? actual->parts->len : 1));
      return;
    }
    out->status = JX_STATUS_MET;
    out->ratio = INFINITY;
    for (guint i = 0; i < n; i++) {
      JxOutcome one;
      jx_assess_value(g_ptr_array_index(target->parts, i), g_ptr_array_index(actual->parts, i), c,
                      &one);
      if (one.status == JX_STATUS_UNASSESSABLE) {
        unassessable(out, one.reason);
        out->error = one.error;
        return;
      }
      g_free(one.reason);
      out->status = worse(out->status, one.status);
      out->ratio = fmin(out->ratio, one.ratio);
      out->too_easy |= one.too_easy;
    }
    return;
  }
  if (actual->parts) {
    unassessable(out, g_strdup_printf("the target is one value but the actual gives %u",
                                      actual->parts->len));
    return;
  }
  assess_number(target, actual, c, out);
}

double jx_assess_score(const JxOutcome *o, double weight, const JxAssessConfig *c) {
  if (o->status != JX_STATUS_MET && o->status != JX_STATUS_PARTLY && o->status != JX_STATUS_UNMET)
    return 0;
  double r = fmin(o->ratio, 1.0);
  /* a target set too low may cost what the completion exceeds it by */
  if (o->too_easy && c->penalise_too_easy)
    r = fmax(0, 1 - (o->ratio - c->too_easy_above));
  return r * weight;
}
