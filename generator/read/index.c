/* index.c - the departments of each input file, read once and cached. */
#include "read/index.h"

#include "read/indexfile.h"

#include "model/text.h"

#include "render/interrupt.h"

#include <glib/gstdio.h>
#include <sys/stat.h>
#include <sys/wait.h>

#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

/* A project name over every file: how many departments hold it and the
 * last of them. */
typedef struct {
  const char *department;
  guint departments;
} Named;

void jx_index_free(JxIndex *x) {
  if (!x)
    return;
  g_ptr_array_free(x->files, TRUE);
  if (x->projects)
    g_hash_table_destroy(x->projects);
  g_hash_table_destroy(x->holders);
  g_string_chunk_free(x->strings);
  if (x->spill)
    fclose(x->spill);
  g_free(x->spill_data);
  g_free(x);
}

/* Reads the file at path alone into a model of its own and keeps the
 * names.  A file that cannot be read is indexed as holding nothing: reading
 * it for the report says why. */
static File *scan(JxIndex *x, const char *path, const Stamp *stamp, const char *encoding) {
  Builder b;
  builder_init(&b);
  char *bytes = NULL;
  gsize len = 0;
  if (!g_file_get_contents(path, &bytes, &len, NULL))
    return builder_file(&b, x, path, stamp);
  JxModel *m = jx_model_new();
  JxReader *r = jx_reader_new(m, encoding);
  jx_reader_names_only(r);
  JxDiag *diag = jx_diag_new(path);
  JxTableInfo info;
  jx_reader_read(r, path, bytes, len, diag, &info);
  g_free(bytes);
  for (guint i = 0; i < m->departments->len; i++)
    builder_add(&b, DEPARTMENTS, ((JxDepartment *)g_ptr_array_index(m->departments, i))->name);
  for (guint i = 0; i < m->departments->len; i++) {
    const JxDepartment *d = g_ptr_array_index(m->departments, i);
    for (guint k = 0; k < d->projects->len; k++)
      builder_add_project(&b, i, ((JxProject *)g_ptr_array_index(d->projects, k))->name);
  }
  GPtrArray *named = g_ptr_array_new_with_free_func(g_free);
  GPtrArray *bare = g_ptr_array_new_with_free_func(g_free);
  jx_reader_references(r, named, bare);
  for (guint i = 0; i < named->len; i++)
    builder_add(&b, NAMED, g_ptr_array_index(named, i));
  for (guint i = 0; i < bare->len; i++)
    builder_add(&b, BARE, g_ptr_array_index(bare, i));
  g_ptr_array_free(named, TRUE);
  g_ptr_array_free(bare, TRUE);
  jx_reader_free(r);
  jx_table_info_clear(&info);
  jx_diag_free(diag);
  jx_model_free(m);
  return builder_file(&b, x, path, stamp);
}

/* Closes the spill of the projects' names once the cache is written, when
 * no actuals name a project without its department: then nothing looks
 * them up (an actual that names its department is read with it). */
static void drop_projects(JxIndex *x) {
  for (guint i = 0; i < x->files->len; i++)
    if (((File *)g_ptr_array_index(x->files, i))->n[BARE])
      return;
  x->dropped = true;
  /* the holders are the departments, which stay */
  fclose(x->spill);
  x->spill = NULL;
}

/* A file to read for the index: its number in the list and its stamp. */
typedef struct {
  guint i;
  Stamp stamp;
} Todo;

/* The files are shared out in runs of BLOCK: one apiece would give one
 * process every department's targets and the other every department's
 * actuals, where a unit's files sit side by side in a folder. */
enum { BLOCK = 16 };

static guint share_of(guint k, guint jobs) {
  return k / BLOCK % jobs;
}

/* Reads the files of todo of share (of jobs) into slot, or writes them to
 * out; false when out failed. */
static bool scan_share(JxIndex *x, GPtrArray *names, GArray *todo, guint share, guint jobs,
                       const char *encoding, File **slot, FILE *out) {
  for (guint k = 0; k < todo->len; k++) {
    if (share_of(k, jobs) != share)
      continue;
    const Todo *t = &g_array_index(todo, Todo, k);
    File *f = scan(x, g_ptr_array_index(names, t->i), &t->stamp, encoding);
    if (out) {
      bool ok = put_file(out, x, f);
      file_free(f);
      if (!ok)
        return false;
    } else {
      slot[t->i] = f;
    }
  }
  return !out || fflush(out) == 0;
}

/* Reads the files of todo into slot, in up to jobs processes: each file of
 * a province is read alone, and reading them is most of building its
 * index.  The other processes are forks, which write what they found in
 * the cache's lines to a temporary file each; a file whose process did not
 * end well is read here after all. */
static void scan_files(JxIndex *x, GPtrArray *names, GArray *todo, const char *encoding, int jobs,
                       File **slot) {
  enum { MOST = 32, LEAST = 64 }; /* processes; files a process at least */
  /* two a core asked for: while one waits for the disk another reads what
   * it has (a province's 5.9 GB from the disk: 66 s with two processes on
   * two cores, 46 s with four; 43 s and 40 s from the page cache) */
  guint n = jobs > 1 ? (guint)MIN(jobs, MOST / 2) * 2 : 1;
  n = MIN(n, MAX(todo->len / LEAST, 1));
  pid_t pid[MOST];
  FILE *out[MOST];
  guint forked = 0;
  fflush(NULL);
  for (guint c = 1; c < n; c++) {
    FILE *f = tmpfile();
    pid_t p = f ? fork() : -1;
    if (p == 0) {
      /* the parent's handlers would remove its own files */
      signal(SIGINT, SIG_DFL);
      signal(SIGTERM, SIG_DFL);
      signal(SIGHUP, SIG_DFL);
      /* a spill of its own: the parent's file offset is shared with it */
      x->spill = tmpfile();
      x->spill_size = 0;
      _exit(scan_share(x, names, todo, c, n, encoding, NULL, f) ? 0 : 1);
    }
    if (p < 0) {
      if (f)
        fclose(f);
      break;
    }
    jx_interrupt_child(p);
    pid[forked] = p;
    out[forked++] = f;
  }
  /* this process reads the first share and any a fork was not made for */
  for (guint c = 0; c < n; c++)
    if (c == 0 || c > forked)
      scan_share(x, names, todo, c, n, encoding, slot, NULL);
  for (guint c = 1; c <= forked; c++) {
    int st = 0;
    while (waitpid(pid[c - 1], &st, 0) < 0 && errno == EINTR)
      ;
    jx_interrupt_forget(pid[c - 1]);
    bool ok = WIFEXITED(st) && WEXITSTATUS(st) == 0 && fseek(out[c - 1], 0, SEEK_SET) == 0;
    Records r = {out[c - 1], NULL, 0, -1, ok};
    if (ok)
      records_advance(&r);
    for (guint k = 0; ok && k < todo->len; k++) {
      if (share_of(k, n) != c)
        continue;
      const Todo *t = &g_array_index(todo, Todo, k);
      char *path = NULL;
      File *f = records_next(&r, x, &path);
      ok = f && strcmp(path, g_ptr_array_index(names, t->i)) == 0;
      if (ok) {
        f->path = g_ptr_array_index(names, t->i);
        slot[t->i] = f;
      } else if (f) {
        file_free(f);
      }
      g_free(path);
    }
    free(r.line);
    fclose(out[c - 1]);
  }
  for (guint k = 0; k < todo->len; k++) {
    const Todo *t = &g_array_index(todo, Todo, k);
    if (!slot[t->i])
      slot[t->i] = scan(x, g_ptr_array_index(names, t->i), &t->stamp, encoding);
  }
}

JxIndex *jx_index_build(char *const *paths, int n, const char *encoding, const char *cache,
                        int jobs, JxInputsStatus *status, char **message) {
  GPtrArray *names = g_ptr_array_new_with_free_func(g_free);
  *status = jx_inputs_list(paths, n, names, message);
  if (*status != JX_INPUTS_OK) {
    g_ptr_array_free(names, TRUE);
    return NULL;
  }
  JxIndex *x = g_new0(JxIndex, 1);
  x->strings = g_string_chunk_new(1 << 16);
  x->spill = tmpfile();
  x->spill_failed = x->spill ? 0 : errno;
  File **slot = g_new0(File *, names->len ? names->len : 1);
  /* each path held once, in the index's strings, from here on */
  g_ptr_array_set_free_func(names, NULL);
  GHashTable *listed = g_hash_table_new(g_str_hash, g_str_equal);
  for (guint i = 0; i < names->len; i++) {
    char *path = g_ptr_array_index(names, i);
    names->pdata[i] = g_string_chunk_insert(x->strings, path);
    g_free(path);
    /* a file named twice is read again the second time */
    if (!g_hash_table_contains(listed, names->pdata[i]))
      g_hash_table_insert(listed, names->pdata[i], GUINT_TO_POINTER(i + 1));
  }
  /* what the cache has of files unchanged since; the others are read */
  bool cache_stale = !cache_load(x, cache, encoding, listed, slot);
  g_hash_table_destroy(listed);
  GArray *todo = g_array_new(FALSE, FALSE, sizeof(Todo));
  for (guint i = 0; i < names->len; i++)
    if (!slot[i])
      g_array_append_val(todo, ((Todo){i, stamp_of(g_ptr_array_index(names, i))}));
  scan_files(x, names, todo, encoding, jobs, slot);
  x->scanned = todo->len;
  g_array_free(todo, TRUE);
  x->files = g_ptr_array_new_full(names->len, (GDestroyNotify)file_free);
  x->holders = g_hash_table_new(g_str_hash, g_str_equal);
  for (guint i = 0; i < names->len; i++) {
    File *f = slot[i];
    g_ptr_array_add(x->files, f);
    const char *d = f->names;
    for (guint k = 0, h = 0; k < f->n[DEPARTMENTS]; k++, d += strlen(d) + 1)
      if (f->holds == HOLDS_ALL || (f->holds == HOLDS_SOME && f->holding[h] == k && ++h))
        g_hash_table_add(x->holders, (gpointer)d);
  }
  g_free(slot);
  g_ptr_array_free(names, TRUE);
  if (x->spill_failed) {
    *message = g_strdup_printf("a temporary file of the index could not be written: %s",
                               g_strerror(x->spill_failed));
    *status = JX_INPUTS_IO;
    jx_index_free(x);
    return NULL;
  }
  if (cache && (x->scanned || cache_stale))
    cache_save(x, cache, encoding);
  drop_projects(x);
  return x;
}

guint jx_index_files(const JxIndex *x) {
  return x->files->len;
}

const char *jx_index_path(const JxIndex *x, guint i) {
  return ((File *)g_ptr_array_index(x->files, i))->path;
}

guint jx_index_scanned(const JxIndex *x) {
  return x->scanned;
}

GPtrArray *jx_index_departments(const JxIndex *x) {
  GPtrArray *out = g_ptr_array_new();
  GHashTable *seen = g_hash_table_new(g_str_hash, g_str_equal);
  for (guint i = 0; i < x->files->len; i++) {
    const File *f = g_ptr_array_index(x->files, i);
    const char *d = f->names;
    for (guint k = 0; k < f->n[DEPARTMENTS]; k++, d += strlen(d) + 1) {
      /* the holders' own copy, which lives as long as the index */
      gpointer held = NULL;
      if (g_hash_table_lookup_extended(x->holders, d, &held, NULL) && g_hash_table_add(seen, held))
        g_ptr_array_add(out, held);
    }
  }
  g_hash_table_destroy(seen);
  return out;
}

bool jx_index_has_projects(const JxIndex *x) {
  return g_hash_table_size(x->holders) > 0;
}

bool jx_index_has_department(const JxIndex *x, const char *name) {
  return g_hash_table_contains(x->holders, name);
}

/* Calls fn with each project of every file and its department, in file
 * order; the names last as long as x.  Read back from the spill whole, the
 * first time: this is asked only where actuals name a project without its
 * department. */
static void each_project(JxIndex *x, void (*fn)(const char *d, const char *p, void *data),
                         void *data) {
  if (!x->spill_data && x->spill && x->spill_size > 0) {
    char *all = g_malloc((gsize)x->spill_size);
    if (fflush(x->spill) == 0 && fseeko(x->spill, 0, SEEK_SET) == 0 &&
        fread(all, 1, (size_t)x->spill_size, x->spill) == (size_t)x->spill_size)
      x->spill_data = all;
    else
      g_free(all);
  }
  if (!x->spill_data)
    return;
  for (guint i = 0; i < x->files->len; i++) {
    const File *f = g_ptr_array_index(x->files, i);
    if (!f->n[PROJECTS])
      continue;
    const char **v;
    guint at[KINDS + 1];
    file_unpack(f, &v, at);
    const char *p = x->spill_data + f->spill_at;
    for (guint k = 0; k < f->n[PROJECTS]; k++) {
      guint owner;
      const char *name;
      p = project_next(p, &owner, &name);
      fn(v[owner], name, data);
    }
    g_free(v);
  }
}

/* Counts project p of department d in x->projects, once a department. */
static void count_project(const char *d, const char *p, void *data) {
  JxIndex *x = ((gpointer *)data)[0];
  GHashTable *pairs = ((gpointer *)data)[1];
  char *key = jx_text_key(p);
  if (!g_hash_table_add(pairs, g_strconcat(d, "\t", key, NULL))) {
    g_free(key);
    return;
  }
  Named *n = g_hash_table_lookup(x->projects, key);
  if (!n) {
    n = g_new0(Named, 1);
    g_hash_table_insert(x->projects, key, n);
  } else {
    g_free(key);
  }
  gpointer held = NULL;
  g_hash_table_lookup_extended(x->holders, d, &held, NULL);
  n->department = held;
  n->departments++;
}

guint jx_index_project_departments(JxIndex *x, const char *project, const char **sole) {
  if (!x->projects) {
    x->projects = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, g_free);
    GHashTable *pairs = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, NULL);
    each_project(x, count_project, (gpointer[]){x, pairs});
    g_hash_table_destroy(pairs);
  }
  char *key = jx_text_key(project);
  const Named *n = g_hash_table_lookup(x->projects, key);
  g_free(key);
  if (sole)
    *sole = n && n->departments == 1 ? n->department : NULL;
  return n ? n->departments : 0;
}

typedef struct {
  const char *department;
  GPtrArray *out;
  GHashTable *seen;
} Names;

static void add_name(const char *d, const char *p, void *data) {
  Names *n = data;
  /* a department's project given in two files is one project */
  if ((!n->department || strcmp(d, n->department) == 0) &&
      g_hash_table_add(n->seen, g_strconcat(d, "\t", p, NULL)))
    g_ptr_array_add(n->out, (gpointer)p);
}

bool jx_index_project_names(JxIndex *x, const char *department, GPtrArray *out) {
  if (x->dropped)
    return false;
  Names n = {department, out, g_hash_table_new_full(g_str_hash, g_str_equal, g_free, NULL)};
  each_project(x, add_name, &n);
  g_hash_table_destroy(n.seen);
  return true;
}

/* ---- groups ---- */

static guint find(guint *parent, guint i) {
  while (parent[i] != i)
    i = parent[i] = parent[parent[i]];
  return i;
}

/* Joins a and b, the smaller number the root. */
static void join(guint *parent, guint a, guint b) {
  a = find(parent, a);
  b = find(parent, b);
  if (a < b)
    parent[b] = a;
  else if (b < a)
    parent[a] = b;
}

/* Ties file i to department d: to the first file tied to it. */
static void tie(GHashTable *first, guint *parent, const char *d, guint i, bool *tied) {
  *tied = true;
  gpointer at;
  if (g_hash_table_lookup_extended(first, d, NULL, &at))
    join(parent, GPOINTER_TO_UINT(at), i);
  else
    g_hash_table_insert(first, (gpointer)d, GUINT_TO_POINTER(i));
}

GPtrArray *jx_index_groups(JxIndex *x, JxKeep keep, void *data) {
  guint n = x->files->len;
  guint *parent = g_new(guint, n);
  bool *wanted = g_new0(bool, n), *linked = g_new0(bool, n);
  GHashTable *first = g_hash_table_new(g_str_hash, g_str_equal);
  for (guint i = 0; i < n; i++)
    parent[i] = i;
  for (guint i = 0; i < n; i++) {
    const File *f = g_ptr_array_index(x->files, i);
    const char **v;
    guint at[KINDS + 1];
    file_unpack(f, &v, at);
    GPtrArray *ds = g_ptr_array_new();
    for (guint k = at[DEPARTMENTS]; k < at[DEPARTMENTS + 1]; k++)
      g_ptr_array_add(ds, (gpointer)v[k]);
    for (guint k = at[NAMED]; k < at[NAMED + 1]; k++)
      g_ptr_array_add(ds, (gpointer)v[k]);
    for (guint k = at[BARE]; k < at[BARE + 1]; k++) {
      const char *sole = NULL;
      /* a project of several departments is an error where it is read:
       * the file, tied to none, is read by every run */
      if (jx_index_project_departments(x, v[k], &sole) == 1)
        g_ptr_array_add(ds, (gpointer)sole);
    }
    for (guint k = 0; k < ds->len; k++) {
      const char *d = g_ptr_array_index(ds, k);
      if (!jx_index_has_department(x, d))
        continue;
      linked[i] = true;
      if (keep && !keep(d, data))
        continue;
      bool tied = false;
      tie(first, parent, d, i, &tied);
      wanted[i] = wanted[i] || tied;
    }
    g_ptr_array_free(ds, TRUE);
    g_free(v);
  }
  GPtrArray *groups = g_ptr_array_new_with_free_func((GDestroyNotify)g_array_unref);
  GArray **by_root = g_new0(GArray *, n);
  for (guint i = 0; i < n; i++) {
    if (!wanted[i] && linked[i])
      continue;
    guint root = find(parent, i);
    if (!by_root[root]) {
      by_root[root] = g_array_new(FALSE, FALSE, sizeof(guint));
      g_ptr_array_add(groups, by_root[root]);
    }
    g_array_append_val(by_root[root], i);
  }
  g_free(by_root);
  g_hash_table_destroy(first);
  g_free(parent);
  g_free(wanted);
  g_free(linked);
  return groups;
}
