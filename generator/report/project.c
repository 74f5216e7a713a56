/* project.c - a project's section of a report: its funds, goal,
 * indicators, the 自评表 grid, charts and trends. */
#include "report/parts.h"

#include "report/chart.h"
#include "model/decimal.h"
#include "read/table.h"
#include "model/text.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

/* The project's funds as its table or form gives them (年初预算数, 上年结转
 * and 单位资金 where a form has them), and its budget execution where
 * reported, with the form's 分值 and 得分. */
static void project_funds(JxDocument *doc, const JxProject *p, const JxProjectResult *pr,
                          const char *period) {
  const JxExecution *e = report_execution_at(p, period);
  const JxFunds *f = &p->funds;
  /* a form's funds show the lines it has; a published table's its four
   * columns, given or blank */
  bool form = f->has_initial || f->has_carryover || f->has_own;
  const struct {
    const char *head;
    int64_t v;
    bool has, shown;
  } cells[] = {{"年初预算数", f->initial, f->has_initial, f->has_initial},
               {form ? "全年预算数" : "总计", f->total, f->has_total, true},
               {"财政拨款", f->fiscal, f->has_fiscal, !form || f->has_fiscal},
               {"财政专户拨款", f->special, f->has_special, !form || f->has_special},
               {"上年结转资金", f->carryover, f->has_carryover, f->has_carryover},
               {"单位资金", f->own, f->has_own, f->has_own},
               {"其他资金", f->other, f->has_other, !form || f->has_other}};
  const char *head[G_N_ELEMENTS(cells)];
  guint n = 0;
  for (size_t i = 0; i < G_N_ELEMENTS(cells); i++)
    if (cells[i].shown)
      head[n++] = cells[i].head;
  bool points = e && pr && pr->has_execution && e->has_weight;
  bool expected = e && e->has_expected;
  guint cols = n + (e ? 3 : 0) + (expected ? 1 : 0) + (points ? 2 : 0);
  JxBlock *t = report_headed_table(doc, cols, head, n);
  char *when = e ? report_period_label(e->period) : NULL;
  if (e) {
    char *h = g_strdup_printf("执行数\n（%s）", when);
    jx_block_cell(t, h, JX_ALIGN_CENTER, false);
    g_free(h);
    jx_block_cell(t, "执行率", JX_ALIGN_CENTER, false);
    jx_block_cell(t, "序时进度", JX_ALIGN_CENTER, false);
    if (expected)
      jx_block_cell(t, "全年预计\n执行数", JX_ALIGN_CENTER, false);
    if (points) {
      jx_block_cell(t, "分值", JX_ALIGN_CENTER, false);
      jx_block_cell(t, "得分", JX_ALIGN_CENTER, false);
    }
  }
  jx_block_row(t);
  char buf[32];
  for (size_t i = 0; i < G_N_ELEMENTS(cells); i++)
    if (cells[i].shown)
      jx_block_cell(t, report_money(cells[i].v, cells[i].has, buf), JX_ALIGN_RIGHT, false);
  if (e) {
    char rate[32] = "", timing[32] = "";
    if (e->has_rate) {
      char d[32];
      g_snprintf(rate, sizeof rate, "%s%%", jx_decimal_format(e->rate, d, sizeof d));
    } else if (e->has_executed && f->has_total && f->total > 0) {
      g_snprintf(rate, sizeof rate, "%.2f%%", 100.0 * (double)e->executed / (double)f->total);
    }
    /* the share of the year gone by the end of the period's month */
    int month = strlen(e->period) == 7 ? atoi(e->period + 5) : 12;
    g_snprintf(timing, sizeof timing, "%.2f%%", 100.0 * month / 12);
    jx_block_cell(t, report_money(e->executed, e->has_executed, buf), JX_ALIGN_RIGHT, false);
    jx_block_cell(t, rate, JX_ALIGN_RIGHT, false);
    jx_block_cell(t, timing, JX_ALIGN_RIGHT, false);
    if (expected)
      jx_block_cell(t, report_money(e->expected, true, buf), JX_ALIGN_RIGHT, false);
    if (points) {
      char w[32], sc[32];
      g_snprintf(sc, sizeof sc, "%.2f", pr->execution_score);
      jx_block_cell(t, jx_decimal_format(e->weight, w, sizeof w), JX_ALIGN_RIGHT, false);
      jx_block_cell(t, sc, JX_ALIGN_RIGHT, false);
    }
  }
  g_free(when);
}

/* The codes and the unit a form names: 项目编码 …　实施单位 …, where given. */
static void project_facts(Report *r, const JxProject *p) {
  GString *line = g_string_new(NULL);
  if (*p->code)
    g_string_append_printf(line, "项目编码：%s", p->code);
  if (*p->unit && strcmp(p->unit, p->department->name) != 0)
    g_string_append_printf(line, "%s实施单位：%s", line->len ? "　" : "", p->unit);
  if (line->len)
    jx_document_paragraph(r->doc, JX_ROLE_TABLE, line->str, JX_ALIGN_LEFT, false);
  g_string_free(line, TRUE);
}

bool report_goal_text(const JxText *x) {
  return strstr(x->label, "中期目标") || strstr(x->label, "长期目标") ||
         strstr(x->label, "实施内容") || strstr(x->label, "概述");
}

/* The form's texts of one kind, each a paragraph led by its label. */
static void project_texts(Report *r, const JxProject *p, bool of_goal) {
  for (guint i = 0; i < p->texts->len; i++) {
    const JxText *x = g_ptr_array_index(p->texts, i);
    if (report_goal_text(x) != of_goal)
      continue;
    gchar **paras = g_strsplit(x->text, "\n", -1);
    for (int k = 0; paras[k]; k++) {
      if (!*paras[k])
        continue;
      char *line = k == 0 ? g_strdup_printf("%s：%s", x->label, paras[k]) : g_strdup(paras[k]);
      jx_document_paragraph(r->doc, JX_ROLE_BODY, line, JX_ALIGN_JUSTIFY, true);
      g_free(line);
    }
    g_strfreev(paras);
  }
}

/* Whether p has texts of one kind. */
static bool has_texts(const JxProject *p, bool of_goal) {
  for (guint i = 0; i < p->texts->len; i++)
    if (report_goal_text(g_ptr_array_index(p->texts, i)) == of_goal)
      return true;
  return false;
}

/* 序号 | 一级 | 二级 | 三级 | 实施周期指标值 | 年度指标值 [| 实际完成值]. */
static void indicator_table(const Report *r, const JxProject *p, const JxProjectResult *pr) {
  JxDocument *doc = r->doc;
  const char *asked = r->o->period;
  bool lights = report_lights_shown(r);
  const char *period = asked ? asked : report_latest_period(p);
  /* a monitoring form's 全年预计完成情况, where it gives one */
  bool expected = false;
  for (guint i = 0; period && i < p->indicators->len && !expected; i++) {
    const JxActual *a = report_actual_at(g_ptr_array_index(p->indicators, i), period);
    expected = a && *a->expected;
  }
  /* and 实施周期指标值 only where some indicator has one (forms rarely do) */
  bool long_term = false;
  for (guint i = 0; i < p->indicators->len && !long_term; i++)
    long_term = ((const JxIndicator *)g_ptr_array_index(p->indicators, i))->period_target != NULL;
  guint cols = 5 + long_term + (period ? 1 : 0) + (expected ? 1 : 0) + lights;
  const char *head[] = {"序号", "一级指标", "二级指标", "三级指标", "实施周期指标值", "年度指标值"};
  if (!long_term)
    head[4] = head[5];
  JxBlock *t = report_headed_table(doc, cols, head, long_term ? 6 : 5);
  if (period) {
    char *when = report_period_label(period);
    char *h = g_strdup_printf("实际完成值\n（%s）", when);
    jx_block_cell(t, h, JX_ALIGN_CENTER, false);
    g_free(h);
    g_free(when);
  }
  if (expected)
    jx_block_cell(t, "全年预计\n完成情况", JX_ALIGN_CENTER, false);
  if (lights)
    jx_block_cell(t, "监控结果", JX_ALIGN_CENTER, false);
  for (guint i = 0; i < p->indicators->len; i++) {
    const JxIndicator *ind = g_ptr_array_index(p->indicators, i);
    char n[16];
    g_snprintf(n, sizeof n, "%d", ind->seq);
    jx_block_row(t);
    jx_block_cell(t, n, JX_ALIGN_CENTER, false);
    jx_block_cell(t, ind->level1, JX_ALIGN_LEFT, false);
    jx_block_cell(t, ind->level2, JX_ALIGN_LEFT, false);
    jx_block_cell(t, ind->name, JX_ALIGN_LEFT, false);
    if (long_term)
      jx_block_cell(t, ind->period_target ? ind->period_target->raw : "", JX_ALIGN_LEFT, false);
    jx_block_cell(t, ind->annual_target ? ind->annual_target->raw : "", JX_ALIGN_LEFT, false);
    if (period) {
      const JxActual *a = report_actual_at(ind, period);
      jx_block_cell(t, a && a->value ? a->value->raw : "", JX_ALIGN_LEFT, false);
      if (expected)
        jx_block_cell(t, a ? a->expected : "", JX_ALIGN_LEFT, false);
    }
    if (lights)
      report_light_cell(r, t, g_array_index(pr->indicators, JxIndicatorResult, i).light);
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
  row->status = o->status;
  row->ratio = o->ratio;
  if (!t) {
    /* a scoring sheet's indicator: its 自评得分 on the scale of its 分值 */
    char w[32];
    row->values = g_strdup_printf("自评得分 %s ／ 分值 %s", res->actual->score,
                                  jx_decimal_format(ind->weight, w, sizeof w));
    row->target = jx_decimal_to_double(ind->weight);
    row->unit = "分";
    row->actual = o->ratio * row->target;
    return true;
  }
  row->values = g_strdup_printf("实际 %s ／ 目标 %s", a->raw, t->raw);
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

/* Rows a bullet chart holds at most: 8 rows of 4 lines fit a page. */
#define CHART_ROWS 8
/* a trend row is taller (its y axis): four to a figure, so that one fits
 * the rest of a page more often */
#define TREND_ROWS 4

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
    char *when = report_period_label(r->period);
    char *name = report_text_of(rp, "project-charts");
    char *title = g_strdup_printf("%s（%s）", name, when);
    report_heading(rp, 3, title);
    g_free(title);
    g_free(name);
    g_free(when);
    /* the score by category first: what the bullets below add up to */
    char *head = fabs(r->out_of - 100) > 0.005
                     ? g_strdup_printf("得分 %.2f / %g（折合 %.2f，%s）", r->total, r->out_of,
                                       r->percent, r->grade)
                     : g_strdup_printf("得分 %.2f（%s）", r->total, r->grade);
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
    f->alt = g_strdup_printf("%s：%s", p->name, sc->title);
    jx_document_space(doc, 6);
  }
  for (guint k = 0; k < charts->len; k++) {
    JxBulletChart *chart = g_ptr_array_index(charts, k);
    JxBlock *f = jx_document_figure(doc, jx_bullets_draw, chart, (GDestroyNotify)jx_bullets_free);
    f->alt = g_strdup_printf("%s：%s目标与完成对比", p->name, chart->title);
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

/* Indicator k's result in month r when it has a value to draw: assessed,
 * with a comparable actual; else NULL. */
static const JxIndicatorResult *trend_point(const JxProjectResult *r, guint k) {
  const JxIndicatorResult *res = &g_array_index(r->indicators, JxIndicatorResult, k);
  JxStatus s = res->outcome.status;
  if (s != JX_STATUS_MET && s != JX_STATUS_PARTLY && s != JX_STATUS_UNMET)
    return NULL;
  return res->actual->value->cmp == JX_CMP_NONE ? NULL : res;
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
  /* the indicators drawn: a target to reach and an actual in some month */
  GArray *drawn = g_array_new(FALSE, FALSE, sizeof(guint));
  for (guint k = 0; months->len >= 2 && k < p->indicators->len; k++) {
    const JxIndicator *ind = g_ptr_array_index(p->indicators, k);
    const JxValue *t = ind->annual_target ? ind->annual_target : ind->period_target;
    if (!t || t->parts || (t->cmp != JX_CMP_GE && t->cmp != JX_CMP_GT))
      continue;
    for (guint i = 0; i < months->len; i++)
      if (trend_point(g_ptr_array_index(months, i), k)) {
        g_array_append_val(drawn, k);
        break;
      }
  }
  /* as many to a figure as balances them: 5 are 3 and 2, not 4 and 1 */
  guint figures = (drawn->len + TREND_ROWS - 1) / TREND_ROWS;
  guint per = figures ? (drawn->len + figures - 1) / figures : 0;
  JxTrendChart *chart = NULL;
  guint charts = 0;
  for (guint d = 0; d < drawn->len; d++) {
    guint k = g_array_index(drawn, guint, d);
    const JxIndicator *ind = g_ptr_array_index(p->indicators, k);
    const JxValue *t = ind->annual_target ? ind->annual_target : ind->period_target;
    double target = jx_decimal_to_double(t->number);
    if (!chart || chart->rows->len >= per) {
      if (charts == 0) {
        char *title = report_text_of(rp, "project-trends");
        report_heading(rp, 3, title);
        g_free(title);
      }
      chart = jx_trends_new(charts ? "月度完成值（续）" : "月度完成值");
      JxBlock *f = jx_document_figure(doc, jx_trends_draw, chart, (GDestroyNotify)jx_trends_free);
      f->alt = g_strdup_printf("%s：%s", p->name, chart->title);
      f->figure_name = charts ? g_strdup_printf("%s-年内进度-%u", p->name, charts + 1)
                              : g_strdup_printf("%s-年内进度", p->name);
      charts++;
    }
    JxTrendRow *row = NULL;
    for (guint i = 0; i < months->len; i++) {
      const JxProjectResult *r = g_ptr_array_index(months, i);
      const JxIndicatorResult *res = trend_point(r, k);
      if (!res)
        continue;
      if (!row)
        row = jx_trends_add(chart, ind->name, res->accumulates, target, t->raw, t->unit);
      /* the completion against the whole year's target, as a value */
      const JxOutcome *o = &res->outcome;
      double annual = res->accumulates ? o->ratio * r->progress : o->ratio;
      jx_trends_point(row, atoi(r->period + 5), annual * target);
    }
  }
  g_array_free(drawn, TRUE);
  g_ptr_array_free(months, TRUE);
  g_ptr_array_free(series, TRUE);
}

/* What a project achieved, in one sentence from its assessment pr: how many
 * of its indicators were met, partly met or not, and its score. */
static void achieved(Report *r, const JxProjectResult *pr) {
  const JxProject *p = pr->project;
  if (*p->achieved) {
    char *line = g_strdup_printf("实际完成情况：%s", p->achieved);
    jx_document_paragraph(r->doc, JX_ROLE_BODY, line, JX_ALIGN_JUSTIFY, true);
    g_free(line);
  }
  guint met = pr->counts[JX_STATUS_MET], partly = pr->counts[JX_STATUS_PARTLY];
  guint unmet = pr->counts[JX_STATUS_UNMET], assessed = met + partly + unmet;
  if (assessed) {
    char *when = report_period_label(pr->period);
    char *line =
        fabs(pr->out_of - 100) > 0.005
            ? g_strdup_printf("完成情况：截至%s，%u项绩效指标中达成%u项、部分达成%u项、未达成%u项，"
                              "自评得分%.2f分（满分%g分，折合百分制%.2f分），等级“%s”。",
                              when, assessed, met, partly, unmet, pr->total, pr->out_of,
                              pr->percent, pr->grade)
            : g_strdup_printf("完成情况：截至%s，%u项绩效指标中达成%u项、部分达成%u项、未达成%u项，"
                              "自评得分%.2f分，等级“%s”。",
                              when, assessed, met, partly, unmet, pr->total, pr->grade);
    jx_document_paragraph(r->doc, JX_ROLE_BODY, line, JX_ALIGN_JUSTIFY, true);
    g_free(line);
    g_free(when);
  }
}

/* A project's section: its parts in the template's order. */
void report_project(Report *r, const JxProject *p) {
  report_heading(r, 2, p->name)->project = g_strdup(p->name);
  project_facts(r, p);
  /* assessed once, for the goal's line, the grid and the charts */
  JxProjectResult *pr = jx_assess_project(p, r->o->period, r->rules, NULL);
  for (guint k = 0; k < r->t->n_project_parts; k++) {
    char *title = NULL;
    switch (r->t->project_parts[k]) {
    case JX_PROJECT_FUNDS:
      /* the department's own part has a budget only when its form gives one */
      if (p->whole && !p->funds.has_total && !p->funds.has_initial && !p->executions->len)
        break;
      report_heading(r, 3, title = report_text_of(r, "project-funds"));
      jx_document_paragraph(r->doc, JX_ROLE_TABLE, "单位：万元", JX_ALIGN_RIGHT, false);
      project_funds(r->doc, p, pr, r->o->period);
      break;
    case JX_PROJECT_GOAL: {
      report_heading(r, 3, title = report_text_of(r, "project-goal"));
      gchar **paras = g_strsplit(*p->goal ? p->goal : "（未填报）", "\n", -1);
      for (int i = 0; paras[i]; i++)
        if (*paras[i])
          jx_document_paragraph(r->doc, JX_ROLE_BODY, paras[i], JX_ALIGN_JUSTIFY, true);
      g_strfreev(paras);
      project_texts(r, p, true);
      achieved(r, pr);
      break;
    }
    case JX_PROJECT_INDICATORS:
      report_heading(r, 3, title = report_text_of(r, "project-indicators"));
      indicator_table(r, p, pr);
      break;
    case JX_PROJECT_SELF_EVAL:
    case JX_PROJECT_MONITORING:
      break; /* the forms come last */
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
  /* what the form says after its indicators: 评价结论, 存在问题, 改进措施 … */
  if (has_texts(p, false)) {
    char *title = report_text_of(r, "project-texts");
    report_heading(r, 3, title);
    g_free(title);
    project_texts(r, p, false);
  }
  /* the forms the template asks for, each on pages of its own after the
   * section's text */
  for (guint k = 0; k < r->t->n_project_parts; k++) {
    JxProjectPart part = r->t->project_parts[k];
    if (part != JX_PROJECT_SELF_EVAL && part != JX_PROJECT_MONITORING)
      continue;
    jx_document_page_break(r->doc);
    char *title = report_text_of(r, part == JX_PROJECT_SELF_EVAL ? "project-self-evaluation"
                                                                 : "project-monitoring");
    report_heading(r, 3, title);
    g_free(title);
    if (part == JX_PROJECT_SELF_EVAL)
      report_form_self(r, pr);
    else
      report_form_monitor(r, pr);
    jx_document_page_break(r->doc);
  }
  jx_project_result_free(pr);
}
