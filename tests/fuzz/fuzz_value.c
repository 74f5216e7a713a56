/* libFuzzer target: the value grammar ("≥98%", "1-2个", "±3%以内", …), and
 * an actual assessed against the value as a target. */
#include "assess/assess.h"
#include "model/value.h"

#include <stdint.h>

static JxAssessConfig *config;

int LLVMFuzzerInitialize(int *argc, char ***argv) {
  (void)argc;
  (void)argv;
  config = jx_assess_config_load(JX_SOURCE_DIR "/templates/defaults.ini", NULL);
  return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  char *text = g_strndup((const char *)data, size);
  if (g_utf8_validate(text, -1, NULL)) {
    /* the first line the target, the rest the actual */
    char *nl = strchr(text, '\n');
    if (nl)
      *nl = '\0';
    JxValue *target = jx_value_parse(text);
    JxValue *actual = jx_value_parse(nl ? nl + 1 : text);
    JxOutcome o = {0};
    if (config)
      jx_assess_value(target, actual, config, &o);
    g_free(o.reason);
    jx_value_free(target);
    jx_value_free(actual);
  }
  g_free(text);
  return 0;
}
