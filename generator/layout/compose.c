/* compose.c - a paragraph's breaks chosen together, its lines fitted to the
 * measure (compose.h).
 *
 * The text is read as boxes, one per glyph cluster of Pango's layout, each
 * with its width, whether a line may break before it and what it can give
 * up or take.  Widths do not depend on where lines break (a Chinese
 * character is the same on any line), so the boxes of the layout Pango made
 * stand for any other set of breaks. */
#include "layout/compose.h"

#include "layout/cjk.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

typedef struct {
  guint start;  /* byte offset in the layout's text */
  guint offset; /* character offset */
  int width;    /* Pango units */
  gunichar c;   /* its first character */
  PangoGlyphString *gs;
  int first, last; /* its glyphs in gs */
} Box;

/* A sentence's end: keeps its whole character inside a line. */
static bool is_stop(gunichar c) {
  return c == 0x3002 || c == 0xFF1F || c == 0xFF01 || c == 0xFF0E;
}

/* Spaces, and the zero-width spaces of cjk.h: nothing at a line's end. */
static bool is_blank(gunichar c) {
  return g_unichar_isspace(c) || c == JX_CJK_GAP;
}

static bool is_wide(gunichar c) {
  return g_unichar_iswide(c) || jx_cjk_is_closing(c) || jx_cjk_is_opening(c);
}

/* How much of its width a mark may give up: the blank half of a full-width
 * one; nothing for one set half-width already (a pair, 'halt'). */
static int blank_half(const Box *bx, int em) {
  if (!jx_cjk_is_closing(bx->c) && !jx_cjk_is_opening(bx->c))
    return 0;
  return bx->width * 4 >= em * 3 ? bx->width - em / 2 : 0;
}

/* How much of a justified line's stretch the gap between a and b takes:
 * none, a share, or beside the gap between Chinese and Latin two shares
 * (as a space between words stretches more than the tracking of letters,
 * and as jlreq widens it first). */
static int stretches(gunichar a, gunichar b) {
  if (!(is_wide(a) || is_wide(b)) || jx_cjk_is_opening(a) || jx_cjk_is_closing(b))
    return 0;
  return a == JX_CJK_GAP || b == JX_CJK_GAP ? 2 : 1;
}

/* The turns in which a line too long takes in what its boxes may give
 * (compose.h): after its last mark, the gaps between Chinese and Latin,
 * then the pause marks and closing brackets, then the opening ones. */
typedef enum { TURN_GAP, TURN_CLOSING, TURN_OPENING, TURN_NONE } Turn;

static Turn turn_of(const Box *bx) {
  if (bx->c == JX_CJK_GAP)
    return TURN_GAP;
  if (is_stop(bx->c))
    return TURN_NONE;
  return jx_cjk_is_closing(bx->c)   ? TURN_CLOSING
         : jx_cjk_is_opening(bx->c) ? TURN_OPENING
                                    : TURN_NONE;
}

/* The narrowest a gap between Chinese and Latin is set: clreq asks for "no
 * more than a quarter of a character", so it may give up to half of it. */
static int least_gap(int em) {
  return em / 8;
}

/* What a box inside a line may give up. */
static int give(const Box *bx, int em) {
  switch (turn_of(bx)) {
  case TURN_GAP:
    return MAX(bx->width - least_gap(em), 0);
  case TURN_NONE:
    return 0;
  default:
    return blank_half(bx, em);
  }
}

/* Makes a box by wider (by < 0: narrower): a mark's blank half grows or
 * shrinks, on the left of an opening one. */
static void widen_box(Box *bx, int by) {
  bool opening = jx_cjk_is_opening(bx->c);
  PangoGlyphGeometry *g = &bx->gs->glyphs[opening ? bx->first : bx->last].geometry;
  g->width += by;
  if (opening)
    g->x_offset += by;
}

/* Where the lines read so far end: a byte offset and its character offset,
 * so that reading a layout's lines in order counts each character once. */
typedef struct {
  guint byte, chars;
} Cursor;

/* Appends the boxes of line to out, at is where the lines before it end;
 * false for a right-to-left run. */
static bool line_boxes(PangoLayoutLine *line, const char *text, Cursor *at, GArray *out) {
  at->chars += (guint)g_utf8_strlen(text + at->byte, line->start_index - (int)at->byte);
  at->byte = (guint)line->start_index;
  guint offset = at->chars;
  for (GSList *r = line->runs; r; r = r->next) {
    PangoGlyphItem *run = r->data;
    if (run->item->analysis.level % 2)
      return false;
    PangoGlyphItemIter it;
    for (gboolean ok = pango_glyph_item_iter_init_start(&it, run, text); ok;
         ok = pango_glyph_item_iter_next_cluster(&it)) {
      Box bx = {(guint)it.start_index,
                offset,
                0,
                g_utf8_get_char(text + it.start_index),
                run->glyphs,
                it.start_glyph,
                MAX(it.end_glyph - 1, it.start_glyph)};
      for (int g = it.start_glyph; g < it.end_glyph; g++)
        bx.width += run->glyphs->glyphs[g].geometry.width;
      offset += (guint)g_utf8_strlen(text + it.start_index, it.end_index - it.start_index);
      g_array_append_val(out, bx);
    }
  }
  return true;
}

/* What a line of boxes [from, to) holds. */
typedef struct {
  int last;   /* its last box that shows, or from - 1 */
  int width;  /* up to and with last */
  int end;    /* the blank half of the mark that ends it */
  int inner;  /* the blank halves of the marks inside it that may give theirs */
  int gaps;   /* gaps it may widen */
  int spaces; /* spaces, widened where there are no such gaps */
} Line;

static Line line_of(const Box *bx, int from, int to, int em) {
  Line ln = {from - 1, 0, 0, 0, 0, 0};
  for (int k = to; k-- > from;)
    if (bx[k].width > 0 && !is_blank(bx[k].c)) {
      ln.last = k;
      break;
    }
  int prev = -1;
  for (int k = from; k <= ln.last; k++) {
    ln.width += bx[k].width;
    if (bx[k].c == ' ')
      ln.spaces++;
    if (k < ln.last)
      ln.inner += give(&bx[k], em);
    if (bx[k].width > 0) {
      if (prev >= 0)
        ln.gaps += stretches(bx[prev].c, bx[k].c);
      prev = k;
    }
  }
  if (ln.last >= from && jx_cjk_is_closing(bx[ln.last].c))
    ln.end = blank_half(&bx[ln.last], em);
  return ln;
}

/* ---- choosing the breaks ---- */

/* A paragraph's boxes summed from its start, so that what any line of it
 * holds is a subtraction (as line_of counts it). */
typedef struct {
  const Box *bx;
  int em;
  int *width, *inner, *gaps, *spaces; /* [k]: over the boxes before k */
} Sums;

static void sums_init(Sums *s, const Box *bx, int n, int em) {
  s->bx = bx;
  s->em = em;
  s->width = g_new(int, 4 * ((gsize)n + 1));
  s->inner = s->width + n + 1;
  s->gaps = s->inner + n + 1;
  s->spaces = s->gaps + n + 1;
  s->width[0] = s->inner[0] = s->gaps[0] = s->spaces[0] = 0;
  int prev = -1;
  for (int k = 0; k < n; k++) {
    int gap = bx[k].width > 0 && prev >= 0 ? stretches(bx[prev].c, bx[k].c) : 0;
    if (bx[k].width > 0)
      prev = k;
    s->width[k + 1] = s->width[k] + bx[k].width;
    s->inner[k + 1] = s->inner[k] + give(&bx[k], em);
    s->gaps[k + 1] = s->gaps[k] + gap;
    s->spaces[k + 1] = s->spaces[k] + (bx[k].c == ' ');
  }
}

static Line sums_line(const Sums *s, int from, int to) {
  Line ln = {from - 1, 0, 0, 0, 0, 0};
  for (int k = to; k-- > from;)
    if (s->bx[k].width > 0 && !is_blank(s->bx[k].c)) {
      ln.last = k;
      break;
    }
  if (ln.last < from)
    return ln;
  ln.width = s->width[ln.last + 1] - s->width[from];
  ln.inner = s->inner[ln.last] - s->inner[from];
  ln.gaps = s->gaps[ln.last + 1] - s->gaps[from + 1];
  ln.spaces = s->spaces[ln.last + 1] - s->spaces[from];
  if (jx_cjk_is_closing(s->bx[ln.last].c))
    ln.end = blank_half(&s->bx[ln.last], s->em);
  return ln;
}

typedef struct {
  int lines;
  double worst; /* the widest gap of a justified line, ems */
  double cost;  /* the sum of the lines' looseness, for ties */
  int from;     /* the line's start */
} Reach;

static bool better(const Reach *a, const Reach *b) {
  if (a->lines != b->lines)
    return a->lines < b->lines;
  if (fabs(a->worst - b->worst) > 1e-6)
    return a->worst < b->worst;
  return a->cost < b->cost - 1e-9;
}

/* The lines reaching a line's start, and the line after them. */
static Reach line_after(const Reach *at, const Line *ln, int room, bool last, const JxMeasure *m) {
  double em = m->em;
  int slack = room - ln->width;
  Reach out = *at;
  out.lines++;
  if (slack < 0) {
    /* taken in: justified, a little worse than a full line and better than
     * a stretched one.  Ragged, the mark that ends the line gives its blank
     * freely (it stands at the edge), the marks inside it only for a line
     * less */
    int end = MIN(-slack, ln->end);
    out.cost += m->justify ? -slack / em * 0.05 : (-slack - end) / em * 10;
  } else if (!last) {
    int n = ln->gaps ? ln->gaps : ln->spaces;
    double r = n ? slack / em / n : slack / em;
    if (m->justify) {
      out.worst = MAX(out.worst, r);
      out.cost += r * r;
    } else {
      /* ragged: the earlier lines full first, as Pango breaks them */
      out.cost += slack / em * ldexp(0.001, -out.lines);
    }
  }
  return out;
}

/* Appends to halts the boxes (indices) a line too long by over (Pango
 * units) takes in whole, in the order of compose.h: its last mark, then all
 * its gaps, all its closing marks, all its opening ones, as far as it needs
 * (what it does not need is given back to each alike: jx_compose_fit). */
static void halve(const Box *bx, int from, const Line *ln, int over, int em, GArray *halts) {
  if (over <= 0)
    return;
  if (ln->end > 0) {
    g_array_append_val(halts, ln->last);
    over -= ln->end;
  }
  for (Turn t = TURN_GAP; t < TURN_NONE && over > 0; t++)
    for (int k = from; k < ln->last; k++) {
      int h = give(&bx[k], em);
      if (h > 0 && turn_of(&bx[k]) == t) {
        g_array_append_val(halts, k);
        over -= h;
      }
    }
}

/* Chooses the breaks of one paragraph's boxes; appends the lines' starts
 * and the marks set half-width (box indices) to starts and halts. */
static void paragraph_breaks(const Box *bx, int n, const PangoLogAttr *attrs, const JxMeasure *m,
                             int indent, GArray *starts, GArray *halts) {
  Sums sums;
  sums_init(&sums, bx, n, m->em);

  Reach *reach = g_new0(Reach, (gsize)n + 1);
  bool *ok = g_new0(bool, (gsize)n + 1);
  ok[0] = true;
  for (int i = 0; i < n; i++) {
    if (!ok[i])
      continue;
    int room = m->width - (i == 0 ? MAX(indent, 0) : MAX(-indent, 0));
    bool any = false;
    for (int j = i + 1; j <= n; j++) {
      if (j < n && !attrs[bx[j].offset].is_line_break)
        continue;
      Line ln = sums_line(&sums, i, j);
      bool fits = ln.width - ln.end - ln.inner <= room;
      if (!fits && any)
        break;
      int to = j;
      if (!fits) {
        /* nothing fits: as Pango's word-char wrapping, the most characters
         * that do */
        for (int k = j - 1; k > i; k--) {
          if (!attrs[bx[k].offset].is_char_break)
            continue;
          Line part = sums_line(&sums, i, k);
          if (part.width - part.end - part.inner <= room) {
            to = k;
            ln = part;
            break;
          }
        }
      }
      Reach r = line_after(&reach[i], &ln, room, to == n, m);
      r.from = i;
      if (!ok[to] || better(&r, &reach[to])) {
        reach[to] = r;
        ok[to] = true;
      }
      any = true;
      if (!fits)
        break;
    }
  }
  /* the starts, back from the end */
  GArray *back = g_array_new(FALSE, FALSE, sizeof(int));
  for (int j = n; j > 0; j = reach[j].from)
    g_array_append_val(back, reach[j].from);
  for (guint k = back->len; k-- > 0;) {
    int from = g_array_index(back, int, k), to = k ? g_array_index(back, int, k - 1) : n;
    g_array_append_val(starts, from);
    int room = m->width - (from == 0 ? MAX(indent, 0) : MAX(-indent, 0));
    Line ln = line_of(bx, from, to, m->em);
    halve(bx, from, &ln, ln.width - room, m->em, halts);
  }
  g_array_free(back, TRUE);
  g_free(sums.width);
  g_free(ok);
  g_free(reach);
}

bool jx_compose_breaks(PangoLayout *l, const JxMeasure *m, GArray *starts, GArray *halts) {
  if (!m->squeeze || m->width <= 0)
    return false;
  const char *text = pango_layout_get_text(l);
  int n_attrs = 0;
  const PangoLogAttr *attrs = pango_layout_get_log_attrs_readonly(l, &n_attrs);
  int indent = pango_layout_get_indent(l);
  GArray *boxes = g_array_new(FALSE, FALSE, sizeof(Box));
  Cursor at_line = {0, 0};
  GArray *at = g_array_new(FALSE, FALSE, sizeof(int));
  GArray *half = g_array_new(FALSE, FALSE, sizeof(int));
  bool same = true, ok = true;
  for (GSList *p = pango_layout_get_lines_readonly(l); p && ok;) {
    /* a paragraph: its lines up to the next that starts one */
    g_array_set_size(boxes, 0);
    GSList *q = p;
    do {
      ok = line_boxes(q->data, text, &at_line, boxes);
      q = q->next;
    } while (ok && q && !((PangoLayoutLine *)q->data)->is_paragraph_start);
    if (!ok)
      break;
    if (!boxes->len) { /* an empty line */
      guint s = (guint)((PangoLayoutLine *)p->data)->start_index;
      g_array_append_val(starts, s);
      p = q;
      continue;
    }
    Box *bx = (Box *)boxes->data;
    /* a gap Pango's line starts or ends at lost half its spacing there */
    for (guint k = 0; k < boxes->len; k++)
      if (bx[k].c == JX_CJK_GAP && bx[k].width > 0)
        bx[k].width = m->gap;
    g_array_set_size(at, 0);
    g_array_set_size(half, 0);
    paragraph_breaks(bx, (int)boxes->len, attrs, m, indent, at, half);
    same = same && !half->len;
    for (guint k = 0; k < half->len; k++)
      g_array_append_val(halts, bx[g_array_index(half, int, k)].start);
    for (guint k = 0; k < at->len; k++) {
      int b0 = g_array_index(at, int, k);
      guint s = bx[b0].start;
      g_array_append_val(starts, s);
      /* a gap that would end the line before goes (layout.c) */
      if (b0 > 0 && bx[b0 - 1].c == JX_CJK_GAP && bx[b0 - 1].width > 0)
        same = false;
      if (same && (!p || s != (guint)((PangoLayoutLine *)p->data)->start_index))
        same = false;
      if (p && p != q)
        p = p->next;
    }
    if (p != q)
      same = false;
    p = q;
  }
  g_array_free(boxes, TRUE);
  g_array_free(at, TRUE);
  g_array_free(half, TRUE);
  return ok && !same;
}

bool jx_compose_holds(PangoLayout *l, const GArray *starts) {
  guint k = 0;
  for (GSList *p = pango_layout_get_lines_readonly(l); p; p = p->next, k++)
    if (k >= starts->len ||
        g_array_index(starts, guint, k) != (guint)((PangoLayoutLine *)p->data)->start_index)
      return false;
  return k == starts->len;
}

/* ---- fitting the lines ---- */

/* Takes up to want from what the boxes [from, to) of turn t may give,
 * each in proportion to what it has; returns what it took. */
static int take_in(Box *bx, int from, int to, int want, int em, Turn t) {
  int have = 0;
  for (int k = from; k < to; k++)
    if (turn_of(&bx[k]) == t)
      have += give(&bx[k], em);
  if (have <= 0 || want <= 0)
    return 0;
  int take = MIN(want, have), took = 0;
  for (int k = from; k < to && took < take; k++) {
    if (turn_of(&bx[k]) != t)
      continue;
    int h = give(&bx[k], em);
    int x = (int)MIN((gint64)h, ((gint64)take * h + have - 1) / have);
    x = MIN(x, take - took);
    widen_box(&bx[k], -x);
    took += x;
  }
  return took;
}

/* Widens the line's gaps (or its spaces) by slack in all, each by its
 * shares. */
static void widen(Box *bx, int from, int last, int slack, const Line *ln) {
  int n = ln->gaps ? ln->gaps : ln->spaces;
  if (n <= 0 || slack <= 0)
    return;
  int each = slack / n, extra = slack % n, prev = -1;
  for (int k = from; k <= last; k++) {
    int shares;
    if (ln->gaps) {
      if (bx[k].width <= 0)
        continue;
      shares = prev >= 0 ? stretches(bx[prev].c, bx[k].c) : 0;
    } else {
      shares = bx[k].c == ' ';
      prev = k;
    }
    if (shares) {
      /* after the box before the gap; a space widens itself */
      Box *to = &bx[ln->gaps ? prev : k];
      int by = shares * each + MIN(shares, MAX(extra, 0));
      extra -= shares;
      to->gs->glyphs[to->last].geometry.width += by;
    }
    prev = k;
  }
}

static int by_offset(gconstpointer a, gconstpointer b) {
  guint x = *(const guint *)a, y = *(const guint *)b;
  return x < y ? -1 : x > y;
}

static bool halved(const Box *bx, const GArray *halts) {
  return bsearch(&bx->start, halts->data, halts->len, sizeof(guint), by_offset) != NULL;
}

/* Gives the boxes of [from, last] that the composer took in whole (their
 * offsets in halts) back up to slack in all: a line that taking them in made
 * short takes in no more than it must, and widens no gap.  What was taken
 * last is given first: opening marks, closing ones, gaps (up to the
 * template's), the line's last mark; each turn shares equally.  Returns
 * what it gave. */
static int give_back(Box *bx, int from, int last, int slack, const GArray *halts,
                     const JxMeasure *m) {
  if (!halts || !halts->len || slack <= 0)
    return 0;
  int gave = 0;
  for (int turn = TURN_OPENING; turn >= -1 && gave < slack; turn--) {
    /* -1: the line's last box */
    int n = 0;
    for (int k = from; k <= last; k++)
      if (halved(&bx[k], halts) &&
          (turn < 0 ? k == last : k < last && turn_of(&bx[k]) == (Turn)turn))
        n++;
    if (!n)
      continue;
    int cap = turn == TURN_GAP ? m->gap - least_gap(m->em) : m->em / 2;
    int want = slack - gave, each = MIN(want / n, cap), extra = want / n < cap ? want % n : 0;
    for (int k = from; k <= last; k++) {
      if (!halved(&bx[k], halts) ||
          !(turn < 0 ? k == last : k < last && turn_of(&bx[k]) == (Turn)turn))
        continue;
      int x = each + (extra-- > 0);
      widen_box(&bx[k], x);
      gave += x;
    }
  }
  return gave;
}

void jx_compose_fit(PangoLayout *l, const JxMeasure *m, GArray *halts) {
  if (m->width <= 0)
    return;
  const char *text = pango_layout_get_text(l);
  int indent = pango_layout_get_indent(l);
  GArray *boxes = g_array_new(FALSE, FALSE, sizeof(Box));
  Cursor at_line = {0, 0};
  bool leaked = false;
  if (halts)
    g_array_sort(halts, by_offset);
  for (GSList *p = pango_layout_get_lines_readonly(l); p; p = p->next) {
    PangoLayoutLine *line = p->data;
    bool last = !p->next || ((PangoLayoutLine *)p->next->data)->is_paragraph_start;
    int room = m->width - (line->is_paragraph_start ? MAX(indent, 0) : MAX(-indent, 0));
    g_array_set_size(boxes, 0);
    if (!line_boxes(line, text, &at_line, boxes) || !boxes->len)
      continue;
    Box *bx = (Box *)boxes->data;
    int n = (int)boxes->len, all = 0;
    for (int k = 0; k < n; k++)
      all += bx[k].width;
    Line ln = line_of(bx, 0, n, m->em);
    int slack = room - all;
    if ((slack < 0 && m->squeeze && ln.end + ln.inner > 0) ||
        (slack > 0 && m->justify && !last && (ln.gaps || ln.spaces || halts))) {
      if (!leaked) {
        /* lines a caller may change: Pango caches no extents of them */
        pango_layout_get_lines(l);
        leaked = true;
      }
    } else {
      continue;
    }
    if (slack < 0) {
      int want = -slack;
      if (ln.end > 0) {
        int x = MIN(want, ln.end);
        bx[ln.last].gs->glyphs[bx[ln.last].last].geometry.width -= x;
        want -= x;
      }
      for (Turn t = TURN_GAP; t < TURN_NONE; t++)
        want -= take_in(bx, 0, ln.last, want, m->em, t);
    } else {
      slack -= give_back(bx, 0, ln.last, slack, halts, m);
      widen(bx, 0, ln.last, slack, &ln);
    }
  }
  g_array_free(boxes, TRUE);
}
