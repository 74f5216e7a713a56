/* csvread.h - bytes to rows: encoding, delimiter, CSV quoting, and the
 * physical line of every cell for error messages. */
#ifndef JX_CSVREAD_H
#define JX_CSVREAD_H

#include "model/diag.h"

#include <glib.h>
#include <stdbool.h>

/* One cell: NUL-terminated UTF-8, and the physical line it starts on. */
typedef struct {
  char *text;
  size_t len;
  int line;
} JxCell;

/* One row of cells; line is the line of its first cell. */
typedef struct {
  JxCell *cells;
  guint n;
  int line;
} JxRow;

/* Called for each row; return false to stop reading. */
typedef bool (*JxRowFunc)(const JxRow *row, void *data);

/* The text of cell i of row, or "" past its end. */
const char *jx_row_cell(const JxRow *row, guint i);

/* Decodes the bytes of a file to UTF-8.  encoding NULL detects it: a UTF-16
 * byte order mark, else UTF-8 (a BOM is dropped), else GB18030, which covers
 * GBK and GB2312.  Otherwise encoding names an iconv encoding.  On success
 * *text points at the UTF-8 text: into bytes when they are UTF-8 already
 * (*owned is NULL), else into a new string *owned that the caller frees;
 * *used names the encoding found.  On failure reports where in diag and
 * returns false. */
bool jx_csv_decode(const char *bytes, size_t len, const char *encoding, JxDiag *diag, char **owned,
                   const char **text, size_t *text_len, const char **used);

/* Parses text as CSV with the given delimiter (',' or '\t'), calling fn for
 * every row that is not blank.  Line ends may be LF, CRLF or CR.  Returns
 * false on a parse error (reported in diag) or when fn stopped. */
bool jx_csv_parse(const char *text, size_t len, char delim, JxDiag *diag, JxRowFunc fn, void *data);

#endif
