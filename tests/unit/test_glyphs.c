/* No glyph is lost on the way into a PDF.
 *
 * Every GB2312 hanzi (6,763) and some rarer ones, ASCII, full-width
 * punctuation and ≥ ≤ ＞ ＜ ±
 * are set in each default face and weight, one character a cell, into PDFs
 * (as reports are made) and onto a cairo image surface.  poppler's pdftoppm
 * rasterizes the PDFs at the same resolution; wherever the image surface has
 * ink in a cell, the PDF must have ink there too, and not much less of it (a
 * glyph that lost strokes shows as a cell with too little).
 *
 * cairo subsets a font once a document, and whether it damages a glyph
 * depends on which others are in the subset: with the original Noto CJK, 如
 * comes out blank in a document of few characters and whole in one of
 * thousands.  So the characters are set twice: all in one document, and
 * sixteen to a document (merged with pdfunite for one pdftoppm run).
 * The fonts are jixiao's own configuration, or $JIXIAO_FONTS. */
#include "layout/fonts.h"

#include <cairo-pdf.h>
#include <glib/gstdio.h>
#include <pango/pangocairo.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <string.h>

#include <cmocka.h>

#define DPI 100.0
#define CELL 24.0 /* points */
#define SIZE 16.0 /* points */
#define MARGIN 10.0

/* A grid of cells on a page. */
typedef struct {
  guint cols, rows;
} Grid;

typedef struct {
  const char *family;
  bool bold;
  bool cjk; /* set the hanzi too */
} Face;

static const Face faces[] = {
    {"Noto Serif CJK SC", false, true}, {"Noto Serif CJK SC", true, true},
    {"Noto Sans CJK SC", false, true},  {"Noto Sans CJK SC", true, true},
    {"Liberation Serif", false, false}, {"Liberation Serif", true, false},
    {"Liberation Sans", false, false},  {"Liberation Sans", true, false},
};

/* The characters to set: ASCII and the symbols for every face, the
 * punctuation and the 6,763 GB2312 hanzi for the CJK faces. */
static GArray *characters(bool cjk) {
  GArray *chars = g_array_new(FALSE, FALSE, sizeof(gunichar));
  for (gunichar c = 0x21; c <= 0x7E; c++)
    g_array_append_val(chars, c);
  static const char symbols[] = "≥≤±";
  for (const char *p = symbols; *p; p = g_utf8_next_char(p)) {
    gunichar c = g_utf8_get_char(p);
    g_array_append_val(chars, c);
  }
  if (!cjk)
    return chars;
  static const char punct[] = "，。、；：？！（）《》〈〉「」『』【】〔〕“”‘’—…·＞＜％＋－＝";
  for (const char *p = punct; *p; p = g_utf8_next_char(p)) {
    gunichar c = g_utf8_get_char(p);
    g_array_append_val(chars, c);
  }
  /* GB2312 level 1 and 2: rows 0xB0-0xF7, columns 0xA1-0xFE, less the five
   * empty places at the end of row 0xD7 */
  guint hanzi = 0;
  for (int row = 0xB0; row <= 0xF7; row++) {
    for (int col = 0xA1; col <= 0xFE; col++) {
      char gb[2] = {(char)row, (char)col};
      char *utf8 = g_convert(gb, 2, "UTF-8", "GB2312", NULL, NULL, NULL);
      if (!utf8)
        continue;
      gunichar c = g_utf8_get_char(utf8);
      g_array_append_val(chars, c);
      hanzi++;
      g_free(utf8);
    }
  }
  assert_int_equal(hanzi, 6763);
  /* and some beyond GB2312, from the faces' rare parts: names of people and
   * places (堃 喆 玥 珺 犇 昇 赟 淏), CJK Extension A (㐀 䶵) */
  static const char rare[] = "堃喆玥珺犇昇赟淏㐀䶵";
  for (const char *p = rare; *p; p = g_utf8_next_char(p)) {
    gunichar c = g_utf8_get_char(p);
    g_array_append_val(chars, c);
  }
  return chars;
}

/* Draws chars from index first on one page of cr, one a cell. */
static void draw_cells(cairo_t *cr, PangoLayout *l, const GArray *chars, guint first, Grid g) {
  for (guint k = 0; k < g.cols * g.rows && first + k < chars->len; k++) {
    char text[8];
    int n = g_unichar_to_utf8(g_array_index(chars, gunichar, first + k), text);
    pango_layout_set_text(l, text, n);
    cairo_move_to(cr, MARGIN + (k % g.cols) * CELL + 4, MARGIN + (k / g.cols) * CELL + 2);
    pango_cairo_show_layout(cr, l);
  }
}

/* The ink in cell k of an image of the page: the sum of each pixel's
 * darkness, which antialiasing spreads but does not change much (a count of
 * dark pixels would differ on hairlines between two rasterizers). */
static guint ink(cairo_surface_t *img, guint k, Grid g) {
  int stride = cairo_image_surface_get_stride(img);
  int w = cairo_image_surface_get_width(img), h = cairo_image_surface_get_height(img);
  unsigned char *data = cairo_image_surface_get_data(img);
  double scale = DPI / 72.0;
  /* the cell, less a pixel at each edge */
  int x0 = (int)((MARGIN + (k % g.cols) * CELL) * scale) + 1;
  int y0 = (int)((MARGIN + (k / g.cols) * CELL) * scale) + 1;
  int x1 = MIN(w, (int)((MARGIN + (k % g.cols + 1) * CELL) * scale) - 1);
  int y1 = MIN(h, (int)((MARGIN + (k / g.cols + 1) * CELL) * scale) - 1);
  guint n = 0;
  for (int y = y0; y < y1; y++) {
    const guint32 *row = (const guint32 *)(const void *)(data + y * stride);
    for (int x = x0; x < x1; x++)
      n += 255 - (row[x] & 0xFF); /* blue channel of grey */
  }
  return n;
}

/* Runs a program to completion; fails the test when it does not succeed. */
static void run(char **argv) {
  gint status = 0;
  GError *err = NULL;
  if (!g_spawn_sync(NULL, argv, NULL, G_SPAWN_SEARCH_PATH | G_SPAWN_STDOUT_TO_DEV_NULL, NULL, NULL,
                    NULL, NULL, &status, &err))
    fail_msg("%s: %s", argv[0], err->message);
  if (!g_spawn_check_wait_status(status, NULL))
    fail_msg("%s failed", argv[0]);
}

/* Writes pages of chars on grid g into dir/all.pdf: one document when
 * per_document is 0, else documents of per_document characters (a page
 * each) merged into one file.  Returns the page count. */
static guint write_pdf(PangoLayout *l, const GArray *chars, Grid g, guint per_document,
                       const char *dir) {
  guint per_page = g.cols * g.rows, pages = (chars->len + per_page - 1) / per_page;
  double pw = 2 * MARGIN + g.cols * CELL, ph = 2 * MARGIN + g.rows * CELL;
  char *all = g_strdup_printf("%s/all.pdf", dir);
  if (!per_document) {
    cairo_surface_t *ps = cairo_pdf_surface_create(all, pw, ph);
    cairo_t *cr = cairo_create(ps);
    for (guint p = 0; p < pages; p++) {
      draw_cells(cr, l, chars, p * per_page, g);
      cairo_show_page(cr);
    }
    cairo_destroy(cr);
    cairo_surface_destroy(ps);
  } else {
    GPtrArray *argv = g_ptr_array_new_with_free_func(g_free);
    g_ptr_array_add(argv, g_strdup("pdfunite"));
    for (guint p = 0; p < pages; p++) {
      char *one = g_strdup_printf("%s/g%05u.pdf", dir, p);
      cairo_surface_t *ps = cairo_pdf_surface_create(one, pw, ph);
      cairo_t *cr = cairo_create(ps);
      draw_cells(cr, l, chars, p * per_page, g);
      cairo_destroy(cr);
      cairo_surface_destroy(ps);
      g_ptr_array_add(argv, one);
    }
    g_ptr_array_add(argv, g_strdup(all));
    g_ptr_array_add(argv, NULL);
    run((char **)argv->pdata);
    for (guint p = 0; p < pages; p++)
      g_remove(g_ptr_array_index(argv, p + 1));
    g_ptr_array_free(argv, TRUE);
  }
  g_free(all);
  return pages;
}

static void face_survives(const Face *face, JxFonts *fonts, const char *dir, Grid g,
                          guint per_document) {
  GArray *chars = characters(face->cjk);
  guint per_page = g.cols * g.rows;
  PangoContext *ctx = jx_fonts_context(fonts);
  PangoLayout *l = pango_layout_new(ctx);
  PangoFontDescription *fd = pango_font_description_from_string(face->family);
  pango_font_description_set_absolute_size(fd, SIZE * PANGO_SCALE);
  pango_font_description_set_weight(fd, face->bold ? PANGO_WEIGHT_BOLD : PANGO_WEIGHT_NORMAL);
  pango_layout_set_font_description(l, fd);
  pango_font_description_free(fd);

  guint pages = write_pdf(l, chars, g, per_document, dir);
  char *pdf = g_strdup_printf("%s/all.pdf", dir);
  char *prefix = g_strdup_printf("%s/page", dir);
  char dpi[16];
  g_snprintf(dpi, sizeof dpi, "%d", (int)DPI);
  char *argv[] = {"pdftoppm", "-r", dpi, "-png", pdf, prefix, NULL};
  run(argv);

  double pw = 2 * MARGIN + g.cols * CELL, ph = 2 * MARGIN + g.rows * CELL;
  int iw = (int)(pw * DPI / 72.0 + 0.5), ih = (int)(ph * DPI / 72.0 + 0.5);
  char count[16];
  int digits = g_snprintf(count, sizeof count, "%u", pages);
  guint lost = 0, thin = 0;
  for (guint p = 0; p < pages; p++) {
    /* the reference: the same page drawn straight onto an image */
    cairo_surface_t *ref = cairo_image_surface_create(CAIRO_FORMAT_RGB24, iw, ih);
    cairo_t *cr = cairo_create(ref);
    cairo_set_source_rgb(cr, 1, 1, 1);
    cairo_paint(cr);
    cairo_scale(cr, DPI / 72.0, DPI / 72.0);
    cairo_set_source_rgb(cr, 0, 0, 0);
    draw_cells(cr, l, chars, p * per_page, g);
    cairo_destroy(cr);
    cairo_surface_flush(ref);
    char *png = g_strdup_printf("%s-%0*u.png", prefix, digits, p + 1);
    cairo_surface_t *got = cairo_image_surface_create_from_png(png);
    assert_int_equal(cairo_surface_status(got), CAIRO_STATUS_SUCCESS);
    for (guint k = 0; k < per_page && p * per_page + k < chars->len; k++) {
      guint want = ink(ref, k, g), have = ink(got, k, g);
      gunichar c = g_array_index(chars, gunichar, p * per_page + k);
      if (want > 0 && have * 20 < want) {
        if (lost++ < 10)
          print_message("%s%s: U+%04X has no ink in the PDF\n", face->family,
                        face->bold ? " Bold" : "", c);
      } else if (want > 8 * 255 && have * 10 < want * 7) {
        if (thin++ < 10)
          print_message("%s%s: U+%04X has %u ink in the PDF, %u drawn directly\n", face->family,
                        face->bold ? " Bold" : "", c, have, want);
      }
    }
    cairo_surface_destroy(got);
    cairo_surface_destroy(ref);
    g_remove(png);
    g_free(png);
  }
  g_remove(pdf);
  g_free(pdf);
  g_free(prefix);
  g_object_unref(l);
  g_object_unref(ctx);
  g_array_free(chars, TRUE);
  if (lost || thin)
    fail_msg("%s%s: %u glyphs lost, %u damaged (%s)", face->family, face->bold ? " Bold" : "", lost,
             thin, per_document ? "small documents" : "one document");
}

static void every_face(void **state) {
  (void)state;
  GError *err = NULL;
  JxFonts *fonts = jx_fonts_open(g_getenv("JIXIAO_FONTS") ? NULL : JX_SOURCE_DIR "/fonts", &err);
  if (!fonts)
    fail_msg("%s", err->message);
  char *dir = g_dir_make_tmp("jixiao-glyphs-XXXXXX", NULL);
  for (size_t i = 0; i < G_N_ELEMENTS(faces); i++) {
    face_survives(&faces[i], fonts, dir, (Grid){24, 34}, 0);
    face_survives(&faces[i], fonts, dir, (Grid){4, 4}, 16);
  }
  g_rmdir(dir);
  g_free(dir);
  jx_fonts_free(fonts);
}

int main(void) {
  const struct CMUnitTest tests[] = {cmocka_unit_test(every_face)};
  return cmocka_run_group_tests(tests, NULL, NULL);
}
