/* libFuzzer target: the .xls reader (libfreexl), from the bytes to the rows and the
 * model (read/xls.c), seeded with the workbooks LibreOffice saved as .xls
 * for the tests. */
#include "read/table.h"

#include <stdint.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  JxModel *m = jx_model_new();
  JxReader *r = jx_reader_new(m, NULL);
  JxDiag *diag = jx_diag_new("book.xls");
  JxTableInfo info = {0};
  jx_reader_read(r, "book.xls", (const char *)data, size, diag, &info);
  jx_reader_finish(r);
  jx_reader_free(r);
  jx_table_info_clear(&info);
  jx_diag_free(diag);
  jx_model_free(m);
  return 0;
}
