/* Unit tests of the value grammar.  Every expected structure below was worked
 * out by hand from the text of the value, following DOMAIN.md §2. */
#include "model/value.h"

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <string.h>

#include <cmocka.h>

/* Parses text and checks comparator, number text, unit, label and note. */
static void expect(const char *text, JxComparator cmp, bool explicit_cmp, const char *number,
                   const char *unit, const char *label, const char *note) {
  JxValue *v = jx_value_parse(text);
  char *n = jx_value_number_text(v), *u = jx_value_unit_text(v);
  assert_string_equal(v->raw, text); /* never loses the text */
  assert_int_equal(v->cmp, cmp);
  assert_int_equal(v->cmp_explicit, explicit_cmp);
  assert_string_equal(n, number);
  assert_string_equal(u, unit);
  assert_string_equal(v->label, label);
  assert_string_equal(v->note, note);
  g_free(n);
  g_free(u);
  jx_value_free(v);
}

static void symbols(void **state) {
  (void)state;
  expect("≥98%", JX_CMP_GE, true, "98", "%", "", "");
  expect("＞20%", JX_CMP_GT, true, "20", "%", "", "");
  expect("≥=100000/年", JX_CMP_GE, true, "100000", "/年", "", "");
  expect("≤=5s", JX_CMP_LE, true, "5", "s", "", "");
  expect(">=20平方米", JX_CMP_GE, true, "20", "平方米", "", "");
  expect("<=475元/亩", JX_CMP_LE, true, "475", "元/亩", "", "");
  expect("=8个", JX_CMP_EQ, true, "8", "个", "", "");
  expect("≥600", JX_CMP_GE, true, "600", "", "", "");
  expect("＜３％", JX_CMP_LT, true, "3", "%", "", ""); /* full-width digits and signs */
  expect("≤ 2 小时", JX_CMP_LE, true, "2", "小时", "", "");
}

static void words(void **state) {
  (void)state;
  expect("不低于85分", JX_CMP_GE, true, "85", "分", "", "");
  expect("不少于12期", JX_CMP_GE, true, "12", "期", "", "");
  expect("98%以上", JX_CMP_GE, true, "98", "%", "", "");
  expect("不高于5%", JX_CMP_LE, true, "5", "%", "", "");
  expect("败诉率不超过30%", JX_CMP_LE, true, "30", "%", "败诉率", "");
  expect("区政务公开工作投诉率低于5%", JX_CMP_LT, true, "5", "%", "区政务公开工作投诉率", "");
  expect("3个工作日以内", JX_CMP_LE, true, "3", "个工作日", "", "");
  expect("5%以下", JX_CMP_LE, true, "5", "%", "", "");
  expect("3个工作日内", JX_CMP_LE, true, "3", "个工作日", "", "");
}

static void bare(void **state) {
  (void)state;
  /* a bare value: meet or exceed, the comparator implied */
  expect("100%", JX_CMP_GE, false, "100", "%", "", "");
  expect("20000", JX_CMP_GE, false, "20000", "", "", "");
  expect("1,250.5万元", JX_CMP_GE, false, "1250.5", "万元", "", "");
  expect("30万人次", JX_CMP_GE, false, "30", "万人次", "", "");
  expect("252条次", JX_CMP_GE, false, "252", "条次", "", "");
}

static void ranges(void **state) {
  (void)state;
  expect("1-2个", JX_CMP_RANGE, true, "1~2", "个", "", "");
  expect("±3%以内", JX_CMP_TOLERANCE, true, "±3", "%", "", "");
  expect("90%～95%", JX_CMP_RANGE, true, "90~95", "%", "", "");
  expect("为结对帮扶的贫困村解决1-2个实际困难和问题。", JX_CMP_RANGE, true, "1~2", "个",
         "为结对帮扶的贫困村解决", "实际困难和问题");
}

static void notes(void **state) {
  (void)state;
  expect("（除新进人员、孕妇等特殊情况）98%以上", JX_CMP_GE, true, "98", "%", "",
         "除新进人员、孕妇等特殊情况");
}

static void qualitative(void **state) {
  (void)state;
  expect("及时", JX_CMP_NONE, false, "", "", "", "");
  expect("效果明显", JX_CMP_NONE, false, "", "", "", "");
  expect("年度完成政策解读数量不少于当年区新增政策数量", JX_CMP_NONE, false, "", "", "", "");
  /* dates and ordinals are not quantities; two numbers need a reader */
  expect("2024年底前完成", JX_CMP_NONE, false, "", "", "", "");
  expect("2024年12月31日前完成", JX_CMP_NONE, false, "", "", "", "");
  expect("第3季度完成", JX_CMP_NONE, false, "", "", "", "");
  expect("", JX_CMP_NONE, false, "", "", "", "");
}

static void sub_targets(void **state) {
  (void)state;
  const char *text = "《舆情月报》12期；《舆情季度报告》4期；动态信息监控短信252条次；"
                     "《政务服务与数字政府资讯》12期。";
  JxValue *v = jx_value_parse(text);
  assert_string_equal(v->raw, text);
  assert_non_null(v->parts);
  assert_int_equal(v->parts->len, 4);
  static const char *const labels[] = {"《舆情月报》", "《舆情季度报告》", "动态信息监控短信",
                                       "《政务服务与数字政府资讯》"};
  static const char *const units[] = {"期", "期", "条次", "期"};
  static const long numbers[] = {12, 4, 252, 12};
  for (int i = 0; i < 4; i++) {
    JxValue *p = g_ptr_array_index(v->parts, i);
    assert_int_equal(p->cmp, JX_CMP_GE);
    assert_string_equal(p->label, labels[i]);
    assert_string_equal(p->unit, units[i]);
    assert_int_equal(p->number.units, numbers[i]);
    assert_int_equal(p->number.scale, 0);
  }
  char *n = jx_value_number_text(v), *u = jx_value_unit_text(v), *c = jx_value_comparator_text(v);
  assert_string_equal(n, "12；4；252；12");
  assert_string_equal(u, "期；期；条次；期");
  assert_string_equal(c, "≥");
  g_free(n);
  g_free(u);
  g_free(c);
  assert_int_equal(jx_value_direction(v), JX_DIR_POSITIVE);
  jx_value_free(v);

  /* a thousands separator is not a separator of parts */
  expect("１，２５０个", JX_CMP_GE, false, "1250", "个", "", "");
}

static void directions(void **state) {
  (void)state;
  static const struct {
    const char *text;
    JxDirection dir;
  } cases[] = {{"≥98%", JX_DIR_POSITIVE},   {"＞20%", JX_DIR_POSITIVE},  {"≤=5s", JX_DIR_NEGATIVE},
               {"低于5%", JX_DIR_NEGATIVE}, {"=8个", JX_DIR_EQUAL},      {"1-2个", JX_DIR_RANGE},
               {"±3%以内", JX_DIR_RANGE},   {"及时", JX_DIR_QUALITATIVE}};
  for (size_t i = 0; i < G_N_ELEMENTS(cases); i++) {
    JxValue *v = jx_value_parse(cases[i].text);
    assert_int_equal(jx_value_direction(v), cases[i].dir);
    jx_value_free(v);
  }
  assert_string_equal(jx_direction_name(JX_DIR_NEGATIVE), "反向");
}

static void columns(void **state) {
  (void)state;
  /* a province table: the number in one column, comparator and unit in others */
  JxValue *v = jx_value_parse("98");
  assert_true(jx_value_apply_columns(v, "≥", "%"));
  assert_int_equal(v->cmp, JX_CMP_GE);
  assert_true(v->cmp_explicit);
  assert_string_equal(v->unit, "%");
  jx_value_free(v);

  v = jx_value_parse("5");
  assert_true(jx_value_apply_columns(v, "反向指标", "个工作日"));
  assert_int_equal(v->cmp, JX_CMP_LE);
  jx_value_free(v);

  v = jx_value_parse("效果明显");
  assert_true(jx_value_apply_columns(v, "定性", ""));
  assert_int_equal(v->cmp, JX_CMP_NONE);
  jx_value_free(v);

  /* the cell's own comparator wins, and the disagreement is reported */
  v = jx_value_parse("≤5%");
  assert_false(jx_value_apply_columns(v, "≥", NULL));
  assert_int_equal(v->cmp, JX_CMP_LE);
  jx_value_free(v);

  v = jx_value_parse("98%");
  assert_false(jx_value_apply_columns(v, NULL, "个"));
  assert_string_equal(v->unit, "%");
  jx_value_free(v);

  v = jx_value_parse("98");
  assert_false(jx_value_apply_columns(v, "大约", NULL));
  jx_value_free(v);
}

static void comparator_text(void **state) {
  (void)state;
  JxComparator c;
  assert_true(jx_comparator_from_text("大于等于", &c));
  assert_int_equal(c, JX_CMP_GE);
  assert_true(jx_comparator_from_text("＜", &c));
  assert_int_equal(c, JX_CMP_LT);
  assert_true(jx_comparator_from_text("区间", &c));
  assert_int_equal(c, JX_CMP_RANGE);
  assert_false(jx_comparator_from_text("差不多", &c));
  assert_string_equal(jx_comparator_symbol(JX_CMP_TOLERANCE), "区间");
  assert_string_equal(jx_comparator_symbol(JX_CMP_NONE), "定性");
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(symbols),     cmocka_unit_test(words),
      cmocka_unit_test(bare),        cmocka_unit_test(ranges),
      cmocka_unit_test(notes),       cmocka_unit_test(qualitative),
      cmocka_unit_test(sub_targets), cmocka_unit_test(directions),
      cmocka_unit_test(columns),     cmocka_unit_test(comparator_text),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
