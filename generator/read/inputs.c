/* inputs.c - the files named on the command line, read into one model. */
#include "read/inputs.h"

#include "read/index.h"

#include <errno.h>
#include <glib/gstdio.h>
#include <string.h>

/* Whether a folder's file is one jixiao reads: text tables and workbooks,
 * not the lock files Office leaves beside an open one (~$book.xlsx). */
static bool is_table_file(const char *name) {
  static const char *const kinds[] = {".csv", ".tsv", ".txt", ".xlsx", ".xls", ".docx", NULL};
  const char *base = strrchr(name, '/') ? strrchr(name, '/') + 1 : name;
  if (g_str_has_prefix(base, "~$") || g_str_has_prefix(base, ".~lock."))
    return false;
  char *lower = g_ascii_strdown(base, -1);
  bool yes = false;
  for (int i = 0; kinds[i] && !yes; i++)
    yes = g_str_has_suffix(lower, kinds[i]);
  g_free(lower);
  return yes;
}

static gint compare_paths(gconstpointer a, gconstpointer b) {
  return strcmp(*(char *const *)a, *(char *const *)b);
}

/* Adds the table files below dir to files; false (with *message) on error. */
static bool walk(const char *dir, GPtrArray *files, char **message, int depth) {
  GError *err = NULL;
  GDir *d = g_dir_open(dir, 0, &err);
  if (!d) {
    *message = g_strdup_printf("%s: %s", dir, err->message);
    g_error_free(err);
    return false;
  }
  GPtrArray *here = g_ptr_array_new_with_free_func(g_free);
  const char *name;
  while ((name = g_dir_read_name(d)))
    if (name[0] != '.')
      g_ptr_array_add(here, g_build_filename(dir, name, NULL));
  g_dir_close(d);
  g_ptr_array_sort(here, compare_paths);
  bool ok = true;
  for (guint i = 0; i < here->len && ok; i++) {
    const char *path = g_ptr_array_index(here, i);
    if (g_file_test(path, G_FILE_TEST_IS_DIR)) {
      if (depth < 32 && !g_file_test(path, G_FILE_TEST_IS_SYMLINK))
        ok = walk(path, files, message, depth + 1);
    } else if (is_table_file(path)) {
      /* handed over, not copied: a province's folder is 200,000 names */
      g_ptr_array_add(files, g_ptr_array_index(here, i));
      here->pdata[i] = NULL;
    }
  }
  g_ptr_array_free(here, TRUE);
  return ok;
}

static void input_free(JxInput *f) {
  g_free(f->path);
  jx_diag_free(f->diag);
  jx_table_info_clear(&f->info);
  g_free(f);
}

void jx_inputs_free(JxInputs *in) {
  if (!in)
    return;
  jx_model_free(in->model);
  g_ptr_array_free(in->files, TRUE);
  g_free(in);
}

guint jx_inputs_errors(const JxInputs *in) {
  guint n = 0;
  for (guint i = 0; i < in->files->len; i++)
    n += ((JxInput *)g_ptr_array_index(in->files, i))->diag->errors;
  return n;
}

JxInputsStatus jx_inputs_list(char *const *paths, int n, GPtrArray *names, char **message) {
  *message = NULL;
  JxInputsStatus status = JX_INPUTS_OK;
  for (int i = 0; i < n && status == JX_INPUTS_OK; i++) {
    if (!g_file_test(paths[i], G_FILE_TEST_EXISTS)) {
      *message = g_strdup_printf("%s: no such file or folder", paths[i]);
      status = JX_INPUTS_MISSING;
    } else if (g_file_test(paths[i], G_FILE_TEST_IS_DIR)) {
      guint before = names->len;
      if (!walk(paths[i], names, message, 0))
        status = JX_INPUTS_IO;
      else if (names->len == before) {
        *message = g_strdup_printf(
            "%s: the folder holds no .csv, .tsv, .txt, .xlsx, .xls or .docx file", paths[i]);
        status = JX_INPUTS_EMPTY;
      }
    } else {
      g_ptr_array_add(names, g_strdup(paths[i]));
    }
  }
  return status;
}

/* Reads the files at names (char *) into a new JxInputs; reader set up by
 * the caller. */
static JxInputsStatus read_files(JxReader *reader, JxInputs *in, GPtrArray *names, char **message) {
  JxInputsStatus status = JX_INPUTS_OK;
  for (guint i = 0; i < names->len && status == JX_INPUTS_OK; i++) {
    const char *path = g_ptr_array_index(names, i);
    char *bytes = NULL;
    gsize len = 0;
    GError *err = NULL;
    if (!g_file_get_contents(path, &bytes, &len, &err)) {
      *message = g_strdup_printf("%s: %s", path, err->message);
      status = err->code == G_FILE_ERROR_NOENT ? JX_INPUTS_MISSING : JX_INPUTS_IO;
      g_error_free(err);
      break;
    }
    JxInput *f = g_new0(JxInput, 1);
    f->path = g_strdup(path);
    f->diag = jx_diag_new(path);
    g_ptr_array_add(in->files, f);
    jx_reader_read(reader, path, bytes, len, f->diag, &f->info);
    g_free(bytes);
  }
  if (status == JX_INPUTS_OK)
    jx_reader_finish(reader);
  return status;
}

JxInputs *jx_inputs_new(void) {
  JxInputs *in = g_new0(JxInputs, 1);
  in->model = jx_model_new();
  in->files = g_ptr_array_new_with_free_func((GDestroyNotify)input_free);
  return in;
}

JxInputsStatus jx_inputs_read(char *const *paths, int n, const char *encoding, JxInputs **out,
                              char **message) {
  *out = NULL;
  GPtrArray *names = g_ptr_array_new_with_free_func(g_free);
  JxInputsStatus status = jx_inputs_list(paths, n, names, message);
  if (status != JX_INPUTS_OK) {
    g_ptr_array_free(names, TRUE);
    return status;
  }
  JxInputs *in = jx_inputs_new();
  JxReader *reader = jx_reader_new(in->model, encoding);
  status = read_files(reader, in, names, message);
  jx_reader_free(reader);
  g_ptr_array_free(names, TRUE);
  if (status != JX_INPUTS_OK) {
    jx_inputs_free(in);
    return status;
  }
  *out = in;
  return JX_INPUTS_OK;
}

JxInputs *jx_inputs_read_group(JxIndex *index, const GArray *group, const char *encoding,
                               JxKeep keep, void *data, JxInputsStatus *status, char **message) {
  *message = NULL;
  GPtrArray *names = g_ptr_array_new();
  for (guint i = 0; group && i < group->len; i++)
    g_ptr_array_add(names, (gpointer)jx_index_path(index, g_array_index(group, guint, i)));
  JxInputs *in = jx_inputs_new();
  JxReader *reader = jx_reader_new(in->model, encoding);
  jx_reader_set_scope(reader, index, keep, data);
  *status = read_files(reader, in, names, message);
  jx_reader_free(reader);
  g_ptr_array_free(names, TRUE);
  if (*status != JX_INPUTS_OK) {
    jx_inputs_free(in);
    return NULL;
  }
  return in;
}

char *jx_inputs_stamp(const char *path) {
  GStatBuf st;
  if (g_stat(path, &st) != 0)
    return g_strdup("");
  return g_strdup_printf("%lld %lld.%09ld %lld.%09ld %llu", (long long)st.st_size,
                         (long long)st.st_mtim.tv_sec, (long)st.st_mtim.tv_nsec,
                         (long long)st.st_ctim.tv_sec, (long)st.st_ctim.tv_nsec,
                         (unsigned long long)st.st_ino);
}
