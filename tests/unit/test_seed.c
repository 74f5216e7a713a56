/* The real published table (tests/data/seed-haizhu.txt, 广州市海珠区政务服务数据
 *管理局) and its CSV export in input/ must read to the same model.  The
 * counts and names below were taken by reading the table by hand: five
 * projects, 5 + 5 + 1 + 26 + 4 = 41 indicators, amounts 583.95 + 137.20 +
 * 10.00 + 439.63 + 79.22 = 1,250.00. */
#include "read/inputs.h"
#include "model/text.h"

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <string.h>

#include <cmocka.h>

static JxInputs *read_one(const char *path) {
  char *paths[] = {(char *)path};
  JxInputs *in = NULL;
  char *message = NULL;
  assert_int_equal(jx_inputs_read(paths, 1, NULL, &in, &message), JX_INPUTS_OK);
  assert_null(message);
  return in;
}

static const char *const smart_city[26] = {
    "市网防火墙防御拦截非法连接数量",
    "提供VPN用户在线服务数量",
    "“数字海珠一张图”平台数据查询速度",
    "“数字海珠一张图”平台建设应用主题数量",
    "“数字海珠一张图”平台数据项完整性",
    "“数字海珠一张图”平台归集数据量",
    "“数字海珠一张图”平台归集数据主题数量",
    "“数字海珠一张图”平台融合电子地图类型数量",
    "“数字海珠一张图”平台 故障及时响应率",
    "“数字海珠一张图”平台 通勤率",
    "“数字海珠一张图”平台使用单位满意度",
    "“智慧社区”数字化基层治理平台使用单位满意度",
    "“智慧社区”数字化基层治理平台通勤率",
    "“智慧社区”数字化基层治理平台故障及时响应率",
    "“智慧社区”数字化基层治理平台归集数据主题数量",
    "“智慧社区”数字化基层治理平台赋能社区数量",
    "“智慧社区”数字化基层治理平台应用工具数量",
    "“智慧社区”数字化基层治理平台归集数据项完整性",
    "“广州塔景区智能化管理平台”对接前端感知视频监控路数",
    "“广州塔景区智能化管理平台”数据处理和分析专题场景数量",
    "“广州塔景区智能化管理平台”事件及时转派率",
    "“广州塔景区智能化管理平台”“穗智管”赋能数据指标利用率",
    "“广州塔景区智能化管理平台”平台使用单位满意度",
    "“广州塔景区智能化管理平台”故障及时响应率",
    "“广州塔景区智能化管理平台”智能事件识别算法数量",
    "“广州塔景区智能化管理平台”平台运行通勤率",
};

/* Checks everything a reader of the seed table knows. */
static void check_seed_model(JxInputs *in) {
  JxInput *f = g_ptr_array_index(in->files, 0);
  assert_int_equal(f->diag->errors, 0);
  assert_int_equal(f->diag->warnings, 0); /* the totals agree */
  assert_int_equal(f->info.kind, JX_KIND_TARGETS);
  JxModel *m = in->model;
  assert_int_equal(m->departments->len, 1);
  JxDepartment *d = g_ptr_array_index(m->departments, 0);
  assert_string_equal(d->name, "广州市海珠区政务服务数据管理局（本级）");
  assert_int_equal(d->projects->len, 5);
  assert_int_equal(jx_model_count_indicators(m), 41);

  static const struct {
    const char *name;
    int64_t total;
    guint indicators;
  } projects[] = {{"琶洲政务分中心运营经费", 58395, 5},
                  {"区政务中心综合业务经费", 13720, 5},
                  {"驻镇帮镇扶村项目资金", 1000, 1},
                  {"智慧城市建设经费", 43963, 26},
                  {"区政府信息公开工作经费", 7922, 4}};
  int64_t sum = 0;
  for (guint i = 0; i < 5; i++) {
    JxProject *p = g_ptr_array_index(d->projects, i);
    assert_string_equal(p->name, projects[i].name);
    assert_true(p->funds.has_total);
    assert_int_equal(p->funds.total, projects[i].total);
    assert_int_equal(p->funds.fiscal, projects[i].total);
    assert_false(p->funds.has_special);
    assert_int_equal(p->indicators->len, projects[i].indicators);
    sum += p->funds.total;
  }
  assert_int_equal(sum, 125000); /* 1,250.00 万元 */

  /* 智慧城市建设经费: 17 indicators in its row, 9 more in the continuation row */
  JxProject *city = g_ptr_array_index(d->projects, 3);
  for (int i = 0; i < 26; i++) {
    JxIndicator *ind = g_ptr_array_index(city->indicators, i);
    assert_int_equal(ind->seq, i + 1);
    assert_string_equal(ind->name, smart_city[i]);
  }
  /* its goal had two <p> paragraphs */
  assert_non_null(strchr(city->goal, '\n'));
  assert_null(strstr(city->goal, "<p>"));
  assert_true(g_str_has_prefix(city->goal, "“广州塔景区智能化管理平台”"));

  /* item 1 of the first project, field by field */
  JxIndicator *first =
      g_ptr_array_index(((JxProject *)g_ptr_array_index(d->projects, 0))->indicators, 0);
  assert_string_equal(first->level1, "效益指标");
  assert_string_equal(first->level2, "社会效益");
  assert_int_equal(first->group, JX_GROUP_EFFECT);
  assert_string_equal(first->name, "琶洲分中心对外服务通勤率");
  assert_string_equal(first->period_target->raw, "100%");
  assert_string_equal(first->annual_target->raw, "100%");

  /* 窗口制服覆盖率: the period value has a note, the annual value differs */
  JxIndicator *uniform =
      g_ptr_array_index(((JxProject *)g_ptr_array_index(d->projects, 1))->indicators, 2);
  assert_string_equal(uniform->period_target->raw, "（除新进人员、孕妇等特殊情况）98%以上");
  assert_string_equal(uniform->period_target->note, "除新进人员、孕妇等特殊情况");
  assert_string_equal(uniform->annual_target->raw, "99%");

  /* the last project's items use half-width ; and : */
  JxIndicator *lawsuit =
      g_ptr_array_index(((JxProject *)g_ptr_array_index(d->projects, 4))->indicators, 1);
  assert_string_equal(lawsuit->name, "诉讼败诉率(100%)");
  assert_int_equal(lawsuit->annual_target->cmp, JX_CMP_LE);
  assert_string_equal(lawsuit->annual_target->label, "败诉率");
}

static void seed_text(void **state) {
  (void)state;
  JxInputs *in = read_one(JX_SOURCE_DIR "/tests/data/seed-haizhu.txt");
  JxInput *f = g_ptr_array_index(in->files, 0);
  assert_int_equal(f->info.delimiter, '\t');
  check_seed_model(in);
  jx_inputs_free(in);
}

static void seed_csv(void **state) {
  (void)state;
  JxInputs *in = read_one(JX_SOURCE_DIR "/input/haizhu-2024-targets.csv");
  JxInput *f = g_ptr_array_index(in->files, 0);
  assert_int_equal(f->info.delimiter, ',');
  assert_string_equal(f->info.encoding, "UTF-8 with BOM");
  check_seed_model(in);
  jx_inputs_free(in);
}

/* The sample actuals all resolve: 41 indicators and 5 execution records in
 * each of the four sets. */
static void sample_actuals(void **state) {
  (void)state;
  char *paths[] = {JX_SOURCE_DIR "/input"};
  JxInputs *in = NULL;
  char *message = NULL;
  assert_int_equal(jx_inputs_read(paths, 1, NULL, &in, &message), JX_INPUTS_OK);
  assert_int_equal(jx_inputs_errors(in), 0);
  assert_int_equal(in->files->len, 5);
  JxDepartment *d = g_ptr_array_index(in->model->departments, 0);
  for (guint i = 0; i < d->projects->len; i++) {
    JxProject *p = g_ptr_array_index(d->projects, i);
    assert_int_equal(p->executions->len, 4);
    for (guint k = 0; k < p->indicators->len; k++) {
      JxIndicator *ind = g_ptr_array_index(p->indicators, k);
      assert_int_equal(jx_indicator_actual_count(ind), 4);
      /* months first, the year last */
      assert_string_equal(((JxActual *)g_ptr_array_index(ind->actuals, 0))->period, "2024-03");
      assert_string_equal(((JxActual *)g_ptr_array_index(ind->actuals, 3))->period, "2024");
    }
  }
  /* the year-end set is GB18030, as Excel on a Chinese Windows writes it */
  for (guint i = 0; i < in->files->len; i++) {
    JxInput *f = g_ptr_array_index(in->files, i);
    if (g_str_has_suffix(f->path, "actuals-year.csv"))
      assert_string_equal(f->info.encoding, "GB18030");
  }
  jx_inputs_free(in);
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(seed_text),
      cmocka_unit_test(seed_csv),
      cmocka_unit_test(sample_actuals),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
