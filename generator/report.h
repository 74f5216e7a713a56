/* report.h - what a department's report holds, as a document: a cover, the
 * funds table with its totals, and a section per project with its funds,
 * its goal and its indicator table (with actual values where there are). */
#ifndef JX_REPORT_H
#define JX_REPORT_H

#include "assess.h"
#include "document.h"
#include "model.h"

/* The report of department d.  date is the date printed on the cover
 * ("2024年12月31日"); rules (NULL: no charts) assess the actuals that the
 * charts of target against actual show.  Caller frees the document. */
JxDocument *jx_report_department(const JxDepartment *d, const char *date,
                                 const JxAssessConfig *rules);

/* Chinese numerals for headings: 1 一, 10 十, 11 十一, 23 二十三 (1..99).
 * Writes into buf (16 bytes) and returns it. */
const char *jx_report_numeral(int n, char *buf);

#endif
