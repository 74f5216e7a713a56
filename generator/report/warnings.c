/* warnings.c - 红黄绿灯 in the report: a light as a disc and its word, and
 * the part that puts every project's lights, then every yellow and red with
 * its reason, at the front of the monthly report. */
#include "report/parts.h"

#include <stdlib.h>
#include <string.h>

void report_light_cell(const Report *r, JxBlock *t, JxLight l) {
  static const char *const keys[] = {"", "green", "yellow", "red"};
  if (l == JX_LIGHT_NONE) {
    jx_block_cell(t, "—", JX_ALIGN_CENTER, false);
    return;
  }
  const char *hex = jx_template_text(r->t, "colors", keys[l]);
  guint32 color = *hex == '#' ? (guint32)strtoul(hex + 1, NULL, 16) : 0;
  char *word = g_strdup_printf("%s %s", jx_light_color_name(l), jx_light_word(l));
  jx_block_dot_cell(t, word, color, JX_ALIGN_LEFT);
  g_free(word);
}

bool report_lights_shown(const Report *r) {
  return strcmp(jx_template_text(r->t, "warnings", "lights"), "true") == 0;
}

/* The worst light of pr's indicators, and how many are yellow and red. */
static JxLight indicators_light(const JxProjectResult *pr, guint *yellow, guint *red) {
  JxLight worst = JX_LIGHT_NONE;
  *yellow = *red = 0;
  for (guint k = 0; k < pr->indicators->len; k++) {
    JxLight l = g_array_index(pr->indicators, JxIndicatorResult, k).light;
    worst = MAX(worst, l);
    *yellow += l == JX_LIGHT_YELLOW;
    *red += l == JX_LIGHT_RED;
  }
  return worst;
}

/* 序号 | 项目名称 | 预算执行 | 绩效指标 | 综合: a row a project. */
static void lights_table(const Report *r, GPtrArray *results) {
  static const char *const head[] = {"序号",     "项目名称",   "预算执行",
                                     "绩效指标", "红灯、黄灯", "综合"};
  JxBlock *t = report_headed_table(r->doc, 6, head, G_N_ELEMENTS(head));
  for (guint i = 0; i < results->len; i++) {
    const JxProjectResult *pr = g_ptr_array_index(results, i);
    char n[16], *counts;
    guint yellow, red;
    JxLight ind = indicators_light(pr, &yellow, &red);
    g_snprintf(n, sizeof n, "%u", i + 1);
    counts = red || yellow ? g_strdup_printf("红%u 黄%u", red, yellow) : g_strdup("");
    jx_block_row(t);
    jx_block_cell(t, n, JX_ALIGN_CENTER, false);
    jx_block_cell(t, pr->project->name, JX_ALIGN_LEFT, false);
    report_light_cell(r, t, pr->execution_light);
    report_light_cell(r, t, ind);
    jx_block_cell(t, counts, JX_ALIGN_CENTER, false);
    report_light_cell(r, t, pr->light);
    g_free(counts);
  }
}

/* A row of the detail: what, its light, why. */
static void detail_row(const Report *r, JxBlock *t, guint *seq, const char *project,
                       const char *what, JxLight l, const char *reason, const char *cause) {
  char n[16];
  g_snprintf(n, sizeof n, "%u", ++*seq);
  jx_block_row(t);
  jx_block_cell(t, n, JX_ALIGN_CENTER, false);
  jx_block_cell(t, project, JX_ALIGN_LEFT, false);
  jx_block_cell(t, what, JX_ALIGN_LEFT, false);
  report_light_cell(r, t, l);
  /* the unit's words end as a sentence does */
  bool ended = cause && (g_str_has_suffix(cause, "。") || g_str_has_suffix(cause, "！") ||
                         g_str_has_suffix(cause, "？"));
  char *why = cause && *cause
                  ? g_strdup_printf("%s。偏差原因：%s%s", reason, cause, ended ? "" : "。")
                  : g_strdup_printf("%s。", reason);
  jx_block_cell(t, why, JX_ALIGN_LEFT, false);
  g_free(why);
}

/* Every yellow and red, reds first, with its reason; a project that
 * reported nothing at all in one row. */
static void detail_table(const Report *r, GPtrArray *results) {
  static const char *const head[] = {"序号", "项目名称", "监控内容", "监控结果", "原因"};
  JxBlock *t = NULL;
  guint seq = 0;
  for (int want = JX_LIGHT_RED; want >= JX_LIGHT_YELLOW; want--) {
    for (guint i = 0; i < results->len; i++) {
      const JxProjectResult *pr = g_ptr_array_index(results, i);
      const char *name = pr->project->name;
      if (!t && pr->light >= JX_LIGHT_YELLOW)
        t = report_headed_table(r->doc, 5, head, G_N_ELEMENTS(head));
      if (!jx_project_reported(pr)) {
        if (want == JX_LIGHT_YELLOW)
          detail_row(r, t, &seq, name, "预算执行和绩效指标", JX_LIGHT_YELLOW, "本期未报监控情况",
                     NULL);
        continue;
      }
      if ((int)pr->execution_light == want)
        detail_row(r, t, &seq, name, "预算执行", pr->execution_light, pr->execution_reason, NULL);
      for (guint k = 0; k < pr->indicators->len; k++) {
        const JxIndicatorResult *res = &g_array_index(pr->indicators, JxIndicatorResult, k);
        if ((int)res->light == want)
          detail_row(r, t, &seq, name, res->indicator->name, res->light, res->light_reason,
                     res->actual ? res->actual->cause : NULL);
      }
    }
  }
  if (!t)
    jx_document_paragraph(r->doc, JX_ROLE_BODY, "本期各项目预算执行和绩效指标均为绿灯。",
                          JX_ALIGN_JUSTIFY, true);
}

void report_warnings(Report *r) {
  char *title = report_text_of(r, "warnings");
  report_heading(r, 1, title);
  g_free(title);
  /* every project at the report's period, reported or not: one that
   * reported nothing is itself a yellow */
  GPtrArray *results = g_ptr_array_new_with_free_func((GDestroyNotify)jx_project_result_free);
  for (guint i = 0; i < r->d->projects->len; i++)
    g_ptr_array_add(results, jx_assess_project(g_ptr_array_index(r->d->projects, i), r->o->period,
                                               r->rules, NULL));
  guint counts[4] = {0};
  for (guint i = 0; i < results->len; i++)
    counts[((JxProjectResult *)g_ptr_array_index(results, i))->light]++;
  char *line = g_strdup_printf(
      "按预算执行进度和绩效目标实现程度“双监控”，%u个项目中绿灯%u个、黄灯%u个、红灯%u个。"
      "黄灯%s，红灯%s。",
      results->len, counts[JX_LIGHT_GREEN], counts[JX_LIGHT_YELLOW], counts[JX_LIGHT_RED],
      "表示落后序时进度或目标、需关注", "表示明显落后或预计无法完成、需预警");
  jx_document_paragraph(r->doc, JX_ROLE_BODY, line, JX_ALIGN_JUSTIFY, true);
  g_free(line);
  lights_table(r, results);
  char *detail = report_text_of(r, "warnings-detail");
  report_heading(r, 2, detail);
  g_free(detail);
  detail_table(r, results);
  g_ptr_array_free(results, TRUE);
}
