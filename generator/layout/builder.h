/* builder.h - what the parts of the layout share while they set a
 * document: the page being filled, the fonts, the shaped text.  Private to
 * generator/layout/. */
#ifndef JX_BUILDER_H
#define JX_BUILDER_H

#include "layout/layout.h"

/* Where a baseline stands in its line box: the ideographic em box centred
 * in the pitch, its baseline 0.88 em below its top (Noto CJK's ascender). */
static inline double baseline_offset(const JxRoleStyle *r) {
  return (r->pitch - r->size) / 2 + 0.88 * r->size;
}

typedef struct {
  const JxStyle *st;
  PangoContext *ctx;
  const JxDocument *doc;
  JxLayout *out;
  PangoFontDescription *fonts[JX_ROLE_COUNT];
  JxPage *page;
  double y;            /* the top of the free space on the page */
  double bottom;       /* the foot of the text block */
  bool fresh;          /* nothing placed on the page yet */
  guint block;         /* the index of the block being set */
  GArray *toc;         /* TocSlot: the lines reserved for 目录 */
  GPtrArray *projects; /* per page: the project whose heading is last on or
                        * before it, or NULL ({项目名称}) */
  JxTag tag;           /* what the ops being added are part of */
  guint32 color;       /* the block's own colour for text and rules, or 0 */
  int row, cell;       /* tables: the cell being set */
  bool furniture;      /* setting the running header and page numbers */
  GHashTable *shaped;  /* make_layout's key -> PangoLayout: a report sets the
                        * same words (达成, 100%, 产出指标) thousands of
                        * times, and each is broken and shaped once */
} Builder;

/* A table's cells on its grid (table.c): which cell covers each position,
 * spans clamped to the table, to the free positions of their rows, and a
 * span above the header to the rows above it. */
typedef struct JxGrid {
  guint rows, cols;
  GArray *cells; /* JxGridCell, in reading order */
  int *owner;    /* rows * cols: the index of the covering cell, -1 empty */
} JxGrid;

/* Starts a new page. */
void jx_new_page(Builder *b);

/* Space left on the page. */
double jx_room(const Builder *b);

/* A layout of text in role, wrapped to width (points; <= 0: no wrapping),
 * its first line two characters in when indent is 1, its other lines -indent
 * characters in when indent is negative;
 * a new reference to a layout that must not be changed, shared by every
 * request with the same arguments. */
PangoLayout *jx_make_layout(Builder *b, JxRole role, const char *text, double width, JxAlign align,
                            int indent, bool strong);

/* Adds an op to the page. */
JxOp *jx_add_op(Builder *b, JxOpKind kind, JxRole role, double x, double y, double w, double h);

/* The horizontal offset and width of each line of l, in points. */
void jx_line_extents(PangoLayout *l, double *xs, double *ws);

/* Places lines [from, to) of l with their box tops at top, x the layout's
 * left edge; returns the y below them. */
double jx_place_lines(Builder *b, PangoLayout *l, JxRole role, double x, double top, int from,
                      int to, const double *xs, const double *ws);

/* Sets one line of text in role at x, its box top at top: left, or ending
 * at x when right is true; returns its width. */
double jx_put_line(Builder *b, JxRole role, const char *text, double x, double top, bool right);

/* The width of text set on one line in role. */
double jx_line_width(Builder *b, JxRole role, const char *text);

/* Sets table t from the current y on, across pages as it needs
 * (table.c). */
void jx_set_table(Builder *b, const JxBlock *t);
void jx_table_shape_free(JxTableShape *s);

/* The height of t's first rows: what a heading above it needs below it on
 * the page. */
double jx_table_start(const Builder *b, const JxBlock *t);

/* The 公文's blocks (official.c). */
void jx_set_rule(Builder *b, const JxBlock *blk);
void jx_set_pair(Builder *b, const JxBlock *blk);
void jx_set_sign(Builder *b, const JxBlock *blk);
void jx_set_record(Builder *b, const JxBlock *blk);

/* Column widths for t in the text block's width, from its content
 * (colwidth.c). */
void jx_column_widths(Builder *b, const JxBlock *t, const struct JxGrid *g, double *widths);

#endif
