/* webfont.h - the faces a drawing's text is set in, each subset to the
 * characters it shows and compressed as WOFF2, for the @font-face rules of
 * an SVG: the file carries its own faces, so it looks the same everywhere
 * and its text stays text (selectable, searchable, read aloud).
 *
 * The subset keeps the characters' cmap glyphs and drops the layout tables
 * (GSUB, GPOS): a browser then shapes nothing of its own, and the positions
 * Pango chose, written beside each character, are the only ones. */
#ifndef JX_RENDER_WEBFONT_H
#define JX_RENDER_WEBFONT_H

#include "render/glyphs.h"

#include <glib.h>
#include <stdbool.h>

typedef struct JxWebFonts JxWebFonts;

JxWebFonts *jx_webfonts_new(void);
void jx_webfonts_free(JxWebFonts *w);

/* Notes the characters of c under its face; returns the face's number. */
guint jx_webfonts_add(JxWebFonts *w, const JxCluster *c);

/* The number of c's face, once added (jx_webfonts_add). */
guint jx_webfonts_face(JxWebFonts *w, const JxCluster *c);

/* Makes every face's subset; false with *error when a face cannot be read
 * or subset. */
bool jx_webfonts_make(JxWebFonts *w, GError **error);

/* After jx_webfonts_make: face n's family name, "jx-" and the start of its
 * subset's SHA-256, so that the same subset has the same name in every file
 * and two different ones never share one on a web page. */
const char *jx_webfonts_family(const JxWebFonts *w, guint n);

/* After jx_webfonts_make: appends an @font-face rule a face. */
void jx_webfonts_css(const JxWebFonts *w, GString *out);

#endif
