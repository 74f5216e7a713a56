/* libFuzzer target: the table reader and the actuals matcher.  The input is
 * split at the first NUL byte into a target table and an actuals table, both
 * read, then matched (jx_reader_finish). */
#include "read/table.h"

#include <stdint.h>
#include <string.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  const char *bytes = (const char *)data;
  const char *cut = memchr(bytes, 0, size);
  size_t first = cut ? (size_t)(cut - bytes) : size;
  JxModel *m = jx_model_new();
  JxReader *r = jx_reader_new(m, NULL);
  JxDiag *d1 = jx_diag_new("targets.csv"), *d2 = jx_diag_new("actuals.csv");
  JxTableInfo i1 = {0}, i2 = {0};
  jx_reader_read(r, "targets.csv", bytes, first, d1, &i1);
  if (cut)
    jx_reader_read(r, "actuals.csv", cut + 1, size - first - 1, d2, &i2);
  jx_reader_finish(r);
  jx_reader_free(r);
  jx_table_info_clear(&i1);
  jx_table_info_clear(&i2);
  jx_diag_free(d1);
  jx_diag_free(d2);
  jx_model_free(m);
  return 0;
}
