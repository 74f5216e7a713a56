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
 * (a horizontal line) and, for one that accumulates, the 序时进度 line that
 * rises to the target at December. */
typedef struct {
  char *name;
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
/* Adds a row; returns it for jx_trends_point. */
JxTrendRow *jx_trends_add(JxTrendChart *c, const char *name, bool accumulates, double target,
                          const char *unit);
void jx_trends_point(JxTrendRow *r, int month, double value);
void jx_trends_free(JxTrendChart *c);
double jx_trends_draw(const void *chart, JxCanvas *cv, double x, double top, double width);

/* The plot of a trend row: its start and width as shares of the width, and
 * its height in points. */
#define JX_TREND_FROM 0.38
#define JX_TREND_WIDTH 0.50
#define JX_TREND_HEIGHT 36.0

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
