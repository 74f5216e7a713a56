/* Bullet charts on the display list.  Positions are worked out by hand from
 * chart.h's geometry: the plot starts at 0.38 of the width and takes 0.50
 * of it; the default text block is 156 mm = 442.2 pt wide at 28 mm. */
#include "report/chart.h"
#include "layout/fonts.h"
#include "layout/layout.h"

#include <math.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <string.h>

#include <cmocka.h>

static JxFonts *fonts;
static PangoContext *ctx;

static int open_fonts(void **state) {
  (void)state;
  fonts = jx_fonts_open(JX_SOURCE_DIR "/fonts", NULL);
  if (!fonts)
    return -1;
  ctx = jx_fonts_context(fonts);
  return 0;
}

static int close_fonts(void **state) {
  (void)state;
  g_object_unref(ctx);
  jx_fonts_free(fonts);
  return 0;
}

/* Lays out a document holding one bullet chart of the rows. */
static JxLayout *chart_layout(const JxBulletRow *rows, guint n) {
  JxDocument *doc = jx_document_new("测试", "测试单位");
  JxBulletChart *c = jx_bullets_new("产出指标");
  for (guint i = 0; i < n; i++)
    jx_bullets_add(c, &rows[i]);
  jx_document_figure(doc, jx_bullets_draw, c, (GDestroyNotify)jx_bullets_free);
  JxLayout *l = jx_layout_document(doc, jx_style_default(), ctx);
  jx_document_free(doc);
  return l;
}

static bool is_bar(const JxOp *op) {
  return op->kind == JX_OP_FILL &&
         (op->color == JX_CHART_MET || op->color == JX_CHART_PARTLY || op->color == JX_CHART_UNMET);
}

static bool is_marker(const JxOp *op) {
  return op->kind == JX_OP_RULE && op->stroke == 2;
}

/* The bars and markers of the page, in order. */
static void collect(const JxLayout *l, GPtrArray *bars, GPtrArray *markers) {
  const JxPage *page = g_ptr_array_index(l->pages, 0);
  for (guint i = 0; i < page->ops->len; i++) {
    JxOp *op = &g_array_index(page->ops, JxOp, i);
    if (is_bar(op))
      g_ptr_array_add(bars, op);
    else if (is_marker(op))
      g_ptr_array_add(markers, op);
  }
}

/* expects jx_chart_scale(target, actual) to end at end in steps of step */
static void scale_is(double target, double actual, double end, double step) {
  double got_step;
  double got = jx_chart_scale(target, actual, &got_step);
  if (fabs(got - end) > 1e-9 * end || fabs(got_step - step) > 1e-9 * step)
    fail_msg("scale of %g, %g: %g by %g, expected %g by %g", target, actual, got, got_step, end,
             step);
}

static void scales(void **state) {
  (void)state;
  /* the smallest end of 2..5 steps of 1, 2, 5 × 10^k reaching 1.15 × the
   * larger value, 2.5 × 10^k only where it ends lower; worked by hand: */
  scale_is(100, 99.4, 125, 25);             /* 115: 50 × 3 = 150, 25 × 5 = 125 */
  scale_is(20000, 19519, 25000, 5000);      /* 23000: 5000 × 5 */
  scale_is(5, 3.3, 6, 2);                   /* 5.75: 2 × 3; 1 would take 6 steps */
  scale_is(10, 100, 125, 25);               /* 115 */
  scale_is(4000000, 3650000, 5000000, 1e6); /* 4600000: 1e6 × 5 ties 2.5e6 × 2 */
  scale_is(3, 0, 4, 1);                     /* 3.45: 1 × 4 ties 2 × 2 */
  scale_is(1, 0, 1.25, 0.25);               /* 1.15: 0.25 × 5; 0.5 × 3 = 1.5 */
  scale_is(8, 0, 10, 2);                    /* 9.2: 2 × 5 ties 5 × 2 and 2.5 × 4 */
}

static void bars_and_markers(void **state) {
  (void)state;
  const JxStyle *st = jx_style_default();
  double x0 = st->left + st->width * JX_CHART_PLOT_FROM, pw = st->width * JX_CHART_PLOT_WIDTH;
  JxBulletRow rows[] = {
      /* 50 of 100: scale 125; bar 50/125 of the plot, marker at 100/125 */
      {"培训人次", "实际 50 ／ 目标 100", false, false, 100, 50, 0.5, JX_STATUS_UNMET, "人次"},
      /* 反向 ≤5s, actual 2.5s: scale 6, drawn from the right: the marker
       * at 1 − 5/6, the bar to 1 − 2.5/6, right of the marker */
      {"查询速度", "实际 2.5s ／ 目标 ≤5s", false, true, 5, 2.5, 2, JX_STATUS_MET, "s"},
      /* an actual of 0: no bar, the marker still there */
      {"新建中心", "实际 0 ／ 目标 3", false, false, 3, 0, 0, JX_STATUS_UNMET, "个"},
      /* ten times the target: scale 125, the marker at 10/125 */
      {"服务量", "实际 100 ／ 目标 10", false, false, 10, 100, 10, JX_STATUS_MET, ""},
  };
  JxLayout *l = chart_layout(rows, G_N_ELEMENTS(rows));
  assert_int_equal(l->pages->len, 1);
  GPtrArray *bars = g_ptr_array_new(), *markers = g_ptr_array_new();
  collect(l, bars, markers);
  assert_int_equal(bars->len, 3); /* none for the actual of 0 */
  assert_int_equal(markers->len, 4);
  JxOp *b0 = g_ptr_array_index(bars, 0), *m0 = g_ptr_array_index(markers, 0);
  assert_true(fabs(b0->x - x0) < 1e-9);
  assert_true(fabs(b0->w - pw * 50 / 125) < 1e-9);
  assert_true(fabs(m0->x - (x0 + pw * 100 / 125)) < 1e-9);
  assert_int_equal(b0->color, JX_CHART_UNMET);
  JxOp *b1 = g_ptr_array_index(bars, 1), *m1 = g_ptr_array_index(markers, 1);
  assert_true(fabs(m1->x - (x0 + pw * (1 - 5.0 / 6))) < 1e-9);
  assert_true(fabs(b1->x + b1->w - (x0 + pw * (1 - 2.5 / 6))) < 1e-9);
  assert_true(b1->x + b1->w > m1->x); /* better reads rightwards */
  JxOp *m2 = g_ptr_array_index(markers, 2);
  assert_true(fabs(m2->x - (x0 + pw * 3 / jx_chart_scale(3, 0, NULL))) < 1e-9);
  JxOp *b3 = g_ptr_array_index(bars, 2), *m3 = g_ptr_array_index(markers, 3);
  assert_true(fabs(m3->x - (x0 + pw * 10 / 125)) < 1e-9);
  assert_true(fabs(b3->w - pw * 100 / 125) < 1e-9);
  /* bar lengths in proportion to values on a shared scale: 50 vs 100 of 125 */
  assert_true(fabs(b0->w / b3->w - 0.5) < 1e-9);
  g_ptr_array_free(bars, TRUE);
  g_ptr_array_free(markers, TRUE);
  jx_layout_free(l);
}

/* The text op of page 0 reading text, the n-th of them; NULL if none. */
static const JxOp *text_op(const JxLayout *l, const char *text, int n) {
  const JxPage *page = g_ptr_array_index(l->pages, 0);
  for (guint i = 0; i < page->ops->len; i++) {
    const JxOp *op = &g_array_index(page->ops, JxOp, i);
    if (op->kind == JX_OP_TEXT && strcmp(op->text, text) == 0 && n-- == 0)
      return op;
  }
  return NULL;
}

/* Ticks at the round numbers of the scale, labelled, the unit beside. */
static void axis_ticks(void **state) {
  (void)state;
  const JxStyle *st = jx_style_default();
  double x0 = st->left + st->width * JX_CHART_PLOT_FROM, pw = st->width * JX_CHART_PLOT_WIDTH;
  JxBulletRow rows[] = {
      /* scale 25000 by 5000: ticks at 0, 1/5, … 5/5 of the plot */
      {"服务人次", "实际 19519 ／ 目标 20000", false, false, 20000, 19519, 0.976, JX_STATUS_PARTLY,
       "人次"},
      /* 反向 ≤5s: scale 6 by 2, 0 at the right end and 6s at the left */
      {"查询速度", "实际 3.3s ／ 目标 ≤5s", false, true, 5, 3.3, 1, JX_STATUS_MET, "s"},
      /* percentages carry their sign: 0, 25%, … 125% */
      {"满意度", "实际 99.4% ／ 目标 ≥98%", false, false, 98, 99.4, 1, JX_STATUS_MET, "%"},
  };
  JxLayout *l = chart_layout(rows, G_N_ELEMENTS(rows));
  const JxPage *page = g_ptr_array_index(l->pages, 0);
  guint ticks = 0;
  for (guint i = 0; i < page->ops->len; i++) {
    const JxOp *op = &g_array_index(page->ops, JxOp, i);
    ticks += op->kind == JX_OP_RULE && op->w == 0 && op->stroke == 0.5;
  }
  assert_int_equal(ticks, 6 + 4 + 6);
  const char *labels[] = {"0", "5000", "10000", "15000", "20000", "25000"};
  for (int i = 0; i < 6; i++) {
    const JxOp *op = text_op(l, labels[i], 0);
    assert_non_null(op);
    double centre = op->x + op->w / 2, at = x0 + pw * i / 5;
    if (i == 0)
      assert_true(fabs(op->x - x0) < 0.01); /* flush with the plot's ends */
    else if (i == 5)
      assert_true(fabs(op->x + op->w - (x0 + pw)) < 0.01);
    else
      assert_true(fabs(centre - at) < 0.01);
  }
  const JxOp *unit = text_op(l, "人次", 0);
  assert_non_null(unit);
  assert_true(unit->x > x0 + pw);
  /* the reverse row: its 0 (the second "0") flush right, 2 centred on 2/3 */
  const JxOp *zero = text_op(l, "0", 1), *two = text_op(l, "2", 0);
  assert_non_null(zero);
  assert_non_null(two);
  assert_true(fabs(zero->x + zero->w - (x0 + pw)) < 0.01);
  assert_true(fabs(two->x + two->w / 2 - (x0 + pw * 2 / 3)) < 0.01);
  assert_non_null(text_op(l, "125%", 0));
  assert_non_null(text_op(l, "75%", 0));
  jx_layout_free(l);
}

/* Text boxes do not meet and nothing leaves the text block, however long
 * the names; a qualitative row has its mark. */
/* Fails when two text boxes of page 0 meet or anything leaves the text
 * block; returns the discs seen. */
static guint check_boxes(const JxLayout *l) {
  const JxStyle *st = jx_style_default();
  const JxPage *page = g_ptr_array_index(l->pages, 0);
  GArray *boxes = g_array_new(FALSE, FALSE, sizeof(double) * 4);
  guint dots = 0;
  for (guint i = 0; i < page->ops->len; i++) {
    JxOp *op = &g_array_index(page->ops, JxOp, i);
    if (op->role == JX_ROLE_RUNNING && op->y < st->top)
      continue; /* the page's running header */
    if (op->role == JX_ROLE_PAGE_NUMBER)
      continue;
    dots += op->kind == JX_OP_DOT;
    double x1 = op->kind == JX_OP_DOT ? op->x - op->w : op->x;
    double x2 = op->kind == JX_OP_DOT ? op->x + op->w : op->x + op->w;
    assert_true(x1 >= st->left - 0.01 && x2 <= st->left + st->width + 0.01);
    if (op->kind != JX_OP_TEXT)
      continue;
    const JxRoleStyle *r = &st->roles[op->role];
    double top = op->y - ((r->pitch - r->size) / 2 + 0.88 * r->size);
    double box[4] = {op->x, top + (r->pitch - r->size) / 2, op->x + op->w,
                     top + (r->pitch + r->size) / 2};
    for (guint k = 0; k < boxes->len; k++) {
      double *o = &g_array_index(boxes, double, k * 4);
      bool meet = box[0] < o[2] - 0.01 && o[0] < box[2] - 0.01 && box[1] < o[3] - 0.01 &&
                  o[1] < box[3] - 0.01;
      if (meet)
        fail_msg("'%s' overlaps another text", op->text);
    }
    g_array_append_vals(boxes, box, 1);
  }
  g_array_free(boxes, TRUE);
  return dots;
}

static void no_overlaps(void **state) {
  (void)state;
  JxBulletRow rows[] = {
      {"“广州塔景区智能化管理平台”“穗智管”赋能数据指标利用率与数据共享交换平台对接完成情况",
       "实际 78.1% ／ 目标 ≥80%", false, false, 80, 78.1, 0.97625, JX_STATUS_PARTLY, "%"},
      {"政策文件解读率", "实际 达成预期指标 ／ 目标 年度完成政策解读数量不少于当年区新增政策数量",
       true, false, 0, 0, 1, JX_STATUS_MET, NULL},
      {"单", "实际 1 ／ 目标 1", false, false, 1, 1, 1, JX_STATUS_MET, "个"},
  };
  JxLayout *l = chart_layout(rows, G_N_ELEMENTS(rows));
  assert_int_equal(check_boxes(l), 1);
  jx_layout_free(l);
}

/* The same for the score, department and trend charts, with long names. */
static void others_no_overlaps(void **state) {
  (void)state;
  const char *longest = "“数字海珠一张图”平台建设及智慧社区数字化基层治理平台运维服务经费";
  JxDocument *doc = jx_document_new("测试", "测试单位");
  JxScoreChart *sc = jx_scores_new("部门得分 98.59（优，按项目资金加权）");
  JxGrade grades[] = {{"优", 90}, {"良", 80}, {"中", 60}, {"差", 0}};
  GPtrArray *bands = g_ptr_array_new();
  for (size_t i = 0; i < G_N_ELEMENTS(grades); i++)
    g_ptr_array_add(bands, &grades[i]);
  sc->grades = bands;
  jx_scores_add(sc, longest, 100, 99.07);
  jx_scores_add(sc, "甲", 100, 55);
  jx_document_figure(doc, jx_scores_draw, sc, (GDestroyNotify)jx_scores_free);
  GPtrArray *cols = g_ptr_array_new();
  g_ptr_array_add(cols, "产出指标");
  g_ptr_array_add(cols, "服务对象满意度指标");
  g_ptr_array_add(cols, "预算执行率");
  JxHeatMap *m = jx_heat_new("各项目分类完成度（得分 ÷ 分值）", cols);
  g_ptr_array_free(cols, TRUE);
  double v[] = {0.989, NAN, 1.0};
  jx_heat_add(m, longest, v);
  jx_document_figure(doc, jx_heat_draw, m, (GDestroyNotify)jx_heat_free);
  JxTrendChart *tc = jx_trends_new("月度完成值");
  JxTrendRow *r = jx_trends_add(tc, longest, true, 4000000, "≥400万", "");
  jx_trends_point(r, 3, 800000);
  jx_trends_point(r, 6, 1440000);
  jx_document_figure(doc, jx_trends_draw, tc, (GDestroyNotify)jx_trends_free);
  JxLayout *l = jx_layout_document(doc, jx_style_default(), ctx);
  assert_int_equal(l->pages->len, 1);
  assert_int_equal(check_boxes(l), 2); /* the two trend points */
  /* the grades named under the score chart */
  assert_non_null(text_op(l, "良", 0));
  assert_non_null(text_op(l, "差", 0));
  assert_non_null(text_op(l, "90", 0));
  g_ptr_array_free(bands, TRUE);
  jx_layout_free(l);
  jx_document_free(doc);
}

/* The district scatter: among 60 departments in a cluster, with long names,
 * no name meets another name, a point or the text block's edge; those left
 * out are counted in the caption (worked from the ops: names drawn + left
 * out = 60). */
static void scatter_labels(void **state) {
  (void)state;
  JxDocument *doc = jx_document_new("测试", "测试单位");
  JxScatter *sc = jx_scatter_new("各部门得分与项目资金", "项目资金（万元）", "得分");
  for (int i = 0; i < 60; i++) {
    char name[96];
    g_snprintf(name, sizeof name, "%s第%d局", i % 3 ? "区" : "广州市海珠区政务服务数据管理局", i);
    /* a cluster, one far right at the top, one at zero funds */
    double x = i == 0 ? 9000 : i == 1 ? 0 : 3000 + (i * 37) % 900;
    double y = i == 0 ? 99.9 : 90 + (i * 13) % 50 / 10.0;
    jx_scatter_add(sc, name, x, y);
  }
  jx_document_figure(doc, jx_scatter_draw, sc, (GDestroyNotify)jx_scatter_free);
  JxLayout *l = jx_layout_document(doc, jx_style_default(), ctx);
  assert_int_equal(l->pages->len, 1);
  assert_int_equal(check_boxes(l), 60);
  const JxStyle *st = jx_style_default();
  const JxPage *page = g_ptr_array_index(l->pages, 0);
  guint names = 0, left_out = 0;
  for (guint i = 0; i < page->ops->len; i++) {
    const JxOp *op = &g_array_index(page->ops, JxOp, i);
    if (op->kind != JX_OP_TEXT)
      continue;
    if (strstr(op->text, "局"))
      names++;
    if (sscanf(op->text, "另有%u个部门", &left_out) == 1)
      continue;
    /* no text covers a point */
    const JxRoleStyle *r = &st->roles[op->role];
    double top = op->y - 0.88 * r->size, bottom = op->y + 0.12 * r->size;
    for (guint k = 0; k < page->ops->len; k++) {
      const JxOp *d = &g_array_index(page->ops, JxOp, k);
      if (d->kind != JX_OP_DOT)
        continue;
      bool meet = d->x + d->w > op->x + 0.01 && d->x - d->w < op->x + op->w - 0.01 &&
                  d->y + d->w > top + 0.01 && d->y - d->w < bottom - 0.01;
      if (meet)
        fail_msg("'%s' covers the point at (%.1f, %.1f)", op->text, d->x, d->y);
    }
  }
  assert_true(names >= 10); /* the edges and the cluster's rim have room */
  assert_int_equal(names + left_out, 60);
  jx_layout_free(l);
  jx_document_free(doc);
}

/* Counts the ops of kind on page. */
static guint count_ops(const JxPage *page, JxOpKind kind) {
  guint n = 0;
  for (guint i = 0; i < page->ops->len; i++)
    n += g_array_index(page->ops, JxOp, i).kind == kind;
  return n;
}

/* The baseline of the lowest text of page, page numbers aside. */
static double lowest_text(const JxPage *page) {
  double low = 0;
  for (guint i = 0; i < page->ops->len; i++) {
    const JxOp *op = &g_array_index(page->ops, JxOp, i);
    if (op->kind == JX_OP_TEXT && op->role != JX_ROLE_PAGE_NUMBER)
      low = fmax(low, op->y);
  }
  return low;
}

/* A category with no rows draws its title and nothing else; one with a
 * single row draws one bar and one marker, and is shorter than two rows. */
static void empty_and_single(void **state) {
  (void)state;
  JxLayout *l = chart_layout(NULL, 0);
  const JxPage *page = g_ptr_array_index(l->pages, 0);
  assert_int_equal(count_ops(page, JX_OP_FILL), 0);
  assert_int_equal(count_ops(page, JX_OP_DOT), 0);
  assert_non_null(text_op(l, "产出指标", 0));
  jx_layout_free(l);
  JxBulletRow rows[] = {
      {"服务人次", "实际 19519 ／ 目标 20000", false, false, 20000, 19519, 0.976, JX_STATUS_PARTLY,
       "人次"},
      {"服务人次", "实际 19519 ／ 目标 20000", false, false, 20000, 19519, 0.976, JX_STATUS_PARTLY,
       "人次"},
  };
  JxLayout *one = chart_layout(rows, 1), *two = chart_layout(rows, 2);
  GPtrArray *bars = g_ptr_array_new(), *markers = g_ptr_array_new();
  collect(one, bars, markers);
  assert_int_equal(bars->len, 1);
  assert_int_equal(markers->len, 1);
  /* the lowest text of each: the second row's ticks sit lower */
  double low1 = lowest_text(g_ptr_array_index(one->pages, 0));
  double low2 = lowest_text(g_ptr_array_index(two->pages, 0));
  assert_true(low2 > low1 + 20);
  g_ptr_array_free(bars, TRUE);
  g_ptr_array_free(markers, TRUE);
  jx_layout_free(one);
  jx_layout_free(two);
}

/* A chart that does not fit below the text before it goes whole to the next
 * page: 20 body lines fill most of a page of 22, and the chart of eight rows
 * (about 300 pt) is all on page 2, title and bars. */
static void never_split(void **state) {
  (void)state;
  JxDocument *doc = jx_document_new("测试", "测试单位");
  for (int i = 0; i < 20; i++)
    jx_document_paragraph(doc, JX_ROLE_BODY, "一行正文。", JX_ALIGN_LEFT, false);
  JxBulletChart *c = jx_bullets_new("满意度指标");
  JxBulletRow row = {"满意度", "实际 99% ／ 目标 ≥98%", false, false, 98, 99,
                     1,        JX_STATUS_MET,           "%"};
  for (int i = 0; i < 8; i++)
    jx_bullets_add(c, &row);
  jx_document_figure(doc, jx_bullets_draw, c, (GDestroyNotify)jx_bullets_free);
  JxLayout *l = jx_layout_document(doc, jx_style_default(), ctx);
  assert_int_equal(l->pages->len, 2);
  const JxPage *first = g_ptr_array_index(l->pages, 0), *second = g_ptr_array_index(l->pages, 1);
  assert_int_equal(count_ops(first, JX_OP_FILL), 0);
  assert_int_equal(count_ops(second, JX_OP_FILL), 8 * 4); /* 3 bands and a bar a row */
  bool title = false;
  for (guint i = 0; i < second->ops->len; i++) {
    const JxOp *op = &g_array_index(second->ops, JxOp, i);
    title |= op->kind == JX_OP_TEXT && strcmp(op->text, "满意度指标") == 0;
  }
  assert_true(title);
  jx_layout_free(l);
  jx_document_free(doc);
}

/* Project totals on the grade bands of a template with three grades (A
 * from 85, B from 70, C below): a band a grade from its threshold to the
 * next, each bar coloured by its grade — the best blue, the worst
 * vermillion, those between orange — and the thresholds ticked under. */
static void graded_scores(void **state) {
  (void)state;
  JxGrade grades[] = {{"A", 85}, {"B", 70}, {"C", 0}};
  GPtrArray *bands = g_ptr_array_new();
  for (size_t i = 0; i < G_N_ELEMENTS(grades); i++)
    g_ptr_array_add(bands, &grades[i]);
  JxDocument *doc = jx_document_new("测试", "测试单位");
  JxScoreChart *c = jx_scores_new("部门得分");
  c->grades = bands;
  jx_scores_add(c, "甲", 100, 90); /* A */
  jx_scores_add(c, "乙", 100, 84); /* B: under 85 */
  jx_scores_add(c, "丙", 100, 50); /* C */
  jx_document_figure(doc, jx_scores_draw, c, (GDestroyNotify)jx_scores_free);
  JxLayout *l = jx_layout_document(doc, jx_style_default(), ctx);
  const JxStyle *st = jx_style_default();
  double x0 = st->left + st->width * JX_SCORES_FROM, full = st->width * JX_SCORES_WIDTH;
  GPtrArray *bars = g_ptr_array_new(), *marks = g_ptr_array_new();
  collect(l, bars, marks);
  assert_int_equal(bars->len, 3);
  assert_int_equal(((JxOp *)g_ptr_array_index(bars, 0))->color, JX_CHART_MET);
  assert_int_equal(((JxOp *)g_ptr_array_index(bars, 1))->color, JX_CHART_PARTLY);
  assert_int_equal(((JxOp *)g_ptr_array_index(bars, 2))->color, JX_CHART_UNMET);
  /* the first row's bands: C over 0..70, B 70..85, A 85..100 of the width */
  const JxPage *page = g_ptr_array_index(l->pages, 0);
  double edges[] = {0, 70, 85}, widths[] = {70, 15, 15};
  int found = 0;
  for (guint i = 0; i < page->ops->len && found < 3; i++) {
    const JxOp *op = &g_array_index(page->ops, JxOp, i);
    if (op->kind != JX_OP_FILL || is_bar(op))
      continue;
    /* bands are drawn best first: A, B, C */
    int k = 2 - found++;
    assert_true(fabs(op->x - (x0 + full * edges[k] / 100)) < 1e-9);
    assert_true(fabs(op->w - full * widths[k] / 100) < 1e-9);
  }
  assert_int_equal(found, 3);
  /* ticks at 0, 70, 85, 100, and the names */
  guint ticks = 0;
  for (guint i = 0; i < page->ops->len; i++) {
    const JxOp *op = &g_array_index(page->ops, JxOp, i);
    if (op->kind == JX_OP_RULE && op->stroke == 0.5) {
      static const double at[] = {0, 70, 85, 100};
      assert_true(ticks < 4 && fabs(op->x - (x0 + full * at[ticks] / 100)) < 1e-9);
      ticks++;
    }
  }
  assert_int_equal(ticks, 4);
  assert_non_null(text_op(l, "A", 0));
  assert_non_null(text_op(l, "70", 0));
  g_ptr_array_free(bars, TRUE);
  g_ptr_array_free(marks, TRUE);
  g_ptr_array_free(bands, TRUE);
  jx_layout_free(l);
  jx_document_free(doc);
}

/* The score by category: every bar on one scale, the longest the greatest
 * points (50 here): 产出 40 of 50 fills 40/50 of the width, 效益 15 of 30
 * fills 15/50, with the points' mark at 30/50. */
static void scores(void **state) {
  (void)state;
  JxDocument *doc = jx_document_new("测试", "测试单位");
  JxScoreChart *c = jx_scores_new("得分 63.00（中）");
  jx_scores_add(c, "产出指标", 50, 40);
  jx_scores_add(c, "效益指标", 30, 15);
  jx_scores_add(c, "预算执行率", 10, 0); /* nothing scored: no bar */
  jx_document_figure(doc, jx_scores_draw, c, (GDestroyNotify)jx_scores_free);
  JxLayout *l = jx_layout_document(doc, jx_style_default(), ctx);
  const JxStyle *st = jx_style_default();
  double x0 = st->left + st->width * JX_SCORES_FROM, full = st->width * JX_SCORES_WIDTH;
  GPtrArray *bars = g_ptr_array_new(), *marks = g_ptr_array_new();
  collect(l, bars, marks);
  assert_int_equal(bars->len, 2);
  assert_int_equal(marks->len, 3);
  JxOp *b0 = g_ptr_array_index(bars, 0), *b1 = g_ptr_array_index(bars, 1);
  assert_true(fabs(b0->x - x0) < 1e-9 && fabs(b0->w - full * 40 / 50) < 1e-9);
  assert_int_equal(b0->color, JX_CHART_PARTLY); /* 0.8 of its points */
  assert_true(fabs(b1->w - full * 15 / 50) < 1e-9);
  assert_int_equal(b1->color, JX_CHART_UNMET); /* 0.5 */
  assert_true(fabs(((JxOp *)g_ptr_array_index(marks, 1))->x - (x0 + full * 30 / 50)) < 1e-9);
  g_ptr_array_free(bars, TRUE);
  g_ptr_array_free(marks, TRUE);
  jx_layout_free(l);
  jx_document_free(doc);
}

/* The project × category map: a shaded cell with its percentage for each
 * value, a dash where a project has no such category. */
static void heat_map(void **state) {
  (void)state;
  /* shades by completion: below 60 %, to 80, to 90, to 100, all */
  assert_int_equal(jx_heat_color(0.5), 0xF7FBFF);
  assert_int_equal(jx_heat_color(0.7), 0xDEEBF7);
  assert_int_equal(jx_heat_color(0.85), 0xC6DBEF);
  assert_int_equal(jx_heat_color(0.95), 0x9ECAE1);
  assert_int_equal(jx_heat_color(1.0), 0x6BAED6);
  GPtrArray *cols = g_ptr_array_new();
  g_ptr_array_add(cols, "产出指标");
  g_ptr_array_add(cols, "效益指标");
  JxHeatMap *m = jx_heat_new("完成度", cols);
  g_ptr_array_free(cols, TRUE);
  double a[] = {0.989, 1.0}, b[] = {NAN, 0.5};
  jx_heat_add(m, "甲项目", a);
  jx_heat_add(m, "乙项目", b);
  JxDocument *doc = jx_document_new("测试", "测试单位");
  jx_document_figure(doc, jx_heat_draw, m, (GDestroyNotify)jx_heat_free);
  JxLayout *l = jx_layout_document(doc, jx_style_default(), ctx);
  const JxPage *page = g_ptr_array_index(l->pages, 0);
  guint cells = 0, dashes = 0;
  bool seen = false;
  for (guint i = 0; i < page->ops->len; i++) {
    JxOp *op = &g_array_index(page->ops, JxOp, i);
    cells += op->kind == JX_OP_FILL;
    if (op->kind == JX_OP_TEXT) {
      dashes += strcmp(op->text, "—") == 0;
      seen |= strcmp(op->text, "98.9%") == 0;
    }
  }
  assert_int_equal(cells, 3);
  assert_int_equal(dashes, 1);
  assert_true(seen);
  jx_layout_free(l);
  jx_document_free(doc);
}

/* The text ops of page 0 whose text is text. */
static guint count_text(const JxLayout *l, const char *text) {
  const JxPage *page = g_ptr_array_index(l->pages, 0);
  guint n = 0;
  for (guint i = 0; i < page->ops->len; i++) {
    const JxOp *op = &g_array_index(page->ops, JxOp, i);
    n += op->kind == JX_OP_TEXT && strcmp(op->text, text) == 0;
  }
  return n;
}

/* One trend chart of row r laid out; its dots into dots. */
static JxLayout *trend_layout(JxTrendChart *c, GPtrArray *dots) {
  JxDocument *doc = jx_document_new("测试", "测试单位");
  jx_document_figure(doc, jx_trends_draw, c, (GDestroyNotify)jx_trends_free);
  JxLayout *l = jx_layout_document(doc, jx_style_default(), ctx);
  jx_document_free(doc);
  const JxPage *page = g_ptr_array_index(l->pages, 0);
  for (guint i = 0; i < page->ops->len; i++) {
    JxOp *op = &g_array_index(page->ops, JxOp, i);
    if (op->kind == JX_OP_DOT)
      g_ptr_array_add(dots, op);
  }
  return l;
}

/* In year, an accumulation: the values at their months (month m at m/12 of
 * the plot), the target across and the 序时进度 line rising from nothing at
 * the start of the year to it at the end, on a y axis from 0.  服务人次 of
 * 20000 with 4786 in March and 9204 in June: the values span 20000 − 4786 =
 * 15214, a quarter of it over the target is 23803.5; of 1, 2, 5 × 10^k, at
 * most 54 / 12 = 4 steps (as many labels as fit up the plot): 5000 would
 * take 5, 10000 takes 3: 0 … 30000, labelled 0, 1万, 2万, 3万. */
static void trends(void **state) {
  (void)state;
  JxTrendChart *c = jx_trends_new("月度完成值");
  JxTrendRow *r = jx_trends_add(c, "服务人次", true, 20000, "≥20000", "");
  jx_trends_point(r, 3, 4786);
  jx_trends_point(r, 6, 9204);
  GPtrArray *dots = g_ptr_array_new();
  JxLayout *l = trend_layout(c, dots);
  const JxStyle *st = jx_style_default();
  double x0 = st->left + st->width * JX_TREND_FROM, pw = st->width * JX_TREND_WIDTH;
  double ph = JX_TREND_HEIGHT;
  assert_int_equal(dots->len, 2);
  JxOp *mar = g_ptr_array_index(dots, 0), *jun = g_ptr_array_index(dots, 1);
  assert_true(fabs(mar->x - (x0 + pw * 3 / 12)) < 1e-9);
  assert_true(fabs(jun->x - (x0 + pw * 6 / 12)) < 1e-9);
  double base = mar->y + ph * 4786 / 30000; /* the plot's bottom: 0 */
  assert_true(fabs(jun->y - (base - ph * 9204 / 30000)) < 1e-9);
  /* the target at 20000 / 30000 of the height, 序时进度 from (年初, 0) to it */
  const JxPage *page = g_ptr_array_index(l->pages, 0);
  bool target = false, pace = false;
  for (guint i = 0; i < page->ops->len; i++) {
    const JxOp *op = &g_array_index(page->ops, JxOp, i);
    if (op->kind != JX_OP_RULE)
      continue;
    double ty = base - ph * 20000 / 30000;
    target |= op->stroke == 1 && fabs(op->x - x0) < 1e-9 && fabs(op->w - pw) < 1e-9 &&
              fabs(op->y - ty) < 1e-9 && op->h == 0;
    pace |= fabs(op->x - x0) < 1e-9 && fabs(op->y - base) < 1e-9 &&
            fabs(op->y + op->h - ty) < 1e-9 && fabs(op->w - pw) < 1e-9;
  }
  assert_true(target);
  assert_true(pace);
  /* the axis's labels, the values at their points, the target and the
   * 序时进度 named */
  static const char *const labels[] = {"0",    "1万",         "2万",      "3万",  "4786",
                                       "9204", "目标 ≥20000", "序时进度", "年初", "12月"};
  for (size_t i = 0; i < G_N_ELEMENTS(labels); i++)
    if (count_text(l, labels[i]) != 1)
      fail_msg("'%s' %u times", labels[i], count_text(l, labels[i]));
  /* the y axis's labels end left of the plot, in order up it */
  const JxOp *zero = text_op(l, "0", 0), *three = text_op(l, "3万", 0);
  assert_true(zero->x + zero->w <= x0 + 0.01 && three->x + three->w <= x0 + 0.01);
  assert_true(three->y < zero->y);
  g_ptr_array_free(dots, TRUE);
  jx_layout_free(l);
}

/* A rate that moves between 95.3 % and 99 % against ≥98 % is drawn on a
 * scale that shows it: span 3.7, a quarter of it either side, 94.375 …
 * 99.925; steps of 2 (1 would take 6): 94 … 100, the bottom labelled 94% —
 * the axis says where it starts.  The 3.7 points take (99 − 95.3) / 6 of
 * the plot's height, 62 % (on the old scale from 0 to 125, 3 %). */
static void trend_range(void **state) {
  (void)state;
  double lo, hi, step;
  jx_chart_range(95.3, 99, false, 4, &lo, &hi, &step);
  assert_true(fabs(lo - 94) < 1e-9 && fabs(hi - 100) < 1e-9 && fabs(step - 2) < 1e-9);
  /* from zero where the room below reaches it, or when asked */
  /* 5 − 8.75 < 0; 48.75 would take 5 steps of 10: 3 of 20 */
  jx_chart_range(5, 40, false, 4, &lo, &hi, &step);
  assert_true(lo == 0 && fabs(hi - 60) < 1e-9 && fabs(step - 20) < 1e-9);
  /* 99.25 from 0: 5 steps of 20 are too many, 2 of 50 */
  jx_chart_range(98, 99, true, 4, &lo, &hi, &step);
  assert_true(lo == 0 && fabs(hi - 100) < 1e-9 && fabs(step - 50) < 1e-9);
  /* one value: a little either side of it (2 % of it, then a quarter) */
  jx_chart_range(100, 100, false, 4, &lo, &hi, &step);
  assert_true(lo < 100 && hi > 100 && hi - lo <= 2 + 1e-9);

  JxTrendChart *c = jx_trends_new("月度完成值");
  JxTrendRow *r = jx_trends_add(c, "办事群众满意度", false, 98, "≥98%", "%");
  jx_trends_point(r, 3, 95.3);
  jx_trends_point(r, 6, 99);
  jx_trends_point(r, 9, 97.9);
  GPtrArray *dots = g_ptr_array_new();
  JxLayout *l = trend_layout(c, dots);
  JxOp *mar = g_ptr_array_index(dots, 0), *jun = g_ptr_array_index(dots, 1);
  double ph = JX_TREND_HEIGHT;
  assert_true(fabs((mar->y - jun->y) - ph * 3.7 / 6) < 1e-9);
  assert_int_equal(count_text(l, "94%"), 1);
  assert_int_equal(count_text(l, "100%"), 1);
  assert_int_equal(count_text(l, "95.3%"), 1);
  assert_int_equal(count_text(l, "目标 ≥98%"), 1);
  assert_int_equal(count_text(l, "序时进度"), 0); /* a level, not an accumulation */
  assert_int_equal(check_boxes(l), 3);
  g_ptr_array_free(dots, TRUE);
  jx_layout_free(l);
}

/* Values a month apart whose labels would touch: only the last is
 * written (99.2% is wider than a month's 442.2 × 0.46 / 12 = 17 pt). */
static void trend_labels_touch(void **state) {
  (void)state;
  JxTrendChart *c = jx_trends_new("月度完成值");
  JxTrendRow *r = jx_trends_add(c, "通勤率", false, 100, "100%", "%");
  jx_trends_point(r, 1, 99.2);
  jx_trends_point(r, 2, 99.2);
  jx_trends_point(r, 3, 99.3);
  GPtrArray *dots = g_ptr_array_new();
  JxLayout *l = trend_layout(c, dots);
  assert_int_equal(dots->len, 3);
  assert_int_equal(count_text(l, "99.2%"), 0);
  assert_int_equal(count_text(l, "99.3%"), 1);
  check_boxes(l);
  g_ptr_array_free(dots, TRUE);
  jx_layout_free(l);
}

/* Luma (ITU-R BT.601) of a colour: what a greyscale printer keeps. */
static double luma(guint32 c) {
  return 0.299 * ((c >> 16) & 0xFF) + 0.587 * ((c >> 8) & 0xFF) + 0.114 * (c & 0xFF);
}

/* In grey the three statuses stay apart (by hand: 达成 0x0072B2 → 87.2,
 * 未达成 0xD55E00 → 118.9, 部分达成 0xE69F00 → 162.1), and the heat map's
 * shades darken with completion. */
static void greyscale(void **state) {
  (void)state;
  double met = luma(JX_CHART_MET), partly = luma(JX_CHART_PARTLY), unmet = luma(JX_CHART_UNMET);
  assert_true(fabs(met - 87.2) < 0.1 && fabs(unmet - 118.9) < 0.1 && fabs(partly - 162.1) < 0.1);
  assert_true(fabs(met - unmet) > 25 && fabs(unmet - partly) > 25 && fabs(met - partly) > 25);
  static const double steps[] = {0.5, 0.7, 0.85, 0.95, 1.0};
  for (size_t i = 1; i < G_N_ELEMENTS(steps); i++)
    assert_true(luma(jx_heat_color(steps[i])) < luma(jx_heat_color(steps[i - 1])) - 10);
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(scales),         cmocka_unit_test(axis_ticks),
      cmocka_unit_test(graded_scores),  cmocka_unit_test(empty_and_single),
      cmocka_unit_test(never_split),    cmocka_unit_test(bars_and_markers),
      cmocka_unit_test(no_overlaps),    cmocka_unit_test(scores),
      cmocka_unit_test(heat_map),       cmocka_unit_test(trends),
      cmocka_unit_test(trend_range),    cmocka_unit_test(trend_labels_touch),
      cmocka_unit_test(greyscale),      cmocka_unit_test(others_no_overlaps),
      cmocka_unit_test(scatter_labels),
  };
  return cmocka_run_group_tests(tests, open_fonts, close_fonts);
}
