/* model.h - what the tables say: departments, their projects with funds and
 * goals, each project's indicators with targets, and the actual values
 * reported for them by period.
 *
 * Every object is owned by the one above it: a JxModel owns its departments,
 * a department its projects, a project its indicators and budget execution
 * records, an indicator its targets and actuals.  jx_model_free frees all.
 */
#ifndef JX_MODEL_H
#define JX_MODEL_H

#include "model/decimal.h"
#include "model/value.h"

#include <glib.h>
#include <stdbool.h>
#include <stdint.h>

/* Where something was read: file, physical line and column (1-based; 0
 * when unknown).  file points into the model's interned strings. */
typedef struct {
  const char *file;
  int line;
  int col;
} JxLoc;

/* 一级 indicator categories.  成本 is a 一级 category under the 2021 rules;
 * older tables carry it as a 二级 category of 产出.  Labels that are none
 * of these are kept as written and grouped as 其他. */
typedef enum {
  JX_GROUP_OUTPUT,       /* 产出指标 */
  JX_GROUP_EFFECT,       /* 效益指标 */
  JX_GROUP_SATISFACTION, /* 满意度指标 */
  JX_GROUP_COST,         /* 成本指标 */
  JX_GROUP_OTHER,        /* 其他 */
} JxGroup;

/* Money: hundredths of 万元 in each funding column.  has_* say whether the
 * cell held an amount at all.  total is the budget the project is measured
 * by: a form's 全年预算数 or 调整后预算数; initial its 年初预算数. */
typedef struct {
  int64_t total;     /* 总计 */
  int64_t fiscal;    /* 财政拨款 */
  int64_t special;   /* 财政专户拨款 */
  int64_t other;     /* 其他资金 */
  int64_t initial;   /* 年初预算数 (forms) */
  int64_t carryover; /* 上年结转资金 (forms) */
  int64_t own;       /* 单位资金 (forms) */
  bool has_total, has_fiscal, has_special, has_other, has_initial, has_carryover, has_own;
} JxFunds;

/* An actual value of an indicator at a period. */
typedef struct {
  char *period;     /* "2024" (year end) or "2024-06"; "" when not given */
  JxValue *value;   /* 实际完成值 */
  char *score;      /* 得分 as written; "" when none */
  char *cause;      /* 偏差原因 / 偏差原因分析及改进措施; "" when none */
  char *likelihood; /* 完成可能性: 确定能, 有可能, 完全不可能; "" when none */
  char *expected;   /* 全年预计完成情况 of a monitoring form; "" when none */
  JxLoc loc;
} JxActual;

typedef struct {
  int seq;                /* 序号 within the project, from 1 */
  const char *level1;     /* 一级 label as written, code and weight removed */
  const char *level2;     /* 二级 label as written, code removed; "" when none */
  const char *name;       /* 三级 indicator name */
  JxGroup group;          /* the 一级 category it counts under */
  JxValue *period_target; /* 实施周期指标值, NULL when not given */
  JxValue *annual_target; /* 年度指标值, NULL when not given */
  JxDecimal weight;       /* 分值 */
  bool has_weight;
  const char *remark; /* 备注; "" when none */
  GPtrArray *actuals; /* JxActual * by period; NULL until the first */
  JxLoc loc;
} JxIndicator;

/* A category weight written into a 一级 label: 产出指标（50分）. */
typedef struct {
  char *level1;
  JxDecimal weight;
} JxGroupWeight;

/* Budget execution reported for a period: 预算执行数 and/or 预算执行率. */
typedef struct {
  char *period;
  int64_t executed; /* hundredths of 万元 */
  bool has_executed;
  JxDecimal rate; /* percent */
  bool has_rate;
  JxDecimal weight; /* 分值 / 权重 of budget execution, as printed */
  bool has_weight;
  char *score;      /* 得分 as printed; "" when none */
  int64_t expected; /* 全年预计执行数, hundredths of 万元 */
  bool has_expected;
  JxLoc loc;
} JxExecution;

/* A text a form gives its project beside the indicators: 评价结论,
 * 存在问题, 改进措施, 项目实施内容 … (label as printed, numbering removed). */
typedef struct {
  char *label;
  char *text;
  JxLoc loc;
} JxText;

typedef struct JxDepartment JxDepartment;

typedef struct {
  char *name;
  char *code; /* 项目编码 written before the name; "" when none */
  char *unit; /* 实施单位 of a form; "" when none */
  bool whole; /* the department's own indicators (部门整体), not a project */
  JxFunds funds;
  char *goal;            /* 绩效目标, paragraphs separated by '\n'; "" when none */
  char *achieved;        /* what the goal came to (实际完成情况); "" when none */
  GPtrArray *texts;      /* JxText *: the form's trailers, in order */
  GPtrArray *indicators; /* JxIndicator * in table order */
  GPtrArray *weights;    /* JxGroupWeight * */
  GPtrArray *executions; /* JxExecution * */
  JxDepartment *department;
  JxLoc loc;
  GHashTable *index; /* name key -> JxIndicator *, built on lookup */
  guint indexed;     /* indicators in index */
} JxProject;

struct JxDepartment {
  char *name;
  char *code;             /* the 部门 code written before its name; "" when none */
  struct JxModelT *model; /* the model that holds it */
  GPtrArray *projects;    /* JxProject * in table order */
  JxLoc loc;
  GHashTable *index; /* name key -> JxProject *, built on lookup */
  guint indexed;     /* projects in index */
};

typedef struct JxModelT {
  GPtrArray *departments; /* JxDepartment * in the order first read */
  GStringChunk *strings;  /* interned file names for JxLoc */
  GHashTable *by_name;    /* department name -> JxDepartment * */
} JxModel;

JxModel *jx_model_new(void);
void jx_model_free(JxModel *m);

/* Drops (and frees) the departments keep says no to, the others kept in
 * order. */
void jx_model_keep(JxModel *m, bool (*keep)(const char *name, void *data), void *data);

/* An interned copy of s that lives as long as the model. */
const char *jx_model_intern(JxModel *m, const char *s);

/* The department called name, created at the end when new. */
JxDepartment *jx_model_department(JxModel *m, const char *name, JxLoc loc);

/* The project called name in d (compared by jx_text_key), or NULL.  Names
 * must not change once looked up. */
JxProject *jx_department_find_project(const JxDepartment *d, const char *name);

/* A new project appended to d. */
JxProject *jx_project_add(JxDepartment *d, const char *name, JxLoc loc);

/* Drops (and frees) the departments keep says no to, the others kept in
 * order. */
void jx_model_keep(JxModel *m, bool (*keep)(const char *name, void *data), void *data);

/* An interned copy of s held by p's model: the indicators' labels, names
 * and remarks repeat a great deal, and are freed with the model at once. */
const char *jx_project_intern(JxProject *p, const char *s);

/* Appends a text (label and text copied) to p. */
JxText *jx_project_add_text(JxProject *p, const char *label, const char *text, JxLoc loc);

/* Splits a code written before a name: "219-某镇人民政府", "[015001]某局",
 * "51092324T000010263357-项目" give the code and the name; a name without
 * one gives "" and itself.  *code and *name are new. */
void jx_split_code(const char *text, char **code, char **name);

/* A new indicator appended to p, with empty strings and no targets.  Its
 * text fields are set with jx_project_intern. */
JxIndicator *jx_project_add_indicator(JxProject *p, JxLoc loc);

/* The indicator of p called name (compared by jx_text_key), or NULL. */
JxIndicator *jx_project_find_indicator(const JxProject *p, const char *name);

/* The execution record of p for period, created when new. */
JxExecution *jx_project_execution(JxProject *p, const char *period, JxLoc loc);

/* A new actual appended to ind. */
JxActual *jx_indicator_add_actual(JxIndicator *ind, const char *period, JxLoc loc);

/* How many actuals ind has. */
guint jx_indicator_actual_count(const JxIndicator *ind);

/* Counts over the whole model. */
guint jx_model_count_projects(const JxModel *m);
guint jx_model_count_indicators(const JxModel *m);

/* The 一级 category a label counts under: 产出指标 and 产出 are
 * JX_GROUP_OUTPUT, an unknown label is JX_GROUP_OTHER. */
JxGroup jx_group_from_label(const char *label);

/* "产出指标", "效益指标", "满意度指标", "成本指标", "其他". */
const char *jx_group_name(JxGroup g);

/* ind's 一级 label with its category's weight when p gives one, as a form
 * prints it: "产出指标（50分）".  Caller frees. */
char *jx_level1_label(const JxProject *p, const JxIndicator *ind);

#endif
