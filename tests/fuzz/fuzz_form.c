/* libFuzzer target: the form reader and what follows it.  The input is one
 * file, read (a form, or any table kind the reader takes it for); then every
 * project is assessed by the default rules and the model dumped, as check
 * and dump do with what a form gives them. */
#include "assess/assess.h"
#include "read/table.h"
#include "report/dump.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

static JxAssessConfig *rules;

int LLVMFuzzerInitialize(int *argc, char ***argv) {
  (void)argc;
  (void)argv;
  GError *err = NULL;
  rules = jx_assess_config_load(JX_SOURCE_DIR "/templates/defaults.ini", &err);
  if (!rules) {
    fprintf(stderr, "fuzz_form: %s\n", err->message);
    abort();
  }
  return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  JxModel *m = jx_model_new();
  JxReader *r = jx_reader_new(m, NULL);
  JxDiag *diag = jx_diag_new("form.csv");
  JxTableInfo info = {0};
  jx_reader_read(r, "form.csv", (const char *)data, size, diag, &info);
  jx_reader_finish(r);
  for (guint i = 0; i < m->departments->len; i++)
    jx_department_result_free(
        jx_assess_department(g_ptr_array_index(m->departments, i), NULL, rules, diag));
  char *buf = NULL;
  size_t len = 0;
  FILE *out = open_memstream(&buf, &len);
  if (out) {
    jx_dump_write(m, rules, out);
    fclose(out);
  }
  free(buf);
  jx_reader_free(r);
  jx_table_info_clear(&info);
  jx_diag_free(diag);
  jx_model_free(m);
  return 0;
}
