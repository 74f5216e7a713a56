/* webfont.c - subset faces as WOFF2 for an SVG's @font-face rules. */
#include "render/webfont.h"

#include "render/woff2.h"

#include <hb-subset.h>
#include <hb.h>
#include <stdlib.h>
#include <string.h>

/* A face of the drawing: its file, the characters set in it, and, once
 * made, its family name and the WOFF2 (or, refused by the encoder, the
 * OpenType) subset as base64. */
typedef struct {
  char *file;
  int index;
  GHashTable *chars; /* GUINT_TO_POINTER(gunichar) set */
  char *family;
  const char *format; /* "woff2" or "opentype" */
  char *base64;
} Face;

struct JxWebFonts {
  GPtrArray *faces;   /* Face *, in the order first used */
  GHashTable *by_key; /* "index|file" -> GUINT_TO_POINTER(n + 1) */
  /* the face of the last cluster looked up: a line's clusters are mostly
   * of one face, and fontconfig gives its file the same string each time */
  const char *last_file;
  int last_index;
  guint last; /* n + 1, 0: none */
};

static void face_free(Face *f) {
  g_free(f->file);
  g_hash_table_destroy(f->chars);
  g_free(f->family);
  g_free(f->base64);
  g_free(f);
}

JxWebFonts *jx_webfonts_new(void) {
  JxWebFonts *w = g_new0(JxWebFonts, 1);
  w->faces = g_ptr_array_new_with_free_func((GDestroyNotify)face_free);
  w->by_key = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, NULL);
  return w;
}

void jx_webfonts_free(JxWebFonts *w) {
  if (!w)
    return;
  g_ptr_array_free(w->faces, TRUE);
  g_hash_table_destroy(w->by_key);
  g_free(w);
}

static char *face_key(const JxCluster *c) {
  return g_strdup_printf("%d|%s", c->index, c->file ? c->file : "");
}

/* c's face's n + 1, or 0 when it has none yet. */
static guint lookup(JxWebFonts *w, const JxCluster *c) {
  if (w->last && c->file == w->last_file && c->index == w->last_index)
    return w->last;
  char *key = face_key(c);
  guint n = GPOINTER_TO_UINT(g_hash_table_lookup(w->by_key, key));
  g_free(key);
  if (n) {
    w->last_file = c->file;
    w->last_index = c->index;
    w->last = n;
  }
  return n;
}

guint jx_webfonts_face(JxWebFonts *w, const JxCluster *c) {
  guint n = lookup(w, c);
  return n ? n - 1 : 0;
}

guint jx_webfonts_add(JxWebFonts *w, const JxCluster *c) {
  guint n = lookup(w, c);
  Face *f;
  if (n) {
    f = g_ptr_array_index(w->faces, n - 1);
  } else {
    char *key = face_key(c);
    f = g_new0(Face, 1);
    f->file = g_strdup(c->file ? c->file : "");
    f->index = c->index;
    f->chars = g_hash_table_new(g_direct_hash, g_direct_equal);
    g_ptr_array_add(w->faces, f);
    n = w->faces->len;
    g_hash_table_insert(w->by_key, key, GUINT_TO_POINTER(n));
  }
  for (const char *p = c->text; p < c->text + c->len; p = g_utf8_next_char(p))
    g_hash_table_add(f->chars, GUINT_TO_POINTER(g_utf8_get_char(p)));
  return n - 1;
}

/* The faces read so far, kept for the process: a batch draws hundreds of
 * pages from the same few files, each 10 MB or more. */
static GHashTable *opened; /* "index|file" -> hb_face_t * */
G_LOCK_DEFINE_STATIC(opened);

static hb_face_t *open_face(const Face *f) {
  char *key = g_strdup_printf("%d|%s", f->index, f->file);
  G_LOCK(opened);
  if (!opened)
    opened =
        g_hash_table_new_full(g_str_hash, g_str_equal, g_free, (GDestroyNotify)hb_face_destroy);
  hb_face_t *face = g_hash_table_lookup(opened, key);
  if (!face) {
    hb_blob_t *blob = hb_blob_create_from_file_or_fail(f->file);
    if (blob) {
      face = hb_face_create(blob, (unsigned)f->index);
      hb_blob_destroy(blob);
      if (hb_face_get_glyph_count(face) == 0) {
        hb_face_destroy(face);
        face = NULL;
      }
    }
    if (face)
      g_hash_table_insert(opened, g_strdup(key), face);
  }
  G_UNLOCK(opened);
  g_free(key);
  return face;
}

/* Subsets f to its characters (their cmap glyphs, no hints, no layout
 * tables) and encodes it. */
static bool make_face(Face *f, GError **error) {
  hb_face_t *face = open_face(f);
  if (!face) {
    g_set_error(error, G_FILE_ERROR, G_FILE_ERROR_IO, "cannot read the face %s", f->file);
    return false;
  }
  hb_subset_input_t *in = hb_subset_input_create_or_fail();
  hb_set_t *unicodes = hb_subset_input_unicode_set(in);
  GHashTableIter it;
  gpointer ch;
  g_hash_table_iter_init(&it, f->chars);
  while (g_hash_table_iter_next(&it, &ch, NULL))
    hb_set_add(unicodes, GPOINTER_TO_UINT(ch));
  static const char *const dropped[] = {"GSUB", "GPOS", "GDEF", "BASE", "JSTF", "MATH",
                                        "kern", "vhea", "vmtx", "VORG", "DSIG"};
  hb_set_t *drop = hb_subset_input_set(in, HB_SUBSET_SETS_DROP_TABLE_TAG);
  for (guint i = 0; i < G_N_ELEMENTS(dropped); i++)
    hb_set_add(drop, hb_tag_from_string(dropped[i], 4));
  hb_subset_input_set_flags(in, HB_SUBSET_FLAGS_NO_HINTING);
  hb_face_t *sub = hb_subset_or_fail(face, in);
  hb_subset_input_destroy(in);
  if (!sub) {
    g_set_error(error, G_FILE_ERROR, G_FILE_ERROR_FAILED, "HarfBuzz cannot subset the face %s",
                f->file);
    return false;
  }
  hb_blob_t *blob = hb_face_reference_blob(sub);
  unsigned len = 0;
  const uint8_t *data = (const uint8_t *)hb_blob_get_data(blob, &len);
  uint8_t *woff = NULL;
  size_t woff_len = 0;
  /* WOFF2 is a third of the size; the plain subset is as good to a browser */
  bool compressed = jx_woff2_encode(data, len, &woff, &woff_len);
  const uint8_t *bytes = compressed ? woff : data;
  size_t n = compressed ? woff_len : len;
  f->format = compressed ? "woff2" : "opentype";
  f->base64 = g_base64_encode(bytes, n);
  char *sum = g_compute_checksum_for_data(G_CHECKSUM_SHA256, bytes, n);
  f->family = g_strdup_printf("jx-%.12s", sum);
  g_free(sum);
  free(woff);
  hb_blob_destroy(blob);
  hb_face_destroy(sub);
  return true;
}

bool jx_webfonts_make(JxWebFonts *w, GError **error) {
  for (guint i = 0; i < w->faces->len; i++) {
    Face *f = g_ptr_array_index(w->faces, i);
    if (!f->base64 && !make_face(f, error))
      return false;
  }
  return true;
}

const char *jx_webfonts_family(const JxWebFonts *w, guint n) {
  return n < w->faces->len ? ((Face *)g_ptr_array_index(w->faces, n))->family : "serif";
}

void jx_webfonts_css(const JxWebFonts *w, GString *out) {
  for (guint i = 0; i < w->faces->len; i++) {
    const Face *f = g_ptr_array_index(w->faces, i);
    if (!f->base64)
      continue;
    g_string_append_printf(out, "@font-face{font-family:\"%s\";src:url(data:font/%s;base64,",
                           f->family, strcmp(f->format, "woff2") == 0 ? "woff2" : "otf");
    g_string_append(out, f->base64);
    g_string_append_printf(out, ") format(\"%s\")}\n", f->format);
  }
}
