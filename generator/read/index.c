/* index.c - the departments of each input file, read once and cached. */
#include "read/index.h"

#include "model/text.h"

#include <glib/gstdio.h>
#include <stdio.h>
#include <string.h>

#ifndef JX_VERSION
#define JX_VERSION "0.0.0"
#endif

/* A project name over every file: how many departments hold it and the
 * last of them. */
typedef struct {
  const char *department;
  guint departments;
} Named;

struct JxIndex {
  GPtrArray *files; /* JxIndexFile *, in reading order */
  guint scanned;
  GHashTable *projects; /* jx_text_key of a project -> Named *; built when asked */
  GHashTable *holders;  /* department -> GINT_TO_POINTER(1) when it has a project */
};

static JxIndexFile *file_new(const char *path, const char *stamp) {
  JxIndexFile *f = g_new0(JxIndexFile, 1);
  f->path = g_strdup(path);
  f->stamp = g_strdup(stamp);
  f->departments = g_ptr_array_new_with_free_func(g_free);
  f->projects = g_ptr_array_new_with_free_func(g_free);
  f->owner = g_array_new(FALSE, FALSE, sizeof(guint));
  f->named = g_ptr_array_new_with_free_func(g_free);
  f->bare = g_ptr_array_new_with_free_func(g_free);
  return f;
}

static void file_free(JxIndexFile *f) {
  g_free(f->path);
  g_free(f->stamp);
  g_ptr_array_free(f->departments, TRUE);
  g_ptr_array_free(f->projects, TRUE);
  g_array_free(f->owner, TRUE);
  g_ptr_array_free(f->named, TRUE);
  g_ptr_array_free(f->bare, TRUE);
  g_free(f);
}

void jx_index_free(JxIndex *x) {
  if (!x)
    return;
  g_ptr_array_free(x->files, TRUE);
  if (x->projects)
    g_hash_table_destroy(x->projects);
  g_hash_table_destroy(x->holders);
  g_free(x);
}

/* Reads the file at path alone into a model of its own and keeps the
 * names: its departments and their projects, and what its actuals name.
 * A file that cannot be read is indexed as holding nothing: reading it for
 * the report says why. */
static JxIndexFile *scan(const char *path, const char *stamp, const char *encoding) {
  JxIndexFile *f = file_new(path, stamp);
  char *bytes = NULL;
  gsize len = 0;
  if (!g_file_get_contents(path, &bytes, &len, NULL))
    return f;
  JxModel *m = jx_model_new();
  JxReader *r = jx_reader_new(m, encoding);
  JxDiag *diag = jx_diag_new(path);
  JxTableInfo info;
  jx_reader_read(r, path, bytes, len, diag, &info);
  g_free(bytes);
  for (guint i = 0; i < m->departments->len; i++) {
    const JxDepartment *d = g_ptr_array_index(m->departments, i);
    g_ptr_array_add(f->departments, g_strdup(d->name));
    for (guint k = 0; k < d->projects->len; k++) {
      g_ptr_array_add(f->projects,
                      g_strdup(((JxProject *)g_ptr_array_index(d->projects, k))->name));
      g_array_append_val(f->owner, i);
    }
  }
  jx_reader_references(r, f->named, f->bare);
  jx_reader_free(r);
  jx_table_info_clear(&info);
  jx_diag_free(diag);
  jx_model_free(m);
  return f;
}

/* ---- the cache: a header line, then a line a name ----
 *   F path stamp | D department | P department-number project
 *   N department (named by actuals) | B project (named without one)
 * fields separated by tabs, each escaped as a C string. */

static char *cache_header(const char *encoding) {
  return g_strdup_printf("jixiao-index 1 %s %s", JX_VERSION, encoding ? encoding : "-");
}

static void put_field(GString *s, const char *field) {
  char *e = g_strescape(field, "");
  g_string_append_c(s, '\t');
  g_string_append(s, e);
  g_free(e);
}

static void put_list(GString *s, char kind, GPtrArray *items) {
  for (guint i = 0; i < items->len; i++) {
    g_string_append_c(s, kind);
    put_field(s, g_ptr_array_index(items, i));
    g_string_append_c(s, '\n');
  }
}

static void cache_save(const JxIndex *x, const char *cache, const char *encoding) {
  char *header = cache_header(encoding);
  GString *s = g_string_new(header);
  g_string_append_c(s, '\n');
  g_free(header);
  for (guint i = 0; i < x->files->len; i++) {
    const JxIndexFile *f = g_ptr_array_index(x->files, i);
    g_string_append_c(s, 'F');
    put_field(s, f->path);
    put_field(s, f->stamp);
    g_string_append_c(s, '\n');
    put_list(s, 'D', f->departments);
    for (guint k = 0; k < f->projects->len; k++) {
      g_string_append_printf(s, "P\t%u", g_array_index(f->owner, guint, k));
      put_field(s, g_ptr_array_index(f->projects, k));
      g_string_append_c(s, '\n');
    }
    put_list(s, 'N', f->named);
    put_list(s, 'B', f->bare);
  }
  /* a cache not written is only slower next time */
  g_file_set_contents(cache, s->str, (gssize)s->len, NULL);
  g_string_free(s, TRUE);
}

/* The files the cache holds, by path; an empty table when it is missing,
 * of another version or encoding, or broken anywhere. */
static GHashTable *cache_load(const char *cache, const char *encoding) {
  GHashTable *by_path =
      g_hash_table_new_full(g_str_hash, g_str_equal, NULL, (GDestroyNotify)file_free);
  char *text = NULL;
  if (!cache || !g_file_get_contents(cache, &text, NULL, NULL))
    return by_path;
  char *header = cache_header(encoding);
  bool ok = g_str_has_prefix(text, header) && text[strlen(header)] == '\n';
  char *line = ok ? text + strlen(header) + 1 : NULL;
  g_free(header);
  JxIndexFile *f = NULL;
  while (ok && line && *line) {
    char *end = strchr(line, '\n');
    if (!end)
      break;
    *end = '\0';
    gchar **p = g_strsplit(line, "\t", 4);
    guint n = g_strv_length(p);
    for (guint i = 1; i < n; i++) {
      char *plain = g_strcompress(p[i]);
      g_free(p[i]);
      p[i] = plain;
    }
    if (p[0][0] == 'F' && n == 3) {
      f = file_new(p[1], p[2]);
      g_hash_table_replace(by_path, f->path, f);
    } else if (f && p[0][0] == 'D' && n == 2) {
      g_ptr_array_add(f->departments, g_strdup(p[1]));
    } else if (f && p[0][0] == 'P' && n == 3) {
      guint owner = (guint)g_ascii_strtoull(p[1], NULL, 10);
      ok = owner < f->departments->len;
      g_ptr_array_add(f->projects, g_strdup(p[2]));
      g_array_append_val(f->owner, owner);
    } else if (f && p[0][0] == 'N' && n == 2) {
      g_ptr_array_add(f->named, g_strdup(p[1]));
    } else if (f && p[0][0] == 'B' && n == 2) {
      g_ptr_array_add(f->bare, g_strdup(p[1]));
    } else {
      ok = false;
    }
    g_strfreev(p);
    line = end + 1;
  }
  g_free(text);
  if (!ok)
    g_hash_table_remove_all(by_path);
  return by_path;
}

/* What tells a file unchanged for the index: its size, modification time
 * and inode.  Not the status-change time, which a chmod moves too. */
static char *index_stamp(const char *path) {
  GStatBuf st;
  if (g_stat(path, &st) != 0)
    return g_strdup("");
  return g_strdup_printf("%lld %lld.%09ld %llu", (long long)st.st_size,
                         (long long)st.st_mtim.tv_sec, (long)st.st_mtim.tv_nsec,
                         (unsigned long long)st.st_ino);
}

JxIndex *jx_index_build(char *const *paths, int n, const char *encoding, const char *cache,
                        JxInputsStatus *status, char **message) {
  GPtrArray *names = g_ptr_array_new_with_free_func(g_free);
  *status = jx_inputs_list(paths, n, names, message);
  if (*status != JX_INPUTS_OK) {
    g_ptr_array_free(names, TRUE);
    return NULL;
  }
  GHashTable *cached = cache_load(cache, encoding);
  JxIndex *x = g_new0(JxIndex, 1);
  x->files = g_ptr_array_new_with_free_func((GDestroyNotify)file_free);
  x->holders = g_hash_table_new(g_str_hash, g_str_equal);
  for (guint i = 0; i < names->len; i++) {
    const char *path = g_ptr_array_index(names, i);
    char *stamp = index_stamp(path);
    JxIndexFile *f = g_hash_table_lookup(cached, path);
    if (f && strcmp(f->stamp, stamp) == 0) {
      g_hash_table_steal(cached, path);
    } else {
      f = scan(path, stamp, encoding);
      x->scanned++;
    }
    g_free(stamp);
    g_ptr_array_add(x->files, f);
    for (guint k = 0; k < f->owner->len; k++)
      g_hash_table_add(x->holders,
                       g_ptr_array_index(f->departments, g_array_index(f->owner, guint, k)));
  }
  /* a file named twice is read again the second time */
  if (cache && (x->scanned || g_hash_table_size(cached)))
    cache_save(x, cache, encoding);
  g_hash_table_destroy(cached);
  g_ptr_array_free(names, TRUE);
  return x;
}

guint jx_index_files(const JxIndex *x) {
  return x->files->len;
}

const JxIndexFile *jx_index_file(const JxIndex *x, guint i) {
  return g_ptr_array_index(x->files, i);
}

guint jx_index_scanned(const JxIndex *x) {
  return x->scanned;
}

GPtrArray *jx_index_departments(const JxIndex *x) {
  GPtrArray *out = g_ptr_array_new();
  GHashTable *seen = g_hash_table_new(g_str_hash, g_str_equal);
  for (guint i = 0; i < x->files->len; i++) {
    const JxIndexFile *f = g_ptr_array_index(x->files, i);
    for (guint k = 0; k < f->departments->len; k++) {
      char *d = g_ptr_array_index(f->departments, k);
      if (g_hash_table_contains(x->holders, d) && g_hash_table_add(seen, d))
        g_ptr_array_add(out, d);
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

guint jx_index_project_departments(JxIndex *x, const char *project, const char **sole) {
  if (!x->projects) {
    /* a department that gives a project twice counts once */
    x->projects = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, g_free);
    GHashTable *pairs = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, NULL);
    for (guint i = 0; i < x->files->len; i++) {
      const JxIndexFile *f = g_ptr_array_index(x->files, i);
      for (guint k = 0; k < f->projects->len; k++) {
        const char *d = g_ptr_array_index(f->departments, g_array_index(f->owner, guint, k));
        char *key = jx_text_key(g_ptr_array_index(f->projects, k));
        char *pair = g_strconcat(d, "\t", key, NULL);
        if (g_hash_table_add(pairs, pair)) {
          Named *n = g_hash_table_lookup(x->projects, key);
          if (!n) {
            n = g_new0(Named, 1);
            g_hash_table_insert(x->projects, key, n);
            key = NULL;
          }
          n->department = d;
          n->departments++;
        }
        g_free(key);
      }
    }
    g_hash_table_destroy(pairs);
  }
  char *key = jx_text_key(project);
  const Named *n = g_hash_table_lookup(x->projects, key);
  g_free(key);
  if (sole)
    *sole = n && n->departments == 1 ? n->department : NULL;
  return n ? n->departments : 0;
}

void jx_index_project_names(const JxIndex *x, const char *department, GPtrArray *out) {
  /* a department's project given in two files is one project */
  GHashTable *seen = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, NULL);
  for (guint i = 0; i < x->files->len; i++) {
    const JxIndexFile *f = g_ptr_array_index(x->files, i);
    for (guint k = 0; k < f->projects->len; k++) {
      const char *d = g_ptr_array_index(f->departments, g_array_index(f->owner, guint, k));
      char *p = g_ptr_array_index(f->projects, k);
      if ((!department || strcmp(d, department) == 0) &&
          g_hash_table_add(seen, g_strconcat(d, "\t", p, NULL)))
        g_ptr_array_add(out, p);
    }
  }
  g_hash_table_destroy(seen);
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
    const JxIndexFile *f = g_ptr_array_index(x->files, i);
    GPtrArray *ds = g_ptr_array_new();
    g_ptr_array_extend(ds, f->departments, NULL, NULL);
    for (guint k = 0; k < f->named->len; k++)
      if (jx_index_has_department(x, g_ptr_array_index(f->named, k)))
        g_ptr_array_add(ds, g_ptr_array_index(f->named, k));
    for (guint k = 0; k < f->bare->len; k++) {
      const char *sole = NULL;
      /* a project of several departments is an error where it is read:
       * the file, tied to none, is read by every run */
      if (jx_index_project_departments(x, g_ptr_array_index(f->bare, k), &sole) == 1)
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
