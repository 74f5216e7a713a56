/* batch.c - many reports: planning, worker processes, the manifest. */
#include "batch/jobs.h"

#include "layout/fonts.h"
#include "read/inputs.h"
#include "render/interrupt.h"
#include "layout/install.h"
#include "layout/layout.h"
#include "render/render.h"
#include "report/report.h"
#include "assess/scorecard.h"
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

#ifndef JX_VERSION
#define JX_VERSION "0.0.0"
#endif
#ifndef JX_FONT_DIR
#define JX_FONT_DIR "fonts"
#endif

static void job_clear(Job *j) {
  g_free(j->period);
  g_free(j->dir);
  g_free(j->prefix);
  if (j->sources)
    g_ptr_array_free(j->sources, TRUE);
  g_free(j->key);
}

/* ---- planning ---- */

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
      "jixiao %s|%s|pdf%d svg%d%d png%d html%d dpi%g charts%d haru%d|%s|%s|%d%d%s%s%u|%s",
      JX_VERSION, b->period ? b->period : "", b->pdf, b->svg, b->outlines, b->png, b->html, b->dpi,
      b->charts, b->haru, epoch ? epoch : "now", b->tmpl->path, h && h->pdfa, b->attach,
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

/* The shard (0 … shards - 1) a department belongs to: the first eight
 * bytes of the SHA-256 of its name (UTF-8), big-endian, modulo shards.  A
 * department stays in its shard when others are added or taken away, and
 * any program can work the rule out. */
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

/* The jobs of this shard, in a fixed order (department names), each with
 * its own folder: two departments whose names make the same folder name are
 * told apart by -2, -3 … in that order. */
static GArray *plan(const JxBatch *b, const JxModel *m) {
  GPtrArray *depts = g_ptr_array_new();
  for (guint i = 0; i < m->departments->len; i++) {
    const JxDepartment *d = g_ptr_array_index(m->departments, i);
    if (d->projects->len)
      g_ptr_array_add(depts, (gpointer)d);
  }
  char *common = batch_common_key(b), *tname = batch_template_file_name(b->tmpl);
  GArray *jobs = g_array_new(FALSE, TRUE, sizeof(Job));
  GHashTable *taken = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, NULL);
  GHashTable *digests = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, g_free);
  for (guint i = 0; i < depts->len; i++) {
    const JxDepartment *d = g_ptr_array_index(depts, i);
    Job j = {0};
    j.d = d;
    const char *when = jx_report_period(d, b->period);
    j.period = g_strdup(when ? when : "未填期间");
    char *name = jx_render_safe_name(d->name), *folder = g_build_filename(j.period, name, NULL);
    for (int n = 2; g_hash_table_contains(taken, folder); n++) {
      g_free(folder);
      char *numbered = g_strdup_printf("%s-%d", name, n);
      folder = g_build_filename(j.period, numbered, NULL);
      g_free(numbered);
    }
    g_hash_table_add(taken, g_strdup(folder));
    j.dir = g_build_filename(b->out_dir, folder, NULL);
    j.prefix = g_build_filename(j.dir, tname, NULL);
    g_free(folder);
    g_free(name);
    if (shard_of(d->name, b->shards) != b->shard - 1) {
      job_clear(&j);
      continue;
    }
    j.sources = department_sources(d);
    GChecksum *c = g_checksum_new(G_CHECKSUM_SHA256);
    g_checksum_update(c, (const guchar *)common, -1);
    g_checksum_update(c, (const guchar *)d->name, -1);
    /* each source read and digested once, however many departments share it */
    for (guint k = 0; k < j.sources->len; k++) {
      const char *src = g_ptr_array_index(j.sources, k);
      char *digest = g_hash_table_lookup(digests, src);
      if (!digest) {
        GChecksum *one = g_checksum_new(G_CHECKSUM_SHA256);
        sum_file(one, src);
        digest = g_strdup(g_checksum_get_string(one));
        g_checksum_free(one);
        g_hash_table_insert(digests, g_strdup(src), digest);
      }
      g_checksum_update(c, (const guchar *)digest, -1);
    }
    j.key = g_strdup(g_checksum_get_string(c));
    g_checksum_free(c);
    g_array_append_val(jobs, j);
  }
  g_hash_table_destroy(taken);
  g_hash_table_destroy(digests);
  g_ptr_array_free(depts, TRUE);
  if (b->summary)
    batch_plan_summary(b, jobs, common);
  if (b->html)
    batch_plan_site(b, jobs, common);
  g_free(common);
  g_free(tname);
  return jobs;
}

/* ---- making one document ---- */

/* Renders j; records in r the files written, what went wrong, and (for
 * the district summary) the department's scorecard. */
static void run_job(const JxBatch *b, const Worker *w, const Job *j, Result *r) {
  JxReportOptions ro = {b->tmpl, w->cn, b->period, b->charts};
  /* the summary is made of the scorecards, the site's index shows them */
  if (b->summary || b->html) {
    JxScorecard *card = jx_scorecard_new(j->d, jx_report_period(j->d, b->period), b->tmpl->rules);
    r->scores = jx_scorecard_to_text(card);
    jx_scorecard_free(card);
  }
  JxDocument *doc = jx_report_department(j->d, &ro);
  char *where = g_strdup_printf("%s › %s", j->period, j->d->name);
  batch_write_document(b, w, b->tmpl, doc, j->dir, j->prefix, j->d->name, where, r);
  g_free(where);
  jx_document_free(doc);
}

bool batch_worker_open(Worker *w, const JxBatch *b, GError **error) {
  w->fonts = jx_fonts_open(NULL, error);
  if (!w->fonts)
    return false;
  w->ctx = jx_fonts_context(w->fonts);
  /* SOURCE_DATE_EPOCH, so that the same input gives the same bytes */
  const char *epoch = g_getenv("SOURCE_DATE_EPOCH");
  GDateTime *t = NULL;
  w->iso = NULL;
  gint64 secs = g_get_real_time() / G_USEC_PER_SEC;
  if (epoch && *epoch) {
    char *end = NULL;
    gint64 at = g_ascii_strtoll(epoch, &end, 10);
    if (end && !*end)
      t = g_date_time_new_from_unix_utc(secs = at);
  }
  /* the signer, checked already by the run (main.c), signs at that time */
  const JxSignOptions *so = b->sign;
  if (so &&
      !(w->signer = jx_signer_load(so->key, so->cert, so->chain, so->pass, (time_t)secs, error)))
    return false;
  if (t)
    w->iso = g_date_time_format(t, "%Y-%m-%dT%H:%M:%SZ");
  else
    t = g_date_time_new_now_local();
  w->cn = g_strdup_printf("%d年%d月%d日", g_date_time_get_year(t), g_date_time_get_month(t),
                          g_date_time_get_day_of_month(t));
  g_date_time_unref(t);
  return true;
}

void batch_worker_close(Worker *w) {
  jx_signer_free(w->signer);
  if (w->ctx)
    g_object_unref(w->ctx);
  jx_fonts_free(w->fonts);
  g_free(w->iso);
  g_free(w->cn);
}

/* A worker's messages to the parent: a result, or its peak memory last. */
enum { MSG_RESULT = 1, MSG_PEAK = 2 };

/* Job i's result, for the parent. */
static void result_put(GString *m, gint64 i, const Result *r) {
  jx_wire_put_int(m, MSG_RESULT);
  jx_wire_put_int(m, i);
  jx_wire_put_int(m, r->rc);
  jx_wire_put_list(m, r->files);
  jx_wire_put_list(m, r->notes);
  jx_wire_put_string(m, r->scores);
  jx_wire_put_string(m, r->title);
}

/* ---- progress ---- */

typedef struct {
  bool on; /* standard error is a terminal, and not -q */
  guint done, total;
  gint64 start;
} Progress;

static void progress_show(Progress *p) {
  if (!p->on || !p->total)
    return;
  double elapsed = (double)(g_get_monotonic_time() - p->start) / G_USEC_PER_SEC;
  double left = p->done ? elapsed * (p->total - p->done) / p->done : 0;
  int width = 30, fill = (int)(width * p->done / p->total);
  fprintf(stderr, "\r[%.*s%*s] %u/%u  %d:%02d elapsed", fill, "##############################",
          width - fill, "", p->done, p->total, (int)elapsed / 60, (int)elapsed % 60);
  if (p->done && p->done < p->total)
    fprintf(stderr, ", ~%d:%02d left", (int)left / 60, (int)left % 60);
  fprintf(stderr, "   ");
  if (p->done == p->total)
    fputc('\n', stderr);
  fflush(stderr);
}

/* ---- running the jobs ---- */

/* Worker processes are jixiao started again ("jixiao worker"), not forks:
 * a fork would carry the whole model of every department into each worker.
 * A worker reads from its standard input a first message with what the
 * run sets (batch_put) and then one message a document: its job number,
 * folder and file prefix, and its department as bytes (wire.h).  It leaves
 * the result in DIR/<job number> and writes one byte on its standard output
 * when a document is done. */

/* The run's settings for a worker. */
static void batch_put(GString *m, const JxBatch *b) {
  jx_wire_put_string(m, b->tmpl->path);
  jx_wire_put_string(m, b->period);
  jx_wire_put_int(m, b->pdf | b->svg << 1 | b->png << 2 | b->charts << 3 | b->haru << 4 |
                         (b->summary != NULL) << 5 | b->outlines << 6 | b->html << 7);
  char dpi[G_ASCII_DTOSTR_BUF_SIZE];
  jx_wire_put_string(m, g_ascii_dtostr(dpi, sizeof dpi, b->dpi));
  jx_wire_put_int(m, b->verbosity);
  settings_put(m, b);
  jx_wire_put_string(m, b->official);
  jx_wire_put_string(m, b->out_dir); /* a web page's links up to the root */
}

/* One worker as the parent sees it. */
typedef struct {
  pid_t pid;
  int in, out; /* its standard input and output; -1 once closed */
  gint64 job;  /* the job it is making, or -1 */
} Proc;

/* A pipe whose ends are not inherited by programs started later. */
static bool pipe_cloexec(int fds[2]) {
  if (pipe(fds) != 0)
    return false;
  fcntl(fds[0], F_SETFD, FD_CLOEXEC);
  fcntl(fds[1], F_SETFD, FD_CLOEXEC);
  return true;
}

/* Starts `jixiao worker` with pipes to it; false when it cannot. */
static bool proc_start(Proc *w, const char *exe, char **env) {
  int in[2], out[2];
  w->pid = -1;
  w->in = w->out = -1;
  w->job = -1;
  if (!pipe_cloexec(in))
    return false;
  if (!pipe_cloexec(out)) {
    close(in[0]);
    close(in[1]);
    return false;
  }
  pid_t pid = fork();
  if (pid == 0) {
    if (dup2(in[0], STDIN_FILENO) < 0 || dup2(out[1], STDOUT_FILENO) < 0)
      _exit(EX_OSERR);
    char *argv[] = {(char *)"jixiao", (char *)"worker", NULL};
    execve(exe, argv, env);
    _exit(EX_OSERR);
  }
  close(in[0]);
  close(out[1]);
  if (pid < 0) {
    close(in[1]);
    close(out[0]);
    return false;
  }
  w->pid = pid;
  jx_interrupt_child(pid);
  w->in = in[1];
  w->out = out[0];
  return true;
}

/* Hands job i to w; false when w is gone. */
static bool proc_give(Proc *w, const Job *j, guint i) {
  GString *m = g_string_new(NULL);
  jx_wire_put_int(m, i);
  jx_wire_put_string(m, j->dir);
  jx_wire_put_string(m, j->prefix);
  jx_wire_put_string(m, j->period);
  jx_wire_put_department(m, j->d);
  bool ok = jx_wire_send(w->in, m);
  g_string_free(m, TRUE);
  w->job = ok ? (gint64)i : -1;
  return ok;
}

/* Gives w the next job to do, or closes its input when there is none. */
static void proc_next(Proc *w, GArray *jobs, const bool *todo, guint *next) {
  while (*next < jobs->len && !todo[*next])
    (*next)++;
  if (*next < jobs->len && w->in >= 0) {
    guint i = (*next)++;
    if (proc_give(w, &g_array_index(jobs, Job, i), i))
      return;
    /* its result will be missing, and said so */
  }
  if (w->in >= 0)
    close(w->in);
  w->in = -1;
}

/* Runs the jobs marked in todo in n worker processes; false when a worker
 * could not be started or did not end well. */
static bool run_workers(const JxBatch *b, GArray *jobs, const bool *todo, int n, Result *results,
                        bool *got_result, Progress *p) {
  char *exe = g_file_read_link("/proc/self/exe", NULL);
  if (!exe) {
    fprintf(stderr, "jixiao: cannot start workers: cannot find the program itself\n");
    return false;
  }
  /* GLib's slice allocator is about a tenth slower than malloc over
   * Pango's many small objects; it is set before GLib starts, so here */
  char **env = g_environ_setenv(g_get_environ(), "G_SLICE", "always-malloc", FALSE);
  /* a worker that dies makes a write to it fail, not end this process */
  struct sigaction ignore = {0}, old;
  ignore.sa_handler = SIG_IGN;
  sigaction(SIGPIPE, &ignore, &old);
  fflush(NULL);
  Proc *procs = g_new0(Proc, n);
  GString *setup = g_string_new(NULL);
  batch_put(setup, b);
  bool ok = true;
  guint next = 0;
  for (int k = 0; k < n; k++) {
    if (!proc_start(&procs[k], exe, env) || !jx_wire_send(procs[k].in, setup)) {
      fprintf(stderr, "jixiao: cannot start a worker: %s\n", g_strerror(errno));
      ok = false;
      if (procs[k].in >= 0)
        close(procs[k].in);
      procs[k].in = -1;
      continue;
    }
    proc_next(&procs[k], jobs, todo, &next);
  }
  g_string_free(setup, TRUE);
  struct pollfd *fds = g_new0(struct pollfd, n);
  gint64 peak = 0; /* KB */
  GString *msg = g_string_new(NULL);
  for (;;) {
    int open = 0;
    for (int k = 0; k < n; k++) {
      fds[k].fd = procs[k].out;
      fds[k].events = POLLIN;
      fds[k].revents = 0;
      open += procs[k].out >= 0;
    }
    if (!open)
      break;
    if (poll(fds, (nfds_t)n, -1) < 0) {
      if (errno == EINTR)
        continue;
      break;
    }
    for (int k = 0; k < n; k++) {
      if (procs[k].out < 0 || !(fds[k].revents & (POLLIN | POLLHUP | POLLERR)))
        continue;
      JxWireReader r = {NULL, 0, 0, false};
      bool got = jx_wire_receive(procs[k].out, msg);
      r.data = msg->str;
      r.len = msg->len;
      gint64 kind = got ? jx_wire_get_int(&r) : 0;
      if (kind == MSG_PEAK) {
        /* the worker's last word */
        peak = MAX(peak, jx_wire_get_int(&r));
      } else if (kind == MSG_RESULT) {
        gint64 i = jx_wire_get_int(&r);
        if (i >= 0 && i < (gint64)jobs->len && todo[i] && !results[i].rc &&
            !results[i].files->len) {
          results[i].rc = (int)jx_wire_get_int(&r);
          jx_wire_get_list(&r, results[i].files);
          jx_wire_get_list(&r, results[i].notes);
          results[i].scores = jx_wire_get_string(&r);
          results[i].title = jx_wire_get_string(&r);
          got_result[i] = !r.bad;
        }
        p->done++;
        progress_show(p);
        procs[k].job = -1;
        proc_next(&procs[k], jobs, todo, &next);
      } else {
        /* ended: its job, if any, has no result and fails */
        close(procs[k].out);
        procs[k].out = -1;
        if (procs[k].in >= 0)
          close(procs[k].in);
        procs[k].in = -1;
      }
    }
  }
  for (int k = 0; k < n; k++) {
    if (procs[k].pid <= 0)
      continue;
    int status = 0;
    while (waitpid(procs[k].pid, &status, 0) < 0 && errno == EINTR)
      ;
    jx_interrupt_forget(procs[k].pid);
    ok = ok && WIFEXITED(status) && WEXITSTATUS(status) == 0;
  }
  /* jobs never handed out (every worker gone) have no result either */
  if (b->verbosity > 1)
    fprintf(stderr, "jixiao: %d workers, the largest peaked at %.1f MB\n", n, (double)peak / 1024);
  sigaction(SIGPIPE, &old, NULL);
  g_string_free(msg, TRUE);
  g_free(fds);
  g_free(procs);
  g_strfreev(env);
  g_free(exe);
  return ok;
}

/* This process's peak resident memory in KB, since it started this
 * program (getrusage would count the parent's pages it was forked with). */
static gint64 own_peak(void) {
  char *status = NULL;
  gint64 kb = 0;
  if (g_file_get_contents("/proc/self/status", &status, NULL, NULL)) {
    const char *hwm = strstr(status, "VmHWM:");
    if (hwm)
      kb = g_ascii_strtoll(hwm + 6, NULL, 10);
  }
  g_free(status);
  return kb;
}

/* `jixiao worker`: makes the documents handed to it on standard input. */
int jx_batch_worker(void) {
  GString *m = g_string_new(NULL);
  if (!jx_wire_receive(STDIN_FILENO, m)) {
    g_string_free(m, TRUE);
    return EX_USAGE;
  }
  JxWireReader r = {m->str, m->len, 0, false};
  char *tmpl_path = jx_wire_get_string(&r), *period = jx_wire_get_string(&r);
  gint64 flags = jx_wire_get_int(&r);
  char *dpi = jx_wire_get_string(&r);
  int verbosity = (int)jx_wire_get_int(&r);
  Settings set;
  settings_get(&r, &set);
  char *official = jx_wire_get_string(&r);
  char *out_dir = jx_wire_get_string(&r);
  GError *err = NULL;
  JxTemplate *t = r.bad ? NULL : jx_template_load(tmpl_path, &err);
  if (t && official && !jx_template_overlay(t, official, &err)) {
    jx_template_free(t);
    t = NULL;
  }
  JxBatch b = {0};
  b.tmpl = t;
  b.period = period;
  b.out_dir = out_dir ? out_dir : "";
  b.pdf = flags & 1;
  b.svg = flags & 2;
  b.png = flags & 4;
  b.charts = flags & 8;
  b.haru = flags & 16;
  b.summary = flags & 32 ? t : NULL; /* the worker only sends scorecards back */
  b.outlines = flags & 64;
  b.html = flags & 128;
  b.dpi = dpi ? g_ascii_strtod(dpi, NULL) : 0;
  b.haru_options = set.has_haru ? &set.haru : NULL;
  b.sign = set.has_sign ? &set.sign : NULL;
  b.verbosity = verbosity;
  Worker w = {0};
  int rc = EX_OK;
  if (!t || !batch_worker_open(&w, &b, &err)) {
    fprintf(stderr, "jixiao: worker: %s\n", err ? err->message : "a broken first message");
    g_clear_error(&err);
    rc = EX_SOFTWARE;
  }
  while (rc == EX_OK && jx_wire_receive(STDIN_FILENO, m)) {
    JxWireReader jr = {m->str, m->len, 0, false};
    gint64 i = jx_wire_get_int(&jr);
    Job j = {0};
    j.dir = jx_wire_get_string(&jr);
    j.prefix = jx_wire_get_string(&jr);
    j.period = jx_wire_get_string(&jr);
    JxModel *model = jr.bad ? NULL : jx_wire_get_department(m->str + jr.at, m->len - jr.at);
    if (!model || !j.dir || !j.prefix) {
      fprintf(stderr, "jixiao: worker: a broken message\n");
      rc = EX_SOFTWARE;
    } else {
      j.d = g_ptr_array_index(model->departments, 0);
      Result res = {0,
                    false,
                    g_ptr_array_new_with_free_func(g_free),
                    g_ptr_array_new_with_free_func(g_free),
                    NULL,
                    NULL};
      run_job(&b, &w, &j, &res);
      GString *out = g_string_new(NULL);
      result_put(out, i, &res);
      if (!jx_wire_send(STDOUT_FILENO, out))
        rc = EX_IOERR;
      g_string_free(out, TRUE);
      g_ptr_array_free(res.files, TRUE);
      g_ptr_array_free(res.notes, TRUE);
      g_free(res.scores);
      g_free(res.title);
    }
    jx_model_free(model);
    job_clear(&j);
  }
  if (t)
    batch_worker_close(&w);
  jx_template_free(t);
  GString *last = g_string_new(NULL);
  jx_wire_put_int(last, MSG_PEAK);
  jx_wire_put_int(last, own_peak());
  if (!jx_wire_send(STDOUT_FILENO, last) && rc == EX_OK)
    rc = EX_IOERR;
  g_string_free(last, TRUE);
  settings_clear(&set);
  g_free(tmpl_path);
  g_free(official);
  g_free(out_dir);
  g_free(period);
  g_free(dpi);
  g_string_free(m, TRUE);
  return rc;
}

/* Runs the jobs marked in todo: in this process, or in worker
 * processes. */
static bool run_all(const JxBatch *b, GArray *jobs, const bool *todo, Result *results,
                    Progress *p) {
  int n = MAX(1, MIN(b->jobs, (int)p->total));
  if (n == 1) {
    Worker w = {0};
    GError *err = NULL;
    if (!batch_worker_open(&w, b, &err)) {
      fprintf(stderr, "jixiao: %s\n", err->message);
      g_error_free(err);
      return false;
    }
    for (guint i = 0; i < jobs->len; i++)
      if (todo[i]) {
        run_job(b, &w, &g_array_index(jobs, Job, i), &results[i]);
        p->done++;
        progress_show(p);
      }
    batch_worker_close(&w);
    return true;
  }
  bool *got = g_new0(bool, jobs->len);
  bool ok = run_workers(b, jobs, todo, n, results, got, p);
  for (guint i = 0; i < jobs->len; i++)
    if (todo[i] && !got[i]) {
      results[i].rc = EX_SOFTWARE;
      g_ptr_array_set_size(results[i].files, 0);
      g_ptr_array_add(results[i].notes,
                      g_strdup_printf("jixiao: %s: its worker stopped before finishing",
                                      g_array_index(jobs, Job, i).d->name));
    }
  g_free(got);
  return ok;
}

/* ---- the run ---- */

int jx_batch_render(const JxBatch *b, const JxModel *m) {
  if (g_mkdir_with_parents(b->out_dir, 0777) != 0) {
    fprintf(stderr, "jixiao: cannot create the folder %s: %s\n", b->out_dir, g_strerror(errno));
    return EX_CANTCREAT;
  }
  GArray *jobs = plan(b, m);
  Result *results = g_new0(Result, jobs->len);
  bool *todo = g_new0(bool, jobs->len);
  GKeyFile *state = g_key_file_new();
  char *spath = batch_state_path(b);
  g_key_file_load_from_file(state, spath, G_KEY_FILE_NONE, NULL);
  g_free(spath);
  Progress p = {isatty(STDERR_FILENO) && b->verbosity > 0, 0, 0, g_get_monotonic_time()};
  bool make_summary = false, make_site = false;
  for (guint i = 0; i < jobs->len; i++) {
    Job *j = &g_array_index(jobs, Job, i);
    results[i].files = g_ptr_array_new_with_free_func(g_free);
    results[i].notes = g_ptr_array_new_with_free_func(g_free);
    GPtrArray *same = b->force ? NULL : batch_up_to_date(state, j);
    if (j->site && (!same || p.total || make_summary)) {
      /* the index shows what the run made */
      make_site = true;
      if (same)
        g_ptr_array_free(same, TRUE);
    } else if (j->summary && (!same || p.total)) {
      /* by this run, after the departments': also when one of theirs is
       * remade, which may have failed before or fail now */
      make_summary = true;
      if (same)
        g_ptr_array_free(same, TRUE);
    } else if (same) {
      g_ptr_array_free(results[i].files, TRUE);
      results[i].files = same;
      results[i].skipped = true;
      if (b->verbosity > 1)
        fprintf(stderr, "jixiao: %s: up to date\n", j->prefix);
    } else {
      todo[i] = true;
      p.total++;
    }
  }
  int rc = EX_OK;
  if (p.total && !run_all(b, jobs, todo, results, &p) && rc == EX_OK)
    rc = EX_SOFTWARE;
  if (make_summary)
    batch_make_summary(b, m, jobs, results, state);
  if (make_site) {
    /* from the state, this run's documents in it first */
    batch_save_state(b, state, jobs, results);
    batch_make_site(b, jobs, results, state);
  }
  guint failed = 0;
  for (guint i = 0; i < jobs->len; i++) {
    const Result *r = &results[i];
    for (guint k = 0; k < r->notes->len; k++)
      if (b->verbosity > 0 || r->rc)
        fprintf(stderr, "%s\n", (char *)g_ptr_array_index(r->notes, k));
    if (r->rc) {
      failed++;
      if (rc == EX_OK)
        rc = r->rc;
      continue;
    }
    for (guint k = 0; !r->skipped && k < r->files->len; k++) {
      const char *f = g_ptr_array_index(r->files, k);
      printf("%.*s\n", (int)strcspn(f, "\t"), f);
    }
    if (b->verbosity > 1 && !r->skipped)
      fprintf(stderr, "jixiao: made %s\n", g_array_index(jobs, Job, i).prefix);
  }
  if (failed)
    fprintf(stderr, "jixiao: %u of %u documents failed\n", failed, jobs->len);
  batch_save_run(b, state, jobs, results);
  batch_save_state(b, state, jobs, results);
  if (!batch_write_manifest(b, state) && rc == EX_OK)
    rc = EX_IOERR;
  if (fflush(stdout) != 0 && rc == EX_OK)
    rc = EX_IOERR;
  for (guint i = 0; i < jobs->len; i++) {
    job_clear(&g_array_index(jobs, Job, i));
    g_ptr_array_free(results[i].files, TRUE);
    g_ptr_array_free(results[i].notes, TRUE);
    g_free(results[i].scores);
    g_free(results[i].title);
  }
  g_array_free(jobs, TRUE);
  g_free(results);
  g_free(todo);
  g_key_file_free(state);
  return rc;
}
