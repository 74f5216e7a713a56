/* dump.h - the model as one indicator a row, CSV in UTF-8.
 *
 * The dump is itself an input (an indicator table): reading it back and
 * dumping again gives the same bytes.  A project's funds and goal stand on
 * its first row; an indicator with actuals for several periods takes a row
 * for each; budget execution takes rows named 预算执行数 and 预算执行率.  The
 * assessment columns (完成状态, 完成率, 得分, 标记) are computed; a 得分 the
 * input gave stands in 填报得分, which is what is read back.
 */
#ifndef JX_DUMP_H
#define JX_DUMP_H

#include "assess/assess.h"
#include "model/model.h"

#include <stdbool.h>
#include <stdio.h>

/* Writes the dump of m to out, with each actual's assessment under the rules
 * c (NULL: those columns left blank).  Returns false on a write error. */
bool jx_dump_write(const JxModel *m, const JxAssessConfig *c, FILE *out);

#endif
