/* libFuzzer target: bytes of any encoding through the decoder and the CSV
 * parser, with comma and tab. */
#include "read/csvread.h"

#include <stdint.h>
#include <string.h>

static bool count(const JxRow *row, void *data) {
  guint *n = data;
  for (guint i = 0; i < row->n; i++)
    *n += (guint)strlen(jx_row_cell(row, i)) > 0;
  return true;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  JxDiag *diag = jx_diag_new("fuzz.csv");
  char *owned = NULL;
  const char *text = NULL, *used = NULL;
  size_t len = 0;
  if (jx_csv_decode((const char *)data, size, NULL, diag, &owned, &text, &len, &used)) {
    guint n = 0;
    jx_csv_parse(text, len, ',', diag, count, &n);
    jx_csv_parse(text, len, '\t', diag, count, &n);
  }
  g_free(owned);
  jx_diag_free(diag);
  return 0;
}
