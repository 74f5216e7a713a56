/* docx.h - a report as a Word document (.docx, Office Open XML), for the
 * people who edit it before they stamp it.  Like the web page (html.h) it
 * is written from the document, not the laid-out pages, so that Word sets
 * and reflows it: headings in Word's heading styles (their numbering as
 * the text has it), paragraphs with their two-character indent, tables as
 * Word tables (header rows that repeat, spans as gridSpan and vMerge, the
 * layout's column widths), charts as pictures (PNG at print resolution
 * with an SVG beside it, the chart's title as alternate text), and the
 * template's page, margins, running header, page numbers as fields, faces
 * and zh-CN.  A 公文 keeps its 版头 (its spaces, red mark and rule) and its
 * 版记 (a table held at the foot of its page).
 *
 * The package is made in memory with libzip, every entry stamped with the
 * report's date (SOURCE_DATE_EPOCH), in a fixed order, and written as
 * every output is (render.h: a temporary file renamed into place). */
#ifndef JX_RENDER_DOCX_H
#define JX_RENDER_DOCX_H

#include "layout/layout.h"
#include "render/render.h"

#include <glib.h>
#include <pango/pango.h>
#include <stdbool.h>

/* The resolution of a chart's picture: print, not screen. */
#define JX_DOCX_DPI 300.0

/* Writes doc, as l laid it out in style (its tables' widths, its 目录's
 * page numbers, where its cover ends), to path; its charts drawn with ctx
 * at dpi.  False with *error set when it cannot be written. */
bool jx_docx_write(const JxDocument *doc, const JxLayout *l, const JxStyle *style,
                   PangoContext *ctx, const JxMeta *meta, double dpi, const char *path,
                   GError **error);

#endif
