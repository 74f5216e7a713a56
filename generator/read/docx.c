/* docx.c - the tables of a Word document as the rows of their CSV exports. */
#include "read/docx.h"

#include <stdlib.h>
#include <string.h>

/* The document being read. */
typedef struct {
  JxOoxml *z;
  const JxSheetReader *fn;
  void *data;
  GPtrArray *preamble; /* char *: paragraphs since the last table */
  GString *para;       /* the paragraph being read */
  guint tables;
  bool go_on;
} Doc;

/* One row of a table being read: its cells' texts, spans applied. */
typedef struct {
  GPtrArray *cells; /* char * */
  GString *cell;    /* the cell being read */
  int span;         /* its w:gridSpan */
  bool continued;   /* its w:vMerge continues the cell above */
  int line;
} Row;

/* Gives a row to the caller unless it is blank. */
static void emit(Doc *d, GPtrArray *texts, int line) {
  bool blank = true;
  for (guint i = 0; i < texts->len && blank; i++)
    blank = !*(const char *)g_ptr_array_index(texts, i);
  if (blank || !d->go_on)
    return;
  JxCell *cells = g_new0(JxCell, texts->len);
  for (guint i = 0; i < texts->len; i++) {
    cells[i].text = g_ptr_array_index(texts, i);
    cells[i].len = strlen(cells[i].text);
    cells[i].line = line;
  }
  JxRow row = {cells, texts->len, line};
  d->go_on = d->fn->row(&row, d->data);
  g_free(cells);
}

/* The w:val of the current element as a number, or dflt. */
static int int_val(xmlTextReaderPtr r, int dflt) {
  char *v = jx_ooxml_attr(r, "val");
  int n = v ? atoi(v) : dflt;
  xmlFree(v);
  return n;
}

/* Adds the text of a run element (w:t, w:tab, w:br) to s. */
static void run_text(xmlTextReaderPtr r, GString *s, bool *in_t) {
  if (jx_ooxml_at(r, "t", false))
    *in_t = !xmlTextReaderIsEmptyElement(r);
  else if (jx_ooxml_at(r, "t", true))
    *in_t = false;
  else if (jx_ooxml_at(r, "tab", false))
    g_string_append_c(s, ' ');
  else if (jx_ooxml_at(r, "br", false) || jx_ooxml_at(r, "cr", false))
    g_string_append_c(s, '\n');
  else if (*in_t && (xmlTextReaderNodeType(r) == XML_READER_TYPE_TEXT ||
                     xmlTextReaderNodeType(r) == XML_READER_TYPE_SIGNIFICANT_WHITESPACE))
    g_string_append(s, (const char *)xmlTextReaderConstValue(r));
}

/* Reads a table, the reader at its w:tbl: its preamble first, then its
 * rows; a table inside a cell is text of that cell. */
static void read_table(Doc *d, xmlTextReaderPtr r) {
  d->tables++;
  char *label = g_strdup_printf("table %u", d->tables);
  d->fn->begin(d->data, label);
  g_free(label);
  GPtrArray *one = g_ptr_array_new();
  for (guint i = 0; i < d->preamble->len; i++) {
    g_ptr_array_set_size(one, 0);
    g_ptr_array_add(one, g_ptr_array_index(d->preamble, i));
    emit(d, one, 0);
  }
  g_ptr_array_free(one, TRUE);
  g_ptr_array_set_size(d->preamble, 0);

  Row row = {g_ptr_array_new_with_free_func(g_free), g_string_new(NULL), 1, false, 0};
  int depth = 0; /* tables inside this one's cells */
  bool in_cell = false, in_t = false, in_para = false;
  while (jx_ooxml_next(d->z, r) == 1) {
    if (jx_ooxml_at(r, "tbl", false)) {
      depth++;
    } else if (jx_ooxml_at(r, "tbl", true)) {
      if (depth-- == 0)
        break;
    } else if (depth > 0) {
      /* a nested table: its text belongs to the cell holding it */
      if (jx_ooxml_at(r, "p", true) && in_cell)
        g_string_append_c(row.cell, '\n');
      else if (in_cell)
        run_text(r, row.cell, &in_t);
    } else if (jx_ooxml_at(r, "tr", false)) {
      row.line++;
      g_ptr_array_set_size(row.cells, 0);
    } else if (jx_ooxml_at(r, "tr", true)) {
      emit(d, row.cells, row.line);
    } else if (jx_ooxml_at(r, "gridBefore", false)) {
      /* grid columns skipped before the row's first cell */
      for (int k = int_val(r, 0); k > 0 && k < 1000; k--)
        g_ptr_array_add(row.cells, g_strdup(""));
    } else if (jx_ooxml_at(r, "tc", false)) {
      in_cell = true;
      g_string_truncate(row.cell, 0);
      row.span = 1;
      row.continued = false;
      in_para = false;
    } else if (jx_ooxml_at(r, "tc", true)) {
      in_cell = false;
      /* paragraphs joined with line breaks, the last one's end dropped */
      while (row.cell->len && row.cell->str[row.cell->len - 1] == '\n')
        g_string_truncate(row.cell, row.cell->len - 1);
      g_ptr_array_add(row.cells, g_strdup(row.continued ? "" : row.cell->str));
      for (int k = 1; k < row.span && k < 1000; k++)
        g_ptr_array_add(row.cells, g_strdup(""));
    } else if (in_cell && jx_ooxml_at(r, "gridSpan", false)) {
      row.span = int_val(r, 1);
    } else if (in_cell && jx_ooxml_at(r, "vMerge", false)) {
      char *v = jx_ooxml_attr(r, "val");
      row.continued = !v || strcmp(v, "restart") != 0;
      xmlFree(v);
    } else if (in_cell && jx_ooxml_at(r, "p", false)) {
      if (in_para)
        g_string_append_c(row.cell, '\n');
      in_para = true;
    } else if (in_cell) {
      /* (deleted text of tracked changes, w:delText, and field codes,
       * w:instrText, are not w:t: not what the page shows) */
      run_text(r, row.cell, &in_t);
    }
  }
  g_ptr_array_free(row.cells, TRUE);
  g_string_free(row.cell, TRUE);
  d->fn->end(d->data);
}

bool jx_docx_read(JxOoxml *z, JxDiag *diag, const JxSheetReader *fn, void *data, guint *tables) {
  Doc d = {z, fn, data, g_ptr_array_new_with_free_func(g_free), g_string_new(NULL), 0, true};
  xmlTextReaderPtr r = jx_ooxml_part(z, "word/document.xml");
  bool in_t = false, in_para = false;
  int rc;
  while (r && d.go_on && (rc = jx_ooxml_next(z, r)) == 1) {
    if (jx_ooxml_at(r, "tbl", false)) {
      read_table(&d, r);
    } else if (jx_ooxml_at(r, "p", false)) {
      in_para = !xmlTextReaderIsEmptyElement(r);
      g_string_truncate(d.para, 0);
    } else if (jx_ooxml_at(r, "p", true)) {
      in_para = false;
      /* a paragraph above a table is its preamble; the last few count */
      char *text = g_strstrip(g_strdup(d.para->str));
      if (*text) {
        if (d.preamble->len >= 8)
          g_ptr_array_remove_index(d.preamble, 0);
        g_ptr_array_add(d.preamble, text);
      } else {
        g_free(text);
      }
    } else if (in_para) {
      run_text(r, d.para, &in_t);
    }
  }
  bool ok = jx_ooxml_done(z, r);
  if (ok && d.tables == 0)
    jx_diag_add(diag, JX_ERROR, 0, 0,
                "the document has no table: jixiao reads a Word document's tables (w:tbl)");
  *tables = d.tables;
  g_ptr_array_free(d.preamble, TRUE);
  g_string_free(d.para, TRUE);
  return ok && d.tables > 0;
}
