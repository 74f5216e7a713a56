/* The official template as a 公文 (GB/T 9704-2012, DOMAIN.md §4), measured
 * on the display list in millimetres.  The sample's report with the values
 * of tests/data/official/gongwen.ini.  The official style: A4, the 版心 at
 * 37 mm from the top and 28 mm from the left, 156 × 225 mm; body 16 pt on a
 * 28.95 pt pitch; 发文机关标志 36 pt on 44; title 22 pt on 34; 版记 14 pt on
 * 22.  A text op's y is its baseline, set 0.88 of the size below the top
 * of its em box; its em box's top is (pitch − size) / 2 below its line's. */
#include "layout/fonts.h"
#include "layout/layout.h"
#include "read/inputs.h"
#include "report/report.h"

#include <math.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <string.h>

#include <cmocka.h>

#define MM(x) ((x)*72.0 / 25.4)
/* within half a millimetre */
#define assert_mm(got, want)                                                                       \
  do {                                                                                             \
    double g_ = (got), w_ = (want);                                                                \
    if (fabs(g_ - w_) > MM(0.5))                                                                   \
      fail_msg("%s: %.2f mm, expected %.2f mm", #got, g_ * 25.4 / 72, w_ * 25.4 / 72);             \
  } while (0)

static JxFonts *fonts;
static PangoContext *ctx;
static JxTemplate *tmpl;
static JxInputs *in;
static JxLayout *l;

static int setup(void **state) {
  (void)state;
  GError *err = NULL;
  g_setenv("JIXIAO_TEMPLATES", JX_SOURCE_DIR "/templates", TRUE);
  fonts = jx_fonts_open(JX_SOURCE_DIR "/fonts", &err);
  tmpl = jx_template_load("official", &err);
  if (!fonts || !tmpl ||
      !jx_template_overlay(tmpl, JX_SOURCE_DIR "/tests/data/official/gongwen.ini", &err)) {
    fprintf(stderr, "%s\n", err->message);
    return -1;
  }
  ctx = jx_fonts_context(fonts);
  char *paths[] = {JX_SOURCE_DIR "/input"};
  char *message = NULL;
  if (jx_inputs_read(paths, 1, NULL, &in, &message) != JX_INPUTS_OK)
    return -1;
  JxReportOptions o = {tmpl, "2024年12月31日", NULL, true};
  JxDocument *doc = jx_report_department(g_ptr_array_index(in->model->departments, 0), &o);
  l = jx_layout_document(doc, &tmpl->style, ctx);
  jx_document_free(doc);
  return 0;
}

static int teardown(void **state) {
  (void)state;
  jx_layout_free(l);
  jx_inputs_free(in);
  jx_template_free(tmpl);
  g_object_unref(ctx);
  jx_fonts_free(fonts);
  return 0;
}

/* The first text op of page p whose text begins with prefix. */
static const JxOp *text_op(guint p, const char *prefix) {
  const JxPage *page = g_ptr_array_index(l->pages, p);
  for (guint i = 0; i < page->ops->len; i++) {
    const JxOp *op = &g_array_index(page->ops, JxOp, i);
    if (op->kind == JX_OP_TEXT && g_str_has_prefix(op->text, prefix))
      return op;
  }
  fail_msg("page %u: no '%s'", p + 1, prefix);
  return NULL;
}

/* The size a text op is set in (a long 发文机关标志 is set smaller). */
static double size_of(const JxOp *op) {
  const PangoFontDescription *fd = pango_layout_get_font_description(op->layout);
  return (double)pango_font_description_get_size(fd) / PANGO_SCALE;
}

static double em_top(const JxOp *op) {
  return op->y - 0.88 * size_of(op);
}

static double em_bottom(const JxOp *op) {
  return op->y + 0.12 * size_of(op);
}

/* 版头 and 主体 on the first pages. */
static void head_and_body(void **state) {
  (void)state;
  const JxStyle *st = &tmpl->style;
  double top = MM(37), left = MM(28), width = MM(156), pb = 28.95;
  assert_mm(st->top, top);
  /* 发文机关标志: red, centred, its top 35 mm below the 版心's top: 72 mm */
  const JxOp *mark = text_op(0, "广州市海珠区政务服务数据管理局");
  assert_int_equal(mark->role, JX_ROLE_MARK);
  assert_int_equal(mark->color, 0xFF0000);
  assert_mm(em_top(mark), top + MM(35));
  assert_mm(mark->x + mark->w / 2, left + width / 2);
  /* 发文字号 two lines under it, one character (16 pt) in; its line's top
   * is the 标志's line top (72 mm less the 标志's half leading, (44 − 36)
   * / 2 = 4 pt) + 44 + 2 × 28.95 */
  const JxOp *number = text_op(0, "海珠政数〔2025〕3号");
  double mark_line = top + MM(35) - (44 - 36) / 2.0;
  assert_mm(em_top(number), mark_line + 44 + 2 * pb + (pb - 16) / 2);
  assert_mm(number->x, left + 16);
  /* 签发人 on its line, its right end one character in, the name in 楷体 */
  const JxOp *name = text_op(0, "张三");
  assert_mm(name->y, number->y);
  assert_mm(name->x + name->w, left + width - 16);
  assert_int_equal(name->role, JX_ROLE_HEADING2);
  const JxOp *label = text_op(0, "签发人：");
  assert_mm(label->x + label->w, name->x);
  /* the red rule 4 mm under the 发文字号, the width of the 版心 */
  const JxPage *page = g_ptr_array_index(l->pages, 0);
  const JxOp *rule = NULL;
  for (guint i = 0; i < page->ops->len && !rule; i++) {
    const JxOp *op = &g_array_index(page->ops, JxOp, i);
    if (op->kind == JX_OP_RULE && op->color == 0xFF0000)
      rule = op;
  }
  assert_non_null(rule);
  assert_mm(rule->y, em_bottom(number) + MM(4));
  assert_mm(rule->x, left);
  assert_mm(rule->w, width);
  /* the title two lines under the rule, 2号 (22 pt), centred; too long
   * for a line (38 characters' width of 22 pt, 836 pt, against the 版心's
   * 442 pt), it breaks after the issuing body's name (19 characters, 418
   * pt; the rest, 关于 + 2024 in half-width digits + 15, as wide), its
   * words whole: not
   * "…（本级）关" over "于…" where Pango would break */
  const JxOp *title = NULL, *title2 = NULL;
  for (guint i = 0; i < page->ops->len; i++) {
    const JxOp *op = &g_array_index(page->ops, JxOp, i);
    if (op->kind == JX_OP_TEXT && op->role == JX_ROLE_TITLE)
      *(title ? &title2 : &title) = op;
  }
  assert_non_null(title2);
  assert_string_equal(title->text, "广州市海珠区政务服务数据管理局（本级）");
  assert_string_equal(title2->text, "关于2024年度项目支出绩效自评情况的报告");
  assert_mm(em_top(title), rule->y + 2 * pb + (34 - 22) / 2.0);
  assert_mm(title2->y, title->y + 34);
  assert_mm(title->x + title->w / 2, left + width / 2);
  assert_mm(title2->x + title2->w / 2, left + width / 2);
  /* 主送机关 flush left, ending in a full-width colon */
  const JxOp *to = text_op(0, "广州市海珠区财政局：");
  assert_mm(to->x, left);
  assert_true(to->y > title->y + 34);
  /* nothing above the 版心 but for nothing: a 公文 has no running header */
  for (guint p = 0; p < l->pages->len; p++) {
    const JxPage *pg = g_ptr_array_index(l->pages, p);
    for (guint i = 0; i < pg->ops->len; i++) {
      const JxOp *op = &g_array_index(pg->ops, JxOp, i);
      if (op->kind == JX_OP_TEXT && op->y < top)
        fail_msg("page %u: '%s' above the 版心", p + 1, op->text);
    }
  }
}

/* 附件说明, 署名 and 成文日期, 附注, and the 附件's head. */
static void attachment_and_date(void **state) {
  (void)state;
  double left = MM(28), width = MM(156), top = MM(37), pb = 28.95;
  guint p = 0;
  for (; p < l->pages->len; p++) {
    const JxPage *pg = g_ptr_array_index(l->pages, p);
    bool here = false;
    for (guint i = 0; i < pg->ops->len && !here; i++)
      here = g_array_index(pg->ops, JxOp, i).kind == JX_OP_TEXT &&
             g_str_has_prefix(g_array_index(pg->ops, JxOp, i).text, "附件：");
    if (here)
      break;
  }
  assert_true(p < l->pages->len);
  /* two 附件 (the report, the forms): 附件：1. two characters in, its second
   * line under the first character of the name: 附件： three characters and
   * "1. " one (Liberation Serif's digit 0.5 em, period and space 0.25 em
   * each), six in; 2. under the 1., five in, and its second line six in.
   * The body's characters are 16 − 0.21 pt apart. */
  double ch = 16 - 0.21;
  const JxOp *att = text_op(p, "附件：1. ");
  assert_mm(att->x, left + 2 * ch);
  const JxOp *more = text_op(p, "度项目支出绩效自评报告");
  assert_mm(more->x, left + 6 * ch);
  const JxOp *second = text_op(p, "2. ");
  assert_mm(second->x, left + 5 * ch);
  assert_mm(second->y, more->y + pb);
  const JxOp *more2 = text_op(p, "度项目支出绩效自评表");
  assert_mm(more2->x, left + 6 * ch);
  /* 成文日期 four characters in from the right, without leading zeros;
   * 署名 over it, not past the 版心 */
  const JxOp *date = text_op(p, "2025年1月5日");
  assert_mm(date->x + date->w, left + width - 4 * 16);
  const JxOp *issuer = text_op(p, "广州市海珠区政务服务数据管理局（本级）");
  assert_mm(issuer->y, date->y - pb);
  assert_true(issuer->x + issuer->w <= left + width + 0.01);
  /* 附注 in brackets, two characters in, on the line after the date */
  const JxOp *note = text_op(p, "（联系人：李四");
  assert_mm(note->y, date->y + pb);
  assert_mm(note->x, left + 2 * ch);
  /* the 附件 on the next page: 附件 at the top left, its title centred
   * on the third line (its line's top two lines under the 版心's top) */
  const JxOp *head = text_op(p + 1, "附件1");
  assert_mm(head->x, left);
  assert_mm(em_top(head), top + (pb - 16) / 2);
  const JxOp *title = text_op(p + 1, "广州市海珠区政务服务数据管理局（本级）");
  assert_int_equal(title->role, JX_ROLE_TITLE);
  assert_mm(em_top(title), top + 2 * pb + (34 - 22) / 2.0);
}

/* The 附件2: every project's 自评表 after the report, the first under its
 * head, each on pages of its own; the report's project sections have none. */
static void forms_attached(void **state) {
  (void)state;
  double left = MM(28), top = MM(37), pb = 28.95;
  guint head = 0, forms = 0, before = 0;
  for (guint p = 0; p < l->pages->len; p++) {
    const JxPage *pg = g_ptr_array_index(l->pages, p);
    for (guint i = 0; i < pg->ops->len; i++) {
      const JxOp *op = &g_array_index(pg->ops, JxOp, i);
      if (op->kind != JX_OP_TEXT)
        continue;
      if (strcmp(op->text, "附件2") == 0) {
        head = p;
        assert_mm(op->x, left);
        assert_mm(em_top(op), top + (pb - 16) / 2);
      }
      if (strcmp(op->text, "项目支出绩效自评表") == 0) {
        if (!head)
          before++;
        else
          forms++;
      }
    }
  }
  assert_true(head > 0);
  assert_int_equal(before, 0);
  /* the sample's five projects, each form starting a page (the first on
   * the head's) */
  assert_int_equal(forms, 5);
  const JxOp *title = text_op(head, "广州市海珠区政务服务数据管理局（本级）");
  assert_int_equal(title->role, JX_ROLE_TITLE);
  assert_mm(em_top(title), top + 2 * pb + (34 - 22) / 2.0);
  text_op(head, "项目支出绩效自评表");
}

/* The page of the first text op that begins with prefix in x, or -1. */
static int page_of(const JxLayout *x, const char *prefix) {
  for (guint p = 0; p < x->pages->len; p++) {
    const JxPage *pg = g_ptr_array_index(x->pages, p);
    for (guint i = 0; i < pg->ops->len; i++) {
      const JxOp *op = &g_array_index(pg->ops, JxOp, i);
      if (op->kind == JX_OP_TEXT && g_str_has_prefix(op->text, prefix))
        return (int)p;
    }
  }
  return -1;
}

/* The two 附件 of the 附件说明 stay on one page: without the 发文字号 and
 * 主送机关 of gongwen.ini, page 1 of the sample's 公文 has room for 附件：1.
 * (two lines) but not for 2. after it, and both go to page 2. */
static void attachments_together(void **state) {
  (void)state;
  GError *err = NULL;
  JxTemplate *t = jx_template_load("official", &err);
  assert_non_null(t);
  JxReportOptions o = {t, "2024年12月31日", NULL, true};
  JxDocument *doc = jx_report_department(g_ptr_array_index(in->model->departments, 0), &o);
  JxLayout *x = jx_layout_document(doc, &t->style, ctx);
  int one = page_of(x, "附件：1. "), two = page_of(x, "2. 广州市");
  assert_true(one >= 0);
  assert_int_equal(one, two);
  jx_layout_free(x);
  jx_document_free(doc);
  jx_template_free(t);
}

/* 份号, 密级和保密期限 and 紧急程度 flush left on the first three lines of
 * the 版心, in that order (GB/T 9704 7.2.1–7.2.3); the 发文机关标志 stays 35
 * mm below the 版心's top. */
static void copy_and_secrecy(void **state) {
  (void)state;
  GError *err = NULL;
  JxTemplate *t = jx_template_load("official", &err);
  assert_non_null(t);
  assert_true(jx_template_overlay(t, JX_SOURCE_DIR "/tests/data/official/gongwen.ini", &err));
  assert_true(jx_template_overlay(t, JX_SOURCE_DIR "/tests/data/official/marks.ini", &err));
  JxReportOptions o = {t, "2024年12月31日", NULL, true};
  JxDocument *doc = jx_report_department(g_ptr_array_index(in->model->departments, 0), &o);
  JxLayout *x = jx_layout_document(doc, &t->style, ctx);
  JxLayout *saved = l;
  l = x;
  double top = MM(37), left = MM(28), pb = 28.95;
  const JxOp *copy = text_op(0, "000001"), *secret = text_op(0, "秘密★1年"),
             *urgent = text_op(0, "特急");
  assert_mm(copy->x, left);
  assert_mm(secret->x, left);
  assert_mm(urgent->x, left);
  assert_mm(em_top(copy), top + (pb - 16) / 2);
  assert_mm(em_top(secret), top + pb + (pb - 16) / 2);
  assert_int_equal(secret->role, JX_ROLE_HEADING1); /* 黑体 */
  assert_mm(em_top(urgent), top + 2 * pb + (pb - 16) / 2);
  assert_mm(em_top(text_op(0, "广州市海珠区政务服务数据管理局")), top + MM(35));
  l = saved;
  jx_layout_free(x);
  jx_document_free(doc);
  jx_template_free(t);
}

/* The 版记 at the foot of the last page, an even one: 抄送 and 印发 one
 * character (14 pt) in, between rules of 0.35, 0.25 and 0.35 mm, the last
 * at the foot of the 版心 (37 + 225 = 262 mm). */
static void record(void **state) {
  (void)state;
  double left = MM(28), width = MM(156), foot = MM(37 + 225);
  guint last = l->pages->len - 1;
  const JxPage *page = g_ptr_array_index(l->pages, last);
  assert_int_equal(page->number % 2, 0);
  const JxOp *cc = text_op(last, "抄送：区审计局");
  assert_mm(cc->x, left + 14);
  const JxOp *date = text_op(last, "2025年1月6日印发");
  assert_mm(date->x + date->w, left + width - 14);
  const JxOp *printer = text_op(last, "广州市海珠区政务服务数据管理局办公室");
  assert_mm(printer->y, date->y);
  assert_mm(printer->y, cc->y + 22);
  GArray *rules = g_array_new(FALSE, FALSE, sizeof(JxOp));
  for (guint i = 0; i < page->ops->len; i++) {
    const JxOp *op = &g_array_index(page->ops, JxOp, i);
    if (op->kind == JX_OP_RULE && op->role == JX_ROLE_RECORD)
      g_array_append_val(rules, *op);
  }
  assert_int_equal(rules->len, 3);
  const JxOp *r0 = &g_array_index(rules, JxOp, 0), *r1 = &g_array_index(rules, JxOp, 1),
             *r2 = &g_array_index(rules, JxOp, 2);
  /* the rules' weights exactly (half a millimetre would not tell them) */
  assert_true(fabs(r0->stroke - MM(0.35)) < 0.01);
  assert_true(fabs(r1->stroke - MM(0.25)) < 0.01);
  assert_true(fabs(r2->stroke - MM(0.35)) < 0.01);
  assert_mm(r2->y, foot);
  assert_mm(r1->y, foot - 22);
  assert_mm(r0->y, foot - 44);
  assert_mm(r0->w, width);
  g_array_free(rules, TRUE);
}

/* A 版记 that does not fit on an even last page goes to the next even page,
 * a blank page before it, neither numbered: two pages filled to their foot
 * (22 lines of 28 characters each), then the 版记. */
static void record_after_blank(void **state) {
  (void)state;
  JxDocument *doc;
  GString *s;
  GPtrArray *lines;
  JxLayout *x;
  doc = jx_document_new("测试", "测试单位");
  s = g_string_new(NULL);
  for (int i = 0; i < 22 * 28 * 2; i++)
    g_string_append(s, "字");
  jx_document_paragraph(doc, JX_ROLE_BODY, s->str, JX_ALIGN_JUSTIFY, false);
  g_string_free(s, TRUE);
  lines = g_ptr_array_new_with_free_func(g_free);
  g_ptr_array_add(lines, g_strdup("抄送：甲"));
  jx_document_record(doc, lines, 1);
  g_ptr_array_free(lines, TRUE);
  x = jx_layout_document(doc, &tmpl->style, ctx);
  /* 44 lines fill two pages; the 版记 would be on page 3, odd: a blank
   * page 3 and the 版记 on page 4, neither numbered */
  assert_int_equal(x->pages->len, 4);
  const JxPage *p3 = g_ptr_array_index(x->pages, 2), *p4 = g_ptr_array_index(x->pages, 3);
  assert_true(p3->unnumbered && p4->unnumbered);
  for (guint i = 0; i < p3->ops->len; i++)
    assert_int_not_equal(g_array_index(p3->ops, JxOp, i).kind, JX_OP_TEXT);
  bool cc = false, numbered = false;
  for (guint i = 0; i < p4->ops->len; i++) {
    const JxOp *op = &g_array_index(p4->ops, JxOp, i);
    cc |= op->kind == JX_OP_TEXT && strcmp(op->text, "抄送：甲") == 0;
    numbered |= op->kind == JX_OP_TEXT && op->role == JX_ROLE_PAGE_NUMBER;
  }
  assert_true(cc);
  assert_false(numbered);
  const JxPage *p2 = g_ptr_array_index(x->pages, 1);
  numbered = false;
  for (guint i = 0; i < p2->ops->len; i++)
    numbered |= g_array_index(p2->ops, JxOp, i).role == JX_ROLE_PAGE_NUMBER;
  assert_true(numbered);
  jx_layout_free(x);
  jx_document_free(doc);
}

/* What a 公文 prints: dates without leading zeros, a 发文字号 from its
 * number, and those the standard would not print as given said so. */
static void values(void **state) {
  (void)state;
  bool zeros = false, standard = true;
  char *d = jx_official_date("2025-01-05", &zeros);
  assert_string_equal(d, "2025年1月5日");
  assert_false(zeros);
  g_free(d);
  d = jx_official_date("2025年01月05日", &zeros);
  assert_string_equal(d, "2025年1月5日");
  assert_true(zeros);
  g_free(d);
  assert_null(jx_official_date("明年", &zeros));
  char *n = jx_official_number("3", "海珠政数", "2025", &standard);
  assert_string_equal(n, "海珠政数〔2025〕3号");
  assert_true(standard);
  g_free(n);
  n = jx_official_number("海珠政数〔2025〕3号", "", "", &standard);
  assert_true(standard);
  g_free(n);
  static const char *const bad[] = {"海珠政数〔25〕3号", "海珠政数〔2025〕第3号",
                                    "海珠政数〔2025〕03号", "海珠政数[2025]3号"};
  for (size_t i = 0; i < G_N_ELEMENTS(bad); i++) {
    n = jx_official_number(bad[i], "", "", &standard);
    if (standard)
      fail_msg("'%s' taken as standard", bad[i]);
    g_free(n);
  }
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(head_and_body),    cmocka_unit_test(attachment_and_date),
      cmocka_unit_test(record),           cmocka_unit_test(record_after_blank),
      cmocka_unit_test(values),           cmocka_unit_test(forms_attached),
      cmocka_unit_test(copy_and_secrecy), cmocka_unit_test(attachments_together),
  };
  return cmocka_run_group_tests(tests, setup, teardown);
}
