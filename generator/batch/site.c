/* site.c - the static site of the tree (-f html): OUT/index.html, which
 * lists every document the tree's state records, period by period, with
 * its department's score and grade and links to its page and PDF, and
 * OUT/jixiao.css, the one stylesheet of every page.  Planned as a job after
 * all others (the district summary's too) and made by the run itself from
 * the state, so that documents of other runs into the tree (another
 * template, another shard) are on it as well. */
#include "batch/jobs.h"

#include "assess/scorecard.h"
#include "model/text.h"
#include "read/table.h"
#include "render/html.h"
#include "render/render.h"
#include "render/svg.h"

#include <glib/gstdio.h>
#include <stdlib.h>
#include <sysexits.h>

void batch_plan_site(const JxBatch *b, GArray *jobs, const char *common) {
  Job s = {0};
  s.site = true;
  s.period = g_strdup("");
  s.dir = g_strdup(b->out_dir);
  s.prefix = g_build_filename(b->out_dir, "index", NULL);
  GChecksum *c = g_checksum_new(G_CHECKSUM_SHA256);
  g_checksum_update(c, (const guchar *)common, -1);
  g_checksum_update(c, (const guchar *)"site", -1);
  batch_made_of(jobs, &s, c);
  g_array_append_val(jobs, s);
}

/* A document of the tree as the index lists it. */
typedef struct {
  char *department, *period, *title, *status, *tmpl;
  char *page, *pdf; /* relative to the root, or NULL */
  JxScorecard *card;
  bool summary;
} Entry;

static void entry_free(Entry *e) {
  g_free(e->department);
  g_free(e->period);
  g_free(e->title);
  g_free(e->status);
  g_free(e->tmpl);
  g_free(e->page);
  g_free(e->pdf);
  jx_scorecard_free(e->card);
  g_free(e);
}

/* Periods latest first; in one, the summary first, then departments in
 * the order of their names, then the title. */
static gint entry_order(gconstpointer a, gconstpointer b) {
  const Entry *x = *(Entry *const *)a, *y = *(Entry *const *)b;
  int c = jx_period_compare(y->period, x->period);
  if (c)
    return c;
  if (x->summary != y->summary)
    return x->summary ? -1 : 1;
  c = strcmp(x->department, y->department);
  return c ? c : strcmp(x->tmpl, y->tmpl);
}

/* The path of a file of the tree from its root, or NULL when it is not in it. */
static char *in_tree(const JxBatch *b, const char *path) {
  size_t n = strlen(b->out_dir);
  return strncmp(path, b->out_dir, n) == 0 && path[n] == '/' ? g_strdup(path + n + 1) : NULL;
}

/* Every document of the state but the site itself (its template "site"). */
static GPtrArray *entries(const JxBatch *b, GKeyFile *state) {
  GPtrArray *list = g_ptr_array_new_with_free_func((GDestroyNotify)entry_free);
  gchar **groups = g_key_file_get_groups(state, NULL);
  for (int i = 0; groups[i]; i++) {
    const char *g = groups[i];
    if (!g_str_has_prefix(g, "doc "))
      continue;
    char *tname = g_key_file_get_string(state, g, "template", NULL);
    if (!tname || strcmp(tname, "site") == 0) {
      g_free(tname);
      continue;
    }
    Entry *e = g_new0(Entry, 1);
    e->tmpl = tname;
    e->department = g_key_file_get_string(state, g, "department", NULL);
    e->period = g_key_file_get_string(state, g, "period", NULL);
    e->title = g_key_file_get_string(state, g, "title", NULL);
    e->status = g_key_file_get_string(state, g, "status", NULL);
    e->summary = g_key_file_get_boolean(state, g, "summary", NULL);
    char *scores = g_key_file_get_string(state, g, "scores", NULL);
    e->card = scores ? jx_scorecard_from_text(scores, NULL) : NULL;
    g_free(scores);
    gchar **files = g_key_file_get_string_list(state, g, "files", NULL, NULL);
    for (int k = 0; files && files[k]; k++) {
      char *path = g_strndup(files[k], strcspn(files[k], "\t"));
      if (!e->page && g_str_has_suffix(path, ".html"))
        e->page = in_tree(b, path);
      else if (!e->pdf && g_str_has_suffix(path, ".pdf"))
        e->pdf = in_tree(b, path);
      g_free(path);
    }
    g_strfreev(files);
    if (!e->department)
      e->department = g_strdup("");
    if (!e->period)
      e->period = g_strdup("");
    if (!e->title)
      e->title = g_strdup(e->department);
    g_ptr_array_add(list, e);
  }
  g_strfreev(groups);
  g_ptr_array_sort(list, entry_order);
  return list;
}

static void link(GString *out, const char *href, const char *label) {
  if (!href) {
    g_string_append(out, "—");
    return;
  }
  g_string_append(out, "<a href=\"");
  jx_html_href(out, href);
  g_string_append(out, "\">");
  jx_xml_escape(out, label, -1);
  g_string_append(out, "</a>");
}

/* What a template makes, as the index names it: the shipped ones in
 * words, another by its file's name. */
static const char *kind_of(const char *tmpl) {
  static const char *const names[][2] = {{"annual", "自评报告"},
                                         {"monthly", "监控月报"},
                                         {"targets", "目标表"},
                                         {"official", "公文"},
                                         {"summary", "汇总报告"}};
  for (guint i = 0; i < G_N_ELEMENTS(names); i++)
    if (strcmp(tmpl, names[i][0]) == 0)
      return names[i][1];
  return tmpl;
}

static void row(GString *out, const Entry *e) {
  g_string_append(out, "<tr>\n<th scope=\"row\">");
  jx_xml_escape(out, e->summary ? "汇总（各部门）" : e->department, -1);
  g_string_append(out, "</th>\n<td>");
  if (e->page)
    link(out, e->page, e->title);
  else
    jx_xml_escape(out, e->title, -1);
  /* an annual report and its 公文 share a title */
  g_string_append(out, " <span class=\"kind\">");
  jx_xml_escape(out, kind_of(e->tmpl), -1);
  g_string_append(out, "</span>");
  if (e->status && strcmp(e->status, "failed") == 0)
    g_string_append(out, "（未能生成）");
  g_string_append(out, "</td>\n<td class=\"n\">");
  const JxScorecard *c = e->card;
  if (c && c->assessed && !e->summary) {
    char buf[G_ASCII_DTOSTR_BUF_SIZE];
    g_string_append(out, g_ascii_formatd(buf, sizeof buf, "%.2f", c->score));
    g_string_append(out, "</td>\n<td>");
    jx_xml_escape(out, c->grade ? c->grade : "", -1);
  } else {
    g_string_append(out, "—</td>\n<td>—");
  }
  g_string_append(out, "</td>\n<td>");
  link(out, e->pdf, "PDF");
  g_string_append(out, "</td>\n</tr>\n");
}

static char *index_page(const JxBatch *b, GKeyFile *state) {
  GPtrArray *list = entries(b, state);
  GString *out = g_string_new(NULL);
  jx_html_begin(out, "预算绩效报告", "jixiao.css", NULL, NULL, NULL);
  g_string_append(out, "<h1>预算绩效报告</h1>\n");
  if (!list->len)
    g_string_append(out, "<p>尚无报告。</p>\n");
  for (guint i = 0; i < list->len; i++) {
    const Entry *e = g_ptr_array_index(list, i);
    bool first =
        i == 0 || strcmp(e->period, ((Entry *)g_ptr_array_index(list, i - 1))->period) != 0;
    if (first) {
      if (i)
        g_string_append(out, "</tbody>\n</table></div>\n");
      const char *p = *e->period && strcmp(e->period, "未填期间") != 0 ? e->period : "未填期间";
      g_string_append(out, "<h2>");
      jx_xml_escape(out, p, -1);
      /* the caption says it again for a screen reader's list of tables */
      g_string_append(out, "</h2>\n<div class=\"table\"><table class=\"index\">\n"
                           "<caption class=\"sr\">");
      jx_xml_escape(out, p, -1);
      g_string_append(out, " 各部门报告</caption>\n<thead>\n<tr><th scope=\"col\">部门</th>"
                           "<th scope=\"col\">报告</th><th scope=\"col\">得分</th>"
                           "<th scope=\"col\">等级</th><th scope=\"col\">下载</th></tr>\n"
                           "</thead>\n<tbody>\n");
    }
    row(out, e);
  }
  if (list->len)
    g_string_append(out, "</tbody>\n</table></div>\n");
  jx_html_end(out);
  g_ptr_array_free(list, TRUE);
  return g_string_free(out, FALSE);
}

/* Writes one of the site's files into r. */
static bool put(Result *r, const char *path, const char *text) {
  GError *err = NULL;
  if (!jx_render_write_file(path, text, strlen(text), &err)) {
    g_ptr_array_add(r->notes, g_strdup_printf("jixiao: the site: %s", err->message));
    r->rc = EX_CANTCREAT;
    g_error_free(err);
    return false;
  }
  char *sum = batch_file_sha256(path);
  g_ptr_array_add(r->files, g_strdup_printf("%s\t%s\t1", path, sum ? sum : ""));
  g_free(sum);
  return true;
}

void batch_make_site(const JxBatch *b, GArray *jobs, Result *results, GKeyFile *state) {
  guint last = jobs->len - 1;
  const Job *s = &g_array_index(jobs, Job, last);
  Result *r = &results[last];
  char *index = index_page(b, state);
  char *path = g_strdup_printf("%s.html", s->prefix);
  char *css = g_build_filename(b->out_dir, "jixiao.css", NULL);
  if (put(r, path, index))
    put(r, css, jx_html_stylesheet());
  g_free(r->title);
  r->title = g_strdup("预算绩效报告");
  g_free(css);
  g_free(path);
  g_free(index);
}
