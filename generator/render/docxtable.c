/* docxtable.c - a report's tables as Word tables: the layout's grid and
 * widths, spans as gridSpan and vMerge, header rows that repeat; and a
 * 公文's 版记, a table held at the foot of its page. */
#include "render/docxpart.h"

#include <math.h>
#include <string.h>

/* ---- tables ---- */

/* One side of a border: sz eighths of a point, 0 for none. */
static void side(xmlTextWriterPtr w, const char *el, long sz, const char *color) {
  dx_open(w, el);
  dx_attr(w, "w:val", sz > 0 ? "single" : "nil");
  if (sz > 0) {
    dx_attrl(w, "w:sz", sz);
    dx_attrl(w, "w:space", 0);
    dx_attr(w, "w:color", color);
  }
  dx_close(w);
}

static void rule_side(xmlTextWriterPtr w, const char *el, long sz) {
  side(w, el, sz, "000000");
}

static void borders(xmlTextWriterPtr w, const char *el, const char *const *sides, guint n, long sz,
                    const char *color) {
  dx_open(w, el);
  for (guint k = 0; k < n; k++)
    side(w, sides[k], sz, color);
  dx_close(w);
}

/* The lines of each row's tallest cell of its own (spans aside), as the
 * layout set them. */
static guint *row_lines(const DxBody *b, guint block, const JxTableShape *s) {
  guint *lines = g_new0(guint, MAX(1, s->rows));
  for (guint k = 0; k < s->cells->len; k++) {
    const JxGridCell *gc = &g_array_index(s->cells, JxGridCell, k);
    gint64 key = (gint64)block << 32 | (gint64)k;
    guint n = GPOINTER_TO_UINT(g_hash_table_lookup(b->cell_lines, &key));
    if (gc->rows == 1)
      lines[gc->row] = MAX(lines[gc->row], n);
  }
  return lines;
}

static void cell_text(DxBody *b, const JxBlock *t, const JxCell *c, bool head) {
  const Docx *d = b->d;
  JxRole role = jx_table_role(t, head);
  const char *text = c && c->text ? c->text : "";
  bool dot = c && c->dot;
  if (dot && g_str_has_prefix(text, "\u3000"))
    text += strlen("\u3000"); /* the disc stands in its place */
  /* a line a paragraph: as a reader of the document splits the cell */
  for (const char *p = text;;) {
    size_t n = strcspn(p, "\n");
    dx_open(b->w, "w:p");
    DxPpr pp = {.style = dx_style_id(role),
                .outline = -1,
                .jc = c ? dx_jc(c->align == JX_ALIGN_JUSTIFY ? JX_ALIGN_LEFT : c->align) : NULL};
    dx_ppr(b, &pp);
    if (dot) {
      dx_run(d, b->w, "●", -1, -1, false, c->dot_color ? c->dot_color : 1);
      dot = false;
    }
    if (n)
      dx_run(d, b->w, p, (gssize)n, -1, c && c->strong && !head, 0);
    dx_close(b->w);
    if (!p[n])
      break;
    p += n + 1;
  }
}

void dx_table(DxBody *b, const JxBlock *t, guint i) {
  const Docx *d = b->d;
  const JxStyle *st = d->st;
  const JxTableShape *s = g_ptr_array_index(d->l->tables, i);
  xmlTextWriterPtr w = b->w;
  if (!s || !s->rows || !s->cols)
    return;
  /* a page break or space before a table is a paragraph's */
  if (b->page_break || b->after_table)
    dx_strut(b, 1);
  else if (b->space > 0) {
    double h = b->space;
    b->space = 0;
    dx_strut(b, h);
  }
  char color[8];
  g_snprintf(color, sizeof color, "%06X", st->rule & 0xFFFFFF);
  long sz = CLAMP(lround(st->rule_width * 8), 2, 96);
  double total = 0;
  for (guint c = 0; c < s->cols; c++)
    total += s->widths[c];
  dx_open(w, "w:tbl");
  dx_open(w, "w:tblPr");
  dx_width(w, "w:tblW", total);
  static const char *const sides[] = {"w:top",   "w:left",    "w:bottom",
                                      "w:right", "w:insideH", "w:insideV"};
  borders(w, "w:tblBorders", sides, G_N_ELEMENTS(sides), sz, color);
  dx_elem(w, "w:tblLayout", "w:type", "fixed");
  dx_cell_margins(d, w);
  dx_open(w, "w:tblLook");
  dx_attr(w, "w:firstRow", t->header_at == 0 && t->header_rows ? "1" : "0");
  dx_attr(w, "w:lastRow", "0");
  dx_attr(w, "w:firstColumn", "0");
  dx_attr(w, "w:lastColumn", "0");
  dx_attr(w, "w:noHBand", "1");
  dx_attr(w, "w:noVBand", "1");
  dx_close(w);
  dx_close(w);
  dx_open(w, "w:tblGrid");
  for (guint c = 0; c < s->cols; c++)
    dx_eleml(w, "w:gridCol", "w:w", DX_TW(s->widths[c]));
  dx_close(w);
  /* which grid cell covers each position */
  guint *lines = row_lines(b, i, s);
  int *owner = g_new(int, (gsize)s->rows * s->cols);
  for (guint k = 0; k < s->rows * s->cols; k++)
    owner[k] = -1;
  for (guint k = 0; k < s->cells->len; k++) {
    const JxGridCell *gc = &g_array_index(s->cells, JxGridCell, k);
    for (guint r = gc->row; r < gc->row + gc->rows; r++)
      for (guint c = gc->col; c < gc->col + gc->cols; c++)
        owner[r * s->cols + c] = (int)k;
  }
  for (guint r = 0; r < s->rows; r++) {
    bool head = r >= t->header_at && r < t->header_at + t->header_rows;
    dx_open(w, "w:tr");
    dx_open(w, "w:trPr");
    /* a row of a few lines moves whole to the next page, a taller one
     * is cut, as the layout does */
    if (head || lines[r] <= 3)
      dx_elem(w, "w:cantSplit", NULL, NULL);
    /* Word repeats only the rows a table begins with */
    if (head && t->header_at == 0)
      dx_elem(w, "w:tblHeader", NULL, NULL);
    dx_close(w);
    for (guint c = 0; c < s->cols;) {
      int k = owner[r * s->cols + c];
      const JxGridCell *gc = k >= 0 ? &g_array_index(s->cells, JxGridCell, k) : NULL;
      guint span = gc ? gc->cols : 1;
      bool start = gc && gc->row == r;
      double width = 0;
      for (guint cc = c; cc < c + span; cc++)
        width += s->widths[cc];
      dx_open(w, "w:tc");
      dx_open(w, "w:tcPr");
      dx_width(w, "w:tcW", width);
      if (span > 1)
        dx_eleml(w, "w:gridSpan", "w:val", span);
      if (gc && gc->rows > 1)
        dx_elem(w, "w:vMerge", start ? "w:val" : NULL, "restart");
      if (start && gc->cell->shaded) {
        char fill[8];
        g_snprintf(fill, sizeof fill, "%06X", gc->cell->shade & 0xFFFFFF);
        dx_open(w, "w:shd");
        dx_attr(w, "w:val", "clear");
        dx_attr(w, "w:color", "auto");
        dx_attr(w, "w:fill", fill);
        dx_close(w);
      }
      dx_elem(w, "w:vAlign", "w:val", "center");
      dx_close(w);
      cell_text(b, t, start ? gc->cell : NULL, head);
      dx_close(w);
      c += span;
    }
    dx_close(w);
  }
  g_free(owner);
  g_free(lines);
  dx_close(w);
  b->after_table = true;
}

/* The 版记: its lines between rules, held at the foot of the page. */
void dx_record(DxBody *b, const JxBlock *blk) {
  const Docx *d = b->d;
  const JxStyle *st = d->st;
  xmlTextWriterPtr w = b->w;
  if (!blk->lines || !blk->lines->len)
    return;
  if (b->page_break || b->after_table)
    dx_strut(b, 1);
  b->space = 0;
  double inset = blk->inset * dx_em(d, JX_ROLE_RECORD);
  dx_open(w, "w:tbl");
  dx_open(w, "w:tblPr");
  dx_open(w, "w:tblpPr");
  /* at the foot of the text block, across it: placed from the page's
   * edge (where the text block starts), which LibreOffice also floats
   * for a table as wide as the text */
  dx_attr(w, "w:vertAnchor", "margin");
  dx_attr(w, "w:horzAnchor", "page");
  dx_attr(w, "w:tblpYSpec", "bottom");
  dx_attrl(w, "w:tblpX", DX_TW(st->left));
  dx_close(w);
  dx_width(w, "w:tblW", st->width);
  dx_elem(w, "w:tblLayout", "w:type", "fixed");
  dx_close(w);
  dx_open(w, "w:tblGrid");
  dx_eleml(w, "w:gridCol", "w:w", DX_TW(st->width));
  dx_close(w);
  guint n = blk->lines->len;
  for (guint k = 0; k < n; k++) {
    const char *line = g_ptr_array_index(blk->lines, k);
    const char *tab = strchr(line, '\t');
    dx_open(w, "w:tr");
    dx_open(w, "w:trPr");
    dx_elem(w, "w:cantSplit", NULL, NULL);
    dx_open(w, "w:trHeight");
    dx_attrl(w, "w:val", DX_TW(st->roles[JX_ROLE_RECORD].pitch));
    dx_attr(w, "w:hRule", "exact");
    dx_close(w);
    dx_close(w);
    dx_open(w, "w:tc");
    dx_open(w, "w:tcPr");
    dx_width(w, "w:tcW", st->width);
    /* the first and last rules 0.35 mm (1 pt), those between 0.25 mm
     * (0.75 pt): each row's rule above it, the last's below it too */
    dx_open(w, "w:tcBorders");
    rule_side(w, "w:top", k == 0 ? 8 : 6);
    rule_side(w, "w:left", 0);
    rule_side(w, "w:bottom", k + 1 == n ? 8 : 0);
    rule_side(w, "w:right", 0);
    dx_close(w);
    dx_elem(w, "w:vAlign", "w:val", "center");
    dx_close(w);
    DxPpr p = {.style = dx_style_id(JX_ROLE_RECORD), .outline = -1, .jc = "left"};
    p.left = inset;
    p.tab = st->width - inset;
    dx_open(w, "w:p");
    dx_ppr(b, &p);
    dx_run(d, w, line, tab ? tab - line : -1, -1, false, 0);
    if (tab) {
      dx_run(d, w, "\t", 1, -1, false, 0);
      dx_run(d, w, tab + 1, -1, -1, false, 0);
    }
    dx_close(w);
    dx_close(w);
    dx_close(w);
  }
  dx_close(w);
  /* a table ends in a paragraph */
  dx_strut(b, 1);
}
