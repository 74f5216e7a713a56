/* plan.c - which documents a run makes, planned from the departments'
 * names and filled in a group of departments at a time as they are read:
 * the reading process holds one group, not the whole input. */
#include "batch/jobs.h"

#include "assess/scorecard.h"
#include "layout/install.h"
#include "model/text.h"
#include "render/render.h"
#include "report/report.h"

#include <glib/gstdio.h>
#include <stdio.h>
#include <string.h>

#ifndef JX_VERSION
#define JX_VERSION "0.0.0"
#endif
#ifndef JX_FONT_DIR
#define JX_FONT_DIR "fonts"
#endif

struct Plan {
  const JxBatch *b;
  JxBatchFeed *feed;
  GKeyFile *state;
  GArray *jobs;    /* Job */
  Result *results; /* room for every job, the summary and the site */
  guint n_results;
  bool *filled;        /* the job's department has been read */
  GHashTable *by_name; /* department -> job number + 1 */
  GHashTable *digests; /* input file -> SHA-256, each read once */
  char *common;
  GQueue ready; /* job numbers to hand out */
  guint made, skipped;
  guint unindexed;  /* departments read that the index did not have */
  bool ended;       /* the feed gave its last group */
  GPtrArray *cards; /* a district template's scorecards, by job */
};

void batch_job_clear(Job *j) {
  g_free(j->folder);
  g_free(j->period);
  g_free(j->dir);
  g_free(j->prefix);
  if (j->sources)
    g_ptr_array_free(j->sources, TRUE);
  g_free(j->key);
}

/* Adds file to the set once. */
static void add_source(GPtrArray *set, const char *file) {
  if (!file)
    return;
  for (guint i = 0; i < set->len; i++)
    if (strcmp(g_ptr_array_index(set, i), file) == 0)
      return;
  g_ptr_array_add(set, g_strdup(file));
}

/* The input files d was read from: its projects', their actuals' and budget
 * executions'. */
static GPtrArray *department_sources(const JxDepartment *d) {
  GPtrArray *set = g_ptr_array_new_with_free_func(g_free);
  for (guint i = 0; i < d->projects->len; i++) {
    const JxProject *p = g_ptr_array_index(d->projects, i);
    add_source(set, p->loc.file);
    for (guint k = 0; k < p->indicators->len; k++) {
      const JxIndicator *ind = g_ptr_array_index(p->indicators, k);
      for (guint a = 0; a < jx_indicator_actual_count(ind); a++)
        add_source(set, ((JxActual *)g_ptr_array_index(ind->actuals, a))->loc.file);
    }
    for (guint e = 0; e < p->executions->len; e++)
      add_source(set, ((JxExecution *)g_ptr_array_index(p->executions, e))->loc.file);
  }
  g_ptr_array_sort(set, jx_text_compare_ptrs);
  return set;
}

/* Feeds a file's bytes (or its absence) to the checksum. */
static void sum_file(GChecksum *c, const char *path) {
  char *data = NULL;
  gsize len = 0;
  g_checksum_update(c, (const guchar *)path, (gssize)strlen(path) + 1);
  if (g_file_get_contents(path, &data, &len, NULL))
    g_checksum_update(c, (const guchar *)data, (gssize)len);
  g_free(data);
}

/* Feeds the names and sizes of the faces in dir (not recursive). */
static void sum_folder(GChecksum *c, const char *dir) {
  GDir *d = g_dir_open(dir, 0, NULL);
  GPtrArray *names = g_ptr_array_new_with_free_func(g_free);
  for (const char *f; d && (f = g_dir_read_name(d));)
    g_ptr_array_add(names, g_strdup(f));
  if (d)
    g_dir_close(d);
  g_ptr_array_sort(names, jx_text_compare_ptrs);
  for (guint i = 0; i < names->len; i++) {
    char *path = g_build_filename(dir, g_ptr_array_index(names, i), NULL);
    GStatBuf st;
    if (g_stat(path, &st) == 0 && S_ISREG(st.st_mode)) {
      char *line =
          g_strdup_printf("%s %lld\n", (char *)g_ptr_array_index(names, i), (long long)st.st_size);
      g_checksum_update(c, (const guchar *)line, -1);
      g_free(line);
    }
    g_free(path);
  }
  g_ptr_array_free(names, TRUE);
}

/* What every document of the run shares: jixiao, the template, the fonts
 * and the options that change the bytes. */
char *batch_common_key(const JxBatch *b) {
  GChecksum *c = g_checksum_new(G_CHECKSUM_SHA256);
  gsize len = 0;
  char *tmpl = g_key_file_to_data(b->tmpl->keys, &len, NULL);
  const char *fonts = jx_install_dir("JIXIAO_FONTS", JX_FONT_DIR, "fonts");
  char *conf = g_build_filename(fonts, "fonts.conf", NULL);
  char *prepared = g_build_filename(fonts, "prepared", NULL);
  const char *epoch = g_getenv("SOURCE_DATE_EPOCH");
  const JxHaruOptions *h = b->haru_options;
  /* a run signed with another certificate (or not signed) is not up to date */
  char *signer = b->sign ? batch_file_sha256(b->sign->cert) : NULL;
  char *options = g_strdup_printf(
      "jixiao %s|%s|pdf%d svg%d%d png%d html%d docx%d dpi%g charts%d haru%d|%s|%s|%d%d%s%s%u|%s",
      JX_VERSION, b->period ? b->period : "", b->pdf, b->svg, b->outlines, b->png, b->html, b->docx,
      b->dpi, b->charts, b->haru, epoch ? epoch : "now", b->tmpl->path, h && h->pdfa, b->attach,
      h && h->owner_password ? h->owner_password : "",
      h && h->user_password ? h->user_password : "", h ? h->permissions : 0, signer ? signer : "");
  g_free(signer);
  g_checksum_update(c, (const guchar *)options, -1);
  g_checksum_update(c, (const guchar *)tmpl, (gssize)len);
  sum_file(c, conf);
  sum_folder(c, fonts);
  sum_folder(c, prepared);
  char *key = g_strdup(g_checksum_get_string(c));
  g_checksum_free(c);
  g_free(options);
  g_free(tmpl);
  g_free(conf);
  g_free(prepared);
  return key;
}

/* The template's name for files: annual, or a FILE.ini's base name. */
char *batch_template_file_name(const JxTemplate *t) {
  char *base = g_path_get_basename(t->path);
  if (g_str_has_suffix(base, ".ini"))
    base[strlen(base) - 4] = '\0';
  return base;
}

/* The shard (0 … shards - 1) a department belongs to: a department stays
 * in its shard when others are added or taken away, and any program can
 * work the rule out. */
static int shard_of(const char *name, int shards) {
  guint8 sum[32];
  gsize len = sizeof sum;
  GChecksum *c = g_checksum_new(G_CHECKSUM_SHA256);
  g_checksum_update(c, (const guchar *)name, -1);
  g_checksum_get_digest(c, sum, &len);
  g_checksum_free(c);
  guint64 v = 0;
  for (int i = 0; i < 8; i++)
    v = v << 8 | sum[i];
  return (int)(v % (guint64)shards);
}

bool jx_batch_in_shard(const JxBatch *b, const char *name) {
  return b->shards <= 1 || shard_of(name, b->shards) == b->shard - 1;
}

/* The jobs of this shard, in the feed's order, each with its folder: two
 * departments (of any shard) whose names make the same folder name are told
 * apart by -2, -3 … in that order. */
Plan *batch_plan_new(const JxBatch *b, JxBatchFeed *feed, GKeyFile *state) {
  Plan *p = g_new0(Plan, 1);
  p->b = b;
  p->feed = feed;
  p->state = state;
  p->jobs = g_array_new(FALSE, TRUE, sizeof(Job));
  p->by_name = g_hash_table_new(g_str_hash, g_str_equal);
  p->digests = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, g_free);
  p->common = batch_common_key(b);
  g_queue_init(&p->ready);
  GHashTable *taken = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, NULL);
  for (guint i = 0; i < feed->departments->len; i++) {
    const char *d = g_ptr_array_index(feed->departments, i);
    char *name = jx_render_safe_name(d), *folder = g_strdup(name);
    for (int n = 2; g_hash_table_contains(taken, folder); n++) {
      g_free(folder);
      folder = g_strdup_printf("%s-%d", name, n);
    }
    g_hash_table_add(taken, g_strdup(folder));
    g_free(name);
    if (!jx_batch_in_shard(b, d) || g_hash_table_contains(p->by_name, d)) {
      g_free(folder);
      continue;
    }
    Job j = {0};
    j.name = d;
    j.folder = folder;
    g_array_append_val(p->jobs, j);
    g_hash_table_insert(p->by_name, (gpointer)d, GUINT_TO_POINTER(p->jobs->len));
  }
  g_hash_table_destroy(taken);
  p->n_results = p->jobs->len + 2;
  p->results = g_new0(Result, p->n_results);
  for (guint i = 0; i < p->n_results; i++) {
    p->results[i].files = g_ptr_array_new_with_free_func(g_free);
    p->results[i].notes = g_ptr_array_new_with_free_func(g_free);
  }
  p->filled = g_new0(bool, p->jobs->len);
  if (b->tmpl->district)
    p->cards = g_ptr_array_new_full(p->jobs->len, (GDestroyNotify)jx_scorecard_free);
  for (guint i = 0; p->cards && i < p->jobs->len; i++)
    g_ptr_array_add(p->cards, NULL);
  return p;
}

GArray *batch_plan_jobs(Plan *p) {
  return p->jobs;
}

Result *batch_plan_results(Plan *p) {
  return p->results;
}

guint batch_plan_made(const Plan *p) {
  return p->made;
}

/* Fills in job i for d, just read: its period, folders, sources and key;
 * then it is up to date (its files in its result) or ready to make. */
static void fill(Plan *p, guint i, const JxDepartment *d) {
  const JxBatch *b = p->b;
  Job *j = &g_array_index(p->jobs, Job, i);
  Result *r = &p->results[i];
  p->filled[i] = true;
  j->d = d;
  const char *when = jx_report_period(d, b->period);
  j->period = g_strdup(when ? when : "未填期间");
  j->dir = g_build_filename(b->out_dir, j->period, j->folder, NULL);
  char *tname = batch_template_file_name(b->tmpl);
  j->prefix = g_build_filename(j->dir, tname, NULL);
  g_free(tname);
  j->sources = department_sources(d);
  GChecksum *c = g_checksum_new(G_CHECKSUM_SHA256);
  g_checksum_update(c, (const guchar *)p->common, -1);
  g_checksum_update(c, (const guchar *)d->name, -1);
  /* each source read and digested once, however many departments share it */
  for (guint k = 0; k < j->sources->len; k++) {
    const char *src = g_ptr_array_index(j->sources, k);
    char *digest = g_hash_table_lookup(p->digests, src);
    if (!digest) {
      GChecksum *one = g_checksum_new(G_CHECKSUM_SHA256);
      sum_file(one, src);
      digest = g_strdup(g_checksum_get_string(one));
      g_checksum_free(one);
      g_hash_table_insert(p->digests, g_strdup(src), digest);
    }
    g_checksum_update(c, (const guchar *)digest, -1);
  }
  j->key = g_strdup(g_checksum_get_string(c));
  g_checksum_free(c);
  if (p->cards) {
    /* a district template makes the summary alone, of every department */
    p->cards->pdata[i] = jx_scorecard_new(d, jx_report_period(d, b->period), b->tmpl->rules);
    return;
  }
  GPtrArray *same = b->force ? NULL : batch_up_to_date(p->state, j);
  if (!same) {
    g_queue_push_tail(&p->ready, GUINT_TO_POINTER(i));
    return;
  }
  g_ptr_array_free(r->files, TRUE);
  r->files = same;
  r->skipped = true;
  p->skipped++;
  if (b->verbosity > 1)
    fprintf(stderr, "jixiao: %s: up to date\n", j->prefix);
  /* the summary and the site need its scorecard: kept in the state, or
   * (a report made without one) assessed now, while it is held */
  char *saved = (b->summary || b->html) ? batch_saved_scores(p->state, j) : NULL;
  if ((b->summary || b->html) && !saved) {
    JxScorecard *card = jx_scorecard_new(d, jx_report_period(d, b->period), b->tmpl->rules);
    r->scores = jx_scorecard_to_text(card);
    jx_scorecard_free(card);
  }
  g_free(saved);
}

/* Reads groups until a job is ready or the feed ends. */
static void read_until_ready(Plan *p) {
  while (g_queue_is_empty(&p->ready) && !p->ended) {
    /* the last group's jobs are all handed out: it can go */
    for (guint i = 0; i < p->jobs->len; i++)
      g_array_index(p->jobs, Job, i).d = NULL;
    JxModel *m = p->feed->next(p->feed->data);
    if (!m) {
      p->ended = true;
      break;
    }
    for (guint k = 0; k < m->departments->len; k++) {
      const JxDepartment *d = g_ptr_array_index(m->departments, k);
      guint at = GPOINTER_TO_UINT(g_hash_table_lookup(p->by_name, d->name));
      if (d->projects->len && at && !p->filled[at - 1])
        fill(p, at - 1, d);
      else if (d->projects->len && !at && jx_batch_in_shard(p->b, d->name))
        p->unindexed++;
    }
  }
}

bool batch_plan_ready(Plan *p) {
  read_until_ready(p);
  return !g_queue_is_empty(&p->ready);
}

guint batch_plan_unindexed(const Plan *p) {
  return p->unindexed;
}

guint batch_plan_skipped(const Plan *p) {
  return p->skipped;
}

gint64 batch_plan_next(Plan *p) {
  read_until_ready(p);
  if (g_queue_is_empty(&p->ready))
    return -1;
  p->made++;
  return GPOINTER_TO_UINT(g_queue_pop_head(&p->ready));
}

void batch_plan_finish(Plan *p, GPtrArray **cards) {
  const JxBatch *b = p->b;
  /* in order, without the departments never read */
  guint kept = 0;
  for (guint i = 0; i < p->jobs->len; i++) {
    Job *j = &g_array_index(p->jobs, Job, i);
    j->d = NULL;
    if (!p->filled[i]) {
      batch_job_clear(j);
      g_ptr_array_free(p->results[i].files, TRUE);
      g_ptr_array_free(p->results[i].notes, TRUE);
      continue;
    }
    if (p->cards)
      p->cards->pdata[kept] = p->cards->pdata[i];
    p->results[kept] = p->results[i];
    g_array_index(p->jobs, Job, kept++) = *j;
  }
  /* the two spare results after the kept ones, and nothing twice */
  for (guint s = 0; s < 2; s++)
    p->results[kept + s] = p->results[p->jobs->len + s];
  for (guint i = kept + 2; i < p->n_results; i++)
    memset(&p->results[i], 0, sizeof p->results[i]);
  p->n_results = kept + 2;
  g_array_set_size(p->jobs, kept);
  if (p->cards) {
    g_ptr_array_set_free_func(p->cards, NULL);
    g_ptr_array_set_size(p->cards, kept);
    g_ptr_array_set_free_func(p->cards, (GDestroyNotify)jx_scorecard_free);
  }
  if (b->summary)
    batch_plan_summary(b, p->jobs, p->common);
  if (b->html)
    batch_plan_site(b, p->jobs, p->common);
  *cards = p->cards;
}

void batch_plan_free(Plan *p) {
  if (!p)
    return;
  for (guint i = 0; i < p->jobs->len; i++)
    batch_job_clear(&g_array_index(p->jobs, Job, i));
  for (guint i = 0; i < p->n_results; i++) {
    if (p->results[i].files)
      g_ptr_array_free(p->results[i].files, TRUE);
    if (p->results[i].notes)
      g_ptr_array_free(p->results[i].notes, TRUE);
    g_free(p->results[i].scores);
    g_free(p->results[i].title);
  }
  g_array_free(p->jobs, TRUE);
  g_free(p->results);
  g_free(p->filled);
  g_hash_table_destroy(p->by_name);
  g_hash_table_destroy(p->digests);
  g_queue_clear(&p->ready);
  g_free(p->common);
  if (p->cards)
    g_ptr_array_free(p->cards, TRUE);
  g_free(p);
}
