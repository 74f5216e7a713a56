/* assess.h - an indicator's actual value against its target: the status,
 * the completion ratio, the score and the flags a reviewer looks for.
 *
 * Every threshold, weight and phrase comes from a JxAssessConfig, read from
 * templates/defaults.ini (DOMAIN.md §3) until report templates set their
 * own.  Weights, totals and in-year progress build on this. */
#ifndef JX_ASSESS_H
#define JX_ASSESS_H

#include "model/diag.h"
#include "model/model.h"
#include "model/value.h"

#include <glib.h>
#include <stdbool.h>

typedef enum {
  JX_STATUS_MET,            /* 达成 */
  JX_STATUS_PARTLY,         /* 部分达成 */
  JX_STATUS_UNMET,          /* 未达成 */
  JX_STATUS_NO_ACTUAL,      /* 无实际值 */
  JX_STATUS_NOT_APPLICABLE, /* 不适用 */
  JX_STATUS_UNASSESSABLE,   /* 无法评价 */
} JxStatus;

/* A phrase of a qualitative actual and the completion it stands for. */
typedef struct {
  char *phrase;
  double ratio;
} JxPhrase;

/* Points of a category (预算执行率, 产出指标 …) where the table gives none. */
typedef struct {
  char *label;
  double points;
} JxWeight;

/* A grade and the lowest total score that earns it. */
typedef struct {
  char *name;
  double from;
} JxGrade;

typedef struct {
  double partly_from;        /* a quantitative ratio from which 部分达成: 0.6 */
  double qual_met_from;      /* a qualitative ratio from which 达成: 0.8 */
  double qual_partly_from;   /* … and 部分达成: 0.6 */
  double too_easy_above;     /* completion above which 目标设定偏低: 1.3 */
  bool penalise_too_easy;    /* whether such a target loses score */
  GPtrArray *phrases;        /* JxPhrase *, matched by jx_text_key */
  GPtrArray *not_applicable; /* char *: actual texts that mean 不适用 */
  GPtrArray *weights;        /* JxWeight *: 预算执行率 and each 一级 category */
  GPtrArray *grades;         /* JxGrade *, best first */
  gchar **level_units;       /* in year: units of levels, not accumulations */
  gchar **level_words;       /* … and words in their names */
  double lag;                /* behind by more than this is 滞后 */
  double yellow, red;        /* [warnings]: behind by more than these is 黄灯, 红灯 */
  GHashTable *accumulates;   /* name key -> GINT_TO_POINTER(1 累计 or 2 时点) */
} JxAssessConfig;

/* Reads the rules from a key file (templates/defaults.ini: sections
 * [assess], [weights], [grades], [phrases], [not-applicable]).  NULL with
 * *error naming the file and the key when one is missing or not a number.
 * Free with jx_assess_config_free. */
JxAssessConfig *jx_assess_config_load(const char *path, GError **error);
/* The same from keys already read (a template's); path names them in
 * errors. */
JxAssessConfig *jx_assess_config_from_keys(GKeyFile *kf, const char *path, GError **error);
void jx_assess_config_free(JxAssessConfig *c);

/* The points of a category label in c (exact, else "其他"); 0 when none. */
double jx_assess_weight(const JxAssessConfig *c, const char *label);

/* The grade of a total score. */
const char *jx_assess_grade(const JxAssessConfig *c, double total);

/* The outcome for one indicator. */
typedef struct {
  JxStatus status;
  double ratio;  /* completion, 1.0 for 100 %; uncapped; 0 when unknown */
  bool too_easy; /* completion above too_easy_above: 目标设定偏低 */
  char *reason;  /* why 无法评价, or the unmapped phrase; NULL otherwise */
  bool error;    /* 无法评价 because the data contradict themselves (units that
                  * measure different things): an error, not a warning */
} JxOutcome;

/* Assesses actual against target.  target and actual may be NULL (no target
 * given, no actual given).  The caller frees out->reason. */
void jx_assess_value(const JxValue *target, const JxValue *actual, const JxAssessConfig *c,
                     JxOutcome *out);

/* The score of an outcome under a weight: ratio × weight, capped at the
 * weight (and over-completion not rewarded); 0 for statuses with no ratio. */
double jx_assess_score(const JxOutcome *o, double weight, const JxAssessConfig *c);

/* ---- a project ---- */

#define JX_STATUS_COUNT 6

/* A light of 双监控 (财预〔2019〕136号): how a project's budget execution
 * and its indicators stand against 序时进度 and their targets. */
typedef enum {
  JX_LIGHT_NONE,   /* nothing to judge: 不适用, or no monitoring */
  JX_LIGHT_GREEN,  /* 绿 正常 */
  JX_LIGHT_YELLOW, /* 黄 关注 */
  JX_LIGHT_RED,    /* 红 预警 */
} JxLight;

typedef struct {
  const JxIndicator *indicator;
  const JxActual *actual; /* of the period assessed, or NULL */
  JxOutcome outcome;
  double weight; /* points of 100 after rescaling; 0 when left out */
  double score;
  bool accumulates; /* compared with the annual value × 序时进度 */
  bool lagging;     /* in year, behind by more than the lag: 滞后 */
  JxLight light;
  char *light_reason; /* why yellow or red, in words; NULL for green */
} JxIndicatorResult;

/* Totals of a 一级 (level 1) or 二级 (level 2) category. */
typedef struct {
  char *label;
  int level;
  double weight, score;
  guint counts[JX_STATUS_COUNT]; /* indicators by JxStatus */
} JxCategoryResult;

typedef struct {
  const JxProject *project;
  char *period;           /* the period assessed, "" when none */
  double progress;        /* 序时进度: 0.5 at 2024-06, 1 for the year */
  bool has_execution;     /* budget execution reported for the period */
  bool execution_lagging; /* the rate behind 序时进度 by more than the lag */
  double execution_rate;  /* executed ÷ budget, 0.98 for 98 % */
  JxLight execution_light;
  char *execution_reason; /* why yellow or red; NULL for green */
  JxLight light;          /* the worst of the budget's and the indicators' */
  double execution_weight, execution_score;
  GArray *indicators;    /* JxIndicatorResult, in table order */
  GPtrArray *categories; /* JxCategoryResult *: each 一级 then its 二级 */
  double total;          /* of out_of */
  double out_of;         /* 100, or what printed points add up to when not 100 */
  double percent;        /* total on the 100-point scale: what grades and weighs */
  const char *grade;     /* from the configuration, by percent */
  guint counts[JX_STATUS_COUNT];
} JxProjectResult;

/* Assesses project p at period (NULL: the latest period it has actuals or
 * budget execution for): each indicator, the weights (the table's 分值 where
 * given, else the category points of c split evenly, 不适用 left out and the
 * rest rescaled to 100), budget execution, the total and its grade.
 * Warnings (a reported 得分 that differs from the computed one, weights
 * that do not add up to 100) go to diag when it is not NULL. */
JxProjectResult *jx_assess_project(const JxProject *p, const char *period, const JxAssessConfig *c,
                                   JxDiag *diag);
void jx_project_result_free(JxProjectResult *r);

/* Sets the lights of r (lights.c): its budget execution's, each
 * indicator's and the worst of them, under c's [warnings].  Called by
 * jx_assess_project. */
void jx_assess_lights(JxProjectResult *r, const JxAssessConfig *c);

/* Whether anything of r is reported at its period: its budget execution or
 * an indicator's actual (one that reported nothing is itself a yellow). */
bool jx_project_reported(const JxProjectResult *r);

/* p assessed at every period it has actuals or budget execution for, in
 * period order (months, then the year): the time series of the trend
 * charts.  JxProjectResult *, freed with the array. */
GPtrArray *jx_assess_periods(const JxProject *p, const JxAssessConfig *c);

/* A department's totals at a period. */
typedef struct {
  const JxDepartment *department;
  GPtrArray *projects;    /* JxProjectResult *, those with actuals */
  JxProjectResult *whole; /* the department's own indicators (部门整体), or NULL */
  double total;           /* their totals weighted by their funds */
  const char *grade;
  guint counts[JX_STATUS_COUNT]; /* their indicators by status */
} JxDepartmentResult;

/* Assesses every project of d at period (NULL: each its latest) and totals
 * them: the department's score is the mean of its projects' scores weighted
 * by their 总计 (evenly where no funds are given). */
JxDepartmentResult *jx_assess_department(const JxDepartment *d, const char *period,
                                         const JxAssessConfig *c, JxDiag *diag);
void jx_department_result_free(JxDepartmentResult *r);

/* Whether ind accumulates over the year (counts, amounts) rather than being
 * a level (rates, satisfaction): the per-indicator setting of c, else a
 * level when its target's unit or its name says so. */
bool jx_assess_accumulates(const JxIndicator *ind, const JxAssessConfig *c);

/* "绿", "黄", "红", or "" for none. */
const char *jx_light_color_name(JxLight l);
/* "正常", "关注", "预警", or "". */
const char *jx_light_word(JxLight l);

/* "达成", "部分达成", "未达成", "无实际值", "不适用", "无法评价". */
const char *jx_status_name(JxStatus s);

#endif
