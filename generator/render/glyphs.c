/* glyphs.c - the glyph clusters of a laid-out line. */
#include "render/glyphs.h"

#include <fontconfig/fontconfig.h>
#include <pango/pangofc-font.h>
#include <string.h>

char *jx_line_excerpt(const JxOp *op) {
  return g_utf8_strlen(op->text, -1) > 40 ? g_strdup_printf("%.60s…", op->text)
                                          : g_strdup(op->text);
}

bool jx_line_clusters(const JxOp *op, JxClusterFn fn, void *data, GError **error) {
  PangoLayoutLine *line = op->pline;
  const char *text = pango_layout_get_text(op->layout);
  double x = op->x;
  for (GSList *r = line->runs; r; r = r->next) {
    PangoGlyphItem *run = r->data;
    PangoItem *item = run->item;
    PangoGlyphString *gs = run->glyphs;
    FcPattern *pat = pango_fc_font_get_pattern(PANGO_FC_FONT(item->analysis.font));
    FcChar8 *file = NULL, *format = NULL;
    int index = 0;
    FcBool embolden = FcFalse;
    FcPatternGetString(pat, FC_FILE, 0, &file);
    FcPatternGetInteger(pat, FC_INDEX, 0, &index);
    FcPatternGetString(pat, FC_FONTFORMAT, 0, &format);
    FcPatternGetBool(pat, FC_EMBOLDEN, 0, &embolden);
    PangoFontDescription *fd = pango_font_describe(item->analysis.font);
    double size = (double)pango_font_description_get_size(fd) / PANGO_SCALE;
    pango_font_description_free(fd);
    for (int i = 0; i < gs->num_glyphs; i++) {
      PangoGlyphInfo *g = &gs->glyphs[i];
      int start = gs->log_clusters[i], end = item->length;
      bool first = i == 0 || gs->log_clusters[i - 1] != start;
      /* the cluster's characters end where the next cluster's begin; its
       * glyphs are those that follow with the same start */
      double width = 0;
      int k = i;
      for (; k < gs->num_glyphs && gs->log_clusters[k] == start; k++)
        width += (double)gs->glyphs[k].geometry.width / PANGO_SCALE;
      if (k < gs->num_glyphs)
        end = gs->log_clusters[k];
      if (first && g->glyph != PANGO_GLYPH_EMPTY && end > start) {
        JxCluster c = {text + item->offset + start,
                       end - start,
                       (const char *)file,
                       index,
                       format && strcmp((const char *)format, "TrueType") == 0,
                       embolden,
                       (g->glyph & PANGO_GLYPH_UNKNOWN_FLAG) != 0,
                       size,
                       x + (double)g->geometry.x_offset / PANGO_SCALE,
                       op->y + (double)g->geometry.y_offset / PANGO_SCALE,
                       width};
        if (!fn(data, op, &c, error))
          return false;
      }
      x += (double)g->geometry.width / PANGO_SCALE;
    }
  }
  return true;
}
