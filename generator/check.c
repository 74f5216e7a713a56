/* check.c - what `jixiao check` prints. */
#include "check.h"

#include "read/table.h"

#include <math.h>
#include <stdio.h>
#include <string.h>
#include <sysexits.h>

/* Counts in *errors and *warnings the problems of d that are in the file
 * at path or one of its sheets or tables ("book.xlsx:Sheet1!"). */
static void count_in(const JxDiag *d, const char *path, guint *errors, guint *warnings) {
  size_t n = strlen(path);
  guint shown_e = 0, shown_w = 0;
  for (guint i = 0; i < d->list->len; i++) {
    const JxDiagnostic *x = g_ptr_array_index(d->list, i);
    if (x->severity == JX_ERROR)
      shown_e++;
    else
      shown_w++;
    const char *file = x->file ? x->file : d->file;
    if (strncmp(file, path, n) != 0 || (file[n] != '\0' && file[n] != ':'))
      continue;
    *errors += x->severity == JX_ERROR;
    *warnings += x->severity == JX_WARNING;
  }
  /* those counted but not kept are placed in d's own file */
  if (strcmp(d->file, path) == 0) {
    *errors += d->errors - shown_e;
    *warnings += d->warnings - shown_w;
  }
}

/* One file's line of check; its counts include the assessment's problems
 * placed in it (assessed, one JxDiag a department). */
static void print_summary(const JxInput *f, const GPtrArray *assessed) {
  const JxTableInfo *i = &f->info;
  printf("%s: ", f->path);
  if (i->parts) {
    /* a workbook: what each of its visible sheets held */
    guint sheets = 1;
    for (const char *c = i->parts->str; (c = strstr(c, "; ")); c += 2)
      sheets++;
    bool document = strcmp(i->encoding, "docx") == 0;
    printf("%s (%s), %u %s%s (%s), %u actual%s", document ? "document" : "workbook", i->encoding,
           sheets, document ? "table" : "sheet", sheets == 1 ? "" : "s", i->parts->str, i->actuals,
           i->actuals == 1 ? "" : "s");
    if (i->hidden)
      printf(", %u hidden sheet%s skipped", i->hidden, i->hidden == 1 ? "" : "s");
  } else if (i->kind == JX_KIND_UNKNOWN) {
    printf("not read");
  } else {
    printf("%s (%s, %s)", jx_table_kind_name(i->kind), i->encoding,
           i->delimiter == '\t' ? "tab" : "comma");
    if (i->department)
      printf(", %s", i->department);
    if (i->departments > 1)
      printf(" and %u more department%s", i->departments - 1, i->departments == 2 ? "" : "s");
    if (i->kind != JX_KIND_ACTUALS)
      printf(", %u project%s, %u indicator%s", i->projects, i->projects == 1 ? "" : "s",
             i->indicators, i->indicators == 1 ? "" : "s");
    if (i->kind != JX_KIND_TARGETS)
      printf(", %u actual%s", i->actuals, i->actuals == 1 ? "" : "s");
  }
  guint errors = f->diag->errors, warnings = f->diag->warnings;
  for (guint d = 0; assessed && d < assessed->len; d++)
    count_in(g_ptr_array_index(assessed, d), f->path, &errors, &warnings);
  printf(": %u error%s, %u warning%s\n", errors, errors == 1 ? "" : "s", warnings,
         warnings == 1 ? "" : "s");
}

/* One project's line of check: its period, score and grade; a score out of
 * other than 100 says so, with the 100-point figure it is graded by. */
static void print_score(const JxDepartment *dept, const JxProjectResult *r) {
  printf("%s / %s: ", dept->name, r->project->whole ? "部门整体" : r->project->name);
  if (*r->period)
    printf("%s ", r->period);
  if (fabs(r->out_of - 100) > 0.005)
    printf("score %.2f of %g (%.2f of 100), %s\n", r->total, r->out_of, r->percent, r->grade);
  else
    printf("score %.2f, %s\n", r->total, r->grade);
}

/* Assesses each department with projects: its results into results and
 * its problems into diags (one JxDiag each, printed); EX_DATAERR when they
 * include an error. */
static int assess_all(const JxModel *m, const char *period, const JxAssessConfig *c,
                      GPtrArray *results, GPtrArray *diags) {
  guint errors = 0;
  for (guint d = 0; d < m->departments->len; d++) {
    const JxDepartment *dept = g_ptr_array_index(m->departments, d);
    if (dept->projects->len == 0)
      continue;
    JxDiag *diag = jx_diag_new(((JxProject *)g_ptr_array_index(dept->projects, 0))->loc.file);
    g_ptr_array_add(results, jx_assess_department(dept, period, c, diag));
    jx_diag_print(diag, stderr);
    errors += diag->errors;
    g_ptr_array_add(diags, diag);
  }
  return errors ? EX_DATAERR : EX_OK;
}

/* Prints each project's score and grade where actuals are present. */
static void print_scores(const GPtrArray *results) {
  for (guint d = 0; d < results->len; d++) {
    const JxDepartmentResult *dr = g_ptr_array_index(results, d);
    const JxDepartment *dept = dr->department;
    if (dr->whole)
      print_score(dept, dr->whole);
    for (guint i = 0; i < dr->projects->len; i++)
      print_score(dept, g_ptr_array_index(dr->projects, i));
    if (dr->projects->len > 1)
      printf("%s: score %.2f, %s (%u projects, weighted by funds)\n", dept->name, dr->total,
             dr->grade, dr->projects->len);
  }
}

int jx_check_print(const JxInputs *in, const char *period, const JxAssessConfig *c) {
  for (guint i = 0; i < in->files->len; i++)
    jx_diag_print(((JxInput *)g_ptr_array_index(in->files, i))->diag, stderr);
  /* a table read with errors is not assessed: its scores would be wrong */
  GPtrArray *results = g_ptr_array_new_with_free_func((GDestroyNotify)jx_department_result_free);
  GPtrArray *diags = g_ptr_array_new_with_free_func((GDestroyNotify)jx_diag_free);
  int rc = jx_inputs_errors(in) ? EX_DATAERR : assess_all(in->model, period, c, results, diags);
  for (guint i = 0; i < in->files->len; i++)
    print_summary(g_ptr_array_index(in->files, i), diags);
  print_scores(results);
  g_ptr_array_free(results, TRUE);
  g_ptr_array_free(diags, TRUE);
  return rc;
}
