/* batch.c - many reports: worker processes and the run (plan.c plans it). */
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
  Plan *plan; /* whose jobs up to date count as done */
  bool ended; /* the last line shown */
} Progress;

static void progress_show(Progress *p) {
  if (!p->on || !p->total)
    return;
  guint done = p->done + batch_plan_skipped(p->plan);
  double elapsed = (double)(g_get_monotonic_time() - p->start) / G_USEC_PER_SEC;
  double left = p->done ? elapsed * (p->total - done) / p->done : 0;
  int width = 30, fill = (int)(width * done / p->total);
  fprintf(stderr, "\r[%.*s%*s] %u/%u  %d:%02d elapsed", fill, "##############################",
          width - fill, "", done, p->total, (int)elapsed / 60, (int)elapsed % 60);
  if (p->done && done < p->total)
    fprintf(stderr, ", ~%d:%02d left", (int)left / 60, (int)left % 60);
  fprintf(stderr, "   ");
  if (done >= p->total && !p->ended)
    fputc('\n', stderr);
  p->ended = done >= p->total;
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
                         (b->summary != NULL) << 5 | b->outlines << 6 | b->html << 7 |
                         b->docx << 8);
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
static void proc_next(Proc *w, Plan *plan, bool *todo) {
  gint64 i = w->in >= 0 ? batch_plan_next(plan) : -1;
  if (i >= 0) {
    todo[i] = true;
    if (proc_give(w, &g_array_index(batch_plan_jobs(plan), Job, i), (guint)i))
      return;
    /* its result will be missing, and said so */
  }
  if (w->in >= 0)
    close(w->in);
  w->in = -1;
}

/* Runs the plan's jobs in n worker processes, marking in todo those handed
 * out; false when a worker could not be started or did not end well. */
static bool run_workers(const JxBatch *b, Plan *plan, bool *todo, int n, bool *got_result,
                        Progress *p) {
  GArray *jobs = batch_plan_jobs(plan);
  Result *results = batch_plan_results(plan);
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
  for (int k = 0; k < n; k++) {
    if (!proc_start(&procs[k], exe, env) || !jx_wire_send(procs[k].in, setup)) {
      fprintf(stderr, "jixiao: cannot start a worker: %s\n", g_strerror(errno));
      ok = false;
      if (procs[k].in >= 0)
        close(procs[k].in);
      procs[k].in = -1;
      continue;
    }
    proc_next(&procs[k], plan, todo);
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
        proc_next(&procs[k], plan, todo);
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
  b.docx = flags & 256;
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
    batch_job_clear(&j);
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

/* Runs the plan's jobs: in this process, or in worker processes. */
static bool run_all(const JxBatch *b, Plan *plan, Progress *p) {
  GArray *jobs = batch_plan_jobs(plan);
  Result *results = batch_plan_results(plan);
  /* no worker is started for a run whose documents are all up to date */
  if (!batch_plan_ready(plan))
    return true;
  int n = MAX(1, MIN(b->jobs, (int)jobs->len));
  if (n == 1) {
    Worker w = {0};
    GError *err = NULL;
    if (!batch_worker_open(&w, b, &err)) {
      fprintf(stderr, "jixiao: %s\n", err->message);
      g_error_free(err);
      return false;
    }
    for (gint64 i; (i = batch_plan_next(plan)) >= 0;) {
      run_job(b, &w, &g_array_index(jobs, Job, i), &results[i]);
      p->done++;
      progress_show(p);
    }
    batch_worker_close(&w);
    return true;
  }
  bool *got = g_new0(bool, jobs->len), *todo = g_new0(bool, jobs->len);
  bool ok = run_workers(b, plan, todo, n, got, p);
  for (guint i = 0; i < jobs->len; i++)
    if (todo[i] && !got[i]) {
      results[i].rc = EX_SOFTWARE;
      g_ptr_array_set_size(results[i].files, 0);
      g_ptr_array_add(results[i].notes,
                      g_strdup_printf("jixiao: %s: its worker stopped before finishing",
                                      g_array_index(jobs, Job, i).name));
    }
  g_free(got);
  g_free(todo);
  return ok;
}

/* ---- the run ---- */

/* Whether the summary or the site (job i, after the departments') is made
 * by this run: when it is not up to date, or the departments' documents
 * it shows were (some of them) made now; else its files as they are. */
static bool to_make(const JxBatch *b, GKeyFile *state, const Job *j, Result *r, bool made) {
  GPtrArray *same = b->force ? NULL : batch_up_to_date(state, j);
  if (!same || made) {
    if (same)
      g_ptr_array_free(same, TRUE);
    return true;
  }
  g_ptr_array_free(r->files, TRUE);
  r->files = same;
  r->skipped = true;
  if (b->verbosity > 1)
    fprintf(stderr, "jixiao: %s: up to date\n", j->prefix);
  return false;
}

int jx_batch_render(const JxBatch *b, JxBatchFeed *feed) {
  if (g_mkdir_with_parents(b->out_dir, 0777) != 0) {
    fprintf(stderr, "jixiao: cannot create the folder %s: %s\n", b->out_dir, g_strerror(errno));
    return EX_CANTCREAT;
  }
  GKeyFile *state = g_key_file_new();
  char *spath = batch_state_path(b);
  g_key_file_load_from_file(state, spath, G_KEY_FILE_NONE, NULL);
  g_free(spath);
  Plan *plan = batch_plan_new(b, feed, state);
  Progress p = {isatty(STDERR_FILENO) && b->verbosity > 0,
                0,
                batch_plan_jobs(plan)->len,
                g_get_monotonic_time(),
                plan,
                false};
  int rc = EX_OK;
  if (!run_all(b, plan, &p) && rc == EX_OK)
    rc = EX_SOFTWARE;
  /* the jobs found up to date after the last one made */
  if (p.done && !p.ended)
    progress_show(&p);
  if (feed->broken && rc == EX_OK)
    rc = EX_IOERR;
  if (batch_plan_unindexed(plan)) {
    fprintf(stderr,
            "jixiao: %u departments read were not in the index of the inputs (a file changed "
            "while it was read?): run again\n",
            batch_plan_unindexed(plan));
    rc = EX_SOFTWARE;
  }
  GPtrArray *cards = NULL;
  batch_plan_finish(plan, &cards);
  GArray *jobs = batch_plan_jobs(plan);
  Result *results = batch_plan_results(plan);
  bool made = batch_plan_made(plan) > 0, make_summary = false, make_site = false;
  for (guint i = 0; i < jobs->len; i++) {
    const Job *j = &g_array_index(jobs, Job, i);
    if (j->summary)
      make_summary = to_make(b, state, j, &results[i], made);
    else if (j->site)
      make_site = to_make(b, state, j, &results[i], made || make_summary);
  }
  if (make_summary)
    batch_make_summary(b, cards, jobs, results, state);
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
  batch_plan_free(plan);
  g_key_file_free(state);
  /* the reading process holds a group of departments at a time */
  if (b->verbosity > 1)
    fprintf(stderr, "jixiao: the reading process peaked at %.1f MB\n", (double)own_peak() / 1024);
  return rc;
}
