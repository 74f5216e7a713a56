/* style.c - the default look of a report (GB/T 9704-2012). */
#include "layout/style.h"

/* Families by role.  A face a user adds to fonts/ (方正小标宋简体, 仿宋_GB2312,
 * 楷体_GB2312, 黑体) comes before the free Noto faces; Latin letters and digits
 * come from Liberation (metric twins of Times New Roman and Arial). */
#define TITLE_FACES                                                                                \
  "Liberation Serif, 方正小标宋简体, 方正小标宋_GBK, Noto Serif CJK SC, Noto Serif CJK SC Rare"
#define HEI_FACES "Liberation Sans, 黑体, SimHei, Noto Sans CJK SC, Noto Sans CJK SC Rare"
#define KAI_FACES                                                                                  \
  "Liberation Serif, 楷体_GB2312, 楷体, KaiTi, Noto Serif CJK SC, Noto Serif CJK SC Rare"
#define FANGSONG_FACES                                                                             \
  "Liberation Serif, 仿宋_GB2312, 仿宋, FangSong, Noto Serif CJK SC, Noto Serif CJK SC Rare"
#define SONG_FACES "Liberation Serif, 宋体, SimSun, Noto Serif CJK SC, Noto Serif CJK SC Rare"
#define TABLE_FACES "Liberation Sans, Noto Sans CJK SC, Noto Sans CJK SC Rare"

static const JxStyle gbt9704 = {
    .page_width = JX_MM(210),
    .page_height = JX_MM(297),
    .left = JX_MM(28),
    .top = JX_MM(37),
    .width = JX_MM(156),
    .height = JX_MM(225),
    .number_gap = JX_MM(7),
    .space_before_heading = 8,
    .cell_padding_x = 4,
    .cell_padding_y = 3,
    .rule_width = 0.6,
    .roles =
        {
            [JX_ROLE_TITLE] = {.families = TITLE_FACES, .bold = true, .size = 22, .pitch = 34},
            [JX_ROLE_SUBTITLE] = {.families = KAI_FACES, .bold = false, .size = 16, .pitch = 28.95},
            [JX_ROLE_HEADING1] = {.families = HEI_FACES, .bold = true, .size = 16, .pitch = 28.95},
            [JX_ROLE_HEADING2] = {.families = KAI_FACES, .bold = true, .size = 16, .pitch = 28.95},
            [JX_ROLE_HEADING3] =
                {.families = FANGSONG_FACES, .bold = true, .size = 16, .pitch = 28.95},
            [JX_ROLE_BODY] =
                {.families = FANGSONG_FACES, .bold = false, .size = 16, .pitch = 28.95},
            [JX_ROLE_TABLE] = {.families = TABLE_FACES, .bold = false, .size = 10.5, .pitch = 15},
            [JX_ROLE_TABLE_HEAD] =
                {.families = TABLE_FACES, .bold = true, .size = 10.5, .pitch = 15},
            [JX_ROLE_RUNNING] = {.families = TABLE_FACES, .bold = false, .size = 9, .pitch = 12},
            [JX_ROLE_PAGE_NUMBER] =
                {.families = SONG_FACES, .bold = false, .size = 14, .pitch = 18},
            [JX_ROLE_FORM] = {.families = TABLE_FACES, .bold = false, .size = 9, .pitch = 13},
            [JX_ROLE_FORM_HEAD] = {.families = TABLE_FACES, .bold = true, .size = 9, .pitch = 13},
            [JX_ROLE_MARK] = {.families = TITLE_FACES, .bold = false, .size = 36, .pitch = 44},
            [JX_ROLE_RECORD] = {.families = FANGSONG_FACES, .bold = false, .size = 14, .pitch = 22},
        },
    .header = "",
    .header_rule = true,
    .cover_roman = true,
    .mark = 0xFF0000,
    .footer = "",
    .page_number = "— {页码} —",
    .number_position = JX_NUMBER_OUTSIDE,
    .number_inset = 1,
    .met = 0x0072B2,
    .partly = 0xE69F00,
    .unmet = 0xD55E00,
    .text = 0x000000,
    .rule = 0x000000,
};

const JxStyle *jx_style_default(void) {
  return &gbt9704;
}
