/* Rows to the model for each kind of table, from small tables written out
 * here; every expected count and message was worked out by hand. */
#include "read/table.h"

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <string.h>

#include <cmocka.h>

typedef struct {
  JxModel *model;
  JxReader *reader;
  GPtrArray *diags;
  JxTableInfo info[4];
  int n;
} Fixture;

static int setup(void **state) {
  Fixture *f = g_new0(Fixture, 1);
  f->model = jx_model_new();
  f->reader = jx_reader_new(f->model, NULL);
  f->diags = g_ptr_array_new_with_free_func((GDestroyNotify)jx_diag_free);
  *state = f;
  return 0;
}

static int teardown(void **state) {
  Fixture *f = *state;
  for (int i = 0; i < f->n; i++)
    jx_table_info_clear(&f->info[i]);
  jx_reader_free(f->reader);
  jx_model_free(f->model);
  g_ptr_array_free(f->diags, TRUE);
  g_free(f);
  return 0;
}

/* Reads text as the file name; returns its diagnostics. */
static JxDiag *read_text(Fixture *f, const char *name, const char *text) {
  JxDiag *d = jx_diag_new(name);
  g_ptr_array_add(f->diags, d);
  jx_reader_read(f->reader, name, text, strlen(text), d, &f->info[f->n++]);
  return d;
}

/* The i-th message of d, or "" when there are fewer. */
static const char *message(const JxDiag *d, guint i) {
  return i < d->list->len ? ((JxDiagnostic *)g_ptr_array_index(d->list, i))->message : "";
}

static JxProject *project(Fixture *f, guint dept, guint i) {
  JxDepartment *d = g_ptr_array_index(f->model->departments, dept);
  return g_ptr_array_index(d->projects, i);
}

static JxIndicator *indicator(JxProject *p, guint i) {
  return g_ptr_array_index(p->indicators, i);
}

/* One indicator a row, as another province's system exports it: merged
 * category cells, weights in 一级 labels, comparator and unit columns. */
static void indicator_table(void **state) {
  Fixture *f = *state;
  const char *text = "项目名称：社区养老服务补助\n"
                     "部门名称：某区民政局\n"
                     "一级指标,二级指标,三级指标,指标性质,指标值,度量单位,分值,备注\n"
                     "产出指标（50分）,数量指标,服务老人人次,≥,12000,人次,20,\n"
                     ",,新建日间照料中心,=,3,个,15,\n"
                     ",质量指标,服务合格率,≥,95,%,15,\n"
                     "效益指标（30分）,社会效益,投诉率,≤,2,%,30,反向\n"
                     "满意度指标（10分）,服务对象满意度,老人满意度,定性,较满意,,10,\n"
                     "合计,,,,,,90,\n"; /* 20 + 15 + 15 + 30 + 10, checked */
  JxDiag *d = read_text(f, "民政.csv", text);
  assert_int_equal(d->errors + d->warnings, 0);
  assert_int_equal(f->info[0].kind, JX_KIND_INDICATORS);
  assert_string_equal(f->info[0].department, "某区民政局");
  JxProject *p = project(f, 0, 0);
  assert_string_equal(p->name, "社区养老服务补助");
  assert_int_equal(p->indicators->len, 5);
  JxIndicator *b = indicator(p, 1), *c = indicator(p, 2), *e = indicator(p, 3),
              *q = indicator(p, 4);
  assert_string_equal(b->level1, "产出指标"); /* carried down */
  assert_string_equal(b->level2, "数量指标");
  assert_int_equal(b->annual_target->cmp, JX_CMP_EQ);
  assert_string_equal(b->annual_target->unit, "个");
  assert_string_equal(c->level2, "质量指标");
  assert_string_equal(c->annual_target->unit, "%");
  assert_int_equal(e->annual_target->cmp, JX_CMP_LE);
  assert_int_equal(e->group, JX_GROUP_EFFECT);
  assert_string_equal(e->remark, "反向");
  assert_int_equal(q->annual_target->cmp, JX_CMP_NONE);
  assert_int_equal(q->weight.units, 10);
  /* category weights: 50 + 30 + 10 */
  assert_int_equal(p->weights->len, 3);
  assert_int_equal(((JxGroupWeight *)g_ptr_array_index(p->weights, 0))->weight.units, 50);
  assert_int_equal(((JxGroupWeight *)g_ptr_array_index(p->weights, 2))->weight.units, 10);
}

/* A self-evaluation export carries actuals in the same rows. */
static void self_evaluation(void **state) {
  Fixture *f = *state;
  const char *text =
      "项目名称,一级指标,二级指标,三级指标,年度指标值,实际完成值,分值,得分,偏差原因分析及改进措施\n"
      "道路养护,产出指标,数量指标,养护里程,≥120公里,126公里,20,20,\n"
      "道路养护,产出指标,时效指标,完工时间,2024年11月前,2024年12月,10,6,雨季延误\n";
  JxDiag *d = read_text(f, "自评.csv", text);
  assert_int_equal(d->errors, 0);
  JxProject *p = project(f, 0, 0);
  JxIndicator *a = indicator(p, 0), *b = indicator(p, 1);
  assert_int_equal(jx_indicator_actual_count(a), 1);
  JxActual *x = g_ptr_array_index(a->actuals, 0);
  assert_string_equal(x->value->raw, "126公里");
  assert_int_equal(x->value->number.units, 126);
  assert_string_equal(x->score, "20");
  JxActual *y = g_ptr_array_index(b->actuals, 0);
  assert_string_equal(y->cause, "雨季延误");
  assert_string_equal(x->period, ""); /* no 期间 column */
  /* the department falls back to the file name */
  assert_string_equal(((JxDepartment *)g_ptr_array_index(f->model->departments, 0))->name, "自评");
}

static const char *const targets =
    "项目名称（资金使用单位）\t总计\t财政拨款\t财政专户拨款\t其他资金\t绩效目标\t绩效指标\n"
    "合计\t30.00\t30.00\t\t\t\t\n"
    "示例局\t30.00\t30.00\t\t\t\t\n"
    "甲项目\t20.00\t20.00\t\t\t目标甲\t1、1-产出指标,11-数量指标,培训人次；实施周期指标值:≥500人次,"
    "年度指标值:≥500人次；"
    " 2、3-满意度指标,31-服务对象满意度,满意度；实施周期指标值:≥90%,年度指标值:≥90%；\n"
    "乙项目\t10.00\t10.00\t\t\t目标乙\t1、1-产出指标,13-时效指标,“办结”时限；实施周期指标值:≤="
    "5个工作日,年度指标值:≤=5个工作日；\n";

/* Actuals name projects and indicators; periods are normalized; budget
 * execution rows are records of the project. */
static void actuals(void **state) {
  Fixture *f = *state;
  read_text(f, "targets.tsv", targets);
  JxDiag *d = read_text(f, "actuals.csv",
                        "项目名称,三级指标,期间,实际完成值,偏差原因,完成可能性\n"
                        "甲项目,培训人次,2024年6月,260人次,,确定能\n"
                        "甲项目, ★满意度 ,2024-6,93%,,确定能\n"
                        "乙项目,\"\"\"办结\"\"时限\",2024/06,4个工作日,,\n"
                        "乙项目,预算执行数（万元）,202406,6.25,,\n"
                        "甲项目,预算执行率,2024-06,48.5%,,\n");
  jx_reader_finish(f->reader);
  assert_int_equal(d->errors, 0);
  assert_int_equal(f->info[1].kind, JX_KIND_ACTUALS);
  assert_int_equal(f->info[1].actuals, 5);
  JxProject *a = project(f, 0, 0), *b = project(f, 0, 1);
  JxActual *x = g_ptr_array_index(indicator(a, 0)->actuals, 0);
  assert_string_equal(x->period, "2024-06");
  assert_string_equal(x->likelihood, "确定能");
  assert_int_equal(jx_indicator_actual_count(indicator(a, 1)), 1); /* spaces and ★ in the name */
  JxExecution *e = g_ptr_array_index(b->executions, 0);
  assert_true(e->has_executed);
  assert_int_equal(e->executed, 625);
  JxExecution *r = g_ptr_array_index(a->executions, 0);
  assert_true(r->has_rate);
  assert_int_equal(r->rate.units, 485);
  assert_int_equal(r->rate.scale, 1);
}

static void unknown_names(void **state) {
  Fixture *f = *state;
  read_text(f, "targets.tsv", targets);
  JxDiag *d = read_text(f, "actuals.csv",
                        "项目名称,三级指标,期间,实际完成值\n"
                        "甲项木,培训人次,2024,500人次\n"
                        "甲项目,培训人数,2024,500人次\n"
                        "丁,培训人次,2024,500人次\n"
                        "甲项目,培训人次,2024,510人次\n"
                        "甲项目,培训人次,2024,520人次\n"
                        "甲项目,满意度,2024年13月,95%\n");
  jx_reader_finish(f->reader);
  assert_int_equal(d->errors, 5);
  /* in the order found: the bad period while reading, the rest when matched */
  assert_string_equal(message(d, 0), "'2024年13月' is not a period (write 2024 for the year or "
                                     "2024-06 for a month)");
  assert_string_equal(message(d, 1), "unknown project '甲项木'; did you mean '甲项目'?");
  assert_string_equal(message(d, 2),
                      "project '甲项目' has no indicator '培训人数'; did you mean '培训人次'?");
  assert_string_equal(message(d, 3), "unknown project '丁': no table read names it");
  assert_string_equal(message(d, 4), "a second actual of '培训人次' for 2024 (the first is at "
                                     "actuals.csv:5)");
  JxDiagnostic *x = g_ptr_array_index(d->list, 1);
  assert_int_equal(x->line, 2);
  assert_int_equal(x->col, 1);
  x = g_ptr_array_index(d->list, 2);
  assert_int_equal(x->line, 3);
  assert_int_equal(x->col, 2);
}

/* 合计 and the department row must equal the sum of the projects, and 总计
 * the sum of its sources. */
static void totals(void **state) {
  Fixture *f = *state;
  JxDiag *d = read_text(f, "t.tsv", targets);
  assert_int_equal(d->warnings, 0);
  char *wrong = g_strdup(targets);
  char *at = strstr(wrong, "乙项目\t10.00\t10.00");
  memcpy(at + strlen("乙项目\t"), "11.00", 5); /* 总计 11.00 ≠ 财政拨款 10.00 */
  Fixture *g = NULL;
  setup((void **)&g);
  d = read_text(g, "t.tsv", wrong);
  /* 总计 of 乙 ≠ its sources; 合计 and the department row ≠ 20.00 + 11.00 */
  assert_int_equal(d->warnings, 3);
  assert_string_equal(message(d, 0), "乙项目: 总计 11.00 is not the sum of its sources 10.00 "
                                     "(财政拨款 + 财政专户拨款 + 其他资金)");
  assert_string_equal(message(d, 1),
                      "department row: 总计 30.00 differs from the sum of its 2 projects, 31.00");
  assert_string_equal(message(d, 2),
                      "合计: 总计 30.00 differs from the sum of its 2 projects, 31.00");
  teardown((void **)&g);
  g_free(wrong);
}

/* A row with amounts but neither goal nor indicators is a department row
 * when projects follow it, and a project otherwise. */
static void bare_rows(void **state) {
  Fixture *f = *state;
  JxDiag *d = read_text(f, "t.tsv",
                        "项目名称\t总计\t财政拨款\t财政专户拨款\t其他资金\t绩效目标\t绩效指标\n"
                        "一局\t5.00\t5.00\t\t\t\t\n"
                        "甲\t5.00\t5.00\t\t\t目标\t1、产出指标,数量指标,x；年度指标值:1个；\n"
                        "二局\t7.00\t7.00\t\t\t\t\n"
                        "乙\t3.00\t3.00\t\t\t目标\t1、产出指标,数量指标,y；年度指标值:1个；\n"
                        "丙\t4.00\t4.00\t\t\t\t\n");
  assert_int_equal(d->errors, 0);
  assert_int_equal(f->model->departments->len, 2);
  assert_string_equal(((JxDepartment *)g_ptr_array_index(f->model->departments, 1))->name, "二局");
  assert_int_equal(((JxDepartment *)g_ptr_array_index(f->model->departments, 1))->projects->len, 2);
  assert_string_equal(project(f, 1, 1)->name, "丙");
  assert_int_equal(d->warnings, 1);
  assert_string_equal(message(d, 0), "project '丙' has no 绩效指标");
}

/* The project and department named in two-cell preamble lines, one table
 * after another in one file (as an Excel workbook saved sheet by sheet). */
static void preamble_cells(void **state) {
  Fixture *f = *state;
  JxDiag *d = read_text(f, "two.csv",
                        "部门名称,某区交通局\n"
                        "项目名称,道路养护\n"
                        "一级指标,二级指标,三级指标,指标值\n"
                        "产出指标,数量指标,养护里程,≥120公里\n"
                        "项目名称,路灯维护\n"
                        "产出指标,质量指标,亮灯率,≥98%\n"
                        ",,故障修复时限,≤24小时\n");
  assert_int_equal(d->errors + d->warnings, 0);
  JxDepartment *dept = g_ptr_array_index(f->model->departments, 0);
  assert_string_equal(dept->name, "某区交通局");
  assert_int_equal(dept->projects->len, 2);
  assert_string_equal(project(f, 0, 0)->name, "道路养护");
  JxProject *lamps = project(f, 0, 1);
  assert_string_equal(lamps->name, "路灯维护");
  assert_int_equal(lamps->indicators->len, 2);
  assert_string_equal(indicator(lamps, 1)->level2, "质量指标");
  assert_int_equal(indicator(lamps, 1)->annual_target->cmp, JX_CMP_LE);
}

static void periods(void **state) {
  (void)state;
  static const char *const cases[][2] = {{"2024", "2024"},         {"2024-6", "2024-06"},
                                         {"2024年6月", "2024-06"}, {"2024/12", "2024-12"},
                                         {"202403", "2024-03"},    {"２０２４年", "2024"}};
  for (size_t i = 0; i < G_N_ELEMENTS(cases); i++) {
    char *p = jx_period_normalize(cases[i][0]);
    assert_non_null(p);
    assert_string_equal(p, cases[i][1]);
    g_free(p);
  }
  assert_null(jx_period_normalize("2024-13"));
  assert_null(jx_period_normalize("六月"));
  assert_null(jx_period_normalize("24-06"));
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test_setup_teardown(indicator_table, setup, teardown),
      cmocka_unit_test_setup_teardown(self_evaluation, setup, teardown),
      cmocka_unit_test_setup_teardown(actuals, setup, teardown),
      cmocka_unit_test_setup_teardown(unknown_names, setup, teardown),
      cmocka_unit_test_setup_teardown(totals, setup, teardown),
      cmocka_unit_test_setup_teardown(bare_rows, setup, teardown),
      cmocka_unit_test_setup_teardown(preamble_cells, setup, teardown),
      cmocka_unit_test(periods),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
