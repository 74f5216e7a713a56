/* parts.h - what the parts of a report share: the report being built and
 * the helpers for its headings, tables, amounts and periods.  Private to
 * report/: report.c builds the department's parts, project.c a project's
 * section. */
#ifndef JX_REPORT_PARTS_H
#define JX_REPORT_PARTS_H

#include "assess/assess.h"
#include "report/report.h"

/* What a report is built with. */
typedef struct {
  JxDocument *doc;
  const JxDepartment *d;
  const JxReportOptions *o;
  const JxTemplate *t;
  const JxAssessConfig *rules;
  const char *places[16]; /* placeholder, value pairs; NULL-terminated */
  int count[4];           /* the numbers of the headings by level */
} Report;

/* A text of the template's [texts] with the report's placeholders filled.
 * Caller frees. */
char *report_text_of(const Report *r, const char *key);

/* Appends a heading of level 1..4, numbered as the template says, in the
 * PDF outline one level under the level above it (the department, from
 * the cover, is the outline's top). */
JxBlock *report_heading(Report *r, int level, const char *text);

/* A table of columns whose header row starts with the n texts of head,
 * centred (callers may add header cells after them). */
JxBlock *report_headed_table(JxDocument *doc, guint columns, const char *const *head, guint n);

/* An amount as the table shows it: 1,250.00; blank when not given. */
const char *report_money(int64_t v, bool has, char *buf);

/* The latest period any indicator of p has an actual for, or its budget
 * execution, or NULL: the year end after its months. */
const char *report_latest_period(const JxProject *p);

/* "2024年" or "2024年6月" for a period. */
char *report_period_label(const char *period);

/* The budget execution of p at period, or its latest (NULL: the latest);
 * NULL when none is reported. */
const JxExecution *report_execution_at(const JxProject *p, const char *period);

/* The actual of ind for period, or NULL. */
const JxActual *report_actual_at(const JxIndicator *ind, const char *period);

void report_funds_cells(JxBlock *t, const JxFunds *f);

/* Whether a text of the form belongs with the goal (中期目标, 项目实施内容)
 * rather than after the assessment. */
bool report_goal_text(const JxText *x);

/* The official forms of a project assessed (form.c): the 绩效自评表 in the
 * layout the template's [sections] form names (the 部门整体 one for the
 * department's own part), and the 绩效目标执行监控表. */
void report_form_self(Report *r, const JxProjectResult *pr);
void report_form_monitor(Report *r, const JxProjectResult *pr);

/* A 公文 around the report (gongwen.c): its 版头 and 主体, then the head of
 * the 附件 that the parts after make; and its 版记. */
void report_letter(Report *r, const JxDepartmentResult *dr);
void report_record(Report *r);

/* Every project's 自评表 together, each on pages of its own (the
 * department's own part first): after a letter, the 公文's second 附件, else
 * a part under its [texts] forms heading. */
void report_forms(Report *r);

/* Whether the report has a letter before a forms part: the 公文 then has two
 * 附件, the report and the forms. */
bool report_forms_attached(const Report *r);

/* 红黄绿灯 (warnings.c): a light's cell, a disc in the template's colour
 * and its word (绿 正常, 黄 关注, 红 预警; — for none); whether a project's
 * indicator tables show them ([warnings] lights); and the part of every
 * project's lights and every yellow and red with its reason. */
void report_light_cell(const Report *r, JxBlock *t, JxLight l);
bool report_lights_shown(const Report *r);
void report_warnings(Report *r);

/* The cover after its title: the line of facts under it, the template's
 * [texts] cover lines lower down, and the page's end. */
void report_cover_rest(Report *r, const char *facts);

/* A project's section: its parts in the template's order. */
void report_project(Report *r, const JxProject *p);

#endif
