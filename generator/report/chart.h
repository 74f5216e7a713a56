/* chart.h - charts of target against actual, drawn on a layout canvas (so
 * they go into the display list with the pages, and their text is set with
 * Pango like all text).
 *
 * A bullet chart has a row per indicator, each with its own scale because
 * units differ: the target as a marker, the actual as a bar, the completion
 * tiers as grey bands.  For a 反向 indicator (less is better) the scale runs
 * from right to left, so that better reads rightwards on every row. */
#ifndef JX_CHART_H
#define JX_CHART_H

#include "assess/assess.h"
#include "layout/layout.h"

typedef struct {
  char *name;       /* the indicator */
  char *values;     /* "实际 99.4% ／ 目标 ≥98%", as written */
  bool qualitative; /* a tier only: a mark at its completion */
  bool reverse;     /* 反向: less is better */
  double target;    /* in the target's unit */
  double actual;    /* in the same unit */
  double ratio;     /* completion, where a qualitative mark stands */
  JxStatus status;
  const char *unit; /* of target and actual: labels the scale; may be NULL */
} JxBulletRow;

typedef struct {
  char *title;
  GPtrArray *rows; /* JxBulletRow * */
} JxBulletChart;

JxBulletChart *jx_bullets_new(const char *title);
void jx_bullets_free(JxBulletChart *c);

/* Adds a row; texts are copied. */
void jx_bullets_add(JxBulletChart *c, const JxBulletRow *row);

/* Draws chart (a JxBulletChart) at (x, top) in width; returns its height.
 * A JxFigureDraw. */
double jx_bullets_draw(const void *chart, JxCanvas *cv, double x, double top, double width);

/* A project's score by category: a bar per 一级 category and for 预算执行率,
 * its score against its points on one scale, and the total with its grade. */
typedef struct {
  char *title; /* "得分 99.07（优）" */
  GPtrArray *labels;
  GArray *points; /* double: the category's points */
  GArray *scores; /* double: what it scored */
  /* JxGrade * best first (assess.h), or NULL: the rows are totals out of
   * 100, drawn on the bands of the grades, each bar coloured by its grade,
   * and a scale below with the grades' thresholds and names */
  const GPtrArray *grades;
} JxScoreChart;

JxScoreChart *jx_scores_new(const char *title);
void jx_scores_add(JxScoreChart *c, const char *label, double points, double score);
void jx_scores_free(JxScoreChart *c);

/* Draws a JxScoreChart; a JxFigureDraw. */
double jx_scores_draw(const void *chart, JxCanvas *cv, double x, double top, double width);

/* Where the bars of a score chart start and how wide the longest (the
 * greatest points) is, as shares of the width. */
#define JX_SCORES_FROM 0.30
#define JX_SCORES_WIDTH 0.52

/* Completion of each project by category: a cell a project and category,
 * shaded by completion (one hue, light to dark: it prints in grey) with
 * the percentage written in it. */
typedef struct {
  char *title;
  GPtrArray *rows;    /* char *: projects */
  GPtrArray *columns; /* char *: categories */
  GArray *values;     /* double, rows × columns; NAN where a project has none */
} JxHeatMap;

JxHeatMap *jx_heat_new(const char *title, GPtrArray *columns);
/* Adds a row of columns->len values. */
void jx_heat_add(JxHeatMap *m, const char *row, const double *values);
void jx_heat_free(JxHeatMap *m);
double jx_heat_draw(const void *map, JxCanvas *cv, double x, double top, double width);

/* The shade of a completion (0.95 for 95 %). */
guint32 jx_heat_color(double completion);

/* In year: an indicator's values month by month against its annual target
 * (a horizontal line, labelled with the target as written) and, for one
 * that accumulates, the 序时进度 line that rises to the target at December;
 * a y axis of round ticks in the indicator's unit, each value written at
 * its point (only the last where they would touch). */
typedef struct {
  char *name;
  char *target_text; /* "≥98%" */
  bool accumulates;
  double target;
  const char *unit;
  GArray *months; /* int 1..12 */
  GArray *values; /* double, in the target's unit */
} JxTrendRow;

typedef struct {
  char *title;
  GPtrArray *rows; /* JxTrendRow * */
} JxTrendChart;

JxTrendChart *jx_trends_new(const char *title);
/* Adds a row; returns it for jx_trends_point.  target_text is the target
 * as the table writes it (≥98%), for its label. */
JxTrendRow *jx_trends_add(JxTrendChart *c, const char *name, bool accumulates, double target,
                          const char *target_text, const char *unit);
void jx_trends_point(JxTrendRow *r, int month, double value);
void jx_trends_free(JxTrendChart *c);
double jx_trends_draw(const void *chart, JxCanvas *cv, double x, double top, double width);

/* A trend row's geometry: its name in the first JX_TREND_NAME of the width,
 * the y axis's labels up to the plot, the plot from JX_TREND_FROM of the
 * width for JX_TREND_WIDTH of it and JX_TREND_HEIGHT points high, the
 * target's label in what is left at the right. */
#define JX_TREND_NAME 0.28
#define JX_TREND_FROM 0.38
#define JX_TREND_WIDTH 0.46
#define JX_TREND_HEIGHT 54.0

/* The district summary's score against funds (scatter.c): a point a
 * department, its name beside it where it meets no other name, point or
 * edge (placed in the order added: the best-ranked first), and a caption
 * counting the names left out. */
typedef struct {
  char *title;
  char *x_unit, *y_unit; /* the axes' captions: 资金（万元）, 得分 */
  GPtrArray *points;
} JxScatter;

JxScatter *jx_scatter_new(const char *title, const char *x_unit, const char *y_unit);
void jx_scatter_add(JxScatter *s, const char *name, double x, double y);
void jx_scatter_free(JxScatter *s);
double jx_scatter_draw(const void *scatter, JxCanvas *cv, double x, double top, double width);

/* The label of tick value v on a scale of step: a percentage carries its
 * sign; a scale of whole 万 counts in 万 (100万, 200万) so that labels stay
 * short.  Caller frees. */
char *jx_chart_tick_text(double v, double step, const char *unit);

/* The unit written once beside a scale: all but %, which each label has;
 * NULL for none. */
const char *jx_chart_axis_unit(const char *unit);

/* The scale of a line chart that need not start at zero (trend.c): round
 * ticks of step from *lo to *hi (2 to most steps of 1, 2 or 5 × 10^k)
 * around the values from min to max with some room above and below, so
 * that a rate moving between 96 % and 100 % fills the plot; from zero where
 * the room below would reach it, or where from_zero (a line that starts at
 * zero). */
void jx_chart_range(double min, double max, bool from_zero, int most, double *lo, double *hi,
                    double *step);

/* The end of a row's scale, at least 1.15 times the larger of target and
 * actual: 2 to 5 steps of a round number (1, 2, 2.5 or 5 × 10^k), the
 * ticks; sets *step (if not NULL). */
double jx_chart_scale(double target, double actual, double *step);

/* The share of the width that is the label column, and the plot's start
 * and width as shares: the geometry the tests measure against. */
#define JX_CHART_PLOT_FROM 0.38
#define JX_CHART_PLOT_WIDTH 0.50

/* The default colours of the statuses (Okabe–Ito: they stay apart for
 * colour-blind readers, and each status is also written beside its bar);
 * a template's [colors] sets its own. */
#define JX_CHART_MET 0x0072B2
#define JX_CHART_PARTLY 0xE69F00
#define JX_CHART_UNMET 0xD55E00

#endif
