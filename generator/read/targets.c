/* targets.c - the published target table (项目支出绩效目标表): a project a
 * row, its indicators in one 绩效指标 cell, department and 合计 rows. */
#include "read/sheet.h"

#include "read/indicator.h"
#include "model/text.h"

#include <stdlib.h>
#include <string.h>

/* Ends a department's part of a published table: checks its row's totals. */
void sheet_close_segment(Table *t) {
  if (t->has_dept_row)
    sheet_check_total(t, &t->dept_row, t->dept_row_loc, t->segment, "department row");
  t->has_dept_row = false;
  g_ptr_array_set_size(t->segment, 0);
}

/* ---- published target tables ---- */

/* Checks a 合计 row against the projects since it, and starts afresh: a
 * bundle of departments has a 合计 row for each. */
void sheet_close_grand_total(Table *t) {
  if (t->has_grand)
    sheet_check_total(t, &t->grand, t->grand_loc, t->since_grand, "合计");
  t->has_grand = false;
  g_ptr_array_set_size(t->since_grand, 0);
}

/* Starts a department's part of the table at its own row: its totals, not a
 * project.  A row naming the preamble's department (or a prefix of it, as
 * "…管理局" of "…管理局（本级）") keeps the preamble's fuller name. */
static void department_row(Table *t, const char *name, const JxFunds *funds, JxLoc loc) {
  sheet_close_segment(t);
  char *k = jx_text_key(name), *pre = t->department ? jx_text_key(t->department) : NULL;
  if (!pre || !g_str_has_prefix(pre, k)) {
    sheet_set_string(&t->department, g_strdup(name));
    t->dept = NULL;
  }
  g_free(k);
  g_free(pre);
  sheet_current_department(t, loc);
  t->dept_row = *funds;
  t->has_dept_row = true;
  t->dept_row_loc = loc;
  t->last_project = NULL;
  sheet_check_funds_sum(t, funds, loc, name);
}

/* Adds a project row; goal and indicators are its cells (NULL when blank). */
static void project_row(Table *t, const char *name, const JxFunds *funds, const char *goal,
                        const char *indicators, JxLoc loc, JxLoc ind_loc) {
  JxDepartment *d = sheet_current_department(t, loc);
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
  if (sheet_funds_blank(funds))
    jx_diag_add(t->diag, JX_WARNING, loc.line, loc.col, "project '%s' has no amounts", name);
  sheet_check_funds_sum(t, funds, loc, name);
  if (goal)
    sheet_set_string(&p->goal, jx_text_from_markup(goal));
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
void sheet_settle_bare_row(Table *t, bool projects_follow) {
  if (!t->bare_name)
    return;
  if (projects_follow)
    department_row(t, t->bare_name, &t->bare_funds, t->bare_loc);
  else
    project_row(t, t->bare_name, &t->bare_funds, NULL, NULL, t->bare_loc, t->bare_loc);
  sheet_set_string(&t->bare_name, NULL);
}

/* Warns about a project that ended up with no indicators at all. */
void sheet_check_indicators(Table *t) {
  for (guint i = 0; i < t->file_projects->len; i++) {
    JxProject *p = g_ptr_array_index(t->file_projects, i);
    if (p->indicators->len == 0)
      jx_diag_add(t->diag, JX_WARNING, p->loc.line, p->loc.col, "project '%s' has no 绩效指标",
                  p->name);
  }
}

void sheet_read_target_row(Table *t, const JxRow *row) {
  char *name = sheet_cell_trim(t, row, COL_PROJECT);
  bool goal_blank = sheet_cell_blank(t, row, COL_GOAL);
  bool ind_blank = sheet_cell_blank(t, row, COL_INDICATORS);
  JxFunds funds = {0};
  JxLoc loc = sheet_loc_of(t, row, COL_PROJECT);
  bool amounts_blank = sheet_cell_blank(t, row, COL_TOTAL) &&
                       sheet_cell_blank(t, row, COL_FISCAL) &&
                       sheet_cell_blank(t, row, COL_SPECIAL) && sheet_cell_blank(t, row, COL_OTHER);

  if (!*name && amounts_blank && goal_blank) {
    /* a project's indicators continued from the page before */
    sheet_settle_bare_row(t, false);
    if (!t->last_project)
      jx_diag_add(t->diag, JX_ERROR, loc.line, loc.col,
                  "a row with only 绩效指标 but no project above it to continue");
    else
      t->info->indicators +=
          jx_indicator_read_cell(sheet_cell(t, row, COL_INDICATORS), t->last_project,
                                 sheet_loc_of(t, row, COL_INDICATORS), t->diag);
    g_free(name);
    return;
  }
  if (!*name) {
    jx_diag_add(t->diag, JX_ERROR, loc.line, loc.col, "a row without a 项目名称");
    g_free(name);
    return;
  }
  sheet_read_funds(t, row, &funds);
  char *key = jx_text_key(name);
  bool is_total = strcmp(key, "合计") == 0 || strcmp(key, "总计") == 0;
  g_free(key);
  if (is_total) {
    sheet_settle_bare_row(t, false);
    sheet_close_grand_total(t);
    t->grand = funds;
    t->has_grand = true;
    t->grand_loc = loc;
  } else if (goal_blank && ind_blank) {
    sheet_settle_bare_row(t, false);
    if (t->segment->len == 0 && !t->has_dept_row) {
      department_row(t, name, &funds, loc);
    } else {
      t->bare_name = g_strdup(name);
      t->bare_funds = funds;
      t->bare_loc = loc;
    }
  } else {
    sheet_settle_bare_row(t, true);
    project_row(t, name, &funds, goal_blank ? NULL : sheet_cell(t, row, COL_GOAL),
                ind_blank ? NULL : sheet_cell(t, row, COL_INDICATORS), loc,
                sheet_loc_of(t, row, COL_INDICATORS));
  }
  g_free(name);
}
