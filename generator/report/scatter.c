/* scatter.c - the district summary's score against funds: a point a
 * department, its name beside it where there is room.  Names are placed
 * best-ranked first, each at the first of right, left, above and below
 * that meets no placed name, no point and no edge; a name that finds no
 * room is left out, and the caption says how many were (the ranking table
 * has them all). */
#include "report/chart.h"

#include <math.h>
#include <string.h>

#define PLOT_H 260.0  /* the plot's height */
#define AXIS_W 34.0   /* the y axis's labels, left of the plot */
#define DOT_R 2.6     /* a point's radius */
#define LABEL_GAP 2.0 /* between a point and its name */
#define TICK 2.5
#define GREY 0x808080
#define PLOT_BG 0xF5F5F5

typedef struct {
  char *name;
  double funds, score;
} Point;

static void point_free(Point *p) {
  g_free(p->name);
  g_free(p);
}

JxScatter *jx_scatter_new(const char *title, const char *x_unit, const char *y_unit) {
  JxScatter *s = g_new0(JxScatter, 1);
  s->title = g_strdup(title);
  s->x_unit = g_strdup(x_unit);
  s->y_unit = g_strdup(y_unit);
  s->points = g_ptr_array_new_with_free_func((GDestroyNotify)point_free);
  return s;
}

void jx_scatter_add(JxScatter *s, const char *name, double x, double y) {
  Point *p = g_new0(Point, 1);
  p->name = g_strdup(name);
  p->funds = x;
  p->score = y;
  g_ptr_array_add(s->points, p);
}

void jx_scatter_free(JxScatter *s) {
  if (!s)
    return;
  g_free(s->title);
  g_free(s->x_unit);
  g_free(s->y_unit);
  g_ptr_array_free(s->points, TRUE);
  g_free(s);
}

typedef struct {
  double x1, y1, x2, y2;
} Box;

static bool meet(const Box *a, const Box *b) {
  return a->x1 < b->x2 && b->x1 < a->x2 && a->y1 < b->y2 && b->y1 < a->y2;
}

static bool free_at(const Box *b, const GArray *taken, const Box *plot) {
  if (b->x1 < plot->x1 || b->x2 > plot->x2 || b->y1 < plot->y1 || b->y2 > plot->y2)
    return false;
  for (guint i = 0; i < taken->len; i++)
    if (meet(b, &g_array_index(taken, Box, i)))
      return false;
  return true;
}

double jx_scatter_draw(const void *data, JxCanvas *cv, double x, double top, double width) {
  const JxScatter *s = data;
  const JxStyle *st = jx_canvas_style(cv);
  const JxRoleStyle *small = &st->roles[JX_ROLE_RUNNING];
  double y = top;
  y += jx_canvas_text(cv, JX_ROLE_TABLE_HEAD, s->title, x, y, width, JX_ALIGN_LEFT) + 4;
  /* the y unit over its axis */
  y += jx_canvas_text(cv, JX_ROLE_RUNNING, s->y_unit, x, y, AXIS_W + 40, JX_ALIGN_LEFT);
  double px = x + AXIS_W, pw = width - AXIS_W - 4, py = y + small->pitch / 2, ph = PLOT_H;
  jx_canvas_fill(cv, px, py, pw, ph, PLOT_BG);
  double xmax = 0, ymin = INFINITY, ymax = -INFINITY;
  for (guint i = 0; i < s->points->len; i++) {
    const Point *p = g_ptr_array_index(s->points, i);
    xmax = fmax(xmax, p->funds);
    ymin = fmin(ymin, p->score);
    ymax = fmax(ymax, p->score);
  }
  if (!s->points->len)
    ymin = 0, ymax = 100;
  double xlo, xhi, xstep, ylo, yhi, ystep;
  jx_chart_range(0, fmax(xmax, 1), true, 6, &xlo, &xhi, &xstep);
  jx_chart_range(ymin, fmax(ymax, ymin + 1), false, 6, &ylo, &yhi, &ystep);
  /* scores stop at 100 */
  if (yhi > 100 && ymax <= 100)
    yhi = 100;
#define SX(v) (px + pw * ((v)-xlo) / (xhi - xlo))
#define SY(v) (py + ph * (1 - ((v)-ylo) / (yhi - ylo)))
  /* y ticks: labels right-aligned against the plot */
  for (double v = ylo; v <= yhi + ystep * 1e-6; v += ystep) {
    double ty = SY(v);
    jx_canvas_line(cv, px - TICK, ty, TICK, 0, 0.5, GREY);
    char *t = jx_chart_tick_text(v, ystep, "");
    jx_canvas_text(cv, JX_ROLE_RUNNING, t, x, ty - small->pitch / 2, AXIS_W - TICK - 2,
                   JX_ALIGN_RIGHT);
    g_free(t);
  }
  /* x ticks under the plot, every second one where they would crowd */
  int n = (int)lround((xhi - xlo) / xstep);
  double widest = 0;
  for (int i = 0; i <= n; i++) {
    char *t = jx_chart_tick_text(xlo + i * xstep, xstep, "");
    widest = fmax(widest, jx_canvas_width(cv, JX_ROLE_RUNNING, t));
    g_free(t);
  }
  int stride = widest + 6 > pw / MAX(n, 1) ? 2 : 1;
  for (int i = 0; i <= n; i++) {
    double tx = SX(xlo + i * xstep);
    jx_canvas_line(cv, tx, py + ph, 0, TICK, 0.5, GREY);
    if (i % stride)
      continue;
    char *t = jx_chart_tick_text(xlo + i * xstep, xstep, "");
    double w = jx_canvas_width(cv, JX_ROLE_RUNNING, t);
    double left = fmin(fmax(tx - w / 2, px), px + pw - w);
    jx_canvas_text(cv, JX_ROLE_RUNNING, t, left, py + ph + TICK, w + 1, JX_ALIGN_LEFT);
    g_free(t);
  }
  double below = py + ph + TICK + small->pitch;
  jx_canvas_text(cv, JX_ROLE_RUNNING, s->x_unit, px, below, pw, JX_ALIGN_RIGHT);
  below += small->pitch;

  /* the points, then their names: every point is an obstacle */
  GArray *taken = g_array_new(FALSE, FALSE, sizeof(Box));
  for (guint i = 0; i < s->points->len; i++) {
    const Point *p = g_ptr_array_index(s->points, i);
    double cx = SX(p->funds), cy = SY(p->score);
    jx_canvas_dot(cv, cx, cy, DOT_R, st->met);
    Box b = {cx - DOT_R, cy - DOT_R, cx + DOT_R, cy + DOT_R};
    g_array_append_val(taken, b);
  }
  Box plot = {px + 1, py + 1, px + pw - 1, py + ph - 1};
  guint left_out = 0;
  double h = small->pitch;
  for (guint i = 0; i < s->points->len; i++) {
    const Point *p = g_ptr_array_index(s->points, i);
    double cx = SX(p->funds), cy = SY(p->score);
    double w = jx_canvas_width(cv, JX_ROLE_RUNNING, p->name);
    double d = DOT_R + LABEL_GAP;
    Box tries[] = {
        {cx + d, cy - h / 2, cx + d + w, cy + h / 2}, /* right */
        {cx - d - w, cy - h / 2, cx - d, cy + h / 2}, /* left */
        {cx - w / 2, cy - d - h, cx + w / 2, cy - d}, /* above */
        {cx - w / 2, cy + d, cx + w / 2, cy + d + h}, /* below */
    };
    bool placed = false;
    for (size_t k = 0; k < G_N_ELEMENTS(tries) && !placed; k++) {
      if (!free_at(&tries[k], taken, &plot))
        continue;
      jx_canvas_text(cv, JX_ROLE_RUNNING, p->name, tries[k].x1, tries[k].y1, w + 1, JX_ALIGN_LEFT);
      g_array_append_val(taken, tries[k]);
      placed = true;
    }
    left_out += !placed;
  }
  g_array_free(taken, TRUE);
#undef SX
#undef SY
  if (left_out) {
    char *note = g_strdup_printf("另有%u个部门因位置重叠未标注名称，见排名表。", left_out);
    below += jx_canvas_text(cv, JX_ROLE_RUNNING, note, px, below, pw, JX_ALIGN_LEFT);
    g_free(note);
  }
  return below - top + 4;
}
