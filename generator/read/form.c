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
#include "read/form.h"

#include "model/text.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

/* ---- cells ---- */

/* ---- what a row is ---- */

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

/* ---- blocks ---- */

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
  int month = form_month_span(k);
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
    char *k = form_key_at(row, i);
    if (strcmp(k, "绩效指标") == 0) {
      JxDecimal pts;
      if (form_label_points(jx_row_cell(row, i), &pts)) {
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
    char *k = form_key_at(row, i);
    int w;
    if (*k) {
      filled++;
      known += sheet_column_of(k, &w) >= 0 || form_month_span(k) || g_str_has_prefix(k, "全年预计");
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
  form_read_decimal(t, row, t->col[COL_WEIGHT], &f->total_weight, &f->has_total_weight, "分值");
  form_read_decimal(t, row, t->col[COL_SCORE], &f->total_score, &f->has_total_score, "得分");
  f->total_loc = form_loc_at(t, row, 0);
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
      char *closed = form_close_up(cells[i].text);
      cells[i].text = closed;
      cells[i].len = strlen(closed);
      g_ptr_array_add(owned, closed);
    }
  }
  int ni = t->col[COL_LEVEL3];
  bool placeholder = false;
  if (ni >= 0 && (guint)ni < row->n) {
    char *name = jx_text_trim(cells[ni].text);
    placeholder = *name && form_is_placeholder(name);
    char *fixed_name = placeholder ? g_strdup("") : form_strip_numbering(name);
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
  double exec_w = f->has_weight   ? jx_decimal_to_double(f->weight)
                  : f->has_points ? jx_decimal_to_double(f->points)
                                  : 0;
  JxDecimal es;
  double exec_s = *f->score && jx_decimal_parse(f->score, &es) ? jx_decimal_to_double(es) : 0;
  sheet_check_totals(t, p, f->has_total_weight ? &f->total_weight : NULL,
                     f->has_total_score ? &f->total_score : NULL, exec_w, exec_s, f->total_loc);
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

/* A title line: a new form when it names one and this one has begun; its
 * year is the form's. */
static void read_title(Table *t, const JxRow *row, guint first) {
  char *text = form_at(row, first);
  if (form_names_form(text) && t->form->content)
    form_next(t);
  struct SheetForm *f = t->form;
  char *year = form_title_year(text);
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
  char *first = form_at(row, 0), *value = NULL;
  PairKind kind = *first ? form_pair_label(first, &value) : PAIR_NONE;
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
  char *cell = form_at(row, 0), *value = NULL;
  PairKind kind = form_pair_label(cell, &value);
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
  char *cell = form_at(row, first);
  char *label = sheet_trailer_label(cell);
  g_free(cell);
  if (!label)
    return false;
  GString *text = g_string_new(NULL);
  JxLoc loc = form_loc_at(t, row, first + 1);
  bool located = false;
  for (guint i = first + 1; i < row->n; i++) {
    char *c = form_at(row, i);
    if (*c && !sheet_is_prompt(c) && strcmp(c, "/") != 0) {
      if (!located)
        loc = form_loc_at(t, row, i), located = true;
      if (text->len)
        g_string_append_c(text, '\n');
      g_string_append(text, c);
    }
    g_free(c);
  }
  if (text->len)
    form_add_text(t->form, label, text->str, loc);
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
      f->year = form_title_year(t->titles->str);
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
  char *first_text = form_at(row, first);
  char *k0 = form_label_key(first_text);
  bool handled = true;

  bool in_block = f->stage == STAGE_HEAD || f->stage == STAGE_INDICATORS;
  if (form_is_footnote(first_text)) {
    f->stage = STAGE_AFTER;
  } else if (f->stage == STAGE_HEAD && read_header_parts(t, row)) {
    f->stage = STAGE_INDICATORS;
  } else if (in_block && sheet_is_total_label(k0)) {
    read_totals(t, row);
  } else if (first == 0 && form_is_title(row, &first)) {
    read_title(t, row, first);
  } else if (form_is_signature(row) && first_pair(row) == PAIR_NONE) {
    f->stage = STAGE_AFTER;
  } else if (first == 0 && first_pair(row) != PAIR_NONE) {
    if (starts_another(t, row))
      form_next(t);
    form_read_pairs(t, row);
    t->form->stage = STAGE_TOP;
  } else if (first == 0 && form_is_funds_label(k0)) {
    form_read_funds_header(t, row);
  } else if (f->stage == STAGE_FUNDS && first >= 1 && form_read_funds_row(t, row)) {
    /* read */
  } else if (first == 0 && form_is_goal_label(k0) && !form_is_indicator_header(row)) {
    form_read_goal_header(t, row);
  } else if (f->stage == STAGE_GOAL && form_read_goal_row(t, row)) {
    /* read */
  } else if (form_is_indicator_header(row)) {
    if (f->indicator_header_seen && t->form->stage == STAGE_AFTER)
      form_next(t); /* a second form with no title or pairs of its own */
    read_indicator_header(t, row);
  } else if (first == 0 && form_is_trailer(first_text)) {
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
    JxLoc loc = form_loc_at(t, row, first);
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
  char *cell = form_at(row, 0);
  char *k = form_label_key(cell);
  char *value = NULL;
  PairKind kind = form_pair_label(cell, &value);
  bool yes = false;
  if (kind == PAIR_SUPERVISOR || kind == PAIR_UNIT || kind == PAIR_CODE)
    yes = true;
  else if ((kind == PAIR_PROJECT || kind == PAIR_DEPARTMENT) && !value) {
    /* 项目名称 | X | 主管部门 | Y: pairs on a line */
    int pairs = 0;
    for (guint i = 0; i < row->n; i++) {
      char *c = form_at(row, i), *v = NULL;
      pairs += *c && form_pair_label(c, &v) != PAIR_NONE;
      g_free(v);
      g_free(c);
    }
    yes = pairs >= 2;
  } else if (form_is_funds_label(k)) {
    /* the funds block's header names its columns */
    int cols = 0;
    for (guint i = 1; i < row->n; i++) {
      char *ck = form_key_at(row, i);
      int m;
      cols += *ck && form_funds_column(ck, &m) >= 0;
      g_free(ck);
    }
    yes = cols >= 2;
  } else if (strcmp(k, "绩效指标") == 0 && form_is_indicator_header(row)) {
    yes = true;
  } else if (form_is_goal_label(k) && !form_is_indicator_header(row)) {
    int w;
    int known = 0;
    for (guint i = 0; i < row->n; i++) {
      char *ck = form_key_at(row, i);
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
