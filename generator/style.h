/* style.h - how a report looks: the page and its text block, and the fonts,
 * sizes and line pitch of each role.  The defaults follow GB/T 9704-2012
 * (党政机关公文格式); report templates will set them. */
#ifndef JX_STYLE_H
#define JX_STYLE_H

#include "document.h"

/* Millimetres to points. */
#define JX_MM(x) ((x)*72.0 / 25.4)

typedef struct {
  const char *families; /* Pango family list: Latin face first, then CJK */
  bool bold;
  double size;  /* points */
  double pitch; /* baseline to baseline, points */
} JxRoleStyle;

typedef struct {
  double page_width, page_height;  /* points */
  double left, top, width, height; /* the text block, points */
  double number_gap;               /* text block to page-number baseline */
  double space_before_heading;     /* points */
  double cell_padding_x, cell_padding_y;
  double rule_width; /* table rules */
  JxRoleStyle roles[JX_ROLE_COUNT];
} JxStyle;

/* The default style: A4, text block 156 × 225 mm at 28 mm from the left and
 * 37 mm from the top, body 3号 on a 28.95 pt pitch (22 lines a page). */
const JxStyle *jx_style_default(void);

#endif
