/* diag.h - problems found in one input file, kept in the order found and
 * printed as FILE:LINE:COLUMN: error|warning: message.
 *
 * LINE is the physical line of the file (a quoted cell spanning lines counts
 * each); COLUMN is the table column, 1 for the first cell, for problems in a
 * cell, and the byte in the line for problems in the bytes themselves
 * (encoding, NUL).  0 means not known and is left out when printed. */
#ifndef JX_DIAG_H
#define JX_DIAG_H

#include <glib.h>
#include <stdbool.h>
#include <stdio.h>

typedef enum { JX_WARNING, JX_ERROR } JxSeverity;

typedef struct {
  JxSeverity severity;
  char *file; /* where the problem is, when not the JxDiag's file; NULL */
  int line;
  int col;
  char *message;
} JxDiagnostic;

typedef struct {
  char *file;       /* as named on the command line */
  const char *part; /* where jx_diag_add places problems when not NULL: a
                     * sheet ("book.xlsx:Sheet1!") or table ("form.docx:table
                     * 2:") of the file; must outlive the JxDiag */
  GPtrArray *list;  /* JxDiagnostic *, at most JX_DIAG_KEEP kept */
  guint errors;     /* all counted, kept or not */
  guint warnings;
} JxDiag;

/* More problems than this in one file are counted, not kept: a broken file
 * of 100,000 rows should not print 100,000 lines. */
#define JX_DIAG_KEEP 200

JxDiag *jx_diag_new(const char *file);
void jx_diag_free(JxDiag *d);

/* Records a problem. */
void jx_diag_add(JxDiag *d, JxSeverity severity, int line, int col, const char *fmt, ...)
    G_GNUC_PRINTF(5, 6);

/* Records a problem in another file than d's. */
void jx_diag_add_at(JxDiag *d, JxSeverity severity, const char *file, int line, int col,
                    const char *fmt, ...) G_GNUC_PRINTF(6, 7);

/* Writes the place of a problem into buf: FILE:LINE:COL, or for a file
 * named as a sheet ("book.xlsx:Sheet1!") FILE + the cell (C12: LINE is the
 * row, COL the column), or for a table of a document ("form.docx:table 2:")
 * FILE + "row LINE:col COL". */
void jx_diag_place(const char *file, int line, int col, char *buf, size_t size);

/* Prints the kept problems to out, and a line for those not kept. */
void jx_diag_print(const JxDiag *d, FILE *out);

#endif
