/* colwidth.c - a table's column widths from its content, so that the
 * table is as short as it can be.
 *
 * Every column gets at least its longest unbreakable run (a number, a
 * Latin word, "≥95%") and its short cells whole (up to five characters,
 * six in a header: 满意度指标 is not broken).  The width left over is then
 * given a half character at a time to the column where it saves the most
 * lines of the table per width spent.  How many lines a cell takes at a
 * width is worked out from one unwrapped Pango layout of it (its
 * clusters' positions and where a line may break), greedily as Pango
 * breaks, so trying a width costs no shaping. */
#include "layout/builder.h"

#include <math.h>
#include <string.h>

/* A cluster of a cell's text on its unwrapped line. */
typedef struct {
  double x0, x1;
  bool brk;   /* a line may break before it */
  bool white; /* hangs at the end of a line */
} Unit;

/* A cell of one column and one row, as the fit sees it. */
typedef struct {
  guint row, col;
  GArray *units; /* Unit */
  GArray *ends;  /* guint: where each of its lines (at a \n) ends */
  gint16 *memo;  /* lines at least[col] + k quanta; -1 not yet known */
  guint memo_n;
} Item;

/* The clusters of l, an unwrapped layout, line by line. */
static void item_units(Item *it, PangoLayout *l) {
  it->units = g_array_new(FALSE, FALSE, sizeof(Unit));
  it->ends = g_array_new(FALSE, FALSE, sizeof(guint));
  int n_attrs = 0;
  const PangoLogAttr *attrs = pango_layout_get_log_attrs_readonly(l, &n_attrs);
  const char *text = pango_layout_get_text(l);
  PangoLayoutIter *iter = pango_layout_get_iter(l);
  PangoLayoutLine *line = pango_layout_iter_get_line_readonly(iter);
  const char *at = text;
  glong offset = 0;
  do {
    PangoLayoutLine *now = pango_layout_iter_get_line_readonly(iter);
    if (now != line) {
      guint end = it->units->len;
      g_array_append_val(it->ends, end);
      line = now;
    }
    if (!pango_layout_iter_get_run_readonly(iter))
      continue; /* the end of a line */
    int index = pango_layout_iter_get_index(iter);
    offset += g_utf8_pointer_to_offset(at, text + index);
    at = text + index;
    PangoRectangle logical;
    pango_layout_iter_get_cluster_extents(iter, NULL, &logical);
    gunichar c = g_utf8_get_char(at);
    Unit u = {(double)logical.x / PANGO_SCALE, (double)(logical.x + logical.width) / PANGO_SCALE,
              offset < n_attrs && attrs[offset].is_line_break,
              offset < n_attrs && (attrs[offset].is_white || c == '\n')};
    g_array_append_val(it->units, u);
  } while (pango_layout_iter_next_cluster(iter));
  pango_layout_iter_free(iter);
  guint end = it->units->len;
  g_array_append_val(it->ends, end);
}

/* The lines units [a, e) take at width w, broken as Pango breaks: at the
 * last opportunity that fits, else inside the word. */
static int greedy(const Unit *u, guint a, guint e, double w) {
  int count = 1;
  while (a < e) {
    double start = u[a].x0, reach = start;
    guint best = 0;
    bool over = false;
    for (guint j = a; j < e; j++) {
      if (j > a && u[j].brk) {
        if (reach - start > w + 0.01) {
          over = true;
          break;
        }
        best = j;
      }
      if (!u[j].white)
        reach = u[j].x1;
    }
    if (!over && reach - start <= w + 0.01)
      return count;
    if (!best || (over && best <= a)) {
      /* nothing fits whole: as many clusters as fit, one at least */
      guint j = a + 1;
      while (j < e && u[j].x1 - start <= w + 0.01)
        j++;
      best = j;
    }
    if (best >= e)
      return count;
    a = best;
    count++;
  }
  return count;
}

static int item_lines(const Item *it, double w) {
  if (!it->units->len)
    return 0;
  const Unit *u = (const Unit *)(void *)it->units->data;
  int n = 0;
  guint a = 0;
  for (guint k = 0; k < it->ends->len; k++) {
    guint e = g_array_index(it->ends, guint, k);
    n += greedy(u, a, e, w);
    a = e;
  }
  return n;
}

/* The width of the widest run of cell text a line should not break inside
 * (a number, a Latin word, "≥=4000000"); CJK text breaks between any two
 * characters. */
static double unbreakable_width(Builder *b, JxRole role, bool strong, const char *text) {
  double widest = 0;
  const char *run = NULL;
  for (const char *p = text;; p = g_utf8_next_char(p)) {
    gunichar c = *p ? g_utf8_get_char(p) : 0;
    bool breaks = c == 0 || g_unichar_isspace(c) || g_unichar_iswide(c);
    if (!breaks && !run)
      run = p;
    if (breaks && run) {
      int w = 0;
      char *word = g_strndup(run, (gsize)(p - run));
      PangoLayout *l = jx_make_layout(b, role, word, 0, JX_ALIGN_LEFT, false, strong);
      pango_layout_get_size(l, &w, NULL);
      g_object_unref(l);
      g_free(word);
      widest = MAX(widest, (double)w / PANGO_SCALE);
      run = NULL;
    }
    if (g_unichar_iswide(c))
      /* a character is the least a line holds */
      widest = MAX(widest, b->st->roles[role].size + b->st->roles[role].letter_spacing);
    if (!c)
      break;
  }
  return widest;
}

/* The characters of text's longest line. */
static glong longest_line(const char *text) {
  glong most = 0, n = 0;
  for (const char *p = text; *p; p = g_utf8_next_char(p)) {
    n = *p == '\n' ? 0 : n + 1;
    most = MAX(most, n);
  }
  return most;
}

typedef struct {
  guint nc;
  double q, pad;
  double *least, *natural;
  guint *k, *kmax; /* quanta given to each column, and what reaches natural */
  GArray *items;   /* Item */
  GPtrArray **by_col;
} Fit;

static int lines_at(Fit *f, Item *it, guint k) {
  if (k >= it->memo_n)
    k = it->memo_n - 1;
  if (it->memo[k] < 0) {
    double w = MIN(f->least[it->col] + k * f->q, f->natural[it->col]) - f->pad;
    it->memo[k] = (gint16)MIN(item_lines(it, w), G_MAXINT16);
  }
  return it->memo[k];
}

/* What a line of the table is worth against a line inside one cell. */
#define ROW_LINE 16

/* Gives the width left over to the columns where it saves the most lines
 * per quantum; returns the quanta it could not use. */
static guint fit(Fit *f, guint nrows, guint quanta) {
  int *max1 = g_new(int, MAX(1, nrows)), *max2 = g_new(int, MAX(1, nrows));
  guint *col1 = g_new(guint, MAX(1, nrows));
  while (quanta > 0) {
    for (guint r = 0; r < nrows; r++) {
      max1[r] = max2[r] = 1;
      col1[r] = G_MAXUINT;
    }
    for (guint i = 0; i < f->items->len; i++) {
      Item *it = &g_array_index(f->items, Item, i);
      int n = lines_at(f, it, f->k[it->col]);
      if (n > max1[it->row]) {
        max2[it->row] = max1[it->row];
        max1[it->row] = n;
        col1[it->row] = it->col;
      } else if (n > max2[it->row]) {
        max2[it->row] = n;
      }
    }
    double best = 0;
    guint best_c = 0, best_k = 0;
    for (guint c = 0; c < f->nc; c++) {
      GPtrArray *items = f->by_col[c];
      guint reach = MIN(MIN(f->kmax[c] - f->k[c], quanta), 48);
      for (guint k = 1; k <= reach && f->k[c] < f->kmax[c]; k++) {
        long saved = 0;
        for (guint i = 0; i < items->len; i++) {
          Item *it = g_ptr_array_index(items, i);
          int other = col1[it->row] == c ? max2[it->row] : max1[it->row];
          int mine = lines_at(f, it, f->k[c]), less = lines_at(f, it, f->k[c] + k);
          /* a line of the table saved counts most; a line inside a
           * cell that a taller one beside it hides counts too, a little,
           * so that a column starved beside tall rows is still widened */
          saved += ROW_LINE * (MAX(other, mine) - MAX(other, less)) + (mine - less);
        }
        if (saved > 0 && (double)saved / k > best + 1e-9) {
          best = (double)saved / k;
          best_c = c;
          best_k = k;
        }
      }
    }
    if (!best_k)
      break;
    f->k[best_c] += best_k;
    quanta -= best_k;
  }
  g_free(max1);
  g_free(max2);
  g_free(col1);
  return quanta;
}

/* Fits from base (whose widths add up to sum_base) into avail: the
 * greedy fit, then what no line is saved by where the columns still want
 * it.  Sets widths; returns the table's lines at them, as the fit counts. */
static long fit_from(Fit *f, double *base, double sum_base, double avail, guint nrows,
                     double *widths) {
  guint nc = f->nc;
  f->least = base;
  for (guint c = 0; c < nc; c++) {
    f->k[c] = 0;
    f->kmax[c] = (guint)ceil((f->natural[c] - base[c]) / f->q - 0.001);
  }
  for (guint i = 0; i < f->items->len; i++) {
    Item *it = &g_array_index(f->items, Item, i);
    g_free(it->memo);
    it->memo_n = f->kmax[it->col] + 1;
    it->memo = g_new(gint16, it->memo_n);
    for (guint k = 0; k < it->memo_n; k++)
      it->memo[k] = -1;
  }
  fit(f, nrows, (guint)floor((avail - sum_base) / f->q));
  double sum = 0, want = 0;
  for (guint c = 0; c < nc; c++) {
    widths[c] = MIN(base[c] + f->k[c] * f->q, f->natural[c]);
    sum += widths[c];
    want += f->natural[c] - widths[c];
  }
  for (guint c = 0; c < nc; c++)
    widths[c] += want > 0 ? (avail - sum) * (f->natural[c] - widths[c]) / want
                          : (avail - sum) * widths[c] / sum;
  int *most = g_new(int, MAX(1, nrows));
  for (guint r = 0; r < nrows; r++)
    most[r] = 1;
  for (guint i = 0; i < f->items->len; i++) {
    const Item *it = &g_array_index(f->items, Item, i);
    most[it->row] = MAX(most[it->row], item_lines(it, widths[it->col] - f->pad));
  }
  long lines = 0;
  for (guint r = 0; r < nrows; r++)
    lines += most[r];
  g_free(most);
  return lines;
}

/* Tables of more cells than this are fitted on a sample of their rows. */
#define FIT_CELLS 20000

void jx_column_widths(Builder *b, const JxBlock *t, const JxGrid *g, double *widths) {
  guint nc = t->columns;
  if (!nc)
    return;
  /* natural: on one line; least: short cells whole; hard: no number or
   * word broken, which gives way last */
  double *natural = g_new0(double, nc), *least = g_new0(double, nc), *hard = g_new0(double, nc);
  double pad = 2 * b->st->cell_padding_x;
  Fit f = {nc,
           b->st->roles[jx_table_role(t, false)].size / 2,
           pad,
           least,
           natural,
           g_new0(guint, nc),
           g_new0(guint, nc),
           g_array_new(FALSE, TRUE, sizeof(Item)),
           g_new(GPtrArray *, nc)};
  guint stride = g->cells->len > FIT_CELLS ? g->cells->len / FIT_CELLS + 1 : 1;
  for (guint i = 0; i < g->cells->len; i++) {
    const JxGridCell *gc = &g_array_index(g->cells, JxGridCell, i);
    if (gc->cols != 1)
      continue; /* a cell across columns takes what they are given */
    bool head = gc->row >= t->header_at && gc->row < t->header_at + t->header_rows;
    JxRole role = jx_table_role(t, head);
    const JxCell *cell = gc->cell;
    /* measured as it is set: bold where strong, with the role's letter
     * spacing and the CJK punctuation compressed */
    PangoLayout *measure =
        jx_make_layout(b, role, cell->text, 0, JX_ALIGN_LEFT, false, cell->strong);
    int w = 0;
    pango_layout_get_size(measure, &w, NULL);
    double nat = (double)w / PANGO_SCALE + pad;
    /* a short cell is kept whole; a long one may wrap anywhere but inside
     * a number or word */
    double keep = (head ? 6 : 5) * b->st->roles[role].size + pad;
    double unbroken = unbreakable_width(b, role, cell->strong, cell->text) + pad;
    /* a header word of up to six characters a line (财政专户拨款), a
     * label of four (确定能, 全年预计/执行数) and any cell of two are not
     * broken even where nothing else fits */
    if (longest_line(cell->text) <= (head ? 6 : cell->align == JX_ALIGN_CENTER ? 4 : 2))
      unbroken = MAX(unbroken, nat);
    /* a light and its word (● 红 预警: the disc's space, the colour, a
     * space, the word) are one */
    if (cell->dot && longest_line(cell->text) <= 6)
      unbroken = MAX(unbroken, nat);
    guint c = gc->col;
    natural[c] = MAX(natural[c], nat);
    /* a label across rows has no lines of its own in the fit: it keeps
     * what a short cell keeps, so that a department's name down the rows
     * is not set a character or two a line (an official form's columns
     * are the form's) */
    if (gc->rows > 1 && t->role != JX_ROLE_FORM)
      unbroken = MAX(unbroken, MIN(nat, keep));
    least[c] = MAX(least[c], nat <= keep ? nat : unbroken);
    hard[c] = MAX(hard[c], unbroken);
    if (gc->rows == 1 && *cell->text && gc->row % stride == 0) {
      Item it = {gc->row, c, NULL, NULL, NULL, 0};
      item_units(&it, measure);
      g_array_append_val(f.items, it);
    }
    g_object_unref(measure);
  }
  double avail = b->st->width, sum_nat = 0, sum_least = 0, sum_hard = 0;
  /* a column of no cells of its own still shows two characters */
  double empty = 2 * b->st->roles[jx_table_role(t, false)].size + pad;
  for (guint c = 0; c < nc; c++) {
    if (natural[c] == 0)
      natural[c] = least[c] = hard[c] = empty;
    natural[c] = MAX(natural[c], least[c]);
    sum_nat += natural[c];
    sum_least += least[c];
    sum_hard += hard[c];
  }
  if (sum_nat <= avail) {
    for (guint c = 0; c < nc; c++)
      widths[c] = natural[c] * avail / sum_nat;
  } else if (sum_hard < avail) {
    guint nrows = g->rows / stride + 1;
    /* rows are indexed by their sample */
    for (guint i = 0; i < f.items->len; i++)
      g_array_index(f.items, Item, i).row /= stride;
    for (guint c = 0; c < nc; c++)
      f.by_col[c] = g_ptr_array_new();
    for (guint i = 0; i < f.items->len; i++) {
      Item *it = &g_array_index(f.items, Item, i);
      g_ptr_array_add(f.by_col[it->col], it);
    }
    /* from the least widths, and from the unbreakable runs (short cells
     * wrapped, the fit giving them back their width where that saves
     * lines): the shorter table, the least widths' when as short */
    long lines = fit_from(&f, hard, sum_hard, avail, nrows, widths);
    if (sum_least < avail) {
      double *other = g_new(double, nc);
      if (fit_from(&f, least, sum_least, avail, nrows, other) <= lines)
        memcpy(widths, other, nc * sizeof *widths);
      g_free(other);
    }
    for (guint c = 0; c < nc; c++)
      g_ptr_array_free(f.by_col[c], TRUE);
  } else {
    for (guint c = 0; c < nc; c++)
      widths[c] = hard[c] * avail / sum_hard;
  }
  for (guint i = 0; i < f.items->len; i++) {
    Item *it = &g_array_index(f.items, Item, i);
    g_array_free(it->units, TRUE);
    g_array_free(it->ends, TRUE);
    g_free(it->memo);
  }
  g_array_free(f.items, TRUE);
  g_free(f.by_col);
  g_free(f.k);
  g_free(f.kmax);
  g_free(natural);
  g_free(least);
  g_free(hard);
}
