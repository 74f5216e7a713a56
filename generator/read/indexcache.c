/* indexcache.c - each input file's names as the index holds them, its
 * projects in the spill, and the cache of them kept between runs. */
#include "read/indexfile.h"

#include "render/interrupt.h"

#include <glib/gstdio.h>
#include <sys/stat.h>

#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#ifndef JX_VERSION
#define JX_VERSION "0.0.0"
#endif

/* ---- a file's names ---- */

void builder_init(Builder *b) {
  b->names = g_string_new(NULL);
  b->projects = g_string_new(NULL);
  memset(b->n, 0, sizeof b->n);
  b->kind = 0;
  b->owner = g_array_new(FALSE, FALSE, sizeof(guint));
}

bool builder_add(Builder *b, int kind, const char *name) {
  if (kind < b->kind || kind == PROJECTS)
    return false;
  b->kind = kind;
  g_string_append_len(b->names, name, (gssize)strlen(name) + 1);
  b->n[kind]++;
  return true;
}

bool builder_add_project(Builder *b, guint owner, const char *name) {
  if (PROJECTS < b->kind || owner >= b->n[DEPARTMENTS])
    return false;
  b->kind = PROJECTS;
  guint32 o = owner;
  g_string_append_len(b->projects, (const char *)&o, sizeof o);
  g_string_append_len(b->projects, name, (gssize)strlen(name) + 1);
  g_array_append_val(b->owner, owner);
  b->n[PROJECTS]++;
  return true;
}

/* Which of the file's departments the projects' owners are. */
static void set_holding(File *f, const GArray *owner) {
  guint n = f->n[DEPARTMENTS];
  if (!owner->len || !n)
    return;
  bool *has = g_new0(bool, n);
  guint count = 0;
  for (guint k = 0; k < owner->len; k++) {
    guint o = g_array_index(owner, guint, k);
    count += !has[o];
    has[o] = true;
  }
  f->holds = count == n ? HOLDS_ALL : HOLDS_SOME;
  if (f->holds == HOLDS_SOME) {
    f->holding = g_new(guint, count + 1);
    guint j = 0;
    for (guint i = 0; i < n; i++)
      if (has[i])
        f->holding[j++] = i;
    f->holding[j] = G_MAXUINT;
  }
  g_free(has);
}

File *builder_file(Builder *b, JxIndex *x, const char *path, const Stamp *stamp) {
  File *f = g_new0(File, 1);
  f->path = path;
  f->stamp = *stamp;
  memcpy(f->n, b->n, sizeof f->n);
  f->names = g_string_chunk_insert_len(x->strings, b->names->str, (gssize)b->names->len);
  set_holding(f, b->owner);
  if (b->projects->len && x->spill) {
    /* at the end, where the last read may have left it elsewhere */
    f->spill_at = x->spill_size;
    f->spill_len = (guint)b->projects->len;
    if (fseeko(x->spill, (off_t)x->spill_size, SEEK_SET) != 0 ||
        fwrite(b->projects->str, 1, b->projects->len, x->spill) != b->projects->len)
      x->spill_failed = errno ? errno : EIO;
    x->spill_size += (gint64)b->projects->len;
  }
  g_string_free(b->names, TRUE);
  g_string_free(b->projects, TRUE);
  g_array_free(b->owner, TRUE);
  return f;
}

void file_free(File *f) {
  g_free(f->holding);
  g_free(f);
}

void file_unpack(const File *f, const char ***v, guint at[KINDS + 1]) {
  at[0] = 0;
  for (int k = 0; k < KINDS; k++)
    at[k + 1] = at[k] + (k == PROJECTS ? 0 : f->n[k]);
  *v = g_new(const char *, at[KINDS] + 1);
  const char *p = f->names;
  for (guint i = 0; i < at[KINDS]; i++) {
    (*v)[i] = p;
    p += strlen(p) + 1;
  }
}

const char *file_projects(JxIndex *x, const File *f, char **owned) {
  *owned = NULL;
  if (!f->n[PROJECTS])
    return "";
  if (x->spill_data)
    return x->spill_data + f->spill_at;
  if (!x->spill || x->spill_failed)
    return NULL;
  char *buf = g_malloc(f->spill_len);
  if (fflush(x->spill) != 0 || fseeko(x->spill, (off_t)f->spill_at, SEEK_SET) != 0 ||
      fread(buf, 1, f->spill_len, x->spill) != f->spill_len) {
    g_free(buf);
    return NULL;
  }
  *owned = buf;
  return buf;
}

const char *project_next(const char *p, guint *owner, const char **name) {
  guint32 o;
  memcpy(&o, p, sizeof o);
  *owner = o;
  *name = p + sizeof o;
  return *name + strlen(*name) + 1;
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

bool put_file(FILE *out, JxIndex *x, const File *f) {
  fputc('F', out);
  put_field(out, f->path);
  fprintf(out,
          "\t%" G_GINT64_FORMAT " %" G_GINT64_FORMAT ".%09" G_GINT64_FORMAT " %" G_GUINT64_FORMAT
          "\n",
          f->stamp.size, f->stamp.sec, f->stamp.nsec, f->stamp.inode);
  const char **v;
  guint at[KINDS + 1];
  file_unpack(f, &v, at);
  for (guint j = at[DEPARTMENTS]; j < at[DEPARTMENTS + 1]; j++) {
    fputc('D', out);
    put_field(out, v[j]);
    fputc('\n', out);
  }
  char *owned;
  const char *p = file_projects(x, f, &owned);
  for (guint k = 0; p && k < f->n[PROJECTS]; k++) {
    guint owner;
    const char *name;
    p = project_next(p, &owner, &name);
    fprintf(out, "P\t%u", owner);
    put_field(out, name);
    fputc('\n', out);
  }
  g_free(owned);
  for (int kind = NAMED; kind < KINDS; kind++)
    for (guint j = at[kind]; j < at[kind + 1]; j++) {
      fputc(kind == NAMED ? 'N' : 'B', out);
      put_field(out, v[j]);
      fputc('\n', out);
    }
  g_free(v);
  return p && !ferror(out);
}

/* Writes the cache a line at a time into a file beside it, renamed over it
 * when whole: a province's index is tens of megabytes, not to be held as
 * one string, and a run stopped while writing it leaves the old one. */
void cache_save(JxIndex *x, const char *cache, const char *encoding) {
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
      ok = put_file(out, x, g_ptr_array_index(x->files, i));
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

void records_advance(Records *r) {
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

File *records_next(Records *r, JxIndex *x, char **path_out) {
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
      char *end = NULL;
      guint64 owner = g_ascii_strtoull(p[1], &end, 10);
      r->ok = *p[1] && !*end && owner < G_MAXUINT && builder_add_project(&b, (guint)owner, p[2]);
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

Stamp stamp_of(const char *path) {
  GStatBuf st;
  if (g_stat(path, &st) != 0)
    return (Stamp){-1, 0, 0, 0};
  return (Stamp){st.st_size, st.st_mtim.tv_sec, st.st_mtim.tv_nsec, st.st_ino};
}

static bool same_stamp(const Stamp *a, const Stamp *b) {
  return a->size == b->size && a->sec == b->sec && a->nsec == b->nsec && a->inode == b->inode;
}

bool cache_load(JxIndex *x, const char *cache, const char *encoding, GHashTable *listed,
                File **slot) {
  /* a line at a time: the index of a province is tens of megabytes */
  FILE *in = cache ? fopen(cache, "r") : NULL;
  if (!in)
    return g_hash_table_size(listed) == 0;
  Records r = {in, NULL, 0, -1, true};
  char *header = cache_header(encoding);
  records_advance(&r);
  r.ok = r.ok && r.len >= 0 && strcmp(r.line, header) == 0;
  g_free(header);
  if (r.ok)
    records_advance(&r);
  bool whole = true;
  char *path;
  GPtrArray *taken = g_ptr_array_new();
  for (File *f; (f = records_next(&r, x, &path));) {
    gpointer held = NULL, at = NULL;
    guint i = g_hash_table_lookup_extended(listed, path, &held, &at) ? GPOINTER_TO_UINT(at) : 0;
    if (i && !slot[i - 1]) {
      Stamp now = stamp_of(held);
      if (same_stamp(&now, &f->stamp)) {
        f->path = held;
        slot[i - 1] = f;
        g_ptr_array_add(taken, GUINT_TO_POINTER(i));
        f = NULL;
      }
    }
    /* gone, changed or named twice: the cache is to be written anew */
    if (f) {
      whole = false;
      file_free(f);
    }
    g_free(path);
  }
  free(r.line);
  fclose(in);
  /* broken anywhere: none of it is taken */
  for (guint k = 0; !r.ok && k < taken->len; k++) {
    guint i = GPOINTER_TO_UINT(g_ptr_array_index(taken, k));
    file_free(slot[i - 1]);
    slot[i - 1] = NULL;
  }
  whole = whole && r.ok && taken->len == g_hash_table_size(listed);
  g_ptr_array_free(taken, TRUE);
  return whole;
}
