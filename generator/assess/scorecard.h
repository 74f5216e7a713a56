/* scorecard.h - what the district summary needs of one department: its
 * counts, funds, budget execution, score and grade, the completion of each
 * indicator category, and its yellow and red lights with their reasons.
 *
 * A batch's workers make one beside each report and send it back as text
 * (jx_scorecard_to_text), and the tree's state keeps it, so that the
 * summary is made from what was computed once, never by reading and
 * assessing every department again. */
#ifndef JX_SCORECARD_H
#define JX_SCORECARD_H

#include "assess/assess.h"

/* A category's points and score, added up over the department's projects. */
typedef struct {
  char *label;
  double weight, score;
} JxCardCategory;

/* A project's yellow or red light. */
typedef struct {
  JxLight light;
  char *project;
  char *reason; /* its budget's, and its red and yellow indicators' (the
                 * first few named, with theirs) */
} JxCardAlert;

typedef struct {
  char *department;
  char *period;   /* the period its report speaks of; "" when none */
  guint projects; /* its projects (not its own 部门整体 part) */
  guint indicators;
  int64_t funds; /* 总计 of its projects, hundredths of 万元 */
  bool has_funds;
  double budget, executed; /* 万元, of the projects that report execution */
  guint executing;         /* how many do */
  double progress;         /* 序时进度 at its period */
  bool assessed;           /* some project has actuals: it has a score */
  double score;            /* of 100, its projects' weighted by funds */
  char *grade;
  GPtrArray *categories; /* JxCardCategory *: 一级, then 预算执行率 */
  guint lights[4];       /* projects by JxLight */
  GPtrArray *alerts;     /* JxCardAlert *: its yellow and red projects */
  bool failed;           /* its report could not be made (why is said where
                          * the run says what failed) */
} JxScorecard;

/* The scorecard of d at period (its report's: jx_report_period; NULL for
 * a department with no period, each project then at its latest) under the
 * rules c. */
JxScorecard *jx_scorecard_new(const JxDepartment *d, const char *period, const JxAssessConfig *c);
/* An empty card of a department that has nothing but its name (a report
 * that failed before it could be assessed). */
JxScorecard *jx_scorecard_empty(const char *department);
void jx_scorecard_free(JxScorecard *s);

/* As text, one field a line, and back: NULL (with the line in *error)
 * when the text is not a scorecard.  Caller frees. */
char *jx_scorecard_to_text(const JxScorecard *s);
JxScorecard *jx_scorecard_from_text(const char *text, GError **error);

/* The execution rate of s (executed ÷ budget), or NAN when none is
 * reported. */
double jx_scorecard_execution(const JxScorecard *s);

#endif
