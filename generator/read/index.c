/* index.c - the departments of each input file, read once and cached. */
#include "read/index.h"

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

#ifndef JX_VERSION
#define JX_VERSION "0.0.0"
#endif

/* A project name over every file: how many departments hold it and the
 * last of them. */
typedef struct {
  const char *department;
  guint departments;
} Named;

/* The kinds of name a file holds, in the order they are packed. */
enum { DEPARTMENTS, PROJECTS, NAMED, BARE, KINDS };

/* What one input file holds: the departments it adds to, the projects it
 * gives them, the departments its actuals name (部门 cells) and the
 * projects they name without one; packed in one block, each name ending
 * in NUL, as a province has hundreds of thousands of files. */
/* What tells a file unchanged for the index: its size, modification time
 * and inode.  Not the status-change time, which a chmod moves too. */
typedef struct {
  gint64 size, sec, nsec;
  guint64 inode;
} Stamp;

typedef struct {
  const char *path;     /* in the index's strings */
  const char *names;    /* its departments, then the named and the bare */
  const char *projects; /* its projects' names, in the projects' strings */
  Stamp stamp;          /* when it was indexed */
  guint n[KINDS];
  guint *owner; /* each project's department (its number); NULL when none */
} File;

struct JxIndex {
  GPtrArray *files;              /* File *, in reading order */
  GStringChunk *strings;         /* the files' paths and names, in few blocks */
  GStringChunk *project_strings; /* their projects', dropped when not needed */
  guint scanned;
  GHashTable *projects; /* jx_text_key of a project -> Named *; built when asked */
  GHashTable *holders;  /* the departments with a project (keys into files' names) */
  bool dropped;         /* the project names are not kept (drop_projects) */
};

/* A file's names as they are gathered, kind after kind. */
typedef struct {
  GString *names, *projects;
  guint n[KINDS];
  int kind; /* the last added */
  GArray *owner;
} Builder;

static void builder_init(Builder *b) {
  b->names = g_string_new(NULL);
  b->projects = g_string_new(NULL);
  memset(b->n, 0, sizeof b->n);
  b->kind = 0;
  b->owner = g_array_new(FALSE, FALSE, sizeof(guint));
}

/* Adds a name of kind (not before one of a later kind: false). */
static bool builder_add(Builder *b, int kind, const char *name) {
  if (kind < b->kind)
    return false;
  b->kind = kind;
  g_string_append_len(kind == PROJECTS ? b->projects : b->names, name, (gssize)strlen(name) + 1);
  b->n[kind]++;
  return true;
}

/* The file the builder has gathered, its names copied into x's strings;
 * path is there already. */
static File *builder_file(Builder *b, JxIndex *x, const char *path, const Stamp *stamp) {
  File *f = g_new0(File, 1);
  f->path = path; /* in x's strings already, or set by the caller */
  f->stamp = *stamp;
  memcpy(f->n, b->n, sizeof f->n);
  f->names = g_string_chunk_insert_len(x->strings, b->names->str, (gssize)b->names->len);
  f->projects =
      g_string_chunk_insert_len(x->project_strings, b->projects->str, (gssize)b->projects->len);
  f->owner = b->owner->len ? g_memdup2(b->owner->data, b->owner->len * sizeof(guint)) : NULL;
  g_string_free(b->names, TRUE);
  g_string_free(b->projects, TRUE);
  g_array_free(b->owner, TRUE);
  return f;
}

static void file_free(File *f) {
  g_free(f->owner);
  g_free(f);
}

/* Points v[0 …] at each name of f in order; returns where each kind
 * starts in v (at[KINDS] is the end).  Caller frees *v. */
static void unpack(const File *f, const char ***v, guint at[KINDS + 1]) {
  at[0] = 0;
  for (int k = 0; k < KINDS; k++)
    at[k + 1] = at[k] + f->n[k];
  *v = g_new(const char *, at[KINDS] + 1);
  const char *p = f->names, *q = f->projects;
  for (guint i = 0; i < at[KINDS]; i++) {
    const char **from = i >= at[PROJECTS] && i < at[PROJECTS + 1] ? &q : &p;
    (*v)[i] = *from;
    *from += strlen(*from) + 1;
  }
}

/* The department of project k of f. */
static const char *owner_of(const File *f, const char **v, guint k) {
  return v[f->owner[k]];
}

void jx_index_free(JxIndex *x) {
  if (!x)
    return;
  g_ptr_array_free(x->files, TRUE);
  if (x->projects)
    g_hash_table_destroy(x->projects);
  g_hash_table_destroy(x->holders);
  g_string_chunk_free(x->strings);
  if (x->project_strings)
    g_string_chunk_free(x->project_strings);
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
    for (guint k = 0; k < d->projects->len; k++) {
      builder_add(&b, PROJECTS, ((JxProject *)g_ptr_array_index(d->projects, k))->name);
      g_array_append_val(b.owner, i);
    }
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

/* ---- the cache: a header line, then a line a name ----
 *   F path stamp | D department | P department-number project
 *   N department (named by actuals) | B project (named without one)
 * fields separated by tabs, each escaped as a C string. */

static char *cache_header(const char *encoding) {
  return g_strdup_printf("jixiao-index 2 %s %s", JX_VERSION, encoding ? encoding : "-");
}

static void put_field(FILE *out, const char *field) {
  /* tabs, newlines and backslashes escaped, UTF-8 left as it is */
  static const char utf8[129] = {
#define R8(n)                                                                                      \
  (char)(n), (char)(n + 1), (char)(n + 2), (char)(n + 3), (char)(n + 4), (char)(n + 5),            \
      (char)(n + 6), (char)(n + 7)
      R8(0x80), R8(0x88), R8(0x90), R8(0x98), R8(0xA0), R8(0xA8), R8(0xB0), R8(0xB8),
      R8(0xC0), R8(0xC8), R8(0xD0), R8(0xD8), R8(0xE0), R8(0xE8), R8(0xF0), R8(0xF8),
#undef R8
  };
  char *e = g_strescape(field, utf8);
  fputc('\t', out);
  fputs(e, out);
  g_free(e);
}

/* Writes f's lines; false when out failed. */
static bool put_file(FILE *out, const File *f) {
  static const char kinds[] = "DPNB";
  fputc('F', out);
  put_field(out, f->path);
  fprintf(out,
          "\t%" G_GINT64_FORMAT " %" G_GINT64_FORMAT ".%09" G_GINT64_FORMAT " %" G_GUINT64_FORMAT
          "\n",
          f->stamp.size, f->stamp.sec, f->stamp.nsec, f->stamp.inode);
  const char **v;
  guint at[KINDS + 1];
  unpack(f, &v, at);
  for (int k = 0; k < KINDS; k++)
    for (guint j = at[k]; j < at[k + 1]; j++) {
      fputc(kinds[k], out);
      if (k == PROJECTS)
        fprintf(out, "\t%u", f->owner[j - at[k]]);
      put_field(out, v[j]);
      fputc('\n', out);
    }
  g_free(v);
  return !ferror(out);
}

/* Writes the cache a line at a time into a file beside it, renamed over it
 * when whole: a province's index is tens of megabytes, not to be held as
 * one string, and a run stopped while writing it leaves the old one. */
static void cache_save(const JxIndex *x, const char *cache, const char *encoding) {
  char *tmp = g_strconcat(cache, ".XXXXXX", NULL);
  int slot = -1;
  int fd = jx_interrupt_mkstemp(tmp, &slot);
  FILE *out = fd >= 0 ? fdopen(fd, "w") : NULL;
  if (fd >= 0 && !out)
    close(fd);
  bool ok = out != NULL;
  if (ok) {
    /* as readable as any file the run writes (mkstemp makes it 0600) */
    mode_t mask = umask(0);
    umask(mask);
    fchmod(fd, 0666 & ~mask);
    char *header = cache_header(encoding);
    fprintf(out, "%s\n", header);
    g_free(header);
    for (guint i = 0; i < x->files->len && ok; i++)
      ok = put_file(out, g_ptr_array_index(x->files, i));
    ok = fclose(out) == 0 && ok;
  }
  /* a cache not written is only slower next time */
  if (ok)
    ok = g_rename(tmp, cache) == 0;
  if (!ok && fd >= 0)
    g_unlink(tmp);
  if (slot >= 0)
    jx_interrupt_release(slot);
  g_free(tmp);
}

/* The records of a cache, or of a process that indexed some files, read
 * one file at a time; line is the next line, without its newline. */
typedef struct {
  FILE *in;
  char *line;
  size_t cap;
  ssize_t len; /* of line; -1 at the end */
  bool ok;     /* false once a line is broken */
} Records;

static void records_advance(Records *r) {
  r->len = getline(&r->line, &r->cap, r->in);
  if (r->len <= 0) {
    r->len = -1;
    return;
  }
  /* a last line cut short: written by a run that was stopped */
  if (r->line[r->len - 1] != '\n') {
    r->ok = false;
    r->len = -1;
    return;
  }
  r->line[--r->len] = '\0';
}

/* The fields of a line, unescaped; caller frees. */
static gchar **fields_of(const char *line, guint *n) {
  gchar **p = g_strsplit(line, "\t", 4);
  *n = g_strv_length(p);
  for (guint i = 1; i < *n; i++) {
    char *plain = g_strcompress(p[i]);
    g_free(p[i]);
    p[i] = plain;
  }
  return p;
}

/* The next file of r, its names in x's strings and its path in *path
 * (caller frees; the file's own path is not set); NULL at the end or when
 * a line is broken (r->ok false). */
static File *records_next(Records *r, JxIndex *x, char **path_out) {
  *path_out = NULL;
  if (r->len < 0 || !r->ok)
    return NULL;
  guint n;
  gchar **p = fields_of(r->line, &n);
  long long size, sec, nsec;
  unsigned long long inode;
  if (p[0][0] != 'F' || n != 3 ||
      sscanf(p[2], "%lld %lld.%lld %llu", &size, &sec, &nsec, &inode) != 4) {
    g_strfreev(p);
    r->ok = false;
    return NULL;
  }
  Builder b;
  builder_init(&b);
  char *path = g_strdup(p[1]);
  Stamp stamp = {size, sec, nsec, inode};
  g_strfreev(p);
  for (records_advance(r); r->ok && r->len >= 0 && r->line[0] != 'F'; records_advance(r)) {
    p = fields_of(r->line, &n);
    int kind = p[0][0] == 'D'   ? DEPARTMENTS
               : p[0][0] == 'P' ? PROJECTS
               : p[0][0] == 'N' ? NAMED
               : p[0][0] == 'B' ? BARE
                                : -1;
    if (kind == PROJECTS && n == 3) {
      guint owner = (guint)g_ascii_strtoull(p[1], NULL, 10);
      r->ok = owner < b.n[DEPARTMENTS] && builder_add(&b, kind, p[2]);
      g_array_append_val(b.owner, owner);
    } else {
      r->ok = kind >= 0 && kind != PROJECTS && n == 2 && builder_add(&b, kind, p[1]);
    }
    g_strfreev(p);
  }
  File *f = builder_file(&b, x, NULL, &stamp);
  if (!r->ok) {
    file_free(f);
    g_free(path);
    return NULL;
  }
  *path_out = path;
  return f;
}

/* The files the cache holds, by path; an empty table when it is missing,
 * of another version or encoding, or broken anywhere. */
static GHashTable *cache_load(JxIndex *x, const char *cache, const char *encoding) {
  GHashTable *by_path =
      g_hash_table_new_full(g_str_hash, g_str_equal, NULL, (GDestroyNotify)file_free);
  /* a line at a time: the index of a province is tens of megabytes */
  FILE *in = cache ? fopen(cache, "r") : NULL;
  if (!in)
    return by_path;
  Records r = {in, NULL, 0, -1, true};
  char *header = cache_header(encoding);
  records_advance(&r);
  r.ok = r.ok && r.len >= 0 && strcmp(r.line, header) == 0;
  g_free(header);
  if (r.ok)
    records_advance(&r);
  char *path;
  for (File *f; (f = records_next(&r, x, &path));) {
    f->path = g_string_chunk_insert(x->strings, path);
    g_free(path);
    g_hash_table_replace(by_path, (gpointer)f->path, f);
  }
  free(r.line);
  fclose(in);
  if (!r.ok)
    g_hash_table_remove_all(by_path);
  return by_path;
}

static Stamp stamp_of(const char *path) {
  GStatBuf st;
  if (g_stat(path, &st) != 0)
    return (Stamp){-1, 0, 0, 0};
  return (Stamp){st.st_size, st.st_mtim.tv_sec, st.st_mtim.tv_nsec, st.st_ino};
}

static bool same_stamp(const Stamp *a, const Stamp *b) {
  return a->size == b->size && a->sec == b->sec && a->nsec == b->nsec && a->inode == b->inode;
}

/* Drops every file's project names when no actuals name a project
 * without its department: then nothing looks them up (an actual that names
 * its department is read with it), and a province's index would hold a
 * million of them. */
static void drop_projects(JxIndex *x) {
  for (guint i = 0; i < x->files->len; i++)
    if (((File *)g_ptr_array_index(x->files, i))->n[BARE])
      return;
  x->dropped = true;
  /* the holders are the departments, which stay */
  for (guint i = 0; i < x->files->len; i++) {
    File *f = g_ptr_array_index(x->files, i);
    f->n[PROJECTS] = 0;
    f->projects = NULL;
    g_free(f->owner);
    f->owner = NULL;
  }
  g_string_chunk_free(x->project_strings);
  x->project_strings = NULL;
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
      bool ok = put_file(out, f);
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
  enum { MOST = 16, LEAST = 64 }; /* processes; files a process at least */
  guint n = (guint)CLAMP(jobs, 1, MOST);
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
  x->project_strings = g_string_chunk_new(1 << 16);
  GHashTable *cached = cache_load(x, cache, encoding);
  File **slot = g_new0(File *, names->len ? names->len : 1);
  GArray *todo = g_array_new(FALSE, FALSE, sizeof(Todo));
  /* each path held once, in the index's strings, from here on */
  g_ptr_array_set_free_func(names, NULL);
  for (guint i = 0; i < names->len; i++) {
    char *path = g_ptr_array_index(names, i);
    Stamp stamp = stamp_of(path);
    File *f = g_hash_table_lookup(cached, path);
    /* a file named twice is read again the second time */
    if (f && same_stamp(&f->stamp, &stamp)) {
      g_hash_table_steal(cached, path);
      slot[i] = f;
      names->pdata[i] = (gpointer)f->path;
    } else {
      g_array_append_val(todo, ((Todo){i, stamp}));
      names->pdata[i] = g_string_chunk_insert(x->strings, path);
    }
    g_free(path);
  }
  scan_files(x, names, todo, encoding, jobs, slot);
  x->scanned = todo->len;
  g_array_free(todo, TRUE);
  x->files = g_ptr_array_new_full(names->len, (GDestroyNotify)file_free);
  x->holders = g_hash_table_new(g_str_hash, g_str_equal);
  for (guint i = 0; i < names->len; i++) {
    File *f = slot[i];
    g_ptr_array_add(x->files, f);
    const char **v;
    guint at[KINDS + 1];
    unpack(f, &v, at);
    for (guint k = 0; k < f->n[PROJECTS]; k++)
      g_hash_table_add(x->holders, (gpointer)owner_of(f, v, k));
    g_free(v);
  }
  g_free(slot);
  g_ptr_array_free(names, TRUE);
  if (cache && (x->scanned || g_hash_table_size(cached)))
    cache_save(x, cache, encoding);
  g_hash_table_destroy(cached);
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
 * order. */
static void each_project(const JxIndex *x, void (*fn)(const char *d, const char *p, void *data),
                         void *data) {
  for (guint i = 0; i < x->files->len; i++) {
    const File *f = g_ptr_array_index(x->files, i);
    const char **v;
    guint at[KINDS + 1];
    unpack(f, &v, at);
    for (guint k = 0; k < f->n[PROJECTS]; k++)
      fn(owner_of(f, v, k), v[at[PROJECTS] + k], data);
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

bool jx_index_project_names(const JxIndex *x, const char *department, GPtrArray *out) {
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
    unpack(f, &v, at);
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
