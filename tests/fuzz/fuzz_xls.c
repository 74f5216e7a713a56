/* libFuzzer target: the .xls reader (libfreexl), from the bytes to the rows and the
 * model (read/xls.c), seeded with the workbooks LibreOffice saved as .xls
 * for the tests. */
#include "office.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  return fuzz_read("book.xls", data, size);
}
