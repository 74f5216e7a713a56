/* chart.c - bullet charts of target against actual. */
#include "report/chart.h"

#include <math.h>
#include <string.h>

/* Greys of the completion tiers, darkest for the worst: they print. */
#define BAND_UNMET 0xBDBDBD
#define BAND_PARTLY 0xD9D9D9
#define BAND_MET 0xF0F0F0

#define ROW_GAP 6.0 /* between rows */
#define BAND 12.0   /* height of the bands */
#define BAR 5.0     /* height of the actual's bar */

static void row_free(JxBulletRow *r) {
  g_free(r->name);
  g_free(r->values);
  g_free(r);
}

JxBulletChart *jx_bullets_new(const char *title) {
  JxBulletChart *c = g_new0(JxBulletChart, 1);
  c->title = g_strdup(title);
  c->rows = g_ptr_array_new_with_free_func((GDestroyNotify)row_free);
  return c;
}

void jx_bullets_free(JxBulletChart *c) {
  if (!c)
    return;
  g_free(c->title);
  g_ptr_array_free(c->rows, TRUE);
  g_free(c);
}

void jx_bullets_add(JxBulletChart *c, const JxBulletRow *row) {
  JxBulletRow *r = g_new(JxBulletRow, 1);
  *r = *row;
  r->name = g_strdup(row->name);
  r->values = g_strdup(row->values);
  r->unit = g_intern_string(row->unit ? row->unit : "");
  g_ptr_array_add(c->rows, r);
}

double jx_chart_scale(double target, double actual, double *step) {
  double top = fmax(fmax(target, actual), 1e-9) * 1.15;
  /* the smallest end of 2 to 5 steps of 1, 2, 2.5 or 5 × 10^k that reaches
   * top; of equal ends the one of more steps, but 2.5 only where no other
   * step reaches as low (0, 2, 4, 6, 8, 10 rather than 0, 2.5, 5, 7.5, 10) */
  static const double nice[] = {1, 2, 5, 2.5};
  double best = INFINITY, best_step = 0;
  for (size_t i = 0; i < G_N_ELEMENTS(nice); i++)
    for (double unit = pow(10, floor(log10(top / 5)) - 1); unit <= top; unit *= 10) {
      double s = nice[i] * unit;
      int n = (int)ceil(top / s - 1e-9);
      if (n < 2)
        n = 2;
      if (n <= 5 && n * s < best * (1 - 1e-9))
        best = n * s, best_step = s;
    }
  if (step)
    *step = best_step;
  return best;
}

/* The colour of a status, from the template's [colors]. */
static guint32 status_color(JxCanvas *cv, JxStatus s) {
  const JxStyle *st = jx_canvas_style(cv);
  return s == JX_STATUS_MET ? st->met : s == JX_STATUS_PARTLY ? st->partly : st->unmet;
}

char *jx_chart_tick_text(double v, double step, const char *unit) {
  if (v == 0)
    return g_strdup("0");
  bool percent = unit && strcmp(unit, "%") == 0;
  if (step >= 10000 && fmod(step, 10000) == 0)
    return g_strdup_printf("%g万%s", v / 10000, percent ? "%" : "");
  return g_strdup_printf("%g%s", v, percent ? "%" : "");
}

const char *jx_chart_axis_unit(const char *unit) {
  return unit && *unit && strcmp(unit, "%") != 0 ? unit : NULL;
}

#define TICK 2.5     /* length of a tick mark */
#define TICK_GAP 4.0 /* least space between two tick labels */
#define TICK_GREY 0x808080

/* Draws the ticks of a scale from 0 to end by step along [x0, x0 + w] (from
 * the right when reverse), hanging below y, and labels as many as fit
 * without touching: every tick, else every second and the end, and so on;
 * the labels at the ends keep inside the plot. */
static void draw_axis(JxCanvas *cv, double x0, double w, double y, double end, double step,
                      const char *unit, bool reverse) {
  int n = (int)lround(end / step);
  if (n < 1)
    return;
  char **text = g_new0(char *, n + 1);
  double *left = g_new(double, n + 1), *width = g_new(double, n + 1);
  for (int i = 0; i <= n; i++) {
    double x = reverse ? x0 + w * (1 - (double)i / n) : x0 + w * i / n;
    jx_canvas_line(cv, x, y, 0, TICK, 0.5, TICK_GREY);
    text[i] = jx_chart_tick_text(i * step, step, unit);
    width[i] = jx_canvas_width(cv, JX_ROLE_RUNNING, text[i]);
    /* flush with the plot's ends, centred on the ticks between */
    left[i] = x - width[i] / 2;
    if (left[i] < x0)
      left[i] = x0;
    if (left[i] + width[i] > x0 + w)
      left[i] = x0 + w - width[i];
  }
  int stride = 1;
  for (; stride < n; stride++) {
    /* the labelled ticks in the order they stand, left to right */
    bool fits = true;
    double right = -INFINITY;
    for (int k = 0; k <= n && fits; k++) {
      int i = reverse ? n - k : k;
      if (i % stride != 0 && i != n)
        continue;
      fits = left[i] >= right + TICK_GAP;
      right = left[i] + width[i];
    }
    if (fits)
      break;
  }
  for (int i = 0; i <= n; i++) {
    if (i % stride == 0 || i == n)
      jx_canvas_text(cv, JX_ROLE_RUNNING, text[i], left[i], y + TICK, width[i] + 1, JX_ALIGN_LEFT);
    g_free(text[i]);
  }
  g_free(text);
  g_free(left);
  g_free(width);
}

/* Draws one row's plot in [x0, x0 + w] around the centre line cy. */
static void draw_plot(JxCanvas *cv, const JxBulletRow *r, double x0, double w, double cy,
                      const JxAssessConfig *tiers) {
  (void)tiers;
  double band_top = cy - BAND / 2;
  if (r->qualitative) {
    /* completion 0 … 1: 未达成 below 60 %, 部分达成 to 80 %, 达成 above */
    jx_canvas_fill(cv, x0, band_top, w * 0.6, BAND, BAND_UNMET);
    jx_canvas_fill(cv, x0 + w * 0.6, band_top, w * 0.2, BAND, BAND_PARTLY);
    jx_canvas_fill(cv, x0 + w * 0.8, band_top, w * 0.2, BAND, BAND_MET);
    jx_canvas_dot(cv, x0 + w * fmin(fmax(r->ratio, 0), 1), cy, 4, status_color(cv, r->status));
    return;
  }
  double step, max = jx_chart_scale(r->target, r->actual, &step);
  /* where value v stands: from the left, or from the right when less is
   * better, so that better is always to the right */
  double t = r->target / max, a = fmin(r->actual / max, 1);
  double xt = r->reverse ? x0 + w * (1 - t) : x0 + w * t;
  double xa = r->reverse ? x0 + w * (1 - a) : x0 + w * a;
  double p60 = r->reverse ? fmin(r->target / 0.6 / max, 1) : r->target * 0.6 / max;
  if (!r->reverse) {
    jx_canvas_fill(cv, x0, band_top, w * p60, BAND, BAND_UNMET);
    jx_canvas_fill(cv, x0 + w * p60, band_top, w * (t - p60), BAND, BAND_PARTLY);
    jx_canvas_fill(cv, x0 + w * t, band_top, w * (1 - t), BAND, BAND_MET);
    if (xa > x0)
      jx_canvas_fill(cv, x0, cy - BAR / 2, xa - x0, BAR, status_color(cv, r->status));
  } else {
    jx_canvas_fill(cv, x0, band_top, w * (1 - p60), BAND, BAND_UNMET);
    jx_canvas_fill(cv, x0 + w * (1 - p60), band_top, w * (p60 - t), BAND, BAND_PARTLY);
    jx_canvas_fill(cv, x0 + w * (1 - t), band_top, w * t, BAND, BAND_MET);
    if (xa > x0)
      jx_canvas_fill(cv, x0, cy - BAR / 2, xa - x0, BAR, status_color(cv, r->status));
  }
  jx_canvas_line(cv, xt, band_top - 2, 0, BAND + 4, 2, 0x000000);
  draw_axis(cv, x0, w, cy + BAND / 2, max, step, r->unit, r->reverse);
}

double jx_bullets_draw(const void *chart, JxCanvas *cv, double x, double top, double width) {
  const JxBulletChart *c = chart;
  double y = top;
  y += jx_canvas_text(cv, JX_ROLE_TABLE_HEAD, c->title, x, y, width, JX_ALIGN_LEFT) + 2;
  double label_w = width * (JX_CHART_PLOT_FROM - 0.02);
  double x0 = x + width * JX_CHART_PLOT_FROM, pw = width * JX_CHART_PLOT_WIDTH;
  double status_x = x0 + pw + 6, status_w = x + width - status_x;
  for (guint i = 0; i < c->rows->len; i++) {
    const JxBulletRow *r = g_ptr_array_index(c->rows, i);
    double h = jx_canvas_text(cv, JX_ROLE_TABLE, r->name, x, y, label_w, JX_ALIGN_LEFT);
    char *values = r->reverse ? g_strconcat(r->values, "（越小越好）", NULL) : g_strdup(r->values);
    h += jx_canvas_text(cv, JX_ROLE_RUNNING, values, x, y + h, label_w, JX_ALIGN_LEFT);
    g_free(values);
    /* the marker's reach above the bands, the bands, the ticks and their labels */
    double plot_h = 2 + BAND + TICK + 13.5;
    double row_h = fmax(h, plot_h);
    double cy = y + 2 + BAND / 2;
    draw_plot(cv, r, x0, pw, cy, NULL);
    jx_canvas_text(cv, JX_ROLE_RUNNING, jx_status_name(r->status), status_x, y, status_w,
                   JX_ALIGN_LEFT);
    if (!r->qualitative && jx_chart_axis_unit(r->unit))
      /* the unit of the scale, at the end of its labels */
      jx_canvas_text(cv, JX_ROLE_RUNNING, r->unit, status_x, cy + BAND / 2 + TICK, status_w,
                     JX_ALIGN_LEFT);
    y += row_h + ROW_GAP;
  }
  return y - top;
}

/* ---- scores by category ---- */

JxScoreChart *jx_scores_new(const char *title) {
  JxScoreChart *c = g_new0(JxScoreChart, 1);
  c->title = g_strdup(title);
  c->labels = g_ptr_array_new_with_free_func(g_free);
  c->points = g_array_new(FALSE, FALSE, sizeof(double));
  c->scores = g_array_new(FALSE, FALSE, sizeof(double));
  return c;
}

void jx_scores_add(JxScoreChart *c, const char *label, double points, double score) {
  g_ptr_array_add(c->labels, g_strdup(label));
  g_array_append_val(c->points, points);
  g_array_append_val(c->scores, score);
}

void jx_scores_free(JxScoreChart *c) {
  if (!c)
    return;
  g_free(c->title);
  g_ptr_array_free(c->labels, TRUE);
  g_array_free(c->points, TRUE);
  g_array_free(c->scores, TRUE);
  g_free(c);
}

/* Under a graded score chart: a tick at each grade's threshold and at 100
 * over [x0, x0 + w], the thresholds written (one that would touch the one
 * before is left out), and each grade's name in the middle of its band;
 * returns the height taken. */
static double grade_scale(JxCanvas *cv, const GPtrArray *grades, double x0, double w, double y) {
  guint n = grades->len;
  double right = -INFINITY, last = -INFINITY;
  for (guint k = n + 1; k-- > 0;) {
    /* the thresholds from the worst grade's up (grades run best first),
     * then 100 */
    double v = k ? ((const JxGrade *)g_ptr_array_index(grades, k - 1))->from : 100;
    if (v <= last)
      continue;
    last = v;
    double tx = x0 + w * v / 100;
    jx_canvas_line(cv, tx, y, 0, TICK, 0.5, TICK_GREY);
    char *text = g_strdup_printf("%g", v);
    double tw = jx_canvas_width(cv, JX_ROLE_RUNNING, text), lx = fmax(tx - tw / 2, x0);
    if (lx >= right + TICK_GAP) {
      jx_canvas_text(cv, JX_ROLE_RUNNING, text, lx, y + TICK, tw + 1, JX_ALIGN_LEFT);
      right = lx + tw;
    }
    g_free(text);
  }
  double names = y + TICK + 12;
  for (guint k = 0; k < n; k++) {
    const JxGrade *g = g_ptr_array_index(grades, k);
    double to = k ? ((const JxGrade *)g_ptr_array_index(grades, k - 1))->from : 100;
    double bx = x0 + w * g->from / 100, bw = w * (to - g->from) / 100;
    double tw = jx_canvas_width(cv, JX_ROLE_RUNNING, g->name);
    if (tw + 2 <= bw)
      jx_canvas_text(cv, JX_ROLE_RUNNING, g->name, bx + (bw - tw) / 2, names, tw + 1,
                     JX_ALIGN_LEFT);
  }
  return TICK + 24;
}

double jx_scores_draw(const void *chart, JxCanvas *cv, double x, double top, double width) {
  const JxScoreChart *c = chart;
  double y = top;
  y += jx_canvas_text(cv, JX_ROLE_TABLE_HEAD, c->title, x, y, width, JX_ALIGN_LEFT) + 2;
  double most = 0;
  for (guint i = 0; i < c->points->len; i++)
    most = fmax(most, g_array_index(c->points, double, i));
  double x0 = x + width * JX_SCORES_FROM, full = width * JX_SCORES_WIDTH;
  double text_x = x0 + full + 6;
  for (guint i = 0; i < c->labels->len; i++) {
    double points = g_array_index(c->points, double, i);
    double score = g_array_index(c->scores, double, i);
    double h = jx_canvas_text(cv, JX_ROLE_TABLE, g_ptr_array_index(c->labels, i), x, y,
                              width * JX_SCORES_FROM - 4, JX_ALIGN_LEFT);
    double cy = y + 7.5;
    double wp = most > 0 ? full * points / most : 0, ws = most > 0 ? full * score / most : 0;
    double ratio = points > 0 ? score / points : 0;
    guint grade = 0; /* of the total, in c->grades */
    if (c->grades && c->grades->len && points > 0) {
      /* a band a grade, darker for worse, from its threshold to the next */
      guint n = c->grades->len;
      for (guint k = 0; k < n; k++) {
        const JxGrade *g = g_ptr_array_index(c->grades, k);
        double to = k ? ((const JxGrade *)g_ptr_array_index(c->grades, k - 1))->from : 100;
        guint level = n > 1 ? 0xBD + (0xF5 - 0xBD) * (n - 1 - k) / (n - 1) : 0xF0;
        jx_canvas_fill(cv, x0 + wp * g->from / 100, cy - BAND / 2, wp * (to - g->from) / 100, BAND,
                       level << 16 | level << 8 | level);
        if (score < g->from - 1e-9)
          grade = k + 1;
      }
      grade = MIN(grade, n - 1);
    } else {
      jx_canvas_fill(cv, x0, cy - BAND / 2, wp, BAND, BAND_MET);
    }
    if (ws > 0) {
      /* a total is coloured by its grade (the best blue, the worst
       * vermillion), a category by whether it scored all its points */
      guint32 color;
      if (c->grades && c->grades->len)
        color = status_color(cv, grade == 0                   ? JX_STATUS_MET
                                 : grade + 1 < c->grades->len ? JX_STATUS_PARTLY
                                                              : JX_STATUS_UNMET);
      else
        color = status_color(cv, ratio >= 1 - 1e-9 ? JX_STATUS_MET
                                 : ratio >= 0.6    ? JX_STATUS_PARTLY
                                                   : JX_STATUS_UNMET);
      /* on grade bands a thinner bar, so that the bands show either side */
      double bar = c->grades && c->grades->len ? BAND / 2 : BAND - 4;
      jx_canvas_fill(cv, x0, cy - bar / 2, ws, bar, color);
    }
    /* the points as a closing mark */
    jx_canvas_line(cv, x0 + wp, cy - BAND / 2 - 2, 0, BAND + 4, 2, 0x000000);
    char *text = g_strdup_printf("%.2f / %.2f", score, points);
    jx_canvas_text(cv, JX_ROLE_RUNNING, text, text_x, y, x + width - text_x, JX_ALIGN_LEFT);
    g_free(text);
    y += fmax(h, BAND + 6) + ROW_GAP;
  }
  if (c->grades && c->grades->len && most > 0)
    y += grade_scale(cv, c->grades, x0, full * 100 / most, y);
  return y - top;
}

/* ---- completion by project and category ---- */

JxHeatMap *jx_heat_new(const char *title, GPtrArray *columns) {
  JxHeatMap *m = g_new0(JxHeatMap, 1);
  m->title = g_strdup(title);
  m->rows = g_ptr_array_new_with_free_func(g_free);
  m->columns = g_ptr_array_new_with_free_func(g_free);
  for (guint i = 0; i < columns->len; i++)
    g_ptr_array_add(m->columns, g_strdup(g_ptr_array_index(columns, i)));
  m->values = g_array_new(FALSE, FALSE, sizeof(double));
  return m;
}

void jx_heat_add(JxHeatMap *m, const char *row, const double *values) {
  g_ptr_array_add(m->rows, g_strdup(row));
  g_array_append_vals(m->values, values, m->columns->len);
}

void jx_heat_free(JxHeatMap *m) {
  if (!m)
    return;
  g_free(m->title);
  g_ptr_array_free(m->rows, TRUE);
  g_ptr_array_free(m->columns, TRUE);
  g_array_free(m->values, TRUE);
  g_free(m);
}

guint32 jx_heat_color(double completion) {
  /* ColorBrewer Blues, light to dark with completion */
  return completion < 0.6        ? 0xF7FBFF
         : completion < 0.8      ? 0xDEEBF7
         : completion < 0.9      ? 0xC6DBEF
         : completion < 1 - 1e-9 ? 0x9ECAE1
                                 : 0x6BAED6;
}

double jx_heat_draw(const void *map, JxCanvas *cv, double x, double top, double width) {
  const JxHeatMap *m = map;
  double y = top;
  y += jx_canvas_text(cv, JX_ROLE_TABLE_HEAD, m->title, x, y, width, JX_ALIGN_LEFT) + 2;
  guint nc = m->columns->len;
  double label_w = width * 0.34, cell_w = (width - label_w) / MAX(nc, 1);
  double head = 0;
  for (guint c = 0; c < nc; c++)
    head = fmax(head, jx_canvas_text(cv, JX_ROLE_RUNNING, g_ptr_array_index(m->columns, c),
                                     x + label_w + c * cell_w, y, cell_w, JX_ALIGN_CENTER));
  y += head + 2;
  for (guint r = 0; r < m->rows->len; r++) {
    double h = fmax(jx_canvas_text(cv, JX_ROLE_TABLE, g_ptr_array_index(m->rows, r), x, y + 2,
                                   label_w - 4, JX_ALIGN_LEFT) +
                        4,
                    20);
    for (guint c = 0; c < nc; c++) {
      double v = g_array_index(m->values, double, r *nc + c);
      double cx = x + label_w + c * cell_w;
      if (isnan(v)) {
        jx_canvas_text(cv, JX_ROLE_RUNNING, "—", cx, y + (h - 12) / 2, cell_w, JX_ALIGN_CENTER);
        continue;
      }
      jx_canvas_fill(cv, cx + 1, y + 1, cell_w - 2, h - 2, jx_heat_color(v));
      char *text = g_strdup_printf("%.1f%%", 100 * v);
      jx_canvas_text(cv, JX_ROLE_RUNNING, text, cx, y + (h - 12) / 2, cell_w, JX_ALIGN_CENTER);
      g_free(text);
    }
    y += h;
  }
  return y - top;
}
