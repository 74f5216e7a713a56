/* form.c - the official forms, cell for cell, on pages of their own: the
 * 项目支出绩效自评表 (the national layout of 财预〔2020〕10号, or the
 * Sichuan one with 指标性质, 度量单位 and 权重), the 部门整体支出绩效自评表,
 * and the 项目支出绩效目标执行监控表 (财预〔2019〕136号 附件2).
 *
 * A label that spans rows or columns on the paper form spans them here; a
 * field the data does not fill stays blank, and a field the form marks not
 * applicable holds "/". */
#include "report/parts.h"

#include "model/decimal.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

static void cell(JxBlock *t, const char *text, JxAlign align) {
  jx_block_cell(t, text ? text : "", align, false);
}

static void label(JxBlock *t, const char *text, guint rows, guint cols) {
  jx_block_cell(t, text, JX_ALIGN_CENTER, false);
  jx_block_span(t, rows, cols);
}

/* A number as a form prints points and scores: 10, 16.67, 9.5. */
static const char *points(double v, char *buf, gsize size) {
  g_snprintf(buf, size, "%.2f", v);
  char *end = buf + strlen(buf) - 1;
  while (*end == '0')
    *end-- = '\0';
  if (*end == '.')
    *end = '\0';
  return buf;
}

/* A place's value in the report's placeholders ("{年度}"), or "". */
static const char *place(const Report *r, const char *key) {
  for (int i = 0; r->places[i]; i += 2)
    if (strcmp(r->places[i], key) == 0)
      return r->places[i + 1];
  return "";
}

/* The form's title and year, centred above it; the table that follows is
 * the form, in its own role. */
static JxBlock *form_table(Report *r, const char *title, const char *period, guint columns) {
  JxBlock *h = jx_document_heading(r->doc, JX_ROLE_HEADING1, title, 0);
  h->align = JX_ALIGN_CENTER;
  char year[8];
  g_snprintf(year, sizeof year, "%.4s", period && *period ? period : place(r, "{年度}"));
  char *line = g_strdup_printf("（%s年度）", year);
  jx_document_paragraph(r->doc, JX_ROLE_TABLE, line, JX_ALIGN_CENTER, false);
  g_free(line);
  JxBlock *t = jx_document_table(r->doc, columns, 1);
  t->role = JX_ROLE_FORM;
  t->continued = report_text_of(r, "continued");
  return t;
}

/* 项目名称 and 主管部门 | 实施单位 (or 部门名称 alone for the department's
 * own form) across columns cols. */
static void form_names(JxBlock *t, const JxProject *p, guint cols) {
  jx_block_row(t);
  label(t, p->whole ? "部门名称" : "项目名称", 1, 1);
  GString *name = g_string_new(NULL);
  const char *code = p->whole ? p->department->code : p->code;
  if (*code)
    g_string_append_printf(name, "%s-", code);
  g_string_append(name, p->whole ? p->department->name : p->name);
  jx_block_cell(t, name->str, JX_ALIGN_LEFT, false);
  jx_block_span(t, 1, cols - 1);
  g_string_free(name, TRUE);
  if (p->whole)
    return;
  guint left = (cols - 2) / 2;
  jx_block_row(t);
  label(t, "主管部门", 1, 1);
  /* with its code, as the forms that give one print it */
  char *dept = *p->department->code
                   ? g_strdup_printf("[%s]%s", p->department->code, p->department->name)
                   : g_strdup(p->department->name);
  jx_block_cell(t, dept, JX_ALIGN_LEFT, false);
  g_free(dept);
  jx_block_span(t, 1, left);
  label(t, "实施单位", 1, 1);
  jx_block_cell(t, *p->unit ? p->unit : "", JX_ALIGN_LEFT, false);
  jx_block_span(t, 1, cols - 2 - left);
}

/* The indicator block's rows: 一级 over its 二级 rows, 二级 over its 三级,
 * each over the rows that follow it with the same label; row(i) adds the
 * cells after the 三级 name. */
typedef void (*RowCells)(JxBlock *t, const JxIndicatorResult *res, const void *data);

static void indicator_rows(JxBlock *t, const JxProjectResult *pr, RowCells more, const void *data) {
  GArray *ind = pr->indicators;
  for (guint i = 0; i < ind->len; i++) {
    const JxIndicatorResult *res = &g_array_index(ind, JxIndicatorResult, i);
    const JxIndicator *x = res->indicator;
    jx_block_row(t);
    const JxIndicator *prev = i ? g_array_index(ind, JxIndicatorResult, i - 1).indicator : NULL;
    bool new1 = !prev || strcmp(prev->level1, x->level1) != 0;
    if (new1) {
      guint run = 1;
      while (i + run < ind->len &&
             strcmp(g_array_index(ind, JxIndicatorResult, i + run).indicator->level1, x->level1) ==
                 0)
        run++;
      /* with its category's weight where the form gave one */
      char *l1 = jx_level1_label(pr->project, x);
      jx_block_cell(t, l1, JX_ALIGN_CENTER, false);
      g_free(l1);
      jx_block_span(t, run, 1);
    }
    if (new1 || strcmp(prev->level2, x->level2) != 0) {
      guint run = 1;
      while (i + run < ind->len) {
        const JxIndicator *n = g_array_index(ind, JxIndicatorResult, i + run).indicator;
        if (strcmp(n->level1, x->level1) != 0 || strcmp(n->level2, x->level2) != 0)
          break;
        run++;
      }
      jx_block_cell(t, x->level2, JX_ALIGN_CENTER, false);
      jx_block_span(t, run, 1);
    }
    cell(t, x->name, JX_ALIGN_LEFT);
    more(t, res, data);
  }
}

/* Whether an indicator was assessed on a value: its 得分 is printed. */
static bool scored(const JxIndicatorResult *res) {
  return res->weight > 0 &&
         (res->outcome.status == JX_STATUS_MET || res->outcome.status == JX_STATUS_PARTLY ||
          res->outcome.status == JX_STATUS_UNMET);
}

/* 分值 and 得分 of an indicator: the printed points where the form gave
 * them; "/" where it does not apply. */
static void score_cells(JxBlock *t, const JxIndicatorResult *res) {
  char w[32], s[32];
  if (res->outcome.status == JX_STATUS_NOT_APPLICABLE) {
    cell(t, "/", JX_ALIGN_CENTER);
    cell(t, "/", JX_ALIGN_CENTER);
    return;
  }
  const JxIndicator *x = res->indicator;
  cell(t,
       x->has_weight ? jx_decimal_format(x->weight, w, sizeof w) : points(res->weight, w, sizeof w),
       JX_ALIGN_RIGHT);
  cell(t, scored(res) ? points(res->score, s, sizeof s) : "", JX_ALIGN_RIGHT);
}

static const JxValue *target_of(const JxIndicator *x) {
  return x->annual_target ? x->annual_target : x->period_target;
}

static void national_cells(JxBlock *t, const JxIndicatorResult *res, const void *data) {
  (void)data;
  const JxValue *target = target_of(res->indicator);
  cell(t, target ? target->raw : "", JX_ALIGN_LEFT);
  cell(t, res->actual && res->actual->value ? res->actual->value->raw : "", JX_ALIGN_LEFT);
  score_cells(t, res);
  cell(t, res->actual ? res->actual->cause : "", JX_ALIGN_LEFT);
}

static void sichuan_cells(JxBlock *t, const JxIndicatorResult *res, const void *data) {
  (void)data;
  const JxValue *target = target_of(res->indicator);
  char *cmp = target ? jx_value_comparator_text(target) : g_strdup("");
  char *number = target ? jx_value_number_text(target) : g_strdup("");
  char *unit = target ? jx_value_unit_text(target) : g_strdup("");
  bool quantitative = target && jx_value_is_quantitative(target);
  cell(t, cmp, JX_ALIGN_CENTER);
  /* a qualitative value is its words; a number is set apart from its unit */
  cell(t, quantitative ? number : target ? target->raw : "", JX_ALIGN_LEFT);
  cell(t, quantitative ? unit : "", JX_ALIGN_CENTER);
  cell(t, res->actual && res->actual->value ? res->actual->value->raw : "", JX_ALIGN_LEFT);
  score_cells(t, res);
  cell(t, res->actual ? res->actual->cause : "", JX_ALIGN_LEFT);
  g_free(cmp);
  g_free(number);
  g_free(unit);
}

/* A line of the funds block: its label over span columns, then its
 * amounts; the points, rate and score cells are the total's alone. */
typedef struct {
  const char *label;
  int64_t v;
  bool has, shown;
} FundsLine;

/* 执行率 of e against the project's budget: as printed, else computed. */
static void rate_text(const JxProject *p, const JxExecution *e, char *buf, gsize size) {
  *buf = '\0';
  if (!e)
    return;
  /* to two places, as the forms print rates: 95.00% */
  if (e->has_rate) {
    g_snprintf(buf, size, "%.2f%%", jx_decimal_to_double(e->rate));
  } else if (e->has_executed && p->funds.has_total && p->funds.total > 0) {
    g_snprintf(buf, size, "%.2f%%", 100.0 * (double)e->executed / (double)p->funds.total);
  }
}

/* The funds block of a self-evaluation form: block label down its rows,
 * lines labelled across the level columns, then 年初预算数 | 全年预算数 |
 * 全年执行数 | 分值 | 执行率 | 得分 (national) or 年初预算 | 调整后预算数 |
 * 预算执行数 | 预算执行率 | 权重 | 得分 | 原因 (Sichuan). */
static void self_funds(JxBlock *t, const JxProjectResult *pr, bool sichuan) {
  const JxProject *p = pr->project;
  const JxFunds *f = &p->funds;
  const JxExecution *e = report_execution_at(p, *pr->period ? pr->period : NULL);
  FundsLine national[] = {{"其中：当年财政拨款", f->fiscal, f->has_fiscal, true},
                          {"上年结转资金", f->carryover, f->has_carryover, true},
                          {"财政专户管理资金", f->special, f->has_special, f->has_special},
                          {"其他资金", f->other, f->has_other, true}};
  FundsLine sc[] = {{"其中：财政资金", f->fiscal, f->has_fiscal, true},
                    {"财政专户管理资金", f->special, f->has_special, true},
                    {"单位资金", f->own, f->has_own, true},
                    {"其他资金", f->other, f->has_other, true}};
  FundsLine *lines = sichuan ? sc : national;
  guint n = 0;
  for (guint i = 0; i < 4; i++)
    n += lines[i].shown;
  static const char *const nat_head[] = {"年初预算数", "全年预算数", "全年执行数",
                                         "分值",       "执行率",     "得分"};
  static const char *const sc_head[] = {
      "年初\n预算", "调整后\n预算数", "预算\n执行数", "预算\n执行率", "权重", "得分", "原因"};
  const char *const *head = sichuan ? sc_head : nat_head;
  guint nh = sichuan ? 7 : 6, label_cols = t->columns - 1 - nh;
  jx_block_row(t);
  label(t, sichuan ? "预算执行情况（万元）" : "项目资金\n（万元）", n + 2, 1);
  cell(t, sichuan ? "年度预算数" : "", JX_ALIGN_CENTER);
  jx_block_span(t, 1, label_cols);
  for (guint i = 0; i < nh; i++)
    label(t, head[i], 1, 1);
  char buf[32], w[32], s[32], rate[32];
  jx_block_row(t);
  label(t, sichuan ? "总额" : "年度资金总额", 1, label_cols);
  cell(t, report_money(f->initial, f->has_initial, buf), JX_ALIGN_RIGHT);
  cell(t, report_money(f->total, f->has_total, buf), JX_ALIGN_RIGHT);
  cell(t, e ? report_money(e->executed, e->has_executed, buf) : "", JX_ALIGN_RIGHT);
  rate_text(p, e, rate, sizeof rate);
  const char *weight = pr->has_execution ? points(pr->execution_weight, w, sizeof w) : "";
  const char *score = pr->has_execution ? points(pr->execution_score, s, sizeof s) : "";
  if (sichuan) {
    cell(t, rate, JX_ALIGN_RIGHT);
    cell(t, weight, JX_ALIGN_RIGHT);
    cell(t, score, JX_ALIGN_RIGHT);
    cell(t, "", JX_ALIGN_LEFT);
  } else {
    cell(t, weight, JX_ALIGN_RIGHT);
    cell(t, rate, JX_ALIGN_RIGHT);
    cell(t, score, JX_ALIGN_RIGHT);
  }
  for (guint i = 0; i < 4; i++) {
    if (!lines[i].shown)
      continue;
    jx_block_row(t);
    jx_block_cell(t, lines[i].label, JX_ALIGN_LEFT, false);
    jx_block_span(t, 1, label_cols);
    /* a form gives the lines' 年初 and 执行 amounts on paper; jixiao keeps
     * their 全年 amounts */
    cell(t, "", JX_ALIGN_RIGHT);
    cell(t, report_money(lines[i].v, lines[i].has, buf), JX_ALIGN_RIGHT);
    cell(t, "", JX_ALIGN_RIGHT);
    if (sichuan)
      cell(t, "", JX_ALIGN_RIGHT);
    /* the points and the score (and nationally the rate) are the
     * total's: the national form prints them "—", Sichuan's "/" */
    const char *none = sichuan ? "/" : "—";
    cell(t, none, JX_ALIGN_CENTER);
    cell(t, none, JX_ALIGN_CENTER);
    cell(t, sichuan ? "" : none, JX_ALIGN_CENTER);
  }
}

/* The texts the form gave its project with a label: rows across the
 * form. */
static void text_rows(JxBlock *t, const JxProject *p, const char *const *wanted) {
  for (int k = 0; wanted && wanted[k]; k++) {
    const char *text = "";
    for (guint i = 0; i < p->texts->len; i++) {
      const JxText *x = g_ptr_array_index(p->texts, i);
      if (strstr(x->label, wanted[k]))
        text = x->text;
    }
    jx_block_row(t);
    label(t, wanted[k], 1, 1);
    jx_block_cell(t, text, JX_ALIGN_LEFT, false);
    jx_block_span(t, 1, t->columns - 1);
  }
  if (wanted)
    return;
  for (guint i = 0; i < p->texts->len; i++) {
    const JxText *x = g_ptr_array_index(p->texts, i);
    if (report_goal_text(x))
      continue; /* the goal's, told with it in the section */
    jx_block_row(t);
    label(t, x->label, 1, 1);
    jx_block_cell(t, x->text, JX_ALIGN_LEFT, false);
    jx_block_span(t, 1, t->columns - 1);
  }
}

/* The goal block: 年度总体目标 down two rows, 预期目标 | 实际完成情况. */
static void goal_rows(JxBlock *t, const JxProject *p, const char *first, const char *second) {
  guint rest = t->columns - 1, a = rest / 2;
  jx_block_row(t);
  label(t, "年度总体目标", 2, 1);
  label(t, first, 1, a);
  label(t, second, 1, rest - a);
  jx_block_row(t);
  jx_block_cell(t, p->goal, JX_ALIGN_LEFT, false);
  jx_block_span(t, 1, a);
  jx_block_cell(t, p->achieved, JX_ALIGN_LEFT, false);
  jx_block_span(t, 1, rest - a);
}

/* The header row of an indicator block, under its block label spanning
 * it and the n rows below. */
static void indicator_head(JxBlock *t, const char *block, guint n, const char *const *head,
                           guint nh) {
  jx_block_row(t);
  t->header_at = t->rows->len - 1;
  label(t, block, n + 1, 1);
  for (guint i = 0; i < nh; i++)
    label(t, head[i], 1, 1);
}

/* 总分 (合计) with what the points add up to and the total score. */
static void total_row(JxBlock *t, const JxProjectResult *pr, const char *word, guint before,
                      guint after) {
  char w[32], s[32];
  jx_block_row(t);
  jx_block_cell(t, word, JX_ALIGN_CENTER, true);
  jx_block_span(t, 1, before);
  jx_block_cell(t, points(pr->out_of, w, sizeof w), JX_ALIGN_RIGHT, true);
  jx_block_cell(t, points(pr->total, s, sizeof s), JX_ALIGN_RIGHT, true);
  if (after) {
    jx_block_cell(t, "", JX_ALIGN_LEFT, true);
    jx_block_span(t, 1, after);
  }
}

void report_form_self(Report *r, const JxProjectResult *pr) {
  const JxProject *p = pr->project;
  bool sichuan = strcmp(jx_template_text(r->t, "sections", "form"), "sichuan") == 0;
  const char *title = p->whole  ? "部门整体支出绩效自评表"
                      : sichuan ? "部门预算项目支出绩效自评表"
                                : "项目支出绩效自评表";
  guint cols = sichuan ? 11 : 9;
  JxBlock *t = form_table(r, title, pr->period, cols);
  form_names(t, p, cols);
  if (sichuan) {
    const char *done = "";
    for (guint i = 0; i < p->texts->len; i++) {
      const JxText *x = g_ptr_array_index(p->texts, i);
      if (strstr(x->label, "实施内容"))
        done = x->text;
    }
    /* numbered as the published form numbers them */
    jx_block_row(t);
    label(t, "项目基本情况", 3, 1);
    label(t, "1.项目年度目标完成情况", 2, 2);
    label(t, "项目年度目标", 1, 4);
    label(t, "年度目标完成情况", 1, 4);
    jx_block_row(t);
    jx_block_cell(t, p->goal, JX_ALIGN_LEFT, false);
    jx_block_span(t, 1, 4);
    jx_block_cell(t, p->achieved, JX_ALIGN_LEFT, false);
    jx_block_span(t, 1, 4);
    jx_block_row(t);
    label(t, "2.项目实施内容及过程概述", 1, 2);
    jx_block_cell(t, done, JX_ALIGN_LEFT, false);
    jx_block_span(t, 1, 8);
  }
  self_funds(t, pr, sichuan);
  if (!sichuan)
    goal_rows(t, p, "预期目标", "实际完成情况");
  static const char *const nat_head[] = {
      "一级指标",   "二级指标", "三级指标", "年度指标值",
      "实际完成值", "分值",     "得分",     "偏差原因分析及改进措施"};
  static const char *const sc_head[] = {"一级指标", "二级指标",      "三级指标", "指标\n性质",
                                        "指标值",   "度量\n单位",    "完成值",   "权重",
                                        "得分",     "未完成原因分析"};
  guint n = pr->indicators->len;
  if (sichuan) {
    indicator_head(t, "绩效指标", n, sc_head, G_N_ELEMENTS(sc_head));
    indicator_rows(t, pr, sichuan_cells, NULL);
    t->header_end = t->rows->len;
    total_row(t, pr, "合计", 8, 1);
    static const char *const trailers[] = {"评价结论", "存在问题", "改进措施", NULL};
    text_rows(t, p, trailers);
  } else {
    indicator_head(t, "绩效指标", n, nat_head, G_N_ELEMENTS(nat_head));
    indicator_rows(t, pr, national_cells, NULL);
    t->header_end = t->rows->len;
    total_row(t, pr, "总分", 6, 1);
    text_rows(t, p, NULL);
  }
}

/* The month a period ends with: 6 for 2024-06, 12 for a year. */
static int month_of(const char *period) {
  return period && strlen(period) == 7 ? atoi(period + 5) : 12;
}

static void monitor_cells(JxBlock *t, const JxIndicatorResult *res, const void *data) {
  (void)data;
  const JxValue *target = target_of(res->indicator);
  const JxActual *a = res->actual;
  cell(t, target ? target->raw : "", JX_ALIGN_LEFT);
  cell(t, a && a->value ? a->value->raw : "", JX_ALIGN_LEFT);
  cell(t, a ? a->expected : "", JX_ALIGN_LEFT);
  /* 经费保障, 制度保障, 人员保障, 硬件条件保障 or 其他, as the data names it */
  cell(t, a ? a->cause : "", JX_ALIGN_LEFT);
  cell(t, a ? a->likelihood : "", JX_ALIGN_CENTER);
  cell(t, res->indicator->remark, JX_ALIGN_LEFT);
}

void report_form_monitor(Report *r, const JxProjectResult *pr) {
  const JxProject *p = pr->project;
  guint cols = 10;
  JxBlock *t = form_table(r, "项目支出绩效目标执行监控表", pr->period, cols);
  form_names(t, p, cols);
  const JxFunds *f = &p->funds;
  const JxExecution *e = report_execution_at(p, *pr->period ? pr->period : NULL);
  int month = month_of(e ? e->period : pr->period);
  char done[32], rate_head[32];
  g_snprintf(done, sizeof done, "1-%d月\n执行数", month);
  g_snprintf(rate_head, sizeof rate_head, "1-%d月\n执行率", month);
  const char *const head[] = {"年初预算数", done, rate_head, "全年预计\n执行数"};
  FundsLine lines[] = {{"其中：财政拨款", f->fiscal, f->has_fiscal, true},
                       {"其他资金", f->other, f->has_other, true}};
  jx_block_row(t);
  label(t, "项目资金\n（万元）", 4, 1);
  cell(t, "", JX_ALIGN_LEFT);
  jx_block_span(t, 1, 3);
  for (int i = 0; i < 4; i++)
    label(t, head[i], 1, 1);
  cell(t, "", JX_ALIGN_LEFT);
  jx_block_span(t, 4, 2);
  char buf[32], rate[32];
  jx_block_row(t);
  label(t, "年度资金总额", 1, 3);
  cell(t, report_money(f->has_initial ? f->initial : f->total, f->has_initial || f->has_total, buf),
       JX_ALIGN_RIGHT);
  cell(t, e ? report_money(e->executed, e->has_executed, buf) : "", JX_ALIGN_RIGHT);
  rate_text(p, e, rate, sizeof rate);
  cell(t, rate, JX_ALIGN_RIGHT);
  cell(t, e && e->has_expected ? report_money(e->expected, true, buf) : "", JX_ALIGN_RIGHT);
  for (int i = 0; i < 2; i++) {
    jx_block_row(t);
    jx_block_cell(t, lines[i].label, JX_ALIGN_LEFT, false);
    jx_block_span(t, 1, 3);
    cell(t, report_money(lines[i].v, lines[i].has, buf), JX_ALIGN_RIGHT);
    for (int k = 0; k < 3; k++)
      cell(t, "", JX_ALIGN_RIGHT);
  }
  jx_block_row(t);
  label(t, "年度总体目标", 1, 1);
  jx_block_cell(t, p->goal, JX_ALIGN_LEFT, false);
  jx_block_span(t, 1, cols - 1);
  char actual[32];
  g_snprintf(actual, sizeof actual, "1-%d月执行情况", month);
  const char *const ihead[] = {"一级指标",     "二级指标",       "三级指标",
                               "年度指标值",   actual,           "全年预计完成情况",
                               "偏差原因分析", "完成目标可能性", "备注"};
  indicator_head(t, "绩效指标", pr->indicators->len, ihead, G_N_ELEMENTS(ihead));
  indicator_rows(t, pr, monitor_cells, NULL);
  t->header_end = t->rows->len;
  text_rows(t, p, NULL);
}
