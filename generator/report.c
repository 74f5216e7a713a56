/* report.c - a department's report as a document. */
#include "report.h"

#include "chart.h"
#include "decimal.h"
#include "table.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

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
  JxBlock *t = jx_document_table(doc, 6, 1);
  jx_block_row(t);
  static const char *const head[] = {"序号",     "项目名称",     "总计",
                                     "财政拨款", "财政专户拨款", "其他资金"};
  for (int i = 0; i < 6; i++)
    jx_block_cell(t, head[i], JX_ALIGN_CENTER, false);
  JxFunds sum = {0};
  for (guint i = 0; i < d->projects->len; i++) {
    const JxProject *p = g_ptr_array_index(d->projects, i);
    char n[16];
    g_snprintf(n, sizeof n, "%u", i + 1);
    jx_block_row(t);
    jx_block_cell(t, n, JX_ALIGN_CENTER, false);
    jx_block_cell(t, p->name, JX_ALIGN_LEFT, false);
    funds_cells(t, &p->funds);
    sum.total += p->funds.total;
    sum.fiscal += p->funds.fiscal;
    sum.special += p->funds.special;
    sum.other += p->funds.other;
    sum.has_total |= p->funds.has_total;
    sum.has_fiscal |= p->funds.has_fiscal;
    sum.has_special |= p->funds.has_special;
    sum.has_other |= p->funds.has_other;
  }
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
static void project_funds(JxDocument *doc, const JxProject *p) {
  const JxExecution *e =
      p->executions->len ? g_ptr_array_index(p->executions, p->executions->len - 1) : NULL;
  guint cols = e ? 7 : 4;
  JxBlock *t = jx_document_table(doc, cols, 1);
  jx_block_row(t);
  static const char *const head[] = {"总计", "财政拨款", "财政专户拨款", "其他资金"};
  for (int i = 0; i < 4; i++)
    jx_block_cell(t, head[i], JX_ALIGN_CENTER, false);
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
static void indicator_table(JxDocument *doc, const JxProject *p) {
  const char *period = latest_period(p);
  guint cols = period ? 7 : 6;
  JxBlock *t = jx_document_table(doc, cols, 1);
  jx_block_row(t);
  static const char *const head[] = {"序号",     "一级指标",       "二级指标",
                                     "三级指标", "实施周期指标值", "年度指标值"};
  for (int i = 0; i < 6; i++)
    jx_block_cell(t, head[i], JX_ALIGN_CENTER, false);
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
static void project_trends(JxDocument *doc, const JxProject *p, const JxAssessConfig *rules);

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

/* One bullet chart per 一级 category of p, at its latest period. */
static void project_charts(JxDocument *doc, const JxProject *p, const JxAssessConfig *rules) {
  JxProjectResult *r = jx_assess_project(p, NULL, rules, NULL);
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
    char *title = g_strdup_printf("4. 目标与完成对比（%s）", when);
    JxBlock *s = jx_document_heading(doc, JX_ROLE_HEADING3, title, 3);
    s->outline_title = g_strdup("目标与完成对比");
    g_free(title);
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
  jx_project_result_free(r);
  project_trends(doc, p, rules);
}

/* Projects a department chart holds at most: rows of two lines fit a page. */
#define DEPARTMENT_ROWS 16

/* 三、绩效得分汇总: every project's score with the grade bands, and the
 * completion of each by category. */
static void department_charts(JxDocument *doc, const JxDepartment *d, const JxAssessConfig *rules) {
  JxDepartmentResult *dr = jx_assess_department(d, NULL, rules, NULL);
  if (dr->projects->len == 0) {
    jx_department_result_free(dr);
    return;
  }
  jx_document_heading(doc, JX_ROLE_HEADING1, "三、绩效得分汇总", 2);
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
      sc->grades = rules->grades;
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
  jx_department_result_free(dr);
}

JxDocument *jx_report_department(const JxDepartment *d, const char *date,
                                 const JxAssessConfig *rules) {
  char *title = g_strdup_printf("%s项目支出绩效报告", d->name);
  JxDocument *doc = jx_document_new(title, d->name);
  g_free(doc->subject);
  doc->subject = g_strdup("项目支出绩效目标与完成情况");
  g_free(doc->keywords);
  doc->keywords = g_strdup("项目支出绩效目标表, 绩效指标, 绩效自评, 绩效运行监控");

  /* the cover */
  int64_t total = 0;
  guint indicators = 0;
  for (guint i = 0; i < d->projects->len; i++) {
    const JxProject *p = g_ptr_array_index(d->projects, i);
    total += p->funds.total;
    indicators += p->indicators->len;
  }
  jx_document_space(doc, 150);
  JxBlock *h = jx_document_heading(doc, JX_ROLE_TITLE, d->name, 1);
  h->align = JX_ALIGN_CENTER;
  jx_document_heading(doc, JX_ROLE_TITLE, "项目支出绩效报告", 0);
  jx_document_space(doc, 40);
  char buf[32];
  char *line = g_strdup_printf("项目 %u 个　绩效指标 %u 项　资金合计 %s 万元", d->projects->len,
                               indicators, jx_amount_format(total, true, buf));
  jx_document_paragraph(doc, JX_ROLE_SUBTITLE, line, JX_ALIGN_CENTER, false);
  g_free(line);
  jx_document_space(doc, 200);
  jx_document_paragraph(doc, JX_ROLE_SUBTITLE, d->name, JX_ALIGN_CENTER, false);
  jx_document_paragraph(doc, JX_ROLE_SUBTITLE, date, JX_ALIGN_CENTER, false);
  jx_document_page_break(doc);
  doc->cover_pages = 1;

  /* 一、资金总表 */
  jx_document_heading(doc, JX_ROLE_HEADING1, "一、项目资金总表", 2);
  jx_document_paragraph(doc, JX_ROLE_TABLE, "单位：万元", JX_ALIGN_RIGHT, false);
  funds_table(doc, d);

  /* 二、项目, one section each */
  jx_document_heading(doc, JX_ROLE_HEADING1, "二、项目绩效目标与完成情况", 0);
  for (guint i = 0; i < d->projects->len; i++) {
    const JxProject *p = g_ptr_array_index(d->projects, i);
    char num[16];
    char *heading = g_strdup_printf("（%s）%s", jx_report_numeral((int)i + 1, num), p->name);
    JxBlock *ph = jx_document_heading(doc, JX_ROLE_HEADING2, heading, 2);
    ph->outline_title = g_strdup(p->name);
    g_free(heading);

    JxBlock *s = jx_document_heading(doc, JX_ROLE_HEADING3, "1. 项目资金", 3);
    s->outline_title = g_strdup("项目资金");
    jx_document_paragraph(doc, JX_ROLE_TABLE, "单位：万元", JX_ALIGN_RIGHT, false);
    project_funds(doc, p);

    s = jx_document_heading(doc, JX_ROLE_HEADING3, "2. 绩效目标", 3);
    s->outline_title = g_strdup("绩效目标");
    gchar **paras = g_strsplit(*p->goal ? p->goal : "（未填报）", "\n", -1);
    for (int k = 0; paras[k]; k++)
      if (*paras[k])
        jx_document_paragraph(doc, JX_ROLE_BODY, paras[k], JX_ALIGN_JUSTIFY, true);
    g_strfreev(paras);

    s = jx_document_heading(doc, JX_ROLE_HEADING3, "3. 绩效指标", 3);
    s->outline_title = g_strdup("绩效指标");
    indicator_table(doc, p);
    if (rules)
      project_charts(doc, p, rules);
  }
  if (rules)
    department_charts(doc, d, rules);
  g_free(title);
  return doc;
}

static void project_trends(JxDocument *doc, const JxProject *p, const JxAssessConfig *rules) {
  GPtrArray *series = jx_assess_periods(p, rules);
  GPtrArray *months = g_ptr_array_new(); /* JxProjectResult * of months */
  for (guint i = 0; i < series->len; i++) {
    JxProjectResult *r = g_ptr_array_index(series, i);
    if (strlen(r->period) == 7)
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
            JxBlock *s = jx_document_heading(doc, JX_ROLE_HEADING3, "5. 年内进度", 3);
            s->outline_title = g_strdup("年内进度");
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
