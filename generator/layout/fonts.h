/* fonts.h - the faces jixiao typesets with, from its own fontconfig
 * configuration (fonts/fonts.conf) rather than the machine's, and the roles
 * that text plays (title, heading, body, table, number), each with a family
 * list: Latin face first for letters and digits, then the CJK faces. */
#ifndef JX_FONTS_H
#define JX_FONTS_H

#include <glib.h>
#include <pango/pango.h>
#include <stdbool.h>

typedef struct JxFonts JxFonts;

/* Opens the configuration in dir (NULL: $JIXIAO_FONTS, else the folder jixiao
 * was built with) and a Pango font map over it.  NULL with *error set when
 * the configuration or a default face cannot be loaded.  Free with
 * jx_fonts_free. */
JxFonts *jx_fonts_open(const char *dir, GError **error);
void jx_fonts_free(JxFonts *f);

/* The font map (owned by f). */
PangoFontMap *jx_fonts_map(const JxFonts *f);

/* A new Pango context for laying out text at 72 dpi (1 unit = 1 pt), glyph
 * positions not rounded, language zh-Hans.  Caller unrefs. */
PangoContext *jx_fonts_context(const JxFonts *f);

/* Whether the configuration has a face of family (exactly, ignoring
 * case). */
bool jx_fonts_has_family(const JxFonts *f, const char *family);

/* The folder the configuration was read from. */
const char *jx_fonts_dir(const JxFonts *f);

#endif
