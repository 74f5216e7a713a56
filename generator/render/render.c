/* render.c - a laid-out document drawn by cairo. */
#include "render/render.h"

#include "render/interrupt.h"
#include "render/pdftag.h"
#include "render/pngwrite.h"
#include "render/sign.h"
#include "render/svg.h"
#include "model/text.h"

#include <cairo-pdf.h>
#include <cairo-svg.h>
#include <errno.h>
#include <math.h>
#include <glib/gstdio.h>
#include <pango/pangocairo.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

/* ---- files written whole or not at all ---- */

typedef struct {
  char *path; /* the final name */
  char *tmp;  /* where it is written first */
  FILE *file;
  bool failed;
  int err;  /* errno of the write that failed */
  int held; /* the tmp's slot in interrupt.h */
} Output;

static bool output_open(Output *o, const char *path, GError **error) {
  memset(o, 0, sizeof *o);
  char *dir = g_path_get_dirname(path), *base = g_path_get_basename(path);
  o->tmp = g_strdup_printf("%s/.%s.XXXXXX", dir, base);
  g_free(dir);
  g_free(base);
  int fd = jx_interrupt_mkstemp(o->tmp, &o->held);
  /* mkstemp makes the file private; a report is as readable as any file */
  mode_t mask = umask(0);
  umask(mask);
  if (fd >= 0)
    fchmod(fd, 0666 & ~mask);
  if (fd < 0 || !(o->file = fdopen(fd, "wb"))) {
    g_set_error(error, G_FILE_ERROR, g_file_error_from_errno(errno), "cannot create %s: %s", path,
                g_strerror(errno));
    if (fd >= 0) {
      close(fd);
      g_remove(o->tmp);
    }
    jx_interrupt_release(o->held);
    g_free(o->tmp);
    return false;
  }
  o->path = g_strdup(path);
  return true;
}

static cairo_status_t output_write(void *closure, const unsigned char *data, unsigned int length) {
  Output *o = closure;
  if (fwrite(data, 1, length, o->file) != length) {
    o->failed = true;
    o->err = errno;
    return CAIRO_STATUS_WRITE_ERROR;
  }
  return CAIRO_STATUS_SUCCESS;
}

/* Completes o: renamed into place when everything was written, else removed. */
static bool output_close(Output *o, cairo_status_t status, GError **error) {
  bool ok = status == CAIRO_STATUS_SUCCESS && !o->failed && fflush(o->file) == 0 &&
            fsync(fileno(o->file)) == 0;
  /* the reason a write failed (a full disk) before cairo's own words */
  int saved = o->err ? o->err : errno;
  ok = (fclose(o->file) == 0) && ok;
  if (ok && g_rename(o->tmp, o->path) != 0) {
    saved = errno;
    ok = false;
  }
  if (!ok)
    g_remove(o->tmp);
  jx_interrupt_release(o->held);
  if (!ok) {
    if (error && !*error)
      g_set_error(error, G_FILE_ERROR, G_FILE_ERROR_IO, "cannot write %s: %s", o->path,
                  o->err || status == CAIRO_STATUS_SUCCESS ? g_strerror(saved ? saved : EIO)
                                                           : cairo_status_to_string(status));
  }
  g_free(o->tmp);
  g_free(o->path);
  return ok;
}

bool jx_render_write_file(const char *path, const char *data, gsize len, GError **error) {
  Output o;
  if (!output_open(&o, path, error))
    return false;
  cairo_status_t status = output_write(&o, (const unsigned char *)data, (unsigned)len);
  return output_close(&o, status, error);
}

/* ---- drawing ---- */

static void set_color(cairo_t *cr, guint32 rgb) {
  cairo_set_source_rgb(cr, ((rgb >> 16) & 0xFF) / 255.0, ((rgb >> 8) & 0xFF) / 255.0,
                       (rgb & 0xFF) / 255.0);
}

/* The name of the PDF destination at y on page (an index). */
static void dest_name(guint page, double y, char *buf) {
  g_snprintf(buf, 48, "p%u_%ld", page, lround(y * 100));
}

/* ---- the structure tree of a tagged PDF ---- */

/* What is open: a block's element (H1 … P, Table, Figure), and in a table
 * a row (TR) and a cell (TH, TD). */
typedef struct {
  int block; /* -1: none */
  JxTag tag;
  int row, cell;
  const JxLayout *l;
  GPtrArray *alts; /* each Figure begun, in order: its alternate text */
} Tagger;

static const char *const tag_names[] = {
    [JX_TAG_H1] = "H1", [JX_TAG_H2] = "H2", [JX_TAG_H3] = "H3", [JX_TAG_H4] = "H4",
    [JX_TAG_P] = "P",   [JX_TAG_TH] = "TH", [JX_TAG_TD] = "TD", [JX_TAG_FIGURE] = "Figure"};

static bool in_table(JxTag t) {
  return t == JX_TAG_TH || t == JX_TAG_TD;
}

/* Ends the open cell and row (keep_block: and not the table or block). */
static void tags_close(cairo_t *cr, Tagger *tg, bool keep_block) {
  if (tg->cell >= 0) {
    cairo_tag_end(cr, tag_names[tg->tag]);
    tg->cell = -1;
  }
  if (tg->row >= 0) {
    cairo_tag_end(cr, "TR");
    tg->row = -1;
  }
  if (!keep_block && tg->block >= 0) {
    cairo_tag_end(cr, in_table(tg->tag) ? "Table" : tag_names[tg->tag]);
    tg->block = -1;
  }
}

/* Opens what op belongs to, ending what it does not. */
static void tags_for(cairo_t *cr, Tagger *tg, const JxOp *op) {
  if (op->tag == JX_TAG_NONE || op->block < 0) {
    tags_close(cr, tg, true); /* rules between a table's cells stay in it */
    return;
  }
  bool table = in_table(op->tag);
  if (op->block != tg->block || table != in_table(tg->tag) || (!table && op->tag != tg->tag)) {
    tags_close(cr, tg, false);
    tg->block = op->block;
    tg->tag = op->tag;
    cairo_tag_begin(cr, table ? "Table" : tag_names[op->tag], "");
    if (op->tag == JX_TAG_FIGURE)
      g_ptr_array_add(tg->alts, g_ptr_array_index(tg->l->alts, (guint)op->block));
  }
  if (!table)
    return;
  if (op->row != tg->row) {
    tags_close(cr, tg, true);
    tg->row = op->row;
    cairo_tag_begin(cr, "TR", "");
  }
  if (op->cell != tg->cell) {
    if (tg->cell >= 0)
      cairo_tag_end(cr, tag_names[tg->tag]);
    tg->cell = op->cell;
    tg->tag = op->tag;
    cairo_tag_begin(cr, tag_names[op->tag], "");
  }
}

/* Fills first (table headers, chart bands and bars), then lines, discs and
 * text over them, each in the order laid out; tg (NULL: untagged) is the
 * structure open from the page before. */
static void draw_page(cairo_t *cr, const JxPage *page, const JxStyle *st, Tagger *tg) {
  for (guint i = 0; i < page->ops->len; i++) {
    const JxOp *op = &g_array_index(page->ops, JxOp, i);
    if (op->kind == JX_OP_FILL) {
      set_color(cr, op->color);
      cairo_rectangle(cr, op->x, op->y, op->w, op->h);
      cairo_fill(cr);
    }
  }
  /* tagged, the running header and page number come first, outside every
   * element but the document (cairo 1.16 marks no artifacts) */
  for (int pass = tg ? 0 : 1; pass < 2; pass++)
    for (guint i = 0; i < page->ops->len; i++) {
      const JxOp *op = &g_array_index(page->ops, JxOp, i);
      if (tg && (op->block < 0) != (pass == 0))
        continue;
      if (tg && op->kind != JX_OP_LINK)
        tags_for(cr, tg, op);
      if (op->kind == JX_OP_TEXT) {
        set_color(cr, op->color);
        cairo_move_to(cr, op->x, op->y);
        pango_cairo_show_layout_line(cr, op->pline);
      } else if (op->kind == JX_OP_RULE) {
        set_color(cr, op->color);
        cairo_set_line_width(cr, op->stroke > 0 ? op->stroke : st->rule_width);
        /* a run of rules alike (a table row's) is one stroke: a PDF page
         * of tables would otherwise be hundreds of strokes */
        for (;;) {
          cairo_move_to(cr, op->x, op->y);
          cairo_rel_line_to(cr, op->w, op->h);
          const JxOp *next = i + 1 < page->ops->len ? &g_array_index(page->ops, JxOp, i + 1) : NULL;
          if (!next || next->kind != JX_OP_RULE || next->color != op->color ||
              next->stroke != op->stroke || (tg && (next->block < 0) != (op->block < 0)))
            break;
          op = next;
          i++;
        }
        cairo_stroke(cr);
      } else if (op->kind == JX_OP_DOT) {
        set_color(cr, op->color);
        cairo_new_path(cr);
        cairo_arc(cr, op->x, op->y, op->w, 0, 2 * G_PI);
        cairo_fill(cr);
      } else if (op->kind == JX_OP_LINK) {
        /* a PDF link (other surfaces ignore tags); cairo counts pages from 1 */
        char attrs[160], name[48];
        dest_name(op->dest_page, op->dest_y, name);
        /* by name: cairo 1.16 breaks links by page number to later pages */
        g_snprintf(attrs, sizeof attrs, "rect=[%.2f %.2f %.2f %.2f] dest='%s'", op->x, op->y, op->w,
                   op->h, name);
        for (char *c = attrs; *c; c++)
          if (*c == ',')
            *c = '.'; /* whatever the locale's decimal mark */
        cairo_tag_begin(cr, CAIRO_TAG_LINK, attrs);
        cairo_tag_end(cr, CAIRO_TAG_LINK);
      }
    }
}

/* ---- PDF ---- */

/* Appends to o what cairo leaves out of the structure: the language and
 * the figures' alternate texts (pdftag.h). */
static void complete_tags(Output *o, const GPtrArray *alts) {
  char *data = NULL;
  gsize len = 0;
  if (fflush(o->file) != 0 || !g_file_get_contents(o->tmp, &data, &len, NULL)) {
    o->failed = true;
    o->err = errno;
    return;
  }
  size_t n = 0;
  char *more = jx_pdf_tag_update(data, len, "zh-CN", alts, &n);
  if (more && fwrite(more, 1, n, o->file) != n) {
    o->failed = true;
    o->err = errno;
  }
  g_free(more);
  g_free(data);
}

static void set_meta(cairo_surface_t *s, cairo_pdf_metadata_t key, const char *value) {
  if (value && *value)
    cairo_pdf_surface_set_metadata(s, key, value);
}

/* Adds the outline: each mark under the nearest mark above it of a lower
 * level. */
static void add_outline(cairo_surface_t *s, const JxLayout *l) {
  int parents[8] = {CAIRO_PDF_OUTLINE_ROOT};
  for (guint i = 0; i < l->marks->len; i++) {
    const JxMark *m = g_ptr_array_index(l->marks, i);
    int level = CLAMP(m->level, 1, 7);
    char attrs[96];
    g_snprintf(attrs, sizeof attrs, "page=%u pos=[%.1f %.1f]", m->page + 1, l->style->left, m->y);
    int id = cairo_pdf_surface_add_outline(s, parents[level - 1], m->title, attrs,
                                           level < 3 ? CAIRO_PDF_OUTLINE_FLAG_OPEN : 0);
    parents[level] = id;
    for (int k = level + 1; k < 8; k++)
      parents[k] = id;
  }
}

bool jx_render_pdf(const JxLayout *l, const JxMeta *meta, const char *path, GError **error) {
  Output o;
  if (!output_open(&o, path, error))
    return false;
  const JxStyle *st = l->style;
  cairo_surface_t *s =
      cairo_pdf_surface_create_for_stream(output_write, &o, st->page_width, st->page_height);
  set_meta(s, CAIRO_PDF_METADATA_TITLE, meta->title);
  set_meta(s, CAIRO_PDF_METADATA_AUTHOR, meta->author);
  set_meta(s, CAIRO_PDF_METADATA_SUBJECT, meta->subject);
  set_meta(s, CAIRO_PDF_METADATA_KEYWORDS, meta->keywords);
  set_meta(s, CAIRO_PDF_METADATA_CREATOR, meta->creator);
  /* a fixed date makes the same input give the same bytes */
  set_meta(s, CAIRO_PDF_METADATA_CREATE_DATE, meta->date);
  set_meta(s, CAIRO_PDF_METADATA_MOD_DATE, meta->date);
  cairo_t *cr = cairo_create(s);
  Tagger tg = {-1, JX_TAG_NONE, -1, -1, l, g_ptr_array_new()};
  for (guint i = 0; i < l->pages->len; i++) {
    /* white paper first: cairo then finds every later op inside one
     * rectangle it has already analysed, instead of merging thousands of
     * small ones into a region page by page.  An opaque paint clears what
     * cairo recorded of the page so far, so it comes before the tags. */
    cairo_set_source_rgb(cr, 1, 1, 1);
    cairo_paint(cr);
    if (i == 0)
      /* a structure tree for the links' annotations to hang from: without
       * one cairo 1.16 refers to structure elements it never writes */
      cairo_tag_begin(cr, "Document", "");
    /* the headings' destinations, for the links of 目录 */
    for (guint k = 0; k < l->marks->len; k++) {
      const JxMark *m = g_ptr_array_index(l->marks, k);
      if (m->page != i)
        continue;
      char name[48], attrs[96];
      dest_name(m->page, m->y, name);
      g_snprintf(attrs, sizeof attrs, "name='%s' x=0 y=%ld", name, lround(m->y));
      cairo_tag_begin(cr, CAIRO_TAG_DEST, attrs);
      cairo_tag_end(cr, CAIRO_TAG_DEST);
    }
    /* the page label a reader shows: the number printed on the page, the
     * cover's in lower-case roman or none */
    const JxPage *page = g_ptr_array_index(l->pages, i);
    char label[32];
    if (page->number > 0) {
      g_snprintf(label, sizeof label, "%d", page->number);
      cairo_pdf_surface_set_page_label(s, label);
    } else if (st->cover_roman) {
      jx_roman(i + 1, label, sizeof label);
      cairo_pdf_surface_set_page_label(s, label);
    }
    draw_page(cr, page, st, &tg);
    /* a paragraph or table a page cuts is an element on each page: the
     * next page's header and number must stand outside it */
    tags_close(cr, &tg, false);
    cairo_show_page(cr);
  }
  tags_close(cr, &tg, false);
  cairo_tag_end(cr, "Document");
  add_outline(s, l);
  cairo_destroy(cr);
  cairo_surface_finish(s);
  cairo_status_t status = cairo_surface_status(s);
  cairo_surface_destroy(s);
  if (status == CAIRO_STATUS_SUCCESS && !o.failed)
    complete_tags(&o, tg.alts);
  g_ptr_array_free(tg.alts, TRUE);
  /* signed before it is renamed into place: never a report without it */
  if (status == CAIRO_STATUS_SUCCESS && !o.failed && meta->signer) {
    if (fflush(o.file) != 0 || !jx_sign_pdf(meta->signer, o.tmp, error))
      o.failed = true;
  }
  return output_close(&o, status, error);
}

/* ---- SVG and PNG, a file a page ---- */

/* How a page is written: at dpi (PNG), its links to the files of prefix
 * and its title (SVG with text), errors other than cairo's into error. */
typedef struct {
  double dpi;
  const char *prefix;
  const char *title;
  GError **error;
} Sheet;

/* Draws one page into o; returns cairo's status. */
typedef cairo_status_t (*PageWriter)(const JxStyle *st, const JxPage *page, Output *o,
                                     const Sheet *how);

/* Writes every page of l with fn to PREFIX-p001.EXT … (or PREFIX.EXT when
 * single), adding the paths to written. */
static bool write_pages(const JxLayout *l, const char *prefix, const char *ext, PageWriter fn,
                        Sheet *how, bool single, GPtrArray *written, GError **error) {
  how->prefix = single ? NULL : prefix;
  how->error = error;
  for (guint i = 0; i < l->pages->len; i++) {
    char *path = single ? g_strdup_printf("%s.%s", prefix, ext)
                        : g_strdup_printf("%s-p%03u.%s", prefix, i + 1, ext);
    Output o;
    if (!output_open(&o, path, error)) {
      g_free(path);
      return false;
    }
    cairo_status_t status = fn(l->style, g_ptr_array_index(l->pages, i), &o, how);
    if (!output_close(&o, status, error)) {
      g_free(path);
      return false;
    }
    g_ptr_array_add(written, path);
  }
  return true;
}

/* Every glyph an outline: cairo's SVG, for who needs no fonts at all. */
/* page as cairo's SVG, every glyph an outline, to fn. */
static cairo_status_t outlines(const JxStyle *st, const JxPage *page, cairo_write_func_t fn,
                               void *closure) {
  /* sized in millimetres: cairo writes the surface size with the unit as
   * given, so the surface is made in mm and the points scaled to it */
  double mm = 25.4 / 72.0;
  cairo_surface_t *s =
      cairo_svg_surface_create_for_stream(fn, closure, st->page_width * mm, st->page_height * mm);
  cairo_svg_surface_set_document_unit(s, CAIRO_SVG_UNIT_MM);
  cairo_t *cr = cairo_create(s);
  cairo_scale(cr, mm, mm);
  draw_page(cr, page, st, NULL);
  cairo_destroy(cr);
  cairo_surface_finish(s);
  cairo_status_t status = cairo_surface_status(s);
  cairo_surface_destroy(s);
  return status;
}

static cairo_status_t outline_page(const JxStyle *st, const JxPage *page, Output *o,
                                   const Sheet *how) {
  (void)how;
  return outlines(st, page, output_write, o);
}

/* The text as text (svg.h). */
static cairo_status_t text_page(const JxStyle *st, const JxPage *page, Output *o,
                                const Sheet *how) {
  JxSvgOptions so = {st->page_width, st->page_height, false, how->title, how->prefix, NULL, false};
  GString *svg = g_string_new(NULL);
  cairo_status_t status = CAIRO_STATUS_SUCCESS;
  if (!jx_svg_page(page, st, &so, svg, how->error))
    status = CAIRO_STATUS_WRITE_ERROR;
  else
    status = output_write(o, (const unsigned char *)svg->str, (unsigned)svg->len);
  g_string_free(svg, TRUE);
  return status;
}

/* page drawn on white at dpi. */
static cairo_surface_t *raster(const JxStyle *st, const JxPage *page, double dpi) {
  double scale = dpi / 72.0;
  cairo_surface_t *s =
      cairo_image_surface_create(CAIRO_FORMAT_RGB24, (int)lround(st->page_width * scale),
                                 (int)lround(st->page_height * scale));
  cairo_t *cr = cairo_create(s);
  cairo_set_source_rgb(cr, 1, 1, 1);
  cairo_paint(cr);
  cairo_scale(cr, scale, scale);
  draw_page(cr, page, st, NULL);
  cairo_destroy(cr);
  cairo_surface_flush(s);
  return s;
}

static cairo_status_t png_page(const JxStyle *st, const JxPage *page, Output *o, const Sheet *how) {
  cairo_surface_t *s = raster(st, page, how->dpi);
  cairo_status_t status = cairo_surface_write_to_png_stream(s, output_write, o);
  cairo_surface_destroy(s);
  return status;
}

bool jx_render_svg(const JxLayout *l, const char *prefix, bool outlines, GPtrArray *written,
                   GError **error) {
  Sheet how = {0};
  return write_pages(l, prefix, "svg", outlines ? outline_page : text_page, &how, false, written,
                     error);
}

bool jx_render_png(const JxLayout *l, const char *prefix, double dpi, GPtrArray *written,
                   GError **error) {
  Sheet how = {dpi, NULL, NULL, NULL};
  return write_pages(l, prefix, "png", png_page, &how, false, written, error);
}

char *jx_render_safe_name(const char *name) {
  GString *out = g_string_new(NULL);
  for (const char *p = name; *p; p = g_utf8_next_char(p)) {
    gunichar c = g_utf8_get_char(p);
    const char *next = g_utf8_next_char(p);
    if (out->len + (size_t)(next - p) > 120)
      break;
    if (c < 0x20 || c == 0x7F || c == '/' || c == '\\' || c == ':' || c == '*' || c == '?' ||
        c == '"' || c == '<' || c == '>' || c == '|' || (c == '.' && out->len == 0) ||
        g_unichar_iscntrl(c) ||
        /* bidi overrides and invisible marks, which make a name in a listing
         * read otherwise than it is */
        g_unichar_type(c) == G_UNICODE_FORMAT)
      g_string_append_c(out, '_');
    else
      g_string_append_len(out, p, next - p);
  }
  if (out->len == 0)
    g_string_append(out, "report");
  return g_string_free(out, FALSE);
}

/* The figure blk of doc alone, on a page of the text block's width and a
 * margin, cut to its height: laid out in *own, the style made for it. */
static JxLayout *figure_alone(const JxBlock *blk, const JxDocument *doc, const JxStyle *style,
                              PangoContext *ctx, JxStyle *own, JxDocument **one) {
  /* the document keeps the figure's data */
  *one = jx_document_new(doc->title, doc->author);
  jx_document_figure(*one, blk->draw, blk->figure, NULL);
  (*one)->cover_pages = 1; /* no running header, no page number */
  *own = *style;
  double margin = 8;
  own->left = own->top = margin;
  own->height = 10 * style->page_height; /* measured, then cut to size */
  own->page_width = own->width + 2 * margin;
  JxLayout *l = jx_layout_document(*one, own, ctx);
  const JxPage *page = g_ptr_array_index(l->pages, 0);
  double bottom = margin;
  for (guint k = 0; k < page->ops->len; k++) {
    const JxOp *op = &g_array_index(page->ops, JxOp, k);
    double low = op->kind == JX_OP_TEXT  ? op->y + own->roles[op->role].size * 0.3
                 : op->kind == JX_OP_DOT ? op->y + op->w
                                         : op->y + fmax(op->h, 0);
    bottom = fmax(bottom, low);
  }
  own->page_height = bottom + margin;
  return l;
}

struct JxFigurePage {
  JxStyle style; /* the page cut to the figure (the layout points here) */
  JxDocument *doc;
  JxLayout *layout;
  const char *alt;
};

JxFigurePage *jx_figure_page_new(const JxBlock *blk, const JxDocument *doc, const JxStyle *style,
                                 PangoContext *ctx) {
  JxFigurePage *f = g_new0(JxFigurePage, 1);
  f->layout = figure_alone(blk, doc, style, ctx, &f->style, &f->doc);
  f->alt = blk->alt;
  return f;
}

void jx_figure_page_free(JxFigurePage *f) {
  if (!f)
    return;
  jx_layout_free(f->layout);
  jx_document_free(f->doc);
  g_free(f);
}

void jx_figure_page_size(const JxFigurePage *f, double *width, double *height) {
  *width = f->style.page_width;
  *height = f->style.page_height;
}

/* Appends what cairo writes to a GString. */
static cairo_status_t append_bytes(void *closure, const unsigned char *data, unsigned int len) {
  g_string_append_len(closure, (const char *)data, len);
  return CAIRO_STATUS_SUCCESS;
}

static GBytes *figure_bytes(GString *out, cairo_status_t status, GError **error) {
  if (status != CAIRO_STATUS_SUCCESS) {
    g_string_free(out, TRUE);
    g_set_error(error, G_FILE_ERROR, G_FILE_ERROR_FAILED, "cannot draw a chart: %s",
                cairo_status_to_string(status));
    return NULL;
  }
  return g_string_free_to_bytes(out);
}

GBytes *jx_render_figure_png(const JxFigurePage *f, double dpi, GError **error) {
  cairo_surface_t *s = raster(&f->style, g_ptr_array_index(f->layout->pages, 0), dpi);
  GBytes *png = cairo_surface_status(s) == CAIRO_STATUS_SUCCESS ? jx_png_encode(s, error) : NULL;
  if (!png && error && !*error)
    g_set_error(error, G_FILE_ERROR, G_FILE_ERROR_FAILED, "cannot draw a chart: %s",
                cairo_status_to_string(cairo_surface_status(s)));
  cairo_surface_destroy(s);
  return png;
}

GBytes *jx_render_figure_outlines(const JxFigurePage *f, GError **error) {
  GString *out = g_string_new(NULL);
  cairo_status_t status =
      outlines(&f->style, g_ptr_array_index(f->layout->pages, 0), append_bytes, out);
  return figure_bytes(out, status, error);
}

char *jx_render_figure_svg(const JxFigurePage *f, struct JxWebFonts *fonts, bool collect,
                           GError **error) {
  JxSvgOptions so = {f->style.page_width, f->style.page_height, true, f->alt, NULL, fonts, collect};
  GString *svg = g_string_new(NULL);
  bool ok = jx_svg_page(g_ptr_array_index(f->layout->pages, 0), &f->style, &so, svg, error);
  return g_string_free(svg, !ok);
}

bool jx_render_figures(const JxDocument *doc, const JxStyle *style, PangoContext *ctx,
                       const char *dir, const JxFigureFormats *f, GPtrArray *written,
                       GError **error) {
  char *charts = g_build_filename(dir, "charts", NULL);
  bool ok = true;
  for (guint i = 0; ok && i < doc->blocks->len; i++) {
    const JxBlock *blk = g_ptr_array_index(doc->blocks, i);
    if (blk->kind != JX_BLOCK_FIGURE || !blk->figure_name)
      continue;
    if (g_mkdir_with_parents(charts, 0777) != 0) {
      g_set_error(error, G_FILE_ERROR, g_file_error_from_errno(errno),
                  "cannot create the folder %s: %s", charts, g_strerror(errno));
      ok = false;
      break;
    }
    JxStyle own;
    JxDocument *one = NULL;
    JxLayout *l = figure_alone(blk, doc, style, ctx, &own, &one);
    char *name = jx_render_safe_name(blk->figure_name);
    char *prefix = g_build_filename(charts, name, NULL);
    Sheet how = {f->dpi, NULL, blk->alt, NULL};
    if (f->svg)
      ok = write_pages(l, prefix, "svg", f->outlines ? outline_page : text_page, &how, true,
                       written, error);
    if (ok && f->png)
      ok = write_pages(l, prefix, "png", png_page, &how, true, written, error);
    g_free(prefix);
    g_free(name);
    jx_layout_free(l);
    jx_document_free(one);
  }
  g_free(charts);
  return ok;
}
