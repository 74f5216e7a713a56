/* haru_mend.c - what libharu 2.3.0 writes wrong or leaves out, put right on
 * its own objects before it writes them (and two things after, in place).
 * Each is what Apache PDFBox Preflight (PDF/A-1b) or poppler found:
 *
 * - a destination is an indirect array, which PDFBox cannot read as one
 *   ("can't convert to Destination"): each outline entry and link gets its
 *   [page /FitH top] written in place;
 * - a link annotation has no /F, and PDF/A wants it printed (ISO 19005-1
 *   6.5.3): /F 4;
 * - a CIDFontType2's descriptor has no /CapHeight and, for the subset libharu
 *   embeds, no /CIDSet (ISO 19005-1 6.3.5);
 * - its /ToUnicode is the font's encoding CMap (begincidrange), not a
 *   ToUnicode CMap: poppler and PDFBox say "Invalid ToUnicode CMap" and fall
 *   back to guessing.  The codes are UCS-2 (libharu's UTF-8 encoder with
 *   Identity-H), so the true one maps each code to itself. */
#include "render/haru_mend.h"

#include <glib.h>
#include <hpdf_font.h>
#include <hpdf_fontdef.h>
#include <hpdf_objects.h>
#include <stdio.h>
#include <string.h>

HPDF_Array jx_haru_dest(HPDF_Page page, double top) {
  HPDF_Array a = HPDF_Array_New(page->mmgr);
  if (!a)
    return NULL;
  HPDF_Array_Add(a, page);
  HPDF_Array_AddName(a, "FitH");
  HPDF_Array_AddReal(a, (HPDF_REAL)top);
  return a;
}

void jx_haru_outline_dest(HPDF_Outline o, HPDF_Page page, double top) {
  HPDF_Array a = jx_haru_dest(page, top);
  if (a)
    HPDF_Dict_Add(o, "Dest", a);
}

void jx_haru_link(HPDF_Annotation a, HPDF_Page page, double top) {
  HPDF_Array d = jx_haru_dest(page, top);
  if (d)
    HPDF_Dict_Add(a, "Dest", d);
  HPDF_Dict_AddNumber(a, "F", 4); /* Print */
}

/* libharu's own before-write function of its CID TrueType fonts (one
 * function, static in libharu, the same for every such font): it makes the
 * descriptor that the mending below completes. */
static HPDF_Dict_BeforeWriteFunc libharu_before_write;

/* A stream of the given bytes, compressed, in the font's file. */
static HPDF_Dict stream_of(HPDF_Dict font, HPDF_Xref xref, const void *data, HPDF_UINT len) {
  HPDF_Dict s = HPDF_DictStream_New(font->mmgr, xref);
  if (!s)
    return NULL;
  s->filter = HPDF_STREAM_FILTER_FLATE_DECODE;
  if (HPDF_Stream_Write(s->stream, data, len) != HPDF_OK)
    return NULL;
  return s;
}

/* The CIDs the embedded program has a glyph for, a bit each from the high
 * bit of the first byte: CID 0 (.notdef) and each code whose glyph libharu
 * writes.  Returns its length; the caller frees *bits. */
static HPDF_UINT cid_set(HPDF_FontDef def, HPDF_BYTE **bits) {
  HPDF_TTFontDefAttr tt = def->attr;
  HPDF_UINT last = 0;
  HPDF_BYTE *b = g_malloc0(65536 / 8);
  b[0] = 0x80;
  for (HPDF_UINT c = 1; c < 65536; c++) {
    HPDF_UINT16 gid = HPDF_TTFontDef_GetGlyphid(def, (HPDF_UINT16)c);
    if (gid && gid < tt->num_glyphs && tt->glyph_tbl.flgs && tt->glyph_tbl.flgs[gid]) {
      b[c / 8] |= (HPDF_BYTE)(0x80 >> (c % 8));
      last = c;
    }
  }
  *bits = b;
  return last / 8 + 1;
}

/* A ToUnicode CMap mapping each UCS-2 code to itself: a bfrange for each
 * run of 256 codes sharing a first byte, the surrogates' left out. */
static GString *to_unicode(void) {
  GString *s = g_string_new("/CIDInit /ProcSet findresource begin\n"
                            "12 dict begin\nbegincmap\n"
                            "/CIDSystemInfo << /Registry (Adobe) /Ordering (UCS) /Supplement 0 "
                            ">> def\n/CMapName /Adobe-Identity-UCS def\n/CMapType 2 def\n"
                            "1 begincodespacerange\n<0000> <FFFF>\nendcodespacerange\n");
  /* at most 100 entries a section */
  int runs[256], n = 0;
  for (int hi = 0; hi < 256; hi++)
    if (hi < 0xD8 || hi > 0xDF)
      runs[n++] = hi;
  for (int i = 0; i < n; i += 100) {
    int k = MIN(100, n - i);
    g_string_append_printf(s, "%d beginbfrange\n", k);
    for (int j = i; j < i + k; j++)
      g_string_append_printf(s, "<%02X00> <%02XFF> <%02X00>\n", runs[j], runs[j], runs[j]);
    g_string_append(s, "endbfrange\n");
  }
  g_string_append(s, "endcmap\nCMapName currentdict /CMap defineresource pop\nend\nend\n");
  return s;
}

static HPDF_STATUS mended_before_write(HPDF_Dict font) {
  HPDF_STATUS ret = libharu_before_write(font);
  if (ret != HPDF_OK)
    return ret;
  HPDF_FontAttr attr = font->attr;
  HPDF_FontDef def = attr->fontdef;
  HPDF_Dict descriptor = def->descriptor;
  if (!descriptor)
    return HPDF_OK;
  if (!HPDF_Dict_GetItem(descriptor, "CapHeight", HPDF_OCLASS_NUMBER)) {
    /* the face's (OS/2), or libharu's measure of its H, or for a face
     * with neither its ascent */
    HPDF_INT32 cap = def->cap_height ? def->cap_height : def->ascent;
    ret += HPDF_Dict_AddNumber(descriptor, "CapHeight", cap);
  }
  if (!HPDF_Dict_GetItem(descriptor, "CIDSet", HPDF_OCLASS_DICT)) {
    HPDF_BYTE *bits = NULL;
    HPDF_UINT len = cid_set(def, &bits);
    HPDF_Dict set = stream_of(font, attr->xref, bits, len);
    g_free(bits);
    ret += set ? HPDF_Dict_Add(descriptor, "CIDSet", set) : HPDF_FAILD_TO_ALLOC_MEM;
  }
  GString *cmap = to_unicode();
  HPDF_Dict tu = stream_of(font, attr->xref, cmap->str, (HPDF_UINT)cmap->len);
  g_string_free(cmap, TRUE);
  ret += tu ? HPDF_Dict_Add(font, "ToUnicode", tu) : HPDF_FAILD_TO_ALLOC_MEM;
  return ret;
}

/* (after it wrote them) Two things libharu 2.3.0 writes wrong, put right in place (same
 * length, so no offset moves): the XMP stream's key is spelled /SubType
 * (PDF/A needs /Subtype /XML; poppler reads "Unknown Metadata type"); and
 * /ID comes from the clock — where nothing is encrypted with it, it becomes
 * a digest of the file, so the same input gives the same bytes. */
bool jx_haru_repair(const char *path, bool fix_id) {
  char *data = NULL;
  gsize len = 0;
  if (!g_file_get_contents(path, &data, &len, NULL))
    return false;
  static const char bad[] = "/Type /Metadata\n/SubType /XML";
  for (gsize i = 0; i + sizeof bad - 1 <= len; i++)
    if (data[i] == '/' && memcmp(data + i, bad, sizeof bad - 1) == 0)
      memcpy(data + i + 16, "/Subtype", 8);
  /* the trailer's: /ID [ <…> <…> ] */
  char *id = NULL; /* the last "/ID [": the file holds binary streams */
  for (gsize i = len >= 5 ? len - 5 : 0; fix_id && !id && i > 0; i--)
    if (memcmp(data + i, "/ID [", 5) == 0)
      id = data + i;
  char *a = id ? memchr(id, '<', len - (gsize)(id - data)) : NULL;
  bool ok = true;
  if (a) {
    a++;
    char *a_end = memchr(a, '>', len - (gsize)(a - data));
    char *b = a_end ? memchr(a_end, '<', len - (gsize)(a_end - data)) : NULL;
    char *b_end = b ? memchr(b, '>', len - (gsize)(b - data)) : NULL;
    if (a_end && b && b_end) {
      memset(a, '0', (gsize)(a_end - a));
      memset(b + 1, '0', (gsize)(b_end - b - 1));
      char *sum = g_compute_checksum_for_data(G_CHECKSUM_MD5, (const guchar *)data, len);
      gsize n = MIN((gsize)(a_end - a), strlen(sum));
      memcpy(a, sum, n);
      memcpy(b + 1, sum, MIN((gsize)(b_end - b - 1), strlen(sum)));
      g_free(sum);
    }
  }
  /* path is the temporary file itself: written over in place, not through
   * yet another temporary file a stop could leave behind */
  FILE *f = fopen(path, "wb");
  ok = f && fwrite(data, 1, len, f) == len;
  if (f && fclose(f) != 0)
    ok = false;
  g_free(data);
  return ok;
}

void jx_haru_mend_font(HPDF_Font font, int cap_height) {
  HPDF_Dict d = font;
  HPDF_FontAttr attr = d->attr;
  if (!attr || attr->type != HPDF_FONT_TYPE0_TT || !d->before_write_fn ||
      d->before_write_fn == mended_before_write)
    return;
  if (cap_height > 0)
    attr->fontdef->cap_height = (HPDF_UINT16)cap_height;
  libharu_before_write = d->before_write_fn;
  d->before_write_fn = mended_before_write;
}
