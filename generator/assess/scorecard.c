/* scorecard.c - a department's scorecard for the district summary, and its
 * text form for the pipe and the tree's state. */
#include "assess/scorecard.h"

#include <math.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

static void category_free(JxCardCategory *c) {
  g_free(c->label);
  g_free(c);
}

/* Indicators a project's alert names, of each light. */
#define ALERT_NAMES 3

static void alert_free(JxCardAlert *a) {
  g_free(a->project);
  g_free(a->reason);
  g_free(a);
}

JxScorecard *jx_scorecard_empty(const char *department) {
  JxScorecard *s = g_new0(JxScorecard, 1);
  s->department = g_strdup(department);
  s->period = g_strdup("");
  s->grade = g_strdup("");
  s->progress = 1;
  s->categories = g_ptr_array_new_with_free_func((GDestroyNotify)category_free);
  s->alerts = g_ptr_array_new_with_free_func((GDestroyNotify)alert_free);
  return s;
}

void jx_scorecard_free(JxScorecard *s) {
  if (!s)
    return;
  g_free(s->department);
  g_free(s->period);
  g_free(s->grade);
  g_ptr_array_free(s->categories, TRUE);
  g_ptr_array_free(s->alerts, TRUE);
  g_free(s);
}

static void add_alert(JxScorecard *s, JxLight l, const char *project, const char *reason) {
  JxCardAlert *a = g_new0(JxCardAlert, 1);
  a->light = l;
  a->project = g_strdup(project);
  a->reason = g_strdup(reason);
  g_ptr_array_add(s->alerts, a);
}

static void add_category(JxScorecard *s, const char *label, double weight, double score) {
  for (guint i = 0; i < s->categories->len; i++) {
    JxCardCategory *c = g_ptr_array_index(s->categories, i);
    if (strcmp(c->label, label) == 0) {
      c->weight += weight;
      c->score += score;
      return;
    }
  }
  JxCardCategory *c = g_new0(JxCardCategory, 1);
  c->label = g_strdup(label);
  c->weight = weight;
  c->score = score;
  g_ptr_array_add(s->categories, c);
}

/* Names of pr's indicators of light l, at most a few, and how many. */
static void named(GString *out, const JxProjectResult *pr, JxLight l, const char *label) {
  guint n = 0;
  for (guint k = 0; k < pr->indicators->len; k++)
    n += g_array_index(pr->indicators, JxIndicatorResult, k).light == l;
  if (!n)
    return;
  g_string_append_printf(out, "%s%s%u项：", out->len ? "；" : "", label, n);
  guint shown = 0;
  for (guint k = 0; k < pr->indicators->len && shown < ALERT_NAMES; k++) {
    const JxIndicatorResult *res = &g_array_index(pr->indicators, JxIndicatorResult, k);
    if (res->light != l)
      continue;
    g_string_append_printf(out, "%s%s（%s）", shown++ ? "，" : "", res->indicator->name,
                           res->light_reason);
  }
  if (n > shown)
    g_string_append_printf(out, "等");
}

/* A project's yellow or red, with why: its budget, then its red and yellow
 * indicators (the first few named); one that reported nothing says so. */
static void project_alert(JxScorecard *s, const JxProjectResult *pr) {
  if (pr->light < JX_LIGHT_YELLOW)
    return;
  if (!jx_project_reported(pr)) {
    add_alert(s, pr->light, pr->project->name, "本期未报监控情况。");
    return;
  }
  GString *why = g_string_new(NULL);
  if (pr->execution_light >= JX_LIGHT_YELLOW)
    g_string_append_printf(why, "预算执行%s灯：%s", jx_light_color_name(pr->execution_light),
                           pr->execution_reason);
  named(why, pr, JX_LIGHT_RED, "红灯指标");
  named(why, pr, JX_LIGHT_YELLOW, "黄灯指标");
  g_string_append(why, "。");
  add_alert(s, pr->light, pr->project->name, why->str);
  g_string_free(why, TRUE);
}

JxScorecard *jx_scorecard_new(const JxDepartment *d, const char *period, const JxAssessConfig *c) {
  JxScorecard *s = jx_scorecard_empty(d->name);
  const char *when = period;
  g_free(s->period);
  s->period = g_strdup(when ? when : "");
  /* each project at the department's period, reported or not: the lights
   * and the budget; the score is the department's, as its report has it */
  GPtrArray *all = g_ptr_array_new_with_free_func((GDestroyNotify)jx_project_result_free);
  for (guint i = 0; i < d->projects->len; i++) {
    const JxProject *p = g_ptr_array_index(d->projects, i);
    JxProjectResult *pr = jx_assess_project(p, when, c, NULL);
    s->progress = pr->progress;
    s->indicators += p->indicators->len;
    if (!p->whole) {
      s->projects++;
      s->funds += p->funds.total;
      s->has_funds |= p->funds.has_total;
      if (pr->has_execution && p->funds.has_total) {
        double budget = (double)p->funds.total / 100;
        s->budget += budget;
        s->executed += budget * pr->execution_rate;
        s->executing++;
      }
    }
    s->lights[pr->light]++;
    g_ptr_array_add(all, pr);
  }
  for (guint i = 0; i < all->len; i++)
    project_alert(s, g_ptr_array_index(all, i));
  g_ptr_array_free(all, TRUE);

  JxDepartmentResult *dr = jx_assess_department(d, when, c, NULL);
  s->assessed = dr->projects->len > 0;
  s->score = dr->total;
  g_free(s->grade);
  s->grade = g_strdup(s->assessed ? dr->grade : "");
  double exec_weight = 0, exec_score = 0;
  for (guint i = 0; i < dr->projects->len; i++) {
    const JxProjectResult *pr = g_ptr_array_index(dr->projects, i);
    for (guint k = 0; k < pr->categories->len; k++) {
      const JxCategoryResult *cat = g_ptr_array_index(pr->categories, k);
      if (cat->level == 1)
        add_category(s, cat->label, cat->weight, cat->score);
    }
    if (pr->has_execution) {
      exec_weight += pr->execution_weight;
      exec_score += pr->execution_score;
    }
  }
  if (exec_weight > 0)
    add_category(s, "预算执行率", exec_weight, exec_score);
  jx_department_result_free(dr);
  return s;
}

double jx_scorecard_execution(const JxScorecard *s) {
  return s->executing && s->budget > 0 ? s->executed / s->budget : NAN;
}

/* ---- as text ---- */

/* Fields are joined by tabs, a backslash, tab, line end or return in one
 * written as C writes it (what g_strcompress reads back): a name may hold
 * anything but a NUL, and Chinese stays as it is. */
static void line(GString *out, const char *key, int n, ...) {
  g_string_append(out, key);
  va_list ap;
  va_start(ap, n);
  for (int i = 0; i < n; i++) {
    g_string_append_c(out, '\t');
    for (const char *c = va_arg(ap, const char *); *c; c++) {
      const char *e = *c == '\\'   ? "\\\\"
                      : *c == '\t' ? "\\t"
                      : *c == '\n' ? "\\n"
                      : *c == '\r' ? "\\r"
                                   : NULL;
      if (e)
        g_string_append(out, e);
      else
        g_string_append_c(out, *c);
    }
  }
  va_end(ap);
  g_string_append_c(out, '\n');
}

char *jx_scorecard_to_text(const JxScorecard *s) {
  GString *out = g_string_new(NULL);
  char a[G_ASCII_DTOSTR_BUF_SIZE], b[G_ASCII_DTOSTR_BUF_SIZE], n[32], m[32], k[32];
  line(out, "department", 1, s->department);
  line(out, "period", 1, s->period);
  g_snprintf(n, sizeof n, "%u", s->projects);
  g_snprintf(m, sizeof m, "%u", s->indicators);
  line(out, "counts", 2, n, m);
  g_snprintf(n, sizeof n, "%" G_GINT64_FORMAT, (gint64)s->funds);
  line(out, "funds", 2, n, s->has_funds ? "1" : "0");
  g_snprintf(n, sizeof n, "%u", s->executing);
  line(out, "execution", 3, g_ascii_dtostr(a, sizeof a, s->budget),
       g_ascii_dtostr(b, sizeof b, s->executed), n);
  line(out, "progress", 1, g_ascii_dtostr(a, sizeof a, s->progress));
  line(out, "score", 3, s->assessed ? "1" : "0", g_ascii_dtostr(a, sizeof a, s->score), s->grade);
  for (guint i = 0; i < s->categories->len; i++) {
    const JxCardCategory *c = g_ptr_array_index(s->categories, i);
    line(out, "category", 3, c->label, g_ascii_dtostr(a, sizeof a, c->weight),
         g_ascii_dtostr(b, sizeof b, c->score));
  }
  g_snprintf(n, sizeof n, "%u", s->lights[JX_LIGHT_GREEN]);
  g_snprintf(m, sizeof m, "%u", s->lights[JX_LIGHT_YELLOW]);
  g_snprintf(k, sizeof k, "%u", s->lights[JX_LIGHT_RED]);
  line(out, "lights", 3, n, m, k);
  for (guint i = 0; i < s->alerts->len; i++) {
    const JxCardAlert *al = g_ptr_array_index(s->alerts, i);
    g_snprintf(n, sizeof n, "%d", (int)al->light);
    line(out, "alert", 3, n, al->project, al->reason);
  }
  return g_string_free(out, FALSE);
}

static bool number(const char *text, double *out) {
  char *end = NULL;
  *out = g_ascii_strtod(text, &end);
  return end && end != text && !*end && isfinite(*out);
}

/* Reads one line's fields into s; false when it is not one of its lines. */
static bool read_line(JxScorecard *s, gchar **f, guint n) {
  const char *key = f[0];
  double x, y;
  if (strcmp(key, "department") == 0 && n == 2) {
    g_free(s->department);
    s->department = g_strdup(f[1]);
  } else if (strcmp(key, "period") == 0 && n == 2) {
    g_free(s->period);
    s->period = g_strdup(f[1]);
  } else if (strcmp(key, "counts") == 0 && n == 3) {
    s->projects = (guint)strtoul(f[1], NULL, 10);
    s->indicators = (guint)strtoul(f[2], NULL, 10);
  } else if (strcmp(key, "funds") == 0 && n == 3) {
    s->funds = g_ascii_strtoll(f[1], NULL, 10);
    s->has_funds = strcmp(f[2], "1") == 0;
  } else if (strcmp(key, "execution") == 0 && n == 4 && number(f[1], &x) && number(f[2], &y)) {
    s->budget = x;
    s->executed = y;
    s->executing = (guint)strtoul(f[3], NULL, 10);
  } else if (strcmp(key, "progress") == 0 && n == 2 && number(f[1], &x)) {
    s->progress = x;
  } else if (strcmp(key, "score") == 0 && n == 4 && number(f[2], &x)) {
    s->assessed = strcmp(f[1], "1") == 0;
    s->score = x;
    g_free(s->grade);
    s->grade = g_strdup(f[3]);
  } else if (strcmp(key, "category") == 0 && n == 4 && number(f[2], &x) && number(f[3], &y)) {
    add_category(s, f[1], x, y);
  } else if (strcmp(key, "lights") == 0 && n == 4) {
    for (int i = 0; i < 3; i++)
      s->lights[JX_LIGHT_GREEN + i] = (guint)strtoul(f[1 + i], NULL, 10);
  } else if (strcmp(key, "alert") == 0 && n == 4) {
    int l = atoi(f[1]);
    if (l < JX_LIGHT_YELLOW || l > JX_LIGHT_RED)
      return false;
    JxCardAlert *a = g_new0(JxCardAlert, 1);
    a->light = (JxLight)l;
    a->project = g_strdup(f[2]);
    a->reason = g_strdup(f[3]);
    g_ptr_array_add(s->alerts, a);
  } else {
    return false;
  }
  return true;
}

JxScorecard *jx_scorecard_from_text(const char *text, GError **error) {
  JxScorecard *s = jx_scorecard_empty("");
  gchar **lines = g_strsplit(text ? text : "", "\n", -1);
  bool ok = text && *text;
  for (int i = 0; ok && lines[i]; i++) {
    if (!*lines[i])
      continue;
    gchar **f = g_strsplit(lines[i], "\t", -1);
    guint n = g_strv_length(f);
    for (guint k = 1; k < n; k++) {
      char *plain = g_strcompress(f[k]);
      g_free(f[k]);
      f[k] = plain;
    }
    ok = read_line(s, f, n);
    if (!ok)
      g_set_error(error, G_FILE_ERROR, G_FILE_ERROR_INVAL, "not a scorecard line: %.60s", lines[i]);
    g_strfreev(f);
  }
  if (!text || !*text)
    g_set_error(error, G_FILE_ERROR, G_FILE_ERROR_INVAL, "an empty scorecard");
  g_strfreev(lines);
  if (!ok) {
    jx_scorecard_free(s);
    return NULL;
  }
  return s;
}
