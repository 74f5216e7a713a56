/* actuals.c - actuals tables, resolved against the projects of every
 * table read once all are read. */
#include "read/sheet.h"

#include "read/index.h"
#include "read/indicator.h"
#include "model/text.h"

#include <stdlib.h>
#include <string.h>

/* ---- actuals ---- */

void sheet_pending_free(Pending *x) {
  g_free(x->department);
  g_free(x->project);
  g_free(x->indicator);
  g_free(x->period);
  g_free(x->value);
  g_free(x->cause);
  g_free(x->likelihood);
  g_free(x);
}

/* Whether an actual is of a department the reader does not keep: one the
 * index knows (by name, or as the one that has the project) and keep says
 * no to.  Others are kept, to be resolved or reported. */
static bool passed_over(const JxReader *r, const char *department, const char *project) {
  if (!r->keep || !r->index)
    return false;
  if (department)
    return jx_index_has_department(r->index, department) && !r->keep(department, r->keep_data);
  const char *sole = NULL;
  return jx_index_project_departments(r->index, project, &sole) == 1 &&
         !r->keep(sole, r->keep_data);
}

void sheet_read_actual_row(Table *t, const JxRow *row) {
  JxLoc loc = sheet_loc_of(t, row, COL_LEVEL3);
  char *name = sheet_cell_trim(t, row, COL_LEVEL3);
  char *project = sheet_cell_trim(t, row, COL_PROJECT);
  if (!*project && t->project)
    sheet_set_string(&project, g_strdup(t->project));
  char *period = sheet_row_period(t, row);
  if (!*name)
    jx_diag_add(t->diag, JX_ERROR, loc.line, loc.col, "a row without an indicator name (三级指标)");
  else if (!*project)
    jx_diag_add(t->diag, JX_ERROR, loc.line, sheet_loc_of(t, row, COL_PROJECT).col,
                "no project: the table has no 项目名称 column and no '项目名称：' line above it");
  else if (period && !*period)
    jx_diag_add(t->diag, JX_ERROR, loc.line, sheet_loc_of(t, row, COL_PERIOD).col,
                "no period: actuals need a 期间 (2024 for the year, 2024-06 for a month)");
  if (!*name || !*project || !period || !*period) {
    g_free(name);
    g_free(project);
    g_free(period);
    return;
  }
  Pending *x = g_new0(Pending, 1);
  char *dept = sheet_cell_trim(t, row, COL_DEPARTMENT);
  x->department = *dept ? dept : (g_free(dept), t->department ? g_strdup(t->department) : NULL);
  if (passed_over(t->reader, x->department, project)) {
    g_free(name);
    g_free(period);
    x->project = project;
    sheet_pending_free(x);
    return;
  }
  x->project = project;
  x->indicator = name;
  x->period = period;
  x->value = sheet_cell_trim(t, row, COL_ACTUAL);
  x->cause = sheet_cell_trim(t, row, COL_CAUSE);
  x->likelihood = sheet_cell_trim(t, row, COL_LIKELIHOOD);
  x->loc = sheet_loc_of(t, row, COL_ACTUAL);
  x->project_col = sheet_loc_of(t, row, COL_PROJECT).col;
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

static const char *name_of(void *p) {
  return p;
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
    /* the departments of other files count too: it is in one of them */
    if (r->index)
      matches = MAX(matches, jx_index_project_departments(r->index, x->project, NULL));
  }
  if (matches > 1) {
    jx_diag_add(x->diag, JX_ERROR, x->loc.line, x->project_col,
                "project '%s' is in %u departments; add a 部门 column to say which", x->project,
                matches);
    found = NULL;
  } else if (!found) {
    /* the names it could have meant: its department's, or all */
    GPtrArray *all = g_ptr_array_new();
    /* every file's, not only those read with it, where the index has them */
    if (!r->index || !jx_index_project_names(r->index, x->department, all)) {
      for (guint i = 0; i < r->model->departments->len; i++) {
        JxDepartment *d = g_ptr_array_index(r->model->departments, i);
        if (!x->department || strcmp(d->name, x->department) == 0)
          for (guint k = 0; k < d->projects->len; k++)
            g_ptr_array_add(all, ((JxProject *)g_ptr_array_index(d->projects, k))->name);
      }
    }
    char *near = closest(x->project, all, name_of);
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
  bool have_projects =
      r->index ? jx_index_has_projects(r->index) : jx_model_count_projects(r->model) > 0;
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
    int exec = sheet_execution_kind(x->indicator);
    if (exec && !jx_project_find_indicator(p, x->indicator)) {
      if (*x->value && sheet_read_execution(p, exec, x->period, x->value, x->loc, x->diag))
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
    sheet_set_string(&a->cause, g_strdup(x->cause));
    sheet_set_string(&a->likelihood, g_strdup(x->likelihood));
    x->info->actuals++;
  }
  if (names)
    g_hash_table_destroy(names);
  g_ptr_array_set_size(r->pending, 0);
  sort_by_period(r->model);
}
