/* table.c - rows to the model for every kind of table. */
#include "table.h"

#include "csvread.h"
#include "indicator.h"
#include "text.h"

#include <stdlib.h>
#include <string.h>

/* The columns jixiao understands, each known by several names. */
typedef enum {
  COL_DEPARTMENT,
  COL_PROJECT,
  COL_TOTAL,
  COL_FISCAL,
  COL_SPECIAL,
  COL_OTHER,
  COL_GOAL,
  COL_INDICATORS,
  COL_SEQ,
  COL_LEVEL1,
  COL_LEVEL2,
  COL_LEVEL3,
  COL_PERIOD_TARGET,
  COL_ANNUAL_TARGET,
  COL_COMPARATOR,
  COL_UNIT,
  COL_WEIGHT,
  COL_PERIOD,
  COL_ACTUAL,
  COL_SCORE,
  COL_CAUSE,
  COL_LIKELIHOOD,
  COL_REMARK,
  COL_COUNT
} Column;

/* Header names by column, compared after jx_text_key with bracketed
 * remarks removed ("项目名称（资金使用单位）" is 项目名称).  The first name
 * is the one the dump writes. */
static const char *const column_names[COL_COUNT][8] = {
    [COL_DEPARTMENT] = {"部门", "部门名称", "单位名称", "预算单位", "主管部门", NULL},
    [COL_PROJECT] = {"项目名称", "项目", "项目名", NULL},
    [COL_TOTAL] = {"总计", "合计", "资金总额", "项目资金", NULL},
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
    [COL_COMPARATOR] = {"指标性质", "计算符号", "指标方向", "符号", NULL},
    [COL_UNIT] = {"度量单位", "计量单位", "单位", NULL},
    [COL_WEIGHT] = {"分值", "权重", "指标分值", NULL},
    [COL_PERIOD] = {"期间", "月份", "监控期间", NULL},
    [COL_ACTUAL] = {"实际完成值", "完成值", "全年实际值", "实际值", "年度实际完成值", "累计完成值",
                    NULL},
    [COL_SCORE] = {"填报得分", "得分",
                   NULL}, /* jixiao's dump has both: its own 得分 and the table's */
    [COL_CAUSE] = {"偏差原因分析及改进措施", "未完成原因分析", "偏差原因", "偏差原因分析",
                   "原因分析", NULL},
    [COL_LIKELIHOOD] = {"完成可能性", "完成目标可能性", "全年完成可能性", NULL},
    [COL_REMARK] = {"备注", NULL},
};

/* One actual of an actuals table, resolved when every table is read. */
typedef struct {
  char *department; /* NULL when the table does not say */
  char *project;
  char *indicator;
  char *period;
  char *value;
  char *cause;
  char *likelihood;
  JxLoc loc;
  int project_col, indicator_col;
  JxDiag *diag;
  JxTableInfo *info;
} Pending;

struct JxReader {
  JxModel *model;
  const char *encoding;
  GPtrArray *pending; /* Pending * */
};

/* The state of reading one file. */
typedef struct {
  JxReader *reader;
  JxModel *model;
  JxDiag *diag;
  JxTableInfo *info;
  const char *file;          /* interned */
  char *fallback_department; /* the file name without folder and extension */
  int col[COL_COUNT];        /* cell index of each column, -1 when absent */
  guint header_cells;
  char *header_key;   /* the header row's keys, to skip it where a page repeats it */
  char *header_first; /* the header row's first cell as written */
  char *title;        /* the first title line of the preamble */
  char *department;   /* from the preamble */
  char *project;      /* from the preamble (one-indicator tables) */
  bool yuan;          /* amounts in 元, not 万元 */
  bool warned_yuan;
  bool warned_ragged;
  bool header_seen;
  int data_rows;
  /* published target tables */
  JxDepartment *dept;
  JxProject *last_project; /* the project a continuation row adds to */
  char *bare_name;         /* a row held back: department or project? */
  JxFunds bare_funds;
  JxLoc bare_loc;
  GPtrArray *segment;       /* projects since the department row */
  GPtrArray *file_projects; /* projects of this file */
  GPtrArray *since_grand;   /* projects since the 合计 row, for its check */
  GHashTable *departments;  /* the departments this file adds to */
  bool has_grand, has_dept_row;
  JxFunds grand, dept_row;
  JxLoc grand_loc, dept_row_loc;
  /* one-indicator tables: merged cells carry the category down */
  char *last_level1, *last_level2;
  JxIndicator *last_indicator;
  JxProject *last_indicator_project;
} Table;

const char *jx_table_kind_name(JxTableKind kind) {
  switch (kind) {
  case JX_KIND_TARGETS:
    return "published target table";
  case JX_KIND_INDICATORS:
    return "indicator table";
  case JX_KIND_ACTUALS:
    return "actuals";
  case JX_KIND_UNKNOWN:
    break;
  }
  return "unknown";
}

void jx_table_info_clear(JxTableInfo *info) {
  g_free(info->department);
  memset(info, 0, sizeof *info);
}

/* The key a header cell is compared by: no bracketed remark, no spaces. */
static char *header_key(const char *cell) {
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

/* The column a header key names, and which of its names (0 the first). */
static int column_of(const char *key, int *which) {
  for (int c = 0; c < COL_COUNT; c++)
    for (int k = 0; column_names[c][k]; k++)
      if (strcmp(key, column_names[c][k]) == 0) {
        *which = k;
        return c;
      }
  return -1;
}

/* Maps the cells of row to columns; returns how many were recognised.  Where
 * two cells name one column, the earlier name in column_names wins, then
 * the cell further left. */
static int map_columns(const JxRow *row, int col[COL_COUNT]) {
  int which[COL_COUNT];
  for (int c = 0; c < COL_COUNT; c++)
    col[c] = -1;
  int found = 0;
  for (guint i = 0; i < row->n; i++) {
    char *key = header_key(row->cells[i].text);
    int w = 0;
    int c = column_of(key, &w);
    if (c >= 0 && (col[c] < 0 || w < which[c])) {
      found += col[c] < 0;
      col[c] = (int)i;
      which[c] = w;
    }
    g_free(key);
  }
  return found;
}

/* The kind of table a header row with these columns starts. */
static JxTableKind kind_of(const int col[COL_COUNT]) {
  bool targets = col[COL_ANNUAL_TARGET] >= 0 || col[COL_PERIOD_TARGET] >= 0;
  if (col[COL_LEVEL3] >= 0 && (targets || col[COL_LEVEL1] >= 0))
    return JX_KIND_INDICATORS;
  if (col[COL_LEVEL3] >= 0 && col[COL_ACTUAL] >= 0)
    return JX_KIND_ACTUALS;
  if (col[COL_PROJECT] >= 0 && col[COL_INDICATORS] >= 0)
    return JX_KIND_TARGETS;
  return JX_KIND_UNKNOWN;
}

/* The text of column c in row, "" when absent. */
static const char *cell(const Table *t, const JxRow *row, Column c) {
  return t->col[c] < 0 ? "" : jx_row_cell(row, (guint)t->col[c]);
}

/* The trimmed text of column c; caller frees. */
static char *cell_trim(const Table *t, const JxRow *row, Column c) {
  return jx_text_trim(cell(t, row, c));
}

static bool cell_blank(const Table *t, const JxRow *row, Column c) {
  return jx_text_is_blank(cell(t, row, c));
}

/* The location of column c in row. */
static JxLoc loc_of(const Table *t, const JxRow *row, Column c) {
  JxLoc loc = {t->file, row->line, 1};
  if (t->col[c] >= 0) {
    loc.col = t->col[c] + 1;
    if ((guint)t->col[c] < row->n)
      loc.line = row->cells[t->col[c]].line;
  }
  return loc;
}

static void set_string(char **field, char *value) {
  g_free(*field);
  *field = value;
}

/* ---- preamble lines ---- */

/* Text after "key：" or "key:" at the start of s, or NULL. */
static const char *after_key(const char *s, const char *key) {
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
static guint filled_cells(const JxRow *row, guint *first) {
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
static bool read_preamble(Table *t, const JxRow *row, bool in_body) {
  guint first;
  guint n = filled_cells(row, &first);
  if (n == 0 || n > 2 || first != 0)
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
  char *key = header_key(s);
  if ((v = after_key(s, "部门名称")) || (v = after_key(s, "单位名称")) ||
      (v = after_key(s, "部门")) ||
      (n == 2 && (strcmp(key, "部门名称") == 0 || strcmp(key, "部门") == 0))) {
    char *name = jx_text_trim(v && *v ? v : second ? second : "");
    if (*name)
      set_string(&t->department, name);
    else
      g_free(name);
  } else if ((v = after_key(s, "单位")) || (n == 2 && strcmp(key, "单位") == 0)) {
    char *unit = jx_text_key(v && *v ? v : second ? second : "");
    t->yuan = strcmp(unit, "元") == 0;
    if (strcmp(unit, "元") != 0 && strcmp(unit, "万元") != 0 && *unit)
      jx_diag_add(t->diag, JX_WARNING, row->line, 1, "amounts in '%s' are read as 万元", unit);
    g_free(unit);
  } else if ((v = after_key(s, "项目名称")) || (n == 2 && strcmp(key, "项目名称") == 0)) {
    char *name = jx_text_trim(v && *v ? v : second ? second : "");
    if (*name)
      set_string(&t->project, name);
    else
      g_free(name);
    t->last_level1 = (g_free(t->last_level1), NULL);
    t->last_level2 = (g_free(t->last_level2), NULL);
  } else if (n == 1 && (!in_body || heading || (t->title && strcmp(t->title, s) == 0))) {
    if (!t->title)
      t->title = g_strdup(s);
  } else {
    known = false;
  }
  g_free(key);
  g_free(text);
  g_free(second);
  return known;
}

/* ---- amounts ---- */

/* Reads the amount in column c into *out; blank is no amount.  Returns
 * false (and reports) when the cell is not an amount. */
static bool read_amount(Table *t, const JxRow *row, Column c, int64_t *out, bool *has) {
  *has = false;
  *out = 0;
  if (t->col[c] < 0 || cell_blank(t, row, c))
    return true;
  char *text = cell_trim(t, row, c);
  int64_t v;
  JxLoc loc = loc_of(t, row, c);
  bool ok = jx_amount_parse(text, &v);
  if (ok && t->yuan) {
    /* 元 to hundredths of 万元: exact only for whole hundreds of 元 */
    if (v % 10000 != 0 && !t->warned_yuan) {
      jx_diag_add(t->diag, JX_WARNING, loc.line, loc.col,
                  "amounts in 元 are rounded to 0.01 万元 (first: %s)", text);
      t->warned_yuan = true;
    }
    v = (v >= 0 ? v + 5000 : v - 5000) / 10000;
  }
  if (!ok)
    jx_diag_add(t->diag, JX_ERROR, loc.line, loc.col,
                "'%s' is not an amount (a number of 万元 with at most two decimals, such as "
                "1,250.00)",
                text);
  else {
    *out = v;
    *has = true;
  }
  g_free(text);
  return ok;
}

static bool read_funds(Table *t, const JxRow *row, JxFunds *f) {
  bool ok = read_amount(t, row, COL_TOTAL, &f->total, &f->has_total);
  ok &= read_amount(t, row, COL_FISCAL, &f->fiscal, &f->has_fiscal);
  ok &= read_amount(t, row, COL_SPECIAL, &f->special, &f->has_special);
  ok &= read_amount(t, row, COL_OTHER, &f->other, &f->has_other);
  return ok;
}

static bool funds_blank(const JxFunds *f) {
  return !f->has_total && !f->has_fiscal && !f->has_special && !f->has_other;
}

/* Warns when 总计 is not 财政拨款 + 财政专户拨款 + 其他资金. */
static void check_funds_sum(Table *t, const JxFunds *f, JxLoc loc, const char *what) {
  if (!f->has_total || !(f->has_fiscal || f->has_special || f->has_other))
    return;
  int64_t sum = f->fiscal + f->special + f->other;
  if (sum != f->total) {
    char a[32], b[32];
    jx_diag_add(t->diag, JX_WARNING, loc.line, loc.col,
                "%s: 总计 %s is not the sum of its sources %s (财政拨款 + 财政专户拨款 + 其他资金)",
                what, jx_amount_format(f->total, true, a), jx_amount_format(sum, true, b));
  }
}

/* Warns when a totals row differs from the sum of the projects it covers. */
static void check_total(Table *t, const JxFunds *declared, JxLoc loc, GPtrArray *projects,
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

/* Ends a department's part of a published table: checks its row's totals. */
static void close_segment(Table *t) {
  if (t->has_dept_row)
    check_total(t, &t->dept_row, t->dept_row_loc, t->segment, "department row");
  t->has_dept_row = false;
  g_ptr_array_set_size(t->segment, 0);
}

/* Makes d the department rows go to, counting it for the summary. */
static void use_department(Table *t, JxDepartment *d) {
  t->dept = d;
  if (!t->info->department)
    t->info->department = g_strdup(d->name);
  if (!g_hash_table_contains(t->departments, d)) {
    g_hash_table_add(t->departments, d);
    t->info->departments++;
  }
}

/* The department rows of the current part go to. */
static JxDepartment *current_department(Table *t, JxLoc loc) {
  if (!t->dept) {
    const char *name = t->department ? t->department : t->fallback_department;
    use_department(t, jx_model_department(t->model, name, loc));
  }
  return t->dept;
}

/* ---- published target tables ---- */

/* Checks a 合计 row against the projects since it, and starts afresh: a
 * bundle of departments has a 合计 row for each. */
static void close_grand_total(Table *t) {
  if (t->has_grand)
    check_total(t, &t->grand, t->grand_loc, t->since_grand, "合计");
  t->has_grand = false;
  g_ptr_array_set_size(t->since_grand, 0);
}

/* Starts a department's part of the table at its own row: its totals, not a
 * project.  A row naming the preamble's department (or a prefix of it, as
 * "…管理局" of "…管理局（本级）") keeps the preamble's fuller name. */
static void department_row(Table *t, const char *name, const JxFunds *funds, JxLoc loc) {
  close_segment(t);
  char *k = jx_text_key(name), *pre = t->department ? jx_text_key(t->department) : NULL;
  if (!pre || !g_str_has_prefix(pre, k)) {
    set_string(&t->department, g_strdup(name));
    t->dept = NULL;
  }
  g_free(k);
  g_free(pre);
  current_department(t, loc);
  t->dept_row = *funds;
  t->has_dept_row = true;
  t->dept_row_loc = loc;
  t->last_project = NULL;
  check_funds_sum(t, funds, loc, name);
}

/* Adds a project row; goal and indicators are its cells (NULL when blank). */
static void project_row(Table *t, const char *name, const JxFunds *funds, const char *goal,
                        const char *indicators, JxLoc loc, JxLoc ind_loc) {
  JxDepartment *d = current_department(t, loc);
  JxProject *dup = jx_department_find_project(d, name);
  t->last_project = NULL;
  if (dup) {
    jx_diag_add(t->diag, JX_ERROR, loc.line, loc.col,
                "project '%s' appears twice in %s (first at %s:%d)", name, d->name, dup->loc.file,
                dup->loc.line);
    return;
  }
  JxProject *p = jx_project_add(d, name, loc);
  p->funds = *funds;
  if (funds_blank(funds))
    jx_diag_add(t->diag, JX_WARNING, loc.line, loc.col, "project '%s' has no amounts", name);
  check_funds_sum(t, funds, loc, name);
  if (goal)
    set_string(&p->goal, jx_text_from_markup(goal));
  if (indicators)
    t->info->indicators += jx_indicator_read_cell(indicators, p, ind_loc, t->diag);
  g_ptr_array_add(t->segment, p);
  g_ptr_array_add(t->file_projects, p);
  g_ptr_array_add(t->since_grand, p);
  t->info->projects++;
  t->last_project = p;
}

/* Settles a row held back because it had amounts but neither goal nor
 * indicators: followed by projects it was their department's row; followed
 * by anything else (a continuation, a total, the end) it was a project whose
 * indicators may come on the next page. */
static void settle_bare_row(Table *t, bool projects_follow) {
  if (!t->bare_name)
    return;
  if (projects_follow)
    department_row(t, t->bare_name, &t->bare_funds, t->bare_loc);
  else
    project_row(t, t->bare_name, &t->bare_funds, NULL, NULL, t->bare_loc, t->bare_loc);
  set_string(&t->bare_name, NULL);
}

/* Warns about a project that ended up with no indicators at all. */
static void check_indicators(Table *t) {
  for (guint i = 0; i < t->file_projects->len; i++) {
    JxProject *p = g_ptr_array_index(t->file_projects, i);
    if (p->indicators->len == 0)
      jx_diag_add(t->diag, JX_WARNING, p->loc.line, p->loc.col, "project '%s' has no 绩效指标",
                  p->name);
  }
}

static void read_target_row(Table *t, const JxRow *row) {
  char *name = cell_trim(t, row, COL_PROJECT);
  bool goal_blank = cell_blank(t, row, COL_GOAL);
  bool ind_blank = cell_blank(t, row, COL_INDICATORS);
  JxFunds funds = {0};
  JxLoc loc = loc_of(t, row, COL_PROJECT);
  bool amounts_blank = cell_blank(t, row, COL_TOTAL) && cell_blank(t, row, COL_FISCAL) &&
                       cell_blank(t, row, COL_SPECIAL) && cell_blank(t, row, COL_OTHER);

  if (!*name && amounts_blank && goal_blank) {
    /* a project's indicators continued from the page before */
    settle_bare_row(t, false);
    if (!t->last_project)
      jx_diag_add(t->diag, JX_ERROR, loc.line, loc.col,
                  "a row with only 绩效指标 but no project above it to continue");
    else
      t->info->indicators += jx_indicator_read_cell(cell(t, row, COL_INDICATORS), t->last_project,
                                                    loc_of(t, row, COL_INDICATORS), t->diag);
    g_free(name);
    return;
  }
  if (!*name) {
    jx_diag_add(t->diag, JX_ERROR, loc.line, loc.col, "a row without a 项目名称");
    g_free(name);
    return;
  }
  read_funds(t, row, &funds);
  char *key = jx_text_key(name);
  bool is_total = strcmp(key, "合计") == 0 || strcmp(key, "总计") == 0;
  g_free(key);
  if (is_total) {
    settle_bare_row(t, false);
    close_grand_total(t);
    t->grand = funds;
    t->has_grand = true;
    t->grand_loc = loc;
  } else if (goal_blank && ind_blank) {
    settle_bare_row(t, false);
    if (t->segment->len == 0 && !t->has_dept_row) {
      department_row(t, name, &funds, loc);
    } else {
      t->bare_name = g_strdup(name);
      t->bare_funds = funds;
      t->bare_loc = loc;
    }
  } else {
    settle_bare_row(t, true);
    project_row(t, name, &funds, goal_blank ? NULL : cell(t, row, COL_GOAL),
                ind_blank ? NULL : cell(t, row, COL_INDICATORS), loc,
                loc_of(t, row, COL_INDICATORS));
  }
  g_free(name);
}

/* ---- one indicator a row ---- */

/* The project of a row: its 项目名称 cell, else the preamble's. */
static JxProject *row_project(Table *t, const JxRow *row, JxLoc loc) {
  char *name = cell_trim(t, row, COL_PROJECT);
  if (!*name && t->project)
    set_string(&name, g_strdup(t->project));
  if (!*name) {
    jx_diag_add(t->diag, JX_ERROR, loc.line, loc.col,
                "no project: the table has no 项目名称 column and no '项目名称：' line above it");
    g_free(name);
    return NULL;
  }
  char *dept = cell_trim(t, row, COL_DEPARTMENT);
  if (*dept && (!t->dept || strcmp(t->dept->name, dept) != 0))
    use_department(t, jx_model_department(t->model, dept, loc));
  g_free(dept);
  JxDepartment *d = current_department(t, loc);
  JxProject *p = jx_department_find_project(d, name);
  if (!p) {
    p = jx_project_add(d, name, loc);
    t->info->projects++;
  } else if (p->loc.file != t->file && p->indicators->len > 0 && (t->last_indicator_project != p)) {
    jx_diag_add(t->diag, JX_ERROR, loc.line, loc.col,
                "project '%s' appears twice in %s (first at %s:%d)", name, d->name, p->loc.file,
                p->loc.line);
    g_free(name);
    return NULL;
  }
  g_free(name);
  return p;
}

/* Reads the period of a row, "" when the table has none.  NULL (reported)
 * when the cell is not a period. */
static char *row_period(Table *t, const JxRow *row) {
  if (cell_blank(t, row, COL_PERIOD))
    return g_strdup("");
  char *text = cell_trim(t, row, COL_PERIOD);
  char *period = jx_period_normalize(text);
  if (!period) {
    JxLoc loc = loc_of(t, row, COL_PERIOD);
    jx_diag_add(t->diag, JX_ERROR, loc.line, loc.col,
                "'%s' is not a period (write 2024 for the year or 2024-06 for a month)", text);
  }
  g_free(text);
  return period;
}

/* Whether name is a budget-execution line rather than an indicator. */
static int execution_kind(const char *name) {
  char *key = header_key(name);
  int kind = strcmp(key, "预算执行数") == 0 || strcmp(key, "全年执行数") == 0 ? 1
             : strcmp(key, "预算执行率") == 0 || strcmp(key, "执行率") == 0   ? 2
                                                                              : 0;
  g_free(key);
  return kind;
}

/* Records a budget-execution value ("137.20", "137.20万元", "95%"). */
static bool read_execution(JxProject *p, int kind, const char *period, const char *value, JxLoc loc,
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

/* Reads a target cell with the comparator and unit columns applied. */
static JxValue *read_target(Table *t, const JxRow *row, Column c, bool columns) {
  if (cell_blank(t, row, c))
    return NULL;
  char *text = cell_trim(t, row, c);
  JxValue *v = jx_value_parse(text);
  g_free(text);
  if (columns && !jx_value_apply_columns(v, cell(t, row, COL_COMPARATOR), cell(t, row, COL_UNIT))) {
    JxLoc loc = loc_of(t, row, c);
    jx_diag_add(t->diag, JX_WARNING, loc.line, loc.col,
                "the value '%s' does not agree with its 指标性质 '%s' or 度量单位 '%s'; the value "
                "is read as written",
                v->raw, cell(t, row, COL_COMPARATOR), cell(t, row, COL_UNIT));
  }
  return v;
}

/* Adds the actual of a row (if it has one) to ind. */
static void read_row_actual(Table *t, const JxRow *row, JxIndicator *ind, const char *period) {
  if (cell_blank(t, row, COL_ACTUAL) && cell_blank(t, row, COL_SCORE) &&
      cell_blank(t, row, COL_CAUSE) && cell_blank(t, row, COL_LIKELIHOOD))
    return;
  JxActual *a = jx_indicator_add_actual(ind, period, loc_of(t, row, COL_ACTUAL));
  char *text = cell_trim(t, row, COL_ACTUAL);
  a->value = jx_value_parse(text);
  g_free(text);
  set_string(&a->score, cell_trim(t, row, COL_SCORE));
  set_string(&a->cause, cell_trim(t, row, COL_CAUSE));
  set_string(&a->likelihood, cell_trim(t, row, COL_LIKELIHOOD));
  t->info->actuals++;
}

/* Whether a label marks a total row: 合计, 总计, 总分 (spaces allowed). */
static bool is_total_label(const char *s) {
  if (!g_str_has_prefix(s, "合") && !g_str_has_prefix(s, "总"))
    return false;
  char *k = jx_text_key(s);
  bool yes = strcmp(k, "合计") == 0 || strcmp(k, "总计") == 0 || strcmp(k, "总分") == 0;
  g_free(k);
  return yes;
}

static void read_indicator_row(Table *t, const JxRow *row) {
  char *l1 = cell_trim(t, row, COL_LEVEL1), *l2 = cell_trim(t, row, COL_LEVEL2);
  char *name = cell_trim(t, row, COL_LEVEL3);
  JxLoc loc = loc_of(t, row, COL_LEVEL3);
  char *first = jx_text_trim(jx_row_cell(row, 0));
  bool total = is_total_label(l1) || is_total_label(name) || (!*name && is_total_label(first));
  char *period = NULL;
  JxProject *p = NULL;
  if (total)
    goto done; /* a total row of the weights: not an indicator */
  if (!*name) {
    bool rest_blank = cell_blank(t, row, COL_ANNUAL_TARGET) &&
                      cell_blank(t, row, COL_PERIOD_TARGET) && cell_blank(t, row, COL_ACTUAL);
    if ((*l1 || *l2) && rest_blank) {
      /* a row that only names a category (merged cells) */
      if (*l1)
        set_string(&t->last_level1, g_strdup(l1));
      set_string(&t->last_level2, *l2 ? g_strdup(l2) : NULL);
    } else {
      jx_diag_add(t->diag, JX_ERROR, loc.line, loc.col,
                  "a row without an indicator name (三级指标)");
    }
    goto done;
  }
  p = row_project(t, row, loc);
  if (!p)
    goto done;
  period = row_period(t, row);
  if (!period)
    goto done;

  /* funds and goal, where the table carries them (jixiao's own dump does) */
  JxFunds funds = {0};
  if (!(cell_blank(t, row, COL_TOTAL) && cell_blank(t, row, COL_FISCAL) &&
        cell_blank(t, row, COL_SPECIAL) && cell_blank(t, row, COL_OTHER)) &&
      read_funds(t, row, &funds)) {
    p->funds = funds;
    check_funds_sum(t, &funds, loc, p->name);
  }
  if (!cell_blank(t, row, COL_GOAL))
    set_string(&p->goal, jx_text_from_markup(cell(t, row, COL_GOAL)));

  int exec = execution_kind(name);
  if (exec && !*l1) {
    if (!cell_blank(t, row, COL_ACTUAL) && read_execution(p, exec, period, cell(t, row, COL_ACTUAL),
                                                          loc_of(t, row, COL_ACTUAL), t->diag))
      t->info->actuals++;
    goto done;
  }

  /* the same indicator again with another period adds an actual */
  char *seq_text = cell_trim(t, row, COL_SEQ);
  JxIndicator *prev = t->last_indicator;
  if (prev && t->last_indicator_project == p && t->col[COL_PERIOD] >= 0 && *period &&
      strcmp(prev->name, name) == 0 && (!*seq_text || atoi(seq_text) == prev->seq) &&
      (!*l1 || strcmp(l1, prev->level1) == 0 || g_str_has_prefix(l1, prev->level1))) {
    read_row_actual(t, row, prev, period);
    g_free(seq_text);
    goto done;
  }

  /* merged cells: a blank category continues the one above */
  if (*l1) {
    if (!t->last_level1 || strcmp(t->last_level1, l1) != 0)
      set_string(&t->last_level2, NULL);
    set_string(&t->last_level1, g_strdup(l1));
  } else if (!t->last_level1) {
    jx_diag_add(t->diag, JX_WARNING, loc.line, loc_of(t, row, COL_LEVEL1).col,
                "indicator '%s' has no 一级指标", name);
  }
  if (*l2)
    set_string(&t->last_level2, g_strdup(l2));

  JxIndicator *ind = jx_project_add_indicator(p, loc);
  if (*seq_text) {
    char *end = NULL;
    long n = strtol(seq_text, &end, 10);
    if (end && *end == '\0' && n > 0 && n < 1000000)
      ind->seq = (int)n;
    else
      jx_diag_add(t->diag, JX_WARNING, loc.line, loc_of(t, row, COL_SEQ).col,
                  "序号 '%s' is not a number", seq_text);
  }
  g_free(seq_text);
  JxDecimal w;
  bool has_w = false;
  char *label;
  if (t->last_level1) {
    jx_indicator_split_label(t->last_level1, &label, &w, &has_w);
    ind->level1 = jx_project_intern(p, label);
    ind->group = jx_group_from_label(label);
    g_free(label);
    if (has_w) {
      bool known = false;
      for (guint i = 0; i < p->weights->len && !known; i++)
        known =
            strcmp(((JxGroupWeight *)g_ptr_array_index(p->weights, i))->level1, ind->level1) == 0;
      if (!known) {
        JxGroupWeight *gw = g_new0(JxGroupWeight, 1);
        gw->level1 = g_strdup(ind->level1);
        gw->weight = w;
        g_ptr_array_add(p->weights, gw);
      }
    }
  }
  if (t->last_level2) {
    jx_indicator_split_label(t->last_level2, &label, &w, &has_w);
    ind->level2 = jx_project_intern(p, label);
    g_free(label);
  }
  ind->name = jx_project_intern(p, name);
  /* 指标性质 and 度量单位 describe the 指标值 column: the annual value, or
   * the period value where a table has no annual one */
  bool annual_column = t->col[COL_ANNUAL_TARGET] >= 0;
  ind->annual_target = read_target(t, row, COL_ANNUAL_TARGET, true);
  ind->period_target = read_target(t, row, COL_PERIOD_TARGET, !annual_column);
  if (!ind->annual_target && !ind->period_target)
    jx_diag_add(t->diag, JX_WARNING, loc.line, loc.col, "indicator '%s' has no target value", name);
  if (!cell_blank(t, row, COL_WEIGHT)) {
    char *text = cell_trim(t, row, COL_WEIGHT);
    if (g_str_has_suffix(text, "分"))
      text[strlen(text) - strlen("分")] = '\0';
    if (jx_decimal_parse(text, &ind->weight) && ind->weight.units >= 0)
      ind->has_weight = true;
    else {
      JxLoc wl = loc_of(t, row, COL_WEIGHT);
      jx_diag_add(t->diag, JX_ERROR, wl.line, wl.col, "分值 '%s' is not a number", text);
    }
    g_free(text);
  }
  char *remark = cell_trim(t, row, COL_REMARK);
  ind->remark = jx_project_intern(p, remark);
  g_free(remark);
  read_row_actual(t, row, ind, period);
  t->info->indicators++;
  t->last_indicator = ind;
  t->last_indicator_project = p;

done:
  g_free(period);
  g_free(l1);
  g_free(l2);
  g_free(name);
  g_free(first);
}

/* ---- actuals ---- */

static void pending_free(Pending *x) {
  g_free(x->department);
  g_free(x->project);
  g_free(x->indicator);
  g_free(x->period);
  g_free(x->value);
  g_free(x->cause);
  g_free(x->likelihood);
  g_free(x);
}

static void read_actual_row(Table *t, const JxRow *row) {
  JxLoc loc = loc_of(t, row, COL_LEVEL3);
  char *name = cell_trim(t, row, COL_LEVEL3);
  char *project = cell_trim(t, row, COL_PROJECT);
  if (!*project && t->project)
    set_string(&project, g_strdup(t->project));
  char *period = row_period(t, row);
  if (!*name)
    jx_diag_add(t->diag, JX_ERROR, loc.line, loc.col, "a row without an indicator name (三级指标)");
  else if (!*project)
    jx_diag_add(t->diag, JX_ERROR, loc.line, loc_of(t, row, COL_PROJECT).col,
                "no project: the table has no 项目名称 column and no '项目名称：' line above it");
  else if (period && !*period)
    jx_diag_add(t->diag, JX_ERROR, loc.line, loc_of(t, row, COL_PERIOD).col,
                "no period: actuals need a 期间 (2024 for the year, 2024-06 for a month)");
  if (!*name || !*project || !period || !*period) {
    g_free(name);
    g_free(project);
    g_free(period);
    return;
  }
  Pending *x = g_new0(Pending, 1);
  char *dept = cell_trim(t, row, COL_DEPARTMENT);
  x->department = *dept ? dept : (g_free(dept), t->department ? g_strdup(t->department) : NULL);
  x->project = project;
  x->indicator = name;
  x->period = period;
  x->value = cell_trim(t, row, COL_ACTUAL);
  x->cause = cell_trim(t, row, COL_CAUSE);
  x->likelihood = cell_trim(t, row, COL_LIKELIHOOD);
  x->loc = loc_of(t, row, COL_ACTUAL);
  x->project_col = loc_of(t, row, COL_PROJECT).col;
  x->indicator_col = loc.col;
  x->diag = t->diag;
  x->info = t->info;
  g_ptr_array_add(t->reader->pending, x);
}

/* Up to three names from candidates (char * getters over items) closest to
 * name, as "'a', 'b'"; "" when none is close. */
static char *closest(const char *name, GPtrArray *items, const char *(*name_of)(void *)) {
  char *key = jx_text_key(name);
  guint limit = (guint)MAX(2, g_utf8_strlen(key, -1) / 2);
  const char *best[3] = {NULL, NULL, NULL};
  guint dist[3] = {G_MAXUINT, G_MAXUINT, G_MAXUINT};
  for (guint i = 0; i < items->len; i++) {
    const char *n = name_of(g_ptr_array_index(items, i));
    char *k = jx_text_key(n);
    guint d = jx_text_distance(key, k, limit);
    /* a name contained in the other is close too */
    if (d > limit && (strstr(k, key) || strstr(key, k)))
      d = limit;
    g_free(k);
    if (d > limit)
      continue;
    for (int s = 0; s < 3; s++) {
      if (d < dist[s]) {
        for (int r = 2; r > s; r--) {
          best[r] = best[r - 1];
          dist[r] = dist[r - 1];
        }
        best[s] = n;
        dist[s] = d;
        break;
      }
    }
  }
  g_free(key);
  GString *out = g_string_new(NULL);
  /* only the closest: a second guess much further off only confuses */
  for (int s = 0; s < 3 && best[s] && dist[s] == dist[0]; s++)
    g_string_append_printf(out, "%s'%s'", s ? ", " : "", best[s]);
  return g_string_free(out, FALSE);
}

static const char *project_name_of(void *p) {
  return ((JxProject *)p)->name;
}

static const char *indicator_name_of(void *p) {
  return ((JxIndicator *)p)->name;
}

/* A project name (its jx_text_key) over all departments: the project of
 * the last department that has it, and how many have it. */
typedef struct {
  JxProject *project;
  guint departments;
} Named;

/* Every project by name over all departments, for actuals without a 部门
 * column: built once, not searched department by department per row. */
static GHashTable *projects_by_name(const JxModel *m) {
  GHashTable *names = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, g_free);
  for (guint i = 0; i < m->departments->len; i++) {
    JxDepartment *d = g_ptr_array_index(m->departments, i);
    for (guint k = 0; k < d->projects->len; k++) {
      JxProject *p = g_ptr_array_index(d->projects, k);
      /* a name twice in one department counts once, as its first */
      if (jx_department_find_project(d, p->name) != p)
        continue;
      char *key = jx_text_key(p->name);
      Named *n = g_hash_table_lookup(names, key);
      if (!n) {
        n = g_new0(Named, 1);
        g_hash_table_insert(names, key, n);
      } else {
        g_free(key);
      }
      n->project = p;
      n->departments++;
    }
  }
  return names;
}

/* Finds the project an actual names, reporting when there is none or more
 * than one. */
static JxProject *resolve_project(JxReader *r, const Pending *x, GHashTable **names) {
  JxProject *found = NULL;
  guint matches = 0;
  if (x->department) {
    JxDepartment *d = g_hash_table_lookup(r->model->by_name, x->department);
    found = d ? jx_department_find_project(d, x->project) : NULL;
    matches = found ? 1 : 0;
  } else {
    if (!*names)
      *names = projects_by_name(r->model);
    char *key = jx_text_key(x->project);
    Named *n = g_hash_table_lookup(*names, key);
    g_free(key);
    if (n) {
      found = n->project;
      matches = n->departments;
    }
  }
  if (matches > 1) {
    jx_diag_add(x->diag, JX_ERROR, x->loc.line, x->project_col,
                "project '%s' is in %u departments; add a 部门 column to say which", x->project,
                matches);
    found = NULL;
  } else if (!found) {
    /* the names it could have meant: its department's, or all */
    GPtrArray *all = g_ptr_array_new();
    for (guint i = 0; i < r->model->departments->len; i++) {
      JxDepartment *d = g_ptr_array_index(r->model->departments, i);
      if (!x->department || strcmp(d->name, x->department) == 0)
        g_ptr_array_extend(all, d->projects, NULL, NULL);
    }
    char *near = closest(x->project, all, project_name_of);
    g_ptr_array_free(all, TRUE);
    if (*near)
      jx_diag_add(x->diag, JX_ERROR, x->loc.line, x->project_col,
                  "unknown project '%s'; did you mean %s?", x->project, near);
    else
      jx_diag_add(x->diag, JX_ERROR, x->loc.line, x->project_col,
                  "unknown project '%s': no table read names it", x->project);
    g_free(near);
  }
  return found;
}

int jx_period_compare(const char *a, const char *b) {
  char ka[16], kb[16];
  g_snprintf(ka, sizeof ka, "%s%s", a, strlen(a) == 4 ? "-13" : "");
  g_snprintf(kb, sizeof kb, "%s%s", b, strlen(b) == 4 ? "-13" : "");
  return strcmp(ka, kb);
}

static gint actual_order(gconstpointer a, gconstpointer b) {
  return jx_period_compare((*(JxActual *const *)a)->period, (*(JxActual *const *)b)->period);
}

static gint execution_order(gconstpointer a, gconstpointer b) {
  return jx_period_compare((*(JxExecution *const *)a)->period, (*(JxExecution *const *)b)->period);
}

/* Sorts every indicator's actuals and every project's execution records by
 * period, whatever order the files came in (the sort is stable). */
static void sort_by_period(JxModel *m) {
  for (guint i = 0; i < m->departments->len; i++) {
    JxDepartment *d = g_ptr_array_index(m->departments, i);
    for (guint j = 0; j < d->projects->len; j++) {
      JxProject *p = g_ptr_array_index(d->projects, j);
      g_ptr_array_sort(p->executions, execution_order);
      for (guint k = 0; k < p->indicators->len; k++) {
        JxIndicator *ind = g_ptr_array_index(p->indicators, k);
        if (ind->actuals)
          g_ptr_array_sort(ind->actuals, actual_order);
      }
    }
  }
}

void jx_reader_finish(JxReader *r) {
  bool have_projects = jx_model_count_projects(r->model) > 0;
  GHashTable *names = NULL;
  for (guint i = 0; i < r->pending->len; i++) {
    Pending *x = g_ptr_array_index(r->pending, i);
    if (!have_projects) {
      if (i == 0 || ((Pending *)g_ptr_array_index(r->pending, i - 1))->diag != x->diag)
        jx_diag_add(x->diag, JX_WARNING, 0, 0,
                    "actuals not matched to any project: no target table was read with them");
      continue;
    }
    JxProject *p = resolve_project(r, x, &names);
    if (!p)
      continue;
    int exec = execution_kind(x->indicator);
    if (exec && !jx_project_find_indicator(p, x->indicator)) {
      if (*x->value && read_execution(p, exec, x->period, x->value, x->loc, x->diag))
        x->info->actuals++;
      continue;
    }
    JxIndicator *ind = jx_project_find_indicator(p, x->indicator);
    if (!ind) {
      char *near = closest(x->indicator, p->indicators, indicator_name_of);
      if (*near)
        jx_diag_add(x->diag, JX_ERROR, x->loc.line, x->indicator_col,
                    "project '%s' has no indicator '%s'; did you mean %s?", p->name, x->indicator,
                    near);
      else
        jx_diag_add(x->diag, JX_ERROR, x->loc.line, x->indicator_col,
                    "project '%s' has no indicator '%s'", p->name, x->indicator);
      g_free(near);
      continue;
    }
    JxActual *dup = NULL;
    for (guint k = 0; k < jx_indicator_actual_count(ind) && !dup; k++) {
      JxActual *a = g_ptr_array_index(ind->actuals, k);
      if (strcmp(a->period, x->period) == 0)
        dup = a;
    }
    if (dup) {
      jx_diag_add(x->diag, JX_ERROR, x->loc.line, x->loc.col,
                  "a second actual of '%s' for %s (the first is at %s:%d)", ind->name, x->period,
                  dup->loc.file, dup->loc.line);
      continue;
    }
    JxActual *a = jx_indicator_add_actual(ind, x->period, x->loc);
    a->value = jx_value_parse(x->value);
    set_string(&a->cause, g_strdup(x->cause));
    set_string(&a->likelihood, g_strdup(x->likelihood));
    x->info->actuals++;
  }
  if (names)
    g_hash_table_destroy(names);
  g_ptr_array_set_size(r->pending, 0);
  sort_by_period(r->model);
}

/* ---- the file ---- */

/* Lists the header names looked for, for the error when none is found. */
static char *looked_for(void) {
  static const Column shown[] = {COL_PROJECT,       COL_INDICATORS, COL_LEVEL1, COL_LEVEL3,
                                 COL_ANNUAL_TARGET, COL_PERIOD,     COL_ACTUAL};
  GString *s = g_string_new(NULL);
  for (size_t i = 0; i < G_N_ELEMENTS(shown); i++) {
    if (i)
      g_string_append(s, ", ");
    for (int k = 0; column_names[shown[i]][k] && k < 3; k++)
      g_string_append_printf(s, "%s%s", k ? "/" : "", column_names[shown[i]][k]);
  }
  return g_string_free(s, FALSE);
}

static bool on_row(const JxRow *row, void *data) {
  Table *t = data;
  if (!t->header_seen) {
    int col[COL_COUNT];
    int found = map_columns(row, col);
    JxTableKind kind = found >= 2 ? kind_of(col) : JX_KIND_UNKNOWN;
    if (kind == JX_KIND_UNKNOWN) {
      read_preamble(t, row, false);
      return true;
    }
    memcpy(t->col, col, sizeof col);
    t->info->kind = kind;
    t->header_seen = true;
    t->header_cells = row->n;
    GString *k = g_string_new(NULL);
    for (guint i = 0; i < row->n; i++) {
      char *hk = header_key(row->cells[i].text);
      g_string_append_printf(k, "%s\t", hk);
      g_free(hk);
    }
    t->header_key = g_string_free(k, FALSE);
    t->header_first = g_strdup(row->cells[0].text);
    return true;
  }

  /* the header again where a page broke (its first cell tells cheaply) */
  if (row->n >= t->header_cells && row->cells[0].len < 128 &&
      strcmp(row->cells[0].text, t->header_first) == 0) {
    GString *k = g_string_new(NULL);
    for (guint i = 0; i < row->n; i++) {
      char *hk = header_key(row->cells[i].text);
      g_string_append_printf(k, "%s\t", hk);
      g_free(hk);
    }
    bool same = g_str_has_prefix(k->str, t->header_key);
    g_string_free(k, TRUE);
    if (same)
      return true;
  }
  /* the preamble again where a page broke, or a new department */
  char *before = t->department ? g_strdup(t->department) : NULL;
  if (read_preamble(t, row, true)) {
    if (t->department && (!before || strcmp(before, t->department) != 0)) {
      settle_bare_row(t, false);
      close_segment(t);
      t->dept = NULL;
      t->last_project = NULL;
    }
    g_free(before);
    return true;
  }
  g_free(before);

  /* cells past the header's would be lost */
  for (guint i = t->header_cells; i < row->n; i++) {
    if (!jx_text_is_blank(row->cells[i].text)) {
      jx_diag_add(t->diag, JX_ERROR, row->cells[i].line, (int)i + 1,
                  "this row has %u cells but the header has %u; the cell '%.40s' has no column",
                  row->n, t->header_cells, row->cells[i].text);
      return true;
    }
  }
  if (row->n < t->header_cells && !t->warned_ragged) {
    guint first;
    if (filled_cells(row, &first) > 1) {
      jx_diag_add(t->diag, JX_WARNING, row->line, (int)row->n,
                  "this row has %u cells but the header has %u; the missing cells are read as "
                  "empty",
                  row->n, t->header_cells);
      t->warned_ragged = true;
    }
  }
  t->data_rows++;
  switch (t->info->kind) {
  case JX_KIND_TARGETS:
    read_target_row(t, row);
    break;
  case JX_KIND_INDICATORS:
    read_indicator_row(t, row);
    break;
  case JX_KIND_ACTUALS:
    read_actual_row(t, row);
    break;
  case JX_KIND_UNKNOWN:
    break;
  }
  return true;
}

/* Counts the header columns recognised in the first lines when split at
 * delim, the way a person would guess the separator: by the header. */
static int header_score(const char *text, size_t len, char delim) {
  int best = 0;
  size_t pos = 0;
  for (int line = 0; line < 64 && pos < len; line++) {
    const char *nl = memchr(text + pos, '\n', len - pos);
    size_t end = nl ? (size_t)(nl - text) : len;
    char *l = g_strndup(text + pos, end - pos);
    char sep[2] = {delim, 0};
    gchar **cells = g_strsplit(l, sep, 64);
    int found = 0;
    bool seen[COL_COUNT] = {false};
    for (int i = 0; cells[i]; i++) {
      char *c = g_strdelimit(g_strdup(cells[i]), "\"\r", ' ');
      char *k = header_key(c);
      int w = 0;
      int col = column_of(k, &w);
      if (col >= 0 && !seen[col]) {
        seen[col] = true;
        found++;
      }
      g_free(k);
      g_free(c);
    }
    g_strfreev(cells);
    g_free(l);
    if (found > best)
      best = found;
    pos = end + 1;
  }
  return best;
}

static char sniff_delimiter(const char *text, size_t len) {
  int tab = header_score(text, len, '\t'), comma = header_score(text, len, ',');
  if (tab != comma)
    return tab > comma ? '\t' : ',';
  size_t head = len < 65536 ? len : 65536;
  return memchr(text, '\t', head) ? '\t' : ',';
}

void jx_reader_read(JxReader *r, const char *name, const char *bytes, size_t len, JxDiag *diag,
                    JxTableInfo *info) {
  memset(info, 0, sizeof *info);
  char *owned = NULL;
  const char *text = NULL;
  size_t text_len = 0;
  if (len == 0) {
    jx_diag_add(diag, JX_ERROR, 0, 0, "the file is empty");
    return;
  }
  if (!jx_csv_decode(bytes, len, r->encoding, diag, &owned, &text, &text_len, &info->encoding))
    return;
  Table t = {0};
  t.reader = r;
  t.model = r->model;
  t.diag = diag;
  t.info = info;
  t.file = jx_model_intern(r->model, name);
  char *base = g_path_get_basename(name);
  char *dot = strrchr(base, '.');
  if (dot && dot != base)
    *dot = '\0';
  t.fallback_department = base;
  t.segment = g_ptr_array_new();
  t.file_projects = g_ptr_array_new();
  t.since_grand = g_ptr_array_new();
  t.departments = g_hash_table_new(NULL, NULL);
  info->delimiter = sniff_delimiter(text, text_len);
  jx_csv_parse(text, text_len, info->delimiter, diag, on_row, &t);
  if (!t.header_seen && diag->errors == 0) {
    char *names = looked_for();
    jx_diag_add(diag, JX_ERROR, 1, 1, "no table header found; looked for a row with the columns %s",
                names);
    g_free(names);
  } else if (t.header_seen && t.data_rows == 0 && diag->errors == 0) {
    jx_diag_add(diag, JX_ERROR, 0, 0, "the table has a header but no rows");
  }
  if (info->kind == JX_KIND_TARGETS) {
    settle_bare_row(&t, false);
    close_segment(&t);
    close_grand_total(&t);
    check_indicators(&t);
  }
  g_free(owned);
  g_free(t.fallback_department);
  g_free(t.header_key);
  g_free(t.header_first);
  g_free(t.title);
  g_free(t.department);
  g_free(t.project);
  g_free(t.last_level1);
  g_free(t.last_level2);
  g_free(t.bare_name);
  g_ptr_array_free(t.segment, TRUE);
  g_ptr_array_free(t.file_projects, TRUE);
  g_ptr_array_free(t.since_grand, TRUE);
  g_hash_table_destroy(t.departments);
}

JxReader *jx_reader_new(JxModel *m, const char *encoding) {
  JxReader *r = g_new0(JxReader, 1);
  r->model = m;
  r->encoding = encoding;
  r->pending = g_ptr_array_new_with_free_func((GDestroyNotify)pending_free);
  return r;
}

void jx_reader_free(JxReader *r) {
  if (!r)
    return;
  g_ptr_array_free(r->pending, TRUE);
  g_free(r);
}

char *jx_period_normalize(const char *text) {
  char *key = jx_text_key(text);
  int year = 0, month = 0, n = 0;
  const char *p = key;
  while (n < 4 && g_ascii_isdigit(*p))
    year = year * 10 + (*p++ - '0'), n++;
  bool ok = n == 4 && year >= 1900 && year <= 2200;
  if (ok && g_str_has_prefix(p, "年"))
    p += strlen("年");
  if (ok && (*p == '-' || *p == '/' || *p == '.'))
    p++;
  int m = 0;
  while (ok && m < 2 && g_ascii_isdigit(*p))
    month = month * 10 + (*p++ - '0'), m++;
  if (ok && m > 0 && g_str_has_prefix(p, "月"))
    p += strlen("月");
  ok = ok && *p == '\0' && (m == 0 || (month >= 1 && month <= 12));
  char *out = !ok ? NULL
              : m ? g_strdup_printf("%04d-%02d", year, month)
                  : g_strdup_printf("%04d", year);
  g_free(key);
  return out;
}
