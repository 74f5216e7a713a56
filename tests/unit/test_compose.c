/* The composer (generator/layout/compose.c) on the display list: where each
 * character of a paragraph's lines stands, read back from the layout.
 * Expected positions are worked out by hand from the default style: a
 * measure of 156 mm = 442.205 pt, 16 pt body whose Chinese characters and
 * full-width marks advance one em (16 pt) in Noto Serif CJK SC, digits half
 * an em in Liberation Serif; so a line holds 27 characters and 10.205 pt
 * (27.64 em), and a 28th only if its punctuation gives up 5.8 pt. */
#include "layout/cjk.h"
#include "layout/fonts.h"
#include "layout/layout.h"
#include "report/template.h"

#include <math.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <string.h>

#include <cmocka.h>

static JxFonts *fonts;
static PangoContext *ctx;

static int open_fonts(void **state) {
  (void)state;
  GError *err = NULL;
  fonts = jx_fonts_open(JX_SOURCE_DIR "/fonts", &err);
  if (!fonts) {
    fprintf(stderr, "%s\n", err->message);
    return -1;
  }
  ctx = jx_fonts_context(fonts);
  return 0;
}

static int close_fonts(void **state) {
  (void)state;
  g_object_unref(ctx);
  jx_fonts_free(fonts);
  return 0;
}

#define EM 16.0
#define MEASURE (156 * 72 / 25.4)

/* A character of a line and where it stands: x from the layout's left,
 * and its advance as placed. */
typedef struct {
  gunichar c;
  double x, w;
} Placed;

/* The body lines of a document of one paragraph, each as its characters. */
static GPtrArray *set_lines(const char *text, JxAlign align, bool indent, const JxStyle *st,
                            JxLayout **out) {
  JxDocument *doc = jx_document_new("测试", "测试单位");
  jx_document_paragraph(doc, JX_ROLE_BODY, text, align, indent);
  JxLayout *l = jx_layout_document(doc, st, ctx);
  jx_document_free(doc);
  GPtrArray *lines = g_ptr_array_new_with_free_func((GDestroyNotify)g_array_unref);
  for (guint p = 0; p < l->pages->len; p++) {
    const JxPage *page = g_ptr_array_index(l->pages, p);
    for (guint i = 0; i < page->ops->len; i++) {
      const JxOp *op = &g_array_index(page->ops, JxOp, i);
      if (op->kind != JX_OP_TEXT || op->role != JX_ROLE_BODY)
        continue;
      PangoLayoutLine *line = pango_layout_get_line_readonly(op->layout, op->line);
      const char *t = pango_layout_get_text(op->layout);
      GArray *chars = g_array_new(FALSE, FALSE, sizeof(Placed));
      for (const char *q = t + line->start_index; q < t + line->start_index + line->length;
           q = g_utf8_next_char(q)) {
        gunichar c = g_utf8_get_char(q);
        if (c == JX_CJK_GAP || c == 0x2028)
          continue;
        PangoRectangle r;
        pango_layout_index_to_pos(op->layout, (int)(q - t), &r);
        Placed pl = {c, (double)r.x / PANGO_SCALE, (double)r.width / PANGO_SCALE};
        g_array_append_val(chars, pl);
      }
      g_ptr_array_add(lines, chars);
    }
  }
  *out = l;
  return lines;
}

static gunichar at(GArray *line, guint k) {
  return g_array_index(line, Placed, k).c;
}

/* The widest gap between two Chinese characters of a line beyond their em:
 * how far the line was stretched. */
static double widest_gap(GArray *line) {
  double worst = -1;
  for (guint k = 0; k + 1 < line->len; k++) {
    const Placed *a = &g_array_index(line, Placed, k), *b = a + 1;
    if (g_unichar_get_script(a->c) == G_UNICODE_SCRIPT_HAN &&
        g_unichar_get_script(b->c) == G_UNICODE_SCRIPT_HAN)
      worst = MAX(worst, b->x - a->x - EM);
  }
  return worst;
}

static double right_end(GArray *line) {
  const Placed *last = &g_array_index(line, Placed, line->len - 1);
  return last->x + last->w;
}

static char *line_string(GArray *line) {
  GString *s = g_string_new(NULL);
  for (guint k = 0; k < line->len; k++)
    g_string_append_unichar(s, at(line, k));
  return g_string_free(s, FALSE);
}

/* The seed's 智慧城市建设经费 goal: its first line takes in the marks it
 * holds (”平 ：按 ，“) and sets 27 characters, as XeLaTeX + ctex does,
 * not 23 with every gap an eighth of an em wide. */
static void smart_city_first_line(void **state) {
  (void)state;
  JxLayout *l;
  GPtrArray *lines =
      set_lines("“数字海珠一张图”平台：按照区委关于强化数字赋能，“营造共建共治共享社会治理"
                "格局，完善社会治理体制，创新社会治理方式，提升社会治理效能”的工作部署，"
                "结合海珠区自身发展基础，充分利用现代信息技术。",
                JX_ALIGN_JUSTIFY, true, jx_style_default(), &l);
  GArray *first = g_ptr_array_index(lines, 0);
  char *s = line_string(first);
  if (g_utf8_strlen(s, -1) < 27)
    fail_msg("the first line holds %ld characters: %s", g_utf8_strlen(s, -1), s);
  assert_true(g_str_has_prefix(s, "“数字海珠一张图”平台：按照区委关于强化数字赋能，“营"));
  /* indented two characters, reaching the measure, no gap widened */
  assert_true(fabs(g_array_index(first, Placed, 0).x - 2 * EM) < 0.01);
  assert_true(fabs(right_end(first) - MEASURE) < 0.05);
  assert_true(widest_gap(first) < 0.01);
  g_free(s);
  g_ptr_array_free(lines, TRUE);
  jx_layout_free(l);
}

/* A line whose 28th character is a comma: the comma takes half its
 * character at the line's end (GB/T 15834 5.1.10) and the line holds it
 * instead of sending the 27th character down with it. */
static void line_ends_in_punctuation(void **state) {
  (void)state;
  JxLayout *l;
  GPtrArray *lines =
      set_lines("国国国国国国国国国国国国国国国国国国国国国国国国国国国，后面还有几个字。",
                JX_ALIGN_JUSTIFY, false, jx_style_default(), &l);
  GArray *first = g_ptr_array_index(lines, 0);
  assert_int_equal(first->len, 28);
  assert_int_equal(at(first, 27), 0xFF0C);
  /* the 27 characters stand on whole ems; the comma is what is left */
  for (guint k = 0; k < 28; k++)
    assert_true(fabs(g_array_index(first, Placed, k).x - k * EM) < 0.01);
  assert_true(fabs(right_end(first) - MEASURE) < 0.05);
  g_ptr_array_free(lines, TRUE);
  jx_layout_free(l);
}

/* 29 characters on a line: the last comma half, and the three inside share
 * what is left (13.8 pt: 8 pt each at most); 。 inside the line keeps its
 * whole character. */
static void marks_inside_the_line(void **state) {
  (void)state;
  JxLayout *l;
  GPtrArray *lines = set_lines("国国国国。国国国国，国国国国国，国国国国国，国国国国国国，下一行。",
                               JX_ALIGN_JUSTIFY, false, jx_style_default(), &l);
  GArray *first = g_ptr_array_index(lines, 0);
  char *s = line_string(first);
  if (first->len != 29)
    fail_msg("the first line holds %u characters: %s", first->len, s);
  double taken = 0;
  for (guint k = 0; k + 1 < first->len; k++) {
    const Placed *a = &g_array_index(first, Placed, k), *b = a + 1;
    double adv = b->x - a->x;
    if (a->c == 0x3002)
      assert_true(fabs(adv - EM) < 0.01); /* 。 whole */
    else if (a->c == 0xFF0C)
      taken += EM - adv;
    else
      assert_true(fabs(adv - EM) < 0.01); /* no gap widened */
  }
  /* 29 em less the line: 464 - 442.205 = 21.795 pt, 8 of it at the end,
   * 13.795 / 3 = 4.598 from each comma inside */
  double end = EM - (MEASURE - g_array_index(first, Placed, 28).x);
  assert_true(fabs(end - 8) < 0.01);
  assert_true(fabs(taken + end - (29 * EM - MEASURE)) < 0.05);
  for (guint k = 0; k + 1 < first->len; k++)
    if (at(first, k) == 0xFF0C) {
      double adv = g_array_index(first, Placed, k + 1).x - g_array_index(first, Placed, k).x;
      assert_true(fabs(EM - adv - (29 * EM - MEASURE - 8) / 3) < 0.01);
    }
  g_free(s);
  g_ptr_array_free(lines, TRUE);
  jx_layout_free(l);
}

/* 16 characters, a comma, 1国2国3国4国5国6 and 。: 456 pt with its ten gaps
 * between Chinese and digits (4 pt each), 13.795 pt too long.  The 。 that
 * ends the line gives 8 pt, then the gaps the rest (down to 2 pt each) before
 * the comma gives any: the comma keeps its 16 pt, the gaps hold
 * 40 - 5.795 = 34.205 pt. */
static void gaps_narrow_first(void **state) {
  (void)state;
  GError *err = NULL;
  JxTemplate *t = jx_template_load(JX_SOURCE_DIR "/templates/annual.ini", &err);
  assert_non_null(t);
  assert_true(fabs(t->style.cjk_latin_space - 0.25) < 1e-9);
  JxLayout *l;
  GPtrArray *lines = set_lines("国国国国国国国国国国国国国国国国，1国2国3国4国5国6。后面还有字。",
                               JX_ALIGN_JUSTIFY, false, &t->style, &l);
  GArray *first = g_ptr_array_index(lines, 0);
  char *s = line_string(first);
  if (!g_str_has_suffix(s, "6。"))
    fail_msg("the first line: %s", s);
  assert_int_equal(first->len, 29);
  assert_true(fabs(right_end(first) - MEASURE) < 0.05);
  double gaps = 0;
  for (guint k = 0; k + 1 < first->len; k++) {
    const Placed *a = &g_array_index(first, Placed, k), *b = a + 1;
    double adv = b->x - a->x;
    if (a->c == 0xFF0C)
      assert_true(fabs(adv - EM) < 0.01);
    else if (g_unichar_isdigit(a->c))
      gaps += adv - EM / 2;
    else if (g_unichar_isdigit(b->c) && a->c != 0xFF0C)
      gaps += adv - EM;
    else
      assert_true(fabs(adv - EM) < 0.01);
  }
  if (fabs(gaps - (40 - (456 - MEASURE - 8))) > 0.05)
    fail_msg("the gaps hold %.3f pt", gaps);
  assert_true(fabs(right_end(first) - g_array_index(first, Placed, 28).x - EM / 2) < 0.01);
  g_free(s);
  g_ptr_array_free(lines, TRUE);
  jx_layout_free(l);
  jx_template_free(t);
}

/* An opening quote that starts a paragraph stands at the indent with its
 * whole character; no line ends with one or starts with a closing mark. */
static void quote_starts_paragraph(void **state) {
  (void)state;
  JxLayout *l;
  GPtrArray *lines = set_lines(
      "“广州塔景区智能化管理平台”：把广州塔景区智能化管理平台建设作为“穗智管”城市运行管"
      "理中枢海珠分平台的试点项目，坚持“观管用结合，平急重一体”，利用大数据、物联网等新技术。",
      JX_ALIGN_JUSTIFY, true, jx_style_default(), &l);
  GArray *first = g_ptr_array_index(lines, 0);
  assert_int_equal(at(first, 0), 0x201C);
  assert_true(fabs(g_array_index(first, Placed, 0).x - 2 * EM) < 0.01);
  double quote = g_array_index(first, Placed, 1).x - g_array_index(first, Placed, 0).x;
  assert_true(quote > 0.45 * EM); /* not taken in at the paragraph's start */
  for (guint i = 0; i < lines->len; i++) {
    GArray *line = g_ptr_array_index(lines, i);
    assert_false(jx_cjk_is_opening(at(line, line->len - 1)));
    assert_false(jx_cjk_is_closing(at(line, 0)));
    if (i + 1 < lines->len)
      assert_true(fabs(right_end(line) - MEASURE) < 0.05);
  }
  g_ptr_array_free(lines, TRUE);
  jx_layout_free(l);
}

/* A list of items with 、 between them: every line but the last reaches
 * the measure holding at least 28 characters (the 、 taken in, none
 * starting a line), and no gap between them is widened. */
static void list_of_pause_marks(void **state) {
  (void)state;
  JxLayout *l;
  GPtrArray *lines =
      set_lines("甲、乙、丙、丁、戊、己、庚、辛、壬、癸、子、丑、寅、卯、辰、巳、午、未、"
                "申、酉、戌、亥、东、南、西、北、上、下、左、右等",
                JX_ALIGN_JUSTIFY, false, jx_style_default(), &l);
  assert_true(lines->len >= 2);
  for (guint i = 0; i < lines->len; i++) {
    GArray *line = g_ptr_array_index(lines, i);
    assert_int_not_equal(at(line, 0), 0x3001);
    if (i + 1 == lines->len)
      break;
    assert_true(line->len >= 28);
    assert_true(fabs(right_end(line) - MEASURE) < 0.05);
    for (guint k = 0; k + 1 < line->len; k++)
      assert_true(g_array_index(line, Placed, k + 1).x - g_array_index(line, Placed, k).x <
                  EM + 0.01);
  }
  g_ptr_array_free(lines, TRUE);
  jx_layout_free(l);
}

/* A line that must stretch (a long number goes to the next line) widens
 * the gaps between Chinese characters, never inside 2024, after （ or
 * before ）. */
static void where_gaps_widen(void **state) {
  (void)state;
  JxLayout *l;
  GPtrArray *lines = set_lines("国国2024年国（国国）国国国国国国国国国国国国国国国"
                               "1234567890123456789012345国。",
                               JX_ALIGN_JUSTIFY, false, jx_style_default(), &l);
  assert_true(lines->len >= 2);
  GArray *first = g_ptr_array_index(lines, 0);
  assert_true(fabs(right_end(first) - MEASURE) < 0.05);
  assert_true(widest_gap(first) > 0.5); /* stretched */
  for (guint k = 0; k + 1 < first->len; k++) {
    const Placed *a = &g_array_index(first, Placed, k), *b = a + 1;
    double adv = b->x - a->x;
    if (g_unichar_isdigit(a->c) && g_unichar_isdigit(b->c))
      assert_true(fabs(adv - EM / 2) < 0.01);
    if (a->c == 0xFF08 || b->c == 0xFF09)
      assert_true(fabs(adv - EM) < 0.01);
  }
  g_ptr_array_free(lines, TRUE);
  jx_layout_free(l);
}

/* On the 公文's grid (templates/official.ini: punctuation=grid) every
 * mark keeps its cell: 28 characters a line, each 16 - 0.21 = 15.79 pt from
 * the one before (the template's letter-spacing; Pango leaves the half of
 * it before the line's first character out), commas and all. */
static void grid_keeps_cells(void **state) {
  (void)state;
  GError *err = NULL;
  JxTemplate *t = jx_template_load(JX_SOURCE_DIR "/templates/official.ini", &err);
  assert_non_null(t);
  assert_true(t->style.grid);
  JxLayout *l;
  GPtrArray *lines =
      set_lines("国国国国国，国国国国国国国国国国国国国国国国国国国国国国国国国国国国，国"
                "国国国国国国国国国国国国国国国国国国国国国国国国国国国国国国国国。",
                JX_ALIGN_JUSTIFY, false, &t->style, &l);
  double cell = EM - 0.21;
  assert_true(lines->len >= 2);
  for (guint i = 0; i + 1 < lines->len; i++) {
    GArray *line = g_ptr_array_index(lines, i);
    assert_int_equal(line->len, 28);
    for (guint k = 1; k + 1 < 28; k++) {
      double adv = g_array_index(line, Placed, k + 1).x - g_array_index(line, Placed, k).x;
      if (fabs(adv - cell) >= 0.02)
        fail_msg("line %u: character %u advances %.3f, not %.3f", i, k, adv, cell);
    }
  }
  g_ptr_array_free(lines, TRUE);
  jx_layout_free(l);
  jx_template_free(t);
}

/* Ragged lines (table cells and chart labels are set so, through the same
 * composer): the mark that ends a line takes half its character to stay on
 * it; the marks inside a line give their blanks only where that saves a
 * line. */
static void ragged_lines(void **state) {
  (void)state;
  static const struct {
    const char *text;
    guint first; /* characters on the first line */
    guint lines;
  } cases[] = {
      /* 27 国 and a comma: 27.5 em on the line, 2 more below */
      {"国国国国国国国国国国国国国国国国国国国国国国国国国国国，国国", 28, 2},
      /* 13, a comma, 20: 27 on the first line whole; its comma taken in
       * would set 28 there and 6 below, still two lines */
      {"国国国国国国国国国国国国国，国国国国国国国国国国国国国国国国国国国国", 27, 2},
      /* 13, a comma, 14: taken in, the comma holds all 28 on one line */
      {"国国国国国国国国国国国国国，国国国国国国国国国国国国国国", 28, 1},
  };
  for (size_t i = 0; i < G_N_ELEMENTS(cases); i++) {
    JxLayout *l;
    GPtrArray *lines = set_lines(cases[i].text, JX_ALIGN_LEFT, false, jx_style_default(), &l);
    GArray *first = g_ptr_array_index(lines, 0);
    if (first->len != cases[i].first || lines->len != cases[i].lines)
      fail_msg("case %zu: %u lines, %u characters on the first", i, lines->len, first->len);
    g_ptr_array_free(lines, TRUE);
    jx_layout_free(l);
  }
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(smart_city_first_line), cmocka_unit_test(line_ends_in_punctuation),
      cmocka_unit_test(marks_inside_the_line), cmocka_unit_test(quote_starts_paragraph),
      cmocka_unit_test(list_of_pause_marks),   cmocka_unit_test(where_gaps_widen),
      cmocka_unit_test(grid_keeps_cells),      cmocka_unit_test(ragged_lines),
      cmocka_unit_test(gaps_narrow_first),
  };
  return cmocka_run_group_tests(tests, open_fonts, close_fonts);
}
