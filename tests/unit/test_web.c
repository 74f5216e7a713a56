/* The web writers: the SVG with text (render/svg.c) and the HTML of a
 * document (render/html.c), read back with libxml2, their positions
 * checked against Pango's own API (pango_layout_line_index_to_x), not the
 * glyph walk that wrote them. */
#include "layout/fonts.h"
#include "layout/layout.h"
#include "render/html.h"
#include "render/svg.h"
#include "report/template.h"

#include <math.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <string.h>

#include <cmocka.h>
#include <libxml/HTMLparser.h>
#include <libxml/parser.h>
#include <libxml/xpath.h>
#include <libxml/xpathInternals.h>

static JxFonts *fonts;
static PangoContext *ctx;
static JxTemplate *tmpl;

static int open_fonts(void **state) {
  (void)state;
  GError *err = NULL;
  fonts = jx_fonts_open(JX_SOURCE_DIR "/fonts", &err);
  tmpl = fonts ? jx_template_load(JX_SOURCE_DIR "/templates/defaults.ini", &err) : NULL;
  if (!tmpl) {
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
  jx_template_free(tmpl);
  return 0;
}

static void numbers(void **state) {
  (void)state;
  const struct {
    double v;
    const char *s;
  } cases[] = {{0, "0"},       {-0.001, "0"}, {12.5, "12.5"}, {12.504, "12.5"}, {595.276, "595.28"},
               {-3.1, "-3.1"}, {100, "100"},  {0.999, "1"}};
  for (guint i = 0; i < G_N_ELEMENTS(cases); i++) {
    GString *s = g_string_new(NULL);
    jx_svg_number(s, cases[i].v);
    assert_string_equal(s->str, cases[i].s);
    g_string_free(s, TRUE);
  }
}

static void escapes(void **state) {
  (void)state;
  GString *s = g_string_new(NULL);
  jx_xml_escape(s, "a<b>&\"c\"\x01\t合计", -1);
  assert_string_equal(s->str, "a&lt;b&gt;&amp;&quot;c&quot;\xEF\xBF\xBD 合计");
  g_string_free(s, TRUE);
}

/* A page of two paragraphs, one justified (its glyphs spread), with
 * characters XML must escape and a run of Latin in another face. */
static JxLayout *sample(JxDocument **doc) {
  *doc = jx_document_new("测试", "某局");
  (*doc)->cover_pages = 1;
  jx_document_paragraph(*doc, JX_ROLE_BODY,
                        "按照《预算法》及A&B<C>的要求，2024年度项目支出绩效自评工作已全部完成，"
                        "自评得分为 98.59 分，等级为“优”。各项目预算执行率均达到序时进度。",
                        JX_ALIGN_JUSTIFY, true);
  jx_document_paragraph(*doc, JX_ROLE_TABLE, "单位：万元 SHA-256", JX_ALIGN_RIGHT, false);
  return jx_layout_document(*doc, &tmpl->style, ctx);
}

static xmlXPathObjectPtr find(xmlDocPtr d, const char *path) {
  xmlXPathContextPtr x = xmlXPathNewContext(d);
  xmlXPathRegisterNs(x, BAD_CAST "s", BAD_CAST "http://www.w3.org/2000/svg");
  xmlXPathObjectPtr r = xmlXPathEvalExpression(BAD_CAST path, x);
  xmlXPathFreeContext(x);
  return r;
}

/* Each character of each line stands at the x Pango gives it
 * (pango_layout_line_index_to_x), its text is the line's, its face embedded. */
static void svg_positions(void **state) {
  (void)state;
  JxDocument *doc = NULL;
  JxLayout *l = sample(&doc);
  const JxPage *page = g_ptr_array_index(l->pages, 0);
  JxSvgOptions o = {l->style->page_width, l->style->page_height, false, "测试", NULL, NULL, false};
  GString *svg = g_string_new(NULL);
  GError *err = NULL;
  assert_true(jx_svg_page(page, l->style, &o, svg, &err));
  xmlDocPtr d = xmlReadMemory(svg->str, (int)svg->len, "page.svg", NULL, XML_PARSE_NONET);
  assert_non_null(d);
  xmlXPathObjectPtr texts = find(d, "//s:text");
  assert_non_null(texts->nodesetval);
  int n = texts->nodesetval->nodeNr;
  /* the lines' characters, spaces aside, in order */
  GString *want = g_string_new(NULL), *got = g_string_new(NULL);
  guint checked = 0;
  int t = 0;
  for (guint k = 0; k < page->ops->len; k++) {
    const JxOp *op = &g_array_index(page->ops, JxOp, k);
    if (op->kind != JX_OP_TEXT)
      continue;
    for (const char *c = op->text; *c; c = g_utf8_next_char(c))
      if (*c != ' ')
        g_string_append_len(want, c, g_utf8_next_char(c) - c);
    /* this line's <text> elements: those on its baseline */
    PangoLayoutLine *line = pango_layout_get_line_readonly(op->layout, op->line);
    const char *all = pango_layout_get_text(op->layout);
    /* the line's characters in order: each of the SVG's is found from
     * where the last one was (the spaces it leaves out skipped) */
    const char *cursor = all + line->start_index, *end = cursor + line->length;
    for (; t < n; t++) {
      xmlNodePtr e = texts->nodesetval->nodeTab[t];
      xmlChar *y = xmlGetProp(e, BAD_CAST "y");
      bool here = fabs(g_ascii_strtod((char *)y, NULL) - op->y) < 0.01;
      xmlFree(y);
      if (!here)
        break;
      xmlChar *content = xmlNodeGetContent(e), *xs = xmlGetProp(e, BAD_CAST "x");
      gchar **x = g_strsplit((char *)xs, " ", -1);
      const char *c = (const char *)content;
      for (int i = 0; x[i] && *c; i++, c = g_utf8_next_char(c)) {
        if (*c != ' ')
          g_string_append_len(got, c, g_utf8_next_char(c) - c);
        while (cursor < end && g_utf8_get_char(cursor) != g_utf8_get_char(c))
          cursor = g_utf8_next_char(cursor);
        assert_true(cursor < end);
        int index = (int)(cursor - all);
        cursor = g_utf8_next_char(cursor);
        int pos = 0;
        pango_layout_line_index_to_x(line, index, FALSE, &pos);
        double expect = op->x + (double)pos / PANGO_SCALE;
        /* within 0.25 pt: a glyph of a justified line stands a fraction of
         * its extra space (its x_offset) after its cluster's edge; a
         * character a place off is 5 pt or more */
        if (fabs(g_ascii_strtod(x[i], NULL) - expect) >= 0.25)
          fprintf(stderr, "'%.*s': x %s, Pango's %.3f\n", (int)(g_utf8_next_char(c) - c), c, x[i],
                  expect);
        assert_true(fabs(g_ascii_strtod(x[i], NULL) - expect) < 0.25);
        checked++;
      }
      g_strfreev(x);
      xmlFree(xs);
      xmlFree(content);
    }
  }
  assert_string_equal(got->str, want->str);
  assert_true(checked > 60);
  /* the escaped characters are text again */
  assert_non_null(strstr(got->str, "A&B<C>"));
  /* every family named has its @font-face, as WOFF2 */
  xmlXPathObjectPtr fams = find(d, "//s:text/@font-family");
  for (int i = 0; i < fams->nodesetval->nodeNr; i++) {
    xmlChar *f = xmlNodeGetContent(fams->nodesetval->nodeTab[i]);
    char *rule = g_strdup_printf("font-family:\"%s\";src:url(data:font/woff2;base64,d09GM", f);
    assert_non_null(strstr(svg->str, rule));
    g_free(rule);
    xmlFree(f);
  }
  assert_true(fams->nodesetval->nodeNr >= 2); /* the CJK face and Liberation */
  xmlXPathFreeObject(fams);
  xmlXPathFreeObject(texts);
  xmlFreeDoc(d);
  g_string_free(want, TRUE);
  g_string_free(got, TRUE);
  g_string_free(svg, TRUE);
  jx_layout_free(l);
  jx_document_free(doc);
}

/* A table with a head of two rows, spans and a totals row, as HTML. */
static void html_table(void **state) {
  (void)state;
  JxDocument *doc = jx_document_new("A&B 报告", "某局");
  jx_document_heading(doc, JX_ROLE_HEADING1, "一、资金<情况>", 1);
  jx_document_paragraph(doc, JX_ROLE_TABLE, "单位：万元", JX_ALIGN_RIGHT, false);
  JxBlock *t = jx_document_table(doc, 3, 2);
  jx_block_row(t);
  jx_block_cell(t, "项目", JX_ALIGN_CENTER, true);
  jx_block_span(t, 2, 1);
  jx_block_cell(t, "资金", JX_ALIGN_CENTER, true);
  jx_block_span(t, 1, 2);
  jx_block_row(t);
  jx_block_cell(t, "预算", JX_ALIGN_CENTER, true);
  jx_block_cell(t, "执行", JX_ALIGN_CENTER, true);
  jx_block_row(t);
  jx_block_cell(t, "甲", JX_ALIGN_LEFT, false);
  jx_block_cell(t, "10.00", JX_ALIGN_RIGHT, false);
  jx_block_cell(t, "9.50", JX_ALIGN_RIGHT, false);
  jx_block_row(t);
  jx_block_cell(t, "合计", JX_ALIGN_CENTER, true);
  jx_block_cell(t, "10.00", JX_ALIGN_RIGHT, true);
  jx_block_cell(t, "9.50", JX_ALIGN_RIGHT, true);
  JxHtmlOptions o = {"../../jixiao.css", "../../index.html", "2024 › 某局", NULL, 0};
  GError *err = NULL;
  char *html = jx_html_document(doc, &tmpl->style, ctx, &o, &err);
  assert_non_null(html);
  htmlDocPtr d = htmlReadMemory(html, (int)strlen(html), "page.html", "UTF-8",
                                HTML_PARSE_NONET | HTML_PARSE_NOWARNING | HTML_PARSE_NOERROR);
  assert_non_null(d);
  xmlXPathContextPtr x = xmlXPathNewContext(d);
  const struct {
    const char *path;
    const char *value;
  } want[] = {
      {"string(/html/@lang)", "zh-CN"},
      {"string(//title)", "A&B 报告"},
      {"string(//h2)", "一、资金<情况>"},
      {"count(//table/thead/tr)", "2"},
      {"count(//table/tbody/tr)", "2"},
      {"string(//thead/tr[1]/th[1]/@rowspan)", "2"},
      {"string(//thead/tr[1]/th[2]/@colspan)", "2"},
      {"string(//thead/tr[1]/th[2]/@scope)", "colgroup"},
      {"string(//thead/tr[2]/th[1]/@scope)", "col"},
      {"string(//tbody/tr[2]/th/@scope)", "row"},
      {"string(//tbody/tr[2]/th)", "合计"},
      {"count(//tbody/tr[1]/th)", "0"},
      {"string(//tbody/tr[1]/td[3])", "9.50"},
      {"string(//link[@rel='stylesheet']/@href)", "../../jixiao.css"},
      {"string(//nav/a/@href)", "../../index.html"},
      /* the unit note goes with the table; the caption, the heading's
       * words again, is for screen readers */
      {"string(//caption/@class)", "sr"},
      {"count(//p[.='单位：万元'])", "1"},
  };
  for (guint i = 0; i < G_N_ELEMENTS(want); i++) {
    xmlXPathObjectPtr r = xmlXPathEvalExpression(BAD_CAST want[i].path, x);
    char *v = r->type == XPATH_NUMBER ? g_strdup_printf("%g", r->floatval)
                                      : g_strdup((const char *)r->stringval);
    if (strcmp(v, want[i].value) != 0)
      fprintf(stderr, "%s: '%s', expected '%s'\n", want[i].path, v, want[i].value);
    assert_string_equal(v, want[i].value);
    g_free(v);
    xmlXPathFreeObject(r);
  }
  xmlXPathFreeContext(x);
  xmlFreeDoc(d);
  g_free(html);
  jx_document_free(doc);
}

static void sizes(void **state) {
  (void)state;
  const struct {
    gint64 b;
    const char *s;
  } cases[] = {{0, "0 B"},         {1023, "1023 B"},    {1024, "1 KB"},
               {494268, "483 KB"}, {1048576, "1.0 MB"}, {1468006, "1.4 MB"}};
  for (guint i = 0; i < G_N_ELEMENTS(cases); i++) {
    GString *s = g_string_new(NULL);
    jx_html_size(s, cases[i].b);
    assert_string_equal(s->str, cases[i].s);
    g_string_free(s, TRUE);
  }
  GString *s = g_string_new(NULL);
  jx_html_href(s, "2024/乙局 #_%/annual.html");
  assert_string_equal(s->str, "2024/%E4%B9%99%E5%B1%80%20%23_%25/annual.html");
  g_string_free(s, TRUE);
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(numbers),    cmocka_unit_test(escapes), cmocka_unit_test(svg_positions),
      cmocka_unit_test(html_table), cmocka_unit_test(sizes),
  };
  return cmocka_run_group_tests(tests, open_fonts, close_fonts);
}
