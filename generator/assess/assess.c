/* assess.c - an indicator's actual value against its target. */
#include "assess/assess.h"

#include "read/table.h"
#include "model/text.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

/* ---- configuration ---- */

static void phrase_free(JxPhrase *p) {
  g_free(p->phrase);
  g_free(p);
}

static void weight_free(JxWeight *w) {
  g_free(w->label);
  g_free(w);
}

static void grade_free(JxGrade *g) {
  g_free(g->name);
  g_free(g);
}

void jx_assess_config_free(JxAssessConfig *c) {
  if (!c)
    return;
  g_ptr_array_free(c->phrases, TRUE);
  g_ptr_array_free(c->not_applicable, TRUE);
  g_ptr_array_free(c->weights, TRUE);
  g_ptr_array_free(c->grades, TRUE);
  g_strfreev(c->level_units);
  g_strfreev(c->level_words);
  if (c->accumulates)
    g_hash_table_destroy(c->accumulates);
  g_free(c);
}

/* Reads a number; false (with *error) when the key is missing or is not one. */
static bool number(GKeyFile *kf, const char *path, const char *group, const char *key, double *out,
                   GError **error) {
  char *text = g_key_file_get_value(kf, group, key, NULL);
  char *end = NULL;
  double v = text ? g_ascii_strtod(text, &end) : 0;
  bool ok = text && end && end != text && *end == '\0';
  if (!ok)
    g_set_error(error, G_KEY_FILE_ERROR, G_KEY_FILE_ERROR_INVALID_VALUE, "%s: [%s] %s %s", path,
                group, key, text ? "is not a number" : "is missing");
  g_free(text);
  *out = v;
  return ok;
}

/* Reads [in-year] and [in-year-indicators]. */
static bool read_in_year(GKeyFile *kf, const char *path, JxAssessConfig *c, GError **error) {
  if (!number(kf, path, "in-year", "lag", &c->lag, error))
    return false;
  c->level_units = g_key_file_get_string_list(kf, "in-year", "level-units", NULL, NULL);
  c->level_words = g_key_file_get_string_list(kf, "in-year", "level-words", NULL, NULL);
  if (!c->level_units)
    c->level_units = g_new0(gchar *, 1);
  if (!c->level_words)
    c->level_words = g_new0(gchar *, 1);
  gchar **keys = g_key_file_get_keys(kf, "in-year-indicators", NULL, NULL);
  bool ok = true;
  for (int k = 0; keys && keys[k] && ok; k++) {
    char *v = g_key_file_get_string(kf, "in-year-indicators", keys[k], NULL);
    char *vs = v ? g_strstrip(v) : NULL;
    int kind = vs && strcmp(vs, "累计") == 0 ? 1 : vs && strcmp(vs, "时点") == 0 ? 2 : 0;
    if (!kind) {
      g_set_error(error, G_KEY_FILE_ERROR, G_KEY_FILE_ERROR_INVALID_VALUE,
                  "%s: [in-year-indicators] %s is neither 累计 nor 时点", path, keys[k]);
      ok = false;
    } else {
      g_hash_table_insert(c->accumulates, jx_text_key(keys[k]), GINT_TO_POINTER(kind));
    }
    g_free(v);
  }
  g_strfreev(keys);
  return ok;
}

static gint grade_order(gconstpointer a, gconstpointer b) {
  double x = (*(JxGrade *const *)a)->from, y = (*(JxGrade *const *)b)->from;
  return (x < y) - (x > y);
}

/* Reads every key of a section as a number into a table: kind 0 weights,
 * 1 grades, 2 phrases. */
static bool read_table(GKeyFile *kf, const char *path, const char *section, int kind,
                       JxAssessConfig *c, GError **error) {
  gchar **keys = g_key_file_get_keys(kf, section, NULL, NULL);
  if (!keys) {
    g_set_error(error, G_KEY_FILE_ERROR, G_KEY_FILE_ERROR_GROUP_NOT_FOUND, "%s: no [%s]", path,
                section);
    return false;
  }
  bool ok = true;
  for (int k = 0; ok && keys[k]; k++) {
    double v;
    if (!(ok = number(kf, path, section, keys[k], &v, error)))
      break;
    if (kind == 0) {
      JxWeight *w = g_new0(JxWeight, 1);
      w->label = g_strdup(keys[k]);
      w->points = v;
      g_ptr_array_add(c->weights, w);
    } else if (kind == 1) {
      JxGrade *g = g_new0(JxGrade, 1);
      g->name = g_strdup(keys[k]);
      g->from = v;
      g_ptr_array_add(c->grades, g);
    } else {
      JxPhrase *p = g_new0(JxPhrase, 1);
      p->phrase = g_strdup(keys[k]);
      p->ratio = v;
      g_ptr_array_add(c->phrases, p);
    }
  }
  g_strfreev(keys);
  return ok;
}

JxAssessConfig *jx_assess_config_load(const char *path, GError **error) {
  GKeyFile *kf = g_key_file_new();
  if (!g_key_file_load_from_file(kf, path, G_KEY_FILE_NONE, error)) {
    g_key_file_free(kf);
    return NULL;
  }
  JxAssessConfig *c = jx_assess_config_from_keys(kf, path, error);
  g_key_file_free(kf);
  return c;
}

JxAssessConfig *jx_assess_config_from_keys(GKeyFile *kf, const char *path, GError **error) {
  JxAssessConfig *c = g_new0(JxAssessConfig, 1);
  c->phrases = g_ptr_array_new_with_free_func((GDestroyNotify)phrase_free);
  c->not_applicable = g_ptr_array_new_with_free_func(g_free);
  c->weights = g_ptr_array_new_with_free_func((GDestroyNotify)weight_free);
  c->grades = g_ptr_array_new_with_free_func((GDestroyNotify)grade_free);
  c->accumulates = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, NULL);
  bool ok = number(kf, path, "assess", "partly-from", &c->partly_from, error) &&
            number(kf, path, "assess", "qualitative-met-from", &c->qual_met_from, error) &&
            number(kf, path, "assess", "qualitative-partly-from", &c->qual_partly_from, error) &&
            number(kf, path, "assess", "too-easy-above", &c->too_easy_above, error);
  if (ok) {
    GError *err = NULL;
    c->penalise_too_easy = g_key_file_get_boolean(kf, "assess", "penalise-too-easy", &err);
    if (err) {
      g_set_error(error, G_KEY_FILE_ERROR, G_KEY_FILE_ERROR_INVALID_VALUE,
                  "%s: [assess] penalise-too-easy is not true or false", path);
      g_error_free(err);
      ok = false;
    }
  }
  ok = ok && read_table(kf, path, "weights", 0, c, error) &&
       read_table(kf, path, "grades", 1, c, error) &&
       read_table(kf, path, "phrases", 2, c, error) && read_in_year(kf, path, c, error);
  if (ok) {
    gchar **na = g_key_file_get_string_list(kf, "not-applicable", "phrases", NULL, NULL);
    for (int k = 0; na && na[k]; k++)
      g_ptr_array_add(c->not_applicable, g_strstrip(g_strdup(na[k])));
    g_strfreev(na);
    g_ptr_array_sort(c->grades, grade_order);
  }
  if (!ok) {
    jx_assess_config_free(c);
    return NULL;
  }
  return c;
}

double jx_assess_weight(const JxAssessConfig *c, const char *label) {
  double other = 0;
  for (guint i = 0; i < c->weights->len; i++) {
    const JxWeight *w = g_ptr_array_index(c->weights, i);
    if (strcmp(w->label, label) == 0)
      return w->points;
    if (strcmp(w->label, "其他") == 0)
      other = w->points;
  }
  return other;
}

const char *jx_assess_grade(const JxAssessConfig *c, double total) {
  for (guint i = 0; i < c->grades->len; i++) {
    const JxGrade *g = g_ptr_array_index(c->grades, i);
    if (total >= g->from - 1e-9)
      return g->name;
  }
  return c->grades->len ? ((JxGrade *)g_ptr_array_index(c->grades, c->grades->len - 1))->name : "";
}

const char *jx_status_name(JxStatus s) {
  static const char *const names[] = {"达成",     "部分达成", "未达成",
                                      "无实际值", "不适用",   "无法评价"};
  return names[s];
}

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

/* ---- a project ---- */

bool jx_assess_accumulates(const JxIndicator *ind, const JxAssessConfig *c) {
  char *key = jx_text_key(ind->name);
  int kind = GPOINTER_TO_INT(g_hash_table_lookup(c->accumulates, key));
  g_free(key);
  if (kind)
    return kind == 1;
  const JxValue *t = ind->annual_target ? ind->annual_target : ind->period_target;
  if (!t || t->cmp == JX_CMP_NONE)
    return false;
  const JxValue *unit_of = t->parts ? g_ptr_array_index(t->parts, 0) : t;
  for (int i = 0; c->level_units[i]; i++)
    if (strcmp(g_strstrip(c->level_units[i]), unit_of->unit) == 0)
      return false;
  for (int i = 0; c->level_words[i]; i++)
    if (*c->level_words[i] && strstr(ind->name, g_strstrip(c->level_words[i])))
      return false;
  return true;
}

/* 序时进度 at period: the share of the year gone by the end of its month;
 * 1 for the year. */
static double progress_of(const char *period) {
  if (strlen(period) == 7)
    return atoi(period + 5) / 12.0;
  return 1;
}

/* The latest period of p's actuals and budget execution, "" when none. */
static const char *latest_period(const JxProject *p) {
  const char *best = "";
  for (guint i = 0; i < p->indicators->len; i++) {
    const JxIndicator *ind = g_ptr_array_index(p->indicators, i);
    for (guint k = 0; k < jx_indicator_actual_count(ind); k++) {
      const char *q = ((JxActual *)g_ptr_array_index(ind->actuals, k))->period;
      if (*q && (!*best || jx_period_compare(q, best) > 0))
        best = q;
    }
  }
  for (guint i = 0; i < p->executions->len; i++) {
    const char *q = ((JxExecution *)g_ptr_array_index(p->executions, i))->period;
    if (*q && (!*best || jx_period_compare(q, best) > 0))
      best = q;
  }
  return best;
}

/* The actual of ind at period; an actual without a period (a
 * self-evaluation export) stands for any. */
static const JxActual *actual_at(const JxIndicator *ind, const char *period) {
  const JxActual *loose = NULL;
  for (guint k = 0; k < jx_indicator_actual_count(ind); k++) {
    const JxActual *a = g_ptr_array_index(ind->actuals, k);
    if (strcmp(a->period, period) == 0)
      return a;
    if (!*a->period)
      loose = a;
  }
  return loose;
}

static void category_free(JxCategoryResult *cat) {
  g_free(cat->label);
  g_free(cat);
}

void jx_project_result_free(JxProjectResult *r) {
  if (!r)
    return;
  for (guint i = 0; i < r->indicators->len; i++)
    g_free(g_array_index(r->indicators, JxIndicatorResult, i).outcome.reason);
  g_array_free(r->indicators, TRUE);
  g_ptr_array_free(r->categories, TRUE);
  g_free(r->period);
  g_free(r);
}

/* The category of label at level in r, added when new. */
static JxCategoryResult *category(JxProjectResult *r, const char *label, int level) {
  for (guint i = 0; i < r->categories->len; i++) {
    JxCategoryResult *cat = g_ptr_array_index(r->categories, i);
    if (cat->level == level && strcmp(cat->label, label) == 0)
      return cat;
  }
  JxCategoryResult *cat = g_new0(JxCategoryResult, 1);
  cat->label = g_strdup(label);
  cat->level = level;
  g_ptr_array_add(r->categories, cat);
  return cat;
}

/* The points a 一级 label carries: the table's （50分）, else the rules'. */
static double group_points(const JxProject *p, const JxIndicator *ind, const JxAssessConfig *c) {
  for (guint i = 0; i < p->weights->len; i++) {
    const JxGroupWeight *w = g_ptr_array_index(p->weights, i);
    if (strcmp(w->level1, ind->level1) == 0)
      return jx_decimal_to_double(w->weight);
  }
  return jx_assess_weight(c, jx_group_name(ind->group));
}

/* Budget execution at period: the rate given, else executed ÷ budget; *at
 * is its record. */
static bool execution_rate(const JxProject *p, const char *period, double *rate,
                           const JxExecution **at) {
  for (guint i = 0; i < p->executions->len; i++) {
    const JxExecution *e = g_ptr_array_index(p->executions, i);
    if (strcmp(e->period, period) != 0)
      continue;
    *at = e;
    if (e->has_rate) {
      *rate = jx_decimal_to_double(e->rate) / 100;
      return true;
    }
    if (e->has_executed && p->funds.has_total && p->funds.total > 0) {
      *rate = (double)e->executed / (double)p->funds.total;
      return true;
    }
  }
  return false;
}

/* In year: an accumulating indicator is measured against what is due by
 * then (the annual value × 序时进度), a level against the annual value; either
 * is 滞后 when short of it by more than the lag. */
static void in_year(JxIndicatorResult *res, const JxValue *target, double progress,
                    const JxAssessConfig *c) {
  JxOutcome *o = &res->outcome;
  bool scored =
      o->status == JX_STATUS_MET || o->status == JX_STATUS_PARTLY || o->status == JX_STATUS_UNMET;
  if (!scored || progress >= 1)
    return;
  if (res->accumulates && target &&
      (target->cmp == JX_CMP_GE || target->cmp == JX_CMP_GT || target->cmp == JX_CMP_LE ||
       target->cmp == JX_CMP_LT)) {
    bool positive = target->cmp == JX_CMP_GE || target->cmp == JX_CMP_GT;
    o->ratio = positive ? o->ratio / progress : o->ratio * progress;
    o->status = o->ratio >= 1 - 1e-9         ? JX_STATUS_MET
                : o->ratio >= c->partly_from ? JX_STATUS_PARTLY
                                             : JX_STATUS_UNMET;
    o->too_easy = false; /* over the pace is not a target set too low */
  }
  res->lagging = o->ratio < 1 - c->lag;
}

JxProjectResult *jx_assess_project(const JxProject *p, const char *period, const JxAssessConfig *c,
                                   JxDiag *diag) {
  JxProjectResult *r = g_new0(JxProjectResult, 1);
  r->project = p;
  r->period = g_strdup(period ? period : latest_period(p));
  r->progress = progress_of(r->period);
  r->indicators = g_array_sized_new(FALSE, TRUE, sizeof(JxIndicatorResult), p->indicators->len);
  r->categories = g_ptr_array_new_with_free_func((GDestroyNotify)category_free);
  guint n = p->indicators->len;

  /* each indicator against its annual target (the period's when it has none) */
  bool table_weights = false;
  for (guint i = 0; i < n; i++) {
    const JxIndicator *ind = g_ptr_array_index(p->indicators, i);
    JxIndicatorResult res = {0};
    res.indicator = ind;
    res.actual = actual_at(ind, r->period);
    const JxValue *target = ind->annual_target ? ind->annual_target : ind->period_target;
    jx_assess_value(target, res.actual ? res.actual->value : NULL, c, &res.outcome);
    res.accumulates = jx_assess_accumulates(ind, c);
    in_year(&res, target, r->progress, c);
    table_weights |= ind->has_weight;
    g_array_append_val(r->indicators, res);
  }

  /* raw weights: the table's 分值, else each category's points split over
   * its indicators that apply */
  double *raw = g_new0(double, n + 1);
  /* how many indicators that apply share each category (its group and 一级
   * label), counted in one pass: a project of 100,000 indicators is not
   * 10^10 comparisons */
  GHashTable *shares = g_hash_table_new_full(g_str_hash, g_str_equal, NULL, g_free);
  for (guint k = 0; k < n; k++) {
    const JxIndicatorResult *o = &g_array_index(r->indicators, JxIndicatorResult, k);
    if (o->outcome.status == JX_STATUS_NOT_APPLICABLE)
      continue;
    guint *count = g_hash_table_lookup(shares, o->indicator->level1);
    if (!count) {
      count = g_new0(guint, JX_GROUP_OTHER + 1);
      g_hash_table_insert(shares, (gpointer)o->indicator->level1, count);
    }
    count[o->indicator->group]++;
  }
  for (guint i = 0; i < n; i++) {
    JxIndicatorResult *res = &g_array_index(r->indicators, JxIndicatorResult, i);
    const JxIndicator *ind = res->indicator;
    if (res->outcome.status == JX_STATUS_NOT_APPLICABLE)
      continue;
    if (table_weights) {
      raw[i] = ind->has_weight ? jx_decimal_to_double(ind->weight) : 0;
      continue;
    }
    const guint *count = g_hash_table_lookup(shares, ind->level1);
    raw[i] = group_points(p, ind, c) / count[ind->group];
  }
  g_hash_table_destroy(shares);
  const JxExecution *exec = NULL;
  r->has_execution = execution_rate(p, r->period, &r->execution_rate, &exec);
  /* budget execution's points: the form's 分值 / 权重, else the rules' */
  double exec_raw = !r->has_execution  ? 0
                    : exec->has_weight ? jx_decimal_to_double(exec->weight)
                                       : jx_assess_weight(c, "预算执行率");

  double sum = exec_raw, full = exec_raw;
  for (guint i = 0; i < n; i++) {
    sum += raw[i];
    const JxIndicator *ind = g_ptr_array_index(p->indicators, i);
    full += table_weights && ind->has_weight ? jx_decimal_to_double(ind->weight) : 0;
  }
  double scale;
  if (table_weights) {
    /* points as printed: 预算执行率 10 + 绩效指标 90 is the national rule;
     * points that add up to something else are scored as printed and the
     * total is out of what they add up to, never rescaled */
    scale = 1;
    r->out_of = sum;
    if (diag && fabs(full - 100) > 0.005 && n > 0) {
      const JxIndicator *first = g_ptr_array_index(p->indicators, 0);
      jx_diag_add_at(diag, JX_WARNING, first->loc.file, first->loc.line, first->loc.col,
                     "the points of '%s' add up to %g (预算执行率 %g + 绩效指标 %g), not 100: it "
                     "is scored as printed, out of %g, and graded on its score × 100 ÷ %g",
                     p->name, full, exec_raw, full - exec_raw, sum, sum);
    }
  } else {
    /* points of the rules, split: categories without an indicator that
     * applies, and indicators left out, give theirs to the rest in
     * proportion */
    scale = sum > 0 ? 100 / sum : 0;
    r->out_of = 100;
  }
  r->execution_weight = exec_raw * scale;
  /* a form's printed points of budget execution stand, and the rules'
   * indicator points fill the rest: 10 + 90 */
  if (!table_weights && exec && exec->has_weight && sum > exec_raw && exec_raw < 100) {
    scale = (100 - exec_raw) / (sum - exec_raw);
    r->execution_weight = exec_raw;
  }
  /* in year, the rate counts against 序时进度 */
  double due = r->execution_rate / r->progress;
  r->execution_score = fmin(fmax(due, 0), 1) * r->execution_weight;
  r->execution_lagging = r->has_execution && r->progress - r->execution_rate > c->lag;
  if (diag && exec && *exec->score) {
    JxDecimal given;
    if (jx_decimal_parse(exec->score, &given) &&
        fabs(jx_decimal_to_double(given) - r->execution_score) > 0.01)
      jx_diag_add_at(diag, JX_WARNING, exec->loc.file, exec->loc.line, exec->loc.col,
                     "budget execution of '%s' reports 得分 %s; its score computes to %.2f",
                     p->name, exec->score, r->execution_score);
  }
  r->total = r->execution_score;
  for (guint i = 0; i < n; i++) {
    JxIndicatorResult *res = &g_array_index(r->indicators, JxIndicatorResult, i);
    res->weight = raw[i] * scale;
    res->score = jx_assess_score(&res->outcome, res->weight, c);
    r->total += res->score;
    r->counts[res->outcome.status]++;
    const JxIndicator *ind = res->indicator;
    JxCategoryResult *c1 = category(r, *ind->level1 ? ind->level1 : "其他", 1);
    c1->weight += res->weight;
    c1->score += res->score;
    c1->counts[res->outcome.status]++;
    if (*ind->level2) {
      JxCategoryResult *c2 = category(r, ind->level2, 2);
      c2->weight += res->weight;
      c2->score += res->score;
      c2->counts[res->outcome.status]++;
    }
    /* what cannot be assessed is said, naming the actual */
    if (diag && res->outcome.status == JX_STATUS_UNASSESSABLE) {
      JxLoc at = res->actual ? res->actual->loc : ind->loc;
      jx_diag_add_at(diag, res->outcome.error ? JX_ERROR : JX_WARNING, at.file, at.line, at.col,
                     "'%s' cannot be assessed: %s", ind->name, res->outcome.reason);
    }
    /* a 得分 in the table is checked: arithmetic errors in submitted tables */
    if (diag && res->actual && *res->actual->score) {
      JxDecimal given;
      if (jx_decimal_parse(res->actual->score, &given) &&
          fabs(jx_decimal_to_double(given) - res->score) > 0.01)
        jx_diag_add_at(diag, JX_WARNING, res->actual->loc.file, res->actual->loc.line,
                       res->actual->loc.col, "'%s' reports 得分 %s; its score computes to %.2f",
                       ind->name, res->actual->score, res->score);
    }
  }
  g_free(raw);
  r->percent = r->out_of > 0 ? r->total * 100 / r->out_of : 0;
  r->grade = jx_assess_grade(c, r->percent);
  return r;
}

static gint result_order(gconstpointer a, gconstpointer b) {
  return jx_period_compare((*(JxProjectResult *const *)a)->period,
                           (*(JxProjectResult *const *)b)->period);
}

/* Adds p assessed at q to series unless it has that period already. */
static void add_period(GPtrArray *series, const JxProject *p, const char *q,
                       const JxAssessConfig *c) {
  for (guint i = 0; i < series->len; i++)
    if (strcmp(((JxProjectResult *)g_ptr_array_index(series, i))->period, q) == 0)
      return;
  g_ptr_array_add(series, jx_assess_project(p, q, c, NULL));
}

GPtrArray *jx_assess_periods(const JxProject *p, const JxAssessConfig *c) {
  GPtrArray *series = g_ptr_array_new_with_free_func((GDestroyNotify)jx_project_result_free);
  for (guint i = 0; i < p->indicators->len; i++) {
    const JxIndicator *ind = g_ptr_array_index(p->indicators, i);
    for (guint k = 0; k < jx_indicator_actual_count(ind); k++)
      add_period(series, p, ((JxActual *)g_ptr_array_index(ind->actuals, k))->period, c);
  }
  for (guint i = 0; i < p->executions->len; i++)
    add_period(series, p, ((JxExecution *)g_ptr_array_index(p->executions, i))->period, c);
  g_ptr_array_sort(series, result_order);
  return series;
}

void jx_department_result_free(JxDepartmentResult *r) {
  if (!r)
    return;
  g_ptr_array_free(r->projects, TRUE);
  jx_project_result_free(r->whole);
  g_free(r);
}

JxDepartmentResult *jx_assess_department(const JxDepartment *d, const char *period,
                                         const JxAssessConfig *c, JxDiag *diag) {
  JxDepartmentResult *r = g_new0(JxDepartmentResult, 1);
  r->department = d;
  r->projects = g_ptr_array_new_with_free_func((GDestroyNotify)jx_project_result_free);
  double funds = 0, weighted = 0, plain = 0;
  for (guint i = 0; i < d->projects->len; i++) {
    const JxProject *p = g_ptr_array_index(d->projects, i);
    JxProjectResult *pr = jx_assess_project(p, period, c, diag);
    bool reported = pr->has_execution;
    for (guint k = 0; k < pr->indicators->len && !reported; k++)
      reported = g_array_index(pr->indicators, JxIndicatorResult, k).actual != NULL;
    if (!reported) {
      jx_project_result_free(pr);
      continue;
    }
    /* the department's own evaluation stands beside its projects' mean */
    if (p->whole) {
      jx_project_result_free(r->whole);
      r->whole = pr;
      continue;
    }
    double f = p->funds.has_total && p->funds.total > 0 ? (double)p->funds.total : 0;
    funds += f;
    weighted += f * pr->percent;
    plain += pr->percent;
    for (int s = 0; s < JX_STATUS_COUNT; s++)
      r->counts[s] += pr->counts[s];
    g_ptr_array_add(r->projects, pr);
  }
  /* a project without funds makes the weighting meaningless: an even mean */
  bool all_funded = true;
  for (guint i = 0; i < r->projects->len; i++) {
    const JxProject *p = ((JxProjectResult *)g_ptr_array_index(r->projects, i))->project;
    all_funded &= p->funds.has_total && p->funds.total > 0;
  }
  if (r->projects->len)
    r->total = all_funded && funds > 0 ? weighted / funds : plain / r->projects->len;
  r->grade = jx_assess_grade(c, r->total);
  return r;
}
