/* rows.c - one indicator a row (一级指标, 二级指标, 三级指标, 指标值 …),
 * with actuals in the same rows when it is a self-evaluation export. */
#include "read/sheet.h"

#include "read/indicator.h"
#include "model/text.h"

#include <stdlib.h>
#include <string.h>

/* ---- one indicator a row ---- */

/* The project of a row: its 项目名称 cell, else the one above it (a flat
 * sheet writes it on a project's first row only), else the preamble's; a
 * table of a department's own indicators (部门名称 and no project) is the
 * department-whole part. */
static JxProject *row_project(Table *t, const JxRow *row, JxLoc loc) {
  char *name = sheet_cell_trim(t, row, COL_PROJECT);
  bool whole = false;
  if (*name)
    sheet_set_string(&t->last_project_name, g_strdup(name));
  else if (t->col[COL_PROJECT] >= 0 && t->last_project_name)
    sheet_set_string(&name, g_strdup(t->last_project_name));
  if (!*name && t->project)
    sheet_set_string(&name, g_strdup(t->project));
  if (!*name && t->col[COL_PROJECT] < 0 &&
      (t->department || (t->title && strstr(t->title, "部门整体")))) {
    sheet_set_string(&name, g_strdup("部门整体支出"));
    whole = true;
  }
  if (!*name) {
    jx_diag_add(t->diag, JX_ERROR, loc.line, loc.col,
                "no project: the table has no 项目名称 column and no '项目名称：' line above it");
    g_free(name);
    return NULL;
  }
  char *dept = sheet_cell_trim(t, row, COL_DEPARTMENT);
  if (*dept && (!t->dept || strcmp(t->dept->name, dept) != 0))
    sheet_use_department(t, jx_model_department(t->model, dept, loc));
  g_free(dept);
  JxDepartment *d = sheet_current_department(t, loc);
  JxProject *p = jx_department_find_project(d, name);
  if (!p) {
    p = jx_project_add(d, name, loc);
    p->whole = whole;
    t->info->projects++;
    g_ptr_array_add(t->segment, p);
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

/* Reads a target cell with the comparator and unit columns applied. */
static JxValue *read_target(Table *t, const JxRow *row, Column c, bool columns) {
  if (sheet_cell_blank(t, row, c))
    return NULL;
  char *text = sheet_cell_trim(t, row, c);
  JxValue *v = jx_value_parse(text);
  g_free(text);
  if (columns && !jx_value_apply_columns(v, sheet_cell(t, row, COL_COMPARATOR),
                                         sheet_cell(t, row, COL_UNIT))) {
    JxLoc loc = sheet_loc_of(t, row, c);
    jx_diag_add(t->diag, JX_WARNING, loc.line, loc.col,
                "the value '%s' does not agree with its 指标性质 '%s' or 度量单位 '%s'; the value "
                "is read as written",
                v->raw, sheet_cell(t, row, COL_COMPARATOR), sheet_cell(t, row, COL_UNIT));
  }
  return v;
}

/* Adds the actual of a row (if it has one) to ind. */
static void read_row_actual(Table *t, const JxRow *row, JxIndicator *ind, const char *period) {
  if (sheet_cell_blank(t, row, COL_ACTUAL) && sheet_cell_blank(t, row, COL_SCORE) &&
      sheet_cell_blank(t, row, COL_CAUSE) && sheet_cell_blank(t, row, COL_LIKELIHOOD))
    return;
  JxActual *a = jx_indicator_add_actual(ind, period, sheet_loc_of(t, row, COL_ACTUAL));
  char *text = sheet_cell_trim(t, row, COL_ACTUAL);
  a->value = jx_value_parse(text);
  g_free(text);
  /* a 度量单位 column is the unit of the 完成值 beside it too (124 | 公里) */
  if (a->value->cmp != JX_CMP_NONE && !*a->value->unit && !a->value->parts &&
      !sheet_cell_blank(t, row, COL_UNIT))
    jx_value_apply_columns(a->value, "", sheet_cell(t, row, COL_UNIT));
  sheet_set_string(&a->score, sheet_cell_trim(t, row, COL_SCORE));
  sheet_set_string(&a->cause, sheet_cell_trim(t, row, COL_CAUSE));
  sheet_set_string(&a->likelihood, sheet_cell_trim(t, row, COL_LIKELIHOOD));
  sheet_set_string(&a->expected, sheet_cell_trim(t, row, COL_EXPECTED));
  t->info->actuals++;
}

/* Whether the cells of a text row other than 实际完成值 are blank. */
static bool data_blank_but_actual(const Table *t, const JxRow *row) {
  return sheet_cell_blank(t, row, COL_ANNUAL_TARGET) &&
         sheet_cell_blank(t, row, COL_PERIOD_TARGET) && sheet_cell_blank(t, row, COL_WEIGHT) &&
         sheet_cell_blank(t, row, COL_PERIOD);
}

/* What a row says of its project besides indicators, where the table has
 * it (jixiao's own dump does): funds, goal and what came of it, codes,
 * 实施单位, whether it is the department's own part. */
static void read_project_cells(Table *t, const JxRow *row, JxProject *p, JxLoc loc) {
  JxFunds funds = {0};
  static const Column money[] = {COL_TOTAL,   COL_FISCAL,    COL_SPECIAL, COL_OTHER,
                                 COL_INITIAL, COL_CARRYOVER, COL_OWN};
  bool any = false;
  for (size_t i = 0; i < G_N_ELEMENTS(money); i++)
    any |= !sheet_cell_blank(t, row, money[i]);
  if (any && sheet_read_funds(t, row, &funds)) {
    p->funds = funds;
    sheet_check_funds_sum(t, &funds, loc, p->name);
  }
  if (!sheet_cell_blank(t, row, COL_GOAL))
    sheet_set_string(&p->goal, jx_text_from_markup(sheet_cell(t, row, COL_GOAL)));
  if (!sheet_cell_blank(t, row, COL_ACHIEVED))
    sheet_set_string(&p->achieved, jx_text_from_markup(sheet_cell(t, row, COL_ACHIEVED)));
  if (!sheet_cell_blank(t, row, COL_CODE))
    sheet_set_string(&p->code, sheet_cell_trim(t, row, COL_CODE));
  if (!sheet_cell_blank(t, row, COL_UNIT_NAME))
    sheet_set_string(&p->unit, sheet_cell_trim(t, row, COL_UNIT_NAME));
  if (!sheet_cell_blank(t, row, COL_DEPT_CODE) && !*p->department->code)
    sheet_set_string(&p->department->code, sheet_cell_trim(t, row, COL_DEPT_CODE));
  if (!sheet_cell_blank(t, row, COL_WHOLE)) {
    char *w = sheet_cell_trim(t, row, COL_WHOLE);
    p->whole = strcmp(w, "是") == 0;
    g_free(w);
  }
}

/* The 分值, 得分 and 全年预计 of a budget-execution row. */
static void read_execution_extras(Table *t, const JxRow *row, JxProject *p, const char *period) {
  bool weight = !sheet_cell_blank(t, row, COL_WEIGHT), score = !sheet_cell_blank(t, row, COL_SCORE),
       expected = !sheet_cell_blank(t, row, COL_EXPECTED);
  if (!weight && !score && !expected)
    return;
  JxExecution *e = jx_project_execution(p, period, sheet_loc_of(t, row, COL_ACTUAL));
  if (weight) {
    char *text = sheet_cell_trim(t, row, COL_WEIGHT);
    e->has_weight = jx_decimal_parse(text, &e->weight) && e->weight.units >= 0;
    if (!e->has_weight) {
      JxLoc wl = sheet_loc_of(t, row, COL_WEIGHT);
      jx_diag_add(t->diag, JX_ERROR, wl.line, wl.col, "分值 '%s' is not a number", text);
    }
    g_free(text);
  }
  if (score)
    sheet_set_string(&e->score, sheet_cell_trim(t, row, COL_SCORE));
  if (expected) {
    bool has;
    sheet_read_amount(t, row, COL_EXPECTED, &e->expected, &has);
    e->has_expected = has;
  }
}

void sheet_read_indicator_row(Table *t, const JxRow *row) {
  char *l1 = sheet_cell_trim(t, row, COL_LEVEL1), *l2 = sheet_cell_trim(t, row, COL_LEVEL2);
  char *name = sheet_cell_trim(t, row, COL_LEVEL3);
  JxLoc loc = sheet_loc_of(t, row, COL_LEVEL3);
  char *first = jx_text_trim(jx_row_cell(row, 0));
  bool total = sheet_is_total_label(l1) || sheet_is_total_label(name) ||
               (!*name && sheet_is_total_label(first));
  char *period = NULL;
  JxProject *p = NULL;
  if (total) {
    /* a total row of the weights, not an indicator: checked against them */
    JxDecimal w, sc;
    char *wt = sheet_cell_trim(t, row, COL_WEIGHT), *st = sheet_cell_trim(t, row, COL_SCORE);
    bool has_w = *wt && jx_decimal_parse(wt, &w), has_s = *st && jx_decimal_parse(st, &sc);
    g_free(wt);
    g_free(st);
    if (t->info->kind == JX_KIND_INDICATORS)
      sheet_check_totals(t, t->last_indicator_project, has_w ? &w : NULL, has_s ? &sc : NULL, 0, 0,
                         sheet_loc_of(t, row, has_w ? COL_WEIGHT : COL_SCORE));
    goto done;
  }
  if (!*name) {
    bool rest_blank = sheet_cell_blank(t, row, COL_ANNUAL_TARGET) &&
                      sheet_cell_blank(t, row, COL_PERIOD_TARGET) &&
                      sheet_cell_blank(t, row, COL_ACTUAL);
    JxFunds own = {0};
    if (!*l1 && !*l2 && rest_blank && sheet_cell_blank(t, row, COL_PROJECT) &&
        !sheet_cell_blank(t, row, COL_DEPARTMENT) && !sheet_cell_blank(t, row, COL_TOTAL) &&
        !t->has_dept_row && sheet_read_funds(t, row, &own)) {
      /* a flat sheet's department row: its total above its projects */
      char *dept = sheet_cell_trim(t, row, COL_DEPARTMENT);
      sheet_use_department(t, jx_model_department(t->model, dept, loc));
      g_free(dept);
      sheet_close_segment(t);
      t->dept_row = own;
      t->has_dept_row = true;
      t->dept_row_loc = sheet_loc_of(t, row, COL_TOTAL);
    } else if (!*l1 && !*l2 && rest_blank && !sheet_cell_blank(t, row, COL_PROJECT)) {
      /* a project's row with neither indicators nor execution */
      p = row_project(t, row, loc);
      if (p)
        read_project_cells(t, row, p, loc);
    } else if ((*l1 || *l2) && rest_blank) {
      /* a row that only names a category (merged cells) */
      if (*l1)
        sheet_set_string(&t->last_level1, g_strdup(l1));
      sheet_set_string(&t->last_level2, *l2 ? g_strdup(l2) : NULL);
    } else {
      jx_diag_add(t->diag, JX_ERROR, loc.line, loc.col,
                  "a row without an indicator name (三级指标)");
    }
    goto done;
  }
  p = row_project(t, row, loc);
  /* the index wants the names alone: the rest of the row is most of the
   * reading */
  if (!p || t->reader->names_only)
    goto done;
  period = sheet_row_period(t, row);
  if (!period)
    goto done;

  read_project_cells(t, row, p, loc);

  int exec = sheet_execution_kind(name);
  if (exec && !*l1) {
    if (!sheet_cell_blank(t, row, COL_ACTUAL) &&
        sheet_read_execution(p, exec, period, sheet_cell(t, row, COL_ACTUAL),
                             sheet_loc_of(t, row, COL_ACTUAL), t->diag))
      t->info->actuals++;
    read_execution_extras(t, row, p, period);
    goto done;
  }
  /* a text of the project's (评价结论 …), as the dump writes them */
  /* (the dump numbers every indicator: a row of its without a 序号 is a text) */
  char *trailer = NULL;
  if (!*l1 && !*l2 && sheet_cell_blank(t, row, COL_SEQ))
    trailer = t->col[COL_SEQ] >= 0 ? g_strdup(name) : sheet_trailer_label(name);
  if (trailer && data_blank_but_actual(t, row)) {
    char *text = sheet_cell_trim(t, row, COL_ACTUAL);
    if (*text)
      jx_project_add_text(p, trailer, text, sheet_loc_of(t, row, COL_ACTUAL));
    g_free(text);
    g_free(trailer);
    goto done;
  }
  g_free(trailer);

  /* the same indicator again with another period adds an actual */
  char *seq_text = sheet_cell_trim(t, row, COL_SEQ);
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
      sheet_set_string(&t->last_level2, NULL);
    sheet_set_string(&t->last_level1, g_strdup(l1));
  } else if (!t->last_level1) {
    jx_diag_add(t->diag, JX_WARNING, loc.line, sheet_loc_of(t, row, COL_LEVEL1).col,
                "indicator '%s' has no 一级指标", name);
  }
  if (*l2)
    sheet_set_string(&t->last_level2, g_strdup(l2));

  JxIndicator *ind = jx_project_add_indicator(p, loc);
  if (*seq_text) {
    char *end = NULL;
    long n = strtol(seq_text, &end, 10);
    if (end && *end == '\0' && n > 0 && n < 1000000)
      ind->seq = (int)n;
    else
      jx_diag_add(t->diag, JX_WARNING, loc.line, sheet_loc_of(t, row, COL_SEQ).col,
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
    /* a scoring sheet (指标分值 | 评分标准 | 自评得分) has no target column:
     * its indicators are scored as the sheet scores them */
    if (t->col[COL_ANNUAL_TARGET] >= 0 || t->col[COL_PERIOD_TARGET] >= 0 || t->col[COL_SCORE] < 0)
      jx_diag_add(t->diag, JX_WARNING, loc.line, loc.col, "indicator '%s' has no target value",
                  name);
  if (!sheet_cell_blank(t, row, COL_WEIGHT)) {
    char *text = sheet_cell_trim(t, row, COL_WEIGHT);
    if (g_str_has_suffix(text, "分"))
      text[strlen(text) - strlen("分")] = '\0';
    if (jx_decimal_parse(text, &ind->weight) && ind->weight.units >= 0)
      ind->has_weight = true;
    else {
      JxLoc wl = sheet_loc_of(t, row, COL_WEIGHT);
      jx_diag_add(t->diag, JX_ERROR, wl.line, wl.col, "分值 '%s' is not a number", text);
    }
    g_free(text);
  }
  char *remark = sheet_cell_trim(t, row, COL_REMARK);
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
