/* report.c - a department's report as a document. */
#include "report/report.h"

#include "report/chart.h"
#include "model/decimal.h"
#include "read/table.h"
#include "model/text.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

/* What a report is built with. */
typedef struct {
  JxDocument *doc;
  const JxDepartment *d;
  const JxReportOptions *o;
  const JxTemplate *t;
  const JxAssessConfig *rules;
  const char *places[16]; /* placeholder, value pairs; NULL-terminated */
  int count[4];           /* the numbers of the headings by level */
} Report;

/* A text of the template's [texts] with the report's placeholders filled.
 * Caller frees. */
static char *text_of(const Report *r, const char *key) {
  return jx_text_fill(jx_template_text(r->t, "texts", key), r->places);
}

char *jx_report_number(const char *pattern, int n) {
  char cn[16], digits[16];
  g_snprintf(digits, sizeof digits, "%d", n);
  const char *pairs[] = {"{一}", jx_report_numeral(n, cn), "{1}", digits, NULL};
  return jx_text_fill(pattern, pairs);
}

/* Appends a heading of level 1..4, numbered as the template says, in the
 * PDF outline one level under the level above it (the department, from
 * the cover, is the outline's top). */
static JxBlock *heading(Report *r, int level, const char *text) {
  static const JxRole roles[] = {JX_ROLE_HEADING1, JX_ROLE_HEADING2, JX_ROLE_HEADING3,
                                 JX_ROLE_HEADING3};
  r->count[level - 1]++;
  for (int k = level; k < 4; k++)
    r->count[k] = 0;
  char *number = jx_report_number(r->t->numbering[level - 1], r->count[level - 1]);
  /* a number of digits is followed by a space: "1. 项目资金" */
  size_t n = strlen(number);
  const char *gap = n && g_ascii_isdigit(number[0]) && number[n - 1] == '.' ? " " : "";
  char *full = g_strconcat(number, gap, text, NULL);
  JxBlock *b = jx_document_heading(r->doc, roles[level - 1], full, level + 1);
  b->outline_title = g_strdup(text);
  g_free(full);
  g_free(number);
  return b;
}

const char *jx_report_numeral(int n, char *buf) {
  static const char *const digits[] = {"", "一", "二", "三", "四", "五", "六", "七", "八", "九"};
  if (n < 1 || n > 99) {
    g_snprintf(buf, 16, "%d", n);
    return buf;
  }
  int tens = n / 10, ones = n % 10;
  g_snprintf(buf, 16, "%s%s%s", tens > 1 ? digits[tens] : "", tens ? "十" : "", digits[ones]);
  return buf;
}

/* A table of columns whose header row starts with the n texts of head,
 * centred (callers may add header cells after them). */
static JxBlock *headed_table(JxDocument *doc, guint columns, const char *const *head, guint n) {
  JxBlock *t = jx_document_table(doc, columns, 1);
  jx_block_row(t);
  for (guint i = 0; i < n; i++)
    jx_block_cell(t, head[i], JX_ALIGN_CENTER, false);
  return t;
}

/* The funds of d's projects added up; an amount counts as given when any
 * project gives it. */
static JxFunds funds_sum(const JxDepartment *d) {
  JxFunds sum = {0};
  for (guint i = 0; i < d->projects->len; i++) {
    const JxFunds *f = &((const JxProject *)g_ptr_array_index(d->projects, i))->funds;
    sum.total += f->total;
    sum.fiscal += f->fiscal;
    sum.special += f->special;
    sum.other += f->other;
    sum.has_total |= f->has_total;
    sum.has_fiscal |= f->has_fiscal;
    sum.has_special |= f->has_special;
    sum.has_other |= f->has_other;
  }
  return sum;
}

/* An amount as the table shows it: 1,250.00; blank when not given. */
static const char *money(int64_t v, bool has, char *buf) {
  if (!has)
    return "";
  return jx_amount_format(v, true, buf);
}

/* The latest period any indicator of p has an actual for, or NULL: the year
 * end after its months. */
static const char *latest_period(const JxProject *p) {
  const char *best = NULL;
  for (guint i = 0; i < p->indicators->len; i++) {
    const JxIndicator *ind = g_ptr_array_index(p->indicators, i);
    guint n = jx_indicator_actual_count(ind);
    if (n == 0)
      continue;
    /* actuals are sorted by period: the last is the latest */
    const char *period = ((JxActual *)g_ptr_array_index(ind->actuals, n - 1))->period;
    if (!best || jx_period_compare(period, best) > 0)
      best = period;
  }
  return best;
}

/* "2024年" or "2024年6月" for a period. */
static char *period_label(const char *period) {
  if (!period || !*period)
    return g_strdup("");
  if (strlen(period) == 7)
    return g_strdup_printf("%.4s年%d月", period, atoi(period + 5));
  return g_strdup_printf("%s年", period);
}

/* The budget execution of p at period, or its latest (NULL: the latest);
 * NULL when none is reported. */
static const JxExecution *execution_at(const JxProject *p, const char *period) {
  const JxExecution *latest = NULL;
  for (guint i = 0; i < p->executions->len; i++) {
    const JxExecution *e = g_ptr_array_index(p->executions, i);
    if (period && strcmp(e->period, period) == 0)
      return e;
    if (!period && (!latest || jx_period_compare(e->period, latest->period) > 0))
      latest = e;
  }
  return latest;
}

/* The actual of ind for period, or NULL. */
static const JxActual *actual_at(const JxIndicator *ind, const char *period) {
  for (guint i = 0; i < jx_indicator_actual_count(ind); i++) {
    const JxActual *a = g_ptr_array_index(ind->actuals, i);
    if (strcmp(a->period, period) == 0)
      return a;
  }
  return NULL;
}

static void funds_cells(JxBlock *t, const JxFunds *f) {
  char buf[32];
  jx_block_cell(t, money(f->total, f->has_total, buf), JX_ALIGN_RIGHT, false);
  jx_block_cell(t, money(f->fiscal, f->has_fiscal, buf), JX_ALIGN_RIGHT, false);
  jx_block_cell(t, money(f->special, f->has_special, buf), JX_ALIGN_RIGHT, false);
  jx_block_cell(t, money(f->other, f->has_other, buf), JX_ALIGN_RIGHT, false);
}

/* 序号 | 项目名称 | 总计 | 财政拨款 | 财政专户拨款 | 其他资金, with a 合计 row. */
static void funds_table(JxDocument *doc, const JxDepartment *d) {
  static const char *const head[] = {"序号",     "项目名称",     "总计",
                                     "财政拨款", "财政专户拨款", "其他资金"};
  JxBlock *t = headed_table(doc, 6, head, G_N_ELEMENTS(head));
  for (guint i = 0; i < d->projects->len; i++) {
    const JxProject *p = g_ptr_array_index(d->projects, i);
    char n[16];
    g_snprintf(n, sizeof n, "%u", i + 1);
    jx_block_row(t);
    jx_block_cell(t, n, JX_ALIGN_CENTER, false);
    jx_block_cell(t, p->name, JX_ALIGN_LEFT, false);
    funds_cells(t, &p->funds);
  }
  JxFunds sum = funds_sum(d);
  char buf[32];
  jx_block_row(t);
  jx_block_cell(t, "", JX_ALIGN_CENTER, true);
  jx_block_cell(t, "合计", JX_ALIGN_CENTER, true);
  jx_block_cell(t, money(sum.total, sum.has_total, buf), JX_ALIGN_RIGHT, true);
  jx_block_cell(t, money(sum.fiscal, sum.has_fiscal, buf), JX_ALIGN_RIGHT, true);
  jx_block_cell(t, money(sum.special, sum.has_special, buf), JX_ALIGN_RIGHT, true);
  jx_block_cell(t, money(sum.other, sum.has_other, buf), JX_ALIGN_RIGHT, true);
  t->min_share = g_new0(double, 6);
  t->min_share[1] = 0.3; /* the names */
}

/* The project's funds, and its budget execution where reported. */
static void project_funds(JxDocument *doc, const JxProject *p, const char *period) {
  const JxExecution *e = execution_at(p, period);
  guint cols = e ? 7 : 4;
  static const char *const head[] = {"总计", "财政拨款", "财政专户拨款", "其他资金"};
  JxBlock *t = headed_table(doc, cols, head, G_N_ELEMENTS(head));
  char *when = e ? period_label(e->period) : NULL;
  if (e) {
    char *h = g_strdup_printf("执行数\n（%s）", when);
    jx_block_cell(t, h, JX_ALIGN_CENTER, false);
    g_free(h);
    jx_block_cell(t, "执行率", JX_ALIGN_CENTER, false);
    jx_block_cell(t, "序时进度", JX_ALIGN_CENTER, false);
  }
  jx_block_row(t);
  funds_cells(t, &p->funds);
  if (e) {
    char buf[32], rate[32] = "", timing[32] = "";
    if (e->has_rate) {
      char d[32];
      g_snprintf(rate, sizeof rate, "%s%%", jx_decimal_format(e->rate, d, sizeof d));
    } else if (e->has_executed && p->funds.has_total && p->funds.total > 0) {
      g_snprintf(rate, sizeof rate, "%.2f%%", 100.0 * (double)e->executed / (double)p->funds.total);
    }
    /* the share of the year gone by the end of the period's month */
    int month = strlen(e->period) == 7 ? atoi(e->period + 5) : 12;
    g_snprintf(timing, sizeof timing, "%.2f%%", 100.0 * month / 12);
    jx_block_cell(t, money(e->executed, e->has_executed, buf), JX_ALIGN_RIGHT, false);
    jx_block_cell(t, rate, JX_ALIGN_RIGHT, false);
    jx_block_cell(t, timing, JX_ALIGN_RIGHT, false);
  }
  g_free(when);
}

/* 序号 | 一级 | 二级 | 三级 | 实施周期指标值 | 年度指标值 [| 实际完成值]. */
static void indicator_table(JxDocument *doc, const JxProject *p, const char *asked) {
  const char *period = asked ? asked : latest_period(p);
  guint cols = period ? 7 : 6;
  static const char *const head[] = {"序号",     "一级指标",       "二级指标",
                                     "三级指标", "实施周期指标值", "年度指标值"};
  JxBlock *t = headed_table(doc, cols, head, G_N_ELEMENTS(head));
  if (period) {
    char *when = period_label(period);
    char *h = g_strdup_printf("实际完成值\n（%s）", when);
    jx_block_cell(t, h, JX_ALIGN_CENTER, false);
    g_free(h);
    g_free(when);
  }
  for (guint i = 0; i < p->indicators->len; i++) {
    const JxIndicator *ind = g_ptr_array_index(p->indicators, i);
    char n[16];
    g_snprintf(n, sizeof n, "%d", ind->seq);
    jx_block_row(t);
    jx_block_cell(t, n, JX_ALIGN_CENTER, false);
    jx_block_cell(t, ind->level1, JX_ALIGN_LEFT, false);
    jx_block_cell(t, ind->level2, JX_ALIGN_LEFT, false);
    jx_block_cell(t, ind->name, JX_ALIGN_LEFT, false);
    jx_block_cell(t, ind->period_target ? ind->period_target->raw : "", JX_ALIGN_LEFT, false);
    jx_block_cell(t, ind->annual_target ? ind->annual_target->raw : "", JX_ALIGN_LEFT, false);
    if (period) {
      const JxActual *a = actual_at(ind, period);
      jx_block_cell(t, a && a->value ? a->value->raw : "", JX_ALIGN_LEFT, false);
    }
  }
}

/* A bullet row for an assessed indicator; false when there is nothing to
 * show (no actual, not applicable, not assessable). */
static bool bullet_row(const JxIndicatorResult *res, JxBulletRow *row) {
  const JxOutcome *o = &res->outcome;
  if (o->status != JX_STATUS_MET && o->status != JX_STATUS_PARTLY && o->status != JX_STATUS_UNMET)
    return false;
  const JxIndicator *ind = res->indicator;
  const JxValue *t = ind->annual_target ? ind->annual_target : ind->period_target;
  const JxValue *a = res->actual->value;
  memset(row, 0, sizeof *row);
  row->name = (char *)ind->name;
  row->values = g_strdup_printf("实际 %s ／ 目标 %s", a->raw, t->raw);
  row->status = o->status;
  row->ratio = o->ratio;
  bool scalar =
      !t->parts && a->cmp != JX_CMP_NONE &&
      (t->cmp == JX_CMP_GE || t->cmp == JX_CMP_GT || t->cmp == JX_CMP_LE || t->cmp == JX_CMP_LT);
  row->qualitative = !scalar;
  if (scalar) {
    /* the actual in the target's unit, from the completion (which has the
     * units reconciled): 正向 actual = ratio × target, 反向 target ÷ ratio */
    row->reverse = t->cmp == JX_CMP_LE || t->cmp == JX_CMP_LT;
    row->target = jx_decimal_to_double(t->number);
    row->unit = t->unit;
    row->actual = !row->reverse  ? o->ratio * row->target
                  : o->ratio > 0 ? row->target / o->ratio
                                 : 10 * row->target;
  }
  return true;
}

/* In year: when p has actuals for two months or more, each quantitative
 * indicator's values month by month, charts of at most CHART_ROWS rows. */
static void project_trends(Report *rp, const JxProject *p);

/* Rows a bullet chart holds at most: 8 rows of 4 lines fit a page. */
#define CHART_ROWS 8

/* The bullet rows of an assessed indicator: one, or one a sub-target
 * ("舆情监控 · 《舆情月报》"), each assessed alone; none when there is
 * nothing to show. */
static GArray *bullet_rows(const JxIndicatorResult *res, const JxAssessConfig *rules) {
  GArray *rows = g_array_new(FALSE, TRUE, sizeof(JxBulletRow));
  JxBulletRow row;
  const JxIndicator *ind = res->indicator;
  const JxValue *t = ind->annual_target ? ind->annual_target : ind->period_target;
  const JxValue *a = res->actual ? res->actual->value : NULL;
  if (t && t->parts && a && a->parts && a->parts->len == t->parts->len && bullet_row(res, &row)) {
    g_free(row.values);
    for (guint k = 0; k < t->parts->len; k++) {
      const JxValue *tp = g_ptr_array_index(t->parts, k), *ap = g_ptr_array_index(a->parts, k);
      JxIndicatorResult part = *res;
      jx_assess_value(tp, ap, rules, &part.outcome);
      /* a row of its own, as if the part were the indicator */
      JxIndicator one = *ind;
      one.annual_target = (JxValue *)tp;
      one.period_target = NULL;
      JxActual actual = *res->actual;
      actual.value = (JxValue *)ap;
      part.indicator = &one;
      part.actual = &actual;
      if (bullet_row(&part, &row)) {
        row.name = g_strdup_printf("%s · %s", ind->name, *tp->label ? tp->label : tp->raw);
        g_array_append_val(rows, row);
      }
      g_free(part.outcome.reason);
    }
    return rows;
  }
  if (bullet_row(res, &row))
    g_array_append_val(rows, row);
  return rows;
}

/* One bullet chart per 一级 category of p, assessed as r. */
static void project_charts(Report *rp, const JxProject *p, const JxProjectResult *r) {
  JxDocument *doc = rp->doc;
  const JxAssessConfig *rules = rp->rules;
  GPtrArray *charts = g_ptr_array_new();
  for (guint i = 0; i < r->indicators->len; i++) {
    const JxIndicatorResult *res = &g_array_index(r->indicators, JxIndicatorResult, i);
    GArray *rows = bullet_rows(res, rules);
    for (guint n = 0; n < rows->len; n++) {
      JxBulletRow row = g_array_index(rows, JxBulletRow, n);
      const char *label = *res->indicator->level1 ? res->indicator->level1 : "其他";
      /* the category's latest chart; a full one is followed by its 续 so that
       * no chart is taller than a page (a row takes at most 4 lines) */
      JxBulletChart *chart = NULL;
      guint part = 0;
      for (guint k = 0; k < charts->len; k++) {
        JxBulletChart *c = g_ptr_array_index(charts, k);
        if (g_str_has_prefix(c->title, label) &&
            (c->title[strlen(label)] == '\0' ||
             g_str_has_prefix(c->title + strlen(label), "（续"))) {
          chart = c;
          part++;
        }
      }
      if (!chart || chart->rows->len >= CHART_ROWS) {
        char *title = part ? g_strdup_printf("%s（续）", label) : g_strdup(label);
        chart = jx_bullets_new(title);
        g_free(title);
        g_ptr_array_add(charts, chart);
      }
      jx_bullets_add(chart, &row);
      g_free(row.values);
      if (row.name != res->indicator->name)
        g_free(row.name);
    }
    g_array_free(rows, TRUE);
  }
  if (charts->len) {
    char *when = period_label(r->period);
    char *name = text_of(rp, "project-charts");
    char *title = g_strdup_printf("%s（%s）", name, when);
    heading(rp, 3, title);
    g_free(title);
    g_free(name);
    g_free(when);
    /* the score by category first: what the bullets below add up to */
    char *head = g_strdup_printf("得分 %.2f（%s）", r->total, r->grade);
    JxScoreChart *sc = jx_scores_new(head);
    g_free(head);
    for (guint i = 0; i < r->categories->len; i++) {
      const JxCategoryResult *cat = g_ptr_array_index(r->categories, i);
      if (cat->level == 1 && cat->weight > 0)
        jx_scores_add(sc, cat->label, cat->weight, cat->score);
    }
    if (r->has_execution)
      jx_scores_add(sc, "预算执行率", r->execution_weight, r->execution_score);
    JxBlock *f = jx_document_figure(doc, jx_scores_draw, sc, (GDestroyNotify)jx_scores_free);
    f->figure_name = g_strdup_printf("%s-得分", p->name);
    jx_document_space(doc, 6);
  }
  for (guint k = 0; k < charts->len; k++) {
    JxBulletChart *chart = g_ptr_array_index(charts, k);
    JxBlock *f = jx_document_figure(doc, jx_bullets_draw, chart, (GDestroyNotify)jx_bullets_free);
    /* files of their own need names of their own: 产出指标（续）-2, -3 … */
    guint same = 0;
    for (guint j = 0; j < k; j++)
      same += strcmp(((JxBulletChart *)g_ptr_array_index(charts, j))->title, chart->title) == 0;
    f->figure_name = same ? g_strdup_printf("%s-%s-%u", p->name, chart->title, same + 1)
                          : g_strdup_printf("%s-%s", p->name, chart->title);
    jx_document_space(doc, 6);
  }
  g_ptr_array_free(charts, TRUE);
}

/* Projects a department chart holds at most: rows of two lines fit a page. */
#define DEPARTMENT_ROWS 16

/* 三、绩效得分汇总: every project's score with the grade bands, and the
 * completion of each by category. */
static void department_charts(Report *rp, const JxDepartmentResult *dr) {
  JxDocument *doc = rp->doc;
  const JxDepartment *d = rp->d;
  if (dr->projects->len == 0)
    return;
  /* charts of at most DEPARTMENT_ROWS projects each, so none is taller
   * than a page */
  JxBlock *f = NULL;
  guint part = 0;
  JxScoreChart *sc = NULL;
  for (guint i = 0; i < dr->projects->len; i++) {
    if (i % DEPARTMENT_ROWS == 0) {
      char *head =
          part ? g_strdup_printf("部门得分（续）")
               : g_strdup_printf("部门得分 %.2f（%s，按项目资金加权）", dr->total, dr->grade);
      sc = jx_scores_new(head);
      g_free(head);
      sc->grades = rp->rules->grades;
      f = jx_document_figure(doc, jx_scores_draw, sc, (GDestroyNotify)jx_scores_free);
      f->figure_name = part++ ? g_strdup_printf("%s-项目得分-%u", d->name, part)
                              : g_strdup_printf("%s-项目得分", d->name);
    }
    const JxProjectResult *r = g_ptr_array_index(dr->projects, i);
    jx_scores_add(sc, r->project->name, 100, r->total);
  }
  jx_document_space(doc, 10);

  /* the categories any project has, in the order met, and 预算执行率 */
  GPtrArray *columns = g_ptr_array_new_with_free_func(g_free);
  for (guint i = 0; i < dr->projects->len; i++) {
    const JxProjectResult *r = g_ptr_array_index(dr->projects, i);
    for (guint k = 0; k < r->categories->len; k++) {
      const JxCategoryResult *cat = g_ptr_array_index(r->categories, k);
      bool known = cat->level != 1;
      for (guint c = 0; c < columns->len && !known; c++)
        known = strcmp(g_ptr_array_index(columns, c), cat->label) == 0;
      if (!known)
        g_ptr_array_add(columns, g_strdup(cat->label));
    }
  }
  g_ptr_array_add(columns, g_strdup("预算执行率"));
  JxHeatMap *m = NULL;
  double *row = g_new(double, columns->len);
  part = 0;
  for (guint i = 0; i < dr->projects->len; i++) {
    if (i % DEPARTMENT_ROWS == 0) {
      m = jx_heat_new(part ? "各项目分类完成度（续）" : "各项目分类完成度（得分 ÷ 分值）", columns);
      f = jx_document_figure(doc, jx_heat_draw, m, (GDestroyNotify)jx_heat_free);
      f->figure_name = part++ ? g_strdup_printf("%s-分类完成度-%u", d->name, part)
                              : g_strdup_printf("%s-分类完成度", d->name);
    }
    const JxProjectResult *r = g_ptr_array_index(dr->projects, i);
    for (guint c = 0; c < columns->len; c++) {
      row[c] = NAN;
      if (c == columns->len - 1) {
        if (r->has_execution && r->execution_weight > 0)
          row[c] = r->execution_score / r->execution_weight;
        continue;
      }
      for (guint k = 0; k < r->categories->len; k++) {
        const JxCategoryResult *cat = g_ptr_array_index(r->categories, k);
        if (cat->level == 1 && cat->weight > 0 &&
            strcmp(cat->label, g_ptr_array_index(columns, c)) == 0)
          row[c] = cat->score / cat->weight;
      }
    }
    jx_heat_add(m, r->project->name, row);
  }
  g_free(row);
  g_ptr_array_free(columns, TRUE);
}

static void project_trends(Report *rp, const JxProject *p) {
  JxDocument *doc = rp->doc;
  GPtrArray *series = jx_assess_periods(p, rp->rules);
  GPtrArray *months = g_ptr_array_new(); /* JxProjectResult * of months */
  for (guint i = 0; i < series->len; i++) {
    JxProjectResult *r = g_ptr_array_index(series, i);
    /* the months up to the period reported */
    if (strlen(r->period) == 7 &&
        (!rp->o->period || jx_period_compare(r->period, rp->o->period) <= 0))
      g_ptr_array_add(months, r);
  }
  JxTrendChart *chart = NULL;
  guint charts = 0;
  for (guint k = 0; months->len >= 2 && k < p->indicators->len; k++) {
    const JxIndicator *ind = g_ptr_array_index(p->indicators, k);
    const JxValue *t = ind->annual_target ? ind->annual_target : ind->period_target;
    if (!t || t->parts || (t->cmp != JX_CMP_GE && t->cmp != JX_CMP_GT))
      continue;
    double target = jx_decimal_to_double(t->number);
    JxTrendRow *row = NULL;
    for (guint i = 0; i < months->len; i++) {
      const JxProjectResult *r = g_ptr_array_index(months, i);
      const JxIndicatorResult *res = &g_array_index(r->indicators, JxIndicatorResult, k);
      const JxOutcome *o = &res->outcome;
      if (o->status != JX_STATUS_MET && o->status != JX_STATUS_PARTLY &&
          o->status != JX_STATUS_UNMET)
        continue;
      if (res->actual->value->cmp == JX_CMP_NONE)
        continue;
      if (!row) {
        if (!chart || chart->rows->len >= CHART_ROWS) {
          if (charts == 0) {
            char *title = text_of(rp, "project-trends");
            heading(rp, 3, title);
            g_free(title);
          }
          chart = jx_trends_new(charts ? "月度完成值（续）" : "月度完成值");
          JxBlock *f =
              jx_document_figure(doc, jx_trends_draw, chart, (GDestroyNotify)jx_trends_free);
          f->figure_name = charts ? g_strdup_printf("%s-年内进度-%u", p->name, charts + 1)
                                  : g_strdup_printf("%s-年内进度", p->name);
          charts++;
        }
        row = jx_trends_add(chart, ind->name, res->accumulates, target, t->unit);
      }
      /* the completion against the whole year's target, as a value */
      double annual = res->accumulates ? o->ratio * r->progress : o->ratio;
      jx_trends_point(row, atoi(r->period + 5), annual * target);
    }
  }
  g_ptr_array_free(months, TRUE);
  g_ptr_array_free(series, TRUE);
}

/* ---- the parts of a report ---- */

/* The title page: the title, what the report covers, the department and
 * the date (the [texts] title and cover lines). */
static void cover(Report *r) {
  const JxDepartment *d = r->d;
  int64_t total = funds_sum(d).total;
  guint indicators = 0;
  for (guint i = 0; i < d->projects->len; i++)
    indicators += ((const JxProject *)g_ptr_array_index(d->projects, i))->indicators->len;
  jx_document_space(r->doc, 150);
  /* the title in lines: the department, then what the report is */
  char *title = text_of(r, "title");
  const char *dept = strstr(title, d->name);
  if (dept == title && title[strlen(d->name)]) {
    JxBlock *h = jx_document_heading(r->doc, JX_ROLE_TITLE, d->name, 1);
    h->align = JX_ALIGN_CENTER;
    h = jx_document_heading(r->doc, JX_ROLE_TITLE, title + strlen(d->name), 0);
    h->align = JX_ALIGN_CENTER;
  } else {
    JxBlock *h = jx_document_heading(r->doc, JX_ROLE_TITLE, title, 1);
    h->align = JX_ALIGN_CENTER;
    h->outline_title = g_strdup(d->name);
  }
  g_free(title);
  jx_document_space(r->doc, 40);
  char buf[32];
  char *line = g_strdup_printf("项目 %u 个　绩效指标 %u 项　资金合计 %s 万元", d->projects->len,
                               indicators, jx_amount_format(total, true, buf));
  jx_document_paragraph(r->doc, JX_ROLE_SUBTITLE, line, JX_ALIGN_CENTER, false);
  g_free(line);
  jx_document_space(r->doc, 200);
  gchar **lines = g_strsplit(jx_template_text(r->t, "texts", "cover"), ";", -1);
  for (int i = 0; lines[i]; i++) {
    char *filled = jx_text_fill(g_strstrip(lines[i]), r->places);
    if (*filled)
      jx_document_paragraph(r->doc, JX_ROLE_SUBTITLE, filled, JX_ALIGN_CENTER, false);
    g_free(filled);
  }
  g_strfreev(lines);
  jx_document_page_break(r->doc);
  r->doc->cover_pages = 1;
}

/* 目录: the headings of the first two levels with their pages, linked. */
static void contents(Report *r) {
  char *title = text_of(r, "toc");
  JxBlock *h = jx_document_heading(r->doc, JX_ROLE_HEADING1, title, 0);
  h->align = JX_ALIGN_CENTER;
  g_free(title);
  jx_document_toc(r->doc, 3);
  jx_document_page_break(r->doc);
}

/* The score of each project: 序号 | 项目名称 | 资金 | 得分 | 等级, and the
 * department's, weighted by funds. */
static void scores_table(Report *r, const JxDepartmentResult *dr) {
  static const char *const head[] = {"序号", "项目名称", "资金（万元）", "得分", "等级"};
  JxBlock *t = headed_table(r->doc, 5, head, G_N_ELEMENTS(head));
  char buf[32], n[16], score[16];
  for (guint i = 0; i < dr->projects->len; i++) {
    const JxProjectResult *pr = g_ptr_array_index(dr->projects, i);
    const JxProject *p = pr->project;
    g_snprintf(n, sizeof n, "%u", i + 1);
    g_snprintf(score, sizeof score, "%.2f", pr->total);
    jx_block_row(t);
    jx_block_cell(t, n, JX_ALIGN_CENTER, false);
    jx_block_cell(t, p->name, JX_ALIGN_LEFT, false);
    jx_block_cell(t, money(p->funds.total, p->funds.has_total, buf), JX_ALIGN_RIGHT, false);
    jx_block_cell(t, score, JX_ALIGN_RIGHT, false);
    jx_block_cell(t, pr->grade, JX_ALIGN_CENTER, false);
  }
  g_snprintf(score, sizeof score, "%.2f", dr->total);
  jx_block_row(t);
  jx_block_cell(t, "", JX_ALIGN_CENTER, true);
  jx_block_cell(t, "部门（按资金加权）", JX_ALIGN_CENTER, true);
  jx_block_cell(t, "", JX_ALIGN_RIGHT, true);
  jx_block_cell(t, score, JX_ALIGN_RIGHT, true);
  jx_block_cell(t, dr->grade, JX_ALIGN_CENTER, true);
  t->min_share = g_new0(double, 5);
  t->min_share[1] = 0.4;
}

/* 基本情况: the funds, the scores, the department charts. */
static void overview(Report *r, const JxDepartmentResult *dr) {
  char *title = text_of(r, "overview");
  heading(r, 1, title);
  g_free(title);
  title = text_of(r, "funds");
  heading(r, 2, title);
  g_free(title);
  jx_document_paragraph(r->doc, JX_ROLE_TABLE, "单位：万元", JX_ALIGN_RIGHT, false);
  funds_table(r->doc, r->d);
  if (dr->projects->len) {
    heading(r, 2, "绩效得分");
    scores_table(r, dr);
    jx_document_space(r->doc, 10);
    if (r->o->charts)
      department_charts(r, dr);
  }
}

/* Budget execution by project against 序时进度, those behind flagged. */
static void execution(Report *r, const JxDepartmentResult *dr) {
  char *title = text_of(r, "execution");
  heading(r, 1, title);
  g_free(title);
  jx_document_paragraph(r->doc, JX_ROLE_TABLE, "单位：万元", JX_ALIGN_RIGHT, false);
  static const char *const head[] = {"序号",   "项目名称", "预算数", "执行数",
                                     "执行率", "序时进度", "状态"};
  JxBlock *t = headed_table(r->doc, 7, head, G_N_ELEMENTS(head));
  for (guint i = 0; i < dr->projects->len; i++) {
    const JxProjectResult *pr = g_ptr_array_index(dr->projects, i);
    const JxProject *p = pr->project;
    const JxExecution *e = execution_at(p, *pr->period ? pr->period : NULL);
    char n[16], buf[32], done[32], rate[32] = "", timing[32];
    g_snprintf(n, sizeof n, "%u", i + 1);
    if (pr->has_execution)
      g_snprintf(rate, sizeof rate, "%.2f%%", 100 * pr->execution_rate);
    g_snprintf(timing, sizeof timing, "%.2f%%", 100 * pr->progress);
    jx_block_row(t);
    jx_block_cell(t, n, JX_ALIGN_CENTER, false);
    jx_block_cell(t, p->name, JX_ALIGN_LEFT, false);
    jx_block_cell(t, money(p->funds.total, p->funds.has_total, buf), JX_ALIGN_RIGHT, false);
    jx_block_cell(t, e ? money(e->executed, e->has_executed, done) : "", JX_ALIGN_RIGHT, false);
    jx_block_cell(t, rate, JX_ALIGN_RIGHT, false);
    jx_block_cell(t, timing, JX_ALIGN_RIGHT, false);
    jx_block_cell(t,
                  !pr->has_execution      ? "未报"
                  : pr->execution_lagging ? "滞后"
                                          : "正常",
                  JX_ALIGN_CENTER, pr->execution_lagging);
  }
  t->min_share = g_new0(double, 7);
  t->min_share[1] = 0.3;
}

/* The indicators behind 序时进度, first: what needs attention this month. */
static void lagging(Report *r, const JxDepartmentResult *dr) {
  char *title = text_of(r, "lagging");
  heading(r, 1, title);
  g_free(title);
  JxBlock *t = NULL;
  for (guint i = 0; i < dr->projects->len; i++) {
    const JxProjectResult *pr = g_ptr_array_index(dr->projects, i);
    for (guint k = 0; k < pr->indicators->len; k++) {
      const JxIndicatorResult *res = &g_array_index(pr->indicators, JxIndicatorResult, k);
      if (!res->lagging)
        continue;
      if (!t) {
        static const char *const head[] = {"项目名称", "绩效指标", "年度指标值",
                                           "截至本期", "完成率",   "偏差原因"};
        t = headed_table(r->doc, 6, head, G_N_ELEMENTS(head));
      }
      const JxIndicator *ind = res->indicator;
      const JxValue *target = ind->annual_target ? ind->annual_target : ind->period_target;
      char ratio[32];
      g_snprintf(ratio, sizeof ratio, "%.1f%%", 100 * res->outcome.ratio);
      jx_block_row(t);
      jx_block_cell(t, pr->project->name, JX_ALIGN_LEFT, false);
      jx_block_cell(t, ind->name, JX_ALIGN_LEFT, false);
      jx_block_cell(t, target ? target->raw : "", JX_ALIGN_LEFT, false);
      jx_block_cell(t, res->actual && res->actual->value ? res->actual->value->raw : "",
                    JX_ALIGN_LEFT, false);
      jx_block_cell(t, ratio, JX_ALIGN_RIGHT, false);
      jx_block_cell(t, res->actual ? res->actual->cause : "", JX_ALIGN_LEFT, false);
    }
  }
  if (t) {
    t->min_share = g_new0(double, 6);
    t->min_share[0] = 0.2;
    t->min_share[1] = 0.22;
  } else {
    jx_document_paragraph(r->doc, JX_ROLE_BODY, "本期无滞后指标。", JX_ALIGN_JUSTIFY, true);
  }
}

/* The 绩效指标 of p as the published table writes it: numbered lines
 * "1、产出指标，数量指标，服务人次；年度指标值：20000；". */
static char *indicator_lines(const JxProject *p) {
  GString *s = g_string_new(NULL);
  for (guint i = 0; i < p->indicators->len; i++) {
    const JxIndicator *ind = g_ptr_array_index(p->indicators, i);
    g_string_append_printf(s, "%s%d、%s，%s%s%s", i ? "\n" : "", ind->seq, ind->level1, ind->level2,
                           *ind->level2 ? "，" : "", ind->name);
    if (ind->period_target)
      g_string_append_printf(s, "；实施周期指标值：%s", ind->period_target->raw);
    if (ind->annual_target)
      g_string_append_printf(s, "；年度指标值：%s", ind->annual_target->raw);
    g_string_append(s, "；");
  }
  return g_string_free(s, FALSE);
}

/* The 项目支出绩效目标表 as published: the seed's columns, 合计 first. */
static void targets_table(Report *r) {
  const JxDepartment *d = r->d;
  char *title = text_of(r, "targets");
  JxBlock *h = jx_document_heading(r->doc, JX_ROLE_TITLE, title, 1);
  h->align = JX_ALIGN_CENTER;
  g_free(title);
  char *unit = g_strdup_printf("部门名称：%s", d->name);
  jx_document_paragraph(r->doc, JX_ROLE_TABLE, unit, JX_ALIGN_LEFT, false);
  g_free(unit);
  jx_document_paragraph(r->doc, JX_ROLE_TABLE, "单位：万元", JX_ALIGN_RIGHT, false);
  static const char *const head[] = {"项目名称", "总计",     "财政拨款", "财政专户拨款",
                                     "其他资金", "绩效目标", "绩效指标"};
  JxBlock *t = headed_table(r->doc, 7, head, G_N_ELEMENTS(head));
  JxFunds sum = funds_sum(d);
  char buf[32];
  jx_block_row(t);
  jx_block_cell(t, "合计", JX_ALIGN_CENTER, true);
  jx_block_cell(t, money(sum.total, sum.has_total, buf), JX_ALIGN_RIGHT, true);
  jx_block_cell(t, money(sum.fiscal, sum.has_fiscal, buf), JX_ALIGN_RIGHT, true);
  jx_block_cell(t, money(sum.special, sum.has_special, buf), JX_ALIGN_RIGHT, true);
  jx_block_cell(t, money(sum.other, sum.has_other, buf), JX_ALIGN_RIGHT, true);
  jx_block_cell(t, "", JX_ALIGN_LEFT, true);
  jx_block_cell(t, "", JX_ALIGN_LEFT, true);
  for (guint i = 0; i < d->projects->len; i++) {
    const JxProject *p = g_ptr_array_index(d->projects, i);
    jx_block_row(t);
    jx_block_cell(t, p->name, JX_ALIGN_LEFT, false);
    funds_cells(t, &p->funds);
    jx_block_cell(t, p->goal, JX_ALIGN_LEFT, false);
    char *lines = indicator_lines(p);
    jx_block_cell(t, lines, JX_ALIGN_LEFT, false);
    g_free(lines);
  }
  /* the goal and the indicators take the width; amounts stay whole */
  t->min_share = g_new0(double, 7);
  t->min_share[0] = 0.1;
  t->min_share[5] = 0.22;
  t->min_share[6] = 0.36;
}

/* What a project achieved, in one sentence from its assessment pr: how many
 * of its indicators were met, partly met or not, and its score. */
static void achieved(Report *r, const JxProjectResult *pr) {
  guint met = pr->counts[JX_STATUS_MET], partly = pr->counts[JX_STATUS_PARTLY];
  guint unmet = pr->counts[JX_STATUS_UNMET], assessed = met + partly + unmet;
  if (assessed) {
    char *when = period_label(pr->period);
    char *line =
        g_strdup_printf("完成情况：截至%s，%u项绩效指标中达成%u项、部分达成%u项、未达成%u项，"
                        "自评得分%.2f分，等级“%s”。",
                        when, assessed, met, partly, unmet, pr->total, pr->grade);
    jx_document_paragraph(r->doc, JX_ROLE_BODY, line, JX_ALIGN_JUSTIFY, true);
    g_free(line);
    g_free(when);
  }
}

/* The 自评表 grid: 一级 | 二级 | 三级 | 年度指标值 | 实际完成值 | 分值 | 得分 |
 * 偏差原因分析及改进措施, 预算执行率 and the total with its grade. */
static void self_evaluation(Report *r, const JxProjectResult *pr) {
  static const char *const head[] = {
      "一级指标",   "二级指标", "三级指标", "年度指标值",
      "实际完成值", "分值",     "得分",     "偏差原因分析及改进措施"};
  JxBlock *t = headed_table(r->doc, 8, head, G_N_ELEMENTS(head));
  char w[16], sc[16];
  for (guint i = 0; i < pr->indicators->len; i++) {
    const JxIndicatorResult *res = &g_array_index(pr->indicators, JxIndicatorResult, i);
    const JxIndicator *ind = res->indicator;
    const JxValue *target = ind->annual_target ? ind->annual_target : ind->period_target;
    bool assessed = res->weight > 0;
    g_snprintf(w, sizeof w, "%.2f", res->weight);
    g_snprintf(sc, sizeof sc, "%.2f", res->score);
    jx_block_row(t);
    jx_block_cell(t, ind->level1, JX_ALIGN_LEFT, false);
    jx_block_cell(t, ind->level2, JX_ALIGN_LEFT, false);
    jx_block_cell(t, ind->name, JX_ALIGN_LEFT, false);
    jx_block_cell(t, target ? target->raw : "", JX_ALIGN_LEFT, false);
    jx_block_cell(t, res->actual && res->actual->value ? res->actual->value->raw : "",
                  JX_ALIGN_LEFT, false);
    jx_block_cell(t, assessed ? w : "—", JX_ALIGN_RIGHT, false);
    jx_block_cell(t, assessed ? sc : jx_status_name(res->outcome.status), JX_ALIGN_RIGHT, false);
    jx_block_cell(t, res->actual ? res->actual->cause : "", JX_ALIGN_LEFT, false);
  }
  if (pr->has_execution) {
    char rate[32];
    g_snprintf(rate, sizeof rate, "%.2f%%", 100 * pr->execution_rate);
    g_snprintf(w, sizeof w, "%.2f", pr->execution_weight);
    g_snprintf(sc, sizeof sc, "%.2f", pr->execution_score);
    jx_block_row(t);
    jx_block_cell(t, "预算执行率", JX_ALIGN_LEFT, false);
    jx_block_cell(t, "", JX_ALIGN_LEFT, false);
    jx_block_cell(t, "", JX_ALIGN_LEFT, false);
    jx_block_cell(t, "100%", JX_ALIGN_LEFT, false);
    jx_block_cell(t, rate, JX_ALIGN_LEFT, false);
    jx_block_cell(t, w, JX_ALIGN_RIGHT, false);
    jx_block_cell(t, sc, JX_ALIGN_RIGHT, false);
    jx_block_cell(t, "", JX_ALIGN_LEFT, false);
  }
  char total[48], grade[48];
  g_snprintf(total, sizeof total, "%.2f", pr->total);
  g_snprintf(grade, sizeof grade, "等级：%s", pr->grade);
  jx_block_row(t);
  jx_block_cell(t, "总分", JX_ALIGN_CENTER, true);
  for (int i = 0; i < 4; i++)
    jx_block_cell(t, "", JX_ALIGN_LEFT, true);
  jx_block_cell(t, "100.00", JX_ALIGN_RIGHT, true);
  jx_block_cell(t, total, JX_ALIGN_RIGHT, true);
  jx_block_cell(t, grade, JX_ALIGN_LEFT, true);
  /* the indicator's name and the cause are the long texts */
  t->min_share = g_new0(double, 8);
  t->min_share[2] = 0.22;
  t->min_share[7] = 0.15;
}

/* A project's section: its parts in the template's order. */
static void project(Report *r, const JxProject *p) {
  heading(r, 2, p->name)->project = g_strdup(p->name);
  /* assessed once, for the goal's line, the grid and the charts */
  JxProjectResult *pr = jx_assess_project(p, r->o->period, r->rules, NULL);
  for (guint k = 0; k < r->t->n_project_parts; k++) {
    char *title = NULL;
    switch (r->t->project_parts[k]) {
    case JX_PROJECT_FUNDS:
      heading(r, 3, title = text_of(r, "project-funds"));
      jx_document_paragraph(r->doc, JX_ROLE_TABLE, "单位：万元", JX_ALIGN_RIGHT, false);
      project_funds(r->doc, p, r->o->period);
      break;
    case JX_PROJECT_GOAL: {
      heading(r, 3, title = text_of(r, "project-goal"));
      gchar **paras = g_strsplit(*p->goal ? p->goal : "（未填报）", "\n", -1);
      for (int i = 0; paras[i]; i++)
        if (*paras[i])
          jx_document_paragraph(r->doc, JX_ROLE_BODY, paras[i], JX_ALIGN_JUSTIFY, true);
      g_strfreev(paras);
      achieved(r, pr);
      break;
    }
    case JX_PROJECT_INDICATORS:
      heading(r, 3, title = text_of(r, "project-indicators"));
      indicator_table(r->doc, p, r->o->period);
      break;
    case JX_PROJECT_SELF_EVAL:
      heading(r, 3, title = text_of(r, "project-self-evaluation"));
      self_evaluation(r, pr);
      break;
    case JX_PROJECT_CHARTS:
      if (r->o->charts)
        project_charts(r, p, pr);
      break;
    case JX_PROJECT_TRENDS:
      if (r->o->charts)
        project_trends(r, p);
      break;
    case JX_PROJECT_COUNT:
      break;
    }
    g_free(title);
  }
  jx_project_result_free(pr);
}

/* 附表: every indicator of the department in one table. */
static void appendix(Report *r) {
  char *title = text_of(r, "appendix");
  heading(r, 1, title);
  g_free(title);
  static const char *const head[] = {"项目名称", "一级指标",   "二级指标",
                                     "三级指标", "年度指标值", "实际完成值"};
  JxBlock *t = headed_table(r->doc, 6, head, G_N_ELEMENTS(head));
  for (guint i = 0; i < r->d->projects->len; i++) {
    const JxProject *p = g_ptr_array_index(r->d->projects, i);
    const char *period = r->o->period ? r->o->period : latest_period(p);
    for (guint k = 0; k < p->indicators->len; k++) {
      const JxIndicator *ind = g_ptr_array_index(p->indicators, k);
      const JxValue *target = ind->annual_target ? ind->annual_target : ind->period_target;
      const JxActual *a = period ? actual_at(ind, period) : NULL;
      jx_block_row(t);
      jx_block_cell(t, k == 0 ? p->name : "", JX_ALIGN_LEFT, false);
      jx_block_cell(t, ind->level1, JX_ALIGN_LEFT, false);
      jx_block_cell(t, ind->level2, JX_ALIGN_LEFT, false);
      jx_block_cell(t, ind->name, JX_ALIGN_LEFT, false);
      jx_block_cell(t, target ? target->raw : "", JX_ALIGN_LEFT, false);
      jx_block_cell(t, a && a->value ? a->value->raw : "", JX_ALIGN_LEFT, false);
    }
  }
}

const char *jx_report_period(const JxDepartment *d, const char *asked) {
  const char *best = asked;
  for (guint i = 0; !asked && i < d->projects->len; i++) {
    const char *p = latest_period(g_ptr_array_index(d->projects, i));
    if (p && (!best || jx_period_compare(p, best) > 0))
      best = p;
  }
  return best;
}

JxDocument *jx_report_department(const JxDepartment *d, const JxReportOptions *o) {
  Report r = {0};
  r.d = d;
  r.o = o;
  r.t = o->tmpl;
  r.rules = o->tmpl->rules;
  const char *when = jx_report_period(d, o->period);
  char *year = g_strndup(when ? when : "", 4);
  char *period = period_label(when);
  const char *places[] = {"{部门}", d->name,      "{年度}", year, "{期间}",
                          period,   "{生成日期}", o->date,  NULL};
  memcpy(r.places, places, sizeof places);
  char *title = text_of(&r, "title");
  r.doc = jx_document_new(title, d->name);
  JxDocument *doc = r.doc;
  g_free(doc->subject);
  doc->subject = g_strdup(jx_template_text(r.t, "template", "name"));
  g_free(doc->keywords);
  doc->keywords = g_strdup("项目支出绩效目标表, 绩效指标, 绩效自评, 绩效运行监控");
  /* the page furniture: what the layout fills per page stays */
  doc->header = jx_text_fill(r.t->style.header, r.places);
  doc->footer = jx_text_fill(r.t->style.footer, r.places);
  JxDepartmentResult *dr = jx_assess_department(d, o->period, r.rules, NULL);
  for (guint i = 0; i < r.t->n_parts; i++) {
    switch (r.t->parts[i]) {
    case JX_PART_COVER:
      cover(&r);
      break;
    case JX_PART_TOC:
      contents(&r);
      break;
    case JX_PART_FUNDS: {
      char *h = text_of(&r, "funds");
      heading(&r, 1, h);
      g_free(h);
      jx_document_paragraph(doc, JX_ROLE_TABLE, "单位：万元", JX_ALIGN_RIGHT, false);
      funds_table(doc, d);
      break;
    }
    case JX_PART_OVERVIEW:
      overview(&r, dr);
      break;
    case JX_PART_EXECUTION:
      execution(&r, dr);
      break;
    case JX_PART_LAGGING:
      lagging(&r, dr);
      break;
    case JX_PART_TARGETS:
      targets_table(&r);
      break;
    case JX_PART_PROJECTS: {
      char *h = text_of(&r, "projects");
      heading(&r, 1, h);
      g_free(h);
      for (guint k = 0; k < d->projects->len; k++)
        project(&r, g_ptr_array_index(d->projects, k));
      break;
    }
    case JX_PART_SUMMARY:
      if (o->charts && dr->projects->len) {
        char *h = text_of(&r, "summary");
        heading(&r, 1, h);
        g_free(h);
        department_charts(&r, dr);
      }
      break;
    case JX_PART_APPENDIX:
      appendix(&r);
      break;
    case JX_PART_COUNT:
      break;
    }
  }
  jx_department_result_free(dr);
  g_free(title);
  g_free(year);
  g_free(period);
  return doc;
}
