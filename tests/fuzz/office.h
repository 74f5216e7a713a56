/* office.h - the body the Office fuzz targets share: one file read as
 * name (jx_reader_read dispatches by content), its actuals resolved. */
#include "read/table.h"

#include <stdint.h>

static int fuzz_read(const char *name, const uint8_t *data, size_t size) {
  JxModel *m = jx_model_new();
  JxReader *r = jx_reader_new(m, NULL);
  JxDiag *diag = jx_diag_new(name);
  JxTableInfo info = {0};
  jx_reader_read(r, name, (const char *)data, size, diag, &info);
  jx_reader_finish(r);
  jx_reader_free(r);
  jx_table_info_clear(&info);
  jx_diag_free(diag);
  jx_model_free(m);
  return 0;
}
