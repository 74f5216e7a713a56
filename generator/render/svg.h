/* svg.h - a page of the display list as SVG with its text as text: each
 * line a <text> of its characters, each character at the x Pango put its
 * glyph, in faces subset and embedded as WOFF2 (webfont.h).  The file is
 * self-contained, its text can be selected, searched and read aloud, and a
 * browser draws it as the PDF prints.  (The outline SVG, every glyph a
 * path, is cairo's: render.h.) */
#ifndef JX_RENDER_SVG_H
#define JX_RENDER_SVG_H

#include "layout/layout.h"

#include <glib.h>
#include <stdbool.h>

typedef struct {
  double width, height; /* the page, points: the viewBox */
  bool inline_html;     /* inside an HTML page: no XML declaration, as wide as
                         * its box; else a file sized in millimetres */
  const char *title;    /* the accessible name (<title>), or NULL */
  /* where a LINK op leads: the file of page n (a page of the same
   * document), or NULL to leave links out */
  const char *link_prefix; /* links go to LINK_PREFIX-p003.svg … */
  /* the faces: NULL, the SVG's own, subset to its characters in its own
   * <style>; else faces several SVGs share (the charts of one HTML page,
   * whose head has their rules): with collect, the page's characters are
   * only noted in them; without, they are made and the SVG uses them */
  struct JxWebFonts *fonts;
  bool collect;
} JxSvgOptions;

/* Appends the SVG of page to out (with o->collect, nothing: its characters
 * are noted in o->fonts); false with *error when a face cannot be read or
 * subset. */
bool jx_svg_page(const JxPage *page, const JxStyle *st, const JxSvgOptions *o, GString *out,
                 GError **error);

/* Appends text to out with &, <, > and " escaped, and what XML cannot hold
 * (control characters) as U+FFFD. */
void jx_xml_escape(GString *out, const char *text, gssize len);

/* Appends v with at most two decimals, no trailing zeros, '.' whatever the
 * locale. */
void jx_svg_number(GString *out, double v);

#endif
