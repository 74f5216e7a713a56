/* report.c - a department's report as a document. */
#include "report/parts.h"

#include "report/chart.h"
#include "model/decimal.h"
#include "read/table.h"
#include "model/text.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

/* A text of the template's [texts] with the report's placeholders filled.
 * Caller frees. */
char *report_text_of(const Report *r, const char *key) {
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
JxBlock *report_heading(Report *r, int level, const char *text) {
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
JxBlock *report_headed_table(JxDocument *doc, guint columns, const char *const *head, guint n) {
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
    const JxProject *p = g_ptr_array_index(d->projects, i);
    if (p->whole)
      continue; /* the department's own budget is not a project's */
    const JxFunds *f = &p->funds;
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
const char *report_money(int64_t v, bool has, char *buf) {
  if (!has)
    return "";
  return jx_amount_format(v, true, buf);
}

/* The latest period any indicator of p has an actual for, or its budget
 * execution, or NULL: the year end after its months. */
const char *report_latest_period(const JxProject *p) {
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
  /* a form's budget execution dates it too, indicators reported or not */
  for (guint i = 0; i < p->executions->len; i++) {
    const char *period = ((JxExecution *)g_ptr_array_index(p->executions, i))->period;
    if (*period && (!best || jx_period_compare(period, best) > 0))
      best = period;
  }
  return best;
}

/* "2024年" or "2024年6月" for a period. */
char *report_period_label(const char *period) {
  if (!period || !*period)
    return g_strdup("");
  if (strlen(period) == 7)
    return g_strdup_printf("%.4s年%d月", period, atoi(period + 5));
  return g_strdup_printf("%s年", period);
}

/* The budget execution of p at period, or its latest (NULL: the latest);
 * NULL when none is reported. */
const JxExecution *report_execution_at(const JxProject *p, const char *period) {
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
const JxActual *report_actual_at(const JxIndicator *ind, const char *period) {
  for (guint i = 0; i < jx_indicator_actual_count(ind); i++) {
    const JxActual *a = g_ptr_array_index(ind->actuals, i);
    if (strcmp(a->period, period) == 0)
      return a;
  }
  return NULL;
}

void report_funds_cells(JxBlock *t, const JxFunds *f) {
  char buf[32];
  jx_block_cell(t, report_money(f->total, f->has_total, buf), JX_ALIGN_RIGHT, false);
  jx_block_cell(t, report_money(f->fiscal, f->has_fiscal, buf), JX_ALIGN_RIGHT, false);
  jx_block_cell(t, report_money(f->special, f->has_special, buf), JX_ALIGN_RIGHT, false);
  jx_block_cell(t, report_money(f->other, f->has_other, buf), JX_ALIGN_RIGHT, false);
}

/* How many of d's projects are projects, not its own part (部门整体). */
static guint project_count(const JxDepartment *d) {
  guint n = 0;
  for (guint i = 0; i < d->projects->len; i++)
    n += !((const JxProject *)g_ptr_array_index(d->projects, i))->whole;
  return n;
}

/* 序号 | 项目名称 | 总计 | 财政拨款 | 财政专户拨款 | 其他资金, with a 合计 row. */
static void funds_table(JxDocument *doc, const JxDepartment *d) {
  static const char *const head[] = {"序号",     "项目名称",     "总计",
                                     "财政拨款", "财政专户拨款", "其他资金"};
  JxBlock *t = report_headed_table(doc, 6, head, G_N_ELEMENTS(head));
  guint seq = 0;
  for (guint i = 0; i < d->projects->len; i++) {
    const JxProject *p = g_ptr_array_index(d->projects, i);
    if (p->whole)
      continue;
    char n[16];
    g_snprintf(n, sizeof n, "%u", ++seq);
    jx_block_row(t);
    jx_block_cell(t, n, JX_ALIGN_CENTER, false);
    jx_block_cell(t, p->name, JX_ALIGN_LEFT, false);
    report_funds_cells(t, &p->funds);
  }
  JxFunds sum = funds_sum(d);
  char buf[32];
  jx_block_row(t);
  jx_block_cell(t, "", JX_ALIGN_CENTER, true);
  jx_block_cell(t, "合计", JX_ALIGN_CENTER, true);
  jx_block_cell(t, report_money(sum.total, sum.has_total, buf), JX_ALIGN_RIGHT, true);
  jx_block_cell(t, report_money(sum.fiscal, sum.has_fiscal, buf), JX_ALIGN_RIGHT, true);
  jx_block_cell(t, report_money(sum.special, sum.has_special, buf), JX_ALIGN_RIGHT, true);
  jx_block_cell(t, report_money(sum.other, sum.has_other, buf), JX_ALIGN_RIGHT, true);
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
      f->alt = g_strdup(sc->title);
      f->figure_name = part++ ? g_strdup_printf("%s-项目得分-%u", d->name, part)
                              : g_strdup_printf("%s-项目得分", d->name);
    }
    const JxProjectResult *r = g_ptr_array_index(dr->projects, i);
    jx_scores_add(sc, r->project->name, 100, r->percent);
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
      f->alt = g_strdup(m->title);
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
  char *title = report_text_of(r, "title");
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
  char buf[32];
  char *line = g_strdup_printf("项目 %u 个　绩效指标 %u 项　资金合计 %s 万元", d->projects->len,
                               indicators, jx_amount_format(total, true, buf));
  report_cover_rest(r, line);
  g_free(line);
}

void report_cover_rest(Report *r, const char *facts) {
  jx_document_space(r->doc, 40);
  jx_document_paragraph(r->doc, JX_ROLE_SUBTITLE, facts, JX_ALIGN_CENTER, false);
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
  char *title = report_text_of(r, "toc");
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
  JxBlock *t = report_headed_table(r->doc, 5, head, G_N_ELEMENTS(head));
  char buf[32], n[16], score[16];
  for (guint i = 0; i < dr->projects->len; i++) {
    const JxProjectResult *pr = g_ptr_array_index(dr->projects, i);
    const JxProject *p = pr->project;
    g_snprintf(n, sizeof n, "%u", i + 1);
    if (fabs(pr->out_of - 100) > 0.005)
      g_snprintf(score, sizeof score, "%.2f / %g", pr->total, pr->out_of);
    else
      g_snprintf(score, sizeof score, "%.2f", pr->total);
    jx_block_row(t);
    jx_block_cell(t, n, JX_ALIGN_CENTER, false);
    jx_block_cell(t, p->name, JX_ALIGN_LEFT, false);
    jx_block_cell(t, report_money(p->funds.total, p->funds.has_total, buf), JX_ALIGN_RIGHT, false);
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
}

/* 基本情况: the funds, the scores, the department charts. */
static void overview(Report *r, const JxDepartmentResult *dr) {
  char *title = report_text_of(r, "overview");
  report_heading(r, 1, title);
  g_free(title);
  /* a department of only its own part has no projects' funds to table */
  if (project_count(r->d)) {
    title = report_text_of(r, "funds");
    report_heading(r, 2, title);
    g_free(title);
    jx_document_paragraph(r->doc, JX_ROLE_TABLE, "单位：万元", JX_ALIGN_RIGHT, false);
    funds_table(r->doc, r->d);
  }
  if (dr->projects->len) {
    report_heading(r, 2, "绩效得分");
    scores_table(r, dr);
    jx_document_space(r->doc, 10);
    if (r->o->charts)
      department_charts(r, dr);
  }
}

/* Budget execution by project against 序时进度, those behind flagged. */
static void execution(Report *r, const JxDepartmentResult *dr) {
  char *title = report_text_of(r, "execution");
  report_heading(r, 1, title);
  g_free(title);
  jx_document_paragraph(r->doc, JX_ROLE_TABLE, "单位：万元", JX_ALIGN_RIGHT, false);
  static const char *const head[] = {"序号",   "项目名称", "预算数",  "执行数",
                                     "执行率", "序时进度", "监控结果"};
  JxBlock *t = report_headed_table(r->doc, 7, head, G_N_ELEMENTS(head));
  for (guint i = 0; i < dr->projects->len; i++) {
    const JxProjectResult *pr = g_ptr_array_index(dr->projects, i);
    const JxProject *p = pr->project;
    const JxExecution *e = report_execution_at(p, *pr->period ? pr->period : NULL);
    char n[16], buf[32], done[32], rate[32] = "", timing[32];
    g_snprintf(n, sizeof n, "%u", i + 1);
    if (pr->has_execution)
      g_snprintf(rate, sizeof rate, "%.2f%%", 100 * pr->execution_rate);
    g_snprintf(timing, sizeof timing, "%.2f%%", 100 * pr->progress);
    jx_block_row(t);
    jx_block_cell(t, n, JX_ALIGN_CENTER, false);
    jx_block_cell(t, p->name, JX_ALIGN_LEFT, false);
    jx_block_cell(t, report_money(p->funds.total, p->funds.has_total, buf), JX_ALIGN_RIGHT, false);
    jx_block_cell(t, e ? report_money(e->executed, e->has_executed, done) : "", JX_ALIGN_RIGHT,
                  false);
    jx_block_cell(t, rate, JX_ALIGN_RIGHT, false);
    jx_block_cell(t, timing, JX_ALIGN_RIGHT, false);
    report_light_cell(r, t, pr->execution_light);
  }
}

/* The indicators behind 序时进度, first: what needs attention this month. */
static void lagging(Report *r, const JxDepartmentResult *dr) {
  char *title = report_text_of(r, "lagging");
  report_heading(r, 1, title);
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
        t = report_headed_table(r->doc, 6, head, G_N_ELEMENTS(head));
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
  if (!t) {
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
  char *title = report_text_of(r, "targets");
  JxBlock *h = jx_document_heading(r->doc, JX_ROLE_TITLE, title, 1);
  h->align = JX_ALIGN_CENTER;
  g_free(title);
  char *unit = g_strdup_printf("部门名称：%s", d->name);
  jx_document_paragraph(r->doc, JX_ROLE_TABLE, unit, JX_ALIGN_LEFT, false);
  g_free(unit);
  jx_document_paragraph(r->doc, JX_ROLE_TABLE, "单位：万元", JX_ALIGN_RIGHT, false);
  static const char *const head[] = {"项目名称", "总计",     "财政拨款", "财政专户拨款",
                                     "其他资金", "绩效目标", "绩效指标"};
  JxBlock *t = report_headed_table(r->doc, 7, head, G_N_ELEMENTS(head));
  JxFunds sum = funds_sum(d);
  char buf[32];
  jx_block_row(t);
  jx_block_cell(t, "合计", JX_ALIGN_CENTER, true);
  jx_block_cell(t, report_money(sum.total, sum.has_total, buf), JX_ALIGN_RIGHT, true);
  jx_block_cell(t, report_money(sum.fiscal, sum.has_fiscal, buf), JX_ALIGN_RIGHT, true);
  jx_block_cell(t, report_money(sum.special, sum.has_special, buf), JX_ALIGN_RIGHT, true);
  jx_block_cell(t, report_money(sum.other, sum.has_other, buf), JX_ALIGN_RIGHT, true);
  jx_block_cell(t, "", JX_ALIGN_LEFT, true);
  jx_block_cell(t, "", JX_ALIGN_LEFT, true);
  for (guint i = 0; i < d->projects->len; i++) {
    const JxProject *p = g_ptr_array_index(d->projects, i);
    jx_block_row(t);
    jx_block_cell(t, p->name, JX_ALIGN_LEFT, false);
    report_funds_cells(t, &p->funds);
    jx_block_cell(t, p->goal, JX_ALIGN_LEFT, false);
    char *lines = indicator_lines(p);
    jx_block_cell(t, lines, JX_ALIGN_LEFT, false);
    g_free(lines);
  }
}

/* How many indicators of p from k on have the same 一级 (and, when level2
 * is true, the same 二级) as the k-th: the rows its label spans. */
static guint run_of(const JxProject *p, guint k, bool level2) {
  const JxIndicator *first = g_ptr_array_index(p->indicators, k);
  guint n = 1;
  for (; k + n < p->indicators->len; n++) {
    const JxIndicator *x = g_ptr_array_index(p->indicators, k + n);
    if (strcmp(x->level1, first->level1) != 0 || (level2 && strcmp(x->level2, first->level2) != 0))
      break;
  }
  return n;
}

/* 附表: every indicator of the department in one table, the project's
 * name over its rows, each 一级 over its 二级 and each 二级 over its
 * indicators; a label a page cuts is repeated with （续）. */
static void appendix(Report *r) {
  char *title = report_text_of(r, "appendix");
  report_heading(r, 1, title);
  g_free(title);
  static const char *const head[] = {"项目名称", "一级指标",   "二级指标",
                                     "三级指标", "年度指标值", "实际完成值"};
  JxBlock *t = report_headed_table(r->doc, 6, head, G_N_ELEMENTS(head));
  t->continued = report_text_of(r, "continued");
  for (guint i = 0; i < r->d->projects->len; i++) {
    const JxProject *p = g_ptr_array_index(r->d->projects, i);
    const char *period = r->o->period ? r->o->period : report_latest_period(p);
    guint left1 = 0, left2 = 0;
    for (guint k = 0; k < p->indicators->len; k++) {
      const JxIndicator *ind = g_ptr_array_index(p->indicators, k);
      const JxValue *target = ind->annual_target ? ind->annual_target : ind->period_target;
      const JxActual *a = period ? report_actual_at(ind, period) : NULL;
      jx_block_row(t);
      if (k == 0) {
        jx_block_cell(t, p->name, JX_ALIGN_LEFT, false);
        jx_block_span(t, p->indicators->len, 1);
      }
      if (!left1) {
        left1 = run_of(p, k, false);
        jx_block_cell(t, ind->level1, JX_ALIGN_LEFT, false);
        jx_block_span(t, left1, 1);
      }
      if (!left2) {
        left2 = run_of(p, k, true);
        jx_block_cell(t, ind->level2, JX_ALIGN_LEFT, false);
        jx_block_span(t, left2, 1);
      }
      left1--;
      left2--;
      jx_block_cell(t, ind->name, JX_ALIGN_LEFT, false);
      jx_block_cell(t, target ? target->raw : "", JX_ALIGN_LEFT, false);
      jx_block_cell(t, a && a->value ? a->value->raw : "", JX_ALIGN_LEFT, false);
    }
  }
}

const char *jx_report_period(const JxDepartment *d, const char *asked) {
  const char *best = asked;
  for (guint i = 0; !asked && i < d->projects->len; i++) {
    const char *p = report_latest_period(g_ptr_array_index(d->projects, i));
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
  char *period = report_period_label(when);
  const char *places[] = {"{部门}", d->name,      "{年度}", year, "{期间}",
                          period,   "{生成日期}", o->date,  NULL};
  memcpy(r.places, places, sizeof places);
  char *title = report_text_of(&r, "title");
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
      if (!project_count(d))
        break;
      char *h = report_text_of(&r, "funds");
      report_heading(&r, 1, h);
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
    case JX_PART_WARNINGS:
      report_warnings(&r);
      break;
    case JX_PART_TARGETS:
      targets_table(&r);
      break;
    case JX_PART_PROJECTS: {
      char *h = report_text_of(&r, "projects");
      /* the department's own indicators first, under a heading of their own */
      guint whole = d->projects->len - project_count(d);
      if (whole) {
        char *w = report_text_of(&r, "whole");
        report_heading(&r, 1, w);
        g_free(w);
        for (guint k = 0; k < d->projects->len; k++)
          if (((const JxProject *)g_ptr_array_index(d->projects, k))->whole)
            report_project(&r, g_ptr_array_index(d->projects, k));
      }
      if (whole < d->projects->len) {
        report_heading(&r, 1, h);
        for (guint k = 0; k < d->projects->len; k++)
          if (!((const JxProject *)g_ptr_array_index(d->projects, k))->whole)
            report_project(&r, g_ptr_array_index(d->projects, k));
      }
      g_free(h);
      break;
    }
    case JX_PART_SUMMARY:
      if (o->charts && dr->projects->len) {
        char *h = report_text_of(&r, "summary");
        report_heading(&r, 1, h);
        g_free(h);
        department_charts(&r, dr);
      }
      break;
    case JX_PART_APPENDIX:
      appendix(&r);
      break;
    case JX_PART_LETTER:
      report_letter(&r, dr);
      break;
    case JX_PART_RECORD:
      report_record(&r);
      break;
    case JX_PART_FORMS:
      report_forms(&r);
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
