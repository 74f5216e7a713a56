/* libFuzzer target: the document reader, from the zip to the rows and the
 * model (read/ooxml.c, read/docx.c), seeded with the documents LibreOffice
 * and python-docx made for the tests. */
#include "office.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  return fuzz_read("form.docx", data, size);
}
