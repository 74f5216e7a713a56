/* diag.c - problems found in one input file. */
#include "model/diag.h"

#include <stdarg.h>

static void diagnostic_free(JxDiagnostic *x) {
  g_free(x->message);
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
  x->file = file;
  x->line = line;
  x->col = col;
  x->message = g_strdup_vprintf(fmt, ap);
  g_ptr_array_add(d->list, x);
}

void jx_diag_add(JxDiag *d, JxSeverity severity, int line, int col, const char *fmt, ...) {
  va_list ap;
  va_start(ap, fmt);
  add(d, severity, NULL, line, col, fmt, ap);
  va_end(ap);
}

void jx_diag_add_at(JxDiag *d, JxSeverity severity, const char *file, int line, int col,
                    const char *fmt, ...) {
  va_list ap;
  va_start(ap, fmt);
  add(d, severity, file, line, col, fmt, ap);
  va_end(ap);
}

void jx_diag_print(const JxDiag *d, FILE *out) {
  for (guint i = 0; i < d->list->len; i++) {
    const JxDiagnostic *x = g_ptr_array_index(d->list, i);
    const char *kind = x->severity == JX_ERROR ? "error" : "warning";
    const char *file = x->file ? x->file : d->file;
    if (x->line > 0 && x->col > 0)
      fprintf(out, "%s:%d:%d: %s: %s\n", file, x->line, x->col, kind, x->message);
    else if (x->line > 0)
      fprintf(out, "%s:%d: %s: %s\n", file, x->line, kind, x->message);
    else
      fprintf(out, "%s: %s: %s\n", file, kind, x->message);
  }
  guint shown = d->list->len, total = d->errors + d->warnings;
  if (total > shown)
    fprintf(out, "%s: note: %u more problems not shown (%u errors, %u warnings in all)\n", d->file,
            total - shown, d->errors, d->warnings);
}
