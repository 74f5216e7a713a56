/* install.c - where jixiao's own files are. */
#include "layout/install.h"

#include <glib.h>
#include <string.h>

const char *jx_install_dir(const char *env, const char *compiled, const char *what) {
  const char *dir = g_getenv(env);
  if (dir && *dir)
    return dir;
  if (g_file_test(compiled, G_FILE_TEST_IS_DIR))
    return compiled;
  /* PREFIX/bin/jixiao → PREFIX/share/jixiao/what */
  char *exe = g_file_read_link("/proc/self/exe", NULL);
  if (!exe)
    return compiled;
  char *bin = g_path_get_dirname(exe), *prefix = g_path_get_dirname(bin);
  char *found = g_build_filename(prefix, "share", "jixiao", what, NULL);
  g_free(exe);
  g_free(bin);
  g_free(prefix);
  if (!g_file_test(found, G_FILE_TEST_IS_DIR)) {
    g_free(found);
    return compiled;
  }
  /* asked for again and again: kept, once a folder */
  static GHashTable *kept;
  if (!kept)
    kept = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, NULL);
  const char *old = g_hash_table_lookup(kept, what);
  if (old) {
    g_free(found);
    return old;
  }
  g_hash_table_insert(kept, g_strdup(what), found);
  return found;
}
