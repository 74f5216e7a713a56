/* district.h - the district summary (汇总): one document over every
 * department read, from their scorecards (assess/scorecard.h), in the
 * parts of the template's [sections] district. */
#ifndef JX_DISTRICT_H
#define JX_DISTRICT_H

#include "assess/scorecard.h"
#include "report/report.h"

/* The summary of cards (JxScorecard *, any order) at o->period (which the
 * caller sets: the period the departments' reports speak of).  Caller
 * frees the document. */
JxDocument *jx_report_district(GPtrArray *cards, const JxReportOptions *o);

#endif
