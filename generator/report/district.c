/* district.c - the finance bureau's summary over every department: totals,
 * the ranking with grades, the distribution of grades, score against funds,
 * the completion of each category, budget execution against 序时进度, and
 * every yellow and red light; from the departments' scorecards. */
#include "report/district.h"

#include "report/chart.h"
#include "report/parts.h"
#include "model/text.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

typedef struct {
  Report r;
  GPtrArray *ranked; /* const JxScorecard *: assessed by score, then the rest */
  guint assessed;
} District;

/* Scores as printed, to the hundredth: what ties. */
static double printed(double score) {
  return round(score * 100) / 100;
}

static gint by_score(gconstpointer a, gconstpointer b) {
  const JxScorecard *x = *(const JxScorecard *const *)a, *y = *(const JxScorecard *const *)b;
  if (x->assessed != y->assessed)
    return x->assessed ? -1 : 1;
  double dx = printed(x->score), dy = printed(y->score);
  if (x->assessed && dx != dy)
    return dx > dy ? -1 : 1;
  return strcmp(x->department, y->department);
}

/* buf holds 32 bytes; thousands apart, as the other tables have them */
static const char *money(double wan, char *buf) {
  return jx_amount_format(llround(wan * 100), true, buf);
}

static void cover(District *ds) {
  Report *r = &ds->r;
  jx_document_space(r->doc, 150);
  char *title = report_text_of(r, "title");
  JxBlock *h = jx_document_heading(r->doc, JX_ROLE_TITLE, title, 1);
  h->align = JX_ALIGN_CENTER;
  g_free(title);
  guint projects = 0;
  int64_t funds = 0;
  for (guint i = 0; i < ds->ranked->len; i++) {
    const JxScorecard *s = g_ptr_array_index(ds->ranked, i);
    projects += s->projects;
    funds += s->funds;
  }
  char buf[32];
  char *line = g_strdup_printf("部门 %u 个　项目 %u 个　资金合计 %s 万元", ds->ranked->len,
                               projects, jx_amount_format(funds, true, buf));
  report_cover_rest(r, line);
  g_free(line);
}

static void contents(District *ds) {
  char *title = report_text_of(&ds->r, "toc");
  JxBlock *h = jx_document_heading(ds->r.doc, JX_ROLE_HEADING1, title, 0);
  h->align = JX_ALIGN_CENTER;
  g_free(title);
  jx_document_toc(ds->r.doc, 2);
  jx_document_page_break(ds->r.doc);
}

static void heading(District *ds, const char *key) {
  char *title = report_text_of(&ds->r, key);
  report_heading(&ds->r, 1, title);
  g_free(title);
}

/* 总体情况: the counts, funds and the mean score, and how the grades fall. */
static void totals(District *ds) {
  Report *r = &ds->r;
  heading(ds, "district-totals");
  guint projects = 0, indicators = 0, failed = 0, lights[4] = {0};
  int64_t funds = 0;
  double weighted = 0, weights = 0;
  for (guint i = 0; i < ds->ranked->len; i++) {
    const JxScorecard *s = g_ptr_array_index(ds->ranked, i);
    projects += s->projects;
    indicators += s->indicators;
    funds += s->funds;
    failed += s->failed;
    for (int l = 0; l < 4; l++)
      lights[l] += s->lights[l];
    if (s->assessed) {
      double w = s->funds > 0 ? (double)s->funds : 0;
      weighted += w * s->score;
      weights += w;
    }
  }
  char buf[32];
  GString *line = g_string_new(NULL);
  g_string_append_printf(line, "本期汇总%u个部门、%u个项目、%u项绩效指标，项目资金合计%s万元。",
                         ds->ranked->len, projects, indicators, jx_amount_format(funds, true, buf));
  if (ds->assessed)
    g_string_append_printf(line, "其中%u个部门已报实际完成情况，按项目资金加权平均得分%.2f分",
                           ds->assessed, weights > 0 ? weighted / weights : 0);
  if (ds->assessed < ds->ranked->len)
    g_string_append_printf(line, "%s%u个部门未报实际完成情况", ds->assessed ? "；" : "其中",
                           ds->ranked->len - ds->assessed);
  if (failed)
    g_string_append_printf(line, "；%u个部门的报告未能生成", failed);
  g_string_append_printf(line, "。项目监控绿灯%u个、黄灯%u个、红灯%u个。", lights[JX_LIGHT_GREEN],
                         lights[JX_LIGHT_YELLOW], lights[JX_LIGHT_RED]);
  jx_document_paragraph(r->doc, JX_ROLE_BODY, line->str, JX_ALIGN_JUSTIFY, true);
  g_string_free(line, TRUE);

  /* 等级 | 分数段 | 部门数 | 占比, best first */
  static const char *const head[] = {"等级", "分数段", "部门数", "占比"};
  JxBlock *t = report_headed_table(r->doc, 4, head, G_N_ELEMENTS(head));
  const GPtrArray *grades = r->rules->grades;
  for (guint g = 0; g < grades->len; g++) {
    const JxGrade *gr = g_ptr_array_index(grades, g);
    guint n = 0;
    for (guint i = 0; i < ds->ranked->len; i++) {
      const JxScorecard *s = g_ptr_array_index(ds->ranked, i);
      n += s->assessed && strcmp(s->grade, gr->name) == 0;
    }
    char band[48], count[16], share[16];
    if (g == 0)
      g_snprintf(band, sizeof band, "%g分及以上", gr->from);
    else
      g_snprintf(band, sizeof band, "%g（含）～%g分", gr->from,
                 ((const JxGrade *)g_ptr_array_index(grades, g - 1))->from);
    if (g == grades->len - 1 && gr->from <= 0)
      g_snprintf(band, sizeof band, "%g分以下",
                 g ? ((const JxGrade *)g_ptr_array_index(grades, g - 1))->from : 0);
    g_snprintf(count, sizeof count, "%u", n);
    g_snprintf(share, sizeof share, "%.1f%%", ds->assessed ? 100.0 * n / ds->assessed : 0);
    jx_block_row(t);
    jx_block_cell(t, gr->name, JX_ALIGN_CENTER, false);
    jx_block_cell(t, band, JX_ALIGN_LEFT, false);
    jx_block_cell(t, count, JX_ALIGN_RIGHT, false);
    jx_block_cell(t, share, JX_ALIGN_RIGHT, false);
  }
  if (ds->assessed < ds->ranked->len) {
    char count[16];
    g_snprintf(count, sizeof count, "%u", ds->ranked->len - ds->assessed);
    jx_block_row(t);
    jx_block_cell(t, "未评价", JX_ALIGN_CENTER, false);
    jx_block_cell(t, "未报实际完成情况", JX_ALIGN_LEFT, false);
    jx_block_cell(t, count, JX_ALIGN_RIGHT, false);
    jx_block_cell(t, "", JX_ALIGN_RIGHT, false);
  }
  char all[16];
  g_snprintf(all, sizeof all, "%u", ds->ranked->len);
  jx_block_row(t);
  jx_block_cell(t, "合计", JX_ALIGN_CENTER, true);
  jx_block_cell(t, "", JX_ALIGN_LEFT, true);
  jx_block_cell(t, all, JX_ALIGN_RIGHT, true);
  jx_block_cell(t, "", JX_ALIGN_RIGHT, true);
}

/* 部门得分排名: 名次 (ties share theirs, 并列), the rest after. */
static void ranking(District *ds) {
  Report *r = &ds->r;
  heading(ds, "district-ranking");
  static const char *const head[] = {"名次", "部门", "项目数", "资金（万元）", "得分",
                                     "等级", "红灯", "黄灯",   "备注"};
  JxBlock *t = report_headed_table(r->doc, 9, head, G_N_ELEMENTS(head));
  guint rank = 0;
  for (guint i = 0; i < ds->ranked->len; i++) {
    const JxScorecard *s = g_ptr_array_index(ds->ranked, i);
    const JxScorecard *prev = i ? g_ptr_array_index(ds->ranked, i - 1) : NULL;
    const JxScorecard *next = i + 1 < ds->ranked->len ? g_ptr_array_index(ds->ranked, i + 1) : NULL;
    char place[32] = "—", n[16], score[16] = "—", red[16], yellow[16], buf[32];
    if (s->assessed) {
      if (!prev || printed(prev->score) != printed(s->score))
        rank = i + 1;
      bool tied = (prev && prev->assessed && printed(prev->score) == printed(s->score)) ||
                  (next && next->assessed && printed(next->score) == printed(s->score));
      g_snprintf(place, sizeof place, tied ? "%u（并列）" : "%u", rank);
      g_snprintf(score, sizeof score, "%.2f", s->score);
    }
    g_snprintf(n, sizeof n, "%u", s->projects);
    g_snprintf(red, sizeof red, "%u", s->lights[JX_LIGHT_RED]);
    g_snprintf(yellow, sizeof yellow, "%u", s->lights[JX_LIGHT_YELLOW]);
    GString *note = g_string_new(NULL);
    if (!s->assessed)
      g_string_append(note, "未报实际完成情况");
    if (s->failed)
      g_string_append_printf(note, "%s报告未能生成", note->len ? "；" : "");
    const char *asked = r->o->period ? r->o->period : "";
    if (*s->period && strcmp(s->period, asked) != 0) {
      char *when = report_period_label(s->period);
      if (*when)
        g_string_append_printf(note, "%s截至%s", note->len ? "；" : "", when);
      g_free(when);
    }
    jx_block_row(t);
    jx_block_cell(t, place, JX_ALIGN_CENTER, false);
    jx_block_cell(t, s->department, JX_ALIGN_LEFT, false);
    jx_block_cell(t, n, JX_ALIGN_RIGHT, false);
    jx_block_cell(t, jx_amount_format(s->funds, true, buf), JX_ALIGN_RIGHT, false);
    jx_block_cell(t, score, JX_ALIGN_RIGHT, false);
    jx_block_cell(t, s->assessed ? s->grade : "—", JX_ALIGN_CENTER, false);
    jx_block_cell(t, red, JX_ALIGN_RIGHT, false);
    jx_block_cell(t, yellow, JX_ALIGN_RIGHT, false);
    jx_block_cell(t, note->str, JX_ALIGN_LEFT, false);
    g_string_free(note, TRUE);
  }
}

static void scatter(District *ds) {
  if (!ds->r.o->charts || !ds->assessed)
    return;
  heading(ds, "district-scatter");
  JxScatter *sc = jx_scatter_new("各部门得分与项目资金", "项目资金（万元）", "得分");
  for (guint i = 0; i < ds->assessed; i++) {
    const JxScorecard *s = g_ptr_array_index(ds->ranked, i);
    jx_scatter_add(sc, s->department, (double)s->funds / 100, s->score);
  }
  JxBlock *f = jx_document_figure(ds->r.doc, jx_scatter_draw, sc, (GDestroyNotify)jx_scatter_free);
  f->alt = g_strdup(sc->title);
  f->figure_name = g_strdup("汇总-得分与资金");
}

/* 分类完成情况: a heat map of departments by category in ranking order, a
 * table whose cells are shaded by completion (one hue, light to dark, as
 * the department report's map: it prints in grey) with the percentage in
 * each, so that it goes on across pages with its header. */
static void categories(District *ds) {
  if (!ds->assessed)
    return;
  Report *r = &ds->r;
  heading(ds, "district-categories");
  GPtrArray *columns = g_ptr_array_new_with_free_func(g_free);
  for (guint i = 0; i < ds->assessed; i++) {
    const JxScorecard *s = g_ptr_array_index(ds->ranked, i);
    for (guint k = 0; k < s->categories->len; k++) {
      const JxCardCategory *c = g_ptr_array_index(s->categories, k);
      bool known = strcmp(c->label, "预算执行率") == 0;
      for (guint j = 0; j < columns->len && !known; j++)
        known = strcmp(g_ptr_array_index(columns, j), c->label) == 0;
      if (!known)
        g_ptr_array_add(columns, g_strdup(c->label));
    }
  }
  g_ptr_array_add(columns, g_strdup("预算执行率"));
  jx_document_paragraph(r->doc, JX_ROLE_TABLE,
                        "各部门各类指标得分 ÷ 分值；底色越深完成度越高：60%以下、60%～80%、"
                        "80%～90%、90%～100%、100%。",
                        JX_ALIGN_LEFT, false);
  JxBlock *t = jx_document_table(r->doc, columns->len + 1, 1);
  jx_block_row(t);
  jx_block_cell(t, "部门", JX_ALIGN_CENTER, false);
  for (guint c = 0; c < columns->len; c++)
    jx_block_cell(t, g_ptr_array_index(columns, c), JX_ALIGN_CENTER, false);
  for (guint i = 0; i < ds->assessed; i++) {
    const JxScorecard *s = g_ptr_array_index(ds->ranked, i);
    jx_block_row(t);
    jx_block_cell(t, s->department, JX_ALIGN_LEFT, false);
    for (guint c = 0; c < columns->len; c++) {
      double v = NAN;
      for (guint k = 0; k < s->categories->len; k++) {
        const JxCardCategory *cat = g_ptr_array_index(s->categories, k);
        if (cat->weight > 0 && strcmp(cat->label, g_ptr_array_index(columns, c)) == 0)
          v = cat->score / cat->weight;
      }
      if (isnan(v)) {
        jx_block_cell(t, "—", JX_ALIGN_CENTER, false);
        continue;
      }
      char text[32];
      g_snprintf(text, sizeof text, "%.1f%%", 100 * v);
      jx_block_cell(t, text, JX_ALIGN_CENTER, false);
      jx_block_shade(t, jx_heat_color(v));
    }
  }
  g_ptr_array_free(columns, TRUE);
}

/* The light of a department's budget execution, by the rules' thresholds. */
static JxLight execution_light(const JxAssessConfig *c, const JxScorecard *s) {
  double rate = jx_scorecard_execution(s);
  if (isnan(rate))
    return JX_LIGHT_YELLOW;
  double behind = s->progress - rate;
  return behind > c->red + 1e-9      ? JX_LIGHT_RED
         : behind > c->yellow + 1e-9 ? JX_LIGHT_YELLOW
                                     : JX_LIGHT_GREEN;
}

/* 预算执行: each department's execution against 序时进度, with its light. */
static void execution(District *ds) {
  Report *r = &ds->r;
  heading(ds, "district-execution");
  jx_document_paragraph(r->doc, JX_ROLE_TABLE, "单位：万元", JX_ALIGN_RIGHT, false);
  static const char *const head[] = {"序号",   "部门",     "预算数",  "执行数",
                                     "执行率", "序时进度", "监控结果"};
  JxBlock *t = report_headed_table(r->doc, 7, head, G_N_ELEMENTS(head));
  for (guint i = 0; i < ds->ranked->len; i++) {
    const JxScorecard *s = g_ptr_array_index(ds->ranked, i);
    double rate = jx_scorecard_execution(s);
    char n[16], budget[32] = "", done[32] = "", pct[32] = "未报", timing[32];
    g_snprintf(n, sizeof n, "%u", i + 1);
    if (!isnan(rate)) {
      money(s->budget, budget);
      money(s->executed, done);
      g_snprintf(pct, sizeof pct, "%.2f%%", 100 * rate);
    }
    g_snprintf(timing, sizeof timing, "%.2f%%", 100 * s->progress);
    jx_block_row(t);
    jx_block_cell(t, n, JX_ALIGN_CENTER, false);
    jx_block_cell(t, s->department, JX_ALIGN_LEFT, false);
    jx_block_cell(t, budget, JX_ALIGN_RIGHT, false);
    jx_block_cell(t, done, JX_ALIGN_RIGHT, false);
    jx_block_cell(t, pct, JX_ALIGN_RIGHT, false);
    jx_block_cell(t, timing, JX_ALIGN_RIGHT, false);
    report_light_cell(r, t, execution_light(r->rules, s));
  }
}

/* 红黄灯清单: every red project, then every yellow, department by
 * department in ranking order, with why; a department's name spans its
 * rows (repeated with （续） where a page cuts it). */
static void warnings(District *ds) {
  Report *r = &ds->r;
  heading(ds, "district-warnings");
  static const char *const head[] = {"序号", "部门", "项目名称", "监控结果", "原因"};
  JxBlock *t = NULL;
  guint seq = 0;
  for (int want = JX_LIGHT_RED; want >= JX_LIGHT_YELLOW; want--)
    for (guint i = 0; i < ds->ranked->len; i++) {
      const JxScorecard *s = g_ptr_array_index(ds->ranked, i);
      guint rows = 0;
      for (guint k = 0; k < s->alerts->len; k++)
        rows += (int)((const JxCardAlert *)g_ptr_array_index(s->alerts, k))->light == want;
      bool first = true;
      for (guint k = 0; k < s->alerts->len; k++) {
        const JxCardAlert *a = g_ptr_array_index(s->alerts, k);
        if ((int)a->light != want)
          continue;
        if (!t) {
          t = report_headed_table(r->doc, 5, head, G_N_ELEMENTS(head));
          t->continued = report_text_of(r, "continued");
        }
        char n[16];
        g_snprintf(n, sizeof n, "%u", ++seq);
        jx_block_row(t);
        jx_block_cell(t, n, JX_ALIGN_CENTER, false);
        if (first) {
          jx_block_cell(t, s->department, JX_ALIGN_LEFT, false);
          jx_block_span(t, rows, 1);
          first = false;
        }
        jx_block_cell(t, a->project, JX_ALIGN_LEFT, false);
        report_light_cell(r, t, a->light);
        jx_block_cell(t, a->reason, JX_ALIGN_LEFT, false);
      }
    }
  if (!t)
    jx_document_paragraph(r->doc, JX_ROLE_BODY, "本期各部门项目预算执行和绩效指标均为绿灯。",
                          JX_ALIGN_JUSTIFY, true);
}

JxDocument *jx_report_district(GPtrArray *cards, const JxReportOptions *o) {
  District ds = {0};
  Report *r = &ds.r;
  r->o = o;
  r->t = o->tmpl;
  r->rules = o->tmpl->rules;
  ds.ranked = g_ptr_array_sized_new(cards->len);
  for (guint i = 0; i < cards->len; i++)
    g_ptr_array_add(ds.ranked, g_ptr_array_index(cards, i));
  g_ptr_array_sort(ds.ranked, by_score);
  for (guint i = 0; i < ds.ranked->len; i++)
    ds.assessed += ((const JxScorecard *)g_ptr_array_index(ds.ranked, i))->assessed;
  const char *when = o->period ? o->period : "";
  char *year = g_strndup(when, 4);
  char *period = report_period_label(when);
  const char *places[] = {"{部门}", "各部门",     "{年度}", year, "{期间}",
                          period,   "{生成日期}", o->date,  NULL};
  memcpy(r->places, places, sizeof places);
  char *title = report_text_of(r, "title");
  r->doc = jx_document_new(title, jx_template_text(r->t, "template", "name"));
  g_free(r->doc->subject);
  r->doc->subject = g_strdup(jx_template_text(r->t, "template", "name"));
  g_free(r->doc->keywords);
  r->doc->keywords = g_strdup("部门预算绩效, 绩效评价汇总, 双监控, 红黄绿灯");
  r->doc->header = jx_text_fill(r->t->style.header, r->places);
  r->doc->footer = jx_text_fill(r->t->style.footer, r->places);
  for (guint i = 0; i < r->t->n_district_parts; i++) {
    switch (r->t->district_parts[i]) {
    case JX_DISTRICT_COVER:
      cover(&ds);
      break;
    case JX_DISTRICT_TOC:
      contents(&ds);
      break;
    case JX_DISTRICT_TOTALS:
      totals(&ds);
      break;
    case JX_DISTRICT_RANKING:
      ranking(&ds);
      break;
    case JX_DISTRICT_SCATTER:
      scatter(&ds);
      break;
    case JX_DISTRICT_CATEGORIES:
      categories(&ds);
      break;
    case JX_DISTRICT_EXECUTION:
      execution(&ds);
      break;
    case JX_DISTRICT_WARNINGS:
      warnings(&ds);
      break;
    case JX_DISTRICT_COUNT:
      break;
    }
  }
  g_ptr_array_free(ds.ranked, TRUE);
  g_free(title);
  g_free(year);
  g_free(period);
  return r->doc;
}
