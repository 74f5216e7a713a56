/* render.h - a laid-out document drawn by cairo: one PDF, one SVG a page, or
 * one PNG a page.  Every file is written under a temporary name in its
 * folder and renamed into place when complete, so a crash or a full disk
 * never leaves half a report where a good one was. */
#ifndef JX_RENDER_H
#define JX_RENDER_H

#include "layout/document.h"
#include "layout/layout.h"

#include <glib.h>
#include <pango/pango.h>
#include <stdbool.h>

/* What the PDF says of itself. */
typedef struct {
  const char *title;
  const char *author;
  const char *subject;
  const char *keywords;
  const char *creator;
  const char *date;              /* ISO 8601 creation date, or NULL for now */
  const struct JxSigner *signer; /* signs the PDF before it is in place
                                  * (sign.h), or NULL */
} JxMeta;

/* Writes the PDF to path: metadata, an outline from the layout's marks.
 * False with *error set when the file cannot be written. */
bool jx_render_pdf(const JxLayout *l, const JxMeta *meta, const char *path, GError **error);

/* Writes one SVG a page, PREFIX-p001.svg …, sized in millimetres, adding each
 * path written to written (char *, owned by the array): its text as text in
 * embedded faces (svg.h), or with outlines every glyph a path (cairo's). */
bool jx_render_svg(const JxLayout *l, const char *prefix, bool outlines, GPtrArray *written,
                   GError **error);

/* Writes one PNG a page at dpi, PREFIX-p001.png …. */
bool jx_render_png(const JxLayout *l, const char *prefix, double dpi, GPtrArray *written,
                   GError **error);

/* The files a figure is written as. */
typedef struct {
  bool svg, outlines; /* SVG, its glyphs as outlines */
  bool png;
  double dpi;
} JxFigureFormats;

/* Writes every named figure of doc (charts) as a file of its own in
 * dir/charts, NAME.svg and NAME.png as f says, on a page its own size;
 * adds the paths to written. */
bool jx_render_figures(const JxDocument *doc, const JxStyle *style, PangoContext *ctx,
                       const char *dir, const JxFigureFormats *f, GPtrArray *written,
                       GError **error);

/* The figure blk of doc alone on a page its own size, as its file has it,
 * laid out once for an HTML page to draw it more than once. */
typedef struct JxFigurePage JxFigurePage;
JxFigurePage *jx_figure_page_new(const JxBlock *blk, const JxDocument *doc, const JxStyle *style,
                                 PangoContext *ctx);
void jx_figure_page_free(JxFigurePage *f);

/* f's size in points. */
void jx_figure_page_size(const JxFigurePage *f, double *width, double *height);

/* f as a PNG at dpi, and as an SVG with every glyph an outline (for a word
 * processor, which has no faces of its own for it); NULL with *error when
 * cairo fails.  Caller unrefs. */
GBytes *jx_render_figure_png(const JxFigurePage *f, double dpi, GError **error);
GBytes *jx_render_figure_outlines(const JxFigurePage *f, GError **error);

/* f as an SVG for an HTML page (svg.h), titled with its alternate text, in
 * the faces the page's charts share (webfont.h): with collect, "" once its
 * characters are noted in fonts; then, fonts made, the SVG.  NULL with
 * *error when a face cannot be read.  Caller frees. */
struct JxWebFonts;
char *jx_render_figure_svg(const JxFigurePage *f, struct JxWebFonts *fonts, bool collect,
                           GError **error);

/* Writes data to path as every output is written: under a temporary name
 * in its folder, synced, renamed into place when whole.  False with
 * *error set when it cannot be. */
bool jx_render_write_file(const char *path, const char *data, gsize len, GError **error);

/* A file name made from name: no '/', '\\', control characters or leading
 * dot, at most 120 bytes, cut on a character boundary.  Caller frees. */
char *jx_render_safe_name(const char *name);

#endif
