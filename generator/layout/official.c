/* official.c - the blocks only a 公文 has (GB/T 9704-2012): a rule across
 * the 版心, a line with a text at each end (发文字号 | 签发人), 署名 over
 * 成文日期, and the 版记 at the foot of an even last page. */
#include "layout/builder.h"

#include <string.h>

/* Sets text on one line in role with its left end at x and its box top at
 * top (nothing when it is empty). */
static void put(Builder *b, JxRole role, const char *text, double x, double top) {
  if (text && *text)
    jx_put_line(b, role, text, x, top, false);
}

/* A new page when fewer than need points are left on this one. */
static void room_for(Builder *b, double need) {
  if (!b->fresh && jx_room(b) < need - 0.01)
    jx_new_page(b);
}

void jx_set_rule(Builder *b, const JxBlock *blk) {
  JxOp *op = jx_add_op(b, JX_OP_RULE, JX_ROLE_BODY, b->st->left, b->y, b->st->width, 0);
  op->stroke = blk->stroke;
  b->fresh = false;
}

void jx_set_pair(Builder *b, const JxBlock *blk) {
  const JxStyle *st = b->st;
  double pitch = st->roles[blk->role].pitch;
  room_for(b, pitch);
  double size = st->roles[blk->role].size;
  put(b, blk->role, blk->text, st->left + blk->inset * size, b->y);
  double wl = jx_line_width(b, blk->role, blk->right_label);
  double wr = jx_line_width(b, blk->right_role, blk->right);
  double x = st->left + st->width - blk->inset * size - wl - wr;
  put(b, blk->role, blk->right_label, x, b->y);
  put(b, blk->right_role, blk->right, x + wl, b->y);
  b->y += pitch;
  b->fresh = false;
}

void jx_set_sign(Builder *b, const JxBlock *blk) {
  const JxStyle *st = b->st;
  double pitch = st->roles[JX_ROLE_BODY].pitch, size = st->roles[JX_ROLE_BODY].size;
  bool named = blk->text && *blk->text;
  room_for(b, (named ? 2 : 1) * pitch);
  double wd = jx_line_width(b, JX_ROLE_BODY, blk->right);
  double right = st->left + st->width - blk->inset * size, centre = right - wd / 2;
  if (named) {
    /* centred over the date, but never past the 版心's right edge */
    double wn = jx_line_width(b, JX_ROLE_BODY, blk->text);
    double x = MIN(centre - wn / 2, st->left + st->width - wn);
    put(b, JX_ROLE_BODY, blk->text, MAX(x, st->left), b->y);
    b->y += pitch;
  }
  put(b, JX_ROLE_BODY, blk->right, right - wd, b->y);
  b->y += pitch;
  b->fresh = false;
}

/* The printed number of the page being set. */
static int number_now(const Builder *b) {
  return (int)b->out->pages->len - (int)b->doc->cover_pages;
}

void jx_set_record(Builder *b, const JxBlock *blk) {
  const JxStyle *st = b->st;
  const JxRoleStyle *r = &st->roles[JX_ROLE_RECORD];
  guint n = blk->lines->len;
  double h = n * r->pitch;
  /* on this page when it fits and the page is even; else on the next,
   * with a blank page before it when that one would be odd, and neither
   * of those two numbered */
  bool fits = b->fresh || jx_room(b) >= h - 0.01;
  if (!fits || number_now(b) % 2) {
    bool blank = number_now(b) % 2 == 0;
    jx_new_page(b);
    if (blank) {
      ((JxPage *)g_ptr_array_index(b->out->pages, b->out->pages->len - 1))->unnumbered = true;
      jx_new_page(b);
      ((JxPage *)g_ptr_array_index(b->out->pages, b->out->pages->len - 1))->unnumbered = true;
    }
  }
  double top = b->bottom - h, inset = blk->inset * r->size;
  for (guint i = 0; i < n; i++) {
    const char *line = g_ptr_array_index(blk->lines, i);
    const char *tab = strchr(line, '\t');
    char *left = tab ? g_strndup(line, (gsize)(tab - line)) : g_strdup(line);
    double y = top + i * r->pitch;
    put(b, JX_ROLE_RECORD, left, st->left + inset, y);
    if (tab)
      put(b, JX_ROLE_RECORD, tab + 1,
          st->left + st->width - inset - jx_line_width(b, JX_ROLE_RECORD, tab + 1), y);
    g_free(left);
  }
  /* the first and last rules 0.35 mm, those between 0.25 mm */
  for (guint i = 0; i <= n; i++) {
    JxOp *op = jx_add_op(b, JX_OP_RULE, JX_ROLE_RECORD, st->left, top + i * r->pitch, st->width, 0);
    op->stroke = JX_MM(i == 0 || i == n ? 0.35 : 0.25);
  }
  b->y = b->bottom;
  b->fresh = false;
}
