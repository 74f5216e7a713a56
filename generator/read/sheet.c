/* sheet.c - the helpers every table kind's reader shares. */
#include "read/sheet.h"

#include "read/indicator.h"
#include "model/text.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

/* Header names by column, compared after jx_text_key with bracketed
 * remarks removed ("项目名称（资金使用单位）" is 项目名称).  The first name
 * is the one the dump writes. */
const char *const sheet_column_names[COL_COUNT][10] = {
    [COL_DEPARTMENT] = {"部门", "部门名称", "单位名称", "预算单位", "主管部门", NULL},
    [COL_PROJECT] = {"项目名称", "项目", "项目名", NULL},
    [COL_TOTAL] = {"总计", "合计", "资金总额", "项目资金", "预算数", NULL},
    [COL_FISCAL] = {"财政拨款", NULL},
    [COL_SPECIAL] = {"财政专户拨款", "财政专户管理资金", NULL},
    [COL_OTHER] = {"其他资金", NULL},
    [COL_GOAL] = {"绩效目标", "年度绩效目标", "总体目标", "年度目标", NULL},
    [COL_INDICATORS] = {"绩效指标", NULL},
    [COL_SEQ] = {"序号", NULL},
    [COL_LEVEL1] = {"一级指标", NULL},
    [COL_LEVEL2] = {"二级指标", NULL},
    [COL_LEVEL3] = {"三级指标", "指标名称", "三级指标名称", NULL},
    [COL_PERIOD_TARGET] = {"实施周期指标值", "实施期指标值", "实施周期目标值", NULL},
    [COL_ANNUAL_TARGET] = {"年度指标值", "指标值", "目标值", "年度目标值", "预期指标值", NULL},
    [COL_COMPARATOR] = {"指标性质", "计算符号", "指标方向", "指标方向性", "符号", NULL},
    [COL_UNIT] = {"度量单位", "计量单位", "单位", NULL},
    [COL_WEIGHT] = {"分值", "权重", "指标分值", NULL},
    [COL_PERIOD] = {"期间", "月份", "监控期间", NULL},
    [COL_ACTUAL] = {"实际完成值", "完成值", "全年实际值", "实际值", "年度实际完成值", "累计完成值",
                    NULL},
    [COL_SCORE] = {"填报得分", "得分", "自评得分",
                   NULL}, /* jixiao's dump has both: its own 得分 and the table's */
    [COL_CAUSE] = {"偏差原因分析及改进措施", "未完成原因分析", "偏差原因", "偏差原因分析",
                   "原因分析", "未完成原因及拟采取的改进措施", "未完成原因分析及改进措施", NULL},
    [COL_LIKELIHOOD] = {"完成可能性", "完成目标可能性", "全年完成可能性", NULL},
    [COL_REMARK] = {"备注", NULL},
    [COL_DEPT_CODE] = {"部门编码", NULL},
    [COL_CODE] = {"项目编码", "项目代码", NULL},
    [COL_UNIT_NAME] = {"实施单位", "项目实施单位", NULL},
    [COL_WHOLE] = {"部门整体", NULL},
    [COL_INITIAL] = {"年初预算数", "年初预算", NULL},
    [COL_CARRYOVER] = {"上年结转资金", "上年结转", NULL},
    [COL_OWN] = {"单位资金", "单位自有资金", NULL},
    [COL_ACHIEVED] = {"目标完成情况", NULL},
    [COL_EXPECTED] = {"全年预计完成值", "全年预计完成情况", "全年预计", NULL},
};

/* The key a header cell is compared by: no bracketed remark, no spaces. */
char *sheet_header_key(const char *cell) {
  char *key = jx_text_key(cell);
  GString *out = g_string_new(NULL);
  int depth = 0;
  for (const char *p = key; *p; p = g_utf8_next_char(p)) {
    gunichar c = g_utf8_get_char(p);
    if (c == '(' || c == 0xFF08 || c == 0x3010)
      depth++;
    else if ((c == ')' || c == 0xFF09 || c == 0x3011) && depth > 0)
      depth--;
    else if (depth == 0 && c != '*' && c != 0x2605)
      g_string_append_unichar(out, c);
  }
  g_free(key);
  return g_string_free(out, FALSE);
}

/* The names as one table, built once: a cell of every row of a file's first
 * lines is looked up while its header is sought, and a walk of every name
 * was most of the reading of a file.  The value is 1 + column * 16 + which;
 * the first column (then name) that has a key keeps it. */
static gpointer column_table_build(gpointer unused) {
  (void)unused;
  GHashTable *table = g_hash_table_new(g_str_hash, g_str_equal);
  for (int c = 0; c < COL_COUNT; c++)
    for (int k = 0; sheet_column_names[c][k]; k++)
      if (!g_hash_table_contains(table, sheet_column_names[c][k]))
        g_hash_table_insert(table, (gpointer)sheet_column_names[c][k],
                            GINT_TO_POINTER(1 + c * 16 + k));
  return table;
}

/* The column a header key names, and which of its names (0 the first). */
int sheet_column_of(const char *key, int *which) {
  static GOnce once = G_ONCE_INIT;
  GHashTable *table = g_once(&once, column_table_build, NULL);
  int v = GPOINTER_TO_INT(g_hash_table_lookup(table, key));
  if (!v)
    return -1;
  *which = (v - 1) % 16;
  return (v - 1) / 16;
}

/* Maps the cells of row to columns; returns how many were recognised.  Where
 * two cells name one column, the earlier name in sheet_column_names wins, then
 * the cell further left. */
int sheet_map_columns(const JxRow *row, int col[COL_COUNT]) {
  int which[COL_COUNT];
  for (int c = 0; c < COL_COUNT; c++)
    col[c] = -1;
  int found = 0;
  for (guint i = 0; i < row->n; i++) {
    char *key = sheet_header_key(row->cells[i].text);
    int w = 0;
    int c = sheet_column_of(key, &w);
    if (c >= 0 && (col[c] < 0 || w < which[c])) {
      found += col[c] < 0;
      col[c] = (int)i;
      which[c] = w;
    }
    g_free(key);
  }
  return found;
}

/* The text of column c in row, "" when absent. */
const char *sheet_cell(const Table *t, const JxRow *row, Column c) {
  return t->col[c] < 0 ? "" : jx_row_cell(row, (guint)t->col[c]);
}

/* The trimmed text of column c; caller frees. */
char *sheet_cell_trim(const Table *t, const JxRow *row, Column c) {
  return jx_text_trim(sheet_cell(t, row, c));
}

bool sheet_cell_blank(const Table *t, const JxRow *row, Column c) {
  return jx_text_is_blank(sheet_cell(t, row, c));
}

/* The location of column c in row. */
JxLoc sheet_loc_of(const Table *t, const JxRow *row, Column c) {
  JxLoc loc = {t->file, row->line, 1};
  if (t->col[c] >= 0) {
    loc.col = t->col[c] + 1;
    if ((guint)t->col[c] < row->n)
      loc.line = row->cells[t->col[c]].line;
  }
  return loc;
}

void sheet_set_string(char **field, char *value) {
  g_free(*field);
  *field = value;
}

/* ---- preamble lines ---- */

/* Text after "key：" or "key:" at the start of s, or NULL. */
const char *sheet_after_key(const char *s, const char *key) {
  if (!g_str_has_prefix(s, key))
    return NULL;
  s += strlen(key);
  while (*s == ' ')
    s++;
  if (g_str_has_prefix(s, "："))
    return s + strlen("：");
  if (*s == ':')
    return s + 1;
  return NULL;
}

/* Number of non-blank cells in row and the index of the first. */
guint sheet_filled_cells(const JxRow *row, guint *first) {
  guint n = 0;
  *first = 0;
  for (guint i = 0; i < row->n; i++) {
    if (!jx_text_is_blank(row->cells[i].text)) {
      if (n == 0)
        *first = i;
      n++;
    }
  }
  return n;
}

/* Reads a preamble line: the title, 部门名称：…, 单位：万元, 项目名称：….
 * In the body only lines that are surely preamble count (the title seen
 * before, a "## " heading, or one of those keys); returns whether it was. */
bool sheet_read_preamble(Table *t, const JxRow *row, bool in_body) {
  /* the first cell filled and at most one more: counted no further, as
   * this is asked of every row */
  if (row->n == 0 || jx_text_is_blank(row->cells[0].text))
    return false;
  guint n = 1;
  for (guint i = 1; i < row->n && n <= 2; i++)
    n += !jx_text_is_blank(row->cells[i].text);
  if (n > 2)
    return false;
  char *text = jx_text_trim(row->cells[0].text);
  char *second = n == 2 && row->n > 1 ? jx_text_trim(row->cells[1].text) : NULL;
  if (n == 2 && (!second || !*second)) {
    g_free(text);
    g_free(second);
    return false;
  }
  const char *s = text;
  bool heading = false;
  while (*s == '#') {
    s++;
    heading = true;
  }
  while (*s == ' ')
    s++;
  const char *v;
  bool known = true;
  char *key = sheet_header_key(s);
  if ((v = sheet_after_key(s, "部门名称")) || (v = sheet_after_key(s, "单位名称")) ||
      (v = sheet_after_key(s, "部门")) ||
      (n == 2 && (strcmp(key, "部门名称") == 0 || strcmp(key, "部门") == 0))) {
    char *name = jx_text_trim(v && *v ? v : second ? second : "");
    if (*name)
      sheet_set_string(&t->department, name);
    else
      g_free(name);
  } else if ((v = sheet_after_key(s, "单位")) || (v = sheet_after_key(s, "金额单位")) ||
             (n == 2 && (strcmp(key, "单位") == 0 || strcmp(key, "金额单位") == 0))) {
    char *unit = jx_text_key(v && *v ? v : second ? second : "");
    t->yuan = strcmp(unit, "元") == 0;
    if (strcmp(unit, "元") != 0 && strcmp(unit, "万元") != 0 && *unit)
      jx_diag_add(t->diag, JX_WARNING, row->line, 1, "amounts in '%s' are read as 万元", unit);
    g_free(unit);
  } else if ((v = sheet_after_key(s, "项目名称")) || (n == 2 && strcmp(key, "项目名称") == 0)) {
    char *name = jx_text_trim(v && *v ? v : second ? second : "");
    if (*name)
      sheet_set_string(&t->project, name);
    else
      g_free(name);
    t->last_level1 = (g_free(t->last_level1), NULL);
    t->last_level2 = (g_free(t->last_level2), NULL);
  } else if (n == 1 && (!in_body || heading || (t->title && strcmp(t->title, s) == 0))) {
    if (!t->title)
      t->title = g_strdup(s);
    if (!in_body) {
      /* every title line, for a form's year: 附件1 | 项目支出绩效自评表 | 2019年度) */
      if (!t->titles)
        t->titles = g_string_new(NULL);
      g_string_append_printf(t->titles, "%s\n", s);
    }
  } else {
    known = false;
  }
  g_free(key);
  g_free(text);
  g_free(second);
  return known;
}

/* ---- amounts ---- */

bool sheet_parse_amount(Table *t, const char *cell, JxLoc loc, int64_t *out) {
  /* the unit may stand with the amount: 10000万元, 3500元 */
  char *text = jx_text_trim(cell);
  bool yuan = t->yuan;
  size_t n = strlen(text);
  if (g_str_has_suffix(text, "万元"))
    text[n - strlen("万元")] = '\0', yuan = false;
  else if (n > strlen("元") && g_str_has_suffix(text, "元"))
    text[n - strlen("元")] = '\0', yuan = true;
  char *number = jx_text_trim(text);
  int64_t v;
  bool ok = jx_amount_parse(number, &v);
  if (ok && yuan) {
    /* 元 to hundredths of 万元: exact only for whole hundreds of 元 */
    if (v % 10000 != 0 && !t->warned_yuan) {
      jx_diag_add(t->diag, JX_WARNING, loc.line, loc.col,
                  "amounts in 元 are rounded to 0.01 万元 (first: %s)", cell);
      t->warned_yuan = true;
    }
    v = (v >= 0 ? v + 5000 : v - 5000) / 10000;
  }
  if (!ok)
    jx_diag_add(t->diag, JX_ERROR, loc.line, loc.col,
                "'%s' is not an amount (a number of 万元 with at most two decimals, such as "
                "1,250.00)",
                cell);
  else
    *out = v;
  g_free(number);
  g_free(text);
  return ok;
}

/* Reads the amount in column c into *out; blank is no amount.  Returns
 * false (and reports) when the cell is not an amount. */
bool sheet_read_amount(Table *t, const JxRow *row, Column c, int64_t *out, bool *has) {
  *has = false;
  *out = 0;
  if (t->col[c] < 0 || sheet_cell_blank(t, row, c))
    return true;
  char *text = sheet_cell_trim(t, row, c);
  bool ok = sheet_parse_amount(t, text, sheet_loc_of(t, row, c), out);
  *has = ok;
  g_free(text);
  return ok;
}

bool sheet_read_funds(Table *t, const JxRow *row, JxFunds *f) {
  bool ok = sheet_read_amount(t, row, COL_TOTAL, &f->total, &f->has_total);
  ok &= sheet_read_amount(t, row, COL_FISCAL, &f->fiscal, &f->has_fiscal);
  ok &= sheet_read_amount(t, row, COL_SPECIAL, &f->special, &f->has_special);
  ok &= sheet_read_amount(t, row, COL_OTHER, &f->other, &f->has_other);
  ok &= sheet_read_amount(t, row, COL_INITIAL, &f->initial, &f->has_initial);
  ok &= sheet_read_amount(t, row, COL_CARRYOVER, &f->carryover, &f->has_carryover);
  ok &= sheet_read_amount(t, row, COL_OWN, &f->own, &f->has_own);
  return ok;
}

bool sheet_funds_blank(const JxFunds *f) {
  return !f->has_total && !f->has_fiscal && !f->has_special && !f->has_other && !f->has_carryover &&
         !f->has_own;
}

/* Warns when 总计 is not 财政拨款 + 财政专户拨款 + 其他资金. */
void sheet_check_funds_sum(Table *t, const JxFunds *f, JxLoc loc, const char *what) {
  if (!f->has_total ||
      !(f->has_fiscal || f->has_special || f->has_other || f->has_carryover || f->has_own))
    return;
  int64_t sum = f->fiscal + f->special + f->other + f->carryover + f->own;
  if (sum != f->total) {
    char a[32], b[32];
    bool form = f->has_carryover || f->has_own;
    jx_diag_add(t->diag, JX_WARNING, loc.line, loc.col,
                "%s: 总计 %s is not the sum of its sources %s (%s)", what,
                jx_amount_format(f->total, true, a), jx_amount_format(sum, true, b),
                form ? "财政拨款 + 财政专户拨款 + 上年结转资金 + 单位资金 + 其他资金"
                     : "财政拨款 + 财政专户拨款 + 其他资金");
  }
}

/* Warns when a totals row differs from the sum of the projects it covers. */
void sheet_check_total(Table *t, const JxFunds *declared, JxLoc loc, GPtrArray *projects,
                       const char *what) {
  JxFunds sum = {0};
  for (guint i = 0; i < projects->len; i++) {
    const JxFunds *f = &((JxProject *)g_ptr_array_index(projects, i))->funds;
    sum.total += f->total;
    sum.fiscal += f->fiscal;
    sum.special += f->special;
    sum.other += f->other;
  }
  static const char *const names[] = {"总计", "财政拨款", "财政专户拨款", "其他资金"};
  const int64_t have[] = {declared->total, declared->fiscal, declared->special, declared->other};
  const bool given[] = {declared->has_total, declared->has_fiscal, declared->has_special,
                        declared->has_other};
  const int64_t want[] = {sum.total, sum.fiscal, sum.special, sum.other};
  for (int k = 0; k < 4; k++) {
    if ((given[k] || want[k] != 0) && have[k] != want[k]) {
      char a[32], b[32];
      jx_diag_add(t->diag, JX_WARNING, loc.line, loc.col,
                  "%s: %s %s differs from the sum of its %u projects, %s", what, names[k],
                  jx_amount_format(have[k], true, a), projects->len,
                  jx_amount_format(want[k], true, b));
    }
  }
}

/* Makes d the department rows go to, counting it for the summary. */
void sheet_use_department(Table *t, JxDepartment *d) {
  t->dept = d;
  if (!t->info->department)
    t->info->department = g_strdup(d->name);
  if (!g_hash_table_contains(t->departments, d)) {
    g_hash_table_add(t->departments, d);
    t->info->departments++;
  }
}

/* The department rows of the current part go to. */
JxDepartment *sheet_current_department(Table *t, JxLoc loc) {
  if (!t->dept) {
    const char *name = t->department ? t->department : t->fallback_department;
    sheet_use_department(t, jx_model_department(t->model, name, loc));
  }
  return t->dept;
}

/* Reads the period of a row, "" when the table has none.  NULL (reported)
 * when the cell is not a period. */
char *sheet_row_period(Table *t, const JxRow *row) {
  if (sheet_cell_blank(t, row, COL_PERIOD))
    return g_strdup(t->period ? t->period : "");
  char *text = sheet_cell_trim(t, row, COL_PERIOD);
  char *period = jx_period_normalize(text);
  if (!period) {
    JxLoc loc = sheet_loc_of(t, row, COL_PERIOD);
    jx_diag_add(t->diag, JX_ERROR, loc.line, loc.col,
                "'%s' is not a period (write 2024 for the year or 2024-06 for a month)", text);
  }
  g_free(text);
  return period;
}

/* Whether name is a budget-execution line rather than an indicator. */
int sheet_execution_kind(const char *name) {
  char *key = sheet_header_key(name);
  int kind = strcmp(key, "预算执行数") == 0 || strcmp(key, "全年执行数") == 0 ? 1
             : strcmp(key, "预算执行率") == 0 || strcmp(key, "执行率") == 0   ? 2
                                                                              : 0;
  g_free(key);
  return kind;
}

/* Records a budget-execution value ("137.20", "137.20万元", "95%"). */
bool sheet_read_execution(JxProject *p, int kind, const char *period, const char *value, JxLoc loc,
                          JxDiag *diag) {
  char *text = jx_text_trim(value);
  JxValue *v = jx_value_parse(text);
  bool ok = v->cmp != JX_CMP_NONE && !v->parts && !*v->label;
  JxExecution *e = jx_project_execution(p, period, loc);
  if (ok && kind == 1) {
    char buf[32];
    ok = (*v->unit == '\0' || strcmp(v->unit, "万元") == 0) &&
         jx_amount_parse(jx_decimal_format(v->number, buf, sizeof buf), &e->executed);
    e->has_executed = ok;
  } else if (ok) {
    ok = *v->unit == '\0' || strcmp(v->unit, "%") == 0;
    e->rate = v->number;
    e->has_rate = ok;
  }
  if (!ok)
    jx_diag_add(diag, JX_ERROR, loc.line, loc.col, "'%s' is not %s", text,
                kind == 1 ? "an amount of 万元 with at most two decimals" : "a percentage");
  jx_value_free(v);
  g_free(text);
  return ok;
}

/* Whether a label marks a total row: 合计, 总计, 总分 (spaces allowed). */
bool sheet_is_total_label(const char *s) {
  if (!g_str_has_prefix(s, "合") && !g_str_has_prefix(s, "总"))
    return false;
  char *k = jx_text_key(s);
  bool yes = strcmp(k, "合计") == 0 || strcmp(k, "总计") == 0 || strcmp(k, "总分") == 0;
  g_free(k);
  return yes;
}

/* The label of a numbered item less its number: "2.项目实施内容" is
 * 项目实施内容, "三、存在问题" 存在问题, "（一）评价结论" 评价结论. */
static const char *unnumbered(const char *s) {
  const char *p = s;
  if (g_str_has_prefix(p, "（") || *p == '(') {
    const char *close = strstr(p, *p == '(' ? ")" : "）");
    if (close && close - p <= 12)
      return close + (*p == '(' ? 1 : strlen("）"));
  }
  for (;;) {
    gunichar c = g_utf8_get_char(p);
    if (g_ascii_isdigit(*p))
      p++;
    else if (c > 0x80 && g_utf8_strchr("一二三四五六七八九十", -1, c))
      p = g_utf8_next_char(p);
    else
      break;
  }
  if (p == s)
    return s;
  if (*p == '.' || *p == ':')
    return p + 1;
  if (g_str_has_prefix(p, "、") || g_str_has_prefix(p, "．") || g_str_has_prefix(p, "："))
    return p + strlen("、");
  return s;
}

char *sheet_trailer_label(const char *cell) {
  static const char *const words[] = {"评价结论", "自评结论", "总体评价", "存在问题", "存在的问题",
                                      "主要问题", "改进措施", "整改措施", "改进意见", "原因分析",
                                      "建议",     "举措",     "实施内容", "过程概述", "经验做法",
                                      "下一步",   "需要说明", "中期目标", "长期目标", NULL};
  char *key = jx_text_key(cell);
  const char *rest = unnumbered(key);
  size_t n = strlen(rest);
  char *label = NULL;
  if (n > 0 && n <= 20 * 3 + 3) {
    for (int i = 0; words[i] && !label; i++)
      if (strstr(rest, words[i]))
        label = g_strdup(rest);
  }
  if (label) {
    size_t m = strlen(label);
    if (g_str_has_suffix(label, "："))
      label[m - strlen("：")] = '\0';
    else if (m && label[m - 1] == ':')
      label[m - 1] = '\0';
  }
  g_free(key);
  return label;
}

bool sheet_is_prompt(const char *text) {
  return strstr(text, "字以内") || strstr(text, "字左右") || strstr(text, "字以下");
}

void sheet_check_totals(Table *t, const JxProject *p, const JxDecimal *weight,
                        const JxDecimal *score, double exec_weight, double exec_score, JxLoc loc) {
  if (!p || (!weight && !score))
    return;
  double weights = 0, scores = 0;
  bool all_scored = true;
  for (guint i = 0; i < p->indicators->len; i++) {
    const JxIndicator *ind = g_ptr_array_index(p->indicators, i);
    if (ind->has_weight)
      weights += jx_decimal_to_double(ind->weight);
    const JxActual *a = jx_indicator_actual_count(ind) ? g_ptr_array_index(ind->actuals, 0) : NULL;
    JxDecimal s;
    if (a && *a->score && jx_decimal_parse(a->score, &s))
      scores += jx_decimal_to_double(s);
    else
      all_scored = false;
  }
  /* a 总分 may count budget execution or only the indicators */
  if (weight) {
    double given = jx_decimal_to_double(*weight);
    if (fabs(given - weights) > 0.005 && fabs(given - weights - exec_weight) > 0.005) {
      char with[64] = "";
      if (exec_weight > 0)
        g_snprintf(with, sizeof with, " (%g with budget execution)", weights + exec_weight);
      jx_diag_add(t->diag, JX_WARNING, loc.line, loc.col,
                  "the 总分 row gives 分值 %g, but the indicators' 分值 add up to %g%s", given,
                  weights, with);
    }
  }
  if (score && all_scored) {
    double given = jx_decimal_to_double(*score);
    if (fabs(given - scores) > 0.005 && fabs(given - scores - exec_score) > 0.005)
      jx_diag_add(t->diag, JX_WARNING, loc.line, loc.col,
                  "the 总分 row gives 得分 %g, but the indicators' 得分 add up to %g", given,
                  scores);
  }
}
