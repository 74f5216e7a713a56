/* state.c - the tree's state: what is up to date, the manifest, and a run
 * with nothing to do, which reads nothing. */
#include "batch/jobs.h"

#include "layout/fonts.h"
#include "read/inputs.h"
#include "render/interrupt.h"
#include "layout/install.h"
#include "layout/layout.h"
#include "render/render.h"
#include "report/report.h"
#include "model/text.h"
#include "batch/wire.h"

#include <errno.h>
#include <fcntl.h>
#include <glib/gstdio.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <sys/wait.h>
#include <sysexits.h>
#include <time.h>
#include <unistd.h>

/* ---- what is up to date ---- */

/* The state of the tree: a group a document (its path without .pdf), with the key it was
 * made from and its files ("path\tsha256\tpages"). */
char *batch_state_path(const JxBatch *b) {
  return g_build_filename(b->out_dir, ".jixiao-state.ini", NULL);
}

/* A document's group in the state: "doc " and its path, with the
 * characters a key file's group name cannot hold ([, ], controls) and %
 * written %XX, so that any folder or department name can be recorded. */
static char *doc_group(const char *prefix) {
  GString *g = g_string_new("doc ");
  for (const unsigned char *p = (const unsigned char *)prefix; *p; p++) {
    if (*p == '[' || *p == ']' || *p == '%' || *p < 0x20 || *p == 0x7F)
      g_string_append_printf(g, "%%%02X", *p);
    else
      g_string_append_c(g, (char)*p);
  }
  return g_string_free(g, FALSE);
}

/* The path a document's group stands for. */
static char *group_path(const char *group) {
  GString *p = g_string_new(NULL);
  for (const char *c = group + strlen("doc "); *c; c++) {
    if (*c == '%' && g_ascii_isxdigit(c[1]) && g_ascii_isxdigit(c[2])) {
      g_string_append_c(p, (char)(g_ascii_xdigit_value(c[1]) * 16 + g_ascii_xdigit_value(c[2])));
      c += 2;
    } else {
      g_string_append_c(p, *c);
    }
  }
  return g_string_free(p, FALSE);
}

char *batch_file_sha256(const char *path) {
  char *data = NULL;
  gsize len = 0;
  if (!g_file_get_contents(path, &data, &len, NULL))
    return NULL;
  char *sum = g_compute_checksum_for_data(G_CHECKSUM_SHA256, (const guchar *)data, len);
  g_free(data);
  return sum;
}

/* A file's size and modification time, to tell it unchanged cheaply. */
static char *file_stamp(const char *path) {
  GStatBuf st;
  if (g_stat(path, &st) != 0)
    return NULL;
  return g_strdup_printf("%lld %lld.%09ld", (long long)st.st_size, (long long)st.st_mtim.tv_sec,
                         (long)st.st_mtim.tv_nsec);
}

/* The files of j as last made, when they were made from the same key and
 * are all there unchanged; else NULL. */
GPtrArray *batch_up_to_date(GKeyFile *state, const Job *j) {
  char *group = doc_group(j->prefix);
  char *key = g_key_file_get_string(state, group, "key", NULL);
  gchar **files = g_key_file_get_string_list(state, group, "files", NULL, NULL);
  gchar **stamps = g_key_file_get_string_list(state, group, "stamps", NULL, NULL);
  g_free(group);
  GPtrArray *out = NULL;
  if (key && files && strcmp(key, j->key) == 0) {
    out = g_ptr_array_new_with_free_func(g_free);
    for (int i = 0; files[i] && out; i++) {
      gchar **f = g_strsplit(files[i], "\t", 3);
      /* unchanged size and time: unchanged; else the digest decides */
      char *stamp = f[0] ? file_stamp(f[0]) : NULL;
      bool same_stamp =
          stamp && stamps && (gsize)i < g_strv_length(stamps) && strcmp(stamp, stamps[i]) == 0;
      char *sum = same_stamp ? g_strdup(f[1]) : f[0] && f[1] ? batch_file_sha256(f[0]) : NULL;
      g_free(stamp);
      if (sum && strcmp(sum, f[1]) == 0) {
        g_ptr_array_add(out, g_strdup(files[i]));
      } else {
        g_ptr_array_free(out, TRUE);
        out = NULL;
      }
      g_free(sum);
      g_strfreev(f);
    }
  }
  g_free(key);
  g_strfreev(files);
  g_strfreev(stamps);
  return out;
}

char *batch_saved_scores(GKeyFile *state, const Job *j) {
  char *group = doc_group(j->prefix);
  char *scores = g_key_file_get_string(state, group, "scores", NULL);
  g_free(group);
  return scores;
}

/* ---- the manifest ---- */

static void json_string(GString *s, const char *text) {
  g_string_append_c(s, '"');
  for (const unsigned char *p = (const unsigned char *)text; *p; p++) {
    if (*p == '"' || *p == '\\')
      g_string_append_printf(s, "\\%c", *p);
    else if (*p < 0x20)
      g_string_append_printf(s, "\\u%04x", *p);
    else
      g_string_append_c(s, (char)*p);
  }
  g_string_append_c(s, '"');
}

/* Records each document of the run under its path (without .pdf) in the
 * tree's state: what it was made from, its files, sources and messages, so
 * the next run can skip it and the manifest can list the whole tree. */
void batch_save_state(const JxBatch *b, GKeyFile *state, GArray *jobs, Result *results) {
  char *tname = batch_template_file_name(b->tmpl);
  for (guint i = 0; i < jobs->len; i++) {
    const Job *j = &g_array_index(jobs, Job, i);
    const Result *r = &results[i];
    char *g = doc_group(j->prefix);
    g_key_file_set_string(state, g, "key", r->rc ? "" : j->key);
    char *summary_name = j->summary ? batch_template_file_name(b->summary) : NULL;
    g_key_file_set_string(state, g, "department", j->name ? j->name : j->site ? "" : "各部门");
    g_key_file_set_string(state, g, "period", j->period);
    g_key_file_set_string(state, g, "template",
                          j->site        ? "site"
                          : summary_name ? summary_name
                                         : tname);
    g_free(summary_name);
    if (j->summary)
      g_key_file_set_boolean(state, g, "summary", true);
    if (r->title)
      g_key_file_set_string(state, g, "title", r->title);
    /* a scorecard made with the document stays with it; one made without
     * has none */
    if (r->scores)
      g_key_file_set_string(state, g, "scores", r->scores);
    else if (!r->skipped)
      g_key_file_remove_key(state, g, "scores", NULL);
    g_key_file_set_string(state, g, "status",
                          r->rc        ? "failed"
                          : r->skipped ? "up to date"
                                       : "made");
    g_key_file_set_string_list(state, g, "files", (const gchar *const *)r->files->pdata,
                               r->files->len);
    GPtrArray *stamps = g_ptr_array_new_with_free_func(g_free);
    for (guint k = 0; k < r->files->len; k++) {
      const char *f = g_ptr_array_index(r->files, k);
      char *path = g_strndup(f, strcspn(f, "\t")), *stamp = file_stamp(path);
      g_ptr_array_add(stamps, stamp ? stamp : g_strdup(""));
      g_free(path);
    }
    g_key_file_set_string_list(state, g, "stamps", (const gchar *const *)stamps->pdata,
                               stamps->len);
    g_ptr_array_free(stamps, TRUE);
    g_key_file_set_string_list(state, g, "sources", (const gchar *const *)j->sources->pdata,
                               j->sources->len);
    g_key_file_set_string_list(state, g, "messages", (const gchar *const *)r->notes->pdata,
                               r->notes->len);
    g_free(g);
  }
  g_free(tname);
  char *path = batch_state_path(b);
  g_key_file_save_to_file(state, path, NULL);
  g_free(path);
}

static void json_list(GString *s, GKeyFile *state, const char *group, const char *key) {
  gchar **items = g_key_file_get_string_list(state, group, key, NULL, NULL);
  g_string_append(s, "[");
  for (int k = 0; items && items[k]; k++) {
    g_string_append(s, k ? ", " : "");
    json_string(s, items[k]);
  }
  g_string_append(s, "]");
  g_strfreev(items);
}

/* OUT/manifest.json: every document of the tree, from its state, one a
 * line in path order (so that the manifests of shards merge by lines):
 * department, period, template, status, files (path, SHA-256, pages, and
 * signed_by: the signer's certificate subject),
 * sources and messages. */
bool batch_write_manifest(const JxBatch *b, GKeyFile *state) {
  GString *s = g_string_new("{\"jixiao\": \"" JX_VERSION "\", \"documents\": [\n");
  gsize n = 0;
  gchar **groups = g_key_file_get_groups(state, &n);
  qsort(groups, n, sizeof *groups, jx_text_compare_ptrs);
  guint listed = 0;
  for (gsize i = 0; i < n; i++) {
    const char *g = groups[i];
    /* the runs' records (and anything else) are not documents */
    if (!g_str_has_prefix(g, "doc "))
      continue;
    g_string_append(s, listed++ ? ",\n" : "");
    char *dept = g_key_file_get_string(state, g, "department", NULL);
    char *period = g_key_file_get_string(state, g, "period", NULL);
    char *tname = g_key_file_get_string(state, g, "template", NULL);
    char *status = g_key_file_get_string(state, g, "status", NULL);
    g_string_append(s, "{\"department\": ");
    json_string(s, dept ? dept : "");
    g_string_append(s, ", \"period\": ");
    json_string(s, period ? period : "");
    g_string_append(s, ", \"template\": ");
    json_string(s, tname ? tname : "");
    g_string_append(s, ", \"status\": ");
    json_string(s, status ? status : "");
    g_string_append(s, ", \"files\": [");
    gchar **files = g_key_file_get_string_list(state, g, "files", NULL, NULL);
    for (int k = 0; files && files[k]; k++) {
      gchar **f = g_strsplit(files[k], "\t", 4);
      g_string_append(s, k ? ", {\"path\": " : "{\"path\": ");
      json_string(s, f[0] ? f[0] : "");
      g_string_append(s, ", \"sha256\": ");
      json_string(s, f[0] && f[1] ? f[1] : "");
      bool has_signer = f[0] && f[1] && f[2] && f[3];
      g_string_append_printf(s, ", \"pages\": %s", f[0] && f[1] && f[2] ? f[2] : "0");
      if (has_signer) {
        /* the digest above is of the signed file */
        g_string_append(s, ", \"signed_by\": ");
        json_string(s, f[3]);
      }
      g_string_append(s, "}");
      g_strfreev(f);
    }
    g_strfreev(files);
    g_string_append(s, "], \"sources\": ");
    json_list(s, state, g, "sources");
    g_string_append(s, ", \"messages\": ");
    json_list(s, state, g, "messages");
    g_string_append(s, "}");
    g_free(dept);
    g_free(period);
    g_free(tname);
    g_free(status);
  }
  g_strfreev(groups);
  g_string_append(s, listed ? "\n]}\n" : "]}\n");
  char *path = g_build_filename(b->out_dir, "manifest.json", NULL);
  /* g_file_set_contents writes a temporary file and renames it */
  bool ok = g_file_set_contents(path, s->str, (gssize)s->len, NULL);
  if (!ok)
    fprintf(stderr, "jixiao: cannot write %s\n", path);
  g_free(path);
  g_string_free(s, TRUE);
  return ok;
}

/* ---- a run with nothing to do ---- */

/* The files the inputs name and their stamps, as one line: how many, and
 * the SHA-256 of "path\tstamp\n" of each in order.  One digest, not a
 * line a file: a province names 200,000 files, which the state would hold
 * and every run load.  NULL when they cannot be listed (the run then reads
 * them and says why). */
static char *input_stamps(const JxBatch *b) {
  GPtrArray *names = g_ptr_array_new_with_free_func(g_free);
  char *message = NULL;
  if (jx_inputs_list(b->inputs, b->n_inputs, names, &message) != JX_INPUTS_OK) {
    g_free(message);
    g_ptr_array_free(names, TRUE);
    return NULL;
  }
  GChecksum *c = g_checksum_new(G_CHECKSUM_SHA256);
  for (guint i = 0; i < names->len; i++) {
    const char *name = g_ptr_array_index(names, i);
    char *stamp = jx_inputs_stamp(name);
    g_checksum_update(c, (const guchar *)name, (gssize)strlen(name));
    g_checksum_update(c, (const guchar *)"\t", 1);
    g_checksum_update(c, (const guchar *)stamp, (gssize)strlen(stamp));
    g_checksum_update(c, (const guchar *)"\n", 1);
    g_free(stamp);
  }
  char *out = g_strdup_printf("%u %s", names->len, g_checksum_get_string(c));
  g_checksum_free(c);
  g_ptr_array_free(names, TRUE);
  return out;
}

/* The state's group for this run: its settings (common_key), shard and the
 * inputs as named. */
static char *run_group(const JxBatch *b) {
  GChecksum *c = g_checksum_new(G_CHECKSUM_SHA256);
  char *common = batch_common_key(b);
  /* a run that makes the summary besides is not one that does not */
  char *shard = g_strdup_printf("|%d/%d%s", b->shard, b->shards, b->summary ? "|summary" : "");
  g_checksum_update(c, (const guchar *)common, -1);
  g_checksum_update(c, (const guchar *)shard, -1);
  for (int i = 0; i < b->n_inputs; i++)
    g_checksum_update(c, (const guchar *)b->inputs[i], (gssize)strlen(b->inputs[i]) + 1);
  char *group = g_strdup_printf("run %s", g_checksum_get_string(c));
  g_checksum_free(c);
  g_free(common);
  g_free(shard);
  return group;
}

/* Records the run: its inputs' stamps from before they were read, and its
 * documents with their keys. */
void batch_save_run(const JxBatch *b, GKeyFile *state, GArray *jobs, Result *results) {
  char *group = run_group(b);
  g_key_file_remove_group(state, group, NULL);
  guint failed = 0;
  GPtrArray *docs = g_ptr_array_new_with_free_func(g_free), *keys = g_ptr_array_new();
  for (guint i = 0; i < jobs->len; i++) {
    const Job *j = &g_array_index(jobs, Job, i);
    failed += results[i].rc != 0;
    g_ptr_array_add(docs, doc_group(j->prefix));
    g_ptr_array_add(keys, j->key);
  }
  /* inputs that could not be listed, or a failure, make no record: the
   * next run reads the inputs again */
  if (b->stamps && !failed) {
    g_key_file_set_string(state, group, "inputs", b->stamps);
    g_key_file_set_string_list(state, group, "documents", (const gchar *const *)docs->pdata,
                               docs->len);
    g_key_file_set_string_list(state, group, "keys", (const gchar *const *)keys->pdata, keys->len);
  }
  g_ptr_array_free(docs, TRUE);
  g_ptr_array_free(keys, TRUE);
  g_free(group);
}

/* Whether each of the document's files is as the state says it was
 * written (size and time: a run with nothing to do digests nothing). */
static bool files_unchanged(GKeyFile *state, const char *doc) {
  gchar **files = g_key_file_get_string_list(state, doc, "files", NULL, NULL);
  gchar **stamps = g_key_file_get_string_list(state, doc, "stamps", NULL, NULL);
  bool same = files && stamps && g_strv_length(files) == g_strv_length(stamps);
  for (int i = 0; same && files[i]; i++) {
    char *path = g_strndup(files[i], strcspn(files[i], "\t"));
    char *stamp = file_stamp(path);
    same = stamp && strcmp(stamp, stamps[i]) == 0;
    g_free(stamp);
    g_free(path);
  }
  g_strfreev(files);
  g_strfreev(stamps);
  return same;
}

bool batch_write_manifest(const JxBatch *b, GKeyFile *state);

/* The run is wholly up to date (batch.h); if so its documents are marked
 * so in the state and the manifest. */
static bool run_up_to_date(const JxBatch *b) {
  if (!b->stamps)
    return false;
  GKeyFile *state = g_key_file_new();
  char *spath = batch_state_path(b), *group = run_group(b);
  bool same = g_key_file_load_from_file(state, spath, G_KEY_FILE_NONE, NULL);
  gsize n_docs = 0, n_keys = 0;
  char *inputs = g_key_file_get_string(state, group, "inputs", NULL);
  gchar **docs = g_key_file_get_string_list(state, group, "documents", &n_docs, NULL);
  gchar **keys = g_key_file_get_string_list(state, group, "keys", &n_keys, NULL);
  same = same && inputs && docs && keys && n_docs == n_keys && strcmp(inputs, b->stamps) == 0;
  /* each document still the one this run made, its files untouched */
  for (gsize i = 0; same && i < n_docs; i++) {
    char *key = g_key_file_get_string(state, docs[i], "key", NULL);
    same = key && strcmp(key, keys[i]) == 0 && files_unchanged(state, docs[i]);
    g_free(key);
  }
  if (same) {
    for (gsize i = 0; i < n_docs; i++) {
      g_key_file_set_string(state, docs[i], "status", "up to date");
      if (b->verbosity > 1) {
        char *path = group_path(docs[i]);
        fprintf(stderr, "jixiao: %s: up to date\n", path);
        g_free(path);
      }
    }
    g_key_file_save_to_file(state, spath, NULL);
    if (!batch_write_manifest(b, state))
      same = false;
    else if (b->verbosity > 1)
      fprintf(stderr, "jixiao: no input changed since the last run, nothing read\n");
  }
  g_free(inputs);
  g_strfreev(docs);
  g_strfreev(keys);
  g_free(group);
  g_free(spath);
  g_key_file_free(state);
  return same;
}

int jx_batch_begin(JxBatch *b, int *lock, bool *done) {
  *lock = -1;
  *done = false;
  b->made_dir = !g_file_test(b->out_dir, G_FILE_TEST_IS_DIR);
  if (g_mkdir_with_parents(b->out_dir, 0777) != 0) {
    fprintf(stderr, "jixiao: cannot create the folder %s: %s\n", b->out_dir, g_strerror(errno));
    return EX_CANTCREAT;
  }
  /* one run at a time on a tree: the lock lasts until jx_batch_end */
  char *lock_path = g_build_filename(b->out_dir, ".jixiao.lock", NULL);
  int fd = open(lock_path, O_RDWR | O_CREAT | O_CLOEXEC, 0666);
  if (fd < 0) {
    fprintf(stderr, "jixiao: cannot create the folder's lock %s: %s\n", lock_path,
            g_strerror(errno));
    g_free(lock_path);
    return EX_CANTCREAT;
  }
  g_free(lock_path);
  if (flock(fd, LOCK_EX | LOCK_NB) != 0) {
    if (!b->wait) {
      fprintf(stderr,
              "jixiao: another jixiao is writing %s; try again when it is done, or give --wait\n",
              b->out_dir);
      close(fd);
      return EX_TEMPFAIL;
    }
    if (b->verbosity > 1)
      fprintf(stderr, "jixiao: waiting for another jixiao to finish %s\n", b->out_dir);
    flock(fd, LOCK_EX);
  }
  *lock = fd;
  /* stamped before they are read: a file changed while it is read makes
   * the next run read it again */
  b->stamps = input_stamps(b);
  *done = !b->force && run_up_to_date(b);
  return EX_OK;
}

void jx_batch_end(JxBatch *b, int lock) {
  /* a run that made the folder and wrote nothing in it (its inputs were
   * bad) leaves no folder behind */
  GDir *d = b->made_dir ? g_dir_open(b->out_dir, 0, NULL) : NULL;
  if (d) {
    /* the lock, and the index of the inputs it read to find them bad */
    bool other = false;
    for (const char *f; !other && (f = g_dir_read_name(d));)
      other = strcmp(f, ".jixiao.lock") != 0 && strcmp(f, ".jixiao-index") != 0;
    g_dir_close(d);
    for (int i = 0; !other && i < 2; i++) {
      char *path = g_build_filename(b->out_dir, i ? ".jixiao.lock" : ".jixiao-index", NULL);
      g_remove(path);
      g_free(path);
    }
    if (!other)
      g_rmdir(b->out_dir);
  }
  if (lock >= 0)
    close(lock);
  g_free(b->stamps);
  b->stamps = NULL;
}
