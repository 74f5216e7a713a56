/* check.h - what `jixiao check` prints: each file's problems and its line
 * (what was read, its errors and warnings, the assessment's among them),
 * then every project's score and grade. */
#ifndef JX_CHECK_H
#define JX_CHECK_H

#include "assess/assess.h"
#include "read/inputs.h"

/* Reads the files paths name a group at a time (index.h) and prints their
 * problems on standard error and their lines and scores on standard
 * output, assessing at period (NULL: each project's latest) under c unless
 * a table was read with errors.  Returns EX_OK, EX_DATAERR when there is an
 * error, or EX_NOINPUT / EX_IOERR (a file missing or unreadable, said). */
int jx_check_inputs(char *const *paths, int n, const char *encoding, const char *period,
                    const JxAssessConfig *c);

#endif
