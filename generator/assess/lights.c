/* lights.c - 红黄绿灯: the two monitors of 财预〔2019〕136号 on an assessed
 * project.  Budget execution is judged by how many points of 序时进度 its
 * rate is behind; an indicator by how far short it is of what is due (an
 * accumulating one of the annual value × 序时进度, a level of its target),
 * and by the 完成可能性 its unit reported: 完全不可能 is red whatever the
 * numbers, 有可能 at least yellow. */
#include "assess/assess.h"

#include <string.h>

const char *jx_light_color_name(JxLight l) {
  static const char *const names[] = {"", "绿", "黄", "红"};
  return names[l];
}

const char *jx_light_word(JxLight l) {
  static const char *const words[] = {"", "正常", "关注", "预警"};
  return words[l];
}

/* The light of a shortfall under the thresholds: a hair's tolerance, so
 * that 0.75 − 0.65 is not judged more than 0.1. */
static JxLight by_shortfall(double shortfall, const JxAssessConfig *c) {
  return shortfall > c->red + 1e-9      ? JX_LIGHT_RED
         : shortfall > c->yellow + 1e-9 ? JX_LIGHT_YELLOW
                                        : JX_LIGHT_GREEN;
}

/* Appends a clause to a reason, "；" between clauses. */
static void add_reason(char **reason, const char *clause) {
  char *joined = *reason ? g_strconcat(*reason, "；", clause, NULL) : g_strdup(clause);
  g_free(*reason);
  *reason = joined;
}

static void indicator_light(JxIndicatorResult *res, double progress, const JxAssessConfig *c) {
  const JxOutcome *o = &res->outcome;
  res->light = JX_LIGHT_NONE;
  switch (o->status) {
  case JX_STATUS_NOT_APPLICABLE:
    return;
  case JX_STATUS_NO_ACTUAL:
    res->light = JX_LIGHT_YELLOW;
    add_reason(&res->light_reason, "本期未报完成值");
    break;
  case JX_STATUS_UNASSESSABLE: {
    res->light = JX_LIGHT_YELLOW;
    char *why = g_strconcat("无法评价：", o->reason ? o->reason : "", NULL);
    add_reason(&res->light_reason, why);
    g_free(why);
    break;
  }
  default: {
    res->light = by_shortfall(1 - o->ratio, c);
    if (res->light == JX_LIGHT_GREEN)
      break;
    char *why = res->accumulates && progress < 1
                    ? g_strdup_printf("完成按序时进度（%.1f%%）应完成量的%.1f%%", 100 * progress,
                                      100 * o->ratio)
                    : g_strdup_printf("完成率%.1f%%", 100 * o->ratio);
    add_reason(&res->light_reason, why);
    g_free(why);
  }
  }
  const char *likely = res->actual ? res->actual->likelihood : "";
  if (strstr(likely, "不可能")) {
    res->light = JX_LIGHT_RED;
  } else if (strstr(likely, "有可能")) {
    res->light = MAX(res->light, JX_LIGHT_YELLOW);
  } else {
    return;
  }
  char *why = g_strconcat("完成可能性：", likely, NULL);
  add_reason(&res->light_reason, why);
  g_free(why);
}

static void execution_light(JxProjectResult *r, const JxAssessConfig *c) {
  if (!r->has_execution) {
    r->execution_light = JX_LIGHT_YELLOW;
    r->execution_reason = g_strdup("本期未报预算执行");
    return;
  }
  double behind = r->progress - r->execution_rate;
  r->execution_light = by_shortfall(behind, c);
  if (r->execution_light != JX_LIGHT_GREEN)
    r->execution_reason = g_strdup_printf("执行率%.2f%%，低于序时进度%.2f%% %.2f个百分点",
                                          100 * r->execution_rate, 100 * r->progress, 100 * behind);
}

bool jx_project_reported(const JxProjectResult *r) {
  if (r->has_execution)
    return true;
  for (guint k = 0; k < r->indicators->len; k++)
    if (g_array_index(r->indicators, JxIndicatorResult, k).actual)
      return true;
  return false;
}

void jx_assess_lights(JxProjectResult *r, const JxAssessConfig *c) {
  execution_light(r, c);
  r->light = r->execution_light;
  for (guint i = 0; i < r->indicators->len; i++) {
    JxIndicatorResult *res = &g_array_index(r->indicators, JxIndicatorResult, i);
    indicator_light(res, r->progress, c);
    r->light = MAX(r->light, res->light);
  }
}
