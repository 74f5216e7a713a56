/* form.h - a form being read: its state and what form.c, formline.c
 * (what a line of a form is) and formblock.c (the header pairs, funds and
 * goal blocks) share.  Private to read/. */
#ifndef JX_FORM_H
#define JX_FORM_H

#include "read/sheet.h"

typedef enum {
  STAGE_TOP,        /* titles and header pairs */
  STAGE_FUNDS,      /* under the funds block's header */
  STAGE_GOAL,       /* under the goal block's labels */
  STAGE_HEAD,       /* the indicator header read; a second header row may follow */
  STAGE_INDICATORS, /* indicator rows */
  STAGE_AFTER,      /* totals, trailers, footnotes */
} Stage;

/* The columns of a funds block. */
typedef enum {
  FC_INITIAL,  /* 年初预算数 */
  FC_BUDGET,   /* 全年预算数, 调整后预算数 */
  FC_EXECUTED, /* 全年执行数, 预算执行数, 1-6月执行数 */
  FC_EXPECTED, /* 全年预计执行数 */
  FC_WEIGHT,   /* 分值, 权重 */
  FC_RATE,     /* 执行率 */
  FC_SCORE,    /* 得分 */
  FC_CAUSE,    /* 原因 */
  FC_COUNT
} FundsColumn;

/* What a header pair's label names. */
typedef enum {
  PAIR_NONE,
  PAIR_PROJECT,    /* 项目名称 */
  PAIR_CODE,       /* 项目编码 */
  PAIR_SUPERVISOR, /* 主管部门 */
  PAIR_UNIT,       /* 实施单位 */
  PAIR_DEPARTMENT, /* 部门名称 (a department-whole form) */
  PAIR_IGNORED,    /* 项目负责人, 项目属性 …: printed, not reported on */
} PairKind;

struct SheetForm {
  Stage stage;
  bool content;     /* anything of the form read past its title */
  char *year;       /* "2022" from the title; NULL when none */
  int month;        /* 6 for a form of 1-6月 columns; 0 for the year */
  bool whole_title; /* the title says 部门整体 */
  char *project;    /* 项目名称 as written less its code */
  char *code;       /* 项目编码 */
  char *supervisor; /* 主管部门 */
  char *supervisor_code;
  char *unit;        /* 实施单位 */
  char *department;  /* 部门名称 */
  JxLoc project_loc; /* of the 项目名称 or 部门名称 value */
  /* funds */
  int fcol[FC_COUNT];
  bool funds_pairs; /* 年度资金总额 | amount, a row each: no column labels */
  int exec_month;   /* 1-N月执行数: month N */
  JxFunds funds;
  bool has_execution;
  int64_t executed, expected;
  bool has_executed, has_expected;
  JxDecimal rate, weight, points; /* 执行率 %, 分值, and the block's （10分） */
  bool has_rate, has_weight, has_points;
  char *score;
  JxLoc funds_loc, rate_loc;
  /* goal */
  int goal_col, achieved_col, long_col;
  char *goal, *achieved;
  GPtrArray *texts; /* JxText *, given to the project at the end */
  /* indicators */
  double indicator_points; /* 绩效指标（90分） */
  bool has_indicator_points;
  bool indicator_header_seen;
  /* totals */
  JxDecimal total_weight, total_score;
  bool has_total_weight, has_total_score;
  JxLoc total_loc;
};

/* The trimmed text of cell i; caller frees. */
char *form_at(const JxRow *row, guint i);
/* The header key of cell i; caller frees. */
char *form_key_at(const JxRow *row, guint i);
JxLoc form_loc_at(const Table *t, const JxRow *row, guint i);
/* A label less a trailing colon and leading "其中：". */
char *form_label_key(const char *text);
/* Whether key is one of the NULL-terminated names. */
bool form_key_in(const char *key, const char *const *names);
/* The points written in a label: 50 of "产出指标（50分）", 10 of
 * "预算执行情况(10分)". */
bool form_label_points(const char *text, JxDecimal *out);
/* The last month of a span "1-6月…" at the start of key (6), of
 * 半年度… (6), or 0. */
int form_month_span(const char *key);
PairKind form_pair_kind(const char *key);
/* The label of a pair cell written "项目名称：X" or "项目名称：", and the
 * value after the colon (NULL when none). */
PairKind form_inline_pair(const char *cell, char **value);
/* The kind of a pair label cell, with the value written inside it. */
PairKind form_pair_label(const char *cell, char **value);
bool form_is_funds_label(const char *key);
bool form_is_goal_label(const char *key);
/* The funds column a header key names, or -1. */
int form_funds_column(const char *key, int *month);
/* A title line: one filled cell that names the form, its year or its unit
 * of money (项目支出绩效自评表, （2022年度）, 附件1, 单位：万元 …). */
bool form_is_title(const JxRow *row, guint *first);
/* Whether a title line starts a form (names a 表) rather than only
 * dating or footing it. */
bool form_names_form(const char *text);
bool form_is_footnote(const char *text);
/* A signature line: 项目负责人：, 财务负责人：, 填表人：, 审核人： …, each label
 * ending in a colon with at most a name after it. */
bool form_is_signature(const JxRow *row);
/* A year in a title: 2022 of "（2022年度）", "2019年度)", "2023年". */
char *form_title_year(const char *text);
/* Whether name is a placeholder the template left: 指标1, 指标2, ……. */
bool form_is_placeholder(const char *name);
/* The name less the template's numbering: 工程完工率 of 指标1工程完工率. */
char *form_strip_numbering(const char *name);
/* A label spaced out down a merged cell, "产 出 指 标", closed up. */
char *form_close_up(const char *label);
/* Whether row is the indicator block's header: 三级指标 with 一级 or 二级
 * beside it. */
bool form_is_indicator_header(const JxRow *row);
bool form_is_trailer(const char *text);

/* An amount cell of the funds block: "43.2", "10000万元", "1,250.00"; "/"
 * and blank are none. */
bool form_read_money(Table *t, const JxRow *row, int i, int64_t *out, bool *has);
/* A decimal cell, "/" and blank being none; false (reported) when it is not
 * a number. */
bool form_read_decimal(Table *t, const JxRow *row, int i, JxDecimal *out, bool *has,
                       const char *what);
void form_add_text(struct SheetForm *f, const char *label, const char *text, JxLoc loc);
/* Reads the header pairs of a row: label, value, label, value …; a label
 * may hold its value after a colon. */
void form_read_pairs(Table *t, const JxRow *row);
/* The funds block's header: which column holds what. */
void form_read_funds_header(Table *t, const JxRow *row);
/* Which funds row a label names: 0 the total, 1 财政拨款, 2 财政专户, 3 上年结转,
 * 4 单位资金, 5 其他资金; -1 none. */
int form_funds_row_kind(const char *key);
/* A row of the funds block: the total with its execution, or a source. */
bool form_read_funds_row(Table *t, const JxRow *row);
/* The goal block's label row: which columns hold the goal, what came of
 * it, and a long-term goal; a value may stand in the row itself. */
void form_read_goal_header(Table *t, const JxRow *row);
/* A row under the goal labels: the texts in their columns, or a numbered
 * sub-row ("2.项目实施内容及过程概述" | text) as a text of the project. */
bool form_read_goal_row(Table *t, const JxRow *row);

#endif
