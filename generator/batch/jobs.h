/* jobs.h - what batch.c (planning, workers, the run) and state.c (the
 * tree's state: what is up to date, the manifest, a run with nothing to do)
 * share.  Private to batch/. */
#ifndef JX_BATCH_JOBS_H
#define JX_BATCH_JOBS_H

#include "batch/batch.h"
#include "batch/wire.h"
#include "layout/fonts.h"

#include <glib.h>
#include <string.h>

/* One document to make. */
typedef struct {
  const JxDepartment *d; /* while its group is held; NULL for the summary */
  const char *name;      /* the department's (the feed's); NULL for the summary */
  char *folder;          /* its folder's name in the period's, numbered */
  bool summary;          /* the district summary, made by the run itself last */
  bool site;             /* the site's index (site.c), made after the summary */
  char *period;          /* its folder: "2024", "2024-06", or 未填期间 */
  char *dir;             /* OUT/<period>/<department> */
  char *prefix;          /* dir/<template> */
  GPtrArray *sources;    /* char *: the input files it is made from */
  char *key;             /* SHA-256 of everything it is made from */
} Job;

/* What became of a job, read back from its worker. */
typedef struct {
  int rc;           /* sysexits code */
  bool skipped;     /* up to date */
  GPtrArray *files; /* char *: "path\tsha256\tpages", then "\tsubject" of
                     * the signer of a signed PDF */
  GPtrArray *notes; /* char *: errors and warnings, as printed */
  char *scores;     /* with --summary or the site: the department's
                     * scorecard as text */
  char *title;      /* the document's title, for the site's index */
} Result;

/* The departments' jobs as a feed gives them (plan.c): planned from its
 * names (in the shard, each with its folder), each filled in (period,
 * folders, sources, key) as its group is read, and handed out when not up
 * to date; the summary's and the site's after the last. */
typedef struct Plan Plan;
Plan *batch_plan_new(const JxBatch *b, JxBatchFeed *feed, GKeyFile *state);
void batch_plan_free(Plan *p);       /* its jobs and results too */
GArray *batch_plan_jobs(Plan *p);    /* Job */
Result *batch_plan_results(Plan *p); /* a result a job */
/* The next job to make (its number in the jobs), reading groups as needed
 * and marking those up to date in their results; -1 when there is none. */
gint64 batch_plan_next(Plan *p);
/* Whether batch_plan_next has a job to give (reading groups to see). */
bool batch_plan_ready(Plan *p);
/* Jobs batch_plan_next handed out so far; jobs found up to date. */
guint batch_plan_made(const Plan *p);
guint batch_plan_skipped(const Plan *p);
/* Departments read whose report was not planned: the index did not see
 * them (a file changed while the run read it). */
guint batch_plan_unindexed(const Plan *p);
/* After the last job: drops the jobs whose department was never read, and
 * plans the summary and the site, last.  The scorecards a district
 * template's summary is made of (assessed as their groups were read, in
 * the departments' order) are in cards. */
void batch_plan_finish(Plan *p, GPtrArray **cards);
void batch_job_clear(Job *j);

/* What making documents needs, opened once per process: the fonts, the
 * date, the signer. */
typedef struct {
  JxFonts *fonts;
  PangoContext *ctx;
  char *iso, *cn;   /* the report's date for the PDF and the cover */
  JxSigner *signer; /* --sign's, or NULL */
} Worker;
bool batch_worker_open(Worker *w, const JxBatch *b, GError **error);
void batch_worker_close(Worker *w);

/* Lays out doc in t's style and writes its files at prefix in dir
 * (document.c: the run's formats, its figures with SVG or PNG, its web page
 * with the site, whose breadcrumb says where); the files or what went wrong
 * (for the document called name) go into r. */
void batch_write_document(const JxBatch *b, const Worker *w, const JxTemplate *t, JxDocument *doc,
                          const char *dir, const char *prefix, const char *name, const char *where,
                          Result *r);
/* The way from dir (in the tree) up to its root: "../../".  Caller frees. */
char *batch_up_to_root(const JxBatch *b, const char *dir);

/* The district summary (summary.c): its job, after the departments' (and
 * in their place with a district template), whose key is theirs and the
 * summary template's; and making it from the scorecards the workers sent
 * back, or the tree's state kept, into results[the summary job]. */
void batch_plan_summary(const JxBatch *b, GArray *jobs, const char *common);
/* A job made from every job of jobs (the summary, the site): each one's key
 * into c, then made's key (c's digest; c is freed), and their sources, once
 * each, into made's. */
void batch_made_of(GArray *jobs, Job *made, GChecksum *c);
void batch_make_summary(const JxBatch *b, GPtrArray *district_cards, GArray *jobs, Result *results,
                        GKeyFile *state);

/* The static site (site.c): its job, last, whose key is every other
 * job's; and its index and stylesheet made from the tree's state into
 * results[the site job]. */
void batch_plan_site(const JxBatch *b, GArray *jobs, const char *common);
void batch_make_site(const JxBatch *b, GArray *jobs, Result *results, GKeyFile *state);

/* The state of the tree: a group a document (its path without .pdf), with the key it was
 * made from and its files ("path\tsha256\tpages"). */
char *batch_state_path(const JxBatch *b);
char *batch_file_sha256(const char *path);
/* The files of j as last made, when they were made from the same key and
 * are all there unchanged; else NULL. */
GPtrArray *batch_up_to_date(GKeyFile *state, const Job *j);
/* Records each document of the run under its path (without .pdf) in the
 * tree's state: what it was made from, its files, sources and messages, so
 * the next run can skip it and the manifest can list the whole tree. */
void batch_save_state(const JxBatch *b, GKeyFile *state, GArray *jobs, Result *results);
/* The scorecard the state keeps with j's document, or NULL. */
char *batch_saved_scores(GKeyFile *state, const Job *j);
/* OUT/manifest.json: every document of the tree, from its state, one a
 * line in path order (so that the manifests of shards merge by lines):
 * department, period, template, status, files (path, SHA-256, pages),
 * sources and messages. */
bool batch_write_manifest(const JxBatch *b, GKeyFile *state);
/* Records the run: its inputs' stamps from before they were read, and its
 * documents with their keys. */
void batch_save_run(const JxBatch *b, GKeyFile *state, GArray *jobs, Result *results);
/* What every document of the run shares: jixiao, the template, the fonts
 * and the options that change the bytes. */
char *batch_common_key(const JxBatch *b);
/* The template's name for files: annual, or a FILE.ini's base name. */
char *batch_template_file_name(const JxTemplate *t);

/* The run's PDF options as a worker is told them (settings.c): put by the
 * parent, read by the worker into a Settings that owns their strings. */
typedef struct {
  bool has_haru, has_sign;
  JxHaruOptions haru;
  JxSignOptions sign;
  char *strings[7];
} Settings;
void settings_put(GString *m, const JxBatch *b);
void settings_get(JxWireReader *r, Settings *set);
void settings_clear(Settings *set);

#endif
