/* indexfile.h - how the index holds each input file's names, and the
 * cache they are kept in between runs (indexcache.c); for index.c only.
 *
 * A province has hundreds of thousands of files and a million projects.
 * Each file's departments and the names its actuals give are packed in one
 * block of the index's strings; its projects' names, needed only where some
 * actuals name a project without its department, are not held at all: they
 * go to a temporary file (the spill) as they are found, and are read back
 * from it when asked for, or when the cache is written. */
#ifndef JX_INDEXFILE_H
#define JX_INDEXFILE_H

#include "read/index.h"

#include <glib.h>
#include <stdbool.h>
#include <stdio.h>

/* The kinds of name a file holds, in the order they are gathered. */
enum { DEPARTMENTS, PROJECTS, NAMED, BARE, KINDS };

/* What tells a file unchanged for the index: its size, modification time
 * and inode.  Not the status-change time, which a chmod moves too. */
typedef struct {
  gint64 size, sec, nsec;
  guint64 inode;
} Stamp;

/* Which of a file's departments have a project. */
enum { HOLDS_NONE, HOLDS_ALL, HOLDS_SOME };

/* What one input file holds: the departments it adds to, the projects it
 * gives them (in the spill), the departments its actuals name (部门 cells)
 * and the projects they name without one. */
typedef struct {
  const char *path;  /* in the index's strings */
  const char *names; /* its departments, then the named and the bare, each
                      * ending in NUL */
  Stamp stamp;       /* when it was indexed */
  guint n[KINDS];
  gint64 spill_at; /* its projects in the spill: where, and how many bytes */
  guint spill_len;
  guint8 holds;   /* HOLDS_* */
  guint *holding; /* with HOLDS_SOME, the numbers of those that do,
                   * ascending, then G_MAXUINT */
} File;

struct JxIndex {
  GPtrArray *files;      /* File *, in reading order */
  GStringChunk *strings; /* the files' paths and names, in few blocks */
  FILE *spill;           /* the projects, each a department number (guint32)
                          * and a name ending in NUL; NULL once dropped */
  gint64 spill_size;
  int spill_failed; /* errno of a write to it that failed (the index is
                     * then not whole), or 0 */
  char *spill_data; /* all of it, once read back (jx_index_project_*) */
  guint scanned;
  GHashTable *projects; /* jx_text_key of a project -> Named *; built when asked */
  GHashTable *holders;  /* the departments with a project (keys into files' names) */
  bool dropped;         /* the project names are not kept (no bare actuals) */
};

/* A file's names as they are gathered, kind after kind. */
typedef struct {
  GString *names, *projects;
  guint n[KINDS];
  int kind; /* the last added */
  GArray *owner;
} Builder;

void builder_init(Builder *b);
/* Adds a name of kind (not before one of a later kind: false); a project's
 * owner is the number of its department among the file's. */
bool builder_add(Builder *b, int kind, const char *name);
bool builder_add_project(Builder *b, guint owner, const char *name);
/* The file the builder has gathered: its names copied into x's strings, its
 * projects written to x's spill; path is held by the caller's arrangement
 * (in x's strings, or set later).  Frees what b holds. */
File *builder_file(Builder *b, JxIndex *x, const char *path, const Stamp *stamp);
void file_free(File *f);

/* Points v[0 …] at each name of f's block in order (the departments, the
 * named, the bare); at[k] is where kind k starts in v and at[KINDS] the end
 * (PROJECTS, not in the block, an empty run).  Caller frees *v. */
void file_unpack(const File *f, const char ***v, guint at[KINDS + 1]);
/* f's projects as the spill has them (f->n[PROJECTS] of them): a buffer
 * the caller frees, or a part of x->spill_data (*owned NULL).  NULL when
 * the spill cannot be read. */
const char *file_projects(JxIndex *x, const File *f, char **owned);
/* Each project of such a block in turn: its owner's number and name; the
 * pointer after it. */
const char *project_next(const char *p, guint *owner, const char **name);

/* The stamp of the file at path now ({-1, …} when it cannot be seen). */
Stamp stamp_of(const char *path);

/* The cache: sets slot[i] for each file listed (path in x's strings -> i + 1)
 * that the cache has as it is now; none when the cache is missing, of
 * another version or encoding, or broken anywhere.  True when the cache
 * held those files and no other: else it is to be written anew. */
bool cache_load(JxIndex *x, const char *cache, const char *encoding, GHashTable *listed,
                File **slot);
void cache_save(JxIndex *x, const char *cache, const char *encoding);

/* The records of a cache, or of a process that indexed some files, read
 * one file at a time. */
typedef struct {
  FILE *in;
  char *line;
  size_t cap;
  ssize_t len; /* of line, the next, without its newline; -1 at the end */
  bool ok;     /* false once a line is broken */
} Records;

void records_advance(Records *r);
/* The next file of r, its path in *path (caller frees; the file's own path
 * not set); NULL at the end or when a line is broken (r->ok false). */
File *records_next(Records *r, JxIndex *x, char **path);
/* Writes f's lines; false when out failed. */
bool put_file(FILE *out, JxIndex *x, const File *f);

#endif
