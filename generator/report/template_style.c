/* template_style.c - a template's [page], [colors] and [font.*] keys as
 * the JxStyle the layout sets pages in (and its TrueType twin for the haru
 * engine). */
#include "report/template.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

static const char *const names[JX_ROLE_COUNT] = {
    [JX_ROLE_TITLE] = "title",       [JX_ROLE_SUBTITLE] = "subtitle",
    [JX_ROLE_HEADING1] = "heading1", [JX_ROLE_HEADING2] = "heading2",
    [JX_ROLE_HEADING3] = "heading3", [JX_ROLE_BODY] = "body",
    [JX_ROLE_TABLE] = "table",       [JX_ROLE_TABLE_HEAD] = "table-head",
    [JX_ROLE_RUNNING] = "running",   [JX_ROLE_PAGE_NUMBER] = "page-number",
    [JX_ROLE_FORM] = "form",         [JX_ROLE_FORM_HEAD] = "form-head",
    [JX_ROLE_MARK] = "mark",         [JX_ROLE_RECORD] = "record",
};

const char *jx_template_role_name(JxRole r) {
  return names[r];
}

static double num(const JxTemplate *t, const char *group, const char *key) {
  return g_ascii_strtod(jx_template_text(t, group, key), NULL);
}

static guint32 color(const JxTemplate *t, const char *key) {
  return (guint32)strtoul(jx_template_text(t, "colors", key) + 1, NULL, 16);
}

void jx_template_build_style(JxTemplate *t) {
  JxStyle *st = &t->style;
  *st = *jx_style_default();
  static const struct {
    const char *name;
    double w, h;
  } sizes[] = {{"A4", 210, 297}, {"A3", 297, 420}, {"A5", 148, 210}, {"B5", 176, 250}};
  const char *size = jx_template_text(t, "page", "size");
  double w = 210, h = 297;
  for (size_t i = 0; i < G_N_ELEMENTS(sizes); i++)
    if (strcmp(size, sizes[i].name) == 0)
      w = sizes[i].w, h = sizes[i].h;
  if (strcmp(jx_template_text(t, "page", "orientation"), "landscape") == 0) {
    double x = w;
    w = h;
    h = x;
  }
  double top = num(t, "page", "margin-top"), bottom = num(t, "page", "margin-bottom");
  double left = num(t, "page", "margin-left"), right = num(t, "page", "margin-right");
  st->page_width = JX_MM(w);
  st->page_height = JX_MM(h);
  st->left = JX_MM(left);
  st->top = JX_MM(top);
  st->width = JX_MM(fmax(w - left - right, 20));
  st->height = JX_MM(fmax(h - top - bottom, 20));
  st->number_gap = JX_MM(num(t, "page", "page-number-below"));
  st->number_inset = num(t, "page", "page-number-inset");
  static const char *const positions[] = {"outside", "inside", "center", "left", "right"};
  const char *pos = jx_template_text(t, "page", "page-number-position");
  for (int i = 0; i < 5; i++)
    if (strcmp(pos, positions[i]) == 0)
      st->number_position = (JxNumberPosition)i;
  st->page_number = jx_template_text(t, "page", "page-number");
  st->header = jx_template_text(t, "page", "header");
  st->footer = jx_template_text(t, "page", "footer");
  st->header_rule = strcmp(jx_template_text(t, "page", "header-rule"), "true") == 0;
  st->cover_roman = strcmp(jx_template_text(t, "page", "cover-label"), "roman") == 0;
  st->cjk_latin_space = num(t, "page", "cjk-latin-space");
  st->grid = strcmp(jx_template_text(t, "page", "punctuation"), "grid") == 0;
  st->met = color(t, "met");
  st->partly = color(t, "partly");
  st->unmet = color(t, "unmet");
  st->text = color(t, "text");
  st->rule = color(t, "rule");
  st->mark = color(t, "mark");
  const char *truetype[JX_ROLE_COUNT], *truetype_at[JX_ROLE_COUNT];
  for (int r = 0; r < JX_ROLE_COUNT; r++) {
    char *group = g_strconcat("font.", jx_template_role_name((JxRole)r), NULL);
    JxRoleStyle *rs = &st->roles[r];
    rs->families = jx_template_text(t, group, "family");
    truetype[r] = jx_template_text(t, group, "truetype");
    truetype_at[r] = jx_template_where(t, group, "truetype");
    rs->size = num(t, group, "size");
    rs->pitch = num(t, group, "pitch");
    rs->letter_spacing = num(t, group, "letter-spacing");
    rs->bold = strcmp(jx_template_text(t, group, "weight"), "bold") == 0;
    rs->where = jx_template_where(t, group, "family");
    g_free(group);
  }
  /* the haru engine lays out with the TrueType lists, all else the same */
  t->truetype = *st;
  for (int r = 0; r < JX_ROLE_COUNT; r++) {
    t->truetype.roles[r].families = truetype[r];
    t->truetype.roles[r].where = truetype_at[r];
  }
}
