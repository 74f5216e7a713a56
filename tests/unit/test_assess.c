/* An actual against its target.  Every expected ratio is worked out by hand
 * in the comment beside it (DOMAIN.md §3). */
#include "assess.h"

#include <glib/gstdio.h>
#include <math.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <string.h>

#include <cmocka.h>

static JxAssessConfig *config;

static int setup(void **state) {
  (void)state;
  GError *err = NULL;
  config = jx_assess_config_load(JX_SOURCE_DIR "/templates/defaults.ini", &err);
  if (!config)
    fprintf(stderr, "%s\n", err->message);
  return config ? 0 : -1;
}

static int teardown(void **state) {
  (void)state;
  jx_assess_config_free(config);
  return 0;
}

/* Assesses actual against target (texts); checks status and ratio. */
static void expect(const char *target, const char *actual, JxStatus status, double ratio) {
  JxValue *t = target ? jx_value_parse(target) : NULL;
  JxValue *a = actual ? jx_value_parse(actual) : NULL;
  JxOutcome o;
  jx_assess_value(t, a, config, &o);
  if (o.status != status || fabs(o.ratio - ratio) > 1e-9)
    fail_msg("%s vs %s: %s %.6f, expected %s %.6f (%s)", target ? target : "-",
             actual ? actual : "-", jx_status_name(o.status), o.ratio, jx_status_name(status),
             ratio, o.reason ? o.reason : "");
  g_free(o.reason);
  jx_value_free(t);
  jx_value_free(a);
}

static void positive(void **state) {
  (void)state;
  expect("≥98%", "99.4%", JX_STATUS_MET, 99.4 / 98);           /* 1.0143 */
  expect("20000", "19519", JX_STATUS_PARTLY, 19519.0 / 20000); /* 0.97595: short of it */
  expect("≥600", "300", JX_STATUS_UNMET, 0.5);                 /* 300/600, under 0.6 */
  expect("≥600", "360", JX_STATUS_PARTLY, 0.6);                /* 360/600, the edge */
  expect("＞20%", "19.8%", JX_STATUS_PARTLY, 19.8 / 20);       /* 0.99 */
  expect("＞20%", "20%", JX_STATUS_PARTLY, 1.0);               /* not more than 20 */
  expect("不低于85分", "88分", JX_STATUS_MET, 88.0 / 85);
  /* a zero target is met by anything not negative */
  expect("≥0", "0", JX_STATUS_MET, 1.0);
  expect("＞0", "0", JX_STATUS_UNMET, 0.0);
  /* negative values are not shares */
  expect("≥-5%", "-3%", JX_STATUS_UNASSESSABLE, 0.0);
}

static void negative(void **state) {
  (void)state;
  expect("≤=5s", "3.3s", JX_STATUS_MET, 5 / 3.3); /* 反向: target ÷ actual */
  expect("≤=5s", "10s", JX_STATUS_UNMET, 0.5);    /* 5/10 */
  expect("≤=5s", "6.25s", JX_STATUS_PARTLY, 0.8); /* 5/6.25 */
  expect("低于5%", "0", JX_STATUS_MET, 1.0);      /* 0 meets it, no division */
  expect("低于5%", "5%", JX_STATUS_PARTLY, 1.0);  /* not below 5 */
  expect("≤0", "2", JX_STATUS_UNMET, 0.0);        /* nothing allowed, 2 given */
  expect("败诉率不超过30%", "13.7%", JX_STATUS_MET, 30 / 13.7);
}

static void equal_range_tolerance(void **state) {
  (void)state;
  expect("=8个", "8个", JX_STATUS_MET, 1.0);
  expect("=8个", "6个", JX_STATUS_PARTLY, 0.75); /* 1 − |6−8|/8 */
  expect("=8个", "20个", JX_STATUS_UNMET, 0.0);  /* 1 − 12/8 < 0 → 0 */
  expect("1-2个", "2个", JX_STATUS_MET, 1.0);
  expect("1-2个", "4个", JX_STATUS_UNMET, 0.5);    /* above: 2/4 */
  expect("10-20个", "8个", JX_STATUS_PARTLY, 0.8); /* below: 8/10 */
  expect("±3%以内", "-2.5%", JX_STATUS_MET, 1.0);
  expect("±3%以内", "4%", JX_STATUS_PARTLY, 0.75); /* 3/4 */
}

static void units(void **state) {
  (void)state;
  expect("≥98%", "0.99", JX_STATUS_MET, 0.99 / 0.98); /* a fraction for a percentage */
  expect("≥98%", "99", JX_STATUS_MET, 99.0 / 98);     /* the same number, no unit */
  expect("≥=100000/年", "110315/年", JX_STATUS_MET, 1.10315);
  expect("≤3万元", "25000元", JX_STATUS_MET, 30000.0 / 25000); /* 1.2 */
  expect("≤2小时", "90分钟", JX_STATUS_MET, 7200.0 / 5400);
  expect("≥30万人次", "270000人次", JX_STATUS_PARTLY, 0.9);
  expect("≥98%", "98个", JX_STATUS_UNASSESSABLE, 0.0); /* % against 个 */
  JxValue *t = jx_value_parse("≥10个"), *a = jx_value_parse("12次");
  JxOutcome o;
  jx_assess_value(t, a, config, &o);
  assert_int_equal(o.status, JX_STATUS_UNASSESSABLE);
  assert_string_equal(o.reason, "the target is in '个' and the actual in '次'");
  g_free(o.reason);
  jx_value_free(t);
  jx_value_free(a);
}

static void sub_targets(void **state) {
  (void)state;
  /* each part against its own; the least counts: min(12/12, 3/4, 252/252) */
  expect("《月报》12期；《季报》4期；短信252条次", "《月报》12期；《季报》3期；短信260条次",
         JX_STATUS_PARTLY, 0.75);
  expect("《月报》12期；《季报》4期", "《月报》12期；《季报》4期", JX_STATUS_MET, 1.0);
  expect("《月报》12期；《季报》4期", "16期", JX_STATUS_UNASSESSABLE, 0.0);
  /* words for the whole */
  expect("《月报》12期；《季报》4期", "已完成", JX_STATUS_MET, 1.0);
}

static void qualitative(void **state) {
  (void)state;
  expect("及时", "达成预期指标", JX_STATUS_MET, 1.0);
  expect("效果明显", "基本达到", JX_STATUS_MET, 0.8); /* 达成 down to 80 % */
  expect("效果明显", "部分完成", JX_STATUS_PARTLY, 0.7);
  expect("效果明显", "未完成。", JX_STATUS_UNMET, 0.3);
  expect("效果明显", "否", JX_STATUS_UNMET, 0.0);
  expect("效果明显", "还行吧", JX_STATUS_UNASSESSABLE, 0.0); /* not in the table */
  expect("效果明显", "100%", JX_STATUS_UNASSESSABLE, 0.0);   /* a number for words */
  /* a quantitative target reported in words */
  expect("≥98%", "达成预期指标", JX_STATUS_MET, 1.0);
}

static void missing_and_not_applicable(void **state) {
  (void)state;
  expect("≥98%", NULL, JX_STATUS_NO_ACTUAL, 0.0);
  expect("≥98%", "", JX_STATUS_NO_ACTUAL, 0.0);
  expect("≥98%", "不适用", JX_STATUS_NOT_APPLICABLE, 0.0);
  expect("≥98%", " / ", JX_STATUS_NOT_APPLICABLE, 0.0);
  expect(NULL, "95%", JX_STATUS_UNASSESSABLE, 0.0);
}

static void scores_and_flags(void **state) {
  (void)state;
  JxValue *t = jx_value_parse("≥10"), *a = jx_value_parse("15");
  JxOutcome o;
  jx_assess_value(t, a, config, &o);
  /* 15/10 = 1.5 > 1.3: flagged 目标设定偏低, full score by default */
  assert_true(o.too_easy);
  assert_true(fabs(jx_assess_score(&o, 20, config) - 20) < 1e-9);
  config->penalise_too_easy = true;
  /* penalised: 1 − (1.5 − 1.3) = 0.8 of 20 */
  assert_true(fabs(jx_assess_score(&o, 20, config) - 16) < 1e-9);
  config->penalise_too_easy = false;
  jx_value_free(a);

  a = jx_value_parse("12");
  jx_assess_value(t, a, config, &o);
  assert_false(o.too_easy);                                       /* 1.2 */
  assert_true(fabs(jx_assess_score(&o, 20, config) - 20) < 1e-9); /* capped at the weight */
  jx_value_free(a);

  a = jx_value_parse("7");
  jx_assess_value(t, a, config, &o);
  assert_true(fabs(jx_assess_score(&o, 20, config) - 14) < 1e-9); /* 0.7 × 20 */
  jx_value_free(a);
  jx_value_free(t);

  JxOutcome none = {JX_STATUS_NO_ACTUAL, 0, false, NULL};
  assert_true(jx_assess_score(&none, 20, config) == 0);
  assert_string_equal(jx_status_name(JX_STATUS_UNASSESSABLE), "无法评价");
}

static void config_file(void **state) {
  (void)state;
  /* the defaults of DOMAIN.md §3 */
  assert_true(jx_assess_weight(config, "预算执行率") == 10);
  assert_true(jx_assess_weight(config, "产出指标") == 50);
  assert_true(jx_assess_weight(config, "效益指标") == 30);
  assert_true(jx_assess_weight(config, "满意度指标") == 10);
  assert_true(jx_assess_weight(config, "预期产出指标") == 0); /* 其他 */
  assert_string_equal(jx_assess_grade(config, 90), "优");
  assert_string_equal(jx_assess_grade(config, 89.99), "良");
  assert_string_equal(jx_assess_grade(config, 80), "良");
  assert_string_equal(jx_assess_grade(config, 79.5), "中");
  assert_string_equal(jx_assess_grade(config, 59.99), "差");
  assert_string_equal(jx_assess_grade(config, 0), "差");
  /* a broken file names itself and the key */
  char *dir = g_dir_make_tmp("jixiao-ini-XXXXXX", NULL);
  char *path = g_build_filename(dir, "t.ini", NULL);
  assert_true(g_file_set_contents(path, "[assess]\npartly-from=六成\n", -1, NULL));
  GError *err = NULL;
  assert_null(jx_assess_config_load(path, &err));
  assert_non_null(strstr(err->message, "[assess] partly-from is not a number"));
  assert_non_null(strstr(err->message, path));
  g_error_free(err);
  g_remove(path);
  g_rmdir(dir);
  g_free(path);
  g_free(dir);
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(positive),
      cmocka_unit_test(negative),
      cmocka_unit_test(equal_range_tolerance),
      cmocka_unit_test(units),
      cmocka_unit_test(sub_targets),
      cmocka_unit_test(qualitative),
      cmocka_unit_test(missing_and_not_applicable),
      cmocka_unit_test(scores_and_flags),
      cmocka_unit_test(config_file),
  };
  return cmocka_run_group_tests(tests, setup, teardown);
}
