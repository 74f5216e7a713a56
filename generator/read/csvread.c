/* csvread.c - bytes to rows with libcsv.
 *
 * libcsv reports fields and row ends but not where they were in the input.
 * To name the physical line of each cell, the text is fed to libcsv one
 * physical line at a time: every callback then happens while a known line is
 * being parsed.  A cell starts on the line where the previous cell ended (its
 * delimiter is there), or, for the first cell of a row, on the first line
 * after the previous row that is not blank.
 */
#include "read/csvread.h"

#include <csv.h>
#include <stdint.h>
#include <string.h>

typedef struct {
  JxDiag *diag;
  JxRowFunc fn;
  void *data;
  GArray *cells;  /* JxCell of the row being read */
  GString *text;  /* their text, each cell NUL-terminated */
  int line;       /* physical line being parsed */
  int cell_line;  /* line where the next cell starts */
  bool row_ended; /* the next non-blank line starts a row */
  bool stopped;   /* fn returned false */
  bool warned;    /* of control characters, once a file */
} Reader;

const char *jx_row_cell(const JxRow *row, guint i) {
  return i < row->n ? row->cells[i].text : "";
}

/* Line and byte column of offset in text, both from 1. */
static void position_of(const char *text, size_t offset, int *line, int *col) {
  int l = 1;
  size_t start = 0;
  for (size_t i = 0; i < offset; i++) {
    if (text[i] == '\n' || (text[i] == '\r' && text[i + 1] != '\n')) {
      l++;
      start = i + 1;
    }
  }
  *line = l;
  *col = (int)(offset - start) + 1;
}

bool jx_csv_decode(const char *bytes, size_t len, const char *encoding, JxDiag *diag, char **owned,
                   const char **text, size_t *text_len, const char **used) {
  *owned = NULL;
  const char *from = encoding;
  size_t skip = 0;
  if (!from) {
    if (len >= 2 && (guchar)bytes[0] == 0xFF && (guchar)bytes[1] == 0xFE) {
      /* Excel's "Unicode text" export: UTF-16LE with tabs */
      from = "UTF-16LE";
      skip = 2;
    } else if (len >= 2 && (guchar)bytes[0] == 0xFE && (guchar)bytes[1] == 0xFF) {
      from = "UTF-16BE";
      skip = 2;
    }
  }
  /* a NUL in an 8-bit encoding means a binary file or a broken export */
  if (!from ||
      (g_ascii_strcasecmp(from, "UTF-16LE") != 0 && g_ascii_strcasecmp(from, "UTF-16BE") != 0 &&
       g_ascii_strcasecmp(from, "UTF-16") != 0)) {
    const char *nul = memchr(bytes, '\0', len);
    if (nul) {
      int line, col;
      position_of(bytes, (size_t)(nul - bytes), &line, &col);
      jx_diag_add(diag, JX_ERROR, line, col,
                  "NUL byte in the input: this is not a text table (a binary or UTF-16 file "
                  "without a byte order mark?)");
      return false;
    }
  }
  if (!from) {
    if (len >= 3 && memcmp(bytes, "\xEF\xBB\xBF", 3) == 0)
      skip = 3;
    if (g_utf8_validate(bytes + skip, (gssize)(len - skip), NULL)) {
      *text = bytes + skip; /* no copy: a file's size again is memory to spare */
      *text_len = len - skip;
      *used = skip ? "UTF-8 with BOM" : "UTF-8";
      return true;
    }
    if (skip) {
      const char *end = NULL;
      g_utf8_validate(bytes + skip, (gssize)(len - skip), &end);
      int line, col;
      position_of(bytes, (size_t)(end - bytes), &line, &col);
      jx_diag_add(diag, JX_ERROR, line, col,
                  "the file starts with a UTF-8 byte order mark but this byte is not UTF-8");
      return false;
    }
    from = "GB18030";
  }
  GIConv probe = g_iconv_open("UTF-8", from);
  if (probe == (GIConv)-1) {
    jx_diag_add(diag, JX_ERROR, 0, 0, "unknown encoding '%s'", from);
    return false;
  }
  g_iconv_close(probe);
  gsize read = 0, written = 0;
  GError *err = NULL;
  char *out = g_convert(bytes + skip, (gssize)(len - skip), "UTF-8", from, &read, &written, &err);
  if (!out) {
    {
      int line, col;
      position_of(bytes, skip + read, &line, &col);
      if (encoding)
        jx_diag_add(diag, JX_ERROR, line, col, "bytes that are not %s", from);
      else
        jx_diag_add(diag, JX_ERROR, line, col,
                    "bytes that are neither UTF-8 nor GB18030 (name the encoding with "
                    "--encoding)");
    }
    g_clear_error(&err);
    return false;
  }
  if (memchr(out, '\0', written)) {
    int line, col;
    position_of(out, (size_t)((char *)memchr(out, '\0', written) - out), &line, &col);
    jx_diag_add(diag, JX_ERROR, line, col, "NUL character in the input");
    g_free(out);
    return false;
  }
  *owned = out;
  *text = out;
  *text_len = written;
  *used = encoding ? encoding : from;
  return true;
}

/* A cell's text goes into the row's one buffer (no allocation per cell);
 * its pointer is set when the row is complete, since the buffer may move. */
static void on_field(void *s, size_t len, void *data) {
  Reader *r = data;
  if (r->stopped)
    return;
  JxCell cell = {(char *)(uintptr_t)r->text->len, s ? len : 0, r->cell_line};
  /* control characters (but tab and line ends) are not text: a report
   * would show them as boxes of hex digits */
  const unsigned char *b = s;
  size_t dropped = 0, kept = 0; /* kept: where the run still to copy starts */
  for (size_t i = 0; s && i < len; i++) {
    bool c0 = (b[i] < 0x20 && b[i] != '\t' && b[i] != '\n' && b[i] != '\r') || b[i] == 0x7F;
    bool c1 = b[i] == 0xC2 && i + 1 < len && b[i + 1] >= 0x80 && b[i + 1] <= 0x9F;
    /* bidi embeddings, overrides, isolates and marks (U+202A–202E,
     * U+2066–2069, U+200E–200F): no Chinese table needs them, and they
     * make a name read otherwise than it is */
    bool bidi = b[i] == 0xE2 && i + 2 < len &&
                ((b[i + 1] == 0x80 && ((b[i + 2] >= 0xAA && b[i + 2] <= 0xAE) || b[i + 2] == 0x8E ||
                                       b[i + 2] == 0x8F)) ||
                 (b[i + 1] == 0x81 && b[i + 2] >= 0xA6 && b[i + 2] <= 0xA9));
    if (c0 || c1 || bidi) {
      size_t n = bidi ? 3 : c1 ? 2 : 1;
      g_string_append_len(r->text, (const char *)b + kept, (gssize)(i - kept));
      dropped += n;
      i += n - 1;
      kept = i + 1;
    }
  }
  if (s)
    g_string_append_len(r->text, (const char *)b + kept, (gssize)(len - kept));
  cell.len -= dropped;
  if (dropped && !r->warned) {
    jx_diag_add(r->diag, JX_WARNING, r->cell_line, (int)r->cells->len + 1,
                "control or bidi characters removed from this cell (and any later ones in "
                "the file)");
    r->warned = true;
  }
  g_string_append_c(r->text, '\0');
  g_array_append_val(r->cells, cell);
  r->cell_line = r->line;
}

static void clear_cells(Reader *r) {
  g_array_set_size(r->cells, 0);
  g_string_truncate(r->text, 0);
}

static void on_row(int c, void *data) {
  (void)c;
  Reader *r = data;
  if (!r->stopped && r->cells->len > 0) {
    JxRow row = {(JxCell *)(void *)r->cells->data, r->cells->len,
                 g_array_index(r->cells, JxCell, 0).line};
    for (guint i = 0; i < row.n; i++)
      row.cells[i].text = r->text->str + (uintptr_t)row.cells[i].text;
    bool blank = true;
    for (guint i = 0; i < row.n && blank; i++)
      for (size_t k = 0; k < row.cells[i].len && blank; k++)
        blank = row.cells[i].text[k] == ' ' || row.cells[i].text[k] == '\t';
    if (!blank && !r->fn(&row, r->data))
      r->stopped = true;
  }
  clear_cells(r);
  r->row_ended = true;
}

static int is_space_tab(unsigned char c) {
  return c == ' ';
}

bool jx_csv_parse(const char *text, size_t len, char delim, JxDiag *diag, JxRowFunc fn,
                  void *data) {
  struct csv_parser p;
  if (csv_init(&p, CSV_APPEND_NULL) != 0) {
    jx_diag_add(diag, JX_ERROR, 0, 0, "out of memory");
    return false;
  }
  csv_set_delim(&p, (unsigned char)delim);
  if (delim == '\t')
    csv_set_space_func(&p, is_space_tab);
  Reader r = {
      diag, fn,    data, g_array_new(FALSE, FALSE, sizeof(JxCell)), g_string_new(NULL), 0, 1,
      true, false, false};
  bool ok = true;
  size_t pos = 0;
  while (pos < len && !r.stopped) {
    /* one physical line, with its line end */
    const char *nl = memchr(text + pos, '\n', len - pos);
    const char *cr = memchr(text + pos, '\r', (nl ? (size_t)(nl - text) : len) - pos);
    size_t end;
    if (cr && !(cr + 1 < text + len && cr[1] == '\n'))
      end = (size_t)(cr - text) + 1;
    else
      end = nl ? (size_t)(nl - text) + 1 : len;
    r.line++;
    if (r.row_ended) {
      bool blank = true;
      for (size_t k = pos; k < end && blank; k++)
        blank = text[k] == '\r' || text[k] == '\n' || text[k] == ' ';
      if (!blank) {
        r.cell_line = r.line;
        r.row_ended = false;
      }
    }
    /* libcsv grows a cell's buffer by a fixed block: a block the size of the
     * line keeps a 10 MB cell from being copied thousands of times */
    csv_set_blk_size(&p, MAX(end - pos, 4096));
    if (csv_parse(&p, text + pos, end - pos, on_field, on_row, &r) != end - pos) {
      jx_diag_add(diag, JX_ERROR, r.line, (int)r.cells->len + 1, "CSV: %s",
                  csv_strerror(csv_error(&p)));
      ok = false;
      break;
    }
    pos = end;
  }
  /* Strict mode would report an open quote at the end, but it also refuses a
   * quote inside an unquoted cell (x"y), which tables copied out of PDFs
   * have.  The parser's state says the same: a field begun (2, FIELD_BEGUN in
   * libcsv) inside quotes. */
  bool open_quote = p.pstate == 2 && p.quoted;
  if (ok && !r.stopped && (open_quote || csv_fini(&p, on_field, on_row, &r) != 0)) {
    jx_diag_add(diag, JX_ERROR, r.cell_line, (int)r.cells->len + 1,
                "a quoted cell is not closed: its opening quote has no closing quote before "
                "the end of the file");
    ok = false;
  }
  csv_free(&p);
  g_array_free(r.cells, TRUE);
  g_string_free(r.text, TRUE);
  return ok && !r.stopped;
}
