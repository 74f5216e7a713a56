/* docxpart.h - what the writers of a Word document's parts share (docx.c
 * writes the package, its styles and page furniture; docxbody.c the body):
 * the package being made and a few words over libxml2's xmlTextWriter. */
#ifndef JX_RENDER_DOCXPART_H
#define JX_RENDER_DOCXPART_H

#include "layout/layout.h"
#include "render/render.h"

#include <libxml/xmlwriter.h>
#include <pango/pango.h>
#include <stdbool.h>

/* Points to twentieths of a point (twips), Word's unit of length. */
#define DX_TW(pt) ((long)lround((pt)*20.0))
/* Points to English Metric Units, DrawingML's. */
#define DX_EMU(pt) ((long)lround((pt)*12700.0))

/* A relationship of the body part: an image or the header and footers. */
typedef struct {
  char *id, *type, *target;
} DxRel;

typedef struct {
  const JxDocument *doc;
  const JxLayout *l;
  const JxStyle *st;
  PangoContext *ctx;
  const JxMeta *meta;
  double dpi;         /* the charts' pictures */
  struct zip *zip;    /* the package, in memory */
  guint16 time, date; /* every entry's stamp (MS-DOS) */
  GPtrArray *rels;    /* DxRel *: the body's */
  guint images;       /* pictures added: chart1.png … */
  double size;        /* runs set at this size (points), 0: their style's */
  bool even_odd;      /* odd and even pages have footers of their own */
  const char *header_id, *footer_id, *footer_even_id; /* relationships, or NULL */
  GError **error;
  bool failed;
} Docx;

/* A part being written. */
typedef struct {
  xmlBufferPtr buf;
  xmlTextWriterPtr w;
} DxPart;

void dx_begin(DxPart *p);
/* Adds the part to the package as name; false (d->error set) when the
 * package will not take it. */
bool dx_end(Docx *d, DxPart *p, const char *name);
/* Adds bytes (copied) as name. */
bool dx_add(Docx *d, const char *name, const void *bytes, size_t len);

/* Adds a relationship of the body; returns its id (owned by d). */
const char *dx_rel(Docx *d, const char *type, const char *target);
void dx_rel_free(DxRel *r);

void dx_open(xmlTextWriterPtr w, const char *name);
void dx_close(xmlTextWriterPtr w);
void dx_attr(xmlTextWriterPtr w, const char *name, const char *value);
void dx_attrl(xmlTextWriterPtr w, const char *name, long value);
/* An empty element with one attribute: <name w:val="value"/> when attr is
 * "w:val". */
void dx_elem(xmlTextWriterPtr w, const char *name, const char *attr, const char *value);
void dx_eleml(xmlTextWriterPtr w, const char *name, const char *attr, long value);
/* <el w:w="twips" w:type="dxa"/>: a width of pt points. */
void dx_width(xmlTextWriterPtr w, const char *el, double pt);
/* A table's cell margins: the padding the layout's column widths hold. */
void dx_cell_margins(const Docx *d, xmlTextWriterPtr w);
/* Text as XML 1.0 holds it: characters it cannot hold become U+FFFD. */
void dx_text(xmlTextWriterPtr w, const char *text, gssize len);

/* The run properties of a role: its faces (the Latin one for letters and
 * digits, the first Chinese one for the rest), size, weight and spacing. */
void dx_role_rpr(const Docx *d, xmlTextWriterPtr w, JxRole role);
/* Run properties: role's set out in full when role >= 0, then bold and
 * color (0: none) over them; nothing when there is nothing to say. */
void dx_rpr(const Docx *d, xmlTextWriterPtr w, int role, bool bold, guint32 color);
/* The same without the w:rPr around them (a style's defaults). */
void dx_rpr_props(const Docx *d, xmlTextWriterPtr w, int role, bool bold, guint32 color);
/* The Latin face and the first Chinese face of a role's family list;
 * caller frees both. */
void dx_faces(const JxRoleStyle *r, char **latin, char **cjk);
/* A role's style id in styles.xml. */
const char *dx_style_id(JxRole role);

/* A run of text: in the paragraph's style, or with role (>= 0) set out in
 * full (a run of another role in it); bold or coloured as asked (color 0:
 * the style's); its line ends become breaks, its tabs tabs. */
void dx_run(const Docx *d, xmlTextWriterPtr w, const char *text, gssize len, int role, bool bold,
            guint32 color);
/* A field (" PAGE ") with text shown until it is updated. */
void dx_field(xmlTextWriterPtr w, const char *instr, const char *shown);

/* Where the layout set a block: its first and last page, its lines. */
typedef struct {
  int first, last;
  guint lines;
} Placed;

typedef struct {
  Docx *d;
  xmlTextWriterPtr w;
  Placed *at;             /* per block */
  GHashTable *cell_lines; /* a table cell's lines as the layout set them:
                           * block << 32 | its grid cell, to a count */
  bool page_break;        /* the next paragraph starts a page */
  double space;           /* points before the next paragraph */
  guint cover_end;        /* the block the cover ends at (docxbody.c), or
                           * G_MAXUINT */
  guint figures;          /* drawings so far: their ids */
  bool after_table;       /* the last thing written was a table: another one
                           * right after it would join it */
} DxBody;

/* What a paragraph's properties hold beyond its style's. */
typedef struct {
  const char *style;
  const char *jc; /* NULL: the style's */
  bool keep_next;
  int outline;                 /* -1: the style's; 0-8 a level; 9 none */
  double left, right, hanging; /* points */
  double tab;                  /* a right tab stop at this many points, 0 none */
  bool leader;                 /* the tab's leader is dots */
  double line;                 /* an exact line height, 0: the style's */
  bool auto_line;              /* a line as tall as what it holds (a picture) */
  double border;               /* a rule under it this many points wide, 0 none */
  guint32 border_color;
} DxPpr;

/* A role's em: its size in points. */
double dx_em(const Docx *d, JxRole role);
/* Writes a paragraph's properties: p's, and the page break and space the
 * body has waiting for the next paragraph. */
void dx_ppr(DxBody *b, const DxPpr *p);
/* Word's jc of an alignment. */
const char *dx_jc(JxAlign a);
/* An empty paragraph exactly h points tall (a space kept at a page's top,
 * or what carries a page break to a table). */
void dx_strut(DxBody *b, double h);

/* Table t, block i of the document, on the layout's grid (docxtable.c). */
void dx_table(DxBody *b, const JxBlock *t, guint i);
/* The 版记 blk: its lines between rules, held at the foot of the page. */
void dx_record(DxBody *b, const JxBlock *blk);

/* Writes word/document.xml. */
bool dx_body(Docx *d);

#endif
