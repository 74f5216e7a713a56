/* docx.c - a report as a Word document: the package made in memory and
 * the parts around the body: styles, settings, faces, the running header
 * and page numbers, properties. */
#include "render/docx.h"

#include "render/docxpart.h"

#include <errno.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <zip.h>

#define W_NS "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
#define R_NS "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
#define REL_NS "http://schemas.openxmlformats.org/officeDocument/2006/relationships/"
#define CT_WML "application/vnd.openxmlformats-officedocument.wordprocessingml."

static bool rels_part(Docx *d, const char *name, GPtrArray *rels) {
  DxPart p;
  dx_begin(&p);
  dx_open(p.w, "Relationships");
  dx_attr(p.w, "xmlns", "http://schemas.openxmlformats.org/package/2006/relationships");
  for (guint i = 0; i < rels->len; i++) {
    const DxRel *r = g_ptr_array_index(rels, i);
    dx_open(p.w, "Relationship");
    dx_attr(p.w, "Id", r->id);
    dx_attr(p.w, "Type", r->type);
    dx_attr(p.w, "Target", r->target);
    dx_close(p.w);
  }
  dx_close(p.w);
  return dx_end(d, &p, name);
}

static void override(xmlTextWriterPtr w, const char *part, const char *type) {
  dx_open(w, "Override");
  dx_attr(w, "PartName", part);
  dx_attr(w, "ContentType", type);
  dx_close(w);
}

static void by_extension(xmlTextWriterPtr w, const char *ext, const char *type) {
  dx_open(w, "Default");
  dx_attr(w, "Extension", ext);
  dx_attr(w, "ContentType", type);
  dx_close(w);
}

static bool content_types(Docx *d) {
  DxPart p;
  dx_begin(&p);
  dx_open(p.w, "Types");
  dx_attr(p.w, "xmlns", "http://schemas.openxmlformats.org/package/2006/content-types");
  by_extension(p.w, "rels", "application/vnd.openxmlformats-package.relationships+xml");
  by_extension(p.w, "xml", "application/xml");
  by_extension(p.w, "png", "image/png");
  by_extension(p.w, "svg", "image/svg+xml");
  override(p.w, "/word/document.xml", CT_WML "document.main+xml");
  override(p.w, "/word/styles.xml", CT_WML "styles+xml");
  override(p.w, "/word/settings.xml", CT_WML "settings+xml");
  override(p.w, "/word/fontTable.xml", CT_WML "fontTable+xml");
  if (d->header_id)
    override(p.w, "/word/header1.xml", CT_WML "header+xml");
  if (d->footer_id)
    override(p.w, "/word/footer1.xml", CT_WML "footer+xml");
  if (d->footer_even_id)
    override(p.w, "/word/footer2.xml", CT_WML "footer+xml");
  override(p.w, "/docProps/core.xml", "application/vnd.openxmlformats-package.core-properties+xml");
  override(p.w, "/docProps/app.xml",
           "application/vnd.openxmlformats-officedocument.extended-properties+xml");
  dx_close(p.w);
  return dx_end(d, &p, "[Content_Types].xml");
}

static void element_text(xmlTextWriterPtr w, const char *name, const char *text) {
  dx_open(w, name);
  dx_text(w, text ? text : "", -1);
  dx_close(w);
}

static bool properties(Docx *d) {
  const JxMeta *m = d->meta;
  DxPart p;
  dx_begin(&p);
  dx_open(p.w, "cp:coreProperties");
  dx_attr(p.w, "xmlns:cp",
          "http://schemas.openxmlformats.org/package/2006/metadata/core-properties");
  dx_attr(p.w, "xmlns:dc", "http://purl.org/dc/elements/1.1/");
  dx_attr(p.w, "xmlns:dcterms", "http://purl.org/dc/terms/");
  dx_attr(p.w, "xmlns:xsi", "http://www.w3.org/2001/XMLSchema-instance");
  element_text(p.w, "dc:title", m->title);
  element_text(p.w, "dc:subject", m->subject);
  element_text(p.w, "dc:creator", m->author);
  element_text(p.w, "cp:keywords", m->keywords);
  element_text(p.w, "dc:language", "zh-CN");
  if (m->date) {
    for (int i = 0; i < 2; i++) {
      dx_open(p.w, i ? "dcterms:modified" : "dcterms:created");
      dx_attr(p.w, "xsi:type", "dcterms:W3CDTF");
      dx_text(p.w, m->date, -1);
      dx_close(p.w);
    }
  }
  dx_close(p.w);
  bool ok = dx_end(d, &p, "docProps/core.xml");
  dx_begin(&p);
  dx_open(p.w, "Properties");
  dx_attr(p.w, "xmlns",
          "http://schemas.openxmlformats.org/officeDocument/2006/extended-properties");
  element_text(p.w, "Application", m->creator);
  /* as jixiao set them; Word counts its own */
  char pages[16];
  g_snprintf(pages, sizeof pages, "%u", d->l->pages->len);
  element_text(p.w, "Pages", pages);
  dx_close(p.w);
  return dx_end(d, &p, "docProps/app.xml") && ok;
}

/* ---- styles ---- */

/* The paragraph properties of a role's style: its line pitch exactly, its
 * grid, and what its kind of paragraph keeps. */
static void role_ppr(const Docx *d, xmlTextWriterPtr w, JxRole role, double before) {
  const JxRoleStyle *r = &d->st->roles[role];
  bool heading = role == JX_ROLE_HEADING1 || role == JX_ROLE_HEADING2 || role == JX_ROLE_HEADING3;
  dx_open(w, "w:pPr");
  if (heading || role == JX_ROLE_TITLE) {
    dx_open(w, "w:keepNext");
    dx_close(w);
    dx_open(w, "w:keepLines");
    dx_close(w);
  }
  /* the gap between Chinese and Latin as the template sets it (LibreOffice
   * reads it from the style, not the defaults) */
  if (role == JX_ROLE_BODY && d->st->cjk_latin_space <= 0) {
    dx_elem(w, "w:autoSpaceDE", "w:val", "0");
    dx_elem(w, "w:autoSpaceDN", "w:val", "0");
  }
  dx_open(w, "w:spacing");
  dx_attrl(w, "w:before", DX_TW(before));
  dx_attrl(w, "w:after", 0);
  dx_attrl(w, "w:line", DX_TW(r->pitch));
  dx_attr(w, "w:lineRule", "exact");
  dx_close(w);
  if (role == JX_ROLE_TITLE || role == JX_ROLE_SUBTITLE || role == JX_ROLE_MARK ||
      role == JX_ROLE_RUNNING)
    dx_elem(w, "w:jc", "w:val", "center");
  else if (role == JX_ROLE_BODY)
    dx_elem(w, "w:jc", "w:val", "both");
  if (heading)
    dx_eleml(w, "w:outlineLvl", "w:val", role - JX_ROLE_HEADING1);
  dx_close(w);
}

static void style_head(xmlTextWriterPtr w, const char *type, const char *id, const char *name,
                       const char *based, const char *next) {
  dx_open(w, "w:style");
  dx_attr(w, "w:type", type);
  if (strcmp(id, "Normal") == 0 || strcmp(id, "TableNormal") == 0 ||
      strcmp(id, "DefaultParagraphFont") == 0)
    dx_attr(w, "w:default", "1");
  dx_attr(w, "w:styleId", id);
  dx_elem(w, "w:name", "w:val", name);
  if (based)
    dx_elem(w, "w:basedOn", "w:val", based);
  if (next)
    dx_elem(w, "w:next", "w:val", next);
  dx_open(w, "w:qFormat");
  dx_close(w);
}

static void role_style(const Docx *d, xmlTextWriterPtr w, JxRole role, const char *name,
                       const char *next) {
  bool heading = role == JX_ROLE_HEADING1 || role == JX_ROLE_HEADING2 || role == JX_ROLE_HEADING3;
  style_head(w, "paragraph", dx_style_id(role), name, role == JX_ROLE_BODY ? NULL : "Normal", next);
  role_ppr(d, w, role, heading ? d->st->space_before_heading : 0);
  dx_role_rpr(d, w, role);
  dx_close(w);
}

static bool styles(Docx *d) {
  const JxStyle *st = d->st;
  const JxRoleStyle *body = &st->roles[JX_ROLE_BODY];
  DxPart p;
  dx_begin(&p);
  xmlTextWriterPtr w = p.w;
  dx_open(w, "w:styles");
  dx_attr(w, "xmlns:w", W_NS);
  dx_open(w, "w:docDefaults");
  dx_open(w, "w:rPrDefault");
  dx_open(w, "w:rPr");
  dx_rpr_props(d, w, JX_ROLE_BODY, false, 0);
  dx_open(w, "w:lang");
  dx_attr(w, "w:val", "zh-CN");
  dx_attr(w, "w:eastAsia", "zh-CN");
  dx_attr(w, "w:bidi", "ar-SA");
  dx_close(w);
  dx_close(w);
  dx_close(w);
  dx_open(w, "w:pPrDefault");
  dx_open(w, "w:pPr");
  /* Chinese line breaking (kinsoku, the marks' overflow) is Word's own;
   * the gap between Chinese and Latin as the template sets it */
  if (st->cjk_latin_space <= 0) {
    dx_elem(w, "w:autoSpaceDE", "w:val", "0");
    dx_elem(w, "w:autoSpaceDN", "w:val", "0");
  }
  dx_open(w, "w:spacing");
  dx_attrl(w, "w:after", 0);
  dx_attrl(w, "w:line", DX_TW(body->pitch));
  dx_attr(w, "w:lineRule", "exact");
  dx_close(w);
  dx_close(w);
  dx_close(w);
  dx_close(w);
  /* Word's own names for its built-in styles, so that its heading,
   * navigation and 目录 commands find them; the others in Chinese */
  role_style(d, w, JX_ROLE_BODY, "Normal", NULL);
  style_head(w, "paragraph", "BodyText", "Body Text", "Normal", "BodyText");
  dx_open(w, "w:pPr");
  dx_open(w, "w:ind");
  dx_attrl(w, "w:firstLineChars", 200);
  dx_attrl(w, "w:firstLine", DX_TW(2 * body->size));
  dx_close(w);
  dx_close(w);
  dx_close(w);
  role_style(d, w, JX_ROLE_TITLE, "Title", "Normal");
  role_style(d, w, JX_ROLE_SUBTITLE, "Subtitle", "Normal");
  role_style(d, w, JX_ROLE_HEADING1, "heading 1", "BodyText");
  role_style(d, w, JX_ROLE_HEADING2, "heading 2", "BodyText");
  role_style(d, w, JX_ROLE_HEADING3, "heading 3", "BodyText");
  role_style(d, w, JX_ROLE_TABLE, "表格文字", NULL);
  role_style(d, w, JX_ROLE_TABLE_HEAD, "表格标题", NULL);
  role_style(d, w, JX_ROLE_FORM, "表单文字", NULL);
  role_style(d, w, JX_ROLE_FORM_HEAD, "表单标题", NULL);
  role_style(d, w, JX_ROLE_MARK, "发文机关标志", NULL);
  role_style(d, w, JX_ROLE_RECORD, "版记", NULL);
  role_style(d, w, JX_ROLE_RUNNING, "header", NULL);
  role_style(d, w, JX_ROLE_PAGE_NUMBER, "footer", NULL);
  for (int level = 1; level <= 3; level++) {
    char id[8], name[8];
    g_snprintf(id, sizeof id, "TOC%d", level);
    g_snprintf(name, sizeof name, "toc %d", level);
    style_head(w, "paragraph", id, name, "Normal", "Normal");
    dx_open(w, "w:pPr");
    dx_open(w, "w:ind");
    dx_attrl(w, "w:leftChars", 200 * (level - 1));
    dx_attrl(w, "w:left", DX_TW(2 * body->size * (level - 1)));
    dx_close(w);
    dx_elem(w, "w:jc", "w:val", "left");
    dx_close(w);
    dx_close(w);
  }
  style_head(w, "character", "DefaultParagraphFont", "Default Paragraph Font", NULL, NULL);
  dx_close(w);
  /* a project's name in its heading, for a running header's {项目名称} */
  style_head(w, "character", "ProjectName", "项目名称", "DefaultParagraphFont", NULL);
  dx_close(w);
  style_head(w, "table", "TableNormal", "Normal Table", NULL, NULL);
  dx_open(w, "w:tblPr");
  dx_cell_margins(d, w);
  dx_close(w);
  dx_close(w);
  dx_close(w);
  return dx_end(d, &p, "word/styles.xml");
}

/* ---- settings and faces ---- */

static bool settings(Docx *d) {
  DxPart p;
  dx_begin(&p);
  xmlTextWriterPtr w = p.w;
  dx_open(w, "w:settings");
  dx_attr(w, "xmlns:w", W_NS);
  dx_elem(w, "w:zoom", "w:percent", "100");
  dx_eleml(w, "w:defaultTabStop", "w:val", DX_TW(2 * d->st->roles[JX_ROLE_BODY].size));
  if (d->even_odd)
    dx_elem(w, "w:evenAndOddHeaders", NULL, NULL);
  /* Word's 标点挤压 is the squeeze of marks; on a 公文's grid none */
  dx_elem(w, "w:characterSpacingControl", "w:val",
          d->st->grid ? "doNotCompress" : "compressPunctuation");
  dx_open(w, "w:compat");
  dx_open(w, "w:compatSetting");
  dx_attr(w, "w:name", "compatibilityMode");
  dx_attr(w, "w:uri", "http://schemas.microsoft.com/office/word");
  dx_attr(w, "w:val", "15");
  dx_close(w);
  dx_close(w);
  dx_open(w, "w:themeFontLang");
  dx_attr(w, "w:val", "en-US");
  dx_attr(w, "w:eastAsia", "zh-CN");
  dx_close(w);
  dx_elem(w, "w:decimalSymbol", "w:val", ".");
  dx_elem(w, "w:listSeparator", "w:val", ",");
  dx_close(w);
  return dx_end(d, &p, "word/settings.xml");
}

/* What Word uses where a named face is missing: Liberation's faces are
 * metrically Times New Roman and Arial; a Chinese face the next of its
 * list (仿宋 for 仿宋_GB2312). */
static const char *latin_alt(const char *name) {
  if (g_str_has_prefix(name, "Liberation Serif"))
    return "Times New Roman";
  if (g_str_has_prefix(name, "Liberation Sans"))
    return "Arial";
  if (g_str_has_prefix(name, "Liberation Mono"))
    return "Courier New";
  return NULL;
}

static bool font_table(Docx *d) {
  DxPart p;
  dx_begin(&p);
  xmlTextWriterPtr w = p.w;
  dx_open(w, "w:fonts");
  dx_attr(w, "xmlns:w", W_NS);
  GHashTable *seen = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, NULL);
  for (int role = 0; role < JX_ROLE_COUNT; role++) {
    gchar **names = g_strsplit(d->st->roles[role].families, ",", -1);
    int n = 0;
    for (int i = 0; names[i] && n < 2; i++) {
      char *name = g_strstrip(names[i]);
      if (!*name)
        continue;
      n++;
      if (!g_hash_table_add(seen, g_strdup(name)))
        continue;
      const char *alt = n == 1 ? latin_alt(name) : NULL;
      for (int k = i + 1; n == 2 && !alt && names[k]; k++) {
        char *next = g_strstrip(names[k]);
        if (*next)
          alt = next;
      }
      dx_open(w, "w:font");
      dx_attr(w, "w:name", name);
      if (alt)
        dx_elem(w, "w:altName", "w:val", alt);
      /* a Chinese face's charset is GB2312's (134) */
      dx_elem(w, "w:charset", "w:val", n == 2 ? "86" : "00");
      dx_elem(w, "w:family", "w:val",
              strstr(name, "Sans") || strstr(name, "黑") ? "swiss" : "roman");
      dx_elem(w, "w:pitch", "w:val", "variable");
      dx_close(w);
    }
    g_strfreev(names);
  }
  g_hash_table_destroy(seen);
  dx_close(w);
  return dx_end(d, &p, "word/fontTable.xml");
}

/* ---- the running header and the page numbers ---- */

/* pattern's text, its {页码} and {总页数} as fields, {项目名称} as the
 * name of the project the page is in: the text of its heading in the
 * character style 项目名称 (STYLEREF). */
static void furniture_text(Docx *d, xmlTextWriterPtr w, const char *pattern) {
  static const char *const fields[] = {"{页码}", "{总页数}", "{项目名称}"};
  const char *p = pattern;
  while (*p) {
    const char *next = NULL;
    guint which = 0;
    for (guint k = 0; k < G_N_ELEMENTS(fields); k++) {
      const char *at = strstr(p, fields[k]);
      if (at && (!next || at < next))
        next = at, which = k;
    }
    size_t n = next ? (size_t)(next - p) : strlen(p);
    if (n)
      dx_run(d, w, p, (gssize)n, -1, false, 0);
    if (!next)
      break;
    if (which == 0)
      dx_field(w, " PAGE ", "1");
    else if (which == 1)
      /* pages after the cover, which its own section holds */
      dx_field(w, d->doc->cover_pages ? " SECTIONPAGES " : " NUMPAGES ", "1");
    else
      dx_field(w, " STYLEREF \"项目名称\" ", "");
    p = next + strlen(fields[which]);
  }
}

static void furniture_paragraph(Docx *d, xmlTextWriterPtr w, JxRole role, const char *pattern,
                                const char *jc, double left, double right, bool rule) {
  dx_open(w, "w:p");
  dx_open(w, "w:pPr");
  dx_elem(w, "w:pStyle", "w:val", dx_style_id(role));
  if (rule) {
    dx_open(w, "w:pBdr");
    dx_open(w, "w:bottom");
    dx_attr(w, "w:val", "single");
    dx_attrl(w, "w:sz", MAX(2, lround(d->st->rule_width * 8)));
    dx_attrl(w, "w:space", 1);
    dx_attr(w, "w:color", "auto");
    dx_close(w);
    dx_close(w);
  }
  if (left > 0 || right > 0) {
    dx_open(w, "w:ind");
    dx_attrl(w, "w:left", DX_TW(left));
    dx_attrl(w, "w:right", DX_TW(right));
    dx_close(w);
  }
  dx_elem(w, "w:jc", "w:val", jc);
  dx_close(w);
  furniture_text(d, w, pattern);
  dx_close(w);
}

static bool header_part(Docx *d) {
  DxPart p;
  dx_begin(&p);
  dx_open(p.w, "w:hdr");
  dx_attr(p.w, "xmlns:w", W_NS);
  dx_attr(p.w, "xmlns:r", R_NS);
  furniture_paragraph(d, p.w, JX_ROLE_RUNNING, d->doc->header, "center", 0, 0, d->st->header_rule);
  dx_close(p.w);
  return dx_end(d, &p, "word/header1.xml");
}

/* The page number where the layout sets it, and the footer under it. */
static bool footer_part(Docx *d, const char *name, bool odd) {
  const JxStyle *st = d->st;
  JxNumberPosition pos = st->number_position;
  if (pos == JX_NUMBER_OUTSIDE)
    pos = odd ? JX_NUMBER_RIGHT : JX_NUMBER_LEFT;
  else if (pos == JX_NUMBER_INSIDE)
    pos = odd ? JX_NUMBER_LEFT : JX_NUMBER_RIGHT;
  double inset = st->number_inset * st->roles[JX_ROLE_PAGE_NUMBER].size;
  DxPart p;
  dx_begin(&p);
  dx_open(p.w, "w:ftr");
  dx_attr(p.w, "xmlns:w", W_NS);
  dx_attr(p.w, "xmlns:r", R_NS);
  if (st->page_number && *st->page_number)
    furniture_paragraph(d, p.w, JX_ROLE_PAGE_NUMBER, st->page_number,
                        pos == JX_NUMBER_RIGHT  ? "right"
                        : pos == JX_NUMBER_LEFT ? "left"
                                                : "center",
                        pos == JX_NUMBER_LEFT ? inset : 0, pos == JX_NUMBER_RIGHT ? inset : 0,
                        false);
  if (d->doc->footer && *d->doc->footer)
    furniture_paragraph(d, p.w, JX_ROLE_RUNNING, d->doc->footer, "center", 0, 0, false);
  dx_close(p.w);
  return dx_end(d, &p, name);
}

/* ---- the whole ---- */

/* The MS-DOS stamp of an ISO 8601 date (UTC), 1980 at the earliest. */
static void dos_stamp(const char *iso, guint16 *time, guint16 *date) {
  GDateTime *t = iso ? g_date_time_new_from_iso8601(iso, NULL) : NULL;
  if (!t)
    t = g_date_time_new_now_utc();
  GDateTime *u = g_date_time_to_utc(t);
  int y = MAX(g_date_time_get_year(u), 1980);
  *date =
      (guint16)((y - 1980) << 9 | g_date_time_get_month(u) << 5 | g_date_time_get_day_of_month(u));
  *time = (guint16)(g_date_time_get_hour(u) << 11 | g_date_time_get_minute(u) << 5 |
                    g_date_time_get_second(u) / 2);
  g_date_time_unref(u);
  g_date_time_unref(t);
}

/* The package's bytes, once closed. */
static GBytes *package_bytes(zip_source_t *src, GError **error) {
  zip_stat_t zs;
  zip_stat_init(&zs);
  if (zip_source_open(src) < 0 || zip_source_stat(src, &zs) < 0 || !(zs.valid & ZIP_STAT_SIZE)) {
    g_set_error(error, G_FILE_ERROR, G_FILE_ERROR_FAILED, "cannot read the document made: %s",
                zip_error_strerror(zip_source_error(src)));
    return NULL;
  }
  guint8 *data = g_malloc(zs.size ? zs.size : 1);
  zip_int64_t n = zip_source_read(src, data, zs.size);
  zip_source_close(src);
  if (n < 0 || (zip_uint64_t)n != zs.size) {
    g_free(data);
    g_set_error(error, G_FILE_ERROR, G_FILE_ERROR_FAILED, "cannot read the document made");
    return NULL;
  }
  return g_bytes_new_take(data, zs.size);
}

bool jx_docx_write(const JxDocument *doc, const JxLayout *l, const JxStyle *style,
                   PangoContext *ctx, const JxMeta *meta, double dpi, const char *path,
                   GError **error) {
  Docx d = {0};
  d.doc = doc;
  d.l = l;
  d.st = style;
  d.ctx = ctx;
  d.meta = meta;
  d.dpi = dpi > 0 ? dpi : JX_DOCX_DPI;
  d.error = error;
  dos_stamp(meta->date, &d.time, &d.date);
  zip_error_t ze;
  zip_error_init(&ze);
  zip_source_t *src = zip_source_buffer_create(NULL, 0, 0, &ze);
  if (src)
    zip_source_keep(src);
  d.zip = src ? zip_open_from_source(src, ZIP_TRUNCATE, &ze) : NULL;
  if (!d.zip) {
    g_set_error(error, G_FILE_ERROR, G_FILE_ERROR_FAILED, "cannot make a document: %s",
                zip_error_strerror(&ze));
    zip_error_fini(&ze);
    if (src)
      zip_source_free(src);
    return false;
  }
  zip_error_fini(&ze);
  d.rels = g_ptr_array_new_with_free_func((GDestroyNotify)dx_rel_free);
  dx_rel(&d, "styles", "styles.xml");
  dx_rel(&d, "settings", "settings.xml");
  dx_rel(&d, "fontTable", "fontTable.xml");
  if (doc->header && *doc->header)
    d.header_id = dx_rel(&d, "header", "header1.xml");
  bool numbered = style->page_number && *style->page_number;
  if (numbered || (doc->footer && *doc->footer)) {
    d.footer_id = dx_rel(&d, "footer", "footer1.xml");
    d.even_odd =
        style->number_position == JX_NUMBER_OUTSIDE || style->number_position == JX_NUMBER_INSIDE;
    if (d.even_odd)
      d.footer_even_id = dx_rel(&d, "footer", "footer2.xml");
  }
  /* the package's relationships */
  GPtrArray *top = g_ptr_array_new_with_free_func((GDestroyNotify)dx_rel_free);
  static const char *const own[][3] = {
      {"rId1", REL_NS "officeDocument", "word/document.xml"},
      {"rId2",
       "http://schemas.openxmlformats.org/package/2006/relationships/metadata/"
       "core-properties",
       "docProps/core.xml"},
      {"rId3", REL_NS "extended-properties", "docProps/app.xml"}};
  for (guint i = 0; i < G_N_ELEMENTS(own); i++) {
    DxRel *r = g_new0(DxRel, 1);
    *r = (DxRel){g_strdup(own[i][0]), g_strdup(own[i][1]), g_strdup(own[i][2])};
    g_ptr_array_add(top, r);
  }
  bool ok = content_types(&d) && rels_part(&d, "_rels/.rels", top) && properties(&d) &&
            dx_body(&d) && styles(&d) && settings(&d) && font_table(&d) &&
            (!d.header_id || header_part(&d)) &&
            (!d.footer_id || footer_part(&d, "word/footer1.xml", true)) &&
            (!d.footer_even_id || footer_part(&d, "word/footer2.xml", false)) &&
            rels_part(&d, "word/_rels/document.xml.rels", d.rels);
  g_ptr_array_free(top, TRUE);
  g_ptr_array_free(d.rels, TRUE);
  if (ok && zip_close(d.zip) < 0) {
    g_set_error(error, G_FILE_ERROR, G_FILE_ERROR_FAILED, "cannot make the document: %s",
                zip_strerror(d.zip));
    ok = false;
  }
  if (!ok)
    zip_discard(d.zip);
  GBytes *bytes = ok ? package_bytes(src, error) : NULL;
  zip_source_free(src);
  if (!bytes)
    return false;
  gsize len = 0;
  const char *data = g_bytes_get_data(bytes, &len);
  ok = jx_render_write_file(path, data, len, error);
  g_bytes_unref(bytes);
  return ok;
}
