/* The display list: what layout puts on pages, checked without rendering.
 * Expected counts are worked out by hand from the default style: the text
 * block is 225 mm = 637.8 pt high, the body pitch 28.95 pt, so a page holds
 * floor(637.8 / 28.95) = 22 body lines (GB/T 9704's 22 lines a page). */
#include "layout/cjk.h"
#include "layout/fonts.h"
#include "read/inputs.h"
#include "layout/layout.h"
#include "report/report.h"

#include <math.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <string.h>
#include <unistd.h>

#include <cmocka.h>
#include <pango/pangocairo.h>

static JxFonts *fonts;
static PangoContext *ctx;
static JxTemplate *tmpl; /* templates/defaults.ini */

static int open_fonts(void **state) {
  (void)state;
  GError *err = NULL;
  fonts = jx_fonts_open(JX_SOURCE_DIR "/fonts", &err);
  if (!fonts) {
    fprintf(stderr, "%s\n", err->message);
    return -1;
  }
  ctx = jx_fonts_context(fonts);
  tmpl = jx_template_load(JX_SOURCE_DIR "/templates/defaults.ini", &err);
  if (!tmpl) {
    fprintf(stderr, "%s\n", err->message);
    return -1;
  }
  return 0;
}

static int close_fonts(void **state) {
  (void)state;
  g_object_unref(ctx);
  jx_fonts_free(fonts);
  jx_template_free(tmpl);
  return 0;
}

static const JxStyle *style(void) {
  return jx_style_default();
}

/* The text ops of page p in role (or any role when role < 0). */
static GPtrArray *texts(const JxLayout *l, guint p, int role) {
  GPtrArray *out = g_ptr_array_new();
  const JxPage *page = g_ptr_array_index(l->pages, p);
  for (guint i = 0; i < page->ops->len; i++) {
    JxOp *op = &g_array_index(page->ops, JxOp, i);
    if (op->kind == JX_OP_TEXT && (role < 0 || op->role == (JxRole)role))
      g_ptr_array_add(out, op);
  }
  return out;
}

/* The seed department's report, laid out. */
static JxLayout *seed_layout(JxInputs **in) {
  char *paths[] = {JX_SOURCE_DIR "/input"};
  char *message = NULL;
  assert_int_equal(jx_inputs_read(paths, 1, NULL, in, &message), JX_INPUTS_OK);
  JxDepartment *d = g_ptr_array_index((*in)->model->departments, 0);
  JxReportOptions o = {tmpl, "2024年12月31日", NULL, false};
  JxDocument *doc = jx_report_department(d, &o);
  JxLayout *l = jx_layout_document(doc, &tmpl->style, ctx);
  jx_document_free(doc);
  return l;
}

/* Nothing of the body stands outside the text block; the running header
 * and page number stand in the margins. */
static void inside_text_block(void **state) {
  (void)state;
  JxInputs *in;
  JxLayout *l = seed_layout(&in);
  const JxStyle *st = style();
  double left = st->left, right = st->left + st->width, top = st->top,
         bottom = st->top + st->height;
  assert_true(l->pages->len >= 5);
  for (guint p = 0; p < l->pages->len; p++) {
    const JxPage *page = g_ptr_array_index(l->pages, p);
    for (guint i = 0; i < page->ops->len; i++) {
      JxOp *op = &g_array_index(page->ops, JxOp, i);
      if (op->role == JX_ROLE_RUNNING || op->role == JX_ROLE_PAGE_NUMBER) {
        /* in the margins, inside the page */
        assert_true(op->y < top || op->y > bottom);
        assert_true(op->x >= 0 && op->x + op->w <= st->page_width);
        continue;
      }
      assert_true(op->x >= left - 0.01);
      assert_true(op->x + op->w <= right + 0.01);
      if (op->kind == JX_OP_TEXT) {
        const JxRoleStyle *r = &st->roles[op->role];
        /* the line box: pitch around the baseline */
        double box_top = op->y - ((r->pitch - r->size) / 2 + 0.88 * r->size);
        assert_true(box_top >= top - 0.01);
        assert_true(box_top + r->pitch <= bottom + 0.01);
      } else {
        assert_true(op->y >= top - 0.01);
        assert_true(op->y + op->h <= bottom + 0.01);
      }
    }
  }
  /* page numbers: none on the cover, then — 1 — … */
  assert_int_equal(((JxPage *)g_ptr_array_index(l->pages, 0))->number, 0);
  GPtrArray *nums = texts(l, 1, JX_ROLE_PAGE_NUMBER);
  assert_int_equal(nums->len, 1);
  assert_string_equal(((JxOp *)g_ptr_array_index(nums, 0))->text, "— 1 —");
  /* odd pages right, even pages left (one character in from the edge) */
  JxOp *odd = g_ptr_array_index(nums, 0);
  assert_true(fabs(odd->x + odd->w - (right - 14)) < 0.01);
  g_ptr_array_free(nums, TRUE);
  nums = texts(l, 2, JX_ROLE_PAGE_NUMBER);
  assert_true(fabs(((JxOp *)g_ptr_array_index(nums, 0))->x - (left + 14)) < 0.01);
  g_ptr_array_free(nums, TRUE);
  jx_layout_free(l);
  jx_inputs_free(in);
}

/* No line of the seed's goal texts starts with closing punctuation or a
 * pause mark, none ends with opening punctuation; every line but a
 * paragraph's last is justified to the full measure. */
static void line_starts_and_ends(void **state) {
  (void)state;
  JxInputs *in;
  JxLayout *l = seed_layout(&in);
  const JxStyle *st = style();
  guint lines = 0, full = 0;
  for (guint p = 0; p < l->pages->len; p++) {
    GPtrArray *body = texts(l, p, JX_ROLE_BODY);
    for (guint i = 0; i < body->len; i++) {
      JxOp *op = g_ptr_array_index(body, i);
      gunichar first = g_utf8_get_char(op->text);
      const char *last_p = g_utf8_find_prev_char(op->text, op->text + strlen(op->text));
      gunichar last = g_utf8_get_char(last_p);
      if (jx_cjk_is_closing(first))
        fail_msg("line starts with closing punctuation: %s", op->text);
      if (jx_cjk_is_opening(last))
        fail_msg("line ends with opening punctuation: %s", op->text);
      lines++;
      PangoLayoutLine *line = pango_layout_get_line_readonly(op->layout, op->line);
      bool last_of_paragraph = op->line == pango_layout_get_line_count(op->layout) - 1;
      double right = op->x + op->w;
      if (!last_of_paragraph) {
        /* justified: the line reaches the right edge of the text block */
        if (fabs(right - (st->left + st->width)) >= 0.5)
          fail_msg("a justified line ends %.2f pt from the edge: %s", st->left + st->width - right,
                   op->text);
        full++;
      }
      if (line->is_paragraph_start) /* indented two characters */
        assert_true(fabs(op->x - (st->left + 2 * st->roles[JX_ROLE_BODY].size)) < 0.01);
    }
    g_ptr_array_free(body, TRUE);
  }
  assert_true(lines > 40);
  assert_true(full > 30);
  jx_layout_free(l);
  jx_inputs_free(in);
}

/* A document of n one-line body paragraphs. */
static JxDocument *lines_doc(guint n) {
  JxDocument *doc = jx_document_new("测试", "测试单位");
  for (guint i = 0; i < n; i++)
    jx_document_paragraph(doc, JX_ROLE_BODY, "一行正文", JX_ALIGN_LEFT, false);
  return doc;
}

static guint body_lines(const JxLayout *l, guint p) {
  GPtrArray *t = texts(l, p, JX_ROLE_BODY);
  guint n = t->len;
  g_ptr_array_free(t, TRUE);
  return n;
}

static void page_count(void **state) {
  (void)state;
  /* 50 lines: 22 + 22 + 6 */
  JxDocument *doc = lines_doc(50);
  JxLayout *l = jx_layout_document(doc, style(), ctx);
  assert_int_equal(l->pages->len, 3);
  assert_int_equal(body_lines(l, 0), 22);
  assert_int_equal(body_lines(l, 1), 22);
  assert_int_equal(body_lines(l, 2), 6);
  jx_layout_free(l);
  jx_document_free(doc);
}

/* A paragraph of ten characters a line, for widow and orphan tests: the
 * measure holds 156 mm / 16 pt = 27.6, so 27 characters a line; lines
 * characters × 27 make that many lines. */
static void add_lines(JxDocument *doc, guint lines) {
  GString *s = g_string_new(NULL);
  for (guint i = 0; i < lines * 27; i++)
    g_string_append(s, "字");
  jx_document_paragraph(doc, JX_ROLE_BODY, s->str, JX_ALIGN_JUSTIFY, false);
  g_string_free(s, TRUE);
}

static void widows_and_orphans(void **state) {
  (void)state;
  /* 21 lines, then 3: one line free, and 1 + 2 would leave an orphan: the
   * three lines go over together */
  JxDocument *doc = lines_doc(21);
  add_lines(doc, 3);
  JxLayout *l = jx_layout_document(doc, style(), ctx);
  assert_int_equal(body_lines(l, 0), 21);
  assert_int_equal(body_lines(l, 1), 3);
  jx_layout_free(l);
  jx_document_free(doc);

  /* 20 lines, then 3: two free, but 2 + 1 leaves a widow: all go over */
  doc = lines_doc(20);
  add_lines(doc, 3);
  l = jx_layout_document(doc, style(), ctx);
  assert_int_equal(body_lines(l, 0), 20);
  assert_int_equal(body_lines(l, 1), 3);
  jx_layout_free(l);
  jx_document_free(doc);

  /* 20 lines, then 5: two stay, three go over */
  doc = lines_doc(20);
  add_lines(doc, 5);
  l = jx_layout_document(doc, style(), ctx);
  assert_int_equal(body_lines(l, 0), 22);
  assert_int_equal(body_lines(l, 1), 3);
  jx_layout_free(l);
  jx_document_free(doc);

  /* 19 lines, then 4: three free, but 3 + 1 leaves a widow: 2 + 2 */
  doc = lines_doc(19);
  add_lines(doc, 4);
  l = jx_layout_document(doc, style(), ctx);
  assert_int_equal(body_lines(l, 0), 21);
  assert_int_equal(body_lines(l, 1), 2);
  jx_layout_free(l);
  jx_document_free(doc);
}

/* A heading is not left at the foot of a page. */
static void heading_keeps_with_next(void **state) {
  (void)state;
  JxDocument *doc = lines_doc(21);
  jx_document_heading(doc, JX_ROLE_HEADING1, "一、标题", 0);
  add_lines(doc, 2);
  JxLayout *l = jx_layout_document(doc, style(), ctx);
  GPtrArray *h = texts(l, 1, JX_ROLE_HEADING1);
  assert_int_equal(h->len, 1);
  assert_string_equal(((JxOp *)g_ptr_array_index(h, 0))->text, "一、标题");
  g_ptr_array_free(h, TRUE);
  jx_layout_free(l);
  jx_document_free(doc);
}

/* A table of 80 rows runs over pages with its header row on each; a row
 * taller than a page is split inside its cells. */
static void tables(void **state) {
  (void)state;
  JxDocument *doc = jx_document_new("测试", "测试单位");
  JxBlock *t = jx_document_table(doc, 3, 1);
  jx_block_row(t);
  jx_block_cell(t, "序号", JX_ALIGN_CENTER, false);
  jx_block_cell(t, "名称", JX_ALIGN_CENTER, false);
  jx_block_cell(t, "数值", JX_ALIGN_CENTER, false);
  for (int i = 1; i <= 80; i++) {
    char n[16], v[16];
    g_snprintf(n, sizeof n, "%d", i);
    g_snprintf(v, sizeof v, "≥%d%%", i);
    jx_block_row(t);
    jx_block_cell(t, n, JX_ALIGN_CENTER, false);
    jx_block_cell(t, "指标名称", JX_ALIGN_LEFT, false);
    jx_block_cell(t, v, JX_ALIGN_RIGHT, false);
  }
  /* one row of 120 lines */
  GString *tall = g_string_new(NULL);
  for (int i = 0; i < 120; i++)
    g_string_append_printf(tall, "%s第%d行", i ? "\n" : "", i + 1);
  jx_block_row(t);
  jx_block_cell(t, "81", JX_ALIGN_CENTER, false);
  jx_block_cell(t, tall->str, JX_ALIGN_LEFT, false);
  jx_block_cell(t, "", JX_ALIGN_RIGHT, false);
  g_string_free(tall, TRUE);

  JxLayout *l = jx_layout_document(doc, style(), ctx);
  const JxStyle *st = style();
  /* each row: 15 pt pitch + 2 × 3 pt padding = 21 pt; 637.8 / 21 = 30 rows
   * a page with the header: 29 body rows, then 29, then 22 and the tall one
   * (120 lines of 15 pt, 42 a page at most) */
  assert_true(l->pages->len >= 6);
  guint seen_rows = 0, tall_lines = 0;
  for (guint p = 0; p < l->pages->len; p++) {
    GPtrArray *head = texts(l, p, JX_ROLE_TABLE_HEAD);
    assert_int_equal(head->len, 3);
    assert_string_equal(((JxOp *)g_ptr_array_index(head, 0))->text, "序号");
    g_ptr_array_free(head, TRUE);
    GPtrArray *cells = texts(l, p, JX_ROLE_TABLE);
    for (guint i = 0; i < cells->len; i++) {
      JxOp *op = g_ptr_array_index(cells, i);
      if (g_str_has_prefix(op->text, "第"))
        tall_lines++;
      else if (strcmp(op->text, "指标名称") == 0)
        seen_rows++;
      assert_true(op->y < st->top + st->height);
    }
    g_ptr_array_free(cells, TRUE);
  }
  assert_int_equal(seen_rows, 80);
  assert_int_equal(tall_lines, 120); /* every line of the tall cell, once */
  GPtrArray *first = texts(l, 0, JX_ROLE_TABLE);
  /* 29 rows of 序号, 名称, 数值 on the first page */
  assert_int_equal(first->len, 29 * 3);
  g_ptr_array_free(first, TRUE);
  jx_layout_free(l);
  jx_document_free(doc);
}

/* A light's disc stands in the ideographic space its cell starts with: inside
 * that em box on the first line, once a cell (not on a wrapped line), in
 * its colour, and not tagged as content (the word after it is). */
static void light_dots(void **state) {
  (void)state;
  JxDocument *doc = jx_document_new("测试", "测试单位");
  JxBlock *t = jx_document_table(doc, 2, 1);
  jx_block_row(t);
  jx_block_cell(t, "项目名称", JX_ALIGN_CENTER, false);
  jx_block_cell(t, "监控结果", JX_ALIGN_CENTER, false);
  static const guint32 colors[] = {0x1A9641, 0xF2B705, 0xD7191C};
  static const char *const words[] = {"绿 正常", "黄 关注",
                                      "红 "
                                      "预警：完成可能性完全不可能，需整改，完成可能性完全不可能，需"
                                      "整改，完成可能性完全不可能，需整改"};
  for (int i = 0; i < 3; i++) {
    jx_block_row(t);
    jx_block_cell(t, "某项目某项目某项目某项目某项目某项目某项目某项目某项目某项目", JX_ALIGN_LEFT,
                  false);
    jx_block_dot_cell(t, words[i], colors[i], JX_ALIGN_LEFT);
  }
  /* the district's list: a light between a name and a long reason */
  JxBlock *list = jx_document_table(doc, 5, 1);
  jx_block_row(list);
  jx_block_cell(list, "序号", JX_ALIGN_CENTER, false);
  jx_block_cell(list, "部门", JX_ALIGN_CENTER, false);
  jx_block_cell(list, "项目名称", JX_ALIGN_CENTER, false);
  jx_block_cell(list, "监控结果", JX_ALIGN_CENTER, false);
  jx_block_cell(list, "原因", JX_ALIGN_CENTER, false);
  for (int i = 0; i < 6; i++) {
    jx_block_row(list);
    /* reasons long enough that every point of width saved lines */
    jx_block_cell(list, "1", JX_ALIGN_CENTER, false);
    if (i == 0) {
      jx_block_cell(list, "第12区第466局", JX_ALIGN_LEFT, false);
      jx_block_span(list, 6, 1);
    }
    jx_block_cell(list, "某某专项经费第3项", JX_ALIGN_LEFT, false);
    jx_block_dot_cell(list, "橙 预警", 0xAA0000, JX_ALIGN_LEFT);
    jx_block_cell(
        list,
        "预算执行黄灯：本期未报预算执行；红灯指标3项：系统访问量9（完成率76.8%），系统访问"
        "量15（完成率72.6%），办件量23（完成率72.2%）；黄灯指标2项：巡查次数14（完成率"
        "82.3%），系统访问量16（完成率89.8%）。",
        JX_ALIGN_LEFT, false);
  }
  JxLayout *l = jx_layout_document(doc, style(), ctx);
  const JxStyle *st = style();
  double size = st->roles[JX_ROLE_TABLE].size;
  const JxPage *page = g_ptr_array_index(l->pages, 0);
  /* … is never set over two lines */
  int whole = 0;
  for (guint k = 0; k < page->ops->len; k++) {
    const JxOp *op = &g_array_index(page->ops, JxOp, k);
    if (op->kind == JX_OP_TEXT && op->text && strstr(op->text, "橙")) {
      assert_non_null(strstr(op->text, "橙 预警"));
      whole++;
    }
  }
  assert_int_equal(whole, 6);
  /* the department's name down its rows keeps five characters a line: two
   * lines for its eight, not a character or two a line */
  int name_lines = 0;
  for (guint k = 0; k < page->ops->len; k++) {
    const JxOp *op = &g_array_index(page->ops, JxOp, k);
    name_lines += op->kind == JX_OP_TEXT && op->text &&
                  g_str_has_prefix("第12区第466局", op->text) && !strstr(op->text, "经费");
  }
  assert_true(name_lines <= 2);
  int dots = 0;
  for (guint i = 0; i < page->ops->len && dots < 3; i++) {
    const JxOp *d = &g_array_index(page->ops, JxOp, i);
    if (d->kind != JX_OP_DOT)
      continue;
    assert_int_equal(d->color, colors[dots]);
    assert_int_equal(d->tag, JX_TAG_NONE);
    /* the first line of its cell: the text op of the same cell with the
     * smallest baseline */
    const JxOp *line = NULL;
    for (guint k = 0; k < page->ops->len; k++) {
      const JxOp *op = &g_array_index(page->ops, JxOp, k);
      if (op->kind == JX_OP_TEXT && op->cell == d->cell && (!line || op->y < line->y))
        line = op;
    }
    assert_non_null(line);
    assert_true(g_str_has_prefix(line->text, "\u3000"));
    assert_true(strstr(line->text, words[dots] == words[2] ? "红" : words[dots]) != NULL);
    /* inside the em box of the ideographic space: 0.88 em over the baseline
     * to 0.12 under it in the CJK faces */
    assert_true(d->x - d->w >= line->x - 0.01);
    assert_true(d->x + d->w <= line->x + size + 0.01);
    assert_true(d->y - d->w >= line->y - 0.88 * size - 0.01);
    assert_true(d->y + d->w <= line->y + 0.12 * size + 0.01);
    dots++;
  }
  assert_int_equal(dots, 3);
  /* a light's word beside a long cell is kept whole: one line */
  for (guint k = 0; k < page->ops->len; k++) {
    const JxOp *op = &g_array_index(page->ops, JxOp, k);
    if (op->kind == JX_OP_TEXT && op->text && strstr(op->text, "关"))
      assert_non_null(strstr(op->text, "黄 关注"));
  }
  /* a text wider than the page wraps: its cell has more than one line, and
   * one disc */
  int lines = 0, red_cell = -1;
  for (guint k = 0; k < page->ops->len; k++) {
    const JxOp *op = &g_array_index(page->ops, JxOp, k);
    if (op->kind == JX_OP_DOT && op->color == colors[2])
      red_cell = op->cell;
  }
  for (guint k = 0; k < page->ops->len; k++) {
    const JxOp *op = &g_array_index(page->ops, JxOp, k);
    lines += op->kind == JX_OP_TEXT && op->cell == red_cell;
  }
  assert_true(lines >= 2);
  jx_layout_free(l);
  jx_document_free(doc);
}

/* Consecutive full-width punctuation takes one and a half characters. */
static void punctuation_compressed(void **state) {
  (void)state;
  static const char *const pairs[] = {"》，", "。”", "（《", "）（", "，“"};
  double size = style()->roles[JX_ROLE_BODY].size;
  for (size_t i = 0; i < G_N_ELEMENTS(pairs); i++) {
    JxDocument *doc = jx_document_new("测试", "测试单位");
    jx_document_paragraph(doc, JX_ROLE_BODY, pairs[i], JX_ALIGN_LEFT, false);
    JxLayout *l = jx_layout_document(doc, style(), ctx);
    GPtrArray *t = texts(l, 0, JX_ROLE_BODY);
    JxOp *op = g_ptr_array_index(t, 0);
    if (fabs(op->w - 1.5 * size) > 0.1)
      fail_msg("%s is %.2f pt wide, not %.2f", pairs[i], op->w, 1.5 * size);
    g_ptr_array_free(t, TRUE);
    jx_layout_free(l);
    jx_document_free(doc);
  }
  /* a single mark keeps its full width */
  JxDocument *doc = jx_document_new("测试", "测试单位");
  jx_document_paragraph(doc, JX_ROLE_BODY, "字，字", JX_ALIGN_LEFT, false);
  JxLayout *l = jx_layout_document(doc, style(), ctx);
  GPtrArray *t = texts(l, 0, JX_ROLE_BODY);
  assert_true(fabs(((JxOp *)g_ptr_array_index(t, 0))->w - 3 * size) < 0.1);
  g_ptr_array_free(t, TRUE);
  jx_layout_free(l);
  jx_document_free(doc);
}

/* The outline: department, then its sections and projects. */
static void outline(void **state) {
  (void)state;
  JxInputs *in;
  JxLayout *l = seed_layout(&in);
  JxMark *first = g_ptr_array_index(l->marks, 0);
  assert_int_equal(first->level, 1);
  assert_string_equal(first->title, "广州市海珠区政务服务数据管理局（本级）");
  guint parts = 0, projects = 0, sections = 0;
  for (guint i = 0; i < l->marks->len; i++) {
    JxMark *m = g_ptr_array_index(l->marks, i);
    parts += m->level == 2;
    projects += m->level == 3;
    sections += m->level == 4;
  }
  /* defaults.ini: the funds table and the projects (the summary is of
   * charts, left out here); funds, goal and indicators of each project */
  assert_int_equal(parts, 2);
  assert_int_equal(projects, 5);
  assert_int_equal(sections, 5 * 3);
  jx_layout_free(l);
  jx_inputs_free(in);
}

/* Half-width marks typed between Chinese characters are set full-width;
 * those of numbers and Latin text stay. */
static void half_width_marks(void **state) {
  (void)state;
  char *s = jx_cjk_punctuation("全面推进政府信息主动公开,规范处理;提升率:");
  assert_string_equal(s, "全面推进政府信息主动公开，规范处理；提升率：");
  g_free(s);
  assert_null(jx_cjk_punctuation("1,250.00 and a, b"));
  assert_null(jx_cjk_punctuation("诉讼败诉率(100%)"));
  s = jx_cjk_punctuation("VPN,用户,123");
  assert_null(s); /* after Latin, not a Chinese comma */
}

/* The quarter-em gap between Chinese and Latin letters or digits (clreq):
 * where it goes, and what it does to a line.  GAP is JX_CJK_GAP in UTF-8. */
#define GAP "\xe2\x80\x8b"
static void cjk_latin_space(void **state) {
  (void)state;
  static const char *const cases[][2] = {
      {"截至2024年，5项", "截至" GAP "2024" GAP "年，5" GAP "项"},
      {"执行率95.00%的", "执行率" GAP "95.00%的"}, /* % is no letter: CSS's ideograph-numeric */
      {"使用VPN接入", "使用" GAP "VPN" GAP "接入"},
      {"120km道路", "120km" GAP "道路"},
      {"GB/T 9704-2012", NULL},    /* no Chinese */
      {"川财绩〔2024〕5号", NULL}, /* a 发文字号: 〔 is no character, 5号 a code */
      {"穗府会纪（2015）232号精神", NULL},
      {"（优）5项", "（优）5" GAP "项"}, /* a number after a bracket, not a code */
      {"ＡＢＣ中文１２", NULL},          /* full-width letters and digits need none */
      {"部门得分 98.59", NULL},          /* a space is there */
      {"219-社区养老", NULL},
  };
  for (size_t i = 0; i < G_N_ELEMENTS(cases); i++) {
    GArray *at = g_array_new(FALSE, FALSE, sizeof(guint));
    char *s = jx_cjk_autospace(cases[i][0], at);
    if (g_strcmp0(s, cases[i][1]) != 0)
      fail_msg("%s: \"%s\", not \"%s\"", cases[i][0], s ? s : "(none)",
               cases[i][1] ? cases[i][1] : "(none)");
    for (guint k = 0; k < at->len; k++)
      assert_memory_equal(s + g_array_index(at, guint, k), GAP, 3);
    g_free(s);
    g_array_free(at, TRUE);
  }

  /* In a layout: two gaps of a quarter of 16 pt each, and the text the
   * reader finds is the text as written. */
  JxStyle spaced = *style(), none = *style();
  spaced.cjk_latin_space = 0.25;
  none.cjk_latin_space = 0;
  double size = spaced.roles[JX_ROLE_BODY].size;
  double w[2];
  for (int k = 0; k < 2; k++) {
    JxDocument *doc = jx_document_new("测试", "测试单位");
    jx_document_paragraph(doc, JX_ROLE_BODY, "截至2024年", JX_ALIGN_LEFT, false);
    JxLayout *l = jx_layout_document(doc, k ? &none : &spaced, ctx);
    GPtrArray *t = texts(l, 0, JX_ROLE_BODY);
    JxOp *op = g_ptr_array_index(t, 0);
    assert_string_equal(op->text, "截至2024年");
    w[k] = op->w;
    g_ptr_array_free(t, TRUE);
    jx_layout_free(l);
    jx_document_free(doc);
  }
  if (fabs(w[0] - w[1] - 2 * 0.25 * size) > 0.01)
    fail_msg("the gaps add %.2f pt, not %.2f", w[0] - w[1], 2 * 0.25 * size);

  /* Never at a line's end or start: 27 characters of 16 pt (432 pt) and a
   * gap (4 pt) fit the 442.2 pt measure, VPN after them does not, so the
   * line breaks at the gap: the first line is the 27 characters' 432 pt,
   * the second starts at the text block's edge. */
  GString *text = g_string_new(NULL);
  for (int i = 0; i < 27; i++)
    g_string_append(text, "字");
  g_string_append(text, "VPNVPNVPN接入");
  JxDocument *doc = jx_document_new("测试", "测试单位");
  jx_document_paragraph(doc, JX_ROLE_BODY, text->str, JX_ALIGN_LEFT, false);
  JxLayout *l = jx_layout_document(doc, &spaced, ctx);
  GPtrArray *t = texts(l, 0, JX_ROLE_BODY);
  assert_int_equal(t->len, 2);
  JxOp *first = g_ptr_array_index(t, 0), *second = g_ptr_array_index(t, 1);
  if (fabs(first->w - 27 * size) > 0.01)
    fail_msg("the first line is %.2f pt wide, not %.2f", first->w, 27 * size);
  assert_true(g_str_has_prefix(second->text, "VPN"));
  if (fabs(second->x - spaced.left) > 0.01)
    fail_msg("the second line starts %.2f pt in", second->x - spaced.left);
  g_ptr_array_free(t, TRUE);
  jx_layout_free(l);
  jx_document_free(doc);
  g_string_free(text, TRUE);
}

/* A face a user puts beside fonts.conf is found, and a role that names it
 * uses it: here Liberation Mono (not among the prepared faces), standing in
 * for 仿宋_GB2312. */
/* The running header and the footer are filled page by page: {项目名称} is
 * the project whose section the page is in, {页码} and {总页数} count the
 * numbered pages. */
static void page_furniture(void **state) {
  (void)state;
  JxDocument *doc = jx_document_new("测试", "测试单位");
  doc->header = g_strdup("{项目名称}｜第{页码}页共{总页数}页");
  doc->footer = g_strdup("内部资料");
  jx_document_heading(doc, JX_ROLE_HEADING2, "（一）甲项目", 3)->project = g_strdup("甲项目");
  for (int i = 0; i < 25; i++) /* 1 + 25 lines: two pages */
    jx_document_paragraph(doc, JX_ROLE_BODY, "一行正文。", JX_ALIGN_LEFT, false);
  JxLayout *l = jx_layout_document(doc, &tmpl->style, ctx);
  assert_int_equal(l->pages->len, 2);
  for (guint p = 0; p < 2; p++) {
    GPtrArray *run = texts(l, p, JX_ROLE_RUNNING);
    assert_int_equal(run->len, 2);
    assert_string_equal(((JxOp *)g_ptr_array_index(run, 0))->text,
                        p == 0 ? "甲项目｜第1页共2页" : "甲项目｜第2页共2页");
    JxOp *footer = g_ptr_array_index(run, 1);
    assert_string_equal(footer->text, "内部资料");
    assert_true(footer->y > tmpl->style.top + tmpl->style.height);
    g_ptr_array_free(run, TRUE);
  }
  jx_layout_free(l);
  jx_document_free(doc);
}

/* A running header longer than the text block is set on one line within
 * it (the rest is left out), never past its edges. */
static void long_header(void **state) {
  (void)state;
  JxDocument *doc = jx_document_new("测试", "测试单位");
  GString *h = g_string_new(NULL);
  for (int i = 0; i < 120; i++)
    g_string_append(h, "长");
  doc->header = g_string_free(h, FALSE);
  jx_document_paragraph(doc, JX_ROLE_BODY, "一行正文。", JX_ALIGN_LEFT, false);
  JxLayout *l = jx_layout_document(doc, &tmpl->style, ctx);
  GPtrArray *run = texts(l, 0, JX_ROLE_RUNNING);
  assert_int_equal(run->len, 1);
  JxOp *op = g_ptr_array_index(run, 0);
  assert_true(op->x >= tmpl->style.left - 0.01);
  assert_true(op->x + op->w <= tmpl->style.left + tmpl->style.width + 0.01);
  g_ptr_array_free(run, TRUE);
  jx_layout_free(l);
  jx_document_free(doc);
}

/* The official template measures up to GB/T 9704-2012: a text block of
 * 156 × 225 mm at 28 mm from the left and 37 mm from the top, 22 lines of
 * 28 characters of 16 pt; page numbers of 14 pt 7 mm below the text block,
 * odd pages right and even pages left, one character in. */
static void official_format(void **state) {
  (void)state;
  GError *err = NULL;
  JxTemplate *t = jx_template_load(JX_SOURCE_DIR "/templates/official.ini", &err);
  assert_non_null(t);
  const JxStyle *st = &t->style;
  assert_true(fabs(st->left - JX_MM(28)) < 0.01 && fabs(st->top - JX_MM(37)) < 0.01);
  assert_true(fabs(st->width - JX_MM(156)) < 0.01 && fabs(st->height - JX_MM(225)) < 0.01);
  assert_true(st->roles[JX_ROLE_BODY].size == 16 && st->roles[JX_ROLE_TITLE].size == 22);
  assert_true(st->roles[JX_ROLE_PAGE_NUMBER].size == 14);
  assert_true(!st->roles[JX_ROLE_HEADING1].bold && st->roles[JX_ROLE_HEADING3].bold);
  /* 30 lines of body text: 22 on the first page, 8 on the second */
  GString *text = g_string_new(NULL);
  for (int i = 0; i < 28 * 30; i++)
    g_string_append(text, i % 3 ? "国" : "政");
  JxDocument *doc = jx_document_new("测试", "测试单位");
  jx_document_paragraph(doc, JX_ROLE_BODY, text->str, JX_ALIGN_JUSTIFY, false);
  g_string_free(text, TRUE);
  JxLayout *l = jx_layout_document(doc, st, ctx);
  assert_int_equal(l->pages->len, 2);
  GPtrArray *lines = texts(l, 0, JX_ROLE_BODY);
  assert_int_equal(lines->len, 22);
  for (guint i = 0; i < lines->len; i++)
    assert_int_equal(g_utf8_strlen(((JxOp *)g_ptr_array_index(lines, i))->text, -1), 28);
  g_ptr_array_free(lines, TRUE);
  double size = st->roles[JX_ROLE_PAGE_NUMBER].size, below = st->top + st->height + JX_MM(7);
  for (guint p = 0; p < 2; p++) {
    GPtrArray *nums = texts(l, p, JX_ROLE_PAGE_NUMBER);
    assert_int_equal(nums->len, 1);
    JxOp *n = g_ptr_array_index(nums, 0);
    assert_string_equal(n->text, p == 0 ? "— 1 —" : "— 2 —");
    /* the baseline within the number's line, whose top is 7 mm down */
    assert_true(n->y > below && n->y < below + st->roles[JX_ROLE_PAGE_NUMBER].pitch);
    if (p == 0)
      assert_true(fabs(n->x + n->w - (st->left + st->width - size)) < 0.01);
    else
      assert_true(fabs(n->x - (st->left + size)) < 0.01);
    g_ptr_array_free(nums, TRUE);
  }
  jx_layout_free(l);
  jx_document_free(doc);
  jx_template_free(t);
}

/* The ink of "MMMM" set in font: the sum of darkness over an image. */
static double ink(PangoContext *c, const char *font) {
  cairo_surface_t *s = cairo_image_surface_create(CAIRO_FORMAT_A8, 400, 80);
  cairo_t *cr = cairo_create(s);
  PangoLayout *l = pango_layout_new(c);
  PangoFontDescription *fd = pango_font_description_from_string(font);
  pango_layout_set_font_description(l, fd);
  pango_layout_set_text(l, "MMMM", -1);
  cairo_move_to(cr, 10, 10);
  pango_cairo_show_layout(cr, l);
  cairo_surface_flush(s);
  const unsigned char *px = cairo_image_surface_get_data(s);
  int stride = cairo_image_surface_get_stride(s);
  double sum = 0;
  for (int y = 0; y < 80; y++)
    for (int x = 0; x < 400; x++)
      sum += px[y * stride + x];
  pango_font_description_free(fd);
  g_object_unref(l);
  cairo_destroy(cr);
  cairo_surface_destroy(s);
  return sum;
}

static void user_faces(void **state) {
  (void)state;
  const char *face = "/usr/share/fonts/truetype/liberation2/LiberationMono-Regular.ttf";
  char *dir = g_dir_make_tmp("jixiao-fonts-XXXXXX", NULL);
  char *conf = g_build_filename(dir, "fonts.conf", NULL),
       *copy = g_build_filename(dir, "user.ttf", NULL),
       *prepared = g_build_filename(dir, "prepared", NULL);
  char *text = NULL;
  gsize len = 0;
  assert_true(g_file_get_contents(JX_SOURCE_DIR "/fonts/fonts.conf", &text, &len, NULL));
  assert_true(g_file_set_contents(conf, text, (gssize)len, NULL));
  g_free(text);
  assert_true(g_file_get_contents(face, &text, &len, NULL));
  assert_true(g_file_set_contents(copy, text, (gssize)len, NULL));
  g_free(text);
  assert_int_equal(symlink(JX_SOURCE_DIR "/fonts/prepared", prepared), 0);

  GError *err = NULL;
  JxFonts *f = jx_fonts_open(dir, &err);
  assert_non_null(f);
  PangoContext *c = jx_fonts_context(f);
  PangoFontDescription *fd =
      pango_font_description_from_string("Liberation Mono, Noto Serif CJK SC 12");
  PangoFont *font = pango_font_map_load_font(jx_fonts_map(f), c, fd);
  PangoFontDescription *got = pango_font_describe(font);
  assert_string_equal(pango_font_description_get_family(got), "Liberation Mono");
  pango_font_description_free(got);
  g_object_unref(font);
  pango_font_description_free(fd);
  /* it has one weight: asked for bold, its outlines are emboldened (as a
   * government face's are), so bold text carries more ink */
  double regular = ink(c, "Liberation Mono 40"), bold = ink(c, "Liberation Mono Bold 40");
  assert_true(regular > 0);
  assert_true(bold > 1.15 * regular);
  g_object_unref(c);
  jx_fonts_free(f);
  char *argv[] = {"rm", "-rf", dir, NULL};
  g_spawn_sync(NULL, argv, NULL, G_SPAWN_SEARCH_PATH, NULL, NULL, NULL, NULL, NULL, NULL);
  g_free(conf);
  g_free(copy);
  g_free(prepared);
  g_free(dir);
}

static void numerals(void **state) {
  (void)state;
  char buf[16];
  assert_string_equal(jx_report_numeral(1, buf), "一");
  assert_string_equal(jx_report_numeral(10, buf), "十");
  assert_string_equal(jx_report_numeral(11, buf), "十一");
  assert_string_equal(jx_report_numeral(20, buf), "二十");
  assert_string_equal(jx_report_numeral(99, buf), "九十九");
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(inside_text_block),
      cmocka_unit_test(line_starts_and_ends),
      cmocka_unit_test(page_count),
      cmocka_unit_test(widows_and_orphans),
      cmocka_unit_test(heading_keeps_with_next),
      cmocka_unit_test(tables),
      cmocka_unit_test(light_dots),
      cmocka_unit_test(punctuation_compressed),
      cmocka_unit_test(outline),
      cmocka_unit_test(half_width_marks),
      cmocka_unit_test(cjk_latin_space),
      cmocka_unit_test(user_faces),
      cmocka_unit_test(official_format),
      cmocka_unit_test(page_furniture),
      cmocka_unit_test(long_header),
      cmocka_unit_test(numerals),
  };
  return cmocka_run_group_tests(tests, open_fonts, close_fonts);
}
