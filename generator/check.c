/* check.c - what `jixiao check` prints. */
#include "check.h"

#include "read/index.h"
#include "read/table.h"

#include <errno.h>
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
 * placed in it (extra[0] errors, extra[1] warnings). */
static void print_summary(FILE *out, const JxInput *f, const guint extra[2]) {
  const JxTableInfo *i = &f->info;
  fprintf(out, "%s: ", f->path);
  if (i->parts) {
    /* a workbook: what each of its visible sheets held */
    guint sheets = 1;
    for (const char *c = i->parts->str; (c = strstr(c, "; ")); c += 2)
      sheets++;
    bool document = strcmp(i->encoding, "docx") == 0;
    fprintf(out, "%s (%s), %u %s%s (%s), %u actual%s", document ? "document" : "workbook",
            i->encoding, sheets, document ? "table" : "sheet", sheets == 1 ? "" : "s",
            i->parts->str, i->actuals, i->actuals == 1 ? "" : "s");
    if (i->hidden)
      fprintf(out, ", %u hidden sheet%s skipped", i->hidden, i->hidden == 1 ? "" : "s");
  } else if (i->kind == JX_KIND_UNKNOWN) {
    fprintf(out, "not read");
  } else {
    fprintf(out, "%s (%s, %s)", jx_table_kind_name(i->kind), i->encoding,
            i->delimiter == '\t' ? "tab" : "comma");
    if (i->department)
      fprintf(out, ", %s", i->department);
    if (i->departments > 1)
      fprintf(out, " and %u more department%s", i->departments - 1, i->departments == 2 ? "" : "s");
    if (i->kind != JX_KIND_ACTUALS)
      fprintf(out, ", %u project%s, %u indicator%s", i->projects, i->projects == 1 ? "" : "s",
              i->indicators, i->indicators == 1 ? "" : "s");
    if (i->kind != JX_KIND_TARGETS)
      fprintf(out, ", %u actual%s", i->actuals, i->actuals == 1 ? "" : "s");
  }
  guint errors = f->diag->errors + extra[0], warnings = f->diag->warnings + extra[1];
  fprintf(out, ": %u error%s, %u warning%s\n", errors, errors == 1 ? "" : "s", warnings,
          warnings == 1 ? "" : "s");
}

/* One project's line of check: its period, score and grade; a score out of
 * other than 100 says so, with the 100-point figure it is graded by. */
static void print_score(FILE *out, const JxDepartment *dept, const JxProjectResult *r) {
  fprintf(out, "%s / %s: ", dept->name, r->project->whole ? "部门整体" : r->project->name);
  if (*r->period)
    fprintf(out, "%s ", r->period);
  if (fabs(r->out_of - 100) > 0.005)
    fprintf(out, "score %.2f of %g (%.2f of 100), %s\n", r->total, r->out_of, r->percent, r->grade);
  else
    fprintf(out, "score %.2f, %s\n", r->total, r->grade);
}

/* Prints a department's scores and grades where actuals are present. */
static void print_scores(FILE *out, const JxDepartmentResult *dr) {
  const JxDepartment *dept = dr->department;
  if (dr->whole)
    print_score(out, dept, dr->whole);
  for (guint i = 0; i < dr->projects->len; i++)
    print_score(out, dept, g_ptr_array_index(dr->projects, i));
  if (dr->projects->len > 1)
    fprintf(out, "%s: score %.2f, %s (%u projects, weighted by funds)\n", dept->name, dr->total,
            dr->grade, dr->projects->len);
}

/* Where a file's output waits in the spill: its problems (for standard
 * error), and its line with and without the assessment's counts. */
typedef struct {
  long at[3], len[3];
} Spot;

/* What check has found so far, held in temporary files until it is known
 * that no table was read with errors: each file's problems and lines (the
 * spill, found by the files' numbers), the assessment's problems and the
 * scores.  A check holds one group of files at a time, and some bytes a
 * file, however many departments the inputs have. */
typedef struct {
  FILE *spill;
  GArray *spots;  /* Spot, by file number */
  FILE *problems; /* the assessment's, for standard error */
  FILE *scores;   /* for standard output */
  guint read_errors, assess_errors;
} Check;

/* Assesses each department of a group with projects, its problems counted
 * in the group's files they are placed in (extra: two a file). */
static void assess_group(Check *k, const JxInputs *g, const char *period, const JxAssessConfig *c,
                         guint *extra) {
  const JxModel *m = g->model;
  for (guint d = 0; d < m->departments->len; d++) {
    const JxDepartment *dept = g_ptr_array_index(m->departments, d);
    if (dept->projects->len == 0)
      continue;
    JxDiag *diag = jx_diag_new(((JxProject *)g_ptr_array_index(dept->projects, 0))->loc.file);
    JxDepartmentResult *r = jx_assess_department(dept, period, c, diag);
    jx_diag_print(diag, k->problems);
    k->assess_errors += diag->errors;
    for (guint i = 0; i < g->files->len; i++)
      count_in(diag, ((JxInput *)g_ptr_array_index(g->files, i))->path, &extra[2 * i],
               &extra[2 * i + 1]);
    print_scores(k->scores, r);
    jx_department_result_free(r);
    jx_diag_free(diag);
  }
}

/* Takes in the files of a group, read (numbered as in group; NULL: the
 * one file, 0): assessed while no table has been read with errors (its
 * scores would be wrong), each file's problems and lines spilled. */
static void check_group(Check *k, JxInputs *g, const GArray *group, const char *period,
                        const JxAssessConfig *c) {
  k->read_errors += jx_inputs_errors(g);
  guint *extra = g_new0(guint, 2 * g->files->len + 2);
  bool assessed = !k->read_errors;
  if (assessed)
    assess_group(k, g, period, c, extra);
  static const guint none[2] = {0, 0};
  for (guint i = 0; i < g->files->len; i++) {
    const JxInput *f = g_ptr_array_index(g->files, i);
    guint n = group ? g_array_index(group, guint, i) : 0;
    if (n >= k->spots->len)
      g_array_set_size(k->spots, n + 1);
    Spot *s = &g_array_index(k->spots, Spot, n);
    for (int part = 0; part < 3; part++) {
      s->at[part] = ftell(k->spill);
      if (part == 0)
        jx_diag_print(f->diag, k->spill);
      else if (part == 1 || assessed)
        print_summary(k->spill, f, part == 1 ? none : &extra[2 * i]);
      s->len[part] = ftell(k->spill) - s->at[part];
    }
  }
  g_free(extra);
  jx_inputs_free(g);
}

/* Copies what f holds (from at, len bytes; the whole when len < 0) to out. */
static void copy_out(FILE *f, long at, long len, FILE *out) {
  char buf[65536];
  fseek(f, at, SEEK_SET);
  for (size_t n;
       len &&
       (n = fread(buf, 1, len < 0 || len > (long)sizeof buf ? sizeof buf : (size_t)len, f)) > 0;) {
    fwrite(buf, 1, n, out);
    if (len > 0)
      len -= (long)n;
  }
  fseek(f, 0, SEEK_END);
}

/* How many files paths name; 0 when they cannot be listed (the index says
 * why). */
static guint count_files(char *const *paths, int n) {
  GPtrArray *names = g_ptr_array_new_with_free_func(g_free);
  char *message = NULL;
  guint count = jx_inputs_list(paths, n, names, &message) == JX_INPUTS_OK ? names->len : 0;
  g_free(message);
  g_ptr_array_free(names, TRUE);
  return count;
}

int jx_check_inputs(char *const *paths, int n, const char *encoding, const char *period,
                    const JxAssessConfig *c) {
  JxInputsStatus status = JX_INPUTS_OK;
  char *message = NULL;
  Check k = {tmpfile(), g_array_new(FALSE, TRUE, sizeof(Spot)), tmpfile(), tmpfile(), 0, 0};
  if (!k.spill || !k.problems || !k.scores) {
    message = g_strdup_printf("cannot make a temporary file: %s", g_strerror(errno));
    status = JX_INPUTS_IO;
  }
  /* one file is one group: read at once, not indexed first (a 100 MB
   * table read twice would take twice as long) */
  JxInputs *one = NULL;
  JxIndex *x = NULL;
  GPtrArray *groups = NULL;
  if (status == JX_INPUTS_OK && count_files(paths, n) == 1) {
    if ((status = jx_inputs_read(paths, n, encoding, &one, &message)) == JX_INPUTS_OK)
      check_group(&k, one, NULL, period, c);
  } else if (status == JX_INPUTS_OK) {
    /* check takes no -j: the index read by every core */
    x = jx_index_build(paths, n, encoding, NULL, (int)g_get_num_processors(), &status, &message);
    groups = x ? jx_index_groups(x, NULL, NULL) : NULL;
  }
  for (guint i = 0; groups && i < groups->len && status == JX_INPUTS_OK; i++) {
    const GArray *group = g_ptr_array_index(groups, i);
    JxInputs *g = jx_inputs_read_group(x, group, encoding, NULL, NULL, &status, &message);
    if (g)
      check_group(&k, g, group, period, c);
  }
  int rc = EX_OK;
  if (status != JX_INPUTS_OK) {
    fprintf(stderr, "jixiao: %s\n", message);
    g_free(message);
    rc = status == JX_INPUTS_IO ? EX_IOERR : EX_NOINPUT;
  } else {
    /* in the order of the files, as a reader of them all has them */
    fflush(k.spill);
    for (guint i = 0; i < k.spots->len; i++) {
      const Spot *s = &g_array_index(k.spots, Spot, i);
      copy_out(k.spill, s->at[0], s->len[0], stderr);
    }
    if (!k.read_errors)
      copy_out(k.problems, 0, -1, stderr);
    rc = k.read_errors || k.assess_errors ? EX_DATAERR : EX_OK;
    int part = k.read_errors ? 1 : 2;
    for (guint i = 0; i < k.spots->len; i++) {
      const Spot *s = &g_array_index(k.spots, Spot, i);
      copy_out(k.spill, s->at[part], s->len[part], stdout);
    }
    if (!k.read_errors)
      copy_out(k.scores, 0, -1, stdout);
  }
  for (int i = 0; i < 3; i++) {
    FILE *f = i == 0 ? k.spill : i == 1 ? k.problems : k.scores;
    if (f)
      fclose(f);
  }
  g_array_free(k.spots, TRUE);
  if (groups)
    g_ptr_array_free(groups, TRUE);
  jx_index_free(x);
  return rc;
}
