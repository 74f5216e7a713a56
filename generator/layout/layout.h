/* layout.h - a document set on pages: every line, rule and fill at its place,
 * as data.  The renderers replay it; tests read it without rendering.
 *
 * Coordinates are points from the top-left corner of the page; y grows down.
 * A text op draws one line of a PangoLayout with its left end at x and its
 * baseline at y. */
#ifndef JX_LAYOUT_H
#define JX_LAYOUT_H

#include "layout/document.h"
#include "layout/style.h"

#include <pango/pango.h>

typedef enum {
  JX_OP_TEXT, /* a line of text */
  JX_OP_RULE, /* a line from (x, y) to (x + w, y + h), stroke wide, in color */
  JX_OP_FILL, /* a rectangle x, y, w, h filled with color */
  JX_OP_DOT,  /* a disc of radius w centred on (x, y), in color */
  JX_OP_LINK, /* the rectangle x, y, w, h links to page dest_page at dest_y */
} JxOpKind;

/* The structure element an op belongs to, for a tagged PDF: a heading, a
 * paragraph, a table's header or data cell, a figure; NONE for what is not
 * content (rules, shading, the running header, page numbers). */
typedef enum {
  JX_TAG_NONE,
  JX_TAG_H1,
  JX_TAG_H2,
  JX_TAG_H3,
  JX_TAG_H4,
  JX_TAG_P,
  JX_TAG_TH,
  JX_TAG_TD,
  JX_TAG_FIGURE,
} JxTag;

typedef struct {
  JxOpKind kind;
  JxRole role;
  double x, y, w, h;
  PangoLayout *layout;    /* TEXT: the layout the line belongs to (a reference) */
  int line;               /* TEXT: the line's index in it */
  PangoLayoutLine *pline; /* TEXT: that line, a reference (a cell of
                           * thousands of lines is not walked to each) */
  char *text;             /* TEXT: the line's characters */
  guint32 color;          /* TEXT, RULE, FILL, DOT: 0xRRGGBB */
  double stroke;          /* RULE: its width; 0 for the style's rule width */
  guint dest_page;        /* LINK: the index of the page it leads to */
  double dest_y;          /* LINK: where on that page */
  JxTag tag;              /* its structure element */
  int block;              /* the document block it sets; -1: page furniture */
  int row, cell;          /* TH, TD: the table row, and the cell of the grid */
} JxOp;

typedef struct {
  int number;      /* the printed page number; 0 on the cover */
  bool unnumbered; /* no number printed (a 公文's blank page and its 版记's page) */
  GArray *ops;     /* JxOp */
} JxPage;

/* An entry of the PDF outline: a heading and where it stands. */
typedef struct {
  char *title;
  int level; /* 1 the top */
  guint page;
  double y;
  guint block; /* the heading's index in the document */
} JxMark;

/* A cell on its table's grid: where it stands and the rows and columns it
 * covers, its spans clamped to the table and its free positions. */
typedef struct {
  const JxCell *cell;
  guint row, col, rows, cols;
} JxGridCell;

/* A table as the layout set it, for a writer that sets no pages of its own
 * (docx.h): its grid and the columns' widths in points. */
typedef struct {
  guint rows, cols;
  GArray *cells;  /* JxGridCell, in reading order */
  double *widths; /* cols */
} JxTableShape;

typedef struct {
  const JxStyle *style;
  GPtrArray *pages;  /* JxPage * */
  GPtrArray *marks;  /* JxMark * in document order */
  GPtrArray *alts;   /* char * per document block: a figure's alternate text
                      * (its title), NULL for others */
  GPtrArray *tables; /* JxTableShape * per document block, NULL but for
                      * tables */
} JxLayout;

/* Where a figure (document.h) draws itself: a part of a page, or nothing
 * but measurement when the layout asks how tall the figure is. */
typedef struct JxCanvas JxCanvas;

/* Sets text in role, wrapped to width, with its first line box's top at
 * top; returns the height it takes. */
double jx_canvas_text(JxCanvas *cv, JxRole role, const char *text, double x, double top,
                      double width, JxAlign align);
/* The style the canvas draws in. */
const JxStyle *jx_canvas_style(JxCanvas *cv);

/* The width text takes in role on one line, unwrapped. */
double jx_canvas_width(JxCanvas *cv, JxRole role, const char *text);
void jx_canvas_fill(JxCanvas *cv, double x, double y, double w, double h, guint32 color);
void jx_canvas_line(JxCanvas *cv, double x, double y, double dx, double dy, double stroke,
                    guint32 color);
void jx_canvas_dot(JxCanvas *cv, double x, double y, double r, guint32 color);

/* Sets doc on pages in the style, laying text out in ctx (see
 * jx_fonts_context).  Never fails; free with jx_layout_free. */
JxLayout *jx_layout_document(const JxDocument *doc, const JxStyle *style, PangoContext *ctx);
void jx_layout_free(JxLayout *l);

#endif
