/* style.h - how a report looks: the page and its text block, and the fonts,
 * sizes and line pitch of each role.  The defaults follow GB/T 9704-2012
 * (党政机关公文格式); report templates set them (template.h). */
#ifndef JX_STYLE_H
#define JX_STYLE_H

#include "layout/document.h"

/* Millimetres to points. */
#define JX_MM(x) ((x)*72.0 / 25.4)

typedef struct {
  const char *families; /* Pango family list: Latin face first, then CJK */
  bool bold;
  double size;           /* points */
  double pitch;          /* baseline to baseline, points */
  double letter_spacing; /* added between characters, points */
  const char *where;     /* where the families were set ("FILE:LINE"), or NULL */
} JxRoleStyle;

/* Where page numbers stand: outside (odd pages right, even left), inside,
 * centred, always left or always right. */
typedef enum {
  JX_NUMBER_OUTSIDE,
  JX_NUMBER_INSIDE,
  JX_NUMBER_CENTER,
  JX_NUMBER_LEFT,
  JX_NUMBER_RIGHT,
} JxNumberPosition;

typedef struct {
  double page_width, page_height;  /* points */
  double left, top, width, height; /* the text block, points */
  double number_gap;               /* text block to page-number baseline */
  double space_before_heading;     /* points */
  double cell_padding_x, cell_padding_y;
  double rule_width; /* table rules */
  JxRoleStyle roles[JX_ROLE_COUNT];
  /* the page furniture: texts with {页码} {总页数} {项目名称} left for the
   * layout to fill ("" for none) */
  const char *header;      /* above the text block */
  bool header_rule;        /* a rule under the header */
  bool cover_roman;        /* the cover's page labels i, ii …; false: none */
  double cjk_latin_space;  /* ems between Chinese and Latin or digits; 0: none */
  bool grid;               /* characters on a grid (a 公文's 28 a line): every
                            * mark keeps its cell, lines break where they fill */
  guint32 mark;            /* a 公文's red: its 发文机关标志 and rule */
  const char *footer;      /* below the text block, on the page number's line */
  const char *page_number; /* "— {页码} —" */
  JxNumberPosition number_position;
  double number_inset; /* characters in from the text block's edge */
  /* colours 0xRRGGBB: statuses (charts), text, table rules */
  guint32 met, partly, unmet, text, rule;
} JxStyle;

/* The default style: A4, text block 156 × 225 mm at 28 mm from the left and
 * 37 mm from the top, body 3号 on a 28.95 pt pitch (22 lines a page). */
const JxStyle *jx_style_default(void);

#endif
