/* document.c - one document's files in the tree: its PDF, SVG and PNG
 * pages, its charts, and with the site its web page beside them. */
#include "batch/jobs.h"

#include "layout/layout.h"
#include "render/docx.h"
#include "render/html.h"
#include "render/render.h"

#include <errno.h>
#include <glib/gstdio.h>
#include <sysexits.h>

/* The way from dir up to the tree's root: "../../" for OUT/2024/部门. */
char *batch_up_to_root(const JxBatch *b, const char *dir) {
  GString *up = g_string_new(NULL);
  size_t n = b->out_dir ? strlen(b->out_dir) : 0;
  if (n && strncmp(dir, b->out_dir, n) == 0 && dir[n] == '/') {
    gchar **parts = g_strsplit(dir + n + 1, "/", -1);
    for (int i = 0; parts[i]; i++)
      if (*parts[i])
        g_string_append(up, "../");
    g_strfreev(parts);
  }
  return g_string_free(up, FALSE);
}

/* The web page of doc at prefix.html, offering the PDF just written (its
 * digest and size as the file is). */
static bool write_page(const JxBatch *b, const Worker *w, const JxStyle *style, JxDocument *doc,
                       const char *dir, const char *prefix, const char *pdf, const char *where,
                       GPtrArray *written, GError **error) {
  char *up = batch_up_to_root(b, dir);
  char *css = g_strconcat(up, "jixiao.css", NULL), *home = g_strconcat(up, "index.html", NULL);
  JxDownload d = {0};
  char *base = pdf ? g_path_get_basename(pdf) : NULL, *sum = NULL;
  GStatBuf st;
  guint n = 0;
  if (pdf && g_stat(pdf, &st) == 0) {
    sum = batch_file_sha256(pdf);
    d = (JxDownload){base, base, sum, (gint64)st.st_size};
    n = 1;
  }
  JxHtmlOptions o = {css, home, where, &d, n};
  char *html = jx_html_document(doc, style, w->ctx, &o, error);
  char *path = g_strdup_printf("%s.html", prefix);
  bool ok = html && jx_render_write_file(path, html, strlen(html), error);
  if (ok)
    g_ptr_array_add(written, path);
  else
    g_free(path);
  g_free(html);
  g_free(sum);
  g_free(base);
  g_free(css);
  g_free(home);
  g_free(up);
  return ok;
}

void batch_write_document(const JxBatch *b, const Worker *w, const JxTemplate *t, JxDocument *doc,
                          const char *dir, const char *prefix, const char *name, const char *where,
                          Result *r) {
  GError *err = NULL;
  const JxStyle *style = b->haru ? &t->truetype : &t->style;
  if (g_mkdir_with_parents(dir, 0777) != 0) {
    g_ptr_array_add(r->notes, g_strdup_printf("jixiao: cannot create the folder %s: %s", dir,
                                              g_strerror(errno)));
    r->rc = EX_CANTCREAT;
    return;
  }
  JxLayout *l = jx_layout_document(doc, style, w->ctx);
  GPtrArray *written = g_ptr_array_new_with_free_func(g_free);
  JxMeta meta = {doc->title,           doc->author, doc->subject, doc->keywords,
                 "jixiao " JX_VERSION, w->iso,      w->signer};
  bool ok = true;
  guint pdf_pages = 0;
  char *pdf = NULL;
  if (b->pdf) {
    pdf = g_strdup_printf("%s.pdf", prefix);
    ok = b->haru ? jx_render_haru(l, &meta, b->haru_options, pdf, &err)
                 : jx_render_pdf(l, &meta, pdf, &err);
    g_ptr_array_add(written, g_strdup(pdf));
    pdf_pages = l->pages->len;
  }
  if (ok && b->svg)
    ok = jx_render_svg(l, prefix, b->outlines, written, &err);
  if (ok && b->png)
    ok = jx_render_png(l, prefix, b->dpi, written, &err);
  /* each chart as a file of its own, for web pages and word processors */
  JxFigureFormats ff = {b->svg, b->outlines, b->png, b->dpi};
  if (ok && (b->svg || b->png))
    ok = jx_render_figures(doc, &t->style, w->ctx, dir, &ff, written, &err);
  if (ok && b->docx) {
    char *path = g_strdup_printf("%s.docx", prefix);
    ok = jx_docx_write(doc, l, &t->style, w->ctx, &meta, JX_DOCX_DPI, path, &err);
    g_ptr_array_add(written, path);
  }
  /* last: the page offers the PDF as it is written (signed) */
  if (ok && b->html)
    ok = write_page(b, w, &t->style, doc, dir, prefix, pdf, where, written, &err);
  g_free(pdf);
  if (ok) {
    for (guint k = 0; k < written->len; k++) {
      const char *path = g_ptr_array_index(written, k);
      char *sum = batch_file_sha256(path);
      bool is_pdf = g_str_has_suffix(path, ".pdf");
      guint pages = is_pdf ? pdf_pages : 1;
      g_ptr_array_add(r->files,
                      g_strdup_printf("%s\t%s\t%u%s%s", path, sum ? sum : "", pages,
                                      is_pdf && w->signer ? "\t" : "",
                                      is_pdf && w->signer ? jx_signer_subject(w->signer) : ""));
      g_free(sum);
    }
    g_free(r->title);
    r->title = g_strdup(doc->title);
  } else {
    g_ptr_array_add(r->notes, g_strdup_printf("jixiao: %s: %s", name, err->message));
    /* a character the haru engine's faces lack is the data's problem */
    r->rc = g_error_matches(err, JX_HARU_ERROR, JX_HARU_GLYPH) ? EX_DATAERR : EX_CANTCREAT;
    g_clear_error(&err);
  }
  g_ptr_array_free(written, TRUE);
  jx_layout_free(l);
}
