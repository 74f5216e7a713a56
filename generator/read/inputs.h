/* inputs.h - the files named on the command line, read into one model. */
#ifndef JX_INPUTS_H
#define JX_INPUTS_H

#include "model/diag.h"
#include "model/model.h"
#include "read/table.h"

#include <glib.h>
#include <stdbool.h>

/* One input file and what reading it found. */
typedef struct {
  char *path;
  JxDiag *diag;
  JxTableInfo info;
} JxInput;

typedef struct {
  JxModel *model;
  GPtrArray *files; /* JxInput * in the order read */
} JxInputs;

/* Why jx_inputs_read stopped before reading. */
typedef enum {
  JX_INPUTS_OK,
  JX_INPUTS_MISSING, /* a named file or folder does not exist */
  JX_INPUTS_IO,      /* one could not be read */
  JX_INPUTS_EMPTY,   /* a folder held no table files */
} JxInputsStatus;

/* Adds to names (char *, g_free) the files jx_inputs_read would read for
 * paths, in that order, without reading them; the status as there. */
JxInputsStatus jx_inputs_list(char *const *paths, int n, GPtrArray *names, char **message);

/* Expands paths (files as named; folders to every .csv, .tsv and .txt in
 * them and their subfolders, sorted by name) and reads them all into one
 * model, actuals resolved last.  encoding NULL detects each file's.  On a
 * status other than JX_INPUTS_OK, *message says which path and why (caller
 * frees) and *out is NULL. */
JxInputsStatus jx_inputs_read(char *const *paths, int n, const char *encoding, JxInputs **out,
                              char **message);

struct JxIndex;

/* Inputs with no file and an empty model. */
JxInputs *jx_inputs_new(void);

/* Reads the files numbered in group (jx_index_groups; NULL: none) of index into one
 * model, actuals resolved last, keeping the departments keep says yes to
 * (NULL: all).  NULL with *message (caller frees) and the status when a
 * file cannot be read. */
JxInputs *jx_inputs_read_group(struct JxIndex *index, const GArray *group, const char *encoding,
                               JxKeep keep, void *data, JxInputsStatus *status, char **message);

/* What changes when a file is written or replaced: its size, times and
 * inode; "" when it cannot be seen.  Caller frees. */
char *jx_inputs_stamp(const char *path);

void jx_inputs_free(JxInputs *in);

/* Errors over all files. */
guint jx_inputs_errors(const JxInputs *in);

#endif
