/* form.c - the 自评表, 监控表 and 目标表 as units publish them (DOMAIN.md §6).
 *
 * A form is blocks, not one header row: title lines, header pairs
 * (项目名称, 主管部门 … 实施单位), a funds block, a goal block, an indicator
 * block under its own header, totals, trailers and footnotes.  A label that
 * spans rows or columns stands once in its first cell, the cells it covers
 * empty.  The indicator block is read by the one-indicator-a-row reader
 * (rows.c) once its columns are known; what is around it is read here and
 * given to the project when the form ends: at the next form's title or
 * 项目名称, or at the end of the file. */
#include "read/sheet.h"

#include "model/text.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

typedef enum {
  STAGE_TOP,        /* titles and header pairs */
  STAGE_FUNDS,      /* under the funds block's header */
  STAGE_GOAL,       /* under the goal block's labels */
  STAGE_HEAD,       /* the indicator header read; a second header row may follow */
  STAGE_INDICATORS, /* indicator rows */
  STAGE_AFTER,      /* totals, trailers, footnotes */
} Stage;

/* The columns of a funds block. */
typedef enum {
  FC_INITIAL,  /* 年初预算数 */
  FC_BUDGET,   /* 全年预算数, 调整后预算数 */
  FC_EXECUTED, /* 全年执行数, 预算执行数, 1-6月执行数 */
  FC_EXPECTED, /* 全年预计执行数 */
  FC_WEIGHT,   /* 分值, 权重 */
  FC_RATE,     /* 执行率 */
  FC_SCORE,    /* 得分 */
  FC_CAUSE,    /* 原因 */
  FC_COUNT
} FundsColumn;

/* What a header pair's label names. */
typedef enum {
  PAIR_NONE,
  PAIR_PROJECT,    /* 项目名称 */
  PAIR_CODE,       /* 项目编码 */
  PAIR_SUPERVISOR, /* 主管部门 */
  PAIR_UNIT,       /* 实施单位 */
  PAIR_DEPARTMENT, /* 部门名称 (a department-whole form) */
  PAIR_IGNORED,    /* 项目负责人, 项目属性 …: printed, not reported on */
} PairKind;

struct SheetForm {
  Stage stage;
  bool content;     /* anything of the form read past its title */
  char *year;       /* "2022" from the title; NULL when none */
  int month;        /* 6 for a form of 1-6月 columns; 0 for the year */
  bool whole_title; /* the title says 部门整体 */
  char *project;    /* 项目名称 as written less its code */
  char *code;       /* 项目编码 */
  char *supervisor; /* 主管部门 */
  char *supervisor_code;
  char *unit;        /* 实施单位 */
  char *department;  /* 部门名称 */
  JxLoc project_loc; /* of the 项目名称 or 部门名称 value */
  /* funds */
  int fcol[FC_COUNT];
  bool funds_pairs; /* 年度资金总额 | amount, a row each: no column labels */
  int exec_month;   /* 1-N月执行数: month N */
  JxFunds funds;
  bool has_execution;
  int64_t executed, expected;
  bool has_executed, has_expected;
  JxDecimal rate, weight, points; /* 执行率 %, 分值, and the block's （10分） */
  bool has_rate, has_weight, has_points;
  char *score;
  JxLoc funds_loc, rate_loc;
  /* goal */
  int goal_col, achieved_col, long_col;
  char *goal, *achieved;
  GPtrArray *texts; /* JxText *, given to the project at the end */
  /* indicators */
  double indicator_points; /* 绩效指标（90分） */
  bool has_indicator_points;
  bool indicator_header_seen;
  /* totals */
  JxDecimal total_weight, total_score;
  bool has_total_weight, has_total_score;
  JxLoc total_loc;
};

/* ---- cells ---- */

/* The trimmed text of cell i; caller frees. */
static char *at(const JxRow *row, guint i) {
  return jx_text_trim(jx_row_cell(row, i));
}

/* The header key of cell i; caller frees. */
static char *key_at(const JxRow *row, guint i) {
  return sheet_header_key(jx_row_cell(row, i));
}

static JxLoc loc_at(const Table *t, const JxRow *row, guint i) {
  JxLoc loc = {t->file, i < row->n ? row->cells[i].line : row->line, (int)i + 1};
  return loc;
}

/* A label less a trailing colon and leading "其中：". */
static char *label_key(const char *text) {
  char *k = sheet_header_key(text);
  size_t n = strlen(k);
  if (n >= strlen("：") && strcmp(k + n - strlen("："), "：") == 0)
    k[n - strlen("：")] = '\0';
  else if (n && k[n - 1] == ':')
    k[n - 1] = '\0';
  const char *rest = g_str_has_prefix(k, "其中：")  ? k + strlen("其中：")
                     : g_str_has_prefix(k, "其中:") ? k + strlen("其中:")
                     : g_str_has_prefix(k, "其中")  ? k + strlen("其中")
                                                    : k;
  char *out = g_strdup(rest);
  g_free(k);
  return out;
}

/* Whether key is one of the NULL-terminated names. */
static bool key_in(const char *key, const char *const *names) {
  for (int i = 0; names[i]; i++)
    if (strcmp(key, names[i]) == 0)
      return true;
  return false;
}

/* The points written in a label: 50 of "产出指标（50分）", 10 of
 * "预算执行情况(10分)". */
static bool label_points(const char *text, JxDecimal *out) {
  char *k = jx_text_key(text);
  bool ok = false;
  for (char *p = k; *p && !ok; p++) {
    if (*p != '(' && !g_str_has_prefix(p, "（"))
      continue;
    char *start = p + (*p == '(' ? 1 : strlen("（"));
    char *end = strstr(start, "分");
    if (end && end > start) {
      char *num = g_strndup(start, (gsize)(end - start));
      ok = jx_decimal_parse(num, out) && out->units >= 0;
      g_free(num);
    }
  }
  g_free(k);
  return ok;
}

/* The last month of a span "1-6月…" at the start of key (6), of
 * 半年度… (6), or 0. */
static int month_span(const char *key) {
  if (g_str_has_prefix(key, "半年"))
    return 6;
  const char *p = key;
  int a = 0, b = 0;
  while (g_ascii_isdigit(*p) && p - key < 3)
    a = a * 10 + (*p++ - '0');
  if (p == key || g_ascii_isdigit(*p) || a < 1 || a > 12)
    return 0;
  if (*p == '-' || *p == '~')
    p++;
  else if (g_str_has_prefix(p, "—") || g_str_has_prefix(p, "至"))
    p += strlen("—");
  else
    return 0;
  const char *q = p;
  while (g_ascii_isdigit(*p) && p - q < 3)
    b = b * 10 + (*p++ - '0');
  if (p == q || b < a || b > 12 || !g_str_has_prefix(p, "月"))
    return 0;
  return b;
}

/* ---- what a row is ---- */

static PairKind pair_kind(const char *key) {
  static const char *const project[] = {"项目名称", NULL};
  static const char *const code[] = {"项目编码", "项目代码", NULL};
  static const char *const supervisor[] = {"主管部门",     "主管部门及编码", "主管单位",
                                           "主管部门名称", "预算部门",       NULL};
  static const char *const unit[] = {
      "实施单位", "实施单位及编码", "项目实施单位", "预算单位", "单位名称", "填报单位", NULL};
  static const char *const department[] = {"部门名称", "部门", "部门单位名称", NULL};
  static const char *const ignored[] = {
      "项目负责人", "项目负责人及电话", "联系电话", "项目属性",     "项目类型", "项目期限",
      "项目实施期", "资金用途",         "填报人",   "财务负责人",   "填表人",   "填报日期",
      "填表日期",   "项目起止时间",     "项目周期", "项目实施地点", "联系人",   NULL};
  if (key_in(key, project))
    return PAIR_PROJECT;
  if (key_in(key, code))
    return PAIR_CODE;
  if (key_in(key, supervisor))
    return PAIR_SUPERVISOR;
  if (key_in(key, unit))
    return PAIR_UNIT;
  if (key_in(key, department))
    return PAIR_DEPARTMENT;
  if (key_in(key, ignored))
    return PAIR_IGNORED;
  return PAIR_NONE;
}

/* The label of a pair cell written "项目名称：X" or "项目名称：", and the
 * value after the colon (NULL when none). */
static PairKind inline_pair(const char *cell, char **value) {
  *value = NULL;
  const char *colon = strstr(cell, "：");
  size_t skip = strlen("：");
  const char *ascii = strchr(cell, ':');
  if (!colon || (ascii && ascii < colon)) {
    colon = ascii;
    skip = 1;
  }
  if (!colon)
    return PAIR_NONE;
  char *label = g_strndup(cell, (gsize)(colon - cell));
  char *k = sheet_header_key(label);
  PairKind kind = pair_kind(k);
  g_free(k);
  g_free(label);
  if (kind != PAIR_NONE) {
    char *v = jx_text_trim(colon + skip);
    if (*v)
      *value = v;
    else
      g_free(v);
  }
  return kind;
}

/* The kind of a pair label cell, with the value written inside it. */
static PairKind pair_label(const char *cell, char **value) {
  PairKind kind = inline_pair(cell, value);
  if (kind != PAIR_NONE)
    return kind;
  char *k = label_key(cell);
  kind = pair_kind(k);
  g_free(k);
  return kind;
}

static bool is_funds_label(const char *key) {
  static const char *const names[] = {"项目资金",     "资金情况",     "预算执行情况",
                                      "资金投入情况", "预算资金情况", "项目资金情况",
                                      "资金使用情况", "预算执行",     NULL};
  return key_in(key, names);
}

static bool is_goal_label(const char *key) {
  static const char *const names[] = {
      "年度总体目标", "总体目标", "项目年度目标", "年度目标", "项目基本情况",
      "年度绩效目标", "绩效目标", "总体绩效目标", "中期目标", NULL};
  return key_in(key, names);
}

/* The funds column a header key names, or -1. */
static int funds_column(const char *key, int *month) {
  static const char *const initial[] = {"年初预算数", "年初预算", NULL};
  static const char *const budget[] = {"全年预算数", "调整后预算数", "全年预算", "调整后预算",
                                       "预算数",     "年度预算数",   NULL};
  static const char *const executed[] = {"全年执行数", "预算执行数",     "执行数",
                                         "实际执行数", "全年实际执行数", NULL};
  static const char *const weight[] = {"分值", "权重", NULL};
  static const char *const rate[] = {"执行率", "预算执行率", NULL};
  static const char *const score[] = {"得分", NULL};
  static const char *const cause[] = {"原因", "偏差原因", "原因分析", NULL};
  *month = 0;
  if (key_in(key, initial))
    return FC_INITIAL;
  if (key_in(key, budget))
    return FC_BUDGET;
  if (key_in(key, executed))
    return FC_EXECUTED;
  if (g_str_has_prefix(key, "全年预计"))
    return FC_EXPECTED;
  if (key_in(key, weight))
    return FC_WEIGHT;
  if (key_in(key, rate))
    return FC_RATE;
  if (key_in(key, score))
    return FC_SCORE;
  if (key_in(key, cause))
    return FC_CAUSE;
  int m = month_span(key);
  if (m && strstr(key, "执行")) {
    *month = m;
    return FC_EXECUTED;
  }
  return -1;
}

/* A title line: one filled cell that names the form, its year or its unit
 * of money (项目支出绩效自评表, （2022年度）, 附件1, 单位：万元 …). */
static bool is_title(const JxRow *row, guint *first) {
  if (sheet_filled_cells(row, first) != 1)
    return false;
  char *k = jx_text_key(jx_row_cell(row, *first));
  bool yes = g_str_has_suffix(k, "表") || g_str_has_suffix(k, "表)") ||
             g_str_has_suffix(k, "表）") || strstr(k, "年度") || g_str_has_prefix(k, "附件") ||
             g_str_has_prefix(k, "报表编号") || g_str_has_prefix(k, "单位：") ||
             g_str_has_prefix(k, "单位:") || g_str_has_prefix(k, "金额单位") || strstr(k, "盖章") ||
             strstr(k, "自评表") || strstr(k, "监控表") || strstr(k, "目标表");
  g_free(k);
  return yes;
}

/* Whether a title line starts a form (names a 表) rather than only
 * dating or footing it. */
static bool names_form(const char *text) {
  return strstr(text, "表") != NULL && !g_str_has_prefix(text, "报表编号");
}

static bool is_footnote(const char *text) {
  return g_str_has_prefix(text, "注：") || g_str_has_prefix(text, "注:") ||
         g_str_has_prefix(text, "注 ") || strcmp(text, "注") == 0 ||
         g_str_has_prefix(text, "说明：") || g_str_has_prefix(text, "填表说明") ||
         g_str_has_prefix(text, "备注：");
}

/* A signature line: 项目负责人：, 财务负责人：, 填表人：, 审核人： …, each label
 * ending in a colon with at most a name after it. */
static bool is_signature(const JxRow *row) {
  static const char *const words[] = {"负责人",   "填表人",   "填报人",   "审核人",     "经办人",
                                      "联系电话", "填报日期", "填表日期", "单位负责人", NULL};
  guint first;
  if (sheet_filled_cells(row, &first) == 0)
    return false;
  char *text = at(row, first);
  bool yes = false;
  for (int i = 0; words[i] && !yes; i++) {
    const char *w = strstr(text, words[i]);
    yes = w && (w - text) < 24 && (strstr(w, "：") || strchr(w, ':'));
  }
  g_free(text);
  return yes;
}

/* A year in a title: 2022 of "（2022年度）", "2019年度)", "2023年". */
static char *title_year(const char *text) {
  for (const char *p = text; *p; p++) {
    if (g_ascii_isdigit(p[0]) && g_ascii_isdigit(p[1]) && g_ascii_isdigit(p[2]) &&
        g_ascii_isdigit(p[3]) && (p == text || !g_ascii_isdigit(p[-1])) &&
        g_str_has_prefix(p + 4, "年")) {
      int y = atoi(p);
      if (y >= 1990 && y <= 2200)
        return g_strndup(p, 4);
    }
  }
  return NULL;
}

/* ---- the form's state ---- */

static void form_reset_columns(Table *t) {
  for (int c = 0; c < COL_COUNT; c++)
    t->col[c] = -1;
}

static void text_free(JxText *x) {
  g_free(x->label);
  g_free(x->text);
  g_free(x);
}

static struct SheetForm *form_new(void) {
  struct SheetForm *f = g_new0(struct SheetForm, 1);
  for (int c = 0; c < FC_COUNT; c++)
    f->fcol[c] = -1;
  f->goal_col = f->achieved_col = f->long_col = -1;
  f->score = g_strdup("");
  f->texts = g_ptr_array_new_with_free_func((GDestroyNotify)text_free);
  return f;
}

static void form_free(struct SheetForm *f) {
  if (!f)
    return;
  g_free(f->year);
  g_free(f->project);
  g_free(f->code);
  g_free(f->supervisor);
  g_free(f->supervisor_code);
  g_free(f->unit);
  g_free(f->department);
  g_free(f->score);
  g_free(f->goal);
  g_free(f->achieved);
  g_ptr_array_free(f->texts, TRUE);
  g_free(f);
}

static void add_text(struct SheetForm *f, const char *label, const char *text, JxLoc loc) {
  JxText *x = g_new0(JxText, 1);
  x->label = g_strdup(label);
  x->text = g_strdup(text);
  x->loc = loc;
  g_ptr_array_add(f->texts, x);
}

/* The period of the form's actuals: its year, at month N for 1-N月. */
static char *form_period(const struct SheetForm *f, int month) {
  if (!f->year)
    return g_strdup("");
  return month ? g_strdup_printf("%s-%02d", f->year, month) : g_strdup(f->year);
}

/* The department a form's project belongs to: its 主管部门, else its
 * 实施单位, else the 部门名称 of a department-whole form. */
static const char *form_department(const struct SheetForm *f) {
  return f->supervisor ? f->supervisor : f->unit ? f->unit : f->department;
}

/* Whether the form is the department's own (部门整体) rather than a
 * project's. */
static bool form_whole(const struct SheetForm *f) {
  return !f->project && (f->whole_title || f->department);
}

/* Points the rows reader at the form's project, department and period,
 * before its indicator rows. */
static void form_bind(Table *t) {
  struct SheetForm *f = t->form;
  const char *dept = form_department(f);
  if (dept && (!t->department || strcmp(t->department, dept) != 0)) {
    sheet_set_string(&t->department, g_strdup(dept));
    t->dept = NULL;
  }
  if (form_whole(f) && !t->project)
    t->project = g_strdup("部门整体支出");
  else if (f->project)
    sheet_set_string(&t->project, g_strdup(f->project));
  sheet_set_string(&t->period, form_period(f, f->month));
}

/* A decimal cell, "/" and blank being none; false (reported) when it is not
 * a number. */
static bool read_decimal(Table *t, const JxRow *row, int i, JxDecimal *out, bool *has,
                         const char *what) {
  *has = false;
  if (i < 0)
    return true;
  char *text = at(row, (guint)i);
  if (!*text || strcmp(text, "/") == 0 || strcmp(text, "—") == 0 || strcmp(text, "-") == 0) {
    g_free(text);
    return true;
  }
  size_t n = strlen(text);
  if (n > strlen("分") && g_str_has_suffix(text, "分"))
    text[n - strlen("分")] = '\0';
  else if (n > 1 && text[n - 1] == '%')
    text[n - 1] = '\0';
  else if (n > strlen("％") && g_str_has_suffix(text, "％"))
    text[n - strlen("％")] = '\0';
  bool ok = jx_decimal_parse(text, out);
  if (ok)
    *has = true;
  else {
    JxLoc loc = loc_at(t, row, (guint)i);
    jx_diag_add(t->diag, JX_ERROR, loc.line, loc.col, "%s '%s' is not a number", what, text);
  }
  g_free(text);
  return ok;
}

/* An amount cell of the funds block: "43.2", "10000万元", "1,250.00"; "/"
 * and blank are none. */
static bool read_money(Table *t, const JxRow *row, int i, int64_t *out, bool *has) {
  *has = false;
  if (i < 0)
    return true;
  char *text = at(row, (guint)i);
  if (!*text || strcmp(text, "/") == 0 || strcmp(text, "—") == 0) {
    g_free(text);
    return true;
  }
  bool yuan = t->yuan;
  size_t n = strlen(text);
  if (g_str_has_suffix(text, "万元"))
    text[n - strlen("万元")] = '\0', yuan = false;
  else if (g_str_has_suffix(text, "元"))
    text[n - strlen("元")] = '\0', yuan = true;
  char *trimmed = jx_text_trim(text);
  int64_t v;
  bool ok = jx_amount_parse(trimmed, &v);
  JxLoc loc = loc_at(t, row, (guint)i);
  if (!ok)
    jx_diag_add(t->diag, JX_ERROR, loc.line, loc.col,
                "'%s' is not an amount (a number of 万元 with at most two decimals, such as "
                "1,250.00)",
                text);
  else {
    if (yuan)
      v = (v >= 0 ? v + 5000 : v - 5000) / 10000;
    *out = v;
    *has = true;
  }
  g_free(trimmed);
  g_free(text);
  return ok;
}

/* ---- blocks ---- */

/* Reads the header pairs of a row: label, value, label, value …; a label
 * may hold its value after a colon. */
static void read_pairs(Table *t, const JxRow *row) {
  struct SheetForm *f = t->form;
  for (guint i = 0; i < row->n; i++) {
    char *cell = at(row, i);
    char *value = NULL;
    PairKind kind = *cell ? pair_label(cell, &value) : PAIR_NONE;
    g_free(cell);
    if (kind == PAIR_NONE) {
      g_free(value);
      continue;
    }
    guint vi = i;
    if (!value) {
      /* the value is the next filled cell that is not a label itself */
      for (guint j = i + 1; j < row->n && !value; j++) {
        char *next = at(row, j);
        char *inner = NULL;
        if (*next && pair_label(next, &inner) != PAIR_NONE) {
          g_free(inner);
          g_free(next);
          break;
        }
        if (*next) {
          value = next;
          vi = j;
        } else {
          g_free(next);
        }
      }
    }
    if (value) {
      char *code, *name;
      jx_split_code(value, &code, &name);
      JxLoc loc = loc_at(t, row, vi);
      switch (kind) {
      case PAIR_PROJECT:
        sheet_set_string(&f->project, name);
        if (*code)
          sheet_set_string(&f->code, code), code = NULL;
        f->project_loc = loc;
        name = NULL;
        break;
      case PAIR_CODE:
        sheet_set_string(&f->code, g_strdup(value));
        break;
      case PAIR_SUPERVISOR:
        sheet_set_string(&f->supervisor, name);
        sheet_set_string(&f->supervisor_code, code);
        name = code = NULL;
        break;
      case PAIR_UNIT:
        sheet_set_string(&f->unit, name);
        name = NULL;
        break;
      case PAIR_DEPARTMENT:
        sheet_set_string(&f->department, name);
        sheet_set_string(&f->supervisor_code, code);
        if (!f->project)
          f->project_loc = loc;
        name = code = NULL;
        break;
      case PAIR_IGNORED:
      case PAIR_NONE:
        break;
      }
      g_free(code);
      g_free(name);
      g_free(value);
      i = vi;
    }
  }
  f->content = true;
}

static bool read_funds_row(Table *t, const JxRow *row);

/* The funds block's header: which column holds what. */
static void read_funds_header(Table *t, const JxRow *row) {
  struct SheetForm *f = t->form;
  for (int c = 0; c < FC_COUNT; c++)
    f->fcol[c] = -1;
  f->exec_month = 0;
  char *label = at(row, 0);
  f->has_points = label_points(label, &f->points);
  g_free(label);
  /* cell 1 heads the row labels (年度预算数（万元）, or blank) */
  for (guint i = 2; i < row->n; i++) {
    char *k = key_at(row, i);
    int month = 0;
    int c = *k ? funds_column(k, &month) : -1;
    if (c >= 0 && f->fcol[c] < 0) {
      f->fcol[c] = (int)i;
      if (c == FC_EXECUTED)
        f->exec_month = month;
    }
    g_free(k);
  }
  f->stage = STAGE_FUNDS;
  f->content = true;
  f->funds_loc = loc_at(t, row, 0);
  /* a target form's block names no columns: 年度资金总额 | amount on this
   * row, its sources on the rows below */
  f->funds_pairs = true;
  for (int c = 0; c < FC_COUNT; c++)
    f->funds_pairs &= f->fcol[c] < 0;
  if (f->funds_pairs)
    read_funds_row(t, row);
}

/* Which funds row a label names: 0 the total, 1 财政拨款, 2 财政专户, 3 上年结转,
 * 4 单位资金, 5 其他资金; -1 none. */
static int funds_row_kind(const char *key) {
  static const char *const total[] = {"年度资金总额", "资金总额",     "总额",     "合计",
                                      "总计",         "项目资金总额", "年度资金", NULL};
  if (key_in(key, total))
    return 0;
  if (strstr(key, "财政专户"))
    return 2;
  if (strstr(key, "财政拨款") || strstr(key, "财政资金") || strcmp(key, "财政") == 0)
    return 1;
  if (strstr(key, "上年结转"))
    return 3;
  if (strstr(key, "单位资金") || strstr(key, "自有资金") || strstr(key, "单位自筹"))
    return 4;
  if (strstr(key, "其他资金") || strcmp(key, "其他") == 0)
    return 5;
  return -1;
}

/* A row of the funds block: the total with its execution, or a source. */
static bool read_funds_row(Table *t, const JxRow *row) {
  struct SheetForm *f = t->form;
  char *label = at(row, 1);
  char *k = label_key(label);
  int kind = *k ? funds_row_kind(k) : -1;
  g_free(k);
  g_free(label);
  if (kind < 0)
    return false;
  JxFunds *fu = &f->funds;
  int64_t amount = 0;
  bool has;
  /* a monitoring form's budget is its 年初预算数 when it has no other; a
   * target form's the first filled cell after the label */
  int budget = f->fcol[FC_BUDGET] >= 0 ? f->fcol[FC_BUDGET] : f->fcol[FC_INITIAL];
  for (guint i = 2; f->funds_pairs && budget < 0 && i < row->n; i++)
    if (!jx_text_is_blank(row->cells[i].text))
      budget = (int)i;
  read_money(t, row, budget, &amount, &has);
  switch (kind) {
  case 0: {
    fu->total = amount, fu->has_total = has;
    read_money(t, row, f->fcol[FC_INITIAL], &fu->initial, &fu->has_initial);
    read_money(t, row, f->fcol[FC_EXECUTED], &f->executed, &f->has_executed);
    read_money(t, row, f->fcol[FC_EXPECTED], &f->expected, &f->has_expected);
    read_decimal(t, row, f->fcol[FC_RATE], &f->rate, &f->has_rate, "执行率");
    read_decimal(t, row, f->fcol[FC_WEIGHT], &f->weight, &f->has_weight, "分值");
    if (f->fcol[FC_SCORE] >= 0) {
      char *s = at(row, (guint)f->fcol[FC_SCORE]);
      if (strcmp(s, "/") == 0)
        s[0] = '\0';
      sheet_set_string(&f->score, s);
    }
    if (f->fcol[FC_CAUSE] >= 0) {
      char *s = at(row, (guint)f->fcol[FC_CAUSE]);
      if (*s && !sheet_is_prompt(s) && strcmp(s, "/") != 0 && strcmp(s, "0") != 0)
        add_text(f, "预算执行偏差原因", s, loc_at(t, row, (guint)f->fcol[FC_CAUSE]));
      g_free(s);
    }
    f->has_execution = f->has_executed || f->has_rate || f->has_expected;
    f->rate_loc = loc_at(t, row, (guint)MAX(f->fcol[FC_RATE], 0));
    f->funds_loc = loc_at(t, row, 1);
    break;
  }
  case 1:
    fu->fiscal = amount, fu->has_fiscal = has;
    break;
  case 2:
    fu->special = amount, fu->has_special = has;
    break;
  case 3:
    fu->carryover = amount, fu->has_carryover = has;
    break;
  case 4:
    fu->own = amount, fu->has_own = has;
    break;
  default:
    fu->other = amount, fu->has_other = has;
    break;
  }
  return true;
}

/* The goal block's label row: which columns hold the goal, what came of
 * it, and a long-term goal; a value may stand in the row itself. */
static void read_goal_header(Table *t, const JxRow *row) {
  struct SheetForm *f = t->form;
  f->goal_col = f->achieved_col = f->long_col = -1;
  bool labels = false;
  for (guint i = 1; i < row->n; i++) {
    char *k = key_at(row, i);
    /* "1.项目年度目标完成情况" heads the sub-rows, not a column */
    bool numbered = g_ascii_isdigit(*k);
    if (*k && !numbered && g_utf8_strlen(k, -1) <= 16 && strstr(k, "目标")) {
      if (strstr(k, "完成"))
        f->achieved_col = (int)i;
      else if (strstr(k, "中期") || strstr(k, "长期") || strstr(k, "实施期"))
        f->long_col = (int)i;
      else
        f->goal_col = (int)i;
      labels = true;
    } else if (*k && !numbered && g_utf8_strlen(k, -1) <= 16 &&
               (strstr(k, "完成情况") || strstr(k, "完成综述"))) {
      f->achieved_col = (int)i;
      labels = true;
    }
    g_free(k);
  }
  if (!labels) {
    /* 年度总体目标 | the goal itself */
    guint first;
    JxRow rest = *row;
    if (row->n > 1) {
      rest.cells = row->cells + 1;
      rest.n = row->n - 1;
      if (sheet_filled_cells(&rest, &first) > 0) {
        char *text = at(row, first + 1);
        sheet_set_string(&f->goal, jx_text_from_markup(text));
        g_free(text);
      }
    }
  }
  f->stage = STAGE_GOAL;
  f->content = true;
}

/* A row under the goal labels: the texts in their columns, or a numbered
 * sub-row ("2.项目实施内容及过程概述" | text) as a text of the project. */
static bool read_goal_row(Table *t, const JxRow *row) {
  struct SheetForm *f = t->form;
  char *first = at(row, 0);
  bool blank_first = !*first;
  g_free(first);
  if (!blank_first)
    return false;
  char *sub = at(row, 1);
  bool read = false;
  if (*sub && f->goal_col != 1 && f->long_col != 1 && f->achieved_col != 1) {
    /* a sub-label and its text in the cells after it */
    char *label = sheet_trailer_label(sub);
    if (!label) {
      const char *p = sub;
      while (g_ascii_isdigit(*p) || *p == '.' || g_str_has_prefix(p, "、") ||
             g_str_has_prefix(p, "．"))
        p += g_str_has_prefix(p, "、") || g_str_has_prefix(p, "．") ? strlen("、") : 1;
      label = g_strdup(p);
    }
    GString *text = g_string_new(NULL);
    JxLoc loc = loc_at(t, row, 2);
    for (guint i = 2; i < row->n; i++) {
      if ((int)i == f->achieved_col || (int)i == f->goal_col || (int)i == f->long_col) {
        if (strstr(label, "目标完成情况") || strstr(label, "目标"))
          continue; /* the values row of the labels above */
      }
      char *c = at(row, i);
      if (*c && !sheet_is_prompt(c)) {
        if (text->len)
          g_string_append_c(text, '\n');
        g_string_append(text, c);
      }
      g_free(c);
    }
    if (!strstr(label, "目标") && text->len) {
      add_text(f, label, text->str, loc);
      read = true;
    }
    g_string_free(text, TRUE);
    g_free(label);
    if (read) {
      g_free(sub);
      return true;
    }
  }
  g_free(sub);
  struct {
    int col;
    char **field;
  } cols[] = {{f->goal_col, &f->goal}, {f->achieved_col, &f->achieved}};
  for (int k = 0; k < 2; k++) {
    if (cols[k].col < 0)
      continue;
    char *text = at(row, (guint)cols[k].col);
    if (*text && !sheet_is_prompt(text)) {
      char *plain = jx_text_from_markup(text);
      if (*cols[k].field && **cols[k].field) {
        char *both = g_strconcat(*cols[k].field, "\n", plain, NULL);
        g_free(plain);
        plain = both;
      }
      sheet_set_string(cols[k].field, plain);
      read = true;
    }
    g_free(text);
  }
  if (f->long_col >= 0) {
    char *text = at(row, (guint)f->long_col);
    if (*text && !sheet_is_prompt(text)) {
      add_text(f, "中期目标", text, loc_at(t, row, (guint)f->long_col));
      read = true;
    }
    g_free(text);
  }
  return read;
}

/* Whether row is the indicator block's header: 三级指标 with 一级 or 二级
 * beside it. */
static bool is_indicator_header(const JxRow *row) {
  bool level3 = false, other = false;
  for (guint i = 0; i < row->n; i++) {
    char *k = key_at(row, i);
    if (strcmp(k, "三级指标") == 0 || strcmp(k, "指标名称") == 0 || strcmp(k, "三级指标名称") == 0)
      level3 = true;
    else if (strcmp(k, "一级指标") == 0 || strcmp(k, "二级指标") == 0)
      other = true;
    g_free(k);
  }
  return level3 && other;
}

/* Maps one header cell of the indicator block into t->col: the column
 * names of every table, and what forms add (long-term and annual columns,
 * 1-N月 actuals, 全年预计). */
static bool map_indicator_cell(Table *t, const JxRow *row, guint i, bool override) {
  struct SheetForm *f = t->form;
  const char *raw = jx_row_cell(row, i);
  char *k = sheet_header_key(raw);
  bool mapped = false;
  int c = -1, w = 0;
  bool long_term = strstr(raw, "长期") || strstr(raw, "中期") || strstr(raw, "实施期") ||
                   strstr(raw, "实施周期");
  int month = month_span(k);
  if (!*k) {
    /* blank */
  } else if (month && (strstr(k, "执行") || strstr(k, "完成"))) {
    c = COL_ACTUAL;
    f->month = month;
  } else if (g_str_has_prefix(k, "全年预计")) {
    c = COL_EXPECTED;
  } else if ((c = sheet_column_of(k, &w)) >= 0) {
    if (long_term && (c == COL_ANNUAL_TARGET || c == COL_PERIOD_TARGET))
      c = COL_PERIOD_TARGET;
    else if (long_term && (c == COL_LEVEL1 || c == COL_LEVEL2 || c == COL_LEVEL3))
      c = -1; /* the long-term side's categories and names: the annual ones count */
    else if (c == COL_INDICATORS)
      c = -1; /* the spanning 绩效指标 (90分) */
  }
  if (c >= 0 && (override || t->col[c] < 0)) {
    t->col[c] = (int)i;
    mapped = true;
  }
  g_free(k);
  return mapped;
}

static void read_indicator_header(Table *t, const JxRow *row) {
  struct SheetForm *f = t->form;
  form_reset_columns(t);
  for (guint i = 0; i < row->n; i++) {
    char *k = key_at(row, i);
    if (strcmp(k, "绩效指标") == 0) {
      JxDecimal pts;
      if (label_points(jx_row_cell(row, i), &pts)) {
        f->indicator_points = jx_decimal_to_double(pts);
        f->has_indicator_points = true;
      }
    }
    g_free(k);
    map_indicator_cell(t, row, i, false);
  }
  sheet_set_string(&t->last_level1, NULL);
  sheet_set_string(&t->last_level2, NULL);
  t->last_indicator = NULL;
  f->stage = STAGE_HEAD;
  f->content = true;
  f->indicator_header_seen = true;
  form_bind(t);
}

/* The second header row of a two-row header (指标性质 | 指标值 | 度量单位
 * under 年度指标值): its parts replace the group's column. */
static bool read_header_parts(Table *t, const JxRow *row) {
  if (!sheet_cell_blank(t, row, COL_LEVEL3))
    return false;
  int known = 0, filled = 0;
  for (guint i = 0; i < row->n; i++) {
    char *k = key_at(row, i);
    int w;
    if (*k) {
      filled++;
      known += sheet_column_of(k, &w) >= 0 || month_span(k) || g_str_has_prefix(k, "全年预计");
    }
    g_free(k);
  }
  if (filled == 0 || known < filled)
    return false;
  for (guint i = 0; i < row->n; i++)
    map_indicator_cell(t, row, i, true);
  form_bind(t);
  return true;
}

/* ---- indicator rows ---- */

/* Whether name is a placeholder the template left: 指标1, 指标2, ……. */
static bool is_placeholder(const char *name) {
  char *k = jx_text_key(name);
  bool yes = true;
  const char *p = k;
  if (g_str_has_prefix(p, "指标")) {
    p += strlen("指标");
    while (g_ascii_isdigit(*p))
      p++;
    yes = *p == '\0';
  } else {
    for (; *p && yes; p = g_utf8_next_char(p)) {
      gunichar c = g_utf8_get_char(p);
      yes = c == 0x2026 || c == '.' || c == 0x2014 || c == 0x22EF || c == '-' || c == 0xB7;
    }
  }
  g_free(k);
  return yes;
}

/* The name less the template's numbering: 工程完工率 of 指标1工程完工率. */
static char *strip_numbering(const char *name) {
  if (!g_str_has_prefix(name, "指标"))
    return g_strdup(name);
  const char *p = name + strlen("指标");
  const char *digits = p;
  while (g_ascii_isdigit(*p))
    p++;
  if (p == digits)
    return g_strdup(name);
  if (*p == '.' || *p == ':')
    p++;
  else if (g_str_has_prefix(p, "、") || g_str_has_prefix(p, "：") || g_str_has_prefix(p, "．"))
    p += strlen("、");
  return *p ? jx_text_trim(p) : g_strdup(name);
}

/* A label spaced out down a merged cell, "产 出 指 标", closed up. */
static char *close_up(const char *label) {
  GString *out = g_string_new(NULL);
  bool cjk_only = true;
  for (const char *p = label; *p; p = g_utf8_next_char(p)) {
    gunichar c = g_utf8_get_char(p);
    if (jx_text_is_space(c))
      continue;
    if (c < 0x80 && !g_ascii_isdigit(c) && c != '(' && c != ')')
      cjk_only = false;
    g_string_append_unichar(out, c);
  }
  if (!cjk_only) {
    g_string_free(out, TRUE);
    return jx_text_trim(label);
  }
  return g_string_free(out, FALSE);
}

/* Whether the cells of the columns that carry data are all blank. */
static bool data_blank(const Table *t, const JxRow *row) {
  static const Column data[] = {COL_ANNUAL_TARGET, COL_PERIOD_TARGET, COL_ACTUAL,    COL_WEIGHT,
                                COL_SCORE,         COL_EXPECTED,      COL_COMPARATOR};
  for (size_t i = 0; i < G_N_ELEMENTS(data); i++)
    if (!sheet_cell_blank(t, row, data[i]))
      return false;
  return true;
}

/* A 总分 / 合计 row of the indicator block: its 分值 and 得分 totals. */
static void read_totals(Table *t, const JxRow *row) {
  struct SheetForm *f = t->form;
  read_decimal(t, row, t->col[COL_WEIGHT], &f->total_weight, &f->has_total_weight, "分值");
  read_decimal(t, row, t->col[COL_SCORE], &f->total_score, &f->has_total_score, "得分");
  f->total_loc = loc_at(t, row, 0);
  f->stage = STAGE_AFTER;
}

static void read_indicator(Table *t, const JxRow *row) {
  /* the cells rows.c reads, mended where the template left its marks */
  JxCell *cells = g_new(JxCell, row->n ? row->n : 1);
  memcpy(cells, row->cells, row->n * sizeof *cells);
  GPtrArray *owned = g_ptr_array_new_with_free_func(g_free);
  JxRow fixed = *row;
  fixed.cells = cells;
  const Column labels[] = {COL_LEVEL1, COL_LEVEL2};
  for (size_t k = 0; k < G_N_ELEMENTS(labels); k++) {
    int i = t->col[labels[k]];
    if (i >= 0 && (guint)i < row->n) {
      char *closed = close_up(cells[i].text);
      cells[i].text = closed;
      cells[i].len = strlen(closed);
      g_ptr_array_add(owned, closed);
    }
  }
  int ni = t->col[COL_LEVEL3];
  bool placeholder = false;
  if (ni >= 0 && (guint)ni < row->n) {
    char *name = jx_text_trim(cells[ni].text);
    placeholder = *name && is_placeholder(name);
    char *fixed_name = placeholder ? g_strdup("") : strip_numbering(name);
    g_free(name);
    cells[ni].text = fixed_name;
    cells[ni].len = strlen(fixed_name);
    g_ptr_array_add(owned, fixed_name);
  }
  int ci = t->col[COL_CAUSE];
  if (ci >= 0 && (guint)ci < row->n) {
    char *cause = jx_text_trim(cells[ci].text);
    if (strcmp(cause, "0") == 0 || strcmp(cause, "/") == 0 || sheet_is_prompt(cause)) {
      cells[ci].text = (char *)"";
      cells[ci].len = 0;
    }
    g_free(cause);
  }
  bool skip = false;
  if (sheet_cell_blank(t, &fixed, COL_LEVEL3) && data_blank(t, &fixed)) {
    /* a placeholder, or a category with no indicator under it: only the
     * category is kept for the rows below */
    bool labelled =
        !sheet_cell_blank(t, &fixed, COL_LEVEL1) || !sheet_cell_blank(t, &fixed, COL_LEVEL2);
    skip = !labelled;
  } else if (placeholder) {
    JxLoc loc = sheet_loc_of(t, row, COL_LEVEL3);
    jx_diag_add(t->diag, JX_ERROR, loc.line, loc.col,
                "a filled row without an indicator name ('%s' is the template's placeholder)",
                row->cells[ni].text);
    skip = true;
  }
  if (!skip)
    sheet_read_indicator_row(t, &fixed);
  g_ptr_array_free(owned, TRUE);
  g_free(cells);
}

/* ---- the end of a form ---- */

/* Gives the project what the form said around its indicators, and checks
 * what the form printed against what it adds up to. */
static void form_close(Table *t) {
  struct SheetForm *f = t->form;
  if (!f)
    return;
  bool whole = form_whole(f);
  if (!f->project && !whole) {
    if (f->indicator_header_seen || f->has_execution || f->goal)
      jx_diag_add(t->diag, JX_ERROR, f->funds_loc.line ? f->funds_loc.line : 1, 1,
                  "a form without a 项目名称 (and no 部门名称 for a department-whole form)");
    return;
  }
  form_bind(t);
  JxLoc loc = f->project_loc.file ? f->project_loc : f->funds_loc;
  if (!loc.file)
    loc = (JxLoc){t->file, 1, 1};
  JxDepartment *d = sheet_current_department(t, loc);
  if (f->supervisor_code && !*d->code)
    sheet_set_string(&d->code, g_strdup(f->supervisor_code));
  JxProject *p = jx_department_find_project(d, t->project);
  if (!p) {
    p = jx_project_add(d, t->project, loc);
    t->info->projects++;
  }
  p->whole = whole;
  if (f->code)
    sheet_set_string(&p->code, g_strdup(f->code));
  if (f->unit && (!f->supervisor || strcmp(f->unit, f->supervisor) != 0 || whole))
    sheet_set_string(&p->unit, g_strdup(f->unit));
  else if (f->unit)
    sheet_set_string(&p->unit, g_strdup(f->unit));
  if (!sheet_funds_blank(&f->funds) || f->funds.has_initial) {
    p->funds = f->funds;
    sheet_check_funds_sum(t, &f->funds, f->funds_loc, p->name);
  }
  if (f->goal)
    sheet_set_string(&p->goal, g_strdup(f->goal));
  if (f->achieved)
    sheet_set_string(&p->achieved, g_strdup(f->achieved));
  for (guint i = 0; i < f->texts->len; i++) {
    JxText *x = g_ptr_array_index(f->texts, i);
    jx_project_add_text(p, x->label, x->text, x->loc);
  }
  if (f->has_execution) {
    char *period = form_period(f, f->exec_month ? f->exec_month : f->month);
    JxExecution *e = jx_project_execution(p, period, f->funds_loc);
    e->executed = f->executed, e->has_executed = f->has_executed;
    e->rate = f->rate, e->has_rate = f->has_rate;
    e->expected = f->expected, e->has_expected = f->has_expected;
    if (f->has_weight)
      e->weight = f->weight, e->has_weight = true;
    else if (f->has_points)
      e->weight = f->points, e->has_weight = true;
    sheet_set_string(&e->score, g_strdup(f->score));
    t->info->actuals++;
    /* the printed 执行率 against 执行数 ÷ 预算数, at the printed precision */
    if (f->has_rate && f->has_executed && p->funds.has_total && p->funds.total > 0) {
      double computed = 100.0 * (double)f->executed / (double)p->funds.total;
      double printed = jx_decimal_to_double(f->rate);
      double half = 0.5;
      for (int s = 0; s < f->rate.scale; s++)
        half /= 10;
      if (fabs(computed - printed) > half + 1e-9) {
        char a[32], b[32], r[32];
        jx_diag_add(t->diag, JX_WARNING, f->rate_loc.line, f->rate_loc.col,
                    "'%s' prints 执行率 %s%%, but 执行数 %s ÷ 预算数 %s is %.2f%%", p->name,
                    jx_decimal_format(f->rate, r, sizeof r), jx_amount_format(f->executed, true, a),
                    jx_amount_format(p->funds.total, true, b), computed);
      }
    }
    g_free(period);
  }
  /* 绩效指标（90分） against the indicators' 分值 */
  if (f->has_indicator_points && p->indicators->len) {
    double weights = 0;
    bool all = true;
    for (guint i = 0; i < p->indicators->len; i++) {
      const JxIndicator *ind = g_ptr_array_index(p->indicators, i);
      all &= ind->has_weight;
      weights += ind->has_weight ? jx_decimal_to_double(ind->weight) : 0;
    }
    if (all && fabs(weights - f->indicator_points) > 0.005) {
      const JxIndicator *ind = g_ptr_array_index(p->indicators, 0);
      jx_diag_add(t->diag, JX_WARNING, ind->loc.line, ind->loc.col,
                  "the 绩效指标 block of '%s' is of %g points, but its indicators' 分值 add up "
                  "to %g",
                  p->name, f->indicator_points, weights);
    }
  }
  /* the 总分 row against the sums of its columns */
  if (f->has_total_weight || f->has_total_score) {
    double weights = 0, scores = 0;
    bool all_scored = true;
    for (guint i = 0; i < p->indicators->len; i++) {
      const JxIndicator *ind = g_ptr_array_index(p->indicators, i);
      if (ind->has_weight)
        weights += jx_decimal_to_double(ind->weight);
      const JxActual *a =
          jx_indicator_actual_count(ind) ? g_ptr_array_index(ind->actuals, 0) : NULL;
      JxDecimal s;
      if (a && *a->score && jx_decimal_parse(a->score, &s))
        scores += jx_decimal_to_double(s);
      else
        all_scored = false;
    }
    double exec_w = f->has_weight   ? jx_decimal_to_double(f->weight)
                    : f->has_points ? jx_decimal_to_double(f->points)
                                    : 0;
    JxDecimal es;
    double exec_s = *f->score && jx_decimal_parse(f->score, &es) ? jx_decimal_to_double(es) : 0;
    /* a 总分 may count budget execution or only the indicators */
    if (f->has_total_weight) {
      double given = jx_decimal_to_double(f->total_weight);
      if (fabs(given - weights) > 0.005 && fabs(given - weights - exec_w) > 0.005) {
        char with[64] = "";
        if (exec_w > 0)
          g_snprintf(with, sizeof with, " (%g with budget execution)", weights + exec_w);
        jx_diag_add(t->diag, JX_WARNING, f->total_loc.line, f->total_loc.col,
                    "the 总分 row gives 分值 %g, but the indicators' 分值 add up to %g%s", given,
                    weights, with);
      }
    }
    if (f->has_total_score && all_scored) {
      double given = jx_decimal_to_double(f->total_score);
      if (fabs(given - scores) > 0.005 && fabs(given - scores - exec_s) > 0.005)
        jx_diag_add(t->diag, JX_WARNING, f->total_loc.line, f->total_loc.col,
                    "the 总分 row gives 得分 %g, but the indicators' 得分 add up to %g", given,
                    scores);
    }
  }
}

/* Ends the form being read and starts afresh for the next one. */
static void form_next(Table *t) {
  struct SheetForm *old = t->form;
  form_close(t);
  struct SheetForm *f = form_new();
  if (old && old->year)
    f->year = g_strdup(old->year);
  form_free(old);
  t->form = f;
  form_reset_columns(t);
  sheet_set_string(&t->project, NULL);
  sheet_set_string(&t->period, NULL);
  sheet_set_string(&t->last_level1, NULL);
  sheet_set_string(&t->last_level2, NULL);
  t->last_indicator = NULL;
  t->dept = NULL;
}

/* ---- rows ---- */

static bool is_trailer(const char *text) {
  char *label = sheet_trailer_label(text);
  g_free(label);
  return label != NULL;
}

/* A title line: a new form when it names one and this one has begun; its
 * year is the form's. */
static void read_title(Table *t, const JxRow *row, guint first) {
  char *text = at(row, first);
  if (names_form(text) && t->form->content)
    form_next(t);
  struct SheetForm *f = t->form;
  char *year = title_year(text);
  if (year)
    sheet_set_string(&f->year, year);
  if (strstr(text, "部门整体"))
    f->whole_title = true;
  char *k = jx_text_key(text);
  if (strstr(k, "单位：元") || strstr(k, "单位:元"))
    t->yuan = true;
  else if (strstr(k, "单位：万元") || strstr(k, "单位:万元"))
    t->yuan = false;
  g_free(k);
  g_free(text);
}

/* Whether a pair row starts another form: a 项目名称 when this form has
 * one already. */
static bool starts_another(const Table *t, const JxRow *row) {
  char *first = at(row, 0), *value = NULL;
  PairKind kind = *first ? pair_label(first, &value) : PAIR_NONE;
  g_free(first);
  g_free(value);
  const struct SheetForm *f = t->form;
  return (kind == PAIR_PROJECT && f->project) ||
         (kind == PAIR_DEPARTMENT && f->department && f->indicator_header_seen);
}

/* The first cell's kind of row, when it is a header pair. */
static PairKind first_pair(const JxRow *row) {
  guint first;
  if (sheet_filled_cells(row, &first) == 0 || first != 0)
    return PAIR_NONE;
  char *cell = at(row, 0), *value = NULL;
  PairKind kind = pair_label(cell, &value);
  g_free(cell);
  g_free(value);
  return kind;
}

/* A trailer: 评价结论 | text, 存在问题 | text …; the text is the cells
 * after the label. */
static bool read_trailer(Table *t, const JxRow *row) {
  guint first;
  if (sheet_filled_cells(row, &first) == 0)
    return false;
  char *cell = at(row, first);
  char *label = sheet_trailer_label(cell);
  g_free(cell);
  if (!label)
    return false;
  GString *text = g_string_new(NULL);
  JxLoc loc = loc_at(t, row, first + 1);
  bool located = false;
  for (guint i = first + 1; i < row->n; i++) {
    char *c = at(row, i);
    if (*c && !sheet_is_prompt(c) && strcmp(c, "/") != 0) {
      if (!located)
        loc = loc_at(t, row, i), located = true;
      if (text->len)
        g_string_append_c(text, '\n');
      g_string_append(text, c);
    }
    g_free(c);
  }
  if (text->len)
    add_text(t->form, label, text->str, loc);
  g_string_free(text, TRUE);
  g_free(label);
  t->form->stage = STAGE_AFTER;
  return true;
}

void sheet_form_row(Table *t, const JxRow *row) {
  if (!t->form) {
    t->form = form_new();
    struct SheetForm *f = t->form;
    form_reset_columns(t);
    /* what the preamble said before the form was recognised */
    if (t->titles) {
      f->year = title_year(t->titles->str);
      f->whole_title = strstr(t->titles->str, "部门整体") != NULL;
    }
    if (t->project) {
      char *code, *name;
      jx_split_code(t->project, &code, &name);
      f->project = name;
      f->code = *code ? code : (g_free(code), NULL);
      f->project_loc = (JxLoc){t->file, row->line > 1 ? row->line - 1 : 1, 2};
      sheet_set_string(&t->project, NULL);
    }
    if (t->department)
      f->department = g_strdup(t->department);
    f->content = f->project || f->department;
  }
  struct SheetForm *f = t->form;
  guint first;
  guint filled = sheet_filled_cells(row, &first);
  if (filled == 0)
    return;
  char *first_text = at(row, first);
  char *k0 = label_key(first_text);
  bool handled = true;

  bool in_block = f->stage == STAGE_HEAD || f->stage == STAGE_INDICATORS;
  if (is_footnote(first_text)) {
    f->stage = STAGE_AFTER;
  } else if (f->stage == STAGE_HEAD && read_header_parts(t, row)) {
    f->stage = STAGE_INDICATORS;
  } else if (in_block && sheet_is_total_label(k0)) {
    read_totals(t, row);
  } else if (first == 0 && is_title(row, &first)) {
    read_title(t, row, first);
  } else if (is_signature(row) && first_pair(row) == PAIR_NONE) {
    f->stage = STAGE_AFTER;
  } else if (first == 0 && first_pair(row) != PAIR_NONE) {
    if (starts_another(t, row))
      form_next(t);
    read_pairs(t, row);
    t->form->stage = STAGE_TOP;
  } else if (first == 0 && is_funds_label(k0)) {
    read_funds_header(t, row);
  } else if (f->stage == STAGE_FUNDS && first >= 1 && read_funds_row(t, row)) {
    /* read */
  } else if (first == 0 && is_goal_label(k0) && !is_indicator_header(row)) {
    read_goal_header(t, row);
  } else if (f->stage == STAGE_GOAL && read_goal_row(t, row)) {
    /* read */
  } else if (is_indicator_header(row)) {
    if (f->indicator_header_seen && t->form->stage == STAGE_AFTER)
      form_next(t); /* a second form with no title or pairs of its own */
    read_indicator_header(t, row);
  } else if (first == 0 && is_trailer(first_text)) {
    read_trailer(t, row);
  } else if (in_block && (first > 0 || t->col[COL_LEVEL1] == 0 || t->col[COL_LEVEL2] == 0 ||
                          strcmp(k0, "绩效指标") == 0)) {
    /* the block's label in its first cell stands over the rows below */
    f->stage = STAGE_INDICATORS;
    if (first == 0 && strcmp(k0, "绩效指标") == 0 && t->col[COL_LEVEL1] != 0) {
      JxCell *cells = g_new(JxCell, row->n);
      memcpy(cells, row->cells, row->n * sizeof *cells);
      cells[0].text = (char *)"";
      cells[0].len = 0;
      JxRow rest = *row;
      rest.cells = cells;
      read_indicator(t, &rest);
      g_free(cells);
    } else {
      read_indicator(t, row);
    }
  } else if (read_trailer(t, row)) {
    /* read */
  } else if (strstr(first_text, "□") || strstr(first_text, "√") || strstr(first_text, "☑")) {
    /* check boxes (□ √) of a property not reported on */
  } else {
    handled = false;
  }
  if (!handled) {
    JxLoc loc = loc_at(t, row, first);
    jx_diag_add(t->diag, JX_WARNING, loc.line, loc.col,
                "this line of the form is not read: '%.60s' is none of its blocks (header pairs, "
                "funds, goal, indicators, totals, trailers)",
                first_text);
  }
  g_free(k0);
  g_free(first_text);
}

void sheet_form_finish(Table *t) {
  if (!t->form)
    return;
  form_close(t);
  form_free(t->form);
  t->form = NULL;
}

/* ---- recognising a form ---- */

bool sheet_form_starts(const Table *t, const JxRow *row) {
  (void)t;
  guint first;
  if (sheet_filled_cells(row, &first) == 0 || first != 0)
    return false;
  char *cell = at(row, 0);
  char *k = label_key(cell);
  char *value = NULL;
  PairKind kind = pair_label(cell, &value);
  bool yes = false;
  if (kind == PAIR_SUPERVISOR || kind == PAIR_UNIT || kind == PAIR_CODE)
    yes = true;
  else if ((kind == PAIR_PROJECT || kind == PAIR_DEPARTMENT) && !value) {
    /* 项目名称 | X | 主管部门 | Y: pairs on a line */
    int pairs = 0;
    for (guint i = 0; i < row->n; i++) {
      char *c = at(row, i), *v = NULL;
      pairs += *c && pair_label(c, &v) != PAIR_NONE;
      g_free(v);
      g_free(c);
    }
    yes = pairs >= 2;
  } else if (is_funds_label(k)) {
    /* the funds block's header names its columns */
    int cols = 0;
    for (guint i = 1; i < row->n; i++) {
      char *ck = key_at(row, i);
      int m;
      cols += *ck && funds_column(ck, &m) >= 0;
      g_free(ck);
    }
    yes = cols >= 2;
  } else if (strcmp(k, "绩效指标") == 0 && is_indicator_header(row)) {
    yes = true;
  } else if (is_goal_label(k) && !is_indicator_header(row)) {
    int w;
    int known = 0;
    for (guint i = 0; i < row->n; i++) {
      char *ck = key_at(row, i);
      known += *ck && sheet_column_of(ck, &w) >= 0;
      g_free(ck);
    }
    yes = known <= 1; /* not a table's header that has a 年度目标 column */
  }
  g_free(value);
  g_free(k);
  g_free(cell);
  return yes;
}
