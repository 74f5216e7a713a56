/* Templates: every key the loader knows is documented in docs/templates.md; a
 * chain of extends= merges key by key; placeholders are filled. */
#include "report/template.h"
#include "model/text.h"

#include <glib/gstdio.h>

#include <math.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <string.h>

#include <cmocka.h>

static const char *const roles[] = {"title", "subtitle",  "heading1",   "heading2", "heading3",
                                    "body",  "table",     "table-head", "running",  "page-number",
                                    "form",  "form-head", "mark",       "record"};

/* docs/templates.md lists every group and key as `[group]` and `key`. */
static void readme_lists_every_key(void **state) {
  (void)state;
  char *readme = NULL;
  assert_true(g_file_get_contents(JX_SOURCE_DIR "/docs/templates.md", &readme, NULL, NULL));
  size_t n;
  const JxTemplateKey *keys = jx_template_known(&n);
  assert_true(n > 40);
  for (size_t i = 0; i < n; i++) {
    char *group = strcmp(keys[i].group, "font.*") == 0 ? g_strdup("`[font.ROLE]`")
                                                       : g_strdup_printf("`[%s]`", keys[i].group);
    if (!strstr(readme, group))
      fail_msg("docs/templates.md does not document %s", group);
    if (strcmp(keys[i].key, "*") != 0) {
      char *key = g_strdup_printf("`%s`", keys[i].key);
      if (!strstr(readme, key))
        fail_msg("docs/templates.md does not document %s in %s", key, group);
      g_free(key);
    }
    g_free(group);
  }
  for (size_t r = 0; r < G_N_ELEMENTS(roles); r++) {
    char *role = g_strdup_printf("`%s`", roles[r]);
    if (!strstr(readme, role))
      fail_msg("docs/templates.md does not name the font role %s", role);
    g_free(role);
  }
  g_free(readme);
}

/* A user template over a user template over annual: each key from the
 * nearest file that sets it; a data key set to nothing is gone. */
static void extends_chain(void **state) {
  (void)state;
  char *dir = g_dir_make_tmp("jixiao-tpl-XXXXXX", NULL);
  char *base = g_build_filename(dir, "base.ini", NULL),
       *top = g_build_filename(dir, "top.ini", NULL);
  assert_true(g_file_set_contents(base,
                                  "[template]\nextends=annual\n[page]\nmargin-left=30\n"
                                  "margin-right=30\n[weights]\n产出指标=40\n",
                                  -1, NULL));
  assert_true(g_file_set_contents(
      top, "[template]\nextends=base.ini\n[page]\nmargin-right=20\n[grades]\n差=\n", -1, NULL));
  GError *err = NULL;
  JxTemplate *t = jx_template_load(top, &err);
  if (!t)
    fail_msg("%s", err->message);
  /* margins: left 30 from base, right 20 from top: 210 − 50 = 160 mm */
  assert_true(fabs(t->style.width - JX_MM(160)) < 0.01);
  assert_true(fabs(t->style.left - JX_MM(30)) < 0.01);
  /* weights: 产出 40 from base, 效益 30 from defaults */
  assert_true(jx_assess_weight(t->rules, "产出指标") == 40);
  assert_true(jx_assess_weight(t->rules, "效益指标") == 30);
  /* grades: 差 removed by setting it to nothing */
  assert_int_equal(t->rules->grades->len, 3);
  /* sections from annual */
  assert_int_equal(t->n_parts, 5);
  assert_int_equal(t->parts[1], JX_PART_TOC);
  /* where each key came from */
  char *at = g_strdup_printf("%s:4", top);
  assert_string_equal(jx_template_where(t, "page", "margin-right"), at);
  g_free(at);
  jx_template_free(t);
  remove(base);
  remove(top);
  g_rmdir(dir);
  g_free(base);
  g_free(top);
  g_free(dir);
}

static void placeholders(void **state) {
  (void)state;
  const char *pairs[] = {"{部门}", "海珠区", "{年度}", "2024", NULL};
  char *s = jx_text_fill("{部门}{年度}年度{未知}报告{", pairs);
  assert_string_equal(s, "海珠区2024年度{未知}报告{");
  g_free(s);
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(readme_lists_every_key),
      cmocka_unit_test(extends_chain),
      cmocka_unit_test(placeholders),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
