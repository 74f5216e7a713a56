/* report.h - what a department's report holds, as a document, in the order
 * and with the headings its template gives (template.h): a cover, 目录,
 * funds and score tables, budget execution, lagging indicators, the
 * published target table, a section per project (funds, goal, indicators,
 * the 自评表 grid, charts, trends), department charts and 附表. */
#ifndef JX_REPORT_H
#define JX_REPORT_H

#include "layout/document.h"
#include "model/model.h"
#include "report/template.h"

typedef struct {
  const JxTemplate *tmpl;
  const char *date;   /* 生成日期 as printed: "2024年12月31日" */
  const char *period; /* the period reported ("2024", "2024-06"); NULL: each
                       * project's latest */
  bool charts;        /* false: tables only */
} JxReportOptions;

/* The report of department d.  Caller frees the document. */
JxDocument *jx_report_department(const JxDepartment *d, const JxReportOptions *o);

/* The period a report of d speaks of: asked (when not NULL), else the
 * latest any project of d has actuals for; NULL when there are none. */
const char *jx_report_period(const JxDepartment *d, const char *asked);

/* A date as a 公文 writes it, 2025年1月5日, from 2025-01-05 or
 * 2025年01月05日 (*zeros: it had leading zeros); NULL when text is not a
 * date.  Caller frees. */
char *jx_official_date(const char *text, bool *zeros);

/* The 发文字号: text written whole (海珠政数〔2025〕3号), or a number with
 * prefix (机关代字) and year; *standard is false when it lacks 〔YYYY〕, has
 * 第 or a leading zero, or is a number with no prefix.  Caller frees. */
char *jx_official_number(const char *text, const char *prefix, const char *year, bool *standard);

/* Chinese numerals for headings: 1 一, 10 十, 11 十一, 23 二十三 (1..99).
 * Writes into buf (16 bytes) and returns it. */
const char *jx_report_numeral(int n, char *buf);

/* A heading number from a pattern of the template: {一} is n in Chinese
 * numerals, {1} in digits ("（{一}）" and 3 give "（三）").  Caller frees. */
char *jx_report_number(const char *pattern, int n);

#endif
