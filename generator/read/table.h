/* table.h - rows to the model: finds the header below any preamble,
 * recognises the kind of table from it, and reads each kind.
 *
 * Kinds:
 *  - published target table (项目支出绩效目标表): a project a row, its
 *    indicators in one 绩效指标 cell;
 *  - one indicator a row (一级指标, 二级指标, 三级指标, 指标值 …), with
 *    actuals in the same rows when it is a self-evaluation export;
 *  - actuals: 项目名称, 三级指标, 期间, 实际完成值, resolved against the
 *    projects of every table read, once all are read (jx_reader_finish).
 */
#ifndef JX_TABLE_H
#define JX_TABLE_H

#include "model/diag.h"
#include "model/model.h"

typedef enum {
  JX_KIND_UNKNOWN,
  JX_KIND_TARGETS,    /* published target table */
  JX_KIND_INDICATORS, /* one indicator a row */
  JX_KIND_ACTUALS,    /* actual values by period */
  JX_KIND_FORM,       /* 自评表, 监控表, 目标表 as units publish them: blocks */
} JxTableKind;

/* What one file held, for the summary line of `check`. */
typedef struct {
  JxTableKind kind;
  const char *encoding; /* static string */
  char delimiter;       /* ',' or '\t' */
  char *department;     /* the first department named; NULL when none */
  guint departments;    /* departments the file adds to */
  guint projects;       /* projects the file added */
  guint indicators;     /* indicators the file added */
  guint actuals;        /* actual values and execution records it gave */
  GString *parts;       /* a workbook's sheets: "Sheet1: form, 1 project …"; NULL */
  guint hidden;         /* a workbook's hidden sheets, skipped */
} JxTableInfo;

typedef struct JxReader JxReader;

/* A reader that adds what it reads to m (borrowed).  encoding NULL detects
 * each file's encoding. */
JxReader *jx_reader_new(JxModel *m, const char *encoding);
void jx_reader_free(JxReader *r);

/* Reads one file's bytes.  name is used in messages and, for tables without
 * a department, as the department.  Problems go to diag, which must live
 * until jx_reader_finish; info (owned by the caller, freed with
 * jx_table_info_clear) is filled in. */
void jx_reader_read(JxReader *r, const char *name, const char *bytes, size_t len, JxDiag *diag,
                    JxTableInfo *info);

/* Resolves the actuals read against the projects read; problems go to the
 * diag of the file each actual came from. */
void jx_reader_finish(JxReader *r);

/* Whether a run keeps a department: its shard's (NULL: all). */
typedef bool (*JxKeep)(const char *department, void *data);

struct JxIndex;

/* Makes r read for the departments keep says yes to: after each file the
 * others are dropped, and an actual of theirs is passed over.  index (of
 * every input file) says where the projects actuals name are when their
 * files are not read with them. */
void jx_reader_set_scope(JxReader *r, struct JxIndex *index, JxKeep keep, void *data);

/* Makes r read the names alone (for the index): the departments and the
 * projects of one-indicator-a-row tables without their indicators. */
void jx_reader_names_only(JxReader *r);

/* Adds to named the departments (char *, caller frees) the actuals read so
 * far name, and to bare the projects of those that name none. */
void jx_reader_references(const JxReader *r, GPtrArray *named, GPtrArray *bare);

void jx_table_info_clear(JxTableInfo *info);

/* "published target table", "indicator table", "actuals". */
const char *jx_table_kind_name(JxTableKind kind);

/* Normalizes a period ("2024", "2024-6", "2024年6月", "2024/06", "202406")
 * to "2024" or "2024-06"; NULL when text is not a period.  Caller frees. */
char *jx_period_normalize(const char *text);

/* Orders normalized periods as a reader does: the months of a year, then
 * the year itself ("2024-06" < "2024-09" < "2024").  <0, 0, >0. */
int jx_period_compare(const char *a, const char *b);

#endif
