/* docx.h - a Word document (.docx, and WPS saving as docx) to rows: every
 * table (w:tbl) in document order is a table or form of its own, its rows
 * as a CSV export of it would give them: a cell spanning columns
 * (w:gridSpan) as its text then empty cells, a cell continuing a vertical
 * merge (w:vMerge) empty, the paragraphs of a cell joined with line breaks.
 * The paragraphs just above a table (its title, （2022年度）, 单位：万元)
 * come first, a row each: its preamble. */
#ifndef JX_DOCX_H
#define JX_DOCX_H

#include "read/ooxml.h"
#include "read/xlsx.h"

/* Reads the tables of document z (opened by the caller); fn's begin gets
 * "table N".  Problems go to diag (a table's at its row and column, diag's
 * part being the table).  *tables counts the tables; false when the
 * document is not readable. */
bool jx_docx_read(JxOoxml *z, JxDiag *diag, const JxSheetReader *fn, void *data, guint *tables);

#endif
