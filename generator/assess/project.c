/* project.c - a project assessed: each indicator, the weights as printed or
 * of the rules, budget execution, the total and grade; a department's
 * projects and their mean; the series of periods. */
#include "assess/assess.h"

#include "read/table.h"
#include "model/text.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

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
  for (guint i = 0; i < r->indicators->len; i++) {
    JxIndicatorResult *res = &g_array_index(r->indicators, JxIndicatorResult, i);
    g_free(res->outcome.reason);
    g_free(res->light_reason);
  }
  g_free(r->execution_reason);
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

/* An indicator of a scoring sheet (a department-whole evaluation: 分值,
 * 评分标准 and 自评得分, no target value) is scored as the sheet scores it:
 * its completion is 得分 ÷ 分值, in the tiers 100–80 %, 80–60 %, 60–0 %. */
static void scoring_sheet(const JxIndicator *ind, const JxValue *target, const JxActual *a,
                          const JxAssessConfig *c, JxOutcome *o) {
  JxDecimal given;
  if (target || !a || !*a->score || !ind->has_weight || jx_decimal_to_double(ind->weight) <= 0 ||
      (a->value && !jx_text_is_blank(a->value->raw)) || !jx_decimal_parse(a->score, &given))
    return;
  g_free(o->reason);
  memset(o, 0, sizeof *o);
  o->ratio = jx_decimal_to_double(given) / jx_decimal_to_double(ind->weight);
  o->status = o->ratio >= c->qual_met_from      ? JX_STATUS_MET
              : o->ratio >= c->qual_partly_from ? JX_STATUS_PARTLY
                                                : JX_STATUS_UNMET;
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
    scoring_sheet(ind, target, res.actual, c, &res.outcome);
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
  jx_assess_lights(r, c);
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
