/* diag.c - problems found in one input file. */
#include "model/diag.h"

#include <string.h>

#include <stdarg.h>

static void diagnostic_free(JxDiagnostic *x) {
  g_free(x->message);
  g_free(x->file);
  g_free(x);
}

JxDiag *jx_diag_new(const char *file) {
  JxDiag *d = g_new0(JxDiag, 1);
  d->file = g_strdup(file);
  d->list = g_ptr_array_new_with_free_func((GDestroyNotify)diagnostic_free);
  return d;
}

void jx_diag_free(JxDiag *d) {
  if (!d)
    return;
  g_free(d->file);
  g_ptr_array_free(d->list, TRUE);
  g_free(d);
}

static void add(JxDiag *d, JxSeverity severity, const char *file, int line, int col,
                const char *fmt, va_list ap) {
  if (severity == JX_ERROR)
    d->errors++;
  else
    d->warnings++;
  if (d->list->len >= JX_DIAG_KEEP)
    return;
  JxDiagnostic *x = g_new0(JxDiagnostic, 1);
  x->severity = severity;
  /* its own copy: the model whose sheet names it points into may be
   * freed before the problems are printed */
  x->file = g_strdup(file);
  x->line = line;
  x->col = col;
  x->message = g_strdup_vprintf(fmt, ap);
  g_ptr_array_add(d->list, x);
}

void jx_diag_add(JxDiag *d, JxSeverity severity, int line, int col, const char *fmt, ...) {
  va_list ap;
  va_start(ap, fmt);
  add(d, severity, d->part, line, col, fmt, ap);
  va_end(ap);
}

void jx_diag_add_at(JxDiag *d, JxSeverity severity, const char *file, int line, int col,
                    const char *fmt, ...) {
  va_list ap;
  va_start(ap, fmt);
  add(d, severity, file, line, col, fmt, ap);
  va_end(ap);
}

void jx_diag_place(const char *file, int line, int col, char *buf, size_t size) {
  size_t n = strlen(file);
  if (n && file[n - 1] == '!' && line > 0) {
    /* a sheet of a workbook: book.xlsx:Sheet1!C12 */
    char letters[16];
    int k = 0;
    char rev[16];
    for (int c = col > 0 ? col : 1; c > 0 && k < 15; c = (c - 1) / 26)
      rev[k++] = (char)('A' + (c - 1) % 26);
    for (int i = 0; i < k; i++)
      letters[i] = rev[k - 1 - i];
    letters[k] = '\0';
    g_snprintf(buf, size, "%s%s%d", file, col > 0 ? letters : "", line);
  } else if (n && file[n - 1] == ':' && line > 0) {
    /* a table of a document: form.docx:table 2:row 5:col 3 */
    if (col > 0)
      g_snprintf(buf, size, "%srow %d:col %d", file, line, col);
    else
      g_snprintf(buf, size, "%srow %d", file, line);
  } else if (n && (file[n - 1] == '!' || file[n - 1] == ':')) {
    g_snprintf(buf, size, "%.*s", (int)(n - 1), file);
  } else if (line > 0 && col > 0) {
    g_snprintf(buf, size, "%s:%d:%d", file, line, col);
  } else if (line > 0) {
    g_snprintf(buf, size, "%s:%d", file, line);
  } else {
    g_snprintf(buf, size, "%s", file);
  }
}

void jx_diag_print(const JxDiag *d, FILE *out) {
  for (guint i = 0; i < d->list->len; i++) {
    const JxDiagnostic *x = g_ptr_array_index(d->list, i);
    const char *kind = x->severity == JX_ERROR ? "error" : "warning";
    char place[1024];
    jx_diag_place(x->file ? x->file : d->file, x->line, x->col, place, sizeof place);
    fprintf(out, "%s: %s: %s\n", place, kind, x->message);
  }
  guint shown = d->list->len, total = d->errors + d->warnings;
  if (total > shown)
    fprintf(out, "%s: note: %u more problems not shown (%u errors, %u warnings in all)\n", d->file,
            total - shown, d->errors, d->warnings);
}
