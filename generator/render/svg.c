/* svg.c - a page as SVG with text. */
#include "render/svg.h"

#include "render/glyphs.h"
#include "render/webfont.h"

#include <math.h>
#include <string.h>

void jx_xml_escape(GString *out, const char *text, gssize len) {
  const char *end = len < 0 ? text + strlen(text) : text + len;
  for (const char *p = text; p < end; p = g_utf8_next_char(p)) {
    gunichar c = g_utf8_get_char(p);
    if (c == '&')
      g_string_append(out, "&amp;");
    else if (c == '<')
      g_string_append(out, "&lt;");
    else if (c == '>')
      g_string_append(out, "&gt;");
    else if (c == '"')
      g_string_append(out, "&quot;");
    else if (c == '\t')
      g_string_append_c(out, ' ');
    else if ((c < 0x20 && c != '\n') || c == 0x7F || c == 0xFFFE || c == 0xFFFF)
      g_string_append(out, "\xEF\xBF\xBD"); /* XML 1.0 holds none of these */
    else
      g_string_append_len(out, p, g_utf8_next_char(p) - p);
  }
}

void jx_svg_number(GString *out, double v) {
  char buf[G_ASCII_DTOSTR_BUF_SIZE];
  if (fabs(v) < 0.005)
    v = 0; /* never "-0" */
  g_ascii_formatd(buf, sizeof buf, "%.2f", v);
  char *dot = strchr(buf, '.');
  if (dot) {
    char *e = buf + strlen(buf) - 1;
    while (e > dot && *e == '0')
      *e-- = '\0';
    if (e == dot)
      *e = '\0';
  }
  g_string_append(out, buf);
}

static void color(GString *out, const char *attr, guint32 rgb) {
  g_string_append_printf(out, " %s=\"#%06x\"", attr, rgb & 0xFFFFFF);
}

/* ---- text ---- */

/* A cluster of a line, kept until the line is written. */
typedef struct {
  guint face;
  const char *text;
  int len;
  double size, x, y, width;
  bool embolden;
} Glyph;

typedef struct {
  JxWebFonts *fonts;
  GArray *glyphs; /* Glyph: the line being read */
} Reader;

static bool note(void *data, const JxOp *op, const JxCluster *c, GError **error) {
  (void)op;
  (void)error;
  Reader *r = data;
  /* noted while collecting; looked up while writing */
  guint face = r->glyphs ? jx_webfonts_face(r->fonts, c) : jx_webfonts_add(r->fonts, c);
  if (r->glyphs) {
    Glyph g = {face, c->text, c->len, c->size, c->x, c->y, c->width, c->embolden};
    g_array_append_val(r->glyphs, g);
  }
  return true;
}

/* Whether a character stands alone in its <text>: one outside the Basic
 * Multilingual Plane is two UTF-16 units, which browsers count differently
 * against a list of x. */
static bool alone(const Glyph *g) {
  return g_utf8_get_char(g->text) > 0xFFFF || g->len > 4;
}

/* Writes glyphs[from, to): one face, size and baseline. */
static void text_run(GString *out, const JxWebFonts *w, const JxOp *op, const Glyph *glyphs,
                     guint from, guint to) {
  const Glyph *first = &glyphs[from];
  g_string_append(out, "<text x=\"");
  guint n = 0;
  for (guint i = from; i < to; i++) {
    const Glyph *g = &glyphs[i];
    /* a cluster of several characters (a ligature, a mark on its base):
     * each character a share of its advance */
    glong chars = g_utf8_strlen(g->text, g->len);
    for (glong k = 0; k < chars; k++) {
      if (n++)
        g_string_append_c(out, ' ');
      jx_svg_number(out, g->x + g->width * (double)k / (double)chars);
    }
  }
  g_string_append(out, "\" y=\"");
  jx_svg_number(out, first->y);
  g_string_append_printf(out, "\" font-family=\"%s\" font-size=\"",
                         jx_webfonts_family(w, first->face));
  jx_svg_number(out, first->size);
  g_string_append_c(out, '"');
  if (op->color & 0xFFFFFF)
    color(out, "fill", op->color);
  if (first->embolden) {
    /* as the PDF engines do: the outlines stroked too */
    color(out, "stroke", op->color);
    g_string_append(out, " stroke-width=\"");
    jx_svg_number(out, first->size / 24);
    g_string_append_c(out, '"');
  }
  g_string_append_c(out, '>');
  for (guint i = from; i < to; i++)
    jx_xml_escape(out, glyphs[i].text, glyphs[i].len);
  g_string_append(out, "</text>\n");
}

/* A cluster of spaces, which a browser collapses at the ends of a <text>
 * and in runs whatever xml:space says, moving every x after them. */
static bool blank(const Glyph *g) {
  for (int k = 0; k < g->len; k++)
    if (g->text[k] != ' ' && g->text[k] != '\t')
      return false;
  return true;
}

static bool alike(const Glyph *a, const Glyph *b) {
  return a->face == b->face && a->size == b->size && a->embolden == b->embolden &&
         fabs(a->y - b->y) <= 0.005 && !alone(a) && !alone(b);
}

/* Writes the line's glyphs in runs of one face, size and baseline.  A
 * space is kept only between two glyphs of its run, where it is one
 * character and copies as a space; the others draw nothing and are left
 * out. */
static void text_line(GString *out, const JxWebFonts *w, const JxOp *op, GArray *glyphs) {
  const Glyph *g = (const Glyph *)(void *)glyphs->data;
  guint n = glyphs->len;
  bool *keep = g_new0(bool, n ? n : 1);
  for (guint i = 0; i < n; i++)
    keep[i] = !blank(&g[i]) || (i > 0 && i + 1 < n && !blank(&g[i - 1]) && !blank(&g[i + 1]) &&
                                alike(&g[i - 1], &g[i]) && alike(&g[i], &g[i + 1]));
  guint from = 0;
  while (from < n && !keep[from])
    from++;
  for (guint i = from + 1; from < n && i <= n; i++) {
    if (i < n && keep[i] && keep[i - 1] && alike(&g[i - 1], &g[i]))
      continue;
    text_run(out, w, op, g, from, i);
    from = i;
    while (from < n && !keep[from])
      from++;
    i = from;
  }
  g_free(keep);
}

/* ---- the page ---- */

static void rule_run(GString *out, const JxOp *ops, guint n, guint *i, const JxStyle *st) {
  const JxOp *op = &ops[*i];
  g_string_append(out, "<path d=\"");
  for (;;) {
    g_string_append_c(out, 'M');
    jx_svg_number(out, op->x);
    g_string_append_c(out, ' ');
    jx_svg_number(out, op->y);
    g_string_append_c(out, 'l');
    jx_svg_number(out, op->w);
    g_string_append_c(out, ' ');
    jx_svg_number(out, op->h);
    /* a run of rules alike (a table row's) is one path */
    const JxOp *next = *i + 1 < n ? &ops[*i + 1] : NULL;
    if (!next || next->kind != JX_OP_RULE || next->color != op->color || next->stroke != op->stroke)
      break;
    op = next;
    (*i)++;
  }
  /* on the pixel grid, as PDF readers set thin rules (stroke adjustment):
   * a table's 0.5 pt rule a whole pixel, not two pale ones */
  g_string_append(out, "\" fill=\"none\" shape-rendering=\"crispEdges\"");
  color(out, "stroke", op->color);
  g_string_append(out, " stroke-width=\"");
  jx_svg_number(out, op->stroke > 0 ? op->stroke : st->rule_width);
  g_string_append(out, "\"/>\n");
}

static void rect(GString *out, const JxOp *op) {
  g_string_append(out, "<rect x=\"");
  jx_svg_number(out, op->x);
  g_string_append(out, "\" y=\"");
  jx_svg_number(out, op->y);
  g_string_append(out, "\" width=\"");
  jx_svg_number(out, op->w);
  g_string_append(out, "\" height=\"");
  jx_svg_number(out, op->h);
  g_string_append_c(out, '"');
}

bool jx_svg_page(const JxPage *page, const JxStyle *st, const JxSvgOptions *o, GString *out,
                 GError **error) {
  const JxOp *ops = (const JxOp *)(void *)page->ops->data;
  guint n = page->ops->len;
  /* the faces and characters first: each face is embedded as a subset */
  Reader r = {o->fonts ? o->fonts : jx_webfonts_new(), NULL};
  bool ok = true;
  for (guint i = 0; ok && (!o->fonts || o->collect) && i < n; i++)
    if (ops[i].kind == JX_OP_TEXT)
      ok = jx_line_clusters(&ops[i], note, &r, error);
  if (o->collect)
    return ok;
  ok = ok && (o->fonts || jx_webfonts_make(r.fonts, error));
  if (!ok) {
    if (!o->fonts)
      jx_webfonts_free(r.fonts);
    return false;
  }
  if (!o->inline_html)
    g_string_append(out, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
  g_string_append(out, "<svg xmlns=\"http://www.w3.org/2000/svg\"");
  if (o->inline_html) {
    /* as large as printed, in whole CSS pixels (a point is 4/3 of one),
     * narrower on a small screen (the stylesheet's max-width) */
    g_string_append_printf(out, " width=\"%ld\" height=\"%ld\"", lround(o->width * 4 / 3),
                           lround(o->height * 4 / 3));
  } else {
    double mm = 25.4 / 72.0;
    g_string_append(out, " width=\"");
    jx_svg_number(out, o->width * mm);
    g_string_append(out, "mm\" height=\"");
    jx_svg_number(out, o->height * mm);
    g_string_append(out, "mm\"");
  }
  g_string_append(out, " viewBox=\"0 0 ");
  jx_svg_number(out, o->width);
  g_string_append_c(out, ' ');
  jx_svg_number(out, o->height);
  /* positions are Pango's: the browser kerns, joins and hints nothing */
  g_string_append(out, "\" lang=\"zh-CN\" style=\"text-rendering:geometricPrecision;"
                       "font-kerning:none;font-variant-ligatures:none;font-synthesis:none;"
                       "white-space:pre\"");
  g_string_append(out, ">\n");
  if (o->title) {
    g_string_append(out, "<title>");
    jx_xml_escape(out, o->title, -1);
    g_string_append(out, "</title>\n");
  }
  if (!o->fonts) {
    g_string_append(out, "<style>\n");
    jx_webfonts_css(r.fonts, out);
    g_string_append(out, "</style>\n");
  }
  g_string_append(out, "<rect width=\"100%\" height=\"100%\" fill=\"#ffffff\"/>\n");
  /* fills under everything, as the PDF has them */
  for (guint i = 0; i < n; i++)
    if (ops[i].kind == JX_OP_FILL) {
      rect(out, &ops[i]);
      color(out, "fill", ops[i].color);
      g_string_append(out, "/>\n");
    }
  r.glyphs = g_array_new(FALSE, FALSE, sizeof(Glyph));
  for (guint i = 0; ok && i < n; i++) {
    const JxOp *op = &ops[i];
    if (op->kind == JX_OP_TEXT) {
      g_array_set_size(r.glyphs, 0);
      ok = jx_line_clusters(op, note, &r, error);
      text_line(out, r.fonts, op, r.glyphs);
    } else if (op->kind == JX_OP_RULE) {
      rule_run(out, ops, n, &i, st);
    } else if (op->kind == JX_OP_DOT) {
      g_string_append(out, "<circle cx=\"");
      jx_svg_number(out, op->x);
      g_string_append(out, "\" cy=\"");
      jx_svg_number(out, op->y);
      g_string_append(out, "\" r=\"");
      jx_svg_number(out, op->w);
      g_string_append_c(out, '"');
      color(out, "fill", op->color);
      g_string_append(out, "/>\n");
    } else if (op->kind == JX_OP_LINK && o->link_prefix) {
      g_string_append(out, "<a href=\"");
      char *base = g_path_get_basename(o->link_prefix);
      char *href = g_strdup_printf("%s-p%03u.svg", base, op->dest_page + 1);
      jx_xml_escape(out, href, -1);
      g_free(href);
      g_free(base);
      g_string_append(out, "\">");
      rect(out, op);
      g_string_append(out, " fill=\"transparent\"/></a>\n");
    }
  }
  g_string_append(out, "</svg>\n");
  g_array_free(r.glyphs, TRUE);
  if (!o->fonts)
    jx_webfonts_free(r.fonts);
  return ok;
}
