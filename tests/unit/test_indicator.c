/* The 绩效指标 cell grammar.  Expected fields worked out by hand. */
#include "read/indicator.h"

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <string.h>

#include <cmocka.h>

typedef struct {
  JxModel *model;
  JxProject *project;
  JxDiag *diag;
} Fixture;

static int setup(void **state) {
  Fixture *f = g_new0(Fixture, 1);
  f->model = jx_model_new();
  JxLoc loc = {"t.csv", 1, 1};
  JxDepartment *d = jx_model_department(f->model, "部门", loc);
  f->project = jx_project_add(d, "项目", loc);
  f->diag = jx_diag_new("t.csv");
  *state = f;
  return 0;
}

static int teardown(void **state) {
  Fixture *f = *state;
  jx_model_free(f->model);
  jx_diag_free(f->diag);
  g_free(f);
  return 0;
}

static JxIndicator *nth(Fixture *f, guint i) {
  return g_ptr_array_index(f->project->indicators, i);
}

static void seed_items(void **state) {
  Fixture *f = *state;
  const char *cell =
      "1、2-效益指标,22-社会效益,琶洲分中心对外服务通勤率；实施周期指标值:100%,年度指标值:100%； "
      "2、1-产出指标,13-时效指标,重点项目建设进度跟进率；实施周期指标值:100%,年度指标值:100%； "
      "3、1-产出指标,11-数量指标,服务人次；实施周期指标值:20000,年度指标值:20000；";
  JxLoc loc = {"t.csv", 7, 7};
  assert_int_equal(jx_indicator_read_cell(cell, f->project, loc, f->diag), 3);
  assert_int_equal(f->diag->errors + f->diag->warnings, 0);
  JxIndicator *a = nth(f, 0), *c = nth(f, 2);
  assert_int_equal(a->seq, 1);
  assert_string_equal(a->level1, "效益指标");
  assert_string_equal(a->level2, "社会效益");
  assert_string_equal(a->name, "琶洲分中心对外服务通勤率");
  assert_int_equal(a->group, JX_GROUP_EFFECT);
  assert_string_equal(c->level1, "产出指标");
  assert_string_equal(c->level2, "数量指标");
  assert_int_equal(c->group, JX_GROUP_OUTPUT);
  assert_string_equal(c->annual_target->raw, "20000");
  assert_int_equal(c->annual_target->number.units, 20000);
  assert_int_equal(c->loc.line, 7);
}

/* Values containing ； (sub-targets), and a period value separated from the
 * annual one by ；instead of , */
static void semicolons_in_values(void **state) {
  Fixture *f = *state;
  const char *cell =
      "1、1-产出指标,11-数量指标,舆情监控；实施周期指标值:《舆情月报》12期；《舆情季度报告》4期。；"
      "年度指标值:《舆情月报》12期；《舆情季度报告》4期。； "
      "2、2-效益指标,22-社会效益,帮扶解决困难件数（件）；实施周期指标值:为结对帮扶的贫困村解决1-"
      "2个实际困难和问题。；"
      "年度指标值:为结对帮扶的贫困村解决1-2个实际困难和问题。；";
  JxLoc loc = {"t.csv", 1, 7};
  assert_int_equal(jx_indicator_read_cell(cell, f->project, loc, f->diag), 2);
  JxIndicator *a = nth(f, 0), *b = nth(f, 1);
  assert_string_equal(a->period_target->raw, "《舆情月报》12期；《舆情季度报告》4期。");
  assert_string_equal(a->annual_target->raw, "《舆情月报》12期；《舆情季度报告》4期。");
  assert_int_equal(a->annual_target->parts->len, 2);
  assert_string_equal(b->name, "帮扶解决困难件数（件）");
  assert_int_equal(b->annual_target->cmp, JX_CMP_RANGE);
}

/* A continuation row numbers on from 18; half-width ; and :; <p> markup;
 * a line break inside the quoted cell moves the line number. */
static void continuation_and_markup(void **state) {
  Fixture *f = *state;
  for (int i = 0; i < 17; i++)
    jx_project_add_indicator(f->project, (JxLoc){"t.csv", 1, 1});
  const char *cell =
      "<p>18、1-产出指标,12-质量指标,归集数据项完整性;实施周期指标值:≥95%,年度指标值:≥95%;</p>\n"
      "<p>19、1-产出指标,11-数量指标,对接前端感知视频监控路数;实施周期指标值:≥60,年度指标值:≥60;</"
      "p>";
  JxLoc loc = {"t.csv", 40, 7};
  assert_int_equal(jx_indicator_read_cell(cell, f->project, loc, f->diag), 2);
  assert_int_equal(f->diag->warnings, 0);
  JxIndicator *a = nth(f, 17), *b = nth(f, 18);
  assert_int_equal(a->seq, 18);
  assert_int_equal(b->seq, 19);
  assert_string_equal(a->name, "归集数据项完整性");
  assert_string_equal(b->annual_target->raw, "≥60");
  assert_int_equal(a->loc.line, 40);
  assert_int_equal(b->loc.line, 41);
}

/* Numbering that does not go on where expected is reported, not dropped. */
static void numbering_gap(void **state) {
  Fixture *f = *state;
  const char *cell =
      "1、产出指标,数量指标,甲；年度指标值:1个； 3、产出指标,数量指标,乙；年度指标值:2个；";
  assert_int_equal(jx_indicator_read_cell(cell, f->project, (JxLoc){"t.csv", 1, 7}, f->diag), 2);
  assert_int_equal(f->diag->warnings, 1);
  assert_int_equal(nth(f, 1)->seq, 3);
  assert_string_equal(nth(f, 1)->name, "乙");
  /* "2、" inside a value is not an item: it is not where an item may start */
  const char *inner = "4、产出指标,数量指标,丙；年度指标值:第1、2季度各1次；";
  assert_int_equal(jx_indicator_read_cell(inner, f->project, (JxLoc){"t.csv", 1, 7}, f->diag), 1);
  assert_string_equal(nth(f, 2)->annual_target->raw, "第1、2季度各1次");
}

static void missing_parts(void **state) {
  Fixture *f = *state;
  jx_indicator_read_cell("1、产出指标,没有值的指标", f->project, (JxLoc){"t.csv", 3, 7}, f->diag);
  assert_int_equal(f->diag->errors, 1);
  JxDiagnostic *d = g_ptr_array_index(f->diag->list, 0);
  assert_int_equal(d->line, 3);
  assert_int_equal(d->col, 7);
  assert_non_null(strstr(d->message, "年度指标值"));
}

static void labels(void **state) {
  (void)state;
  char *label;
  JxDecimal w;
  bool has;
  jx_indicator_split_label("2-效益指标", &label, &w, &has);
  assert_string_equal(label, "效益指标");
  assert_false(has);
  g_free(label);
  jx_indicator_split_label("产出指标（50分）", &label, &w, &has);
  assert_string_equal(label, "产出指标");
  assert_true(has);
  assert_int_equal(w.units, 50);
  g_free(label);
  jx_indicator_split_label(" 满意度指标(10) ", &label, &w, &has);
  assert_string_equal(label, "满意度指标");
  assert_int_equal(w.units, 10);
  g_free(label);
  jx_indicator_split_label("成本指标（说明）", &label, &w, &has);
  assert_string_equal(label, "成本指标（说明）");
  assert_false(has);
  g_free(label);
  assert_int_equal(jx_group_from_label("满意度"), JX_GROUP_SATISFACTION);
  assert_int_equal(jx_group_from_label("成本指标"), JX_GROUP_COST);
  /* older labels are kept and grouped as 其他 */
  assert_int_equal(jx_group_from_label("预期产出指标"), JX_GROUP_OTHER);
  assert_string_equal(jx_group_name(JX_GROUP_OTHER), "其他");
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test_setup_teardown(seed_items, setup, teardown),
      cmocka_unit_test_setup_teardown(semicolons_in_values, setup, teardown),
      cmocka_unit_test_setup_teardown(continuation_and_markup, setup, teardown),
      cmocka_unit_test_setup_teardown(numbering_gap, setup, teardown),
      cmocka_unit_test_setup_teardown(missing_parts, setup, teardown),
      cmocka_unit_test(labels),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
