/* layout.c - a document set on pages.
 *
 * Each paragraph and cell is set by textlayout.c (Pango shapes it, the
 * composer breaks it into lines); lines are then placed on a
 * fixed pitch per role (as a 公文 is set on 22 lines a page), so line
 * positions do not depend on which face happened to supply a glyph. */
#include "layout/builder.h"

#include "layout/cjk.h"
#include "model/text.h"

#include <math.h>
#include <string.h>

/* A line of 目录, reserved where the 目录 stands and filled in once the
 * pages of the headings are known. */
typedef struct {
  guint page;
  double y;
  guint after;   /* the 目录 block: entries are headings after it */
  int toc_level; /* the deepest outline level listed */
} TocSlot;

/* A figure's view of the builder (layout.h). */
struct JxCanvas {
  Builder *b;
  bool dry; /* measuring: nothing is placed */
};

static void op_clear(JxOp *op) {
  if (op->pline)
    pango_layout_line_unref(op->pline);
  if (op->layout)
    g_object_unref(op->layout);
  g_free(op->text);
}

static void page_free(JxPage *p) {
  for (guint i = 0; i < p->ops->len; i++)
    op_clear(&g_array_index(p->ops, JxOp, i));
  g_array_free(p->ops, TRUE);
  g_free(p);
}

static void mark_free(JxMark *m) {
  g_free(m->title);
  g_free(m);
}

void jx_layout_free(JxLayout *l) {
  if (!l)
    return;
  g_ptr_array_free(l->pages, TRUE);
  g_ptr_array_free(l->marks, TRUE);
  g_ptr_array_free(l->alts, TRUE);
  g_ptr_array_free(l->tables, TRUE);
  g_free(l);
}

void jx_new_page(Builder *b) {
  b->page = g_new0(JxPage, 1);
  b->page->ops = g_array_new(FALSE, TRUE, sizeof(JxOp));
  g_ptr_array_add(b->out->pages, b->page);
  b->y = b->st->top;
  b->fresh = true;
}

/* Space left on the page. */
double jx_room(const Builder *b) {
  return b->bottom - b->y;
}

/* Adds an op to the page. */
JxOp *jx_add_op(Builder *b, JxOpKind kind, JxRole role, double x, double y, double w, double h) {
  guint32 color = kind == JX_OP_FILL ? 0xEBEBEB : kind == JX_OP_TEXT ? b->st->text : b->st->rule;
  /* rules and shading are not content, but a chart's are part of it */
  JxTag tag =
      kind == JX_OP_TEXT || kind == JX_OP_DOT || b->tag == JX_TAG_FIGURE ? b->tag : JX_TAG_NONE;
  if (b->furniture)
    tag = JX_TAG_NONE;
  if (b->color && !b->furniture && (kind == JX_OP_TEXT || kind == JX_OP_RULE))
    color = b->color;
  JxOp op = {.kind = kind,
             .role = role,
             .x = x,
             .y = y,
             .w = w,
             .h = h,
             .color = color,
             .tag = tag,
             .block = b->furniture ? -1 : (int)b->block,
             .row = b->row,
             .cell = b->cell};
  g_array_append_val(b->page->ops, op);
  return &g_array_index(b->page->ops, JxOp, b->page->ops->len - 1);
}

/* The horizontal offset and width of each line of l, in points. */
void jx_line_extents(PangoLayout *l, double *xs, double *ws) {
  PangoLayoutIter *it = pango_layout_get_iter(l);
  int i = 0;
  do {
    PangoRectangle logical;
    pango_layout_iter_get_line_extents(it, NULL, &logical);
    xs[i] = (double)logical.x / PANGO_SCALE;
    ws[i] = (double)logical.width / PANGO_SCALE;
    i++;
  } while (pango_layout_iter_next_line(it));
  pango_layout_iter_free(it);
}

/* A line's text as a reader finds it: without the gaps between Chinese and
 * Latin (cjk.h). */
static char *line_text(const char *text, int len) {
  GString *s = g_string_sized_new((gsize)len);
  for (const char *p = text; p < text + len; p = g_utf8_next_char(p))
    if (g_utf8_get_char(p) != JX_CJK_GAP && g_utf8_get_char(p) != 0x2028)
      g_string_append_len(s, p, g_utf8_next_char(p) - p);
  return g_string_free(s, FALSE);
}

/* Places lines [from, to) of l with their box tops at top, x the layout's
 * left edge; returns the y below them. */
double jx_place_lines(Builder *b, PangoLayout *l, JxRole role, double x, double top, int from,
                      int to, const double *xs, const double *ws) {
  const JxRoleStyle *r = &b->st->roles[role];
  const char *text = pango_layout_get_text(l);
  /* the lines walked once: pango_layout_get_line walks its list from the
   * start each time */
  GSList *at = g_slist_nth(pango_layout_get_lines_readonly(l), (guint)from);
  for (int i = from; i < to && at; i++, at = at->next) {
    PangoLayoutLine *line = at->data;
    JxOp *op = jx_add_op(b, JX_OP_TEXT, role, x + xs[i], top + baseline_offset(r), ws[i], 0);
    op->layout = g_object_ref(l);
    op->line = i;
    op->pline = pango_layout_line_ref(line); /* kept as set */
    op->text = line_text(text + line->start_index, line->length);
    top += r->pitch;
  }
  b->fresh = false;
  return top;
}

/* Sets a paragraph or heading, splitting it across pages with at least two
 * lines at the foot of a page and two at the head of the next. */
/* A one-line paragraph (a 发文机关标志) too wide for the text block, set
 * smaller to fit it, its em box's top where the role's would be. */
static bool set_shrunk(Builder *b, const JxBlock *blk) {
  const JxRoleStyle *r = &b->st->roles[blk->role];
  PangoLayout *l = jx_make_layout(b, blk->role, blk->text, 0, JX_ALIGN_LEFT, 0, false);
  int w = 0;
  pango_layout_get_size(l, &w, NULL);
  g_object_unref(l);
  double width = (double)w / PANGO_SCALE;
  if (width <= b->st->width)
    return false;
  double size = floor(r->size * b->st->width / width * 2) / 2; /* half points */
  PangoLayout *small = pango_layout_new(b->ctx);
  PangoFontDescription *font = pango_font_description_copy(b->fonts[blk->role]);
  pango_font_description_set_absolute_size(font, size * PANGO_SCALE);
  pango_layout_set_font_description(small, font);
  pango_font_description_free(font);
  pango_layout_set_text(small, blk->text, -1);
  pango_layout_get_size(small, &w, NULL);
  double xs[1] = {(b->st->width - (double)w / PANGO_SCALE) / 2}, ws[1] = {(double)w / PANGO_SCALE};
  jx_place_lines(b, small, blk->role, b->st->left, b->y - 0.88 * (r->size - size), 0, 1, xs, ws);
  g_object_unref(small);
  b->y += r->pitch;
  return true;
}

/* A paragraph's lines: its layout, and in *in how far in from the text
 * block's left it stands.  A new reference. */
static PangoLayout *paragraph_layout(Builder *b, const JxBlock *blk, double *in_out) {
  const JxRoleStyle *r = &b->st->roles[blk->role];
  /* a hanging paragraph (附件：…) starts two characters in, its other
   * lines under the first character after its label */
  double in = blk->hang > 0 ? (2 + blk->inset) * (r->size + r->letter_spacing) : 0;
  const char *text = blk->text;
  char *broken = NULL;
  size_t len = strlen(text);
  if (blk->break_after > 0 && blk->break_after < len &&
      jx_line_width(b, blk->role, text) > b->st->width - in) {
    char *first = g_strndup(text, blk->break_after);
    if (jx_line_width(b, blk->role, first) <= b->st->width - in)
      text = broken = g_strdup_printf("%s\n%s", first, text + blk->break_after);
    g_free(first);
  }
  PangoLayout *l = jx_make_layout(b, blk->role, text, b->st->width - in, blk->align,
                                  blk->hang > 0 ? -(int)blk->hang : blk->indent, false);
  g_free(broken);
  *in_out = in;
  return l;
}

static void set_paragraph(Builder *b, const JxBlock *blk) {
  const JxRoleStyle *r = &b->st->roles[blk->role];
  if (blk->one_line && set_shrunk(b, blk))
    return;
  double in = 0;
  PangoLayout *l = paragraph_layout(b, blk, &in);
  int n = pango_layout_get_line_count(l);
  double *xs = g_new(double, n), *ws = g_new(double, n);
  jx_line_extents(l, xs, ws);
  int i = 0;
  while (i < n) {
    int fits = (int)floor((jx_room(b) + 0.01) / r->pitch);
    int rest = n - i;
    int k = rest <= fits ? rest : fits;
    if (k < rest) {
      if (rest - k < 2)
        k = rest - 2; /* no widow at the head of the next page */
      if (k < 2)
        k = 0; /* no orphan at the foot of this one */
      if (b->fresh && k == 0)
        k = MIN(rest, MAX(fits, 1)); /* a page too short for the rules */
    }
    if (k > 0)
      b->y = jx_place_lines(b, l, blk->role, b->st->left + in, b->y, i, i + k, xs, ws);
    i += k;
    if (i < n)
      jx_new_page(b);
  }
  g_free(xs);
  g_free(ws);
  g_object_unref(l);
}

/* Whether a block stays on the page of the block after it: headings, a
 * table's caption ("单位：万元"), and a paragraph that says so (a 附件说明's
 * first 附件 with its second). */
static bool keeps_with_next(const JxBlock *blk) {
  return blk->kind == JX_BLOCK_HEADING ||
         (blk->kind == JX_BLOCK_PARAGRAPH && (blk->role == JX_ROLE_TABLE || blk->keep_next));
}

/* The height the blocks from i on need at the least on one page: a chain of
 * headings and captions, then two lines of a paragraph or a table's header
 * and first row. */
static double need_from(const Builder *b, guint i) {
  const GPtrArray *blocks = b->doc->blocks;
  double need = 0;
  for (; i < blocks->len; i++) {
    const JxBlock *blk = g_ptr_array_index(blocks, i);
    if (blk->kind == JX_BLOCK_TABLE)
      return need + jx_table_start(b, blk);
    if (blk->kind == JX_BLOCK_FIGURE) {
      JxCanvas measure = {(Builder *)b, true};
      return need + blk->draw(blk->figure, &measure, b->st->left, 0, b->st->width);
    }
    if (blk->kind != JX_BLOCK_HEADING && blk->kind != JX_BLOCK_PARAGRAPH)
      return need;
    if (!keeps_with_next(blk))
      return need + 2 * b->st->roles[blk->role].pitch;
    if (blk->keep_next) { /* all its lines */
      double in = 0;
      PangoLayout *l = paragraph_layout((Builder *)b, blk, &in);
      need += pango_layout_get_line_count(l) * b->st->roles[blk->role].pitch;
      g_object_unref(l);
      continue;
    }
    need += b->st->roles[blk->role].pitch;
    if (blk->kind == JX_BLOCK_HEADING)
      need += b->st->space_before_heading;
  }
  return need;
}

static void set_heading(Builder *b, const JxBlock *blk) {
  if (!b->fresh)
    b->y += b->st->space_before_heading;
  if (blk->outline_level > 0) {
    JxMark *m = g_new0(JxMark, 1);
    m->title = g_strdup(blk->outline_title ? blk->outline_title : blk->text);
    m->level = blk->outline_level;
    m->page = b->out->pages->len - 1;
    m->y = b->y;
    m->block = b->block;
    g_ptr_array_add(b->out->marks, m);
  }
  if (blk->project) {
    g_ptr_array_set_size(b->projects, b->out->pages->len);
    g_ptr_array_index(b->projects, b->out->pages->len - 1) = blk->project;
  }
  set_paragraph(b, blk);
}

/* ---- figures ---- */

double jx_canvas_text(JxCanvas *cv, JxRole role, const char *text, double x, double top,
                      double width, JxAlign align) {
  Builder *b = cv->b;
  PangoLayout *l = jx_make_layout(b, role, text, width, align, false, false);
  int n = pango_layout_get_line_count(l);
  if (!cv->dry) {
    double *xs = g_new(double, n), *ws = g_new(double, n);
    jx_line_extents(l, xs, ws);
    jx_place_lines(b, l, role, x, top, 0, n, xs, ws);
    g_free(xs);
    g_free(ws);
  }
  g_object_unref(l);
  return n * b->st->roles[role].pitch;
}

const JxStyle *jx_canvas_style(JxCanvas *cv) {
  return cv->b->st;
}

double jx_canvas_width(JxCanvas *cv, JxRole role, const char *text) {
  PangoLayout *l = jx_make_layout(cv->b, role, text, 0, JX_ALIGN_LEFT, false, false);
  PangoRectangle logical;
  pango_layout_get_extents(l, NULL, &logical);
  g_object_unref(l);
  return (double)logical.width / PANGO_SCALE;
}

void jx_canvas_fill(JxCanvas *cv, double x, double y, double w, double h, guint32 color) {
  if (!cv->dry)
    jx_add_op(cv->b, JX_OP_FILL, JX_ROLE_TABLE, x, y, w, h)->color = color;
}

void jx_canvas_line(JxCanvas *cv, double x, double y, double dx, double dy, double stroke,
                    guint32 color) {
  if (cv->dry)
    return;
  JxOp *op = jx_add_op(cv->b, JX_OP_RULE, JX_ROLE_TABLE, x, y, dx, dy);
  op->color = color;
  op->stroke = stroke;
}

void jx_canvas_dot(JxCanvas *cv, double x, double y, double r, guint32 color) {
  if (!cv->dry)
    jx_add_op(cv->b, JX_OP_DOT, JX_ROLE_TABLE, x, y, r, r)->color = color;
}

/* Sets a figure whole: on this page when it fits, else on the next. */
static void set_figure(Builder *b, const JxBlock *blk) {
  JxCanvas measure = {b, true};
  double h = blk->draw(blk->figure, &measure, b->st->left, b->y, b->st->width);
  if (!b->fresh && h > jx_room(b))
    jx_new_page(b);
  JxCanvas cv = {b, false};
  b->y += blk->draw(blk->figure, &cv, b->st->left, b->y, b->st->width);
  b->fresh = false;
}

/* ---- pages ---- */

/* 目录: reserves a line for each heading after blk down to its level; the
 * lines are written when the pages are known (furnish). */
static void set_toc(Builder *b, const JxBlock *blk) {
  double pitch = b->st->roles[JX_ROLE_BODY].pitch;
  for (guint i = b->block + 1; i < b->doc->blocks->len; i++) {
    const JxBlock *h = g_ptr_array_index(b->doc->blocks, i);
    if (h->kind != JX_BLOCK_HEADING || h->outline_level < 1 || h->outline_level > blk->toc_level)
      continue;
    if (jx_room(b) < pitch)
      jx_new_page(b);
    TocSlot slot = {b->out->pages->len - 1, b->y, b->block, blk->toc_level};
    g_array_append_val(b->toc, slot);
    b->y += pitch;
    b->fresh = false;
  }
}

double jx_put_line(Builder *b, JxRole role, const char *text, double x, double top, bool right) {
  PangoLayout *l = jx_make_layout(b, role, text, -1, JX_ALIGN_LEFT, false, false);
  int w = 0;
  pango_layout_get_size(l, &w, NULL);
  double xs[1] = {0}, ws[1] = {(double)w / PANGO_SCALE};
  jx_place_lines(b, l, role, right ? x - ws[0] : x, top, 0, 1, xs, ws);
  g_object_unref(l);
  return ws[0];
}

double jx_line_width(Builder *b, JxRole role, const char *text) {
  PangoLayout *l = jx_make_layout(b, role, text, -1, JX_ALIGN_LEFT, false, false);
  int w = 0;
  pango_layout_get_size(l, &w, NULL);
  g_object_unref(l);
  return (double)w / PANGO_SCALE;
}

/* text, or as many of its first characters as fit in width with "…" after
 * them: a 目录 entry has one line. */
static char *fit_line(Builder *b, JxRole role, const char *text, double width) {
  if (jx_line_width(b, role, text) <= width)
    return g_strdup(text);
  glong lo = 0, hi = g_utf8_strlen(text, -1);
  while (lo < hi) {
    glong mid = (lo + hi + 1) / 2;
    char *head = g_utf8_substring(text, 0, mid);
    char *cut = g_strconcat(head, "…", NULL);
    if (jx_line_width(b, role, cut) <= width)
      lo = mid;
    else
      hi = mid - 1;
    g_free(head);
    g_free(cut);
  }
  char *head = g_utf8_substring(text, 0, lo);
  char *cut = g_strconcat(head, "…", NULL);
  g_free(head);
  return cut;
}

/* Writes the 目录 lines: the heading, dot leaders, its page number, and a
 * link to where it stands. */
static void fill_toc(Builder *b) {
  const JxStyle *st = b->st;
  guint next = 0;
  double size = st->roles[JX_ROLE_BODY].size;
  /* the leader's dot, measured once for every line */
  PangoLayout *l = jx_make_layout(b, JX_ROLE_BODY, "·", -1, JX_ALIGN_LEFT, false, false);
  int dw = 0;
  pango_layout_get_size(l, &dw, NULL);
  g_object_unref(l);
  double step = (double)dw / PANGO_SCALE;
  for (guint i = 0; i < b->toc->len; i++) {
    const TocSlot *slot = &g_array_index(b->toc, TocSlot, i);
    const JxMark *m = NULL;
    for (; next < b->out->marks->len && !m; next++) {
      const JxMark *c = g_ptr_array_index(b->out->marks, next);
      if (c->block > slot->after && c->level <= slot->toc_level)
        m = c;
    }
    if (!m)
      break;
    const JxBlock *h = g_ptr_array_index(b->doc->blocks, m->block);
    b->page = g_ptr_array_index(b->out->pages, slot->page);
    /* the line is the 目录's own paragraph */
    b->block = slot->after;
    b->tag = JX_TAG_P;
    const JxPage *target = g_ptr_array_index(b->out->pages, m->page);
    char number[16];
    g_snprintf(number, sizeof number, "%d", target->number);
    /* deeper headings indented two characters a level */
    double indent = 2 * size * MAX(m->level - 2, 0);
    double nw = jx_put_line(b, JX_ROLE_BODY, number, st->left + st->width, slot->y, true);
    /* a title too long for the line is cut, leaving room for two dots */
    char *title = fit_line(b, JX_ROLE_BODY, h->text, st->width - indent - nw - size * 2);
    double tw = jx_put_line(b, JX_ROLE_BODY, title, st->left + indent, slot->y, false);
    g_free(title);
    /* the leader: dots between the title and the number */
    double from = st->left + indent + tw + size / 2, to = st->left + st->width - nw - size / 2;
    GString *dots = g_string_new(NULL);
    /* on a grid from the left margin, so that the dots of all lines align */
    double start = step > 0 ? st->left + ceil((from - st->left) / step) * step : to;
    for (int k = 0; step > 0 && start + (k + 1) * step <= to; k++)
      g_string_append(dots, "·");
    if (dots->len)
      jx_put_line(b, JX_ROLE_BODY, dots->str, start, slot->y, false);
    g_string_free(dots, TRUE);
    JxOp *link = jx_add_op(b, JX_OP_LINK, JX_ROLE_BODY, st->left, slot->y, st->width,
                           st->roles[JX_ROLE_BODY].pitch);
    link->dest_page = m->page;
    link->dest_y = m->y;
  }
}

/* Sets the first line of pattern (a running header or footer; nothing
 * when NULL or empty), its placeholders filled, centred on the text block
 * with its box top at top. */
static void running_line(Builder *b, const char *pattern, const char *const *places, double top) {
  if (!pattern || !*pattern)
    return;
  const JxStyle *st = b->st;
  char *text = jx_text_fill(pattern, places);
  PangoLayout *l =
      jx_make_layout(b, JX_ROLE_RUNNING, text, st->width, JX_ALIGN_CENTER, false, false);
  /* extents of every line (a long one wraps), the first one set */
  int n = pango_layout_get_line_count(l);
  double *xs = g_new(double, n), *ws = g_new(double, n);
  jx_line_extents(l, xs, ws);
  jx_place_lines(b, l, JX_ROLE_RUNNING, st->left, top, 0, 1, xs, ws);
  g_free(xs);
  g_free(ws);
  g_object_unref(l);
  g_free(text);
}

/* The running header, the footer and the page number of every numbered
 * page, their {页码} {总页数} {项目名称} filled, once the pages are known. */
static void furnish(Builder *b) {
  const JxStyle *st = b->st;
  int number = 0, total = (int)b->out->pages->len - (int)b->doc->cover_pages;
  const char *project = NULL;
  for (guint i = 0; i < b->out->pages->len; i++)
    if (i >= b->doc->cover_pages)
      ((JxPage *)g_ptr_array_index(b->out->pages, i))->number = ++number;
  fill_toc(b);
  b->furniture = true;
  for (guint i = 0; i < b->out->pages->len; i++) {
    b->page = g_ptr_array_index(b->out->pages, i);
    if (i < b->projects->len && g_ptr_array_index(b->projects, i))
      project = g_ptr_array_index(b->projects, i);
    if (i < b->doc->cover_pages)
      continue;
    char page[16], pages[16];
    g_snprintf(page, sizeof page, "%d", b->page->number);
    g_snprintf(pages, sizeof pages, "%d", total);
    const char *places[] = {"{页码}", page, "{总页数}", pages, "{项目名称}", project ? project : "",
                            NULL};
    double rule_y = st->top - JX_MM(4);
    running_line(b, b->doc->header, places, rule_y - JX_MM(1) - st->roles[JX_ROLE_RUNNING].pitch);
    if (st->header_rule)
      jx_add_op(b, JX_OP_RULE, JX_ROLE_RUNNING, st->left, rule_y, st->width, 0);

    /* the page number below the text block: outside means odd pages right
     * and even pages left, inset characters in from the edge */
    const JxRoleStyle *rn = &st->roles[JX_ROLE_PAGE_NUMBER];
    double base_top = st->top + st->height + st->number_gap;
    bool odd = b->page->number % 2;
    JxNumberPosition pos = st->number_position;
    if (pos == JX_NUMBER_OUTSIDE)
      pos = odd ? JX_NUMBER_RIGHT : JX_NUMBER_LEFT;
    else if (pos == JX_NUMBER_INSIDE)
      pos = odd ? JX_NUMBER_LEFT : JX_NUMBER_RIGHT;
    double inset = st->number_inset * rn->size;
    if (st->page_number && *st->page_number && !b->page->unnumbered) {
      char *text = jx_text_fill(st->page_number, places);
      PangoLayout *l =
          jx_make_layout(b, JX_ROLE_PAGE_NUMBER, text, -1, JX_ALIGN_LEFT, false, false);
      int w = 0;
      pango_layout_get_size(l, &w, NULL);
      double ws[1] = {(double)w / PANGO_SCALE}, xs[1];
      xs[0] = pos == JX_NUMBER_RIGHT  ? st->width - inset - ws[0]
              : pos == JX_NUMBER_LEFT ? inset
                                      : (st->width - ws[0]) / 2;
      jx_place_lines(b, l, JX_ROLE_PAGE_NUMBER, st->left, base_top, 0, 1, xs, ws);
      g_object_unref(l);
      g_free(text);
    }
    /* the footer on the number's line, centred; under it when the number
     * is centred */
    running_line(b, b->doc->footer, places,
                 pos == JX_NUMBER_CENTER
                     ? base_top + rn->pitch
                     : base_top + (rn->pitch - st->roles[JX_ROLE_RUNNING].pitch) / 2);
  }
}

/* The structure element a block's ops are part of: a heading's level is
 * its outline level (the department, on the cover, is 1; 一、 is 2). */
static JxTag block_tag(const JxBlock *blk) {
  switch (blk->kind) {
  case JX_BLOCK_HEADING:
    if (blk->outline_level < 1)
      return JX_TAG_P; /* a form's title: not in the outline */
    return (JxTag)(JX_TAG_H1 + CLAMP(blk->outline_level - 1, 1, 4) - 1);
  case JX_BLOCK_PARAGRAPH:
  case JX_BLOCK_TOC:
  case JX_BLOCK_PAIR:
  case JX_BLOCK_SIGN:
  case JX_BLOCK_RECORD:
    return JX_TAG_P;
  case JX_BLOCK_TABLE:
    return JX_TAG_TD;
  case JX_BLOCK_FIGURE:
    return JX_TAG_FIGURE;
  default:
    return JX_TAG_NONE;
  }
}

JxLayout *jx_layout_document(const JxDocument *doc, const JxStyle *style, PangoContext *ctx) {
  Builder b = {0};
  b.st = style;
  b.ctx = ctx;
  b.doc = doc;
  b.out = g_new0(JxLayout, 1);
  b.out->style = style;
  b.out->pages = g_ptr_array_new_with_free_func((GDestroyNotify)page_free);
  b.out->marks = g_ptr_array_new_with_free_func((GDestroyNotify)mark_free);
  b.out->alts = g_ptr_array_new_with_free_func(g_free);
  g_ptr_array_set_size(b.out->alts, doc->blocks->len);
  b.out->tables = g_ptr_array_new_with_free_func((GDestroyNotify)jx_table_shape_free);
  g_ptr_array_set_size(b.out->tables, doc->blocks->len);
  b.bottom = style->top + style->height;
  for (int r = 0; r < JX_ROLE_COUNT; r++) {
    const JxRoleStyle *rs = &style->roles[r];
    b.fonts[r] = pango_font_description_from_string(rs->families);
    pango_font_description_set_absolute_size(b.fonts[r], rs->size * PANGO_SCALE);
    pango_font_description_set_weight(b.fonts[r],
                                      rs->bold ? PANGO_WEIGHT_BOLD : PANGO_WEIGHT_NORMAL);
  }
  b.toc = g_array_new(FALSE, FALSE, sizeof(TocSlot));
  b.projects = g_ptr_array_new();
  b.shaped = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, g_object_unref);
  jx_new_page(&b);
  for (guint i = 0; i < doc->blocks->len; i++) {
    const JxBlock *blk = g_ptr_array_index(doc->blocks, i);
    b.block = i;
    b.tag = block_tag(blk);
    b.color = blk->color;
    b.row = b.cell = -1;
    if (blk->alt)
      g_ptr_array_index(b.out->alts, i) = g_strdup(blk->alt);
    /* a heading or caption is not left at the foot of a page */
    if (keeps_with_next(blk) && !b.fresh && need_from(&b, i) > jx_room(&b))
      jx_new_page(&b);
    switch (blk->kind) {
    case JX_BLOCK_HEADING:
      set_heading(&b, blk);
      break;
    case JX_BLOCK_PARAGRAPH:
      set_paragraph(&b, blk);
      break;
    case JX_BLOCK_TABLE:
      jx_set_table(&b, blk);
      break;
    case JX_BLOCK_RULE:
      jx_set_rule(&b, blk);
      break;
    case JX_BLOCK_PAIR:
      jx_set_pair(&b, blk);
      break;
    case JX_BLOCK_SIGN:
      jx_set_sign(&b, blk);
      break;
    case JX_BLOCK_RECORD:
      jx_set_record(&b, blk);
      break;
    case JX_BLOCK_SPACE:
      if (!b.fresh || blk->keep || b.out->pages->len <= doc->cover_pages)
        b.y = MIN(b.y + blk->space, b.bottom);
      break;
    case JX_BLOCK_PAGE_BREAK:
      if (!b.fresh)
        jx_new_page(&b);
      break;
    case JX_BLOCK_FIGURE:
      set_figure(&b, blk);
      break;
    case JX_BLOCK_TOC:
      set_toc(&b, blk);
      break;
    }
  }
  /* a page break at the end leaves no empty page */
  if (b.fresh && b.out->pages->len > 1 && !b.page->ops->len)
    g_ptr_array_remove_index(b.out->pages, b.out->pages->len - 1);
  furnish(&b);
  g_array_free(b.toc, TRUE);
  g_ptr_array_free(b.projects, TRUE);
  g_hash_table_destroy(b.shaped);
  for (int r = 0; r < JX_ROLE_COUNT; r++)
    pango_font_description_free(b.fonts[r]);
  return b.out;
}
