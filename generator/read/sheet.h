/* sheet.h - what every table kind's reader shares: the columns jixiao
 * knows by their header names, the state of reading one file, and the
 * helpers for its cells, amounts, preamble lines and periods.
 *
 * Private to read/: table.c finds the header and hands each row to the
 * reader of its kind (targets.c, rows.c, actuals.c, form.c). */
#ifndef JX_SHEET_H
#define JX_SHEET_H

#include "read/csvread.h"
#include "read/table.h"

#include <stdbool.h>
#include <stdint.h>

/* The columns jixiao understands, each known by several names. */
typedef enum {
  COL_DEPARTMENT,
  COL_PROJECT,
  COL_TOTAL,
  COL_FISCAL,
  COL_SPECIAL,
  COL_OTHER,
  COL_GOAL,
  COL_INDICATORS,
  COL_SEQ,
  COL_LEVEL1,
  COL_LEVEL2,
  COL_LEVEL3,
  COL_PERIOD_TARGET,
  COL_ANNUAL_TARGET,
  COL_COMPARATOR,
  COL_UNIT,
  COL_WEIGHT,
  COL_PERIOD,
  COL_ACTUAL,
  COL_SCORE,
  COL_CAUSE,
  COL_LIKELIHOOD,
  COL_REMARK,
  COL_DEPT_CODE, /* what jixiao's dump adds: codes, 实施单位, the form's funds */
  COL_CODE,
  COL_UNIT_NAME,
  COL_WHOLE,
  COL_INITIAL,
  COL_CARRYOVER,
  COL_OWN,
  COL_ACHIEVED,
  COL_EXPECTED,
  COL_COUNT
} Column;

/* Header names by column; the first name is the one the dump writes. */
extern const char *const sheet_column_names[COL_COUNT][10];

/* One actual of an actuals table, resolved when every table is read. */
typedef struct {
  char *department; /* NULL when the table does not say */
  char *project;
  char *indicator;
  char *period;
  char *value;
  char *cause;
  char *likelihood;
  JxLoc loc;
  int project_col, indicator_col;
  JxDiag *diag;
  JxTableInfo *info;
} Pending;

struct JxReader {
  JxModel *model;
  const char *encoding;
  GPtrArray *pending;    /* Pending * */
  struct JxIndex *index; /* of every input file, or NULL (jx_reader_set_scope) */
  JxKeep keep;           /* the departments read for; NULL: all */
  void *keep_data;
  bool names_only; /* for the index: departments and projects, no indicators */
};

/* The state of reading one file. */
typedef struct {
  JxReader *reader;
  JxModel *model;
  JxDiag *diag;
  JxTableInfo *info;
  const char *file;          /* interned */
  char *fallback_department; /* the file name without folder and extension */
  int col[COL_COUNT];        /* cell index of each column, -1 when absent */
  guint header_cells;
  char *header_key;   /* the header row's keys, to skip it where a page repeats it */
  char *header_first; /* the header row's first cell as written */
  char *title;        /* the first title line of the preamble */
  GString *titles;    /* every title line before the header; NULL when none */
  char *department;   /* from the preamble */
  char *project;      /* from the preamble (one-indicator tables) */
  bool yuan;          /* amounts in 元, not 万元 */
  bool warned_yuan;
  bool warned_ragged;
  bool header_seen;
  int data_rows;
  /* published target tables */
  JxDepartment *dept;
  JxProject *last_project; /* the project a continuation row adds to */
  char *bare_name;         /* a row held back: department or project? */
  JxFunds bare_funds;
  JxLoc bare_loc;
  GPtrArray *segment;       /* projects since the department row */
  GPtrArray *file_projects; /* projects of this file */
  GPtrArray *since_grand;   /* projects since the 合计 row, for its check */
  GHashTable *departments;  /* the departments this file adds to */
  bool has_grand, has_dept_row;
  JxFunds grand, dept_row;
  JxLoc grand_loc, dept_row_loc;
  /* one-indicator tables: merged cells carry the category down */
  char *last_level1, *last_level2;
  JxIndicator *last_indicator;
  JxProject *last_indicator_project;
  char *last_project_name; /* flat sheets: a blank 项目名称 continues it */
  /* forms (form.c) */
  char *period;           /* the period of rows without a 期间 cell; NULL: "" */
  struct SheetForm *form; /* the form being read; NULL in tables */
  GString *first_lines;   /* the first lines' text, for the error when none is read */
  int first_lines_count;  /* … and how many lines it holds */
  bool lenient;           /* a table of a Word document: one that holds no
                           * table or form is passed over (a report's
                           * own), as long as another one does */
} Table;

/* The key a header cell is compared by: no bracketed remark, no spaces. */
char *sheet_header_key(const char *cell);
/* The column a header key names, and which of its names (0 the first). */
int sheet_column_of(const char *key, int *which);
/* Maps the cells of row to columns; returns how many were recognised.  Where
 * two cells name one column, the earlier name in sheet_column_names wins, then
 * the cell further left. */
int sheet_map_columns(const JxRow *row, int col[COL_COUNT]);
/* The text of column c in row, "" when absent. */
const char *sheet_cell(const Table *t, const JxRow *row, Column c);
/* The trimmed text of column c; caller frees. */
char *sheet_cell_trim(const Table *t, const JxRow *row, Column c);
bool sheet_cell_blank(const Table *t, const JxRow *row, Column c);
/* The location of column c in row. */
JxLoc sheet_loc_of(const Table *t, const JxRow *row, Column c);
void sheet_set_string(char **field, char *value);
/* Text after "key：" or "key:" at the start of s, or NULL. */
const char *sheet_after_key(const char *s, const char *key);
/* Number of non-blank cells in row and the index of the first. */
guint sheet_filled_cells(const JxRow *row, guint *first);
/* Reads a preamble line: the title, 部门名称：…, 单位：万元, 项目名称：….
 * In the body only lines that are surely preamble count (the title seen
 * before, a "## " heading, or one of those keys); returns whether it was. */
bool sheet_read_preamble(Table *t, const JxRow *row, bool in_body);
/* Reads an amount of 万元 (with its unit or without: 10000万元, 1,250.00;
 * 元 when the unit or the table says so, rounded to hundredths of 万元 with
 * a warning the first time) into *out.  Reports at loc and returns false
 * when cell is not an amount. */
bool sheet_parse_amount(Table *t, const char *cell, JxLoc loc, int64_t *out);
/* Reads the amount in column c into *out; blank is no amount.  Returns
 * false (and reports) when the cell is not an amount. */
bool sheet_read_amount(Table *t, const JxRow *row, Column c, int64_t *out, bool *has);
bool sheet_read_funds(Table *t, const JxRow *row, JxFunds *f);
bool sheet_funds_blank(const JxFunds *f);
/* Warns when 总计 is not 财政拨款 + 财政专户拨款 + 其他资金. */
void sheet_check_funds_sum(Table *t, const JxFunds *f, JxLoc loc, const char *what);
/* Warns when a totals row differs from the sum of the projects it covers. */
void sheet_check_total(Table *t, const JxFunds *declared, JxLoc loc, GPtrArray *projects,
                       const char *what);
/* Makes d the department rows go to, counting it for the summary. */
void sheet_use_department(Table *t, JxDepartment *d);
/* The department rows of the current part go to. */
JxDepartment *sheet_current_department(Table *t, JxLoc loc);
/* Reads the period of a row, "" when the table has none.  NULL (reported)
 * when the cell is not a period. */
char *sheet_row_period(Table *t, const JxRow *row);
/* Whether name is a budget-execution line rather than an indicator. */
int sheet_execution_kind(const char *name);
/* Records a budget-execution value ("137.20", "137.20万元", "95%"). */
bool sheet_read_execution(JxProject *p, int kind, const char *period, const char *value, JxLoc loc,
                          JxDiag *diag);
/* Whether a label marks a total row: 合计, 总计, 总分 (spaces allowed). */
bool sheet_is_total_label(const char *s);
/* Ends a department's part of a published table: checks its row's totals. */
void sheet_close_segment(Table *t);
/* Checks a 合计 row against the projects since it, and starts afresh: a
 * bundle of departments has a 合计 row for each. */
void sheet_close_grand_total(Table *t);
/* Settles a row held back because it had amounts but neither goal nor
 * indicators: followed by projects it was their department's row; followed
 * by anything else (a continuation, a total, the end) it was a project whose
 * indicators may come on the next page. */
void sheet_settle_bare_row(Table *t, bool projects_follow);
/* Warns about a project that ended up with no indicators at all. */
void sheet_check_indicators(Table *t);
void sheet_read_target_row(Table *t, const JxRow *row);
void sheet_read_indicator_row(Table *t, const JxRow *row);
void sheet_read_actual_row(Table *t, const JxRow *row);
void sheet_pending_free(Pending *x);

/* Whether a trimmed first cell labels a text a form gives its project
 * (评价结论, 存在问题, 改进措施 …): the label without its numbering, or
 * NULL.  Caller frees. */
char *sheet_trailer_label(const char *cell);

/* Whether text is a prompt of the template never filled in
 * ("…(200字以内)"), not something a unit wrote. */
bool sheet_is_prompt(const char *text);

/* Whether row starts a form rather than a table: header pairs
 * (主管部门, 实施单位 …), a funds or goal block, or an indicator block
 * under a spanning 绩效指标. */
bool sheet_form_starts(const Table *t, const JxRow *row);

/* Checks a 总分 / 合计 row (its 分值 and 得分 totals, NULL when it gives
 * none) against the sums of p's indicators, with or without budget
 * execution's points and score: a warning naming both numbers. */
void sheet_check_totals(Table *t, const JxProject *p, const JxDecimal *weight,
                        const JxDecimal *score, double exec_weight, double exec_score, JxLoc loc);

/* Reads one row of a form (form.c); the first row is the one
 * sheet_form_starts said yes to. */
void sheet_form_row(Table *t, const JxRow *row);

/* Ends the form being read at the end of the file; frees its state. */
void sheet_form_finish(Table *t);

#endif
