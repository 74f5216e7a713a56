/* trend.c - the in-year chart (chart.h): an indicator's values month by
 * month against its target and, for one that accumulates, the 序时进度 line.
 *
 * A reader has to read values off it: so a y axis of round ticks in the
 * indicator's unit, the plot's range fitted to the values (a rate between
 * 96 % and 100 % fills the plot instead of lying on its target line; the
 * bottom tick says where the axis starts), the target line labelled with
 * the target as written, the 序时进度 line named beside it, and each
 * month's value at its point. */
#include "report/chart.h"

#include <math.h>
#include <string.h>

#define BACK 0xF5F5F5 /* the plot's ground */
#define PACE 0x999999 /* 序时进度 */
#define TICK 2.5
#define TICK_GREY 0x808080
#define LABEL 12.0  /* the pitch of a label (the running role's) */
#define ROW_GAP 8.0 /* between rows */

void jx_chart_range(double min, double max, bool from_zero, int most, double *lo, double *hi,
                    double *step) {
  if (min > max) {
    double t = min;
    min = max;
    max = t;
  }
  double span = max - min;
  if (span < 1e-9 * fmax(fabs(max), 1))
    span = fmax(fabs(max) * 0.02, 1e-6); /* one value: a little either side */
  /* room for a value's label over the highest point and under the
   * lowest: a quarter of the values' span each side */
  double below = min - span * 0.25, above = max + span * 0.25;
  if (from_zero || (min >= 0 && below <= 0))
    below = 0;
  /* the shortest range of 2 to 5 round steps of 1, 2 or 5 × 10^k holding
   * [below, above] (no 2.5: its labels take a digit more); of equal ones,
   * more steps */
  static const double nice[] = {1, 2, 5};
  double best = INFINITY;
  *lo = below;
  *hi = above;
  *step = above - below;
  for (size_t i = 0; i < G_N_ELEMENTS(nice); i++)
    for (double unit = pow(10, floor(log10((above - below) / 5)) - 1); unit <= above - below;
         unit *= 10) {
      double s = nice[i] * unit;
      double l = floor(below / s + 1e-9) * s, h = ceil(above / s - 1e-9) * s;
      int n = (int)lround((h - l) / s);
      if (n < 2)
        h = l + 2 * s, n = 2;
      if (n <= most && h - l < best * (1 - 1e-9)) {
        best = h - l;
        *lo = l;
        *hi = h;
        *step = s;
      }
    }
}

static void trend_row_free(JxTrendRow *r) {
  g_free(r->name);
  g_free(r->target_text);
  g_array_free(r->months, TRUE);
  g_array_free(r->values, TRUE);
  g_free(r);
}

JxTrendChart *jx_trends_new(const char *title) {
  JxTrendChart *c = g_new0(JxTrendChart, 1);
  c->title = g_strdup(title);
  c->rows = g_ptr_array_new_with_free_func((GDestroyNotify)trend_row_free);
  return c;
}

JxTrendRow *jx_trends_add(JxTrendChart *c, const char *name, bool accumulates, double target,
                          const char *target_text, const char *unit) {
  JxTrendRow *r = g_new0(JxTrendRow, 1);
  r->name = g_strdup(name);
  r->target_text = g_strdup(target_text ? target_text : "");
  r->accumulates = accumulates;
  r->target = target;
  r->unit = g_intern_string(unit ? unit : "");
  r->months = g_array_new(FALSE, FALSE, sizeof(int));
  r->values = g_array_new(FALSE, FALSE, sizeof(double));
  g_ptr_array_add(c->rows, r);
  return r;
}

void jx_trends_point(JxTrendRow *r, int month, double value) {
  g_array_append_val(r->months, month);
  g_array_append_val(r->values, value);
}

void jx_trends_free(JxTrendChart *c) {
  if (!c)
    return;
  g_free(c->title);
  g_ptr_array_free(c->rows, TRUE);
  g_free(c);
}

/* A value as its point's label: as few decimals as it has, at most two,
 * with its unit when that is % (else the axis says it). */
static char *value_text(double v, const char *unit) {
  int d = 0;
  while (d < 2 && fabs(v * pow(10, d) - round(v * pow(10, d))) > 1e-6)
    d++;
  bool percent = unit && strcmp(unit, "%") == 0;
  return g_strdup_printf("%.*f%s", d, v, percent ? "%" : "");
}

/* The values' labels of a row: each centred on its point's side away from
 * the target line (over a point on it; kept inside the plot), on the
 * plot's ground so that no line runs through it; only the last where two
 * would touch. */
static void value_labels(JxCanvas *cv, const JxTrendRow *r, const double *px, const double *py,
                         double x0, double pw, double top, double base, double ty) {
  guint n = r->values->len;
  double *lx = g_new(double, n), *lw = g_new(double, n), *ly = g_new(double, n);
  char **text = g_new0(char *, n);
  bool touch = false;
  for (guint k = 0; k < n; k++) {
    text[k] = value_text(g_array_index(r->values, double, k), r->unit);
    lw[k] = jx_canvas_width(cv, JX_ROLE_RUNNING, text[k]);
    lx[k] = CLAMP(px[k] - lw[k] / 2, x0, x0 + pw - lw[k]);
    /* over may reach into the half line the row keeps above the plot;
     * under stops at the months' line; neither across the target's line
     * where the other side is free (9 pt set on a 12 pt line: its ink
     * from 1.5 to 10.5 pt down) */
    bool first = py[k] <= ty + 0.01;
    ly[k] = NAN;
    for (int side = 0; side < 2 && isnan(ly[k]); side++) {
      bool over = side ? !first : first;
      double at = over ? py[k] - 3 - LABEL : py[k] + 3;
      bool fits = over ? at >= top - LABEL / 2 : at + LABEL <= base;
      bool crosses = at + 1.5 < ty && ty < at + LABEL - 1.5;
      if (fits && !crosses)
        ly[k] = at;
    }
    if (isnan(ly[k]))
      ly[k] = first && py[k] - 3 - LABEL >= top - LABEL / 2 ? py[k] - 3 - LABEL : py[k] + 3;
    for (guint j = 0; j < k; j++)
      touch |= lx[j] < lx[k] + lw[k] + 2 && lx[k] < lx[j] + lw[j] + 2 && ly[j] < ly[k] + LABEL &&
               ly[k] < ly[j] + LABEL;
  }
  for (guint k = touch ? n - 1 : 0; k < n; k++) {
    /* the label's box: the running role's 9 pt on a 12 pt line */
    jx_canvas_fill(cv, lx[k] - 1, ly[k] + 1.5, lw[k] + 2, LABEL - 3, BACK);
    jx_canvas_text(cv, JX_ROLE_RUNNING, text[k], lx[k], ly[k], lw[k] + 1, JX_ALIGN_LEFT);
  }
  for (guint k = 0; k < n; k++)
    g_free(text[k]);
  g_free(text);
  g_free(lx);
  g_free(lw);
  g_free(ly);
}

/* One row at y; returns its height. */
static double draw_row(JxCanvas *cv, const JxTrendRow *r, double x, double y, double width) {
  const JxStyle *st = jx_canvas_style(cv);
  double h =
      jx_canvas_text(cv, JX_ROLE_TABLE, r->name, x, y, width * JX_TREND_NAME - 6, JX_ALIGN_LEFT);
  double x0 = x + width * JX_TREND_FROM, pw = width * JX_TREND_WIDTH, ph = JX_TREND_HEIGHT;
  /* the plot stands half a label below the row's top, so that its top
   * tick's label stays in the row */
  double top = y + LABEL / 2, base = top + ph;
  double most = r->target, least = r->target;
  for (guint k = 0; k < r->values->len; k++) {
    double v = g_array_index(r->values, double, k);
    most = fmax(most, v);
    least = fmin(least, v);
  }
  double lo, hi, step;
  /* as many steps as labels fit up the plot, at most five */
  jx_chart_range(least, most, r->accumulates, MIN(5, (int)(ph / LABEL)), &lo, &hi, &step);
#define TX(m) (x0 + pw * (m) / 12.0)
#define TY(v) (base - ph * ((v)-lo) / (hi - lo))
  jx_canvas_fill(cv, x0, top, pw, ph, BACK);
  /* the y axis: a tick and its label at the left, the unit (all but %,
   * which each label has) after the top one; no line across: a value's
   * label may stand anywhere on the plot */
  int n = (int)lround((hi - lo) / step);
  for (int i = 0; i <= n; i++) {
    double v = lo + i * step, ty = TY(v);
    jx_canvas_line(cv, x0 - TICK, ty, TICK, 0, 0.5, TICK_GREY);
    char *label = jx_chart_tick_text(v, step, r->unit);
    if (i == n && jx_chart_axis_unit(r->unit)) { /* the unit once, at the top */
      char *with = g_strconcat(label, r->unit, NULL);
      g_free(label);
      label = with;
    }
    double lw = jx_canvas_width(cv, JX_ROLE_RUNNING, label);
    jx_canvas_text(cv, JX_ROLE_RUNNING, label, x0 - TICK - 2 - lw, ty - LABEL / 2, lw + 1,
                   JX_ALIGN_LEFT);
    g_free(label);
  }
  /* the target across, labelled at its right end; 序时进度 rising to it */
  double ty = TY(r->target), right = x0 + pw + 4, rw = x + width - right;
  jx_canvas_line(cv, x0, ty, pw, 0, 1, 0x000000);
  char *target = g_strdup_printf("目标 %s", r->target_text);
  double th = jx_canvas_text(cv, JX_ROLE_RUNNING, target, right, ty - LABEL / 2, rw, JX_ALIGN_LEFT);
  g_free(target);
  if (r->accumulates) {
    jx_canvas_line(cv, x0, TY(0), pw, ty - TY(0), 0.8, PACE);
    /* named under the target's label, a stroke of its grey before it */
    double py = ty - LABEL / 2 + th;
    jx_canvas_line(cv, right, py + LABEL / 2, 8, 0, 0.8, PACE);
    jx_canvas_text(cv, JX_ROLE_RUNNING, "序时进度", right + 10, py, rw - 10, JX_ALIGN_LEFT);
  }
  /* the values, joined, at their months */
  guint nv = r->values->len;
  double *px = g_new(double, nv), *py = g_new(double, nv);
  for (guint k = 0; k < nv; k++) {
    px[k] = TX(g_array_index(r->months, int, k));
    py[k] = TY(g_array_index(r->values, double, k));
    if (k > 0)
      jx_canvas_line(cv, px[k - 1], py[k - 1], px[k] - px[k - 1], py[k] - py[k - 1], 1.5, st->met);
  }
  for (guint k = 0; k < nv; k++)
    jx_canvas_dot(cv, px[k], py[k], 2.5, st->met);
  value_labels(cv, r, px, py, x0, pw, top, base, ty);
  g_free(px);
  g_free(py);
  /* the months by quarter */
  static const char *const quarters[] = {"年初", "3月", "6月", "9月", "12月"};
  for (int q = 0; q <= 4; q++) {
    double tx = TX(3 * q), tw = jx_canvas_width(cv, JX_ROLE_RUNNING, quarters[q]);
    double lx = q == 0 ? tx : q == 4 ? tx - tw : tx - tw / 2;
    jx_canvas_line(cv, tx, base, 0, TICK, 0.5, TICK_GREY);
    jx_canvas_text(cv, JX_ROLE_RUNNING, quarters[q], lx, base + TICK, tw + 1, JX_ALIGN_LEFT);
  }
#undef TX
#undef TY
  return fmax(h, base - y + TICK + LABEL);
}

double jx_trends_draw(const void *chart, JxCanvas *cv, double x, double top, double width) {
  const JxTrendChart *c = chart;
  double y = top;
  y += jx_canvas_text(cv, JX_ROLE_TABLE_HEAD, c->title, x, y, width, JX_ALIGN_LEFT) + 2;
  for (guint i = 0; i < c->rows->len; i++)
    y += draw_row(cv, g_ptr_array_index(c->rows, i), x, y, width) + ROW_GAP;
  return y - top;
}
