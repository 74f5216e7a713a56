/* libFuzzer target: the workbook reader, from the zip to the rows and the
 * model (read/ooxml.c, read/xlsx.c), seeded with the workbooks LibreOffice
 * and openpyxl made for the tests. */
#include "office.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  return fuzz_read("book.xlsx", data, size);
}
