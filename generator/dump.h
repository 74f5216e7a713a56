/* dump.h - the model as one indicator a row, CSV in UTF-8.
 *
 * The dump is itself an input (an indicator table): reading it back and
 * dumping again gives the same bytes.  A project's funds and goal stand on
 * its first row; an indicator with actuals for several periods takes a row
 * for each; budget execution takes rows named 预算执行数 and 预算执行率.
 */
#ifndef JX_DUMP_H
#define JX_DUMP_H

#include "model.h"

#include <stdbool.h>
#include <stdio.h>

/* Writes the dump of m to out.  Returns false on a write error. */
bool jx_dump_write(const JxModel *m, FILE *out);

#endif
