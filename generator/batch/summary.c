/* summary.c - the district summary in a batch: planned as one more
 * document after the departments', and made by the run itself from the
 * scorecards its workers sent back with their reports (or the tree's state
 * kept with those up to date), so that nothing is read or assessed twice. */
#include "batch/jobs.h"

#include "assess/scorecard.h"
#include "read/table.h"
#include "report/district.h"
#include "report/report.h"

#include <stdio.h>
#include <string.h>
#include <sysexits.h>

void batch_made_of(GArray *jobs, Job *made, GChecksum *c) {
  GHashTable *seen = g_hash_table_new(g_str_hash, g_str_equal);
  made->sources = g_ptr_array_new_with_free_func(g_free);
  for (guint i = 0; i < jobs->len; i++) {
    const Job *j = &g_array_index(jobs, Job, i);
    g_checksum_update(c, (const guchar *)j->key, -1);
    for (guint k = 0; k < j->sources->len; k++) {
      const char *src = g_ptr_array_index(j->sources, k);
      if (g_hash_table_add(seen, (gpointer)src))
        g_ptr_array_add(made->sources, g_strdup(src));
    }
  }
  g_hash_table_destroy(seen);
  made->key = g_strdup(g_checksum_get_string(c));
  g_checksum_free(c);
}

void batch_plan_summary(const JxBatch *b, GArray *jobs, const char *common) {
  Job s = {0};
  s.summary = true;
  /* the period the reports speak of: asked, else the latest of theirs */
  const char *when = b->period;
  for (guint i = 0; !when && i < jobs->len; i++) {
    const char *p = g_array_index(jobs, Job, i).period;
    if (strcmp(p, "未填期间") != 0 && (!s.period || jx_period_compare(p, s.period) > 0)) {
      g_free(s.period);
      s.period = g_strdup(p);
    }
  }
  if (when)
    s.period = g_strdup(when);
  if (!s.period)
    s.period = g_strdup("未填期间");
  char *tname = batch_template_file_name(b->summary);
  s.dir = g_build_filename(b->out_dir, s.period, NULL);
  s.prefix = g_build_filename(s.dir, tname, NULL);
  g_free(tname);
  /* made from every department's inputs: its key is theirs, in order, and
   * the summary template's */
  GChecksum *c = g_checksum_new(G_CHECKSUM_SHA256);
  gsize len = 0;
  char *keys = g_key_file_to_data(b->summary->keys, &len, NULL);
  g_checksum_update(c, (const guchar *)common, -1);
  g_checksum_update(c, (const guchar *)"summary", -1);
  g_checksum_update(c, (const guchar *)keys, (gssize)len);
  g_free(keys);
  batch_made_of(jobs, &s, c);
  /* a district template makes the summary alone */
  if (b->tmpl->district) {
    for (guint i = 0; i < jobs->len; i++)
      batch_job_clear(&g_array_index(jobs, Job, i));
    g_array_set_size(jobs, 0);
  }
  g_array_append_val(jobs, s);
}

/* The scorecard of department job i: sent back by its worker, or kept in
 * the state with its report (or assessed when its group was read, for one
 * made before without it); NULL when its worker died first. */
static JxScorecard *card_of(GArray *jobs, Result *results, guint i, GKeyFile *state) {
  const Job *j = &g_array_index(jobs, Job, i);
  const Result *r = &results[i];
  char *saved = r->scores ? NULL : batch_saved_scores(state, j);
  const char *text = r->scores ? r->scores : saved;
  JxScorecard *card = text ? jx_scorecard_from_text(text, NULL) : NULL;
  g_free(saved);
  /* a worker that died before sending one: its department is not held
   * any more; why is on standard error and in the manifest */
  if (card)
    card->failed = r->rc != 0;
  return card;
}

void batch_make_summary(const JxBatch *b, GPtrArray *district_cards, GArray *jobs, Result *results,
                        GKeyFile *state) {
  /* the summary is the last job but for the site */
  guint last = jobs->len - 1;
  while (last > 0 && !g_array_index(jobs, Job, last).summary)
    last--;
  const Job *s = &g_array_index(jobs, Job, last);
  Result *r = &results[last];
  GPtrArray *cards = g_ptr_array_new_with_free_func((GDestroyNotify)jx_scorecard_free);
  if (b->tmpl->district) {
    /* the summary alone: each department assessed as it was read */
    g_ptr_array_extend_and_steal(cards, g_ptr_array_ref(district_cards));
  } else {
    for (guint i = 0; i < last; i++) {
      JxScorecard *card = card_of(jobs, results, i, state);
      if (card)
        g_ptr_array_add(cards, card);
    }
  }
  Worker w = {0};
  GError *err = NULL;
  if (!batch_worker_open(&w, b, &err)) {
    g_ptr_array_add(r->notes, g_strdup_printf("jixiao: the summary: %s", err->message));
    r->rc = EX_SOFTWARE;
    g_error_free(err);
  } else {
    bool none = strcmp(s->period, "未填期间") == 0;
    JxReportOptions ro = {b->summary, w.cn, none ? NULL : s->period, b->charts};
    JxDocument *doc = jx_report_district(cards, &ro);
    char *where = g_strdup_printf("%s › 汇总", s->period);
    batch_write_document(b, &w, b->summary, doc, s->dir, s->prefix, "the summary", where, r);
    g_free(where);
    jx_document_free(doc);
  }
  batch_worker_close(&w);
  g_ptr_array_free(cards, TRUE);
}
