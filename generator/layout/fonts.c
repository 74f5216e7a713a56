/* fonts.c - jixiao's own font configuration and Pango font map. */
#include "layout/fonts.h"

#include "layout/install.h"

#include <fontconfig/fontconfig.h>
#include <pango/pangocairo.h>
#include <pango/pangofc-fontmap.h>

#ifndef JX_FONT_DIR
#define JX_FONT_DIR "fonts"
#endif

struct JxFonts {
  char *dir;
  FcConfig *config;
  PangoFontMap *map;
};

/* Families that must be there: the defaults of every role. */
static const char *const required[] = {"Noto Serif CJK SC",
                                       "Noto Serif CJK SC Rare",
                                       "Noto Sans CJK SC",
                                       "Noto Sans CJK SC Rare",
                                       "Liberation Serif",
                                       "Liberation Sans",
                                       NULL};

/* Whether config has a face of the family (of the weight, unless it is
 * -1). */
static bool has_face(FcConfig *config, const char *family, int weight) {
  FcPattern *p = FcPatternBuild(NULL, FC_FAMILY, FcTypeString, family, NULL);
  if (weight >= 0)
    FcPatternAddInteger(p, FC_WEIGHT, weight);
  FcObjectSet *os = FcObjectSetBuild(FC_FAMILY, NULL);
  FcFontSet *set = FcFontList(config, p, os);
  bool found = set && set->nfont > 0;
  if (set)
    FcFontSetDestroy(set);
  FcObjectSetDestroy(os);
  FcPatternDestroy(p);
  return found;
}

/* Where fontconfig keeps what it learnt of the faces, so that a run does not
 * read them all again: cache/ beside the configuration, or the user's cache
 * folder when that is not writable (an installed jixiao).  A relative
 * <cachedir> in the file would be taken relative to another folder. */
static bool add_cache_dirs(FcConfig *config, const char *dir) {
  char *here = g_build_filename(dir, "cache", NULL);
  char *abs = g_canonicalize_filename(here, NULL);
  char *user = g_build_filename(g_get_user_cache_dir(), "jixiao", "fontconfig", NULL);
  char *here_xml = g_markup_escape_text(abs, -1), *user_xml = g_markup_escape_text(user, -1);
  char *xml =
      g_strdup_printf("<fontconfig><cachedir>%s</cachedir><cachedir>%s</cachedir></fontconfig>",
                      here_xml, user_xml);
  bool ok = FcConfigParseAndLoadFromMemory(config, (const FcChar8 *)xml, FcTrue);
  g_free(xml);
  g_free(here_xml);
  g_free(user_xml);
  g_free(user);
  g_free(abs);
  g_free(here);
  return ok;
}

JxFonts *jx_fonts_open(const char *dir, GError **error) {
  if (!dir)
    dir = jx_install_dir("JIXIAO_FONTS", JX_FONT_DIR, "fonts");
  char *conf = g_build_filename(dir, "fonts.conf", NULL);
  FcConfig *config = FcConfigCreate();
  if (!g_file_test(conf, G_FILE_TEST_IS_REGULAR) ||
      !FcConfigParseAndLoad(config, (const FcChar8 *)conf, FcTrue)) {
    g_set_error(error, G_FILE_ERROR, G_FILE_ERROR_NOENT, "cannot load the font configuration %s",
                conf);
    FcConfigDestroy(config);
    g_free(conf);
    return NULL;
  }
  g_free(conf);
  if (!add_cache_dirs(config, dir)) {
    g_set_error(error, G_FILE_ERROR, G_FILE_ERROR_FAILED, "cannot set the font cache folders");
    FcConfigDestroy(config);
    return NULL;
  }
  if (!FcConfigBuildFonts(config)) {
    g_set_error(error, G_FILE_ERROR, G_FILE_ERROR_FAILED, "cannot read the fonts in %s", dir);
    FcConfigDestroy(config);
    return NULL;
  }
  /* each in both weights: a face missing or damaged (fontconfig passes
   * over a file it cannot read) would otherwise be stood in for without a
   * word, bold for regular */
  for (int i = 0; required[i]; i++) {
    for (int k = 0; k < 2; k++) {
      if (!has_face(config, required[i], k ? FC_WEIGHT_BOLD : FC_WEIGHT_REGULAR)) {
        g_set_error(error, G_FILE_ERROR, G_FILE_ERROR_NOENT,
                    "the font '%s' %s is missing or damaged in %s (run make to prepare the "
                    "fonts)",
                    required[i], k ? "Bold" : "Regular", dir);
        FcConfigDestroy(config);
        return NULL;
      }
    }
  }
  /* cairo's FreeType backend asks the current configuration too */
  FcConfigSetCurrent(config);
  JxFonts *f = g_new0(JxFonts, 1);
  f->dir = g_strdup(dir);
  f->config = config;
  f->map = pango_cairo_font_map_new_for_font_type(CAIRO_FONT_TYPE_FT);
  pango_fc_font_map_set_config(PANGO_FC_FONT_MAP(f->map), config);
  return f;
}

void jx_fonts_free(JxFonts *f) {
  if (!f)
    return;
  g_object_unref(f->map);
  FcConfigDestroy(f->config);
  g_free(f->dir);
  g_free(f);
}

PangoFontMap *jx_fonts_map(const JxFonts *f) {
  return f->map;
}

const char *jx_fonts_dir(const JxFonts *f) {
  return f->dir;
}

PangoContext *jx_fonts_context(const JxFonts *f) {
  PangoContext *ctx = pango_font_map_create_context(f->map);
  /* 72 dpi: a Pango unit is then a PDF point; rounding glyph positions to
   * whole pixels would put widths off on a vector page */
  pango_cairo_context_set_resolution(ctx, 72.0);
  pango_context_set_round_glyph_positions(ctx, FALSE);
  pango_context_set_language(ctx, pango_language_from_string("zh-cn"));
  cairo_font_options_t *opts = cairo_font_options_create();
  cairo_font_options_set_hint_style(opts, CAIRO_HINT_STYLE_NONE);
  cairo_font_options_set_hint_metrics(opts, CAIRO_HINT_METRICS_OFF);
  pango_cairo_context_set_font_options(ctx, opts);
  cairo_font_options_destroy(opts);
  return ctx;
}

bool jx_fonts_has_family(const JxFonts *f, const char *family) {
  return has_face(f->config, family, -1);
}
