/* libFuzzer target: the template loader, on a file that extends annual. */
#include "report/template.h"

#include <glib/gstdio.h>
#include <stdint.h>
#include <unistd.h>

static char *path;

int LLVMFuzzerInitialize(int *argc, char ***argv) {
  (void)argc;
  (void)argv;
  g_setenv("JIXIAO_TEMPLATES", JX_SOURCE_DIR "/templates", TRUE);
  char *dir = g_dir_make_tmp("jixiao-fuzz-XXXXXX", NULL);
  path = g_build_filename(dir, "fuzz.ini", NULL);
  g_free(dir);
  return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  if (!g_file_set_contents(path, (const char *)data, (gssize)size, NULL))
    return 0;
  GError *err = NULL;
  JxTemplate *t = jx_template_load(path, &err);
  if (t)
    jx_template_free(t);
  g_clear_error(&err);
  return 0;
}
