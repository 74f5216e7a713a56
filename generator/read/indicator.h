/* indicator.h - the 绩效指标 cell of a published target table and the
 * category labels of every table kind.
 *
 * A 绩效指标 cell is a numbered list, one item an indicator:
 *   1、2-效益指标,22-社会效益,琶洲分中心对外服务通勤率；实施周期指标值:100%,年度指标值:100%；
 * number, 一级 category, 二级 category, name, then the implementation-period
 * value and the annual value, with full-width and half-width punctuation
 * both in use.  A project's list may continue in the next row.
 */
#ifndef JX_INDICATOR_H
#define JX_INDICATOR_H

#include "model/diag.h"
#include "model/model.h"

/* Reads the indicators of one 绩效指标 cell into p, numbering on from the
 * indicators p already has.  loc is the cell's position; problems go to diag
 * with the line of the item inside the cell.  Returns the number read. */
guint jx_indicator_read_cell(const char *cell, JxProject *p, JxLoc loc, JxDiag *diag);

/* Splits a category label as written ("2-效益指标", "产出指标（50分）") into
 * the label without its code ("效益指标") and a weight when one is written.
 * *label is new; the caller frees it. */
void jx_indicator_split_label(const char *text, char **label, JxDecimal *weight, bool *has_weight);

#endif
