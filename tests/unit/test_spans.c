/* Tables with cells that span rows and columns, and column widths fitted
 * to the content, checked on the display list.  Sizes are the default
 * style's: table text 10.5 pt on a 15 pt pitch, cells padded 4 pt across
 * and 3 pt down, so a one-line row is 21 pt; the text block is 156 mm
 * (442.2 pt) wide and 225 mm (637.8 pt) high. */
#include "layout/fonts.h"
#include "layout/layout.h"
#include "read/inputs.h"
#include "report/report.h"

#include <math.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

static JxFonts *fonts;
static PangoContext *ctx;

static int open_fonts(void **state) {
  (void)state;
  g_setenv("JIXIAO_TEMPLATES", JX_SOURCE_DIR "/templates", TRUE);
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

static const JxStyle *style(void) {
  return jx_style_default();
}

/* The text ops of page p that read text (all of them when text is NULL). */
static GPtrArray *find(const JxLayout *l, guint p, const char *text) {
  GPtrArray *out = g_ptr_array_new();
  const JxPage *page = g_ptr_array_index(l->pages, p);
  for (guint i = 0; i < page->ops->len; i++) {
    JxOp *op = &g_array_index(page->ops, JxOp, i);
    if (op->kind == JX_OP_TEXT && (!text || strcmp(op->text, text) == 0))
      g_ptr_array_add(out, op);
  }
  return out;
}

static guint count(const JxLayout *l, guint p, const char *text) {
  GPtrArray *a = find(l, p, text);
  guint n = a->len;
  g_ptr_array_free(a, TRUE);
  return n;
}

/* Whether a rule crosses the box of a line of text: the line's ink box
 * is its width across and its em box down (0.88 em above the baseline,
 * 0.12 below).  A rule through a line is text outside its cell, or a
 * rule drawn through a cell that spans it. */
static bool crossed(const JxLayout *l, guint p, const JxOp *t) {
  const JxPage *page = g_ptr_array_index(l->pages, p);
  double size = l->style->roles[t->role].size;
  double x0 = t->x + 0.5, x1 = t->x + t->w - 0.5;
  double y0 = t->y - 0.88 * size + 0.5, y1 = t->y + 0.12 * size - 0.5;
  for (guint i = 0; i < page->ops->len; i++) {
    const JxOp *r = &g_array_index(page->ops, JxOp, i);
    if (r->kind != JX_OP_RULE)
      continue;
    if ((r->h == 0 && r->y > y0 && r->y < y1 && r->x < x1 && r->x + r->w > x0) ||
        (r->w == 0 && r->x > x0 && r->x < x1 && r->y < y1 && r->y + r->h > y0)) {
      fprintf(stderr,
              "  \"%s\" at %.1f,%.1f (%.1f wide, role %d); the rule %.1f,%.1f %+.1f,%+.1f\n",
              t->text, t->x, t->y, t->w, (int)t->role, r->x, r->y, r->w, r->h);
      return true;
    }
  }
  return false;
}

/* No line of text on any page has a rule through it. */
static void assert_nothing_crossed(const JxLayout *l) {
  for (guint p = 0; p < l->pages->len; p++) {
    GPtrArray *all = find(l, p, NULL);
    for (guint i = 0; i < all->len; i++) {
      const JxOp *t = g_ptr_array_index(all, i);
      if (crossed(l, p, t)) {
        for (guint k = 0; k < all->len && getenv("JX_SHOW"); k++)
          fprintf(stderr, "%s|", ((const JxOp *)g_ptr_array_index(all, k))->text);
        fail_msg("page %u: a rule crosses \"%s\"", p + 1, t->text);
      }
    }
    g_ptr_array_free(all, TRUE);
  }
}

/* The form's indicator block: 产出指标 over three rows, 数量指标 over two
 * of them, a total across three columns. */
static JxDocument *block_doc(void) {
  JxDocument *doc = jx_document_new("测试", "测试单位");
  JxBlock *t = jx_document_table(doc, 4, 1);
  static const char *const head[] = {"一级指标", "二级指标", "三级指标", "分值"};
  jx_block_row(t);
  for (int i = 0; i < 4; i++)
    jx_block_cell(t, head[i], JX_ALIGN_CENTER, false);
  jx_block_row(t);
  jx_block_cell(t, "产出指标", JX_ALIGN_CENTER, false);
  jx_block_span(t, 3, 1);
  jx_block_cell(t, "数量指标", JX_ALIGN_CENTER, false);
  jx_block_span(t, 2, 1);
  jx_block_cell(t, "甲", JX_ALIGN_LEFT, false);
  jx_block_cell(t, "20", JX_ALIGN_RIGHT, false);
  jx_block_row(t); /* 一级 and 二级 covered: the cells go on from 三级 */
  jx_block_cell(t, "乙", JX_ALIGN_LEFT, false);
  jx_block_cell(t, "20", JX_ALIGN_RIGHT, false);
  jx_block_row(t);
  jx_block_cell(t, "质量指标", JX_ALIGN_CENTER, false);
  jx_block_cell(t, "丙", JX_ALIGN_LEFT, false);
  jx_block_cell(t, "10", JX_ALIGN_RIGHT, false);
  jx_block_row(t);
  jx_block_cell(t, "总分", JX_ALIGN_CENTER, true);
  jx_block_span(t, 1, 3);
  jx_block_cell(t, "50", JX_ALIGN_RIGHT, true);
  return doc;
}

/* A span's label is set once, inside the rows it covers, and no rule runs
 * through it; cells after covered positions land in their columns. */
static void spans_in_one_page(void **state) {
  (void)state;
  JxDocument *doc = block_doc();
  JxLayout *l = jx_layout_document(doc, style(), ctx);
  assert_int_equal(l->pages->len, 1);
  assert_int_equal(count(l, 0, "产出指标"), 1);
  assert_int_equal(count(l, 0, "数量指标"), 1);
  GPtrArray *a = find(l, 0, "甲"), *b = find(l, 0, "乙"), *c = find(l, 0, "丙");
  GPtrArray *out = find(l, 0, "产出指标"), *num = find(l, 0, "数量指标");
  GPtrArray *total = find(l, 0, "总分"), *qual = find(l, 0, "质量指标");
  const JxOp *ta = g_ptr_array_index(a, 0), *tb = g_ptr_array_index(b, 0),
             *tc = g_ptr_array_index(c, 0), *to = g_ptr_array_index(out, 0),
             *tn = g_ptr_array_index(num, 0), *tq = g_ptr_array_index(qual, 0);
  /* 乙 under 甲 (the same column), 质量指标 under 数量指标 */
  assert_true(fabs(ta->x - tb->x) < 0.01 && fabs(tb->x - tc->x) < 0.01);
  assert_true(tb->y > ta->y + 14 && tc->y > tb->y + 14);
  assert_true(fabs(tq->x + tq->w / 2 - (tn->x + tn->w / 2)) < 0.5);
  /* 产出指标 centred on its three rows: on 乙's line, the middle one;
   * 数量指标 between 甲's and 乙's */
  assert_true(fabs(to->y - tb->y) < 0.01);
  assert_true(fabs(tn->y - (ta->y + tb->y) / 2) < 0.01);
  /* the total's label centred across the three columns it covers: its
   * centre right of the first column's label (one column would centre it
   * under 产出指标) */
  const JxOp *tt = g_ptr_array_index(total, 0);
  assert_true(tt->x + tt->w / 2 > to->x + to->w);
  assert_nothing_crossed(l);
  /* a rule is drawn below 甲 in its own column (the rows are separate
   * there) but not across 产出指标's column */
  const JxPage *page = g_ptr_array_index(l->pages, 0);
  bool below_a = false, across_out = false;
  double between = (ta->y + tb->y) / 2 - 0.12 * 10.5; /* near the rule's y */
  for (guint i = 0; i < page->ops->len; i++) {
    const JxOp *r = &g_array_index(page->ops, JxOp, i);
    if (r->kind != JX_OP_RULE || r->h != 0 || fabs(r->y - between) > 8)
      continue;
    if (r->x <= ta->x && r->x + r->w >= ta->x + ta->w)
      below_a = true;
    if (r->x < to->x + to->w && r->x + r->w > to->x)
      across_out = true;
  }
  assert_true(below_a);
  assert_false(across_out);
  g_ptr_array_free(a, TRUE);
  g_ptr_array_free(b, TRUE);
  g_ptr_array_free(c, TRUE);
  g_ptr_array_free(out, TRUE);
  g_ptr_array_free(num, TRUE);
  g_ptr_array_free(total, TRUE);
  g_ptr_array_free(qual, TRUE);
  jx_layout_free(l);
  jx_document_free(doc);
}

/* A label over 40 rows: 40 × 21 pt = 840 pt is more than a page (637.8 pt
 * less the header's 21), so the span is cut; the next page repeats the
 * header and the label with （续）, and every row is set once. */
static void spans_across_pages(void **state) {
  (void)state;
  JxDocument *doc = jx_document_new("测试", "测试单位");
  JxBlock *t = jx_document_table(doc, 3, 1);
  t->continued = g_strdup("（续）");
  jx_block_row(t);
  jx_block_cell(t, "一级指标", JX_ALIGN_CENTER, false);
  jx_block_cell(t, "三级指标", JX_ALIGN_CENTER, false);
  jx_block_cell(t, "分值", JX_ALIGN_CENTER, false);
  for (int i = 1; i <= 40; i++) {
    char name[32];
    g_snprintf(name, sizeof name, "指标%d", i);
    jx_block_row(t);
    if (i == 1) {
      jx_block_cell(t, "产出指标", JX_ALIGN_CENTER, false);
      jx_block_span(t, 40, 1);
    }
    jx_block_cell(t, name, JX_ALIGN_LEFT, false);
    jx_block_cell(t, "1", JX_ALIGN_RIGHT, false);
  }
  JxLayout *l = jx_layout_document(doc, style(), ctx);
  assert_int_equal(l->pages->len, 2);
  assert_int_equal(count(l, 0, "产出指标"), 1);
  assert_int_equal(count(l, 0, "产出指标（续）"), 0);
  assert_int_equal(count(l, 1, "产出指标（续）"), 1);
  assert_int_equal(count(l, 1, "一级指标"), 1); /* the header again */
  /* floor((637.8 - 21) / 21) = 29 rows on the first page, 11 on the next */
  guint rows0 = 0, rows1 = 0;
  for (int i = 1; i <= 40; i++) {
    char name[32];
    g_snprintf(name, sizeof name, "指标%d", i);
    guint a = count(l, 0, name), b = count(l, 1, name);
    assert_int_equal(a + b, 1);
    rows0 += a;
    rows1 += b;
  }
  assert_int_equal(rows0, 29);
  assert_int_equal(rows1, 11);
  assert_nothing_crossed(l);
  jx_layout_free(l);
  jx_document_free(doc);
}

/* A span that would keep one line at a page foot starts on the next page:
 * a body line and space leave room for the header, one plain row and one
 * more row; the span begins on that last row. */
static void span_not_orphaned(void **state) {
  (void)state;
  const JxStyle *st = style();
  double row = 15 + 2 * 3;
  JxDocument *doc = jx_document_new("测试", "测试单位");
  jx_document_paragraph(doc, JX_ROLE_BODY, "正文", JX_ALIGN_LEFT, false);
  jx_document_space(doc, st->height - st->roles[JX_ROLE_BODY].pitch - 3.5 * row);
  JxBlock *t = jx_document_table(doc, 3, 1);
  jx_block_row(t);
  jx_block_cell(t, "一级指标", JX_ALIGN_CENTER, false);
  jx_block_cell(t, "三级指标", JX_ALIGN_CENTER, false);
  jx_block_cell(t, "分值", JX_ALIGN_CENTER, false);
  jx_block_row(t);
  jx_block_cell(t, "产出指标", JX_ALIGN_CENTER, false);
  jx_block_cell(t, "甲", JX_ALIGN_LEFT, false);
  jx_block_cell(t, "1", JX_ALIGN_RIGHT, false);
  jx_block_row(t);
  jx_block_cell(t, "效益指标", JX_ALIGN_CENTER, false);
  jx_block_span(t, 3, 1);
  jx_block_cell(t, "乙", JX_ALIGN_LEFT, false);
  jx_block_cell(t, "1", JX_ALIGN_RIGHT, false);
  for (int i = 0; i < 2; i++) {
    jx_block_row(t);
    jx_block_cell(t, i ? "丁" : "丙", JX_ALIGN_LEFT, false);
    jx_block_cell(t, "1", JX_ALIGN_RIGHT, false);
  }
  JxLayout *l = jx_layout_document(doc, style(), ctx);
  assert_int_equal(l->pages->len, 2);
  assert_int_equal(count(l, 0, "甲"), 1);
  assert_int_equal(count(l, 0, "乙"), 0); /* moved with its span */
  assert_int_equal(count(l, 1, "乙"), 1);
  assert_int_equal(count(l, 1, "效益指标"), 1);
  assert_int_equal(count(l, 1, "一级指标"), 1);
  assert_nothing_crossed(l);
  jx_layout_free(l);
  jx_document_free(doc);
}

/* The lines a row of texts takes at widths, measured with Pango directly
 * as the table role sets them (no letter spacing, no CJK punctuation in
 * these texts): an independent count. */
static int pango_lines(const char *text, double width) {
  PangoLayout *l = pango_layout_new(ctx);
  PangoFontDescription *fd =
      pango_font_description_from_string(style()->roles[JX_ROLE_TABLE].families);
  pango_font_description_set_absolute_size(fd, 10.5 * PANGO_SCALE);
  pango_layout_set_font_description(l, fd);
  pango_layout_set_width(l, (int)lround((width - 8) * PANGO_SCALE));
  pango_layout_set_wrap(l, PANGO_WRAP_WORD_CHAR);
  pango_layout_set_text(l, text, -1);
  int n = *text ? pango_layout_get_line_count(l) : 0;
  pango_font_description_free(fd);
  g_object_unref(l);
  return n;
}

/* The fit gives the width where it saves lines: two long columns and a
 * short one.  Against every split of the long columns' width at 1 pt
 * (the short column as the fit set it), the table the fit makes is at
 * most one line taller than the shortest. */
static void widths_fit(void **state) {
  (void)state;
  static const char *const rows[][3] = {
      {"1", "保障区政务服务中心及各服务驿站系统设备正常运转提升政务服务工作效能", "≥95%"},
      {"2", "为企业群众提供优质便利的服务打造群众满意的服务型政府", "按期完成"},
      {"3", "优化服务监管建立第三方评价制度", "完成"},
      {"4", "加强舆情监测确保涉政务服务舆情早发现早报告早处置争取防患于未然",
       "全年监测舆情信息不少于二百五十条并按月报送"},
      {"5", "基本满意率", "≥98%"},
  };
  JxDocument *doc = jx_document_new("测试", "测试单位");
  JxBlock *t = jx_document_table(doc, 3, 1);
  jx_block_row(t);
  jx_block_cell(t, "序号", JX_ALIGN_CENTER, false);
  jx_block_cell(t, "三级指标", JX_ALIGN_CENTER, false);
  jx_block_cell(t, "年度指标值", JX_ALIGN_CENTER, false);
  for (guint r = 0; r < G_N_ELEMENTS(rows); r++) {
    jx_block_row(t);
    for (int c = 0; c < 3; c++)
      jx_block_cell(t, rows[r][c], c ? JX_ALIGN_LEFT : JX_ALIGN_CENTER, false);
  }
  JxLayout *l = jx_layout_document(doc, style(), ctx);
  /* the header word is whole, on one line */
  assert_int_equal(count(l, 0, "年度指标值"), 1);
  /* the table's height: from its top rule to its bottom one */
  const JxPage *page = g_ptr_array_index(l->pages, 0);
  double top = 1e9, bottom = -1e9, x1 = 0;
  for (guint i = 0; i < page->ops->len; i++) {
    const JxOp *r = &g_array_index(page->ops, JxOp, i);
    if (r->kind == JX_OP_RULE && r->h == 0 && r->w > 100) {
      top = MIN(top, r->y);
      bottom = MAX(bottom, r->y);
    }
  }
  /* the first column's right edge: the vertical rule nearest the left */
  const JxStyle *st = style();
  x1 = 1e9;
  for (guint i = 0; i < page->ops->len; i++) {
    const JxOp *r = &g_array_index(page->ops, JxOp, i);
    if (r->kind == JX_OP_RULE && r->w == 0 && r->x > st->left + 1)
      x1 = MIN(x1, r->x);
  }
  double w0 = x1 - st->left, rest = st->width - w0;
  int best = G_MAXINT;
  for (double w1 = 30; w1 <= rest - 30; w1 += 1) {
    int lines = 1; /* the header: 三级指标 and 年度指标值 on one line */
    if (pango_lines("年度指标值", rest - w1) > 1 || pango_lines("三级指标", w1) > 1)
      continue;
    for (guint r = 0; r < G_N_ELEMENTS(rows); r++)
      lines += MAX(1, MAX(pango_lines(rows[r][1], w1), pango_lines(rows[r][2], rest - w1)));
    best = MIN(best, lines);
  }
  double rows_h = 6 * 2 * 3; /* six rows' padding */
  int fit = (int)lround((bottom - top - rows_h) / 15);
  assert_true(best < G_MAXINT);
  assert_true(fit <= best + 1);
  jx_layout_free(l);
  jx_document_free(doc);
}

/* The reports of the department read from path (a file or folder) in
 * template name, laid out; *in holds what was read. */
static JxLayout *report_layout(const char *path, const char *name, const char *period,
                               JxInputs **in, JxTemplate **t) {
  char *paths[] = {(char *)path};
  char *message = NULL;
  assert_int_equal(jx_inputs_read(paths, 1, NULL, in, &message), JX_INPUTS_OK);
  GError *err = NULL;
  *t = jx_template_load(name, &err);
  assert_non_null(*t);
  JxDepartment *d = g_ptr_array_index((*in)->model->departments, 0);
  JxReportOptions o = {*t, "2024年12月31日", period, true};
  JxDocument *doc = jx_report_department(d, &o);
  JxLayout *l = jx_layout_document(doc, &(*t)->style, ctx);
  jx_document_free(doc);
  return l;
}

/* How often text stands on page p, its lines joined (a label and its
 * （续） may take two lines of a narrow column). */
static guint count_joined(const JxLayout *l, guint p, const char *text) {
  GPtrArray *a = find(l, p, NULL);
  GString *all = g_string_new(NULL);
  for (guint i = 0; i < a->len; i++)
    g_string_append_printf(all, "%s|", ((const JxOp *)g_ptr_array_index(a, i))->text);
  g_ptr_array_free(a, TRUE);
  /* a label's lines are consecutive ops: drop the joins inside it */
  guint n = 0;
  char *flat = g_strdup(all->str);
  for (char *at = flat; (at = strstr(at, "|（续）")); at++)
    memmove(at, at + 1, strlen(at));
  for (const char *at = flat; (at = strstr(at, text)); at += strlen(text))
    n++;
  g_free(flat);
  g_string_free(all, TRUE);
  return n;
}

/* Ops of page p whose text begins with prefix. */
static guint count_prefix(const JxLayout *l, guint p, const char *prefix) {
  GPtrArray *a = find(l, p, NULL);
  guint n = 0;
  for (guint i = 0; i < a->len; i++)
    n += g_str_has_prefix(((const JxOp *)g_ptr_array_index(a, i))->text, prefix);
  g_ptr_array_free(a, TRUE);
  return n;
}

/* The 自评表 of a project of 40 indicators (tests/data/forms/forty.csv:
 * 30 产出 in four 二级, 5 效益, 5 满意度) runs over two pages: each
 * indicator once, the header and the labels the page cut repeated with
 * （续）, no rule through any text. */
static void form_of_forty(void **state) {
  (void)state;
  JxInputs *in = NULL;
  JxTemplate *t = NULL;
  JxLayout *l = report_layout(JX_SOURCE_DIR "/tests/data/forms/forty.csv", "annual", NULL, &in, &t);
  guint form = G_MAXUINT;
  for (guint p = 0; p < l->pages->len && form == G_MAXUINT; p++)
    if (count(l, p, "项目支出绩效自评表"))
      form = p;
  assert_true(form + 1 < l->pages->len);
  guint first_next = 0;
  for (int i = 1; i <= 40; i++) {
    char name[64];
    g_snprintf(name, sizeof name, "第%d项", i);
    guint a = count_prefix(l, form, name), b = count_prefix(l, form + 1, name);
    if (a + b != 1)
      fail_msg("%s: %u on the form's first page, %u on its second", name, a, b);
    if (b && !first_next)
      first_next = (guint)i;
  }
  assert_true(first_next > 1);
  assert_int_equal(count_joined(l, form + 1, "绩效指标（续）"), 1);
  assert_int_equal(count(l, form + 1, "一级指标"), 1);
  /* the first indicator of the second page: its 一级 and 二级 go on from
   * the first page unless it begins them */
  static const guint starts1[] = {1, 31, 36}, starts2[] = {1, 11, 21, 26, 31, 36};
  const char *level1 = first_next <= 30 ? "产出指标" : first_next <= 35 ? "效益指标" : "满意度指标";
  bool begins1 = false, begins2 = false;
  for (size_t k = 0; k < G_N_ELEMENTS(starts1); k++)
    begins1 |= first_next == starts1[k];
  for (size_t k = 0; k < G_N_ELEMENTS(starts2); k++)
    begins2 |= first_next == starts2[k];
  char cont[64];
  g_snprintf(cont, sizeof cont, "%s（续）", level1);
  assert_int_equal(count_joined(l, form + 1, cont), begins1 ? 0 : 1);
  const char *level2 = first_next <= 10   ? "数量指标"
                       : first_next <= 20 ? "质量指标"
                       : first_next <= 25 ? "时效指标"
                       : first_next <= 30 ? "成本指标"
                       : first_next <= 35 ? "社会效益指标"
                                          : "服务对象满意度指标";
  g_snprintf(cont, sizeof cont, "%s（续）", level2);
  assert_int_equal(count_joined(l, form + 1, cont), begins2 ? 0 : 1);
  assert_int_equal(count_prefix(l, form + 1, "总分"), 1);
  assert_nothing_crossed(l);
  jx_layout_free(l);
  jx_inputs_free(in);
  jx_template_free(t);
}

/* Every table of the sample's reports in every template, and of every
 * test form, has no rule through its text: no cell overflows its width. */
static void every_table_inside(void **state) {
  (void)state;
  static const struct {
    const char *path, *tmpl, *period;
  } cases[] = {
      {JX_SOURCE_DIR "/input", "annual", NULL},
      {JX_SOURCE_DIR "/input", "official", NULL},
      {JX_SOURCE_DIR "/input", "monthly", "2024-09"},
      {JX_SOURCE_DIR "/input", "targets", NULL},
      {JX_SOURCE_DIR "/tests/data/forms/national.csv", "annual", NULL},
      {JX_SOURCE_DIR "/tests/data/forms/sichuan.csv", JX_SOURCE_DIR "/tests/data/forms/sichuan.ini",
       NULL},
      {JX_SOURCE_DIR "/tests/data/forms/monitor.csv", "monthly", NULL},
      {JX_SOURCE_DIR "/tests/data/forms/department-whole.csv", "annual", NULL},
      {JX_SOURCE_DIR "/tests/data/forms/two-row-header.csv", "annual", NULL},
  };
  for (size_t i = 0; i < G_N_ELEMENTS(cases); i++) {
    JxInputs *in = NULL;
    JxTemplate *t = NULL;
    JxLayout *l = report_layout(cases[i].path, cases[i].tmpl, cases[i].period, &in, &t);
    assert_true(l->pages->len > 1);
    assert_nothing_crossed(l);
    jx_layout_free(l);
    jx_inputs_free(in);
    jx_template_free(t);
  }
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(spans_in_one_page), cmocka_unit_test(spans_across_pages),
      cmocka_unit_test(span_not_orphaned), cmocka_unit_test(widths_fit),
      cmocka_unit_test(form_of_forty),     cmocka_unit_test(every_table_inside),
  };
  return cmocka_run_group_tests(tests, open_fonts, close_fonts);
}
