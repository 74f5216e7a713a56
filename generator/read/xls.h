/* xls.h - an Excel 97–2003 workbook (.xls, BIFF8) to rows, through
 * libfreexl, as far as FreeXL gives them: every sheet, cells as their
 * values (texts, numbers, dates as 2024-06-30).  FreeXL sees neither number
 * formats nor merged ranges nor which sheets are hidden: a number reads as
 * stored (a 96% cell as 0.96, said once with a warning), and every sheet is
 * read. */
#ifndef JX_XLS_H
#define JX_XLS_H

#include "read/xlsx.h"

/* Reads the workbook in bytes like jx_xlsx_read; false (reported) when it
 * is not an Excel 97–2003 workbook (another OLE2 file: .doc, .et, .wps, a
 * workbook encrypted with a password). */
bool jx_xls_read(const char *bytes, size_t len, JxDiag *diag, const JxSheetReader *fn, void *data);

#endif
