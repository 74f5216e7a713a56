/* html.h - a report as a web page: its document (the blocks report.c
 * built, not the pages: a web page reflows) as HTML5 in zh-CN, headings as
 * h1 … h4, tables as <table> with a <caption>, header cells as <th scope>
 * and spans as rowspan and colspan, charts as inline SVG with text
 * (svg.h), every name escaped and every link relative. */
#ifndef JX_RENDER_HTML_H
#define JX_RENDER_HTML_H

#include "layout/document.h"
#include "layout/style.h"

#include <glib.h>
#include <pango/pango.h>
#include <stdbool.h>

/* A file the page offers for download: the PDF, with its digest. */
typedef struct {
  const char *href;   /* relative to the page */
  const char *label;  /* its name as shown */
  const char *sha256; /* hex, or NULL */
  gint64 size;        /* bytes */
} JxDownload;

typedef struct {
  const char *stylesheet; /* the site's stylesheet, relative to the page */
  const char *home;       /* the site's index, relative; NULL for none */
  const char *where;      /* where the page stands, for its breadcrumb:
                           * "2024 › 某区民政局", or NULL */
  const JxDownload *downloads;
  guint n_downloads;
} JxHtmlOptions;

/* The page of doc; its charts laid out in style with ctx.  NULL with
 * *error when a chart's faces cannot be embedded.  Caller frees. */
char *jx_html_document(const JxDocument *doc, const JxStyle *style, PangoContext *ctx,
                       const JxHtmlOptions *o, GError **error);

/* Appends the start of a page titled title (escaped) with the stylesheet,
 * the page's own style (its charts' faces, or NULL) and the breadcrumb to
 * home (NULL: none), and its end: what every page of the site shares. */
void jx_html_begin(GString *out, const char *title, const char *stylesheet, const char *style,
                   const char *home, const char *where);
void jx_html_end(GString *out);

/* Appends href (a relative path of the tree) percent-encoded where a URL
 * must be, and escaped for an attribute. */
void jx_html_href(GString *out, const char *href);

/* A size in bytes as people read it: "312 KB", "1.4 MB". */
void jx_html_size(GString *out, gint64 bytes);

/* The site's stylesheet (jixiao.css). */
const char *jx_html_stylesheet(void);

#endif
