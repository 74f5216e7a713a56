/* batch.h - rendering many reports: a document a department, written into
 * a tree OUT/<期间>/<部门>/<template>.pdf, in worker processes, skipping
 * what is up to date, under a lock on the tree, recorded in
 * OUT/manifest.json.  A document that fails does not stop the others. */
#ifndef JX_BATCH_H
#define JX_BATCH_H

#include "model/model.h"
#include "read/inputs.h"
#include "render/render_haru.h"
#include "render/sign.h"
#include "report/template.h"

#include <stdbool.h>

typedef struct {
  const char *out_dir;
  const JxTemplate *tmpl;
  /* the district summary's template: with --summary, the summary made after
   * the departments' reports from their scorecards; the run's own template
   * when it is a district one (scope=district), which makes the summary
   * alone; NULL for none */
  const JxTemplate *summary;
  const char *official; /* --official FILE over the template, or NULL */
  const char *period;   /* NULL: each department's latest */
  bool pdf, svg, png;
  bool outlines; /* SVG: every glyph a path (-f svg-outlines) */
  bool html;     /* the static site: a page a document, OUT/index.html */
  bool docx;     /* a Word document a report (docx.h) */
  double dpi;
  bool charts;
  bool haru;
  const JxHaruOptions *haru_options;
  const JxSignOptions *sign; /* sign each PDF (--sign), or NULL */
  int jobs;                  /* worker processes; 1: in this process */
  int shard, shards;         /* render the shard-th (1-based) of shards slices */
  bool force;                /* rebuild what is up to date */
  bool wait;                 /* wait for another run's lock instead of failing */
  int verbosity;             /* 0 -q, 1 normal, 2 -v */
  GPtrArray *sources;        /* char *: every input file, for the manifest */
  bool attach;               /* --attach-data */
  char *const *inputs;       /* the files and folders named, as given */
  int n_inputs;
  char *stamps;  /* set by jx_batch_begin: how many input files, and a digest
                  * of their paths and stamps as they were before they were
                  * read */
  bool made_dir; /* set by jx_batch_begin: out_dir did not exist */
} JxBatch;

/* Takes the lock on b->out_dir (waiting for it with b->wait) into *lock,
 * and notes the inputs' stamps.  Then, unless b->force, sees whether the
 * run is wholly up to date: the same template, fonts, options and shard as
 * a run recorded in the tree, its input files (the same list, each with the
 * same size, times and inode) unchanged, and every file it made as it was
 * written.  If so it marks that run's documents up to date in the manifest
 * and sets *done: the inputs need not even be read.  Returns EX_OK, or
 * EX_TEMPFAIL (the tree is locked) or EX_CANTCREAT with a message printed;
 * release the lock with jx_batch_end. */
int jx_batch_begin(JxBatch *b, int *lock, bool *done);
void jx_batch_end(JxBatch *b, int lock);

/* The departments to make, a group at a time: next gives the departments
 * of the next group of input files (those of its shard), or NULL at the
 * end; a group's model lives until the next call. */
typedef struct {
  GPtrArray *departments; /* char *: every department with a project, of
                           * every shard, in reading order */
  JxModel *(*next)(void *data);
  void *data;
  bool broken; /* set by next when a group could not be read again */
} JxBatchFeed;

/* Renders every department feed gives, between jx_batch_begin and
 * jx_batch_end, holding one group of them at a time.  Prints the path of
 * every file written on standard output; errors, warnings and (on a
 * terminal) a progress line on standard error.  Returns a sysexits code:
 * EX_OK, or the worst of the documents' (EX_DATAERR for data a document
 * cannot be made from, EX_CANTCREAT for files that cannot be written). */
int jx_batch_render(const JxBatch *b, JxBatchFeed *feed);

/* The inputs of a run (feed.c): indexed, with the index cached in the
 * tree; the files of b's shard read once to be checked; then fed to
 * jx_batch_render a group of files at a time.  EX_OK with *out set, else
 * EX_NOINPUT or EX_IOERR (a file missing or unreadable) with why printed. */
typedef struct JxBatchInputs JxBatchInputs;
int jx_batch_inputs_open(const JxBatch *b, const char *encoding, JxBatchInputs **out);
void jx_batch_inputs_free(JxBatchInputs *in);
/* The files read to check them, in order, with their problems; no model. */
JxInputs *jx_batch_inputs_checked(JxBatchInputs *in);
JxBatchFeed *jx_batch_inputs_feed(JxBatchInputs *in);
/* Every input file (borrowed char *), read or not. */
GPtrArray *jx_batch_inputs_paths(const JxBatchInputs *in);

/* Whether department name is in b's shard: the first eight bytes of the
 * SHA-256 of its name (UTF-8), big-endian, modulo shards, is shard - 1. */
bool jx_batch_in_shard(const JxBatch *b, const char *name);

/* The worker process of a batch ("jixiao worker", started by
 * jx_batch_render, not by people): makes the documents it is handed on
 * standard input.  Returns a sysexits code. */
int jx_batch_worker(void);

#endif
