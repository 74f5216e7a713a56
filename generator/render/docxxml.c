/* docxxml.c - the words a Word document's parts are written with: XML over
 * libxml2's xmlTextWriter, the package's entries (libzip) and
 * relationships, and runs of text with their faces, sizes and fields. */
#include "render/docxpart.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <zip.h>

#define REL_NS "http://schemas.openxmlformats.org/officeDocument/2006/relationships/"

/* ---- writing XML ---- */

void dx_begin(DxPart *p) {
  p->buf = xmlBufferCreate();
  p->w = xmlNewTextWriterMemory(p->buf, 0);
  xmlTextWriterStartDocument(p->w, NULL, "UTF-8", "yes");
}

void dx_open(xmlTextWriterPtr w, const char *name) {
  xmlTextWriterStartElement(w, BAD_CAST name);
}

void dx_close(xmlTextWriterPtr w) {
  xmlTextWriterEndElement(w);
}

void dx_attr(xmlTextWriterPtr w, const char *name, const char *value) {
  GString *ok = g_string_new(NULL);
  /* an attribute holds what text holds */
  for (const char *p = value; *p; p = g_utf8_next_char(p)) {
    gunichar c = g_utf8_get_char(p);
    if ((c < 0x20 && c != '\t' && c != '\n') || c == 0x7F || c == 0xFFFE || c == 0xFFFF)
      g_string_append(ok, "\xEF\xBF\xBD");
    else
      g_string_append_len(ok, p, g_utf8_next_char(p) - p);
  }
  xmlTextWriterWriteAttribute(w, BAD_CAST name, BAD_CAST ok->str);
  g_string_free(ok, TRUE);
}

void dx_attrl(xmlTextWriterPtr w, const char *name, long value) {
  char buf[32];
  g_snprintf(buf, sizeof buf, "%ld", value);
  xmlTextWriterWriteAttribute(w, BAD_CAST name, BAD_CAST buf);
}

void dx_elem(xmlTextWriterPtr w, const char *name, const char *attr, const char *value) {
  dx_open(w, name);
  if (attr)
    dx_attr(w, attr, value);
  dx_close(w);
}

void dx_eleml(xmlTextWriterPtr w, const char *name, const char *attr, long value) {
  dx_open(w, name);
  dx_attrl(w, attr, value);
  dx_close(w);
}

void dx_width(xmlTextWriterPtr w, const char *el, double pt) {
  dx_open(w, el);
  dx_attrl(w, "w:w", DX_TW(pt));
  dx_attr(w, "w:type", "dxa");
  dx_close(w);
}

void dx_cell_margins(const Docx *d, xmlTextWriterPtr w) {
  dx_open(w, "w:tblCellMar");
  dx_width(w, "w:left", d->st->cell_padding_x);
  dx_width(w, "w:right", d->st->cell_padding_x);
  dx_close(w);
}

void dx_text(xmlTextWriterPtr w, const char *text, gssize len) {
  const char *end = len < 0 ? text + strlen(text) : text + len;
  GString *ok = g_string_sized_new((gsize)(end - text));
  for (const char *p = text; p < end; p = g_utf8_next_char(p)) {
    gunichar c = g_utf8_get_char(p);
    /* XML 1.0 holds none of these, escaped or not */
    if (c < 0x20 || c == 0x7F || c == 0xFFFE || c == 0xFFFF)
      g_string_append(ok, "\xEF\xBF\xBD");
    else
      g_string_append_len(ok, p, g_utf8_next_char(p) - p);
  }
  xmlTextWriterWriteString(w, BAD_CAST ok->str);
  g_string_free(ok, TRUE);
}

/* ---- the package ---- */

/* Adds data (malloc'd, len bytes; the package frees it) as name. */
static bool add_owned(Docx *d, const char *name, void *data, size_t len) {
  if (d->failed) {
    free(data);
    return false;
  }
  zip_source_t *src = data ? zip_source_buffer(d->zip, data, len, 1) : NULL;
  zip_int64_t at = src ? zip_file_add(d->zip, name, src, ZIP_FL_ENC_UTF_8) : -1;
  if (at < 0) {
    if (src)
      zip_source_free(src);
    else
      free(data);
    g_set_error(d->error, G_FILE_ERROR, G_FILE_ERROR_FAILED, "cannot add %s to the document: %s",
                name, zip_strerror(d->zip));
    d->failed = true;
    return false;
  }
  /* every entry the report's date: the same input, the same bytes */
  zip_file_set_dostime(d->zip, (zip_uint64_t)at, d->time, d->date, 0);
  /* a PNG is compressed already; a chart's SVG of outlines (a megabyte
   * of path data) deflates nearly as small at zlib's fastest level, in a
   * third of the time */
  if (g_str_has_suffix(name, ".png"))
    zip_set_file_compression(d->zip, (zip_uint64_t)at, ZIP_CM_STORE, 0);
  else if (g_str_has_suffix(name, ".svg"))
    zip_set_file_compression(d->zip, (zip_uint64_t)at, ZIP_CM_DEFLATE, 1);
  return true;
}

bool dx_add(Docx *d, const char *name, const void *bytes, size_t len) {
  void *copy = malloc(len ? len : 1); /* libzip frees it with free() */
  if (copy && len)
    memcpy(copy, bytes, len);
  return add_owned(d, name, copy, len);
}

bool dx_end(Docx *d, DxPart *p, const char *name) {
  xmlTextWriterEndDocument(p->w);
  xmlFreeTextWriter(p->w);
  /* the part's bytes handed to the package, not copied: libxml2 allocates
   * with malloc unless told otherwise, and jixiao does not tell it */
  size_t len = (size_t)xmlBufferLength(p->buf);
  void *data = xmlBufferDetach(p->buf);
  xmlBufferFree(p->buf);
  return add_owned(d, name, data, len);
}

const char *dx_rel(Docx *d, const char *type, const char *target) {
  DxRel *r = g_new0(DxRel, 1);
  r->id = g_strdup_printf("rId%u", d->rels->len + 1);
  r->type = g_strconcat(REL_NS, type, NULL);
  r->target = g_strdup(target);
  g_ptr_array_add(d->rels, r);
  return r->id;
}

void dx_rel_free(DxRel *r) {
  g_free(r->id);
  g_free(r->type);
  g_free(r->target);
  g_free(r);
}

/* ---- faces and run properties ---- */

void dx_faces(const JxRoleStyle *r, char **latin, char **cjk) {
  gchar **names = g_strsplit(r->families, ",", -1);
  *latin = *cjk = NULL;
  for (int i = 0; names[i]; i++) {
    char *n = g_strstrip(names[i]);
    if (!*n)
      continue;
    if (!*latin)
      *latin = g_strdup(n);
    else if (!*cjk)
      *cjk = g_strdup(n);
  }
  g_strfreev(names);
  if (!*latin)
    *latin = g_strdup("Times New Roman");
  if (!*cjk)
    *cjk = g_strdup(*latin);
}

const char *dx_style_id(JxRole role) {
  static const char *const ids[JX_ROLE_COUNT] = {
      [JX_ROLE_TITLE] = "Title",       [JX_ROLE_SUBTITLE] = "Subtitle",
      [JX_ROLE_HEADING1] = "Heading1", [JX_ROLE_HEADING2] = "Heading2",
      [JX_ROLE_HEADING3] = "Heading3", [JX_ROLE_BODY] = "Normal",
      [JX_ROLE_TABLE] = "TableText",   [JX_ROLE_TABLE_HEAD] = "TableHead",
      [JX_ROLE_RUNNING] = "Header",    [JX_ROLE_PAGE_NUMBER] = "Footer",
      [JX_ROLE_FORM] = "FormText",     [JX_ROLE_FORM_HEAD] = "FormHead",
      [JX_ROLE_MARK] = "IssuerMark",   [JX_ROLE_RECORD] = "Record",
  };
  return ids[role];
}

static void color_elem(xmlTextWriterPtr w, guint32 color) {
  char hex[8];
  g_snprintf(hex, sizeof hex, "%06X", color & 0xFFFFFF);
  dx_elem(w, "w:color", "w:val", hex);
}

/* rFonts, b, color, spacing, sz: the order CT_RPr has them in */
void dx_rpr_props(const Docx *d, xmlTextWriterPtr w, int role, bool bold, guint32 color) {
  const JxRoleStyle *r = role >= 0 ? &d->st->roles[role] : NULL;
  if (r) {
    char *latin, *cjk;
    dx_faces(r, &latin, &cjk);
    dx_open(w, "w:rFonts");
    dx_attr(w, "w:ascii", latin);
    dx_attr(w, "w:hAnsi", latin);
    dx_attr(w, "w:eastAsia", cjk);
    dx_attr(w, "w:cs", latin);
    dx_close(w);
    g_free(latin);
    g_free(cjk);
  }
  if (bold || (r && r->bold)) {
    dx_open(w, "w:b");
    dx_close(w);
    dx_open(w, "w:bCs");
    dx_close(w);
  } else if (r) {
    dx_elem(w, "w:b", "w:val", "0");
  }
  if (color)
    color_elem(w, color);
  /* a 公文's 28 characters a line are its body's size and spacing, as
   * the PDF sets them (Word's character grid would do it too, but
   * LibreOffice gives a character wider than its cell two cells) */
  if (r && r->letter_spacing != 0)
    dx_eleml(w, "w:spacing", "w:val", DX_TW(r->letter_spacing));
  double size = d->size > 0 ? d->size : r ? r->size : 0;
  if (size > 0) {
    dx_eleml(w, "w:sz", "w:val", lround(size * 2));
    dx_eleml(w, "w:szCs", "w:val", lround(size * 2));
  }
}

void dx_role_rpr(const Docx *d, xmlTextWriterPtr w, JxRole role) {
  dx_open(w, "w:rPr");
  dx_rpr_props(d, w, (int)role, false, role == JX_ROLE_MARK ? d->st->mark : 0);
  dx_close(w);
}

void dx_rpr(const Docx *d, xmlTextWriterPtr w, int role, bool bold, guint32 color) {
  if (role < 0 && !bold && !color && d->size <= 0)
    return;
  dx_open(w, "w:rPr");
  dx_rpr_props(d, w, role, bold, color);
  dx_close(w);
}

void dx_run(const Docx *d, xmlTextWriterPtr w, const char *text, gssize len, int role, bool bold,
            guint32 color) {
  const char *end = len < 0 ? text + strlen(text) : text + len;
  dx_open(w, "w:r");
  dx_rpr(d, w, role, bold, color);
  for (const char *p = text; p < end;) {
    size_t n = strcspn(p, "\n\t");
    if (p + n > end)
      n = (size_t)(end - p);
    if (n) {
      dx_open(w, "w:t");
      xmlTextWriterWriteAttribute(w, BAD_CAST "xml:space", BAD_CAST "preserve");
      dx_text(w, p, (gssize)n);
      dx_close(w);
    }
    p += n;
    if (p < end) {
      dx_elem(w, *p == '\t' ? "w:tab" : "w:br", NULL, NULL);
      p++;
    }
  }
  dx_close(w);
}

static void fld_char(xmlTextWriterPtr w, const char *type) {
  dx_open(w, "w:r");
  dx_elem(w, "w:fldChar", "w:fldCharType", type);
  dx_close(w);
}

void dx_field(xmlTextWriterPtr w, const char *instr, const char *shown) {
  fld_char(w, "begin");
  dx_open(w, "w:r");
  dx_open(w, "w:instrText");
  xmlTextWriterWriteAttribute(w, BAD_CAST "xml:space", BAD_CAST "preserve");
  dx_text(w, instr, -1);
  dx_close(w);
  dx_close(w);
  fld_char(w, "separate");
  dx_open(w, "w:r");
  dx_open(w, "w:t");
  dx_text(w, shown, -1);
  dx_close(w);
  dx_close(w);
  fld_char(w, "end");
}
