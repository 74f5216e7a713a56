/* xlsx.h - an Excel 2007+ workbook (.xlsx, and WPS saving as xlsx) to rows,
 * the rows a CSV export of each sheet would give: every cell as its number
 * format shows it (0.98 under 0% is 98%, #,##0.00 gives 1,250.00, dates
 * 2024-06-30, text stays text), formulas by their cached value, a merged
 * range's value in its first cell and the rest empty, each row padded to
 * the sheet's width.  Streamed: a sheet is never held whole. */
#ifndef JX_XLSX_H
#define JX_XLSX_H

#include "read/csvread.h"
#include "read/ooxml.h"

/* What a caller does with the sheets of a workbook. */
typedef struct {
  void (*begin)(void *data, const char *sheet); /* a visible sheet begins */
  JxRowFunc row;                                /* each of its rows that is not blank */
  void (*end)(void *data);                      /* the sheet ends */
} JxSheetReader;

/* Reads the visible sheets of the workbook z (opened by the caller), in the
 * workbook's order; *hidden counts those skipped.  Problems of the file (a damaged zip,
 * a zip bomb, XML with a DTD) go to diag at the file; those of a cell (an
 * error value, a formula with no cached value) at the cell, diag's part
 * being the sheet (begin sets it).  False when the workbook is not
 * readable. */
bool jx_xlsx_read(JxOoxml *z, JxDiag *diag, const JxSheetReader *fn, void *data, guint *hidden);

/* The text a cell shows: value v (as stored: "0.98", "45473") under number
 * format code (Excel's: "0%", "#,##0.00", "yyyy-mm-dd", "General", "@");
 * date1904 for workbooks dated from 1904.  Caller frees. */
char *jx_xlsx_format(const char *v, const char *code, bool date1904);

#endif
