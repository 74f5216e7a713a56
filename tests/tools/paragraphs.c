/* paragraphs.c - sets paragraphs as jixiao's reports set them, for the
 * side-by-side comparison with XeLaTeX + ctex (tests/compare/paragraphs.sh):
 * each line of the input file a justified body paragraph in the style of
 * TEMPLATE (the annual one: A4, the 156 mm measure, 16 pt on a 28.95 pt
 * pitch, a quarter em between Chinese and Latin), one after another, each
 * indented two characters as the reports indent them, into a PDF; and into
 * SET.txt the text as the layout sets it (the half-width , ; : ? ! between
 * Chinese characters made full-width), for the other typesetter to set the
 * same.
 * Usage: paragraphs FONTS-DIR TEMPLATE IN.txt OUT.pdf SET.txt */
#include "layout/cjk.h"
#include "layout/fonts.h"
#include "layout/layout.h"
#include "layout/style.h"
#include "render/render.h"
#include "report/template.h"

#include <stdio.h>

int main(int argc, char **argv) {
  if (argc != 6) {
    fprintf(stderr, "usage: paragraphs FONTS-DIR TEMPLATE IN.txt OUT.pdf SET.txt\n");
    return 64;
  }
  GError *err = NULL;
  JxFonts *fonts = jx_fonts_open(argv[1], &err);
  JxTemplate *tmpl = fonts ? jx_template_load(argv[2], &err) : NULL;
  char *text = NULL;
  if (!tmpl || !g_file_get_contents(argv[3], &text, NULL, &err)) {
    fprintf(stderr, "paragraphs: %s\n", err->message);
    return 66;
  }
  PangoContext *ctx = jx_fonts_context(fonts);
  JxDocument *doc = jx_document_new("paragraphs", "jixiao");
  gchar **lines = g_strsplit(text, "\n", -1);
  GString *set = g_string_new(NULL);
  for (int i = 0; lines[i]; i++)
    if (*lines[i]) {
      jx_document_paragraph(doc, JX_ROLE_BODY, lines[i], JX_ALIGN_JUSTIFY, true);
      char *fixed = jx_cjk_punctuation(lines[i]);
      g_string_append_printf(set, "%s\n", fixed ? fixed : lines[i]);
      g_free(fixed);
    }
  JxLayout *l = jx_layout_document(doc, &tmpl->style, ctx);
  JxMeta meta = {"paragraphs", "jixiao", NULL, NULL, "jixiao", "2025-01-01T00:00:00Z", NULL};
  int rc = 0;
  if (!jx_render_pdf(l, &meta, argv[4], &err) ||
      !g_file_set_contents(argv[5], set->str, (gssize)set->len, &err)) {
    fprintf(stderr, "paragraphs: %s\n", err->message);
    rc = 73;
  }
  jx_layout_free(l);
  jx_document_free(doc);
  g_string_free(set, TRUE);
  g_strfreev(lines);
  g_free(text);
  g_object_unref(ctx);
  jx_template_free(tmpl);
  jx_fonts_free(fonts);
  return rc;
}
