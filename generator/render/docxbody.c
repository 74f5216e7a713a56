/* docxbody.c - a report's blocks as the body of a Word document
 * (word/document.xml): paragraphs in the role's style, tables on the
 * layout's grid, charts as pictures, the 目录 as a field, the 公文's 版头
 * and 版记, and the sections: the cover's, then the numbered pages'. */
#include "render/docxpart.h"

#include <math.h>
#include <string.h>

double dx_em(const Docx *d, JxRole role) {
  return d->st->roles[role].size;
}

void dx_ppr(DxBody *b, const DxPpr *p) {
  xmlTextWriterPtr w = b->w;
  dx_open(w, "w:pPr");
  dx_elem(w, "w:pStyle", "w:val", p->style);
  if (p->keep_next)
    dx_elem(w, "w:keepNext", NULL, NULL);
  if (b->page_break)
    dx_elem(w, "w:pageBreakBefore", NULL, NULL);
  if (p->border > 0) {
    char hex[8];
    g_snprintf(hex, sizeof hex, "%06X", p->border_color & 0xFFFFFF);
    dx_open(w, "w:pBdr");
    dx_open(w, "w:bottom");
    dx_attr(w, "w:val", "single");
    dx_attrl(w, "w:sz", CLAMP(lround(p->border * 8), 2, 96));
    dx_attrl(w, "w:space", 0);
    dx_attr(w, "w:color", hex);
    dx_close(w);
    dx_close(w);
  }
  if (p->tab > 0) {
    dx_open(w, "w:tabs");
    dx_open(w, "w:tab");
    dx_attr(w, "w:val", "right");
    if (p->leader)
      dx_attr(w, "w:leader", "dot");
    dx_attrl(w, "w:pos", DX_TW(p->tab));
    dx_close(w);
    dx_close(w);
  }
  if (b->space > 0 || p->line > 0 || p->auto_line) {
    dx_open(w, "w:spacing");
    if (b->space > 0)
      dx_attrl(w, "w:before", DX_TW(b->space));
    if (p->auto_line) {
      dx_attrl(w, "w:line", 240);
      dx_attr(w, "w:lineRule", "auto");
    } else if (p->line > 0) {
      dx_attrl(w, "w:line", MAX(20, DX_TW(p->line)));
      dx_attr(w, "w:lineRule", "exact");
    }
    dx_close(w);
  }
  if (p->left > 0 || p->right > 0 || p->hanging > 0) {
    dx_open(w, "w:ind");
    dx_attrl(w, "w:left", DX_TW(p->left));
    dx_attrl(w, "w:right", DX_TW(p->right));
    if (p->hanging > 0)
      dx_attrl(w, "w:hanging", DX_TW(p->hanging));
    dx_close(w);
  }
  if (p->jc)
    dx_elem(w, "w:jc", "w:val", p->jc);
  if (p->outline >= 0)
    dx_eleml(w, "w:outlineLvl", "w:val", p->outline);
  dx_close(w);
  b->page_break = false;
  b->space = 0;
  b->after_table = false;
}

const char *dx_jc(JxAlign a) {
  return a == JX_ALIGN_CENTER    ? "center"
         : a == JX_ALIGN_RIGHT   ? "right"
         : a == JX_ALIGN_JUSTIFY ? "both"
                                 : "left";
}

/* An empty paragraph exactly h points tall (a space kept at a page's top,
 * or what carries a page break to a table). */
void dx_strut(DxBody *b, double h) {
  dx_open(b->w, "w:p");
  DxPpr p = {.style = "Normal", .outline = -1, .line = h};
  dx_ppr(b, &p);
  dx_close(b->w);
}

/* ---- the sections ---- */

static void sect_pr(DxBody *b, bool cover) {
  const Docx *d = b->d;
  const JxStyle *st = d->st;
  xmlTextWriterPtr w = b->w;
  dx_open(w, "w:sectPr");
  if (!cover) {
    struct {
      const char *el, *type, *id;
    } refs[] = {{"w:headerReference", "default", d->header_id},
                {"w:headerReference", "even", d->even_odd ? d->header_id : NULL},
                {"w:footerReference", "default", d->footer_id},
                {"w:footerReference", "even", d->footer_even_id}};
    for (guint k = 0; k < G_N_ELEMENTS(refs); k++) {
      if (!refs[k].id)
        continue;
      dx_open(w, refs[k].el);
      dx_attr(w, "w:type", refs[k].type);
      dx_attr(w, "r:id", refs[k].id);
      dx_close(w);
    }
  }
  dx_open(w, "w:pgSz");
  dx_attrl(w, "w:w", DX_TW(st->page_width));
  dx_attrl(w, "w:h", DX_TW(st->page_height));
  if (st->page_width > st->page_height)
    dx_attr(w, "w:orient", "landscape");
  dx_close(w);
  /* the text block where the layout has it; the running header's line
   * 5 mm over it, the page number's number_gap under it */
  double bottom = st->page_height - st->top - st->height;
  double header = st->top - JX_MM(5) - st->roles[JX_ROLE_RUNNING].pitch;
  double footer = bottom - st->number_gap - st->roles[JX_ROLE_PAGE_NUMBER].pitch;
  dx_open(w, "w:pgMar");
  dx_attrl(w, "w:top", DX_TW(st->top));
  dx_attrl(w, "w:right", DX_TW(st->page_width - st->left - st->width));
  dx_attrl(w, "w:bottom", DX_TW(bottom));
  dx_attrl(w, "w:left", DX_TW(st->left));
  dx_attrl(w, "w:header", MAX(0, DX_TW(header)));
  dx_attrl(w, "w:footer", MAX(0, DX_TW(footer)));
  dx_attrl(w, "w:gutter", 0);
  dx_close(w);
  if (!cover && d->doc->cover_pages) {
    dx_open(w, "w:pgNumType");
    dx_attr(w, "w:fmt", "decimal");
    dx_attrl(w, "w:start", 1);
    dx_close(w);
  }
  dx_eleml(w, "w:docGrid", "w:linePitch", DX_TW(st->roles[JX_ROLE_BODY].pitch));
  dx_close(w);
}

/* The cover ends: a paragraph carries the cover's section, which has no
 * running header and no number; page 1 begins the next. */
static void end_cover(DxBody *b) {
  b->page_break = false;
  dx_open(b->w, "w:p");
  dx_open(b->w, "w:pPr");
  sect_pr(b, true);
  dx_close(b->w);
  dx_close(b->w);
}

/* ---- text ---- */

static double text_width(const Docx *d, JxRole role, const char *text) {
  const JxRoleStyle *r = &d->st->roles[role];
  PangoLayout *pl = pango_layout_new(d->ctx);
  PangoFontDescription *fd = pango_font_description_from_string(r->families);
  pango_font_description_set_absolute_size(fd, r->size * PANGO_SCALE);
  pango_font_description_set_weight(fd, r->bold ? PANGO_WEIGHT_BOLD : PANGO_WEIGHT_NORMAL);
  pango_layout_set_font_description(pl, fd);
  pango_layout_set_text(pl, text, -1);
  int w = 0;
  pango_layout_get_size(pl, &w, NULL);
  pango_font_description_free(fd);
  g_object_unref(pl);
  return (double)w / PANGO_SCALE + r->letter_spacing * (double)g_utf8_strlen(text, -1);
}

static void heading(DxBody *b, const JxBlock *blk, guint i) {
  /* a heading outside the outline (目录, a form's own title) looks like
   * one but is not one of Word's headings: its navigation and 目录 keep
   * to the report's */
  bool listed = blk->outline_level >= 1 || blk->role == JX_ROLE_TITLE;
  int role = listed ? -1 : (int)blk->role;
  DxPpr p = {.style = listed ? dx_style_id(blk->role) : "Normal",
             .outline = blk->outline_level >= 1 ? MIN(blk->outline_level - 1, 8) : 9,
             .keep_next = true};
  p.jc = blk->align == JX_ALIGN_CENTER ? "center" : listed ? NULL : "left";
  if (!listed)
    p.line = b->d->st->roles[blk->role].pitch;
  dx_open(b->w, "w:p");
  dx_ppr(b, &p);
  const char *text = blk->text ? blk->text : "";
  size_t n = strlen(text);
  /* a long 公文 title breaks where the layout broke it first: after the
   * issuing body's name */
  if (blk->break_after > 0 && blk->break_after < n && b->at[i].lines > 1 &&
      text[blk->break_after] != '\n') {
    dx_run(b->d, b->w, text, (gssize)blk->break_after, role, false, blk->color);
    dx_run(b->d, b->w, "\n", 1, role, false, 0);
    dx_run(b->d, b->w, text + blk->break_after, -1, role, false, blk->color);
  } else if (blk->project && *blk->project && g_str_has_suffix(text, blk->project)) {
    /* the project's name in a style of its own: what a running header's
     * {项目名称} shows (STYLEREF) */
    size_t at = n - strlen(blk->project);
    if (at)
      dx_run(b->d, b->w, text, (gssize)at, role, false, blk->color);
    dx_open(b->w, "w:r");
    dx_open(b->w, "w:rPr");
    dx_elem(b->w, "w:rStyle", "w:val", "ProjectName");
    dx_rpr_props(b->d, b->w, role, false, blk->color);
    dx_close(b->w);
    dx_open(b->w, "w:t");
    xmlTextWriterWriteAttribute(b->w, BAD_CAST "xml:space", BAD_CAST "preserve");
    dx_text(b->w, text + at, -1);
    dx_close(b->w);
    dx_close(b->w);
  } else {
    dx_run(b->d, b->w, text, -1, role, false, blk->color);
  }
  dx_close(b->w);
}

static void paragraph(DxBody *b, const JxBlock *blk, guint i) {
  const Docx *d = b->d;
  double e = dx_em(d, blk->role);
  DxPpr p = {.style = dx_style_id(blk->role), .outline = -1, .keep_next = blk->keep_next};
  if (blk->role == JX_ROLE_BODY && blk->indent && blk->hang <= 0)
    p.style = "BodyText";
  p.jc = dx_jc(blk->align);
  if (blk->hang > 0) {
    /* 附件：… two characters in, its other lines under its name */
    p.left = (2 + blk->inset + blk->hang) * e;
    p.hanging = blk->hang * e;
  }
  dx_open(b->w, "w:p");
  dx_ppr(b, &p);
  const char *text = blk->text ? blk->text : "";
  size_t n = strlen(text);
  /* a name set smaller rather than wrapped (发文机关标志), as the layout
   * set it: to the text block's width, in half points */
  double wide = blk->one_line ? text_width(d, blk->role, text) : 0;
  if (wide > d->st->width)
    b->d->size = floor(2 * d->st->roles[blk->role].size * d->st->width / wide) / 2;
  if (blk->break_after > 0 && blk->break_after < n && b->at[i].lines > 1) {
    dx_run(d, b->w, text, (gssize)blk->break_after, -1, false, blk->color);
    dx_run(d, b->w, "\n", 1, -1, false, 0);
    text += blk->break_after;
  }
  dx_run(d, b->w, text, -1, -1, false, blk->color);
  b->d->size = 0;
  dx_close(b->w);
}

/* 发文字号 at the left and 签发人 at the right, each inset in. */
static void pair(DxBody *b, const JxBlock *blk) {
  const Docx *d = b->d;
  double inset = blk->inset * dx_em(d, blk->role);
  DxPpr p = {.style = dx_style_id(blk->role), .outline = -1, .jc = "left"};
  p.left = inset;
  p.tab = d->st->width - inset;
  dx_open(b->w, "w:p");
  dx_ppr(b, &p);
  if (blk->text)
    dx_run(d, b->w, blk->text, -1, -1, false, blk->color);
  if (blk->right_label || blk->right) {
    dx_run(d, b->w, "\t", 1, -1, false, 0);
    if (blk->right_label)
      dx_run(d, b->w, blk->right_label, -1, -1, false, blk->color);
    if (blk->right)
      dx_run(d, b->w, blk->right, -1, (int)blk->right_role, false, blk->color);
  }
  dx_close(b->w);
}

/* 署名 centred over 成文日期, the date inset from the right. */
static void sign(DxBody *b, const JxBlock *blk) {
  const Docx *d = b->d;
  double inset = blk->inset * dx_em(d, blk->role);
  const char *date = blk->right ? blk->right : "";
  if (blk->text && *blk->text) {
    double shift = (text_width(d, blk->role, date) - text_width(d, blk->role, blk->text)) / 2;
    DxPpr p = {.style = dx_style_id(blk->role), .outline = -1, .jc = "right"};
    p.right = MAX(0, inset + shift);
    dx_open(b->w, "w:p");
    dx_ppr(b, &p);
    dx_run(d, b->w, blk->text, -1, -1, false, blk->color);
    dx_close(b->w);
  }
  DxPpr p = {.style = dx_style_id(blk->role), .outline = -1, .jc = "right"};
  p.right = inset;
  dx_open(b->w, "w:p");
  dx_ppr(b, &p);
  dx_run(d, b->w, date, -1, -1, false, blk->color);
  dx_close(b->w);
}

static void rule(DxBody *b, const JxBlock *blk) {
  DxPpr p = {.style = "Normal", .outline = -1, .line = MAX(1, blk->stroke)};
  p.border = blk->stroke;
  p.border_color = blk->color;
  dx_open(b->w, "w:p");
  dx_ppr(b, &p);
  dx_close(b->w);
}

/* 目录: a TOC field whose result is the entries as jixiao numbered them. */
static void toc(DxBody *b, guint at) {
  const Docx *d = b->d;
  const JxBlock *self = g_ptr_array_index(d->doc->blocks, at);
  char instr[48];
  g_snprintf(instr, sizeof instr, " TOC \\o \"1-%d\" \\h \\z \\u ", CLAMP(self->toc_level, 1, 9));
  bool begun = false;
  for (guint m = 0; m < d->l->marks->len; m++) {
    const JxMark *mk = g_ptr_array_index(d->l->marks, m);
    if (mk->block <= at || mk->level > self->toc_level)
      continue;
    const JxPage *pg = g_ptr_array_index(d->l->pages, mk->page);
    char style[8], page[16];
    g_snprintf(style, sizeof style, "TOC%d", CLAMP(mk->level, 1, 3));
    g_snprintf(page, sizeof page, "%d", pg->number);
    DxPpr p = {.style = style, .outline = -1, .tab = d->st->width, .leader = true};
    dx_open(b->w, "w:p");
    dx_ppr(b, &p);
    if (!begun) {
      dx_open(b->w, "w:r");
      dx_elem(b->w, "w:fldChar", "w:fldCharType", "begin");
      dx_close(b->w);
      dx_open(b->w, "w:r");
      dx_open(b->w, "w:instrText");
      xmlTextWriterWriteAttribute(b->w, BAD_CAST "xml:space", BAD_CAST "preserve");
      dx_text(b->w, instr, -1);
      dx_close(b->w);
      dx_close(b->w);
      dx_open(b->w, "w:r");
      dx_elem(b->w, "w:fldChar", "w:fldCharType", "separate");
      dx_close(b->w);
      begun = true;
    }
    /* numbered, as the heading reads */
    const JxBlock *h = g_ptr_array_index(d->doc->blocks, mk->block);
    dx_run(d, b->w, h->text ? h->text : mk->title, -1, -1, false, 0);
    dx_run(d, b->w, "\t", 1, -1, false, 0);
    dx_run(d, b->w, page, -1, -1, false, 0);
    dx_close(b->w);
  }
  dx_open(b->w, "w:p");
  DxPpr p = {.style = "Normal", .outline = -1};
  dx_ppr(b, &p);
  if (!begun)
    dx_field(b->w, instr, "");
  else {
    dx_open(b->w, "w:r");
    dx_elem(b->w, "w:fldChar", "w:fldCharType", "end");
    dx_close(b->w);
  }
  dx_close(b->w);
}

/* ---- charts ---- */

static void pic_props(xmlTextWriterPtr w, const char *el, guint id, const char *name,
                      const char *alt) {
  dx_open(w, el);
  dx_attrl(w, "id", id);
  dx_attr(w, "name", name);
  if (alt) {
    dx_attr(w, "descr", alt);
    dx_attr(w, "title", alt);
  }
  dx_close(w);
}

static void extent(xmlTextWriterPtr w, const char *el, long cx, long cy) {
  dx_open(w, el);
  dx_attrl(w, "cx", cx);
  dx_attrl(w, "cy", cy);
  dx_close(w);
}

/* A chart as a picture the text block's width: PNG at print resolution,
 * and an SVG beside it for the Word that takes one (svgBlip). */
static bool figure(DxBody *b, const JxBlock *blk) {
  Docx *d = b->d;
  xmlTextWriterPtr w = b->w;
  JxFigurePage *f = jx_figure_page_new(blk, d->doc, d->st, d->ctx);
  double fw = 0, fh = 0;
  jx_figure_page_size(f, &fw, &fh);
  GBytes *png = jx_render_figure_png(f, d->dpi, d->error);
  GBytes *svg = png ? jx_render_figure_outlines(f, d->error) : NULL;
  jx_figure_page_free(f);
  if (!png || !svg) {
    if (png)
      g_bytes_unref(png);
    d->failed = true;
    return false;
  }
  guint n = ++d->images;
  char name[64], png_name[48], svg_name[48];
  g_snprintf(png_name, sizeof png_name, "media/chart%u.png", n);
  g_snprintf(svg_name, sizeof svg_name, "media/chart%u.svg", n);
  g_snprintf(name, sizeof name, "word/%s", png_name);
  gsize len = 0;
  const void *data = g_bytes_get_data(png, &len);
  bool ok = dx_add(d, name, data, len);
  g_snprintf(name, sizeof name, "word/%s", svg_name);
  data = g_bytes_get_data(svg, &len);
  ok = ok && dx_add(d, name, data, len);
  g_bytes_unref(png);
  g_bytes_unref(svg);
  if (!ok)
    return false;
  const char *png_id = dx_rel(d, "image", png_name);
  const char *svg_id = dx_rel(d, "image", svg_name);
  double scale = fw > 0 ? MIN(1.0, d->st->width / fw) : 1;
  long cx = DX_EMU(fw * scale), cy = DX_EMU(fh * scale);
  const char *alt = blk->alt;
  char label[32];
  g_snprintf(label, sizeof label, "图表 %u", n);
  guint id = ++b->figures;
  dx_open(w, "w:p");
  DxPpr p = {.style = "Normal",
             .outline = -1,
             .jc = "center",
             .keep_next = blk->keep_next,
             .auto_line = true};
  dx_ppr(b, &p);
  dx_open(w, "w:r");
  dx_open(w, "w:drawing");
  dx_open(w, "wp:inline");
  dx_attr(w, "distT", "0");
  dx_attr(w, "distB", "0");
  dx_attr(w, "distL", "0");
  dx_attr(w, "distR", "0");
  extent(w, "wp:extent", cx, cy);
  pic_props(w, "wp:docPr", id, label, alt);
  dx_open(w, "wp:cNvGraphicFramePr");
  dx_open(w, "a:graphicFrameLocks");
  dx_attr(w, "xmlns:a", "http://schemas.openxmlformats.org/drawingml/2006/main");
  dx_attr(w, "noChangeAspect", "1");
  dx_close(w);
  dx_close(w);
  dx_open(w, "a:graphic");
  dx_attr(w, "xmlns:a", "http://schemas.openxmlformats.org/drawingml/2006/main");
  dx_open(w, "a:graphicData");
  dx_attr(w, "uri", "http://schemas.openxmlformats.org/drawingml/2006/picture");
  dx_open(w, "pic:pic");
  dx_attr(w, "xmlns:pic", "http://schemas.openxmlformats.org/drawingml/2006/picture");
  dx_open(w, "pic:nvPicPr");
  pic_props(w, "pic:cNvPr", id, png_name + strlen("media/"), alt);
  dx_elem(w, "pic:cNvPicPr", NULL, NULL);
  dx_close(w);
  dx_open(w, "pic:blipFill");
  dx_open(w, "a:blip");
  dx_attr(w, "r:embed", png_id);
  dx_open(w, "a:extLst");
  dx_open(w, "a:ext");
  dx_attr(w, "uri", "{96DAC541-7B7A-43D3-8B79-37D633B846F1}");
  dx_open(w, "asvg:svgBlip");
  dx_attr(w, "xmlns:asvg", "http://schemas.microsoft.com/office/drawing/2016/SVG/main");
  dx_attr(w, "r:embed", svg_id);
  dx_close(w);
  dx_close(w);
  dx_close(w);
  dx_close(w);
  dx_open(w, "a:stretch");
  dx_elem(w, "a:fillRect", NULL, NULL);
  dx_close(w);
  dx_close(w);
  dx_open(w, "pic:spPr");
  dx_open(w, "a:xfrm");
  dx_open(w, "a:off");
  dx_attr(w, "x", "0");
  dx_attr(w, "y", "0");
  dx_close(w);
  extent(w, "a:ext", cx, cy);
  dx_close(w);
  dx_open(w, "a:prstGeom");
  dx_attr(w, "prst", "rect");
  dx_elem(w, "a:avLst", NULL, NULL);
  dx_close(w);
  dx_close(w);
  dx_close(w); /* pic:pic */
  dx_close(w);
  dx_close(w);
  dx_close(w); /* wp:inline */
  dx_close(w);
  dx_close(w);
  dx_close(w);
  return true;
}

/* ---- the body ---- */

static Placed *placed(const JxLayout *l, guint n, GHashTable *cell_lines) {
  Placed *at = g_new(Placed, MAX(1, n));
  for (guint i = 0; i < n; i++)
    at[i] = (Placed){-1, -1, 0};
  for (guint p = 0; p < l->pages->len; p++) {
    const JxPage *page = g_ptr_array_index(l->pages, p);
    for (guint k = 0; k < page->ops->len; k++) {
      const JxOp *op = &g_array_index(page->ops, JxOp, k);
      if (op->block < 0 || (guint)op->block >= n)
        continue;
      Placed *x = &at[op->block];
      if (x->first < 0)
        x->first = (int)p;
      x->last = (int)p;
      if (op->kind != JX_OP_TEXT)
        continue;
      x->lines++;
      if ((op->tag == JX_TAG_TD || op->tag == JX_TAG_TH) && op->cell >= 0) {
        gint64 key = (gint64)op->block << 32 | (gint64)op->cell;
        gpointer had = g_hash_table_lookup(cell_lines, &key);
        gint64 *k = g_memdup2(&key, sizeof key);
        g_hash_table_replace(cell_lines, k, GUINT_TO_POINTER(GPOINTER_TO_UINT(had) + 1));
      }
    }
  }
  return at;
}

/* Where the cover ends: the page break before the first block set on a
 * numbered page (across the blocks that set nothing, spaces), or that
 * block itself; G_MAXUINT without a cover. */
static guint cover_end(const Docx *d, const Placed *at) {
  guint n = d->doc->blocks->len;
  if (!d->doc->cover_pages)
    return G_MAXUINT;
  for (guint i = 0; i < n; i++) {
    if (at[i].first < (int)d->doc->cover_pages)
      continue;
    for (guint k = i; k > 0 && at[k - 1].first < 0; k--) {
      const JxBlock *blk = g_ptr_array_index(d->doc->blocks, k - 1);
      if (blk->kind == JX_BLOCK_PAGE_BREAK)
        return k - 1;
    }
    return i;
  }
  return G_MAXUINT;
}

bool dx_body(Docx *d) {
  DxPart part;
  dx_begin(&part);
  guint n = d->doc->blocks->len;
  DxBody b = {0};
  b.d = d;
  b.w = part.w;
  b.cell_lines = g_hash_table_new_full(g_int64_hash, g_int64_equal, g_free, NULL);
  b.at = placed(d->l, n, b.cell_lines);
  b.cover_end = cover_end(d, b.at);
  xmlTextWriterPtr w = part.w;
  dx_open(w, "w:document");
  dx_attr(w, "xmlns:w", "http://schemas.openxmlformats.org/wordprocessingml/2006/main");
  dx_attr(w, "xmlns:r", "http://schemas.openxmlformats.org/officeDocument/2006/relationships");
  dx_attr(w, "xmlns:wp", "http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing");
  dx_open(w, "w:body");
  bool ok = true;
  for (guint i = 0; ok && i < n; i++) {
    const JxBlock *blk = g_ptr_array_index(d->doc->blocks, i);
    if (i == b.cover_end) {
      /* the cover's end is a section's, its page break too */
      end_cover(&b);
      if (blk->kind == JX_BLOCK_PAGE_BREAK)
        continue;
    }
    switch (blk->kind) {
    case JX_BLOCK_HEADING:
      heading(&b, blk, i);
      break;
    case JX_BLOCK_PARAGRAPH:
      paragraph(&b, blk, i);
      break;
    case JX_BLOCK_TABLE:
      dx_table(&b, blk, i);
      break;
    case JX_BLOCK_FIGURE:
      ok = figure(&b, blk);
      break;
    case JX_BLOCK_TOC:
      toc(&b, i);
      break;
    case JX_BLOCK_RULE:
      rule(&b, blk);
      break;
    case JX_BLOCK_PAIR:
      pair(&b, blk);
      break;
    case JX_BLOCK_SIGN:
      sign(&b, blk);
      break;
    case JX_BLOCK_RECORD:
      /* on the page the layout gave it (an even one) */
      if (i > 0 && b.at[i].first > b.at[i - 1].last && b.at[i - 1].last >= 0)
        b.page_break = true;
      dx_record(&b, blk);
      break;
    case JX_BLOCK_SPACE:
      /* kept at the top of a page (a 公文's 版头), or dropped there */
      if (blk->keep)
        dx_strut(&b, blk->space);
      else if (!b.page_break)
        b.space += blk->space;
      break;
    case JX_BLOCK_PAGE_BREAK:
      b.page_break = true;
      break;
    }
  }
  sect_pr(&b, false);
  dx_close(w);
  dx_close(w);
  g_free(b.at);
  g_hash_table_destroy(b.cell_lines);
  if (!ok) {
    xmlFreeTextWriter(part.w);
    xmlBufferFree(part.buf);
    return false;
  }
  return dx_end(d, &part, "word/document.xml");
}
