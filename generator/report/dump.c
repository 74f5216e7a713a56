/* dump.c - the model as one indicator a row. */
#include "report/dump.h"

#include <csv.h>
#include <stdio.h>
#include <string.h>

static const char *const header[] = {"部门",
                                     "部门编码",
                                     "项目编码",
                                     "项目名称",
                                     "实施单位",
                                     "部门整体",
                                     "总计",
                                     "财政拨款",
                                     "财政专户拨款",
                                     "上年结转资金",
                                     "单位资金",
                                     "其他资金",
                                     "年初预算数",
                                     "绩效目标",
                                     "目标完成情况",
                                     "序号",
                                     "一级指标",
                                     "二级指标",
                                     "三级指标",
                                     "实施周期指标值",
                                     "年度指标值",
                                     "指标性质",
                                     "目标数值",
                                     "度量单位",
                                     "分值",
                                     "期间",
                                     "实际完成值",
                                     "全年预计完成值",
                                     "完成状态",
                                     "完成率",
                                     "得分",
                                     "填报得分",
                                     "标记",
                                     "监控结果",
                                     "偏差原因分析及改进措施",
                                     "完成可能性",
                                     "备注",
                                     NULL};

enum { NCOL = 37 };

/* Writes one field, quoted only when it must be: a reader trims spaces at the
 * ends of unquoted fields. */
static void field(FILE *out, const char *s, bool first) {
  if (!first)
    fputc(',', out);
  size_t len = strlen(s);
  if (len > 0 && (strpbrk(s, ",\"\r\n") || s[0] == ' ' || s[0] == '\t' || s[len - 1] == ' ' ||
                  s[len - 1] == '\t'))
    csv_fwrite(out, s, len);
  else
    fwrite(s, 1, len, out);
}

static void row(FILE *out, char *const cells[NCOL]) {
  for (int i = 0; i < NCOL; i++)
    field(out, cells[i] ? cells[i] : "", i == 0);
  fputc('\n', out);
}

static char *amount(int64_t v, bool has) {
  char buf[32];
  return has ? g_strdup(jx_amount_format(v, false, buf)) : g_strdup("");
}

enum {
  C_DEPT,
  C_DEPT_CODE,
  C_CODE,
  C_PROJECT,
  C_UNIT_NAME,
  C_WHOLE,
  C_TOTAL,
  C_FISCAL,
  C_SPECIAL,
  C_CARRYOVER,
  C_OWN,
  C_OTHER,
  C_INITIAL,
  C_GOAL,
  C_ACHIEVED,
  C_SEQ,
  C_L1,
  C_L2,
  C_L3,
  C_PTARGET,
  C_ATARGET,
  C_CMP,
  C_NUMBER,
  C_UNIT,
  C_WEIGHT,
  C_PERIOD,
  C_ACTUAL,
  C_EXPECTED,
  C_STATUS,
  C_RATIO,
  C_SCORE,
  C_REPORTED,
  C_FLAGS,
  C_LIGHT,
  C_CAUSE,
  C_LIKELIHOOD,
  C_REMARK
};

static void clear(char *cells[NCOL]) {
  for (int i = 0; i < NCOL; i++) {
    g_free(cells[i]);
    cells[i] = NULL;
  }
}

/* Fills the project's columns; funds and goal only on its first row. */
static void project_cells(char *cells[NCOL], const JxProject *p, bool first) {
  cells[C_DEPT] = g_strdup(p->department->name);
  cells[C_PROJECT] = g_strdup(p->name);
  cells[C_WHOLE] = g_strdup(p->whole ? "是" : "");
  if (first) {
    const JxFunds *f = &p->funds;
    cells[C_DEPT_CODE] = g_strdup(p->department->code);
    cells[C_CODE] = g_strdup(p->code);
    cells[C_UNIT_NAME] = g_strdup(p->unit);
    cells[C_TOTAL] = amount(f->total, f->has_total);
    cells[C_FISCAL] = amount(f->fiscal, f->has_fiscal);
    cells[C_SPECIAL] = amount(f->special, f->has_special);
    cells[C_CARRYOVER] = amount(f->carryover, f->has_carryover);
    cells[C_OWN] = amount(f->own, f->has_own);
    cells[C_OTHER] = amount(f->other, f->has_other);
    cells[C_INITIAL] = amount(f->initial, f->has_initial);
    cells[C_GOAL] = g_strdup(p->goal);
    cells[C_ACHIEVED] = g_strdup(p->achieved);
  }
}

/* A completion ratio as the dump writes it: a fraction, 0.976 for 97.6 %. */
static char *ratio_text(double r) {
  char *t = g_strdup_printf("%.4f", r);
  char *end = t + strlen(t) - 1;
  while (end > t && *end == '0')
    *end-- = '\0';
  if (*end == '.')
    *end = '\0';
  return t;
}

/* Fills the assessment columns of an indicator's row from its result. */
static void outcome_cells(char *cells[NCOL], const JxIndicatorResult *res) {
  const JxOutcome *o = &res->outcome;
  cells[C_STATUS] = g_strdup(jx_status_name(o->status));
  bool scored =
      o->status == JX_STATUS_MET || o->status == JX_STATUS_PARTLY || o->status == JX_STATUS_UNMET;
  if (scored) {
    cells[C_RATIO] = ratio_text(o->ratio);
    cells[C_SCORE] = g_strdup_printf("%.2f", res->score);
  }
  if (o->too_easy)
    cells[C_FLAGS] = g_strdup("目标设定偏低");
  else if (res->lagging)
    cells[C_FLAGS] = g_strdup("进度滞后");
  else if (o->status == JX_STATUS_UNASSESSABLE && o->reason)
    cells[C_FLAGS] = g_strdup(o->reason);
  cells[C_LIGHT] = g_strdup(jx_light_color_name(res->light));
}

/* The project assessed at each period it has actuals for: period -> result
 * (the results are owned by series). */
static GHashTable *assess_periods(const JxProject *p, const JxAssessConfig *c, GPtrArray **series) {
  GHashTable *t = g_hash_table_new(g_str_hash, g_str_equal);
  *series = c ? jx_assess_periods(p, c) : g_ptr_array_new();
  for (guint i = 0; i < (*series)->len; i++) {
    JxProjectResult *r = g_ptr_array_index(*series, i);
    g_hash_table_insert(t, r->period, r);
  }
  return t;
}

static void indicator_rows(FILE *out, const JxProject *p, guint index, GHashTable *results,
                           const JxProjectResult *latest, bool *first) {
  const JxIndicator *ind = g_ptr_array_index(p->indicators, index);
  char *cells[NCOL] = {NULL};
  guint n = jx_indicator_actual_count(ind) ? jx_indicator_actual_count(ind) : 1;
  /* the value the comparator and unit columns describe: see table.c */
  const JxValue *main = ind->annual_target ? ind->annual_target : ind->period_target;
  for (guint k = 0; k < n; k++) {
    project_cells(cells, p, *first);
    *first = false;
    cells[C_SEQ] = g_strdup_printf("%d", ind->seq);
    cells[C_L1] = jx_level1_label(p, ind);
    cells[C_L2] = g_strdup(ind->level2);
    cells[C_L3] = g_strdup(ind->name);
    cells[C_PTARGET] = g_strdup(ind->period_target ? ind->period_target->raw : "");
    cells[C_ATARGET] = g_strdup(ind->annual_target ? ind->annual_target->raw : "");
    if (main) {
      cells[C_CMP] = jx_value_comparator_text(main);
      cells[C_NUMBER] = jx_value_number_text(main);
      cells[C_UNIT] = jx_value_unit_text(main);
    }
    if (ind->has_weight) {
      char buf[32];
      cells[C_WEIGHT] = g_strdup(jx_decimal_format(ind->weight, buf, sizeof buf));
    }
    cells[C_REMARK] = g_strdup(ind->remark);
    if (jx_indicator_actual_count(ind)) {
      const JxActual *a = g_ptr_array_index(ind->actuals, k);
      cells[C_PERIOD] = g_strdup(a->period);
      cells[C_ACTUAL] = g_strdup(a->value ? a->value->raw : "");
      cells[C_REPORTED] = g_strdup(a->score);
      cells[C_CAUSE] = g_strdup(a->cause);
      cells[C_LIKELIHOOD] = g_strdup(a->likelihood);
      cells[C_EXPECTED] = g_strdup(a->expected);
      const JxProjectResult *r = g_hash_table_lookup(results, a->period);
      if (r)
        outcome_cells(cells, &g_array_index(r->indicators, JxIndicatorResult, index));
    } else if (latest) {
      /* no actual at all, where the project has some: 无实际值 */
      cells[C_STATUS] = g_strdup(jx_status_name(JX_STATUS_NO_ACTUAL));
    }
    row(out, cells);
    clear(cells);
  }
}

/* Budget execution by period: a row for 预算执行数 and one for 预算执行率 as
 * given (an empty 预算执行数 row when only points, a score or the 全年预计
 * amount are), the printed 分值, 得分 and 全年预计 on the first. */
static void execution_rows(FILE *out, const JxProject *p, GHashTable *results, bool *first) {
  char *cells[NCOL] = {NULL};
  for (guint i = 0; i < p->executions->len; i++) {
    const JxExecution *e = g_ptr_array_index(p->executions, i);
    const JxProjectResult *r = g_hash_table_lookup(results, e->period);
    char buf[32];
    bool executed_row = e->has_executed || !e->has_rate;
    for (int kind = 0; kind < 2; kind++) {
      if (kind == 0 ? !executed_row : !e->has_rate)
        continue;
      project_cells(cells, p, *first);
      *first = false;
      cells[C_L3] = g_strdup(kind == 0 ? "预算执行数" : "预算执行率");
      cells[C_PERIOD] = g_strdup(e->period);
      cells[C_ACTUAL] = kind == 1
                            ? g_strdup_printf("%s%%", jx_decimal_format(e->rate, buf, sizeof buf))
                        : e->has_executed ? amount(e->executed, true)
                                          : g_strdup("");
      /* the rate, points and scores stand once, on the first row of the period */
      if (kind == 0 || !executed_row) {
        if (r && r->has_execution) {
          cells[C_RATIO] = ratio_text(r->execution_rate);
          cells[C_SCORE] = g_strdup_printf("%.2f", r->execution_score);
          if (r->execution_lagging)
            cells[C_FLAGS] = g_strdup("执行滞后");
          cells[C_LIGHT] = g_strdup(jx_light_color_name(r->execution_light));
        }
        if (e->has_weight)
          cells[C_WEIGHT] = g_strdup(jx_decimal_format(e->weight, buf, sizeof buf));
        cells[C_REPORTED] = g_strdup(e->score);
        cells[C_EXPECTED] = amount(e->expected, e->has_expected);
      }
      row(out, cells);
      clear(cells);
    }
  }
}

/* The texts a form gives its project (评价结论, 存在问题 …): a row each,
 * the label as 三级指标 and the text as 实际完成值. */
static void text_rows(FILE *out, const JxProject *p, bool *first) {
  char *cells[NCOL] = {NULL};
  for (guint i = 0; i < p->texts->len; i++) {
    const JxText *t = g_ptr_array_index(p->texts, i);
    project_cells(cells, p, *first);
    *first = false;
    cells[C_L3] = g_strdup(t->label);
    cells[C_ACTUAL] = g_strdup(t->text);
    row(out, cells);
    clear(cells);
  }
}

bool jx_dump_write(const JxModel *m, const JxAssessConfig *c, FILE *out) {
  for (int i = 0; header[i]; i++)
    field(out, header[i], i == 0);
  fputc('\n', out);
  for (guint d = 0; d < m->departments->len; d++) {
    const JxDepartment *dept = g_ptr_array_index(m->departments, d);
    for (guint j = 0; j < dept->projects->len; j++) {
      const JxProject *p = g_ptr_array_index(dept->projects, j);
      GPtrArray *series;
      GHashTable *results = assess_periods(p, c, &series);
      const JxProjectResult *latest =
          series->len ? g_ptr_array_index(series, series->len - 1) : NULL;
      bool first = true;
      for (guint k = 0; k < p->indicators->len; k++)
        indicator_rows(out, p, k, results, latest, &first);
      execution_rows(out, p, results, &first);
      text_rows(out, p, &first);
      if (first) {
        /* a project with nothing but its funds and goal */
        char *cells[NCOL] = {NULL};
        project_cells(cells, p, true);
        row(out, cells);
        clear(cells);
      }
      g_hash_table_destroy(results);
      g_ptr_array_free(series, TRUE);
    }
  }
  return fflush(out) == 0 && !ferror(out);
}
