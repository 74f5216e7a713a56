/* render_haru.c - the display list drawn through libharu. */
#include "render/render_haru.h"

#include "render/glyphs.h"
#include "render/haru_mend.h"
#include "render/interrupt.h"
#include "render/sign.h"

#include <errno.h>
#include <fcntl.h>
#include <glib/gstdio.h>
#include <hb-subset.h>
#include <hb-ot.h>
#include <hb.h>
#include <hpdf.h>
#include <math.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

GQuark jx_haru_error_quark(void) {
  return g_quark_from_static_string("jx-haru");
}

/* A face the document uses: its file, the characters set in it, and what
 * libharu made of its subset. */
typedef struct {
  char *file;
  int index;
  GHashTable *chars; /* GUINT_TO_POINTER(gunichar) set */
  HPDF_Font font;
} Face;

/* The page being drawn and the text state set on it. */
typedef struct {
  HPDF_Page page;
  double height;
  HPDF_Font font; /* the font and size set last */
  double size;
} Pen;

typedef struct {
  HPDF_Doc pdf;
  HPDF_STATUS error, detail; /* libharu's first error */
  GHashTable *faces;         /* file -> Face * */
  char *dir;                 /* the subsets' temporary folder */
  guint page;                /* the index of the page being read */
  Pen pen;
} Haru;

static void on_error(HPDF_STATUS error, HPDF_STATUS detail, void *data) {
  Haru *h = data;
  if (!h->error) {
    h->error = error;
    h->detail = detail;
  }
}

static void face_free(Face *f) {
  g_free(f->file);
  g_hash_table_destroy(f->chars);
  g_free(f);
}

/* ---- the glyphs of a line ---- */

/* Calls fn for each cluster of op's line on page; false (with *error) at a
 * character no face has. */
static bool each_cluster(Haru *h, guint page, const JxOp *op, JxClusterFn fn, GError **error) {
  h->page = page;
  return jx_line_clusters(op, fn, h, error);
}

/* A character no face has, named with its line. */
static bool unknown(guint page, const JxOp *op, const JxCluster *c, GError **error) {
  char *where = jx_line_excerpt(op);
  g_set_error(error, JX_HARU_ERROR, JX_HARU_GLYPH,
              "PDF page %u: no TrueType face has '%.*s' (U+%04X), in the line \"%s\"; "
              "add a face that has it to the template's truetype families",
              page + 1, (int)(g_utf8_next_char(c->text) - c->text), c->text,
              g_utf8_get_char(c->text), where);
  g_free(where);
  return false;
}

/* Pass 1: notes each character under its face; refuses a face libharu
 * cannot embed. */
static bool collect(void *data, const JxOp *op, const JxCluster *c, GError **error) {
  Haru *h = data;
  if (c->unknown)
    return unknown(h->page, op, c, error);
  if (!c->truetype || !c->file) {
    char *where = jx_line_excerpt(op);
    g_set_error(
        error, JX_HARU_ERROR, JX_HARU_GLYPH,
        "PDF page %u: '%.*s' (U+%04X) in the line \"%s\" is set in %s, which is not TrueType; "
        "libharu embeds TrueType faces only: name TrueType faces that have it in the "
        "template's truetype families",
        h->page + 1, (int)(g_utf8_next_char(c->text) - c->text), c->text, g_utf8_get_char(c->text),
        where, c->file ? c->file : "an unknown face");
    g_free(where);
    return false;
  }
  Face *f = g_hash_table_lookup(h->faces, c->file);
  if (!f) {
    f = g_new0(Face, 1);
    f->file = g_strdup(c->file);
    f->index = c->index;
    f->chars = g_hash_table_new(g_direct_hash, g_direct_equal);
    g_hash_table_insert(h->faces, f->file, f);
  }
  for (const char *p = c->text; p < c->text + c->len; p = g_utf8_next_char(p))
    g_hash_table_add(f->chars, GUINT_TO_POINTER(g_utf8_get_char(p)));
  return true;
}

/* Pass 2: each face subset to its characters (cmap kept) with HarfBuzz,
 * written to the temporary folder and loaded: libharu would otherwise
 * embed every table but the outlines whole.  This subsets f and hands it to
 * libharu as the n-th face. */
static bool load_face(Haru *h, Face *f, guint n, GError **error) {
  hb_blob_t *blob = hb_blob_create_from_file_or_fail(f->file);
  if (!blob) {
    g_set_error(error, G_FILE_ERROR, G_FILE_ERROR_IO, "cannot read the face %s", f->file);
    return false;
  }
  hb_face_t *face = hb_face_create(blob, (unsigned)f->index);
  hb_subset_input_t *in = hb_subset_input_create_or_fail();
  hb_set_t *unicodes = hb_subset_input_unicode_set(in);
  GHashTableIter ci;
  gpointer ch;
  g_hash_table_iter_init(&ci, f->chars);
  while (g_hash_table_iter_next(&ci, &ch, NULL))
    hb_set_add(unicodes, GPOINTER_TO_UINT(ch));
  /* libharu reads the glyphs by the cmap, and needs no hints */
  hb_subset_input_set_flags(in, HB_SUBSET_FLAGS_NO_HINTING);
  hb_face_t *sub = hb_subset_or_fail(face, in);
  bool ok = sub != NULL;
  if (ok) {
    hb_blob_t *out = hb_face_reference_blob(sub);
    unsigned len = 0;
    const char *data = hb_blob_get_data(out, &len);
    char *path = g_strdup_printf("%s/face%u.ttf", h->dir, n);
    ok = g_file_set_contents(path, data, len, NULL);
    hb_blob_destroy(out);
    const char *name = ok ? HPDF_LoadTTFontFromFile(h->pdf, path, HPDF_TRUE) : NULL;
    f->font = name ? HPDF_GetFont(h->pdf, name, "UTF-8") : NULL;
    ok = f->font != NULL;
    if (ok) {
      /* the height of the capitals from the whole face: libharu measures
       * its H, which a subset without one lacks */
      hb_font_t *font = hb_font_create(face);
      hb_position_t cap = 0;
      unsigned upem = hb_face_get_upem(face);
      if (!hb_ot_metrics_get_position(font, HB_OT_METRICS_TAG_CAP_HEIGHT, &cap) || !upem)
        cap = 0;
      hb_font_destroy(font);
      jx_haru_mend_font(f->font, upem ? (int)((long)cap * 1000 / (long)upem) : 0);
    }
    g_free(path);
    hb_face_destroy(sub);
  }
  hb_subset_input_destroy(in);
  hb_face_destroy(face);
  hb_blob_destroy(blob);
  if (!ok)
    g_set_error(error, JX_HARU_ERROR, JX_HARU_FAILED, "libharu cannot embed %s (error 0x%04X, %u)",
                f->file, (unsigned)h->error, (unsigned)h->detail);
  return ok;
}

/* Faces in the order they are loaded: by file name, then index — not by
 * where the files are, so that the PDF's bytes do not depend on the folder
 * jixiao is installed in. */
static gint face_order(gconstpointer a, gconstpointer b) {
  const Face *x = *(Face *const *)a, *y = *(Face *const *)b;
  char *bx = g_path_get_basename(x->file), *by = g_path_get_basename(y->file);
  int c = strcmp(bx, by);
  g_free(bx);
  g_free(by);
  return c ? c : (x->index > y->index) - (x->index < y->index);
}

static bool load_faces(Haru *h, GError **error) {
  GPtrArray *faces = g_ptr_array_new();
  GHashTableIter it;
  gpointer value;
  g_hash_table_iter_init(&it, h->faces);
  while (g_hash_table_iter_next(&it, NULL, &value))
    g_ptr_array_add(faces, value);
  g_ptr_array_sort(faces, face_order);
  bool ok = true;
  for (guint n = 0; ok && n < faces->len; n++) {
    Face *f = g_ptr_array_index(faces, n);
    ok = load_face(h, f, n, error);
  }
  g_ptr_array_free(faces, TRUE);
  return ok;
}

/* ---- drawing ---- */

static void rgb(guint32 c, HPDF_REAL *r, HPDF_REAL *g, HPDF_REAL *b) {
  *r = (HPDF_REAL)((c >> 16) & 0xFF) / 255;
  *g = (HPDF_REAL)((c >> 8) & 0xFF) / 255;
  *b = (HPDF_REAL)(c & 0xFF) / 255;
}

/* Pass 3: draws a cluster where Pango put it. */
static bool draw_cluster(void *data, const JxOp *op, const JxCluster *c, GError **error) {
  Haru *h = data;
  if (c->unknown)
    return unknown(h->page, op, c, error);
  Pen *pen = &h->pen;
  Face *f = g_hash_table_lookup(h->faces, c->file);
  if (pen->font != f->font || pen->size != c->size) {
    HPDF_Page_SetFontAndSize(pen->page, f->font, (HPDF_REAL)c->size);
    pen->font = f->font;
    pen->size = c->size;
  }
  /* a face of one weight asked for bold: its outlines stroked too */
  if (c->embolden) {
    HPDF_Page_SetTextRenderingMode(pen->page, HPDF_FILL_THEN_STROKE);
    HPDF_Page_SetLineWidth(pen->page, (HPDF_REAL)(c->size / 24));
  }
  char *chars = g_strndup(c->text, (gsize)c->len);
  HPDF_Page_TextOut(pen->page, (HPDF_REAL)c->x, (HPDF_REAL)(pen->height - c->y), chars);
  g_free(chars);
  if (c->embolden)
    HPDF_Page_SetTextRenderingMode(pen->page, HPDF_FILL);
  if (h->error)
    g_set_error(error, JX_HARU_ERROR, JX_HARU_FAILED, "libharu error 0x%04X drawing text",
                (unsigned)h->error);
  return h->error == 0;
}

/* Draws page i's fills, then its rules, discs and text, as render.c does. */
static bool draw_page(Haru *h, const JxLayout *l, guint i, GError **error) {
  const JxPage *page = g_ptr_array_index(l->pages, i);
  const JxStyle *st = l->style;
  HPDF_Page p = h->pen.page;
  double H = st->page_height;
  HPDF_REAL r, g, b;
  for (guint k = 0; k < page->ops->len; k++) {
    const JxOp *op = &g_array_index(page->ops, JxOp, k);
    if (op->kind != JX_OP_FILL)
      continue;
    rgb(op->color, &r, &g, &b);
    HPDF_Page_SetRGBFill(p, r, g, b);
    HPDF_Page_Rectangle(p, (HPDF_REAL)op->x, (HPDF_REAL)(H - op->y - op->h), (HPDF_REAL)op->w,
                        (HPDF_REAL)op->h);
    HPDF_Page_Fill(p);
  }
  for (guint k = 0; k < page->ops->len; k++) {
    const JxOp *op = &g_array_index(page->ops, JxOp, k);
    rgb(op->color, &r, &g, &b);
    if (op->kind == JX_OP_RULE) {
      HPDF_Page_SetRGBStroke(p, r, g, b);
      HPDF_Page_SetLineWidth(p, (HPDF_REAL)(op->stroke > 0 ? op->stroke : st->rule_width));
      HPDF_Page_MoveTo(p, (HPDF_REAL)op->x, (HPDF_REAL)(H - op->y));
      HPDF_Page_LineTo(p, (HPDF_REAL)(op->x + op->w), (HPDF_REAL)(H - op->y - op->h));
      HPDF_Page_Stroke(p);
    } else if (op->kind == JX_OP_DOT) {
      HPDF_Page_SetRGBFill(p, r, g, b);
      HPDF_Page_Circle(p, (HPDF_REAL)op->x, (HPDF_REAL)(H - op->y), (HPDF_REAL)op->w);
      HPDF_Page_Fill(p);
    } else if (op->kind == JX_OP_TEXT) {
      HPDF_Page_SetRGBFill(p, r, g, b);
      HPDF_Page_SetRGBStroke(p, r, g, b);
      HPDF_Page_BeginText(p);
      h->pen.font = NULL;
      bool ok = each_cluster(h, i, op, draw_cluster, error);
      HPDF_Page_EndText(p);
      if (!ok)
        return false;
    }
  }
  return h->error == 0;
}

/* The links of 目录, once every page exists. */
static void add_links(const JxLayout *l, HPDF_Page *pages) {
  double H = l->style->page_height;
  for (guint i = 0; i < l->pages->len; i++) {
    const JxPage *page = g_ptr_array_index(l->pages, i);
    for (guint k = 0; k < page->ops->len; k++) {
      const JxOp *op = &g_array_index(page->ops, JxOp, k);
      if (op->kind != JX_OP_LINK || op->dest_page >= l->pages->len)
        continue;
      HPDF_Destination dst = HPDF_Page_CreateDestination(pages[op->dest_page]);
      HPDF_Destination_SetFitH(dst, (HPDF_REAL)(H - op->dest_y));
      HPDF_Rect rect = {(HPDF_REAL)op->x, (HPDF_REAL)(H - op->y - op->h),
                        (HPDF_REAL)(op->x + op->w), (HPDF_REAL)(H - op->y)};
      HPDF_Annotation a = HPDF_Page_CreateLinkAnnot(pages[i], rect, dst);
      HPDF_LinkAnnot_SetBorderStyle(a, 0, 0, 0);
      jx_haru_link(a, pages[op->dest_page], H - op->dest_y);
    }
  }
}

/* The outline: each mark under the nearest one above it of a lower level. */
static void add_outline(Haru *h, const JxLayout *l, HPDF_Page *pages) {
  HPDF_Outline parents[8] = {NULL};
  HPDF_Encoder utf8 = HPDF_GetEncoder(h->pdf, "UTF-8");
  double H = l->style->page_height;
  for (guint i = 0; i < l->marks->len; i++) {
    const JxMark *m = g_ptr_array_index(l->marks, i);
    int level = CLAMP(m->level, 1, 7);
    HPDF_Outline parent = NULL;
    for (int k = level - 1; k >= 1 && !parent; k--)
      parent = parents[k];
    HPDF_Outline o = HPDF_CreateOutline(h->pdf, parent, m->title, utf8);
    jx_haru_outline_dest(o, pages[m->page], H - m->y);
    parents[level] = o;
    for (int k = level + 1; k < 8; k++)
      parents[k] = NULL;
  }
}

/* An ISO 8601 date as libharu takes it: 'Z' makes it write nothing, so UTC
 * is '+' 00'00. */
static bool parse_date(const char *iso, HPDF_Date *d) {
  memset(d, 0, sizeof *d);
  if (!iso || sscanf(iso, "%d-%d-%dT%d:%d:%d", &d->year, &d->month, &d->day, &d->hour, &d->minutes,
                     &d->seconds) != 6)
    return false;
  d->ind = '+';
  return true;
}

/* libharu takes text fields as bytes of its current encoder; with UTF-8
 * set it writes them as UTF-16 text strings. */
static void set_info(Haru *h, const JxMeta *meta) {
  HPDF_SetCurrentEncoder(h->pdf, "UTF-8");
  if (meta->title)
    HPDF_SetInfoAttr(h->pdf, HPDF_INFO_TITLE, meta->title);
  if (meta->author)
    HPDF_SetInfoAttr(h->pdf, HPDF_INFO_AUTHOR, meta->author);
  if (meta->subject)
    HPDF_SetInfoAttr(h->pdf, HPDF_INFO_SUBJECT, meta->subject);
  if (meta->keywords)
    HPDF_SetInfoAttr(h->pdf, HPDF_INFO_KEYWORDS, meta->keywords);
  if (meta->creator)
    HPDF_SetInfoAttr(h->pdf, HPDF_INFO_CREATOR, meta->creator);
  HPDF_SetInfoAttr(h->pdf, HPDF_INFO_PRODUCER, "jixiao (libharu)");
  HPDF_Date d;
  if (parse_date(meta->date, &d)) {
    HPDF_SetInfoDateAttr(h->pdf, HPDF_INFO_CREATION_DATE, d);
    HPDF_SetInfoDateAttr(h->pdf, HPDF_INFO_MOD_DATE, d);
  }
}

/* libharu's order of names (HPDF_String_Cmp): shorter first, then bytes. */
static gint by_name(gconstpointer a, gconstpointer b) {
  const char *x = *(char *const *)a, *y = *(char *const *)b;
  size_t lx = strlen(x), ly = strlen(y);
  return lx != ly ? (lx < ly ? -1 : 1) : strcmp(x, y);
}

/* Embeds files under their own names.  libharu names an attachment by the
 * path it is given and keeps its name tree sorted by inserting, which
 * 2.3.0 gets wrong (references go missing); so each file is copied under
 * its name (numbered when two share one) into the temporary folder and
 * attached from there in libharu's own order, so that every insertion
 * appends. */
static bool attach(Haru *h, const GPtrArray *files, GError **error) {
  char *att = g_build_filename(h->dir, "attach", NULL);
  g_mkdir(att, 0700);
  GPtrArray *names = g_ptr_array_new_with_free_func(g_free);
  bool ok = true;
  for (guint i = 0; ok && i < files->len; i++) {
    const char *src = g_ptr_array_index(files, i);
    char *base = g_path_get_basename(src), *name = g_strdup(base);
    for (int n = 2;; n++) {
      char *path = g_build_filename(att, name, NULL);
      bool taken = g_file_test(path, G_FILE_TEST_EXISTS);
      g_free(path);
      if (!taken)
        break;
      g_free(name);
      name = g_strdup_printf("%d-%s", n, base);
    }
    char *data = NULL, *dst = g_build_filename(att, name, NULL);
    gsize len = 0;
    ok = g_file_get_contents(src, &data, &len, NULL) &&
         g_file_set_contents(dst, data, (gssize)len, NULL);
    if (!ok)
      g_set_error(error, G_FILE_ERROR, G_FILE_ERROR_IO, "cannot attach %s", src);
    g_ptr_array_add(names, name);
    g_free(data);
    g_free(dst);
    g_free(base);
  }
  g_ptr_array_sort(names, by_name);
  char *cwd = g_get_current_dir();
  ok = ok && chdir(att) == 0;
  for (guint i = 0; ok && i < names->len; i++)
    if (!HPDF_AttachFile(h->pdf, g_ptr_array_index(names, i))) {
      g_set_error(error, G_FILE_ERROR, G_FILE_ERROR_IO, "libharu cannot attach %s",
                  (char *)g_ptr_array_index(names, i));
      ok = false;
    }
  if (chdir(cwd) != 0 && ok) {
    g_set_error(error, G_FILE_ERROR, G_FILE_ERROR_IO, "cannot return to %s", cwd);
    ok = false;
  }
  g_free(cwd);
  g_ptr_array_free(names, TRUE);
  g_free(att);
  return ok;
}

bool jx_haru_permissions(const char *list, unsigned *out) {
  *out = 0;
  gchar **each = g_strsplit(list, ",", -1);
  bool ok = true;
  for (int i = 0; each[i] && ok; i++) {
    const char *w = g_strstrip(each[i]);
    if (strcmp(w, "print") == 0)
      *out |= HPDF_ENABLE_PRINT;
    else if (strcmp(w, "copy") == 0)
      *out |= HPDF_ENABLE_COPY;
    else if (strcmp(w, "edit") == 0)
      *out |= HPDF_ENABLE_EDIT_ALL;
    else if (strcmp(w, "annotate") == 0)
      *out |= HPDF_ENABLE_EDIT;
    else if (*w)
      ok = false;
  }
  g_strfreev(each);
  return ok;
}

/* Writes the file: under a temporary name beside path, synced, renamed. */
static bool save(Haru *h, const char *path, bool fixed_id, const JxSigner *signer, GError **error) {
  bool signed_failed = false;
  char *dir = g_path_get_dirname(path), *base = g_path_get_basename(path);
  char *tmp = g_strdup_printf("%s/.%s.XXXXXX", dir, base);
  g_free(dir);
  g_free(base);
  int held = -1;
  int fd = jx_interrupt_mkstemp(tmp, &held);
  bool ok = fd >= 0;
  if (ok) {
    mode_t mask = umask(0);
    umask(mask);
    fchmod(fd, 0666 & ~mask);
    close(fd);
    ok = HPDF_SaveToFile(h->pdf, tmp) == HPDF_OK && h->error == 0;
    if (ok)
      ok = jx_haru_repair(tmp, fixed_id);
    /* signed before it is renamed into place (the /ID made first) */
    if (ok && signer && !jx_sign_pdf(signer, tmp, error)) {
      ok = false;
      signed_failed = true;
    }
    if (ok) {
      /* libharu closes its file without syncing it */
      int sfd = open(tmp, O_RDONLY);
      ok = sfd >= 0 && fsync(sfd) == 0;
      if (sfd >= 0)
        close(sfd);
    }
    ok = ok && g_rename(tmp, path) == 0;
    if (!ok)
      g_remove(tmp);
  }
  jx_interrupt_release(held);
  if (!ok && !signed_failed)
    g_set_error(error, G_FILE_ERROR, G_FILE_ERROR_IO, "cannot write %s: %s", path,
                h->error ? "libharu could not save it" : g_strerror(errno ? errno : EIO));
  g_free(tmp);
  return ok;
}

/* Removes a folder of files. */
static void remove_folder(const char *dir) {
  GDir *d = g_dir_open(dir, 0, NULL);
  for (const char *f; d && (f = g_dir_read_name(d));) {
    char *p = g_build_filename(dir, f, NULL);
    g_remove(p);
    g_free(p);
  }
  if (d)
    g_dir_close(d);
  g_rmdir(dir);
}

bool jx_render_haru(const JxLayout *l, const JxMeta *meta, const JxHaruOptions *o, const char *path,
                    GError **error) {
  if (o->owner_password && o->user_password && *o->user_password &&
      strcmp(o->owner_password, o->user_password) == 0) {
    /* libharu would save such a file unencrypted, silently */
    g_set_error(error, JX_HARU_ERROR, JX_HARU_FAILED, "the owner and user passwords must differ");
    return false;
  }
  Haru h = {0};
  h.faces = g_hash_table_new_full(g_str_hash, g_str_equal, NULL, (GDestroyNotify)face_free);
  h.dir = g_dir_make_tmp("jixiao-haru-XXXXXX", NULL);
  int held = h.dir ? jx_interrupt_hold(h.dir, true) : -1;
  h.pdf = HPDF_New(on_error, &h);
  bool ok = h.pdf && h.dir;
  if (!ok)
    g_set_error(error, JX_HARU_ERROR, JX_HARU_FAILED, "libharu cannot start");
  if (ok) {
    HPDF_UseUTFEncodings(h.pdf);
    HPDF_SetCompressionMode(h.pdf, HPDF_COMP_ALL);
  }
  /* the faces and characters first: each face is embedded as a subset */
  for (guint i = 0; ok && i < l->pages->len; i++) {
    const JxPage *page = g_ptr_array_index(l->pages, i);
    for (guint k = 0; ok && k < page->ops->len; k++) {
      const JxOp *op = &g_array_index(page->ops, JxOp, k);
      h.page = i;
      if (op->kind == JX_OP_TEXT)
        ok = each_cluster(&h, i, op, collect, error);
    }
  }
  ok = ok && load_faces(&h, error);
  HPDF_Page *pages = g_new0(HPDF_Page, l->pages->len);
  for (guint i = 0; ok && i < l->pages->len; i++) {
    pages[i] = HPDF_AddPage(h.pdf);
    HPDF_Page_SetWidth(pages[i], (HPDF_REAL)l->style->page_width);
    HPDF_Page_SetHeight(pages[i], (HPDF_REAL)l->style->page_height);
  }
  for (guint i = 0; ok && i < l->pages->len; i++) {
    h.pen = (Pen){pages[i], l->style->page_height, NULL, 0};
    ok = draw_page(&h, l, i, error);
  }
  if (ok) {
    add_links(l, pages);
    add_outline(&h, l, pages);
    /* page labels: the cover in lower-case roman (or none), then 1, 2 …
     * as printed */
    guint cover = 0;
    while (cover < l->pages->len && ((JxPage *)g_ptr_array_index(l->pages, cover))->number == 0)
      cover++;
    if (cover && l->style->cover_roman)
      HPDF_AddPageLabel(h.pdf, 0, HPDF_PAGE_NUM_STYLE_LOWER_ROMAN, 1, NULL);
    HPDF_AddPageLabel(h.pdf, cover, HPDF_PAGE_NUM_STYLE_DECIMAL, 1, NULL);
    if (o->attachments && o->attachments->len)
      ok = attach(&h, o->attachments, error);
  }
  if (ok && o->owner_password) {
    HPDF_SetPassword(h.pdf, o->owner_password, o->user_password ? o->user_password : "");
    HPDF_SetPermission(h.pdf, o->permissions);
    HPDF_SetEncryptionMode(h.pdf, HPDF_ENCRYPT_R3, 16);
  }
  if (ok) {
    set_info(&h, meta);
    if (o->pdfa) {
      HPDF_OutputIntent icc = HPDF_LoadIccProfileFromFile(h.pdf, o->icc_profile, 3);
      if (!icc) {
        g_set_error(error, G_FILE_ERROR, G_FILE_ERROR_NOENT,
                    "cannot load the sRGB profile %s for PDF/A", o->icc_profile);
        ok = false;
      } else {
        HPDF_PDFA_AppendOutputIntents(h.pdf, "sRGB IEC61966-2.1", icc);
        /* last: it writes the XMP only when an Info field is set */
        HPDF_PDFA_SetPDFAConformance(h.pdf, HPDF_PDFA_1B);
      }
    }
    ok = ok && h.error == 0;
    if (!ok && error && !*error)
      g_set_error(error, JX_HARU_ERROR, JX_HARU_FAILED, "libharu error 0x%04X (%u)",
                  (unsigned)h.error, (unsigned)h.detail);
  }
  ok = ok && save(&h, path, !o->owner_password, meta->signer, error);
  g_free(pages);
  if (h.pdf)
    HPDF_Free(h.pdf);
  g_hash_table_destroy(h.faces);
  if (h.dir) {
    char *att = g_build_filename(h.dir, "attach", NULL);
    remove_folder(att);
    remove_folder(h.dir);
    g_free(att);
    g_free(h.dir);
    jx_interrupt_release(held);
  }
  return ok;
}
