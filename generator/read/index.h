/* index.h - which departments each input file holds, and which projects
 * its actuals name, found before the inputs are read for a report: a run
 * then reads only the files of the departments it makes, a group of files
 * at a time (the files that share a department), not the whole input.
 *
 * A file is indexed by reading it alone and keeping only the names; the
 * index is cached (one line a name) so that an unchanged file is not read
 * for it again. */
#ifndef JX_INDEX_H
#define JX_INDEX_H

#include "read/inputs.h"

#include <glib.h>
#include <stdbool.h>

typedef struct JxIndex JxIndex;

/* Indexes the files paths name (as jx_inputs_list expands them), taking
 * what the file at cache (NULL: none) says of those unchanged since, and
 * writing it anew when a file had to be read; the files to read are read
 * by up to jobs processes.  On a status other than
 * JX_INPUTS_OK, *message says why (caller frees) and NULL is returned. */
JxIndex *jx_index_build(char *const *paths, int n, const char *encoding, const char *cache,
                        int jobs, JxInputsStatus *status, char **message);
void jx_index_free(JxIndex *x);

guint jx_index_files(const JxIndex *x);
/* The path of file i, as jx_inputs_list gives it. */
const char *jx_index_path(const JxIndex *x, guint i);
/* How many files were read to index them (the others came from the cache). */
guint jx_index_scanned(const JxIndex *x);

/* The departments with a project, each once, in the order a reader of all
 * the files meets them (char *, owned by the index). */
GPtrArray *jx_index_departments(const JxIndex *x);

/* The files to read for the departments keep says yes to, in groups: the
 * files that hold or name a department are read together, and a group is
 * as small as that allows.  A file that holds or names no department at all
 * (it reads as nothing, or its actuals name unknown projects) is a group of
 * its own for every keep, so that its errors are never passed over.  Each
 * group a GArray of guint file numbers, ascending; groups by their first. */
GPtrArray *jx_index_groups(JxIndex *x, JxKeep keep, void *data);

/* Across all files: whether any project was read; whether a department
 * of that name holds a project; how many departments hold a project of
 * that name (compared as jx_text_key does) and, when one, which. */
bool jx_index_has_projects(const JxIndex *x);
bool jx_index_has_department(const JxIndex *x, const char *name);
guint jx_index_project_departments(JxIndex *x, const char *project, const char **sole);
/* Adds to out (borrowed char *) the projects of department (NULL: of all),
 * in file order; false when the index does not keep them (no actuals name
 * a project without its department, and an actual that names its
 * department is read with it). */
bool jx_index_project_names(JxIndex *x, const char *department, GPtrArray *out);

#endif
