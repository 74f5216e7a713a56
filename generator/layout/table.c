/* table.c - a table set on pages: cells that span rows and columns, rows
 * moved or split at a page foot, the header repeated on every page, and a
 * row-spanning label repeated where a page cuts it.
 *
 * A table is planned before anything is placed: each page's part is a list
 * of slices (a row, or some lines of it), so that a span left with one
 * line at a page foot can be moved whole to the next page. */
#include "layout/builder.h"

#include <math.h>
#include <string.h>

/* ---- the grid ---- */

static bool in_head(const JxBlock *t, guint r) {
  return r >= t->header_at && r < t->header_at + t->header_rows;
}

static void grid_init(JxGrid *g, const JxBlock *t) {
  g->rows = t->rows->len;
  g->cols = t->columns;
  g->cells = g_array_new(FALSE, FALSE, sizeof(JxGridCell));
  g->owner = g_new(int, (gsize)MAX(1, g->rows * g->cols));
  for (guint i = 0; i < g->rows * g->cols; i++)
    g->owner[i] = -1;
  for (guint r = 0; r < g->rows; r++) {
    GPtrArray *row = g_ptr_array_index(t->rows, r);
    guint c = 0;
    /* a span above the header ends above it; one in the header or body
     * may reach the foot of the table */
    guint last = r < t->header_at ? MIN(t->header_at, g->rows) : g->rows;
    for (guint k = 0; k < row->len; k++) {
      while (c < g->cols && g->owner[r * g->cols + c] >= 0)
        c++;
      if (c >= g->cols)
        break; /* cells past the last column are not set */
      const JxCell *cell = g_ptr_array_index(row, k);
      guint rows = MIN(MAX(cell->rowspan, 1), last - r);
      guint cols = 1;
      while (cols < cell->colspan && c + cols < g->cols && g->owner[r * g->cols + c + cols] < 0)
        cols++;
      /* a span stops above a position a span from further up holds */
      for (guint rr = 1; rr < rows; rr++)
        for (guint cc = 0; cc < cols; cc++)
          if (g->owner[(r + rr) * g->cols + c + cc] >= 0) {
            rows = rr;
            break;
          }
      JxGridCell gc = {cell, r, c, rows, cols};
      for (guint rr = 0; rr < rows; rr++)
        for (guint cc = 0; cc < cols; cc++)
          g->owner[(r + rr) * g->cols + c + cc] = (int)g->cells->len;
      g_array_append_val(g->cells, gc);
      c += cols;
    }
  }
}

static void grid_clear(JxGrid *g) {
  g_array_free(g->cells, TRUE);
  g_free(g->owner);
}

static int owner(const JxGrid *g, guint r, guint c) {
  return g->owner[r * g->cols + c];
}

/* ---- cells and rows ---- */

typedef struct {
  PangoLayout *layout;
  int lines; /* 0 for an empty cell */
  double *xs, *ws;
  JxRole role;
  double x, width; /* the box's left edge and width */
  bool shown;      /* emitting: already drawn on an earlier page */
} Box;

typedef struct {
  Builder *b;
  const JxBlock *t;
  JxGrid g;
  double *widths, *xs;
  Box *boxes;     /* per grid cell */
  int *lines;     /* per row: the lines it is set on */
  double *height; /* per row, whole */
  double head_h;  /* the header rows together */
} Table;

/* A cell's layout at its box's inner width. */
static void box_make(Table *tb, Box *bx, const JxGridCell *gc, const char *text) {
  Builder *b = tb->b;
  /* a label from the header down the body (a form's 绩效指标) is set as
   * the body is */
  bool head = in_head(tb->t, gc->row) && in_head(tb->t, gc->row + gc->rows - 1);
  bx->role = jx_table_role(tb->t, head);
  bx->x = tb->xs[gc->col];
  bx->width = tb->xs[gc->col + gc->cols] - tb->xs[gc->col];
  double inner = bx->width - 2 * b->st->cell_padding_x;
  bx->layout = jx_make_layout(b, bx->role, text, inner, head ? JX_ALIGN_CENTER : gc->cell->align,
                              false, gc->cell->strong);
  bx->lines = *text ? pango_layout_get_line_count(bx->layout) : 0;
  bx->xs = g_new(double, MAX(1, pango_layout_get_line_count(bx->layout)));
  bx->ws = g_new(double, MAX(1, pango_layout_get_line_count(bx->layout)));
  jx_line_extents(bx->layout, bx->xs, bx->ws);
}

static void box_clear(Box *bx) {
  if (bx->layout)
    g_object_unref(bx->layout);
  g_free(bx->xs);
  g_free(bx->ws);
  bx->layout = NULL;
  bx->xs = bx->ws = NULL;
}

static double pitch_of(const Table *tb, guint r) {
  return tb->b->st->roles[jx_table_role(tb->t, in_head(tb->t, r))].pitch;
}

static double pad_y(const Table *tb) {
  return 2 * tb->b->st->cell_padding_y;
}

/* Widths, every cell's layout, and each row's lines: its own cells', and
 * more on the last row of a span whose text its rows are too short for.
 * Cells of rows from upto on are not set (measuring the rows above). */
static void table_init(Table *tb, Builder *b, const JxBlock *t, guint upto) {
  memset(tb, 0, sizeof *tb);
  tb->b = b;
  tb->t = t;
  grid_init(&tb->g, t);
  tb->widths = g_new0(double, MAX(1, t->columns));
  jx_column_widths(b, t, &tb->g, tb->widths);
  tb->xs = g_new0(double, t->columns + 1);
  tb->xs[0] = b->st->left;
  for (guint c = 0; c < t->columns; c++)
    tb->xs[c + 1] = tb->xs[c] + tb->widths[c];
  guint n = tb->g.cells->len, nr = tb->g.rows;
  tb->boxes = g_new0(Box, MAX(1, n));
  tb->lines = g_new(int, MAX(1, nr));
  tb->height = g_new(double, MAX(1, nr));
  for (guint r = 0; r < nr; r++)
    tb->lines[r] = 1;
  for (guint i = 0; i < n; i++) {
    const JxGridCell *gc = &g_array_index(tb->g.cells, JxGridCell, i);
    if (gc->row >= upto)
      continue; /* measuring the rows above: the rest are not set */
    box_make(tb, &tb->boxes[i], gc, gc->cell->text);
    if (gc->rows == 1)
      tb->lines[gc->row] = MAX(tb->lines[gc->row], tb->boxes[i].lines);
  }
  for (guint i = 0; i < n; i++) {
    const JxGridCell *gc = &g_array_index(tb->g.cells, JxGridCell, i);
    if (gc->rows < 2)
      continue;
    double have = 0, need = tb->boxes[i].lines * pitch_of(tb, gc->row) + pad_y(tb);
    for (guint r = gc->row; r < gc->row + gc->rows; r++)
      have += tb->lines[r] * pitch_of(tb, r) + pad_y(tb);
    guint last = gc->row + gc->rows - 1;
    if (need > have + 0.01)
      tb->lines[last] += (int)ceil((need - have - 0.01) / pitch_of(tb, last));
  }
  for (guint r = 0; r < nr; r++) {
    tb->height[r] = tb->lines[r] * pitch_of(tb, r) + pad_y(tb);
    if (in_head(t, r))
      tb->head_h += tb->height[r];
  }
}

static void table_clear(Table *tb) {
  for (guint i = 0; i < tb->g.cells->len; i++)
    box_clear(&tb->boxes[i]);
  g_free(tb->boxes);
  g_free(tb->lines);
  g_free(tb->height);
  g_free(tb->widths);
  g_free(tb->xs);
  grid_clear(&tb->g);
}

/* ---- planning ---- */

/* Lines [from, from + count) of a row on one page. */
typedef struct {
  guint row;
  int from, count;
  bool repeated; /* a header row set again at the top of a page */
} Slice;

typedef struct {
  bool new_page; /* the part begins a page */
  GArray *slices;
} Part;

typedef struct {
  Table *tb;
  GArray *parts; /* Part */
  double room;   /* left on the page being planned */
  bool fresh;    /* nothing of the table on it yet, nor anything else */
  bool head_set; /* the header has been set once: it repeats */
} Plan;

static Part *part_now(Plan *p) {
  return &g_array_index(p->parts, Part, p->parts->len - 1);
}

static double slice_h(const Table *tb, const Slice *s) {
  return s->count * pitch_of(tb, s->row) + pad_y(tb);
}

static void add_slice(Plan *p, guint row, int from, int count, bool repeated) {
  Slice s = {row, from, count, repeated};
  g_array_append_val(part_now(p)->slices, s);
  p->room -= slice_h(p->tb, &s);
  p->fresh = false;
}

/* Starts a page whose first row is r. */
static void plan_page(Plan *p, guint r) {
  Part part = {true, g_array_new(FALSE, FALSE, sizeof(Slice))};
  g_array_append_val(p->parts, part);
  const JxStyle *st = p->tb->b->st;
  p->room = st->height;
  p->fresh = true;
  const JxBlock *t = p->tb->t;
  if (p->head_set && (!t->header_end || r < t->header_end))
    for (guint h = t->header_at; h < t->header_at + t->header_rows; h++)
      add_slice(p, h, 0, p->tb->lines[h], true);
  p->fresh = true;
}

/* Lines of body slices of the part being planned in rows [from, to]. */
static int lines_here(Plan *p, guint from, guint to) {
  GArray *s = part_now(p)->slices;
  int n = 0;
  for (guint i = 0; i < s->len; i++) {
    const Slice *x = &g_array_index(s, Slice, i);
    if (!x->repeated && x->row >= from && x->row <= to)
      n += x->count;
  }
  return n;
}

/* The first body row of the part being planned, or G_MAXUINT. */
static guint first_here(Plan *p) {
  GArray *s = part_now(p)->slices;
  for (guint i = 0; i < s->len; i++)
    if (!g_array_index(s, Slice, i).repeated)
      return g_array_index(s, Slice, i).row;
  return G_MAXUINT;
}

/* Where a page break before (more of) row r should go instead: the first
 * row of a span that would keep fewer lines on this page than its label
 * needs (two at least), when that row is not the first here; r itself
 * otherwise. */
static guint break_row(Plan *p, guint r) {
  const Table *tb = p->tb;
  guint first = first_here(p), to = r;
  for (guint c = 0; c < tb->g.cols && first != G_MAXUINT; c++) {
    int o = owner(&tb->g, r, c);
    if (o < 0)
      continue;
    const JxGridCell *gc = &g_array_index(tb->g.cells, JxGridCell, o);
    if (gc->rows < 2 || gc->row >= r || gc->row <= first || in_head(tb->t, gc->row))
      continue;
    int need = MAX(2, tb->boxes[o].lines);
    if (lines_here(p, gc->row, r) < need && gc->row < to)
      to = gc->row;
  }
  return to;
}

/* Drops the body slices of rows from `from` on from the part. */
static void unplan(Plan *p, guint from) {
  GArray *s = part_now(p)->slices;
  while (s->len) {
    const Slice *x = &g_array_index(s, Slice, s->len - 1);
    if (x->repeated || x->row < from)
      break;
    g_array_set_size(s, s->len - 1);
  }
}

/* Breaks the page before (more of) row r, or before to (break_row's) when
 * that is earlier, taking back what was planned from it; returns the row
 * to go on from. */
static guint break_before(Plan *p, guint r, guint to) {
  if (to < r)
    unplan(p, to);
  plan_page(p, to);
  return to;
}

/* Plans t's rows on pages from the builder's y: a row that fits on the
 * next page whole goes there, unless it is tall and at least three of its
 * lines fit here and three go over; the header with a first line of the
 * body; a span not left with one line at a page foot. */
static GArray *plan(Table *tb) {
  const Builder *b = tb->b;
  const JxBlock *t = tb->t;
  Plan p = {tb, g_array_new(FALSE, FALSE, sizeof(Part)), jx_room(b), b->fresh, false};
  Part first = {false, g_array_new(FALSE, FALSE, sizeof(Slice))};
  g_array_append_val(p.parts, first);
  double pad = pad_y(tb);
  guint nr = tb->g.rows, he = t->header_at + t->header_rows;
  for (guint r = 0; r < nr;) {
    if (r == t->header_at && t->header_rows) {
      /* the header and a first line of the body stay together */
      double need = tb->head_h + (he < nr ? pitch_of(tb, he) + pad : 0);
      if (!p.fresh && need > p.room) {
        guint to = break_before(&p, r, r ? break_row(&p, r) : r);
        if (to < r) {
          r = to;
          continue;
        }
      }
      for (; r < he && r < nr; r++)
        add_slice(&p, r, 0, tb->lines[r], false);
      p.head_set = true;
      continue;
    }
    int n = tb->lines[r];
    double pitch = pitch_of(tb, r), full = tb->height[r];
    double page_room = b->st->height - (p.head_set ? tb->head_h : 0);
    int here = (int)floor((p.room - pad + 0.01) / pitch);
    if (full > p.room + 0.01 && full <= page_room && !(n >= 6 && here >= 3 && n - here >= 3) &&
        !p.fresh) {
      guint to = break_before(&p, r, break_row(&p, r));
      if (to < r) {
        r = to;
        continue;
      }
    }
    int done = 0;
    while (done < n) {
      int fits = (int)floor((p.room - pad + 0.01) / pitch);
      if (fits < 1) {
        /* a row begun here is not taken back */
        guint to = break_before(&p, r, done ? r : break_row(&p, r));
        if (to < r) {
          r = to;
          goto next;
        }
        fits = (int)floor((p.room - pad + 0.01) / pitch);
        if (fits < 1)
          fits = 1; /* a header taller than a page: nothing else to do */
      }
      int count = MIN(fits, n - done);
      add_slice(&p, r, done, count, false);
      done += count;
    }
    r++;
  next:;
  }
  return p.parts;
}

/* ---- placing ---- */

/* Places a spanning cell's text in its box on this page: its label, with
 * the table's "（续）" after it where the page cut it and it fits. */
static void place_span(Table *tb, guint i, double top, double h) {
  Builder *b = tb->b;
  const JxGridCell *gc = &g_array_index(tb->g.cells, JxGridCell, i);
  Box *bx = &tb->boxes[i];
  Box shown = {0};
  const Box *use = bx;
  double pitch = b->st->roles[bx->role].pitch;
  int room_lines = MAX(1, (int)floor((h - pad_y(tb) + 0.01) / pitch));
  if (bx->shown && tb->t->continued && bx->lines) {
    char *text = g_strconcat(gc->cell->text, tb->t->continued, NULL);
    box_make(tb, &shown, gc, text);
    g_free(text);
    if (shown.lines <= room_lines)
      use = &shown;
  }
  int lines = MIN(use->lines, room_lines);
  if (lines > 0) {
    double offset = (h - pad_y(tb) - lines * pitch) / 2;
    jx_place_lines(b, use->layout, use->role, use->x + b->st->cell_padding_x,
                   top + b->st->cell_padding_y + offset, 0, lines, use->xs, use->ws);
  }
  box_clear(&shown);
  bx->shown = true;
}

/* Adds a rule, joined to the previous op when it continues it. */
static void rule(Builder *b, JxRole role, double x, double y, double w, double h) {
  GArray *ops = b->page->ops;
  if (ops->len) {
    JxOp *last = &g_array_index(ops, JxOp, ops->len - 1);
    if (last->kind == JX_OP_RULE && h == 0 && last->h == 0 && fabs(last->y - y) < 0.001 &&
        fabs(last->x + last->w - x) < 0.001) {
      last->w += w;
      return;
    }
    if (last->kind == JX_OP_RULE && w == 0 && last->w == 0 && fabs(last->x - x) < 0.001 &&
        fabs(last->y + last->h - y) < 0.001) {
      last->h += h;
      return;
    }
  }
  jx_add_op(b, JX_OP_RULE, role, x, y, w, h);
}

/* A light's disc in the ideographic space its cell's text starts with
 * (jx_block_dot_cell): centred in that em box, whose middle stands 0.38 em
 * over the baseline in the CJK faces. */
static void light_dot(Builder *b, const Box *bx, guint32 color, double top) {
  const JxRoleStyle *r = &b->st->roles[bx->role];
  double x = bx->x + b->st->cell_padding_x + bx->xs[0] + r->size / 2;
  double y = top + baseline_offset(r) - 0.38 * r->size;
  JxTag tag = b->tag;
  b->tag = JX_TAG_NONE; /* the word says it: the disc is not content */
  jx_add_op(b, JX_OP_DOT, bx->role, x, y, 0.32 * r->size, 0.32 * r->size)->color = color;
  b->tag = tag;
}

/* Places one page's part of the table from the builder's y. */
static void place_part(Table *tb, const Part *part) {
  Builder *b = tb->b;
  const JxStyle *st = b->st;
  const JxGrid *g = &tb->g;
  guint ns = part->slices->len;
  if (!ns)
    return;
  double *tops = g_new(double, ns + 1);
  tops[0] = b->y;
  for (guint s = 0; s < ns; s++)
    tops[s + 1] = tops[s] + slice_h(tb, &g_array_index(part->slices, Slice, s));
  /* each cell's slices on this page: [first, last] */
  guint n = g->cells->len;
  int *first = g_new(int, MAX(1, n)), *last = g_new(int, MAX(1, n));
  for (guint i = 0; i < n; i++)
    first[i] = last[i] = -1;
  for (guint s = 0; s < ns; s++) {
    const Slice *sl = &g_array_index(part->slices, Slice, s);
    for (guint c = 0; c < g->cols; c++) {
      int o = owner(g, sl->row, c);
      if (o < 0)
        continue;
      if (first[o] < 0)
        first[o] = (int)s;
      last[o] = (int)s;
    }
  }
  /* the header's shading, under its cells; a form is printed as the
   * paper form is, unshaded */
  JxRole head = jx_table_role(tb->t, true);
  for (guint i = 0; i < n && tb->t->role != JX_ROLE_FORM; i++) {
    if (first[i] >= 0 && tb->boxes[i].role == head)
      jx_add_op(b, JX_OP_FILL, head, tb->boxes[i].x, tops[first[i]], tb->boxes[i].width,
                tops[last[i] + 1] - tops[first[i]]);
  }
  /* a shaded cell (a heat map's) under its text */
  for (guint i = 0; i < n; i++) {
    const JxCell *cell = g_array_index(g->cells, JxGridCell, i).cell;
    if (first[i] >= 0 && cell->shaded)
      jx_add_op(b, JX_OP_FILL, tb->boxes[i].role, tb->boxes[i].x, tops[first[i]],
                tb->boxes[i].width, tops[last[i] + 1] - tops[first[i]])
          ->color = cell->shade;
  }
  for (guint i = 0; i < n; i++) {
    if (first[i] < 0)
      continue;
    const JxGridCell *gc = &g_array_index(g->cells, JxGridCell, i);
    Box *bx = &tb->boxes[i];
    /* the cell's lines are its structure element, a header's TH (each
     * page's part of a table is a Table of its own, with its header); a
     * label a page cut, set again, is not */
    bool again = gc->rows > 1 && bx->shown && !in_head(tb->t, gc->row);
    b->tag = again ? JX_TAG_NONE : in_head(tb->t, gc->row) ? JX_TAG_TH : JX_TAG_TD;
    b->row = (int)gc->row;
    b->cell = (int)i;
    if (gc->rows > 1) {
      place_span(tb, i, tops[first[i]], tops[last[i] + 1] - tops[first[i]]);
      continue;
    }
    const Slice *sl = &g_array_index(part->slices, Slice, first[i]);
    int lines = MIN(bx->lines - sl->from, sl->count);
    bool whole = sl->from == 0 && sl->count == tb->lines[sl->row];
    double pitch = st->roles[bx->role].pitch;
    /* a row set whole has its cells centred in it */
    double offset = whole ? (sl->count - bx->lines) * pitch / 2 : 0;
    double top = tops[first[i]] + st->cell_padding_y + offset;
    if (lines > 0)
      jx_place_lines(b, bx->layout, bx->role, bx->x + st->cell_padding_x, top, sl->from,
                     sl->from + lines, bx->xs, bx->ws);
    if (lines > 0 && sl->from == 0 && gc->cell->dot)
      light_dot(b, bx, gc->cell->dot_color, top);
    bx->shown = true;
  }
  b->tag = JX_TAG_NONE;
  b->row = b->cell = -1;
  /* rules: around the part, below each slice and between the columns but
   * where one cell goes on */
  JxRole role = jx_table_role(tb->t, false);
  rule(b, role, st->left, tops[0], st->width, 0);
  for (guint s = 0; s < ns; s++) {
    const Slice *sl = &g_array_index(part->slices, Slice, s);
    const Slice *next = s + 1 < ns ? &g_array_index(part->slices, Slice, s + 1) : NULL;
    for (guint c = 0; c < g->cols; c++) {
      int o = owner(g, sl->row, c);
      if (next && o >= 0 && o == owner(g, next->row, c))
        continue;
      rule(b, role, tb->xs[c], tops[s + 1], tb->widths[c], 0);
    }
  }
  for (guint c = 0; c <= g->cols; c++)
    for (guint s = 0; s < ns; s++) {
      const Slice *sl = &g_array_index(part->slices, Slice, s);
      int o = c > 0 && c < g->cols ? owner(g, sl->row, c) : -1;
      if (o >= 0 && o == owner(g, sl->row, c - 1))
        continue;
      rule(b, role, tb->xs[c], tops[s], 0, tops[s + 1] - tops[s]);
    }
  b->y = tops[ns];
  b->fresh = false;
  g_free(first);
  g_free(last);
  g_free(tops);
}

void jx_table_shape_free(JxTableShape *s) {
  if (!s)
    return;
  g_array_free(s->cells, TRUE);
  g_free(s->widths);
  g_free(s);
}

void jx_set_table(Builder *b, const JxBlock *t) {
  Table tb;
  table_init(&tb, b, t, G_MAXUINT);
  /* kept for the writers that set no pages (a Word document's table) */
  JxTableShape *shape = g_new0(JxTableShape, 1);
  shape->rows = tb.g.rows;
  shape->cols = tb.g.cols;
  shape->cells = g_array_copy(tb.g.cells);
  shape->widths = g_memdup2(tb.widths, sizeof(double) * MAX(1, t->columns));
  jx_table_shape_free(g_ptr_array_index(b->out->tables, b->block));
  g_ptr_array_index(b->out->tables, b->block) = shape;
  GArray *parts = plan(&tb);
  for (guint i = 0; i < parts->len; i++) {
    const Part *part = &g_array_index(parts, Part, i);
    if (part->new_page)
      jx_new_page(b);
    place_part(&tb, part);
    g_array_free(part->slices, TRUE);
  }
  g_array_free(parts, TRUE);
  table_clear(&tb);
}

double jx_table_start(const Builder *b, const JxBlock *t) {
  Table tb;
  guint upto = t->header_at == 0 ? t->header_rows + 1 : 1;
  /* measuring only: the layouts of the rows above upto made and dropped */
  table_init(&tb, (Builder *)b, t, upto);
  double h = 0;
  for (guint r = 0; r < MIN(upto, tb.g.rows); r++)
    h += tb.height[r];
  table_clear(&tb);
  return h;
}
