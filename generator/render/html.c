/* html.c - a report's document as a web page. */
#include "render/html.h"

#include "render/render.h"
#include "render/svg.h"
#include "render/webfont.h"

#include <string.h>

#define esc(out, text) jx_xml_escape(out, text, -1)

void jx_html_href(GString *out, const char *href) {
  /* each byte of a name that a URL cannot hold as it is (a Chinese
   * department's folder), as %XX */
  char *url = g_uri_escape_string(href, "/", FALSE);
  esc(out, url);
  g_free(url);
}

void jx_html_size(GString *out, gint64 bytes) {
  if (bytes < 1024)
    g_string_append_printf(out, "%" G_GINT64_FORMAT " B", bytes);
  else if (bytes < 1024 * 1024)
    g_string_append_printf(out, "%" G_GINT64_FORMAT " KB", (bytes + 512) / 1024);
  else {
    char buf[G_ASCII_DTOSTR_BUF_SIZE];
    g_string_append_printf(out, "%s MB",
                           g_ascii_formatd(buf, sizeof buf, "%.1f", (double)bytes / 1048576.0));
  }
}

void jx_html_begin(GString *out, const char *title, const char *stylesheet, const char *style,
                   const char *home, const char *where) {
  g_string_append(out, "<!DOCTYPE html>\n<html lang=\"zh-CN\">\n<head>\n<meta charset=\"utf-8\">\n"
                       "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
                       "<meta name=\"generator\" content=\"jixiao " JX_VERSION "\">\n<title>");
  esc(out, title);
  g_string_append(out, "</title>\n<link rel=\"stylesheet\" href=\"");
  jx_html_href(out, stylesheet);
  g_string_append(out, "\">\n");
  if (style && *style) {
    g_string_append(out, "<style>\n");
    g_string_append(out, style);
    g_string_append(out, "</style>\n");
  }
  g_string_append(out, "</head>\n<body>\n");
  if (home) {
    g_string_append(out, "<nav class=\"crumbs\" aria-label=\"位置\"><a href=\"");
    jx_html_href(out, home);
    g_string_append(out, "\">全部报告</a>");
    if (where) {
      g_string_append(out, " › ");
      esc(out, where);
    }
    g_string_append(out, "</nav>\n");
  }
  g_string_append(out, "<main>\n");
}

void jx_html_end(GString *out) {
  g_string_append(out, "</main>\n</body>\n</html>\n");
}

/* ---- blocks ---- */

static const char *align_class(JxAlign a) {
  return a == JX_ALIGN_CENTER ? "c" : a == JX_ALIGN_RIGHT ? "r" : NULL;
}

/* Text with its line ends as <br>. */
static void lines(GString *out, const char *text) {
  for (const char *p = text; *p;) {
    size_t n = strcspn(p, "\n");
    jx_xml_escape(out, p, (gssize)n);
    p += n;
    if (*p == '\n') {
      g_string_append(out, "<br>");
      p++;
    }
  }
}

static int heading_level(JxRole role) {
  switch (role) {
  case JX_ROLE_TITLE:
    return 1;
  case JX_ROLE_HEADING1:
    return 2;
  case JX_ROLE_HEADING2:
    return 3;
  default:
    return 4;
  }
}

static void heading(GString *out, const JxBlock *b, guint index) {
  int h = heading_level(b->role);
  g_string_append_printf(out, "<h%d id=\"b%u\"", h, index);
  if (b->align == JX_ALIGN_CENTER && h > 1)
    g_string_append(out, " class=\"c\"");
  g_string_append_c(out, '>');
  lines(out, b->text);
  g_string_append_printf(out, "</h%d>\n", h);
}

static void paragraph(GString *out, const JxBlock *b) {
  const char *cls = b->role == JX_ROLE_SUBTITLE ? "subtitle"
                    : b->role == JX_ROLE_MARK   ? "mark"
                    : b->indent                 ? "indent"
                                                : align_class(b->align);
  g_string_append(out, "<p");
  if (cls)
    g_string_append_printf(out, " class=\"%s\"", cls);
  GString *style = g_string_new(NULL);
  if (b->color)
    g_string_append_printf(style, "color:#%06x;", b->color & 0xFFFFFF);
  if (b->hang > 0) {
    /* as the layout hangs it (附件：…): two characters and the inset in,
     * the lines after the first the hang more */
    char in[G_ASCII_DTOSTR_BUF_SIZE];
    g_ascii_formatd(in, sizeof in, "%g", 2 + b->inset + b->hang);
    g_string_append_printf(style, "padding-left:%sem;text-indent:-%dem", in, b->hang);
  }
  if (style->len)
    g_string_append_printf(out, " style=\"%s\"", style->str);
  g_string_free(style, TRUE);
  g_string_append_c(out, '>');
  lines(out, b->text);
  g_string_append(out, "</p>\n");
}

/* A cell: th or td, its spans, alignment, light and shade. */
static void cell(GString *out, const JxCell *c, const char *tag, const char *scope) {
  g_string_append_printf(out, "<%s", tag);
  if (scope)
    g_string_append_printf(out, " scope=\"%s\"", scope);
  if (c->rowspan > 1)
    g_string_append_printf(out, " rowspan=\"%u\"", c->rowspan);
  if (c->colspan > 1)
    g_string_append_printf(out, " colspan=\"%u\"", c->colspan);
  const char *a = align_class(c->align);
  if (a || (c->strong && strcmp(tag, "td") == 0))
    g_string_append_printf(out, " class=\"%s%s%s\"", a ? a : "", a && c->strong ? " " : "",
                           c->strong && strcmp(tag, "td") == 0 ? "b" : "");
  if (c->shaded)
    g_string_append_printf(out, " style=\"background:#%06x\"", c->shade & 0xFFFFFF);
  g_string_append_c(out, '>');
  const char *text = c->text ? c->text : "";
  if (c->dot) {
    /* the light's disc; its word beside it says the same to who cannot
     * see the colour */
    g_string_append_printf(out,
                           "<span class=\"light\" style=\"color:#%06x\" aria-hidden=\"true\">"
                           "●</span>",
                           c->dot_color & 0xFFFFFF);
    if (g_str_has_prefix(text, "\u3000"))
      text += strlen("\u3000");
  }
  lines(out, text);
  g_string_append_printf(out, "</%s>\n", tag);
}

/* A table captioned with the heading it stands under; when that heading
 * is right above it, the caption is for screen readers only (sr): seen
 * twice it would only repeat. */
static void table(GString *out, const JxBlock *b, const char *project, const char *caption,
                  bool seen, const char *unit) {
  g_string_append(out, "<div class=\"table\">");
  if (seen && unit) {
    g_string_append(out, "<p class=\"r\">");
    esc(out, unit);
    g_string_append(out, "</p>");
  }
  g_string_append(out, "<table>\n");
  if (caption || unit) {
    g_string_append(out, seen ? "<caption class=\"sr\">" : "<caption>");
    /* "1. 项目资金" stands under every project: a list of the page's tables
     * tells them apart by the project */
    if (project && caption && strcmp(project, caption) != 0) {
      esc(out, project);
      g_string_append(out, "：");
    }
    if (caption)
      lines(out, caption);
    if (unit) {
      g_string_append(out, " <span class=\"unit\">");
      esc(out, unit);
      g_string_append(out, "</span>");
    }
    g_string_append(out, "</caption>\n");
  }
  guint head_from = b->header_at, head_to = b->header_at + b->header_rows;
  /* a header above every body row is the table's head; a form's top block
   * above its header keeps its place, the header's cells th all the same */
  bool thead = head_from == 0 && b->header_rows > 0;
  if (thead)
    g_string_append(out, "<thead>\n");
  for (guint r = 0; r < b->rows->len; r++) {
    if (thead && r == head_to)
      g_string_append(out, "</thead>\n<tbody>\n");
    else if (r == 0 && !thead)
      g_string_append(out, "<tbody>\n");
    const GPtrArray *row = g_ptr_array_index(b->rows, r);
    bool head = r >= head_from && r < head_to;
    g_string_append(out, "<tr>\n");
    bool labelled = false;
    for (guint k = 0; k < row->len; k++) {
      const JxCell *c = g_ptr_array_index(row, k);
      /* a totals row's label (合计, its first words in bold) heads its row */
      bool label = !head && !labelled && c->strong && c->text && *c->text;
      labelled = labelled || label || (c->text && *c->text);
      if (head)
        cell(out, c, "th", c->colspan > 1 ? "colgroup" : "col");
      else if (label)
        cell(out, c, "th", c->rowspan > 1 ? "rowgroup" : "row");
      else
        cell(out, c, "td", NULL);
    }
    g_string_append(out, "</tr>\n");
  }
  if (thead && head_to >= b->rows->len)
    g_string_append(out, "</thead>\n");
  else
    g_string_append(out, "</tbody>\n");
  g_string_append(out, "</table></div>\n");
}

/* 目录: the headings that follow, each a link to its own. */
static void toc(GString *out, const JxDocument *doc, guint at, int level) {
  /* the heading 目录 is the document's own, before this block */
  g_string_append(out, "<nav class=\"toc\" aria-label=\"目录\">\n<ul>\n");
  for (guint i = at + 1; i < doc->blocks->len; i++) {
    const JxBlock *b = g_ptr_array_index(doc->blocks, i);
    if (b->kind != JX_BLOCK_HEADING || b->outline_level < 1 || b->outline_level > level)
      continue;
    g_string_append_printf(out, "<li class=\"l%d\"><a href=\"#b%u\">", b->outline_level, i);
    lines(out, b->text); /* numbered, as the heading reads */
    g_string_append(out, "</a></li>\n");
  }
  g_string_append(out, "</ul></nav>\n");
}

static bool figure(GString *out, JxWebFonts *fonts, const JxFigurePage *f, GError **error) {
  char *svg = jx_render_figure_svg(f, fonts, false, error);
  if (!svg)
    return false;
  g_string_append(out, "<figure>\n");
  /* the chart draws its title; its SVG's <title> names it to a screen
   * reader */
  g_string_append(out, svg);
  g_string_append(out, "</figure>\n");
  g_free(svg);
  return true;
}

/* A unit note set right above a table ("单位：万元") goes into its caption. */
static bool unit_note(const JxBlock *b, const JxBlock *next) {
  return b->kind == JX_BLOCK_PARAGRAPH && b->role == JX_ROLE_TABLE && b->align == JX_ALIGN_RIGHT &&
         next && next->kind == JX_BLOCK_TABLE && g_str_has_prefix(b->text, "单位");
}

static void downloads(GString *out, const JxHtmlOptions *o) {
  if (!o->n_downloads)
    return;
  g_string_append(out, "<section class=\"files\" aria-label=\"下载\"><h2>下载</h2>\n<ul>\n");
  for (guint i = 0; i < o->n_downloads; i++) {
    const JxDownload *d = &o->downloads[i];
    g_string_append(out, "<li><a href=\"");
    jx_html_href(out, d->href);
    g_string_append(out, "\">");
    esc(out, d->label);
    g_string_append(out, "</a>（");
    jx_html_size(out, d->size);
    g_string_append(out, "）");
    if (d->sha256)
      g_string_append_printf(out, "<br>SHA-256 <code>%s</code>", d->sha256);
    g_string_append(out, "</li>\n");
  }
  g_string_append(out, "</ul></section>\n");
}

char *jx_html_document(const JxDocument *doc, const JxStyle *style, PangoContext *ctx,
                       const JxHtmlOptions *o, GError **error) {
  /* the charts share their faces, subset to the characters of them all:
   * noted first, made, then used as each chart is written */
  JxWebFonts *fonts = jx_webfonts_new();
  GPtrArray *figures = g_ptr_array_new_with_free_func((GDestroyNotify)jx_figure_page_free);
  g_ptr_array_set_size(figures, (gint)doc->blocks->len); /* by block, NULL but for figures */
  bool ok = true;
  for (guint i = 0; ok && i < doc->blocks->len; i++) {
    const JxBlock *b = g_ptr_array_index(doc->blocks, i);
    if (b->kind != JX_BLOCK_FIGURE)
      continue;
    JxFigurePage *f = jx_figure_page_new(b, doc, style, ctx);
    figures->pdata[i] = f;
    char *none = jx_render_figure_svg(f, fonts, true, error);
    ok = none != NULL;
    g_free(none);
  }
  ok = ok && jx_webfonts_make(fonts, error);
  GString *out = g_string_new(NULL);
  const char *caption = NULL, *unit = NULL;
  guint caption_at = 0;       /* the heading's block */
  const char *project = NULL; /* the project the headings are under */
  for (guint i = 0; ok && i < doc->blocks->len; i++) {
    const JxBlock *b = g_ptr_array_index(doc->blocks, i);
    const JxBlock *next = i + 1 < doc->blocks->len ? g_ptr_array_index(doc->blocks, i + 1) : NULL;
    switch (b->kind) {
    case JX_BLOCK_HEADING:
      heading(out, b, i);
      caption = b->text;
      caption_at = i;
      if (b->project)
        project = b->project;
      else if (b->role == JX_ROLE_HEADING1 || b->role == JX_ROLE_TITLE)
        project = NULL; /* a part of the report of its own (附表) */
      break;
    case JX_BLOCK_PARAGRAPH:
      if (unit_note(b, next))
        unit = b->text;
      else
        paragraph(out, b);
      break;
    case JX_BLOCK_TABLE:
      /* captioned with the heading it stands under */
      table(out, b, project, caption, caption && caption_at + 1 + (unit != NULL) == i, unit);
      unit = NULL;
      break;
    case JX_BLOCK_FIGURE:
      ok = figure(out, fonts, g_ptr_array_index(figures, i), error);
      break;
    case JX_BLOCK_TOC:
      toc(out, doc, i, b->toc_level);
      break;
    case JX_BLOCK_RULE:
      g_string_append_printf(out, "<hr style=\"border-color:#%06x\">\n",
                             b->color ? b->color & 0xFFFFFF : 0);
      break;
    case JX_BLOCK_PAIR:
      g_string_append(out, "<p class=\"pair\"><span>");
      esc(out, b->text ? b->text : "");
      g_string_append(out, "</span><span>");
      esc(out, b->right_label ? b->right_label : "");
      esc(out, b->right ? b->right : "");
      g_string_append(out, "</span></p>\n");
      break;
    case JX_BLOCK_SIGN:
      g_string_append(out, "<p class=\"sign\">");
      if (b->text) {
        esc(out, b->text);
        g_string_append(out, "<br>");
      }
      esc(out, b->right ? b->right : "");
      g_string_append(out, "</p>\n");
      break;
    case JX_BLOCK_RECORD:
      g_string_append(out, "<div class=\"record\">\n");
      for (guint k = 0; b->lines && k < b->lines->len; k++) {
        const char *line = g_ptr_array_index(b->lines, k);
        const char *tab = strchr(line, '\t');
        g_string_append(out, "<p class=\"pair\"><span>");
        jx_xml_escape(out, line, tab ? tab - line : -1);
        g_string_append(out, "</span><span>");
        if (tab)
          esc(out, tab + 1);
        g_string_append(out, "</span></p>\n");
      }
      g_string_append(out, "</div>\n");
      break;
    case JX_BLOCK_SPACE:
    case JX_BLOCK_PAGE_BREAK:
      break;
    }
  }
  downloads(out, o);
  jx_html_end(out);
  GString *page = g_string_new(NULL), *css = g_string_new(NULL);
  if (ok)
    jx_webfonts_css(fonts, css);
  jx_html_begin(page, doc->title ? doc->title : "", o->stylesheet, css->str, o->home, o->where);
  g_string_append_len(page, out->str, (gssize)out->len);
  g_string_free(out, TRUE);
  g_string_free(css, TRUE);
  jx_webfonts_free(fonts);
  g_ptr_array_free(figures, TRUE);
  return g_string_free(page, !ok);
}

/* The site's look: the faces a reader's system has for Chinese (the
 * charts carry their own), a measure of 40 characters, tables ruled as
 * the PDF's and scrolled sideways on a narrow screen rather than squeezed. */
static const char stylesheet[] =
    "html{background:#f4f4f2;color:#1a1a1a}\n"
    "body{margin:0;font:17px/1.8 \"Noto Serif CJK SC\",\"Source Han Serif SC\",\"Songti SC\","
    "SimSun,serif}\n"
    "main{max-width:52rem;margin:0 auto 3rem;padding:1.5rem 2rem 2rem;background:#fff;"
    "box-shadow:0 1px 3px rgba(0,0,0,.12)}\n"
    "h1,h2,h3,h4,caption,nav,th,.files{font-family:\"Noto Sans CJK SC\",\"Source Han Sans SC\","
    "\"PingFang SC\",\"Microsoft YaHei\",sans-serif}\n"
    "h1{font-size:1.6rem;text-align:center;line-height:1.4;margin:1.5rem 0 1rem}\n"
    "h2{font-size:1.25rem;margin:2rem 0 .6rem}\n"
    "h3{font-size:1.08rem;margin:1.4rem 0 .5rem}\n"
    "h4{font-size:1rem;margin:1.2rem 0 .4rem}\n"
    "p{margin:.4rem 0}\n"
    "p.indent{text-indent:2em}\n"
    "p.subtitle{text-align:center;margin:.2rem 0}\n"
    "p.mark{text-align:center;font-size:1.8rem;letter-spacing:.1em}\n"
    ".c{text-align:center}.r{text-align:right}.b{font-weight:bold}\n"
    ".crumbs{max-width:52rem;margin:0 auto;padding:.8rem 2rem;font-size:.9rem}\n"
    "a{color:#0b57a4}\n"
    ".table{overflow-x:auto;margin:.6rem 0 1.2rem}\n"
    "table{border-collapse:collapse;font-size:.9rem;line-height:1.5;min-width:100%}\n"
    "caption{text-align:left;font-weight:bold;padding:.3rem 0}\n"
    "caption .unit{float:right;font-weight:normal}\n"
    "th,td{border:1px solid #8c8c8c;padding:.25rem .45rem;vertical-align:middle}\n"
    "th{background:#eef1f5;font-weight:bold}\n"
    "td.r,th.r{white-space:nowrap;font-variant-numeric:tabular-nums}\n"
    ".light{margin-right:.25em}\n"
    "figure{margin:1rem 0}figure svg{display:block;max-width:100%;height:auto}\n"
    ".sr{position:absolute;width:1px;height:1px;overflow:hidden;clip:rect(0 0 0 0);"
    "white-space:nowrap}\n"
    ".table>p.r{margin:0;font-size:.9rem}\n"
    ".toc ul{list-style:none;padding:0}.toc li.l2{padding-left:2em}.toc li.l3{padding-left:4em}\n"
    ".pair{display:flex;justify-content:space-between;gap:1em}\n"
    ".sign{text-align:right;margin:1.5rem 2em}\n"
    ".record{border-top:2px solid #000;border-bottom:2px solid #000;margin-top:2rem}\n"
    ".files{border-top:1px solid #ccc;margin-top:2rem;font-size:.9rem}\n"
    ".files code{font-size:.8rem;word-break:break-all}\n"
    ".index td.n{text-align:right;font-variant-numeric:tabular-nums}\n"
    ".index thead th,.index td.n{white-space:nowrap}\n"
    ".index th[scope=row]{text-align:left;font-weight:normal;background:none}\n"
    ".index .kind{font-size:.8rem;color:#555;border:1px solid #bbb;border-radius:3px;"
    "padding:0 .3em;white-space:nowrap}\n";

const char *jx_html_stylesheet(void) {
  return stylesheet;
}
