/* document.h - a report as a sequence of blocks (headings, paragraphs,
 * tables, space, page breaks), built from the model by report.c and set on
 * pages by layout.c.  It says what the report holds and what role each piece
 * of text plays; how a role looks is the style's business (style.h). */
#ifndef JX_DOCUMENT_H
#define JX_DOCUMENT_H

#include <glib.h>
#include <stdbool.h>

/* What a piece of text is; the style gives each role its fonts and sizes. */
typedef enum {
  JX_ROLE_TITLE,       /* the report's title: 2号 小标宋 */
  JX_ROLE_SUBTITLE,    /* lines under the title on the cover */
  JX_ROLE_HEADING1,    /* 一、 黑体 */
  JX_ROLE_HEADING2,    /* （一） 楷体 */
  JX_ROLE_HEADING3,    /* 1. 仿宋 bold */
  JX_ROLE_BODY,        /* paragraphs: 3号 仿宋 */
  JX_ROLE_TABLE,       /* table cells */
  JX_ROLE_TABLE_HEAD,  /* table header cells */
  JX_ROLE_RUNNING,     /* the running header */
  JX_ROLE_PAGE_NUMBER, /* — 1 — */
  JX_ROLE_FORM,        /* the cells of an official form: smaller, as the forms print */
  JX_ROLE_FORM_HEAD,   /* a form's header cells */
  JX_ROLE_MARK,        /* a 公文's 发文机关标志: 小标宋, red */
  JX_ROLE_RECORD,      /* a 公文's 版记: 4号仿宋 */
  JX_ROLE_COUNT
} JxRole;

typedef enum { JX_ALIGN_LEFT, JX_ALIGN_CENTER, JX_ALIGN_RIGHT, JX_ALIGN_JUSTIFY } JxAlign;

typedef enum {
  JX_BLOCK_HEADING,
  JX_BLOCK_PARAGRAPH,
  JX_BLOCK_TABLE,
  JX_BLOCK_SPACE, /* vertical space, dropped at the top of a page */
  JX_BLOCK_PAGE_BREAK,
  JX_BLOCK_FIGURE, /* a chart: drawn by its own function, never split */
  JX_BLOCK_TOC,    /* 目录: a line a heading that follows, with its page */
  JX_BLOCK_RULE,   /* a rule the width of the text block (a 公文's red rule) */
  JX_BLOCK_PAIR,   /* one line: text at the left, right_label + right at the
                    * right, each inset characters in (发文字号 | 签发人) */
  JX_BLOCK_SIGN,   /* 署名 (text) centred over 成文日期 (right), the date
                    * inset characters in from the right */
  JX_BLOCK_RECORD, /* 版记: lines between rules at the foot of an even last
                    * page (layout/official.c) */
} JxBlockKind;

struct JxCanvas;

/* Draws a figure's data at (x, top) in width on cv; returns its height. */
typedef double (*JxFigureDraw)(const void *data, struct JxCanvas *cv, double x, double top,
                               double width);

/* A cell of a table.  A cell spanning rows or columns stands where its
 * top-left corner is; the cells of the rows it reaches are appended after
 * the positions it covers, as in HTML. */
typedef struct {
  char *text;
  JxAlign align;
  bool strong;   /* set in the header role's weight: totals rows */
  guint rowspan; /* rows it covers, 1 or more */
  guint colspan; /* columns it covers, 1 or more */
  bool dot;      /* a disc in dot_color stands before the text (a light) */
  guint32 dot_color;
  bool shaded; /* the cell is filled with shade (a heat map's cell) */
  guint32 shade;
} JxCell;

typedef struct {
  JxBlockKind kind;
  JxRole role;
  char *text; /* heading and paragraph text */
  JxAlign align;
  bool indent;         /* first line indented two characters */
  double space;        /* JX_BLOCK_SPACE: points */
  int outline_level;   /* 1.. for an entry in the PDF outline, 0 for none */
  char *outline_title; /* the entry's text; NULL: the block's text */
  /* tables */
  guint columns;
  guint header_rows; /* repeated on every page the table runs onto */
  guint header_at;   /* the first header row: rows above it are body rows
                      * set once (the top block of a form) */
  guint header_end;  /* rows from here on are not under the header: a page
                      * they begin does not repeat it (0: the table's end) */
  GPtrArray *rows;   /* GPtrArray * of JxCell * */
  char *continued;   /* after a row-spanning label repeated at the top of a
                      * page ("（续）"), or NULL */
  /* figures */
  JxFigureDraw draw;
  void *figure;
  GDestroyNotify figure_free;
  char *figure_name; /* the name of the figure's own file, or NULL */
  char *alt;         /* the figure's alternate text (its title), or NULL */
  /* 目录: headings of outline levels 1..toc_level that follow it */
  int toc_level;
  /* a project's heading: the name {项目名称} stands for from here on */
  char *project;
  /* the 公文's blocks */
  guint32 color;     /* text and rules: 0xRRGGBB; 0 for the style's */
  bool keep;         /* SPACE: kept at the top of a page too */
  bool keep_next;    /* PARAGRAPH: wholly on the page of the block after it */
  bool one_line;     /* PARAGRAPH: set smaller rather than wrapped */
  guint break_after; /* PARAGRAPH, HEADING: where one too long for a line
                      * breaks first (bytes; 0: where Pango breaks), so a
                      * 公文's title keeps its words whole: after the
                      * issuing body's name */
  int hang;          /* PARAGRAPH: starts two characters in, its other lines
                      * hang more characters in (附件：) */
  double stroke;     /* RULE: points */
  double inset;      /* PAIR, SIGN, RECORD: characters in from the edges;
                      * a hanging PARAGRAPH: characters in after its two */
  char *right;       /* PAIR, SIGN: the right-hand text */
  char *right_label; /* PAIR: set before right, in role */
  JxRole right_role; /* PAIR: right's role */
  GPtrArray *lines;  /* RECORD: char * per line: "left\tright" or "left" */
} JxBlock;

typedef struct {
  char *title;       /* the report's title: PDF Title, running header */
  char *author;      /* PDF Author: the department */
  char *subject;     /* PDF Subject */
  char *keywords;    /* PDF Keywords */
  GPtrArray *blocks; /* JxBlock * */
  guint cover_pages; /* pages before page 1: no running header, no number */
  /* the running header and the footer: {页码} {总页数} {项目名称} are
   * filled page by page; "" or NULL for none */
  char *header;
  char *footer;
} JxDocument;

/* The role a table's body cells or header cells are set in: a form's own
 * (JX_ROLE_FORM) or a table's. */
static inline JxRole jx_table_role(const JxBlock *t, bool head) {
  if (t->role == JX_ROLE_FORM)
    return head ? JX_ROLE_FORM_HEAD : JX_ROLE_FORM;
  return head ? JX_ROLE_TABLE_HEAD : JX_ROLE_TABLE;
}

JxDocument *jx_document_new(const char *title, const char *author);
void jx_document_free(JxDocument *doc);

/* Appends blocks; text is copied.  Each returns the new block. */
JxBlock *jx_document_heading(JxDocument *doc, JxRole role, const char *text, int outline_level);
JxBlock *jx_document_paragraph(JxDocument *doc, JxRole role, const char *text, JxAlign align,
                               bool indent);
JxBlock *jx_document_space(JxDocument *doc, double points);
JxBlock *jx_document_page_break(JxDocument *doc);

/* A figure: draw sets data on the page; free (may be NULL) frees data. */
JxBlock *jx_document_figure(JxDocument *doc, JxFigureDraw draw, void *data, GDestroyNotify free);

/* 目录 of the headings after it down to outline level toc_level. */
JxBlock *jx_document_toc(JxDocument *doc, int toc_level);

/* A rule of stroke points across the text block in color. */
JxBlock *jx_document_rule(JxDocument *doc, double stroke, guint32 color);

/* One line: left at the left and right_label (role) with right (in
 * right_role) at the right, each inset characters in; any may be NULL. */
JxBlock *jx_document_pair(JxDocument *doc, JxRole role, const char *left, const char *right_label,
                          JxRole right_role, const char *right, double inset);

/* 署名 (name, may be NULL) centred over date, the date inset characters in
 * from the right. */
JxBlock *jx_document_sign(JxDocument *doc, const char *name, const char *date, double inset);

/* The 版记: each line "left" or "left\tright" in JX_ROLE_RECORD, inset
 * characters in, between rules (the first and last 0.35 mm, those between
 * 0.25 mm), its last line on the last line of an even page. */
JxBlock *jx_document_record(JxDocument *doc, GPtrArray *lines, double inset);

/* A table of columns; fill it with jx_block_row and jx_block_cell. */
JxBlock *jx_document_table(JxDocument *doc, guint columns, guint header_rows);

/* Starts a new row in table t. */
void jx_block_row(JxBlock *t);

/* Appends a cell to the last row of t. */
void jx_block_cell(JxBlock *t, const char *text, JxAlign align, bool strong);
/* A cell of text with a disc of color before it: a light and its word.  The
 * text starts with an ideographic space the disc is drawn in, so that
 * measuring and wrapping the cell make room for it. */
void jx_block_dot_cell(JxBlock *t, const char *text, guint32 color, JxAlign align);

/* The last cell of t is filled with color under its text. */
void jx_block_shade(JxBlock *t, guint32 color);

/* The last cell of t spans rows rows and cols columns (each at least 1);
 * the layout keeps a span inside the table and inside its header or
 * body. */
void jx_block_span(JxBlock *t, guint rows, guint cols);

#endif
