/* An actual against its target.  Every expected ratio is worked out by hand
 * in the comment beside it (DOMAIN.md §3). */
#include "assess/assess.h"
#include "assess/scorecard.h"
#include "read/inputs.h"
#include "read/table.h"

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

  JxOutcome none = {JX_STATUS_NO_ACTUAL, 0, false, NULL, false};
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

/* ---- projects ---- */

/* The sample department's year-end scores, by hand (the actuals are in
 * input/haizhu-2024-sample-actuals-year.csv).  Default points: 预算执行率 10,
 * 产出 50, 效益 30, 满意度 10, split evenly over a category's indicators;
 * categories a project lacks give their points to the rest in proportion.
 *
 * 琶洲政务分中心运营经费: 效益 通勤率 99.4/100 × 30 = 29.82; 产出 50/3 each:
 *   跟进率 100/100 → 16.6667, 服务人次 19519/20000 → 16.2658, 审批提速率
 *   19.8/20 → 16.5; 满意度 99.4/98 capped → 10; 执行 573.44/583.95 = 0.982002
 *   → 9.8200.  Total 99.0725.
 * 区政务中心综合业务经费: 效益 舆情监控服务 达成预期指标 → 30; 产出 50/3 each:
 *   舆情监控 all four sub-targets met → 16.6667, 窗口制服 99.6/99 → 16.6667,
 *   通勤率 98.3/100 → 16.3833; 满意度 96.3/98 × 10 = 9.8265; 执行
 *   125.19/137.20 × 10 = 9.1246.  Total 98.6678.
 * 驻镇帮镇扶村项目资金: one 效益 indicator, 2个 in 1-2个 → met; no 产出 or
 *   满意度, so 30 + 10 are scaled to 100: indicator 75, 执行 10/10 → 25.
 *   Total 100.
 * 智慧城市建设经费: 16 产出 (50/16 each), 7 效益 (30/7), 3 满意度 (10/3);
 *   short of target: 归集数据量 3650000/4000000 = 0.9125, 赋能社区 248/265 =
 *   0.935849, 数据项完整性 94.1/95 = 0.990526, 视频监控路数 55/60 = 0.916667,
 *   赋能数据指标利用率 78.1/80 = 0.97625 (产出); 通勤率 97.4/98 = 0.993878,
 *   事件转派率 97.1/98 = 0.990816, 运行通勤率 96.8/98 = 0.987755 (效益);
 *   满意度 98/100 = 0.98.  Indicators 87.9772 + 执行 384.24/439.63 × 10 =
 *   8.7401.  Total 97.7172.
 * 区政府信息公开工作经费: 满意度 投诉率 1.6% < 5% → 10; 效益 败诉率 13.7% ≤
 *   30% → 30; 产出 25 each: 85分 → 88分 met, 解读率 达成预期指标 → 25 + 25;
 *   执行 75.73/79.22 × 10 = 9.5595.  Total 99.5595. */
static void sample_department(void **state) {
  (void)state;
  char *paths[] = {JX_SOURCE_DIR "/input"};
  JxInputs *in = NULL;
  char *message = NULL;
  assert_int_equal(jx_inputs_read(paths, 1, NULL, &in, &message), JX_INPUTS_OK);
  JxDepartment *d = g_ptr_array_index(in->model->departments, 0);
  static const double totals[] = {99.0725, 98.6678, 100.0, 97.7172, 99.5595};
  for (guint i = 0; i < 5; i++) {
    JxDiag *diag = jx_diag_new("t");
    JxProjectResult *r = jx_assess_project(g_ptr_array_index(d->projects, i), "2024", config, diag);
    if (fabs(r->total - totals[i]) > 0.0001)
      fail_msg("%s: %.4f, by hand %.4f", r->project->name, r->total, totals[i]);
    assert_string_equal(r->grade, "优");
    assert_int_equal(diag->warnings + diag->errors, 0);
    jx_diag_free(diag);
    jx_project_result_free(r);
  }
  /* the department: the projects' scores weighted by their funds,
   * (583.95 × 99.0725 + 137.20 × 98.6678 + 10.00 × 100 + 439.63 × 97.7172
   *  + 79.22 × 99.5595) ÷ 1250.00 = 98.5897 */
  JxDepartmentResult *dr = jx_assess_department(d, "2024", config, NULL);
  assert_true(fabs(dr->total - 98.5897) < 0.0001);
  assert_string_equal(dr->grade, "优");
  assert_int_equal(dr->projects->len, 5);
  /* 41 indicators: 24 met, 17 short of target (by the lists above) */
  assert_int_equal(dr->counts[JX_STATUS_MET] + dr->counts[JX_STATUS_PARTLY], 41);
  jx_department_result_free(dr);
  /* the time series: months, then the year */
  GPtrArray *series = jx_assess_periods(g_ptr_array_index(d->projects, 0), config);
  assert_int_equal(series->len, 4);
  static const char *const periods[] = {"2024-03", "2024-06", "2024-09", "2024"};
  for (guint i = 0; i < 4; i++)
    assert_string_equal(((JxProjectResult *)g_ptr_array_index(series, i))->period, periods[i]);
  g_ptr_array_free(series, TRUE);
  /* with no period named, the latest: the year after its months */
  JxProjectResult *r = jx_assess_project(g_ptr_array_index(d->projects, 0), NULL, config, NULL);
  assert_string_equal(r->period, "2024");
  jx_project_result_free(r);
  /* at 2024-06 the same indicators against their annual targets */
  r = jx_assess_project(g_ptr_array_index(d->projects, 0), "2024-06", config, NULL);
  assert_string_equal(r->period, "2024-06");
  assert_true(r->has_execution);
  jx_project_result_free(r);
  jx_inputs_free(in);
}

/* Reads a one-indicator-per-row table from text into a new model. */
static JxModel *model_of(const char *text, JxDiag *diag) {
  JxModel *m = jx_model_new();
  JxReader *reader = jx_reader_new(m, NULL);
  JxTableInfo info;
  jx_reader_read(reader, "t.csv", text, strlen(text), diag, &info);
  jx_reader_finish(reader);
  jx_reader_free(reader);
  jx_table_info_clear(&info);
  assert_int_equal(diag->errors, 0);
  return m;
}

static JxProjectResult *assess_first(JxModel *m, JxDiag *diag) {
  JxDepartment *d = g_ptr_array_index(m->departments, 0);
  return jx_assess_project(g_ptr_array_index(d->projects, 0), NULL, config, diag);
}

/* The table's 分值 and 得分: weights used as given; a reported score that
 * differs from the computed one is named. */
static void table_weights(void **state) {
  (void)state;
  JxDiag *diag = jx_diag_new("t.csv");
  JxModel *m = model_of("项目名称,一级指标,二级指标,三级指标,指标值,分值,实际完成值,得分\n"
                        "甲,产出指标,数量指标,培训人次,≥100人次,60,80人次,48\n"
                        "甲,效益指标,社会效益,覆盖率,≥90%,30,90%,25\n"
                        "甲,满意度指标,服务对象满意度,满意度,≥90%,10,95%,10\n",
                        diag);
  JxProjectResult *r = assess_first(m, diag);
  /* 60 × 0.8 = 48; 30 × 1 = 30 (reported 25: named); 10; no execution */
  assert_true(fabs(r->total - 88) < 1e-9);
  assert_string_equal(r->grade, "良");
  assert_int_equal(diag->warnings, 1);
  JxDiagnostic *w = g_ptr_array_index(diag->list, 0);
  assert_string_equal(w->message, "'覆盖率' reports 得分 25; its score computes to 30.00");
  assert_int_equal(w->line, 3);
  /* category totals */
  JxCategoryResult *output = g_ptr_array_index(r->categories, 0);
  assert_string_equal(output->label, "产出指标");
  assert_int_equal(output->level, 1);
  assert_true(fabs(output->score - 48) < 1e-9 && fabs(output->weight - 60) < 1e-9);
  assert_int_equal(output->counts[JX_STATUS_PARTLY], 1);
  jx_project_result_free(r);
  jx_model_free(m);
  jx_diag_free(diag);

  /* points of 80 in all are scored as printed, never rescaled: the total
   * is out of 80 and graded on the 100-point scale, with a warning */
  diag = jx_diag_new("t.csv");
  m = model_of("项目名称,一级指标,二级指标,三级指标,指标值,分值,实际完成值\n"
               "甲,产出指标,数量指标,培训人次,≥100人次,40,50人次\n"
               "甲,效益指标,社会效益,覆盖率,≥90%,40,90%\n",
               diag);
  r = assess_first(m, diag);
  /* 40 × 0.5 + 40 × 1 = 60 of 80; 60 × 100 ÷ 80 = 75, 中 */
  assert_true(fabs(r->total - 60) < 1e-9);
  assert_true(fabs(r->out_of - 80) < 1e-9);
  assert_true(fabs(r->percent - 75) < 1e-9);
  assert_string_equal(r->grade, "中");
  /* no indicator scores more than its 分值 */
  for (guint i = 0; i < r->indicators->len; i++) {
    const JxIndicatorResult *res = &g_array_index(r->indicators, JxIndicatorResult, i);
    assert_true(res->score <= jx_decimal_to_double(res->indicator->weight) + 1e-9);
  }
  assert_int_equal(diag->warnings, 1);
  w = g_ptr_array_index(diag->list, 0);
  assert_string_equal(
      w->message, "the points of '甲' add up to 80 (预算执行率 0 + 绩效指标 80), not 100: it is "
                  "scored as printed, out of 80, and graded on its score × 100 ÷ 80");
  jx_project_result_free(r);
  jx_model_free(m);
  jx_diag_free(diag);
}

/* A form of the national rule: 预算执行率 10 from its funds block + 绩效指标
 * 90 is 100, scored as printed; budget execution is 执行率 × its points,
 * capped, and its printed 得分 compared like any other. */
static void national_rule(void **state) {
  (void)state;
  JxDiag *diag = jx_diag_new("t.csv");
  JxModel *m =
      model_of("项目支出绩效自评表（2024年度）,,,,,,,\n"
               "项目名称,甲,,,,,,\n"
               "主管部门,某局,实施单位,某中心,,,,\n"
               "项目资金（万元）,,年初预算数,全年预算数,全年执行数,分值,执行率,得分\n"
               ",年度资金总额,50,50,40,10,80%,9\n"
               "绩效指标（90分）,一级指标,二级指标,三级指标,年度指标值,实际完成值,分值,得分\n"
               ",产出指标,数量指标,培训人次,≥100人次,150人次,60,60\n"
               ",效益指标,社会效益,覆盖率,≥90%,45%,20,10\n"
               ",满意度指标,服务对象满意度,满意度,≥90%,90%,10,10\n",
               diag);
  JxProjectResult *r = assess_first(m, diag);
  /* 150 of 100: capped at its 分值, 60 (not 90); 45 ÷ 90 = 0.5 × 20 = 10;
   * 90 ÷ 90 × 10 = 10; execution 40 ÷ 50 = 80% × 10 = 8 (printed 9: named);
   * 10 + 90 = 100, not rescaled: 88 of 100 */
  assert_string_equal(r->period, "2024");
  assert_true(fabs(r->out_of - 100) < 1e-9);
  assert_true(fabs(r->execution_weight - 10) < 1e-9);
  assert_true(fabs(r->execution_score - 8) < 1e-9);
  const JxIndicatorResult *first = &g_array_index(r->indicators, JxIndicatorResult, 0);
  assert_true(fabs(first->weight - 60) < 1e-9 && fabs(first->score - 60) < 1e-9);
  assert_true(fabs(r->total - 88) < 1e-9);
  assert_string_equal(r->grade, "良");
  assert_int_equal(diag->warnings, 1);
  JxDiagnostic *w = g_ptr_array_index(diag->list, 0);
  assert_string_equal(w->message,
                      "budget execution of '甲' reports 得分 9; its score computes to 8.00");
  jx_project_result_free(r);
  jx_model_free(m);
  jx_diag_free(diag);

  /* the same form with points of the rules (no 分值 column): the funds
   * block's 10 stands and the indicators' 50 + 30 + 10 fill the 90 */
  diag = jx_diag_new("t.csv");
  m = model_of(
      "项目名称,甲,,,,,,\n"
      "主管部门,某局,实施单位,某中心,,,,\n"
      "预算执行情况（10分）,年度预算数（万元）,年初预算,调整后预算数,预算执行数,预算执行率\n"
      ",总额,50,50,45,90%\n"
      "绩效指标（90分）,一级指标,二级指标,三级指标,年度指标值,实际完成值\n"
      ",产出指标,数量指标,培训人次,≥100人次,100人次\n"
      ",效益指标,社会效益,覆盖率,≥90%,90%\n"
      ",满意度指标,服务对象满意度,满意度,≥90%,45%\n",
      diag);
  r = assess_first(m, diag);
  /* points 10 (the block's （10分）), 产出 50, 效益 30, 满意度 10 = 100;
   * 9 + 50 + 30 + 0.5 × 10 = 94 */
  assert_true(fabs(r->execution_weight - 10) < 1e-9);
  assert_true(fabs(r->execution_score - 9) < 1e-9);
  assert_true(fabs(r->total - 94) < 1e-9);
  assert_int_equal(diag->warnings, 0);
  jx_project_result_free(r);
  jx_model_free(m);
  jx_diag_free(diag);
}

/* Points that add up to 110 are scored as printed, out of 110, graded on
 * the 100-point scale, and said; no indicator scores over its 分值. */
static void points_not_100(void **state) {
  (void)state;
  JxDiag *diag = jx_diag_new("t.csv");
  JxModel *m =
      model_of("项目名称,甲,,,,,\n"
               "主管部门,某局,实施单位,某局,,,\n"
               "资金情况（万元）,,全年预算数（A）,全年执行数（B）,分值,执行率（B/A）,得分\n"
               ",年度资金总额,20,20,10,100.00%,10\n"
               "绩效指标,一级指标,二级指标,三级指标,分值,年度指标值,全年实际值,得分\n"
               ",产出指标（70分）,数量指标,甲,70,≥10个,20个,70\n"
               ",效益指标（20分）,社会效益,乙,20,≥90%,81%,18\n"
               ",满意度指标（10分）,服务对象满意度,丙,10,≥90%,90%,10\n",
               diag);
  JxProjectResult *r = assess_first(m, diag);
  /* 20 of ≥10: 70 at most; 81 ÷ 90 = 0.9 × 20 = 18; 10; execution 10:
   * 108 of 110, 108 × 100 ÷ 110 = 98.18 on 100, 优 */
  assert_true(fabs(r->out_of - 110) < 1e-9);
  assert_true(fabs(r->total - 108) < 1e-9);
  assert_true(fabs(r->percent - 108.0 * 100 / 110) < 1e-9);
  assert_string_equal(r->grade, "优");
  for (guint i = 0; i < r->indicators->len; i++) {
    const JxIndicatorResult *res = &g_array_index(r->indicators, JxIndicatorResult, i);
    assert_true(res->score <= jx_decimal_to_double(res->indicator->weight) + 1e-9);
  }
  assert_int_equal(diag->warnings, 1);
  JxDiagnostic *w = g_ptr_array_index(diag->list, 0);
  assert_string_equal(
      w->message, "the points of '甲' add up to 110 (预算执行率 10 + 绩效指标 100), not 100: it is "
                  "scored as printed, out of 110, and graded on its score × 100 ÷ 110");
  jx_project_result_free(r);
  jx_model_free(m);
  jx_diag_free(diag);
}

/* Codes written before names are kept apart; a year span is not a code. */
static void codes(void **state) {
  (void)state;
  static const char *const cases[][3] = {
      {"219-某镇人民政府", "219", "某镇人民政府"},
      {"[015001]某局", "015001", "某局"},
      {"【015001】某局", "015001", "某局"},
      {"51092324T000010263357-2023年全县安可替代补助资金项目", "51092324T000010263357",
       "2023年全县安可替代补助资金项目"},
      {"2023-2025年老旧小区改造", "", "2023-2025年老旧小区改造"},
      {"12-345", "", "12-345"},
      {"某区民政局", "", "某区民政局"},
  };
  for (size_t i = 0; i < G_N_ELEMENTS(cases); i++) {
    char *code, *name;
    jx_split_code(cases[i][0], &code, &name);
    assert_string_equal(code, cases[i][1]);
    assert_string_equal(name, cases[i][2]);
    g_free(code);
    g_free(name);
  }
}

/* 不适用 indicators are left out and the rest rescaled to 100. */
static void not_applicable(void **state) {
  (void)state;
  JxDiag *diag = jx_diag_new("t.csv");
  JxModel *m = model_of("项目名称,一级指标,二级指标,三级指标,指标值,实际完成值\n"
                        "甲,产出指标,数量指标,培训人次,≥100人次,100人次\n"
                        "甲,产出指标,数量指标,印发手册,≥10册,不适用\n"
                        "甲,效益指标,社会效益,覆盖率,≥90%,45%\n"
                        "甲,满意度指标,服务对象满意度,满意度,≥90%,无\n",
                        diag);
  JxProjectResult *r = assess_first(m, diag);
  /* 产出 50 to 培训人次 alone (印发手册 left out), 效益 30 × 0.5 = 15, 满意度
   * 10 × 0 (无 = 0); 90 points in all, no execution: (50 + 15 + 0) × 100/90 */
  assert_true(fabs(r->total - 65 * 100.0 / 90) < 1e-9);
  assert_int_equal(r->counts[JX_STATUS_NOT_APPLICABLE], 1);
  JxIndicatorResult *manual = &g_array_index(r->indicators, JxIndicatorResult, 1);
  assert_int_equal(manual->outcome.status, JX_STATUS_NOT_APPLICABLE);
  assert_true(manual->weight == 0);
  jx_project_result_free(r);
  jx_model_free(m);

  /* all of them: nothing to score, no division by zero */
  m = model_of("项目名称,一级指标,二级指标,三级指标,指标值,实际完成值\n"
               "乙,产出指标,数量指标,培训人次,≥100人次,不适用\n",
               diag);
  r = assess_first(m, diag);
  assert_true(r->total == 0);
  assert_int_equal(r->counts[JX_STATUS_NOT_APPLICABLE], 1);
  jx_project_result_free(r);
  jx_model_free(m);
  jx_diag_free(diag);
}

/* In year: 序时进度 at 2024-06 is 6/12 = 0.5.  琶洲政务分中心运营经费 at
 * 2024-06 (input/haizhu-2024-sample-actuals-2024-06.csv), by hand:
 *   通勤率 99.2% (a level, %) → 0.992 × 30 = 29.76;
 *   跟进率 98.8% (level) → 0.988 × 50/3 = 16.4667;
 *   服务人次 9204 accumulates: 9204 ÷ (20000 × 0.5) = 0.9204 → 15.34;
 *   满意度 99% ≥ 98% → 10; 审批提速率 19.6% of 20% → 0.98 × 50/3 = 16.3333;
 *   执行 286.72 ÷ 583.95 = 0.491001 against 0.5 → 0.982002 × 10 = 9.8200.
 *   Total 97.7200. */
static void in_year(void **state) {
  (void)state;
  char *paths[] = {JX_SOURCE_DIR "/input"};
  JxInputs *in = NULL;
  char *message = NULL;
  assert_int_equal(jx_inputs_read(paths, 1, NULL, &in, &message), JX_INPUTS_OK);
  JxDepartment *d = g_ptr_array_index(in->model->departments, 0);
  JxProject *p = g_ptr_array_index(d->projects, 0);
  JxProjectResult *r = jx_assess_project(p, "2024-06", config, NULL);
  assert_true(fabs(r->progress - 0.5) < 1e-12);
  assert_true(fabs(r->total - 97.72) < 0.0001);
  JxIndicatorResult *visits = &g_array_index(r->indicators, JxIndicatorResult, 2);
  assert_true(visits->accumulates);
  assert_true(fabs(visits->outcome.ratio - 0.9204) < 1e-9);
  assert_false(visits->lagging); /* 0.9204 is within 0.1 of what is due */
  JxIndicatorResult *commute = &g_array_index(r->indicators, JxIndicatorResult, 0);
  assert_false(commute->accumulates);
  assert_true(fabs(commute->outcome.ratio - 0.992) < 1e-9);
  assert_false(r->execution_lagging); /* 0.5 − 0.491 < 0.1 */
  jx_project_result_free(r);

  /* 2024-03: 序时进度 0.25; 服务人次 4786 ÷ 5000 = 0.9572 */
  r = jx_assess_project(p, "2024-03", config, NULL);
  visits = &g_array_index(r->indicators, JxIndicatorResult, 2);
  assert_true(fabs(visits->outcome.ratio - 0.9572) < 1e-9);
  jx_project_result_free(r);

  /* 智慧城市建设经费 at 2024-06: 归集数据量 1440000 ÷ (4000000 × 0.5) = 0.72,
   * behind by more than 0.1: 滞后 */
  JxProject *city = g_ptr_array_index(d->projects, 3);
  r = jx_assess_project(city, "2024-06", config, NULL);
  JxIndicatorResult *data = &g_array_index(r->indicators, JxIndicatorResult, 5);
  assert_string_equal(data->indicator->name, "“数字海珠一张图”平台归集数据量");
  assert_true(fabs(data->outcome.ratio - 0.72) < 1e-9);
  assert_true(data->lagging);
  jx_project_result_free(r);
  jx_inputs_free(in);
}

/* 红黄绿灯 at 2024-06 (序时进度 0.5), yellow beyond 0.1 behind and red beyond
 * 0.2 (templates/defaults.ini), worked by hand:
 *   服务人次 540 of 1200: 540 ÷ 600 due = 0.9, 0.1 behind, not beyond: 绿;
 *   培训场次 4 of 12: 4 ÷ 6 = 0.6667, 0.333 behind: 红;
 *   办结率 85% of ≥98% (a level): 0.8673, 0.133 behind: 黄;
 *   满意度 95% of ≥90% but 完成可能性 完全不可能: 红; 覆盖率 the same, 有可能: 黄;
 *   宣传次数 reported for 2024-03 only: 黄 (本期未报);
 *   budget 35 of 100 = 0.35 against 0.5, 15 points behind: 黄;
 * the project: the worst, 红. */
static void lights(void **state) {
  (void)state;
  JxDiag *diag = jx_diag_new("t.csv");
  JxModel *m =
      model_of("部门,项目名称,总计,一级指标,二级指标,三级指标,年度指标值,期间,实际完成值,"
               "完成可能性\n"
               "某局,项目,100,产出指标,数量指标,服务人次,≥1200人次,2024-06,540人次,确定能\n"
               "某局,项目,,产出指标,数量指标,培训场次,≥12场,2024-06,4场,确定能\n"
               "某局,项目,,产出指标,质量指标,办结率,≥98%,2024-06,85%,确定能\n"
               "某局,项目,,满意度指标,服务对象满意度,群众满意度,≥90%,2024-06,95%,"
               "完全不可能\n"
               "某局,项目,,效益指标,社会效益,覆盖率,≥90%,2024-06,95%,有可能\n"
               "某局,项目,,产出指标,数量指标,宣传次数,≥10次,2024-03,3次,确定能\n"
               "某局,项目,,,,预算执行数,,2024-06,35,\n",
               diag);
  JxDepartment *d = g_ptr_array_index(m->departments, 0);
  JxProjectResult *r =
      jx_assess_project(g_ptr_array_index(d->projects, 0), "2024-06", config, NULL);
  static const JxLight want[] = {JX_LIGHT_GREEN, JX_LIGHT_RED,    JX_LIGHT_YELLOW,
                                 JX_LIGHT_RED,   JX_LIGHT_YELLOW, JX_LIGHT_YELLOW};
  assert_int_equal(r->indicators->len, G_N_ELEMENTS(want));
  for (guint i = 0; i < G_N_ELEMENTS(want); i++) {
    const JxIndicatorResult *res = &g_array_index(r->indicators, JxIndicatorResult, i);
    assert_int_equal(res->light, want[i]);
    assert_true((res->light == JX_LIGHT_GREEN) == (res->light_reason == NULL));
  }
  const JxIndicatorResult *at = &g_array_index(r->indicators, JxIndicatorResult, 1);
  assert_string_equal(at->light_reason, "完成按序时进度（50.0%）应完成量的66.7%");
  at = &g_array_index(r->indicators, JxIndicatorResult, 2);
  assert_string_equal(at->light_reason, "完成率86.7%");
  at = &g_array_index(r->indicators, JxIndicatorResult, 3);
  assert_string_equal(at->light_reason, "完成可能性：完全不可能");
  at = &g_array_index(r->indicators, JxIndicatorResult, 5);
  assert_string_equal(at->light_reason, "本期未报完成值");
  assert_int_equal(r->execution_light, JX_LIGHT_YELLOW);
  assert_string_equal(r->execution_reason, "执行率35.00%，低于序时进度50.00% 15.00个百分点");
  assert_int_equal(r->light, JX_LIGHT_RED);
  assert_string_equal(jx_light_color_name(r->light), "红");
  assert_string_equal(jx_light_word(JX_LIGHT_YELLOW), "关注");
  jx_project_result_free(r);
  jx_model_free(m);
  jx_diag_free(diag);
}

/* A scorecard as text and back is the same card, and its text again the
 * same bytes; a name with a tab and a line end survives; a line it does
 * not know is an error, not a card. */
static void scorecard_text(void **state) {
  (void)state;
  JxDiag *diag = jx_diag_new("t.csv");
  JxModel *m = model_of("部门,项目名称,总计,一级指标,二级指标,三级指标,年度指标值,期间,实际完成值\n"
                        "某局,项目,100,产出指标,数量指标,服务人次,≥100人次,2024,50人次\n"
                        "某局,项目,,,,预算执行数,,2024,98\n",
                        diag);
  JxDepartment *d = g_ptr_array_index(m->departments, 0);
  JxScorecard *card = jx_scorecard_new(d, "2024", config);
  /* (0.98 × 10 + 0.5 × 50) × 100 / 60 = 58.00, 差; 0.5 of the target: red */
  assert_true(card->assessed);
  assert_true(fabs(card->score - 58) < 1e-9);
  assert_string_equal(card->grade, "差");
  assert_int_equal(card->lights[JX_LIGHT_RED], 1);
  assert_int_equal(card->alerts->len, 1);
  g_free(card->department);
  card->department = g_strdup("某\t局\n（本级）\\");
  char *text = jx_scorecard_to_text(card);
  JxScorecard *back = jx_scorecard_from_text(text, NULL);
  assert_non_null(back);
  assert_string_equal(back->department, "某\t局\n（本级）\\");
  char *again = jx_scorecard_to_text(back);
  assert_string_equal(text, again);
  assert_true(fabs(jx_scorecard_execution(back) - 0.98) < 1e-12);
  GError *err = NULL;
  char *broken = g_strconcat(text, "scores\t1\n", NULL);
  assert_null(jx_scorecard_from_text(broken, &err));
  assert_non_null(err);
  g_clear_error(&err);
  assert_null(jx_scorecard_from_text("", &err));
  g_clear_error(&err);
  g_free(broken);
  g_free(again);
  g_free(text);
  jx_scorecard_free(back);
  jx_scorecard_free(card);
  jx_model_free(m);
  jx_diag_free(diag);
}

/* Which indicators accumulate: units and words, and the per-name setting. */
static void accumulation_rule(void **state) {
  (void)state;
  JxModel *m = jx_model_new();
  JxLoc loc = {"t", 1, 1};
  JxProject *p = jx_project_add(jx_model_department(m, "部门", loc), "项目", loc);
  static const struct {
    const char *name, *target;
    bool accumulates;
  } cases[] = {{"服务人次", "20000", true},     {"培训场次", "≥12场", true},
               {"资金支出", "≤3万元", true},    {"通勤率", "100%", false},
               {"数据查询速度", "≤=5s", false}, {"网站考评分数", "不低于85分", false},
               {"群众满意度", "≥90", false},    {"按时完成", "及时", false}};
  for (size_t i = 0; i < G_N_ELEMENTS(cases); i++) {
    JxIndicator *ind = jx_project_add_indicator(p, loc);
    ind->name = jx_project_intern(p, cases[i].name);
    ind->annual_target = jx_value_parse(cases[i].target);
    if (jx_assess_accumulates(ind, config) != cases[i].accumulates)
      fail_msg("%s %s", cases[i].name, cases[i].target);
  }
  /* a setting per indicator in the rules wins: 服务人次 as a level */
  char *text = NULL;
  assert_true(g_file_get_contents(JX_SOURCE_DIR "/templates/defaults.ini", &text, NULL, NULL));
  char *dir = g_dir_make_tmp("jixiao-ini-XXXXXX", NULL);
  char *path = g_build_filename(dir, "rules.ini", NULL);
  char *with = g_strconcat(text, "服务人次=时点\n", NULL);
  assert_true(g_file_set_contents(path, with, -1, NULL));
  GError *err = NULL;
  JxAssessConfig *own = jx_assess_config_load(path, &err);
  assert_non_null(own);
  assert_false(jx_assess_accumulates(g_ptr_array_index(p->indicators, 0), own));
  assert_true(jx_assess_accumulates(g_ptr_array_index(p->indicators, 1), own));
  jx_assess_config_free(own);
  g_free(with);
  /* and a setting that is neither 累计 nor 时点 is refused, named */
  with = g_strconcat(text, "服务人次=有时\n", NULL);
  assert_true(g_file_set_contents(path, with, -1, NULL));
  assert_null(jx_assess_config_load(path, &err));
  assert_non_null(strstr(err->message, "[in-year-indicators] 服务人次 is neither 累计 nor 时点"));
  g_error_free(err);
  g_free(with);
  g_remove(path);
  g_rmdir(dir);
  g_free(path);
  g_free(dir);
  g_free(text);
  jx_model_free(m);
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
      cmocka_unit_test(sample_department),
      cmocka_unit_test(table_weights),
      cmocka_unit_test(national_rule),
      cmocka_unit_test(points_not_100),
      cmocka_unit_test(codes),
      cmocka_unit_test(not_applicable),
      cmocka_unit_test(in_year),
      cmocka_unit_test(lights),
      cmocka_unit_test(scorecard_text),
      cmocka_unit_test(accumulation_rule),
  };
  return cmocka_run_group_tests(tests, setup, teardown);
}
