/* textlayout.c - a text set as jixiao sets it: a PangoLayout with the
 * role's face, the Chinese rules of cjk.h (full-width punctuation, pairs
 * compressed, the gap between Chinese and Latin, breaks at quotation
 * marks) and, wrapped to a width, the composer's lines (compose.h). */
#include "layout/builder.h"

#include "layout/cjk.h"
#include "layout/compose.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#define GAP_BYTES 3 /* JX_CJK_GAP in UTF-8 */

static int by_offset(const void *a, const void *b) {
  guint x = *(const guint *)a, y = *(const guint *)b;
  return x < y ? -1 : x > y;
}

/* Sets text in l with its attributes: the role's letter spacing, no
 * hyphens, compressed punctuation, and the gaps at the byte offsets in gaps
 * (cjk.h), each a quarter of the role's em (or what the template says), an
 * empty box Pango neither shapes nor draws; and the marks at the byte
 * offsets in halts (or NULL) set half-width. */
static void set_text(Builder *b, PangoLayout *l, JxRole role, const char *text, const GArray *gaps,
                     const GArray *halts) {
  PangoAttrList *attrs = pango_attr_list_new();
  if (b->st->roles[role].letter_spacing != 0)
    pango_attr_list_insert(attrs, pango_attr_letter_spacing_new((int)lround(
                                      b->st->roles[role].letter_spacing * PANGO_SCALE)));
  /* a word broken across lines in a table cell is not hyphenated */
  pango_attr_list_insert(attrs, pango_attr_insert_hyphens_new(FALSE));
  jx_cjk_compress(text, attrs);
  /* a zero-width space spaced by the gap: half before it, half after */
  int gap = (int)lround(b->st->cjk_latin_space * b->st->roles[role].size * PANGO_SCALE);
  for (guint i = 0; i < gaps->len; i++) {
    /* a gap the composer takes in (halts, in order) is set at its narrowest */
    guint at = g_array_index(gaps, guint, i);
    bool least =
        halts && halts->len && bsearch(&at, halts->data, halts->len, sizeof(guint), by_offset);
    PangoAttribute *a = pango_attr_letter_spacing_new(
        least ? (int)lround(b->st->roles[role].size * PANGO_SCALE) / 8 : gap);
    a->start_index = g_array_index(gaps, guint, i);
    a->end_index = a->start_index + GAP_BYTES;
    pango_attr_list_insert(attrs, a);
  }
  for (guint i = 0; halts && i < halts->len; i++) {
    if (g_utf8_get_char(text + g_array_index(halts, guint, i)) == JX_CJK_GAP)
      continue;
    PangoAttribute *a = pango_attr_font_features_new("halt");
    a->start_index = g_array_index(halts, guint, i);
    a->end_index = (guint)(g_utf8_next_char(text + a->start_index) - text);
    pango_attr_list_insert(attrs, a);
  }
  pango_layout_set_attributes(l, attrs);
  pango_attr_list_unref(attrs);
  pango_layout_set_text(l, text, -1);
}

/* Takes the gaps at the byte offsets in edges (ascending) out of text and
 * gaps, moving the offsets after them. */
static void remove_gaps(char *text, GArray *gaps, const GArray *edges) {
  /* from the end, so that earlier offsets hold */
  for (guint e = edges->len; e-- > 0;) {
    guint at = g_array_index(edges, guint, e);
    memmove(text + at, text + at + GAP_BYTES, strlen(text + at + GAP_BYTES) + 1);
    for (guint i = gaps->len; i-- > 0;) {
      guint *g = &g_array_index(gaps, guint, i);
      if (*g == at)
        g_array_remove_index(gaps, i);
      else if (*g > at)
        *g -= GAP_BYTES;
    }
  }
}

/* Takes out of text (and gaps) the gaps that end or start a line of l: a
 * shaped box keeps its width where Pango would drop a space.  Whether there
 * were any. */
static bool drop_edge_gaps(PangoLayout *l, char *text, GArray *gaps) {
  if (!gaps->len || pango_layout_get_line_count(l) < 2)
    return false;
  GArray *edges = g_array_new(FALSE, FALSE, sizeof(guint));
  for (GSList *p = pango_layout_get_lines_readonly(l); p; p = p->next) {
    const PangoLayoutLine *line = p->data;
    guint ends[2] = {(guint)line->start_index, (guint)(line->start_index + line->length)};
    for (guint i = 0; i < gaps->len; i++) {
      guint at = g_array_index(gaps, guint, i);
      if (at == ends[0] || at + GAP_BYTES == ends[1])
        g_array_append_val(edges, at);
    }
  }
  bool any = edges->len > 0;
  remove_gaps(text, gaps, edges);
  g_array_free(edges, TRUE);
  return any;
}

/* Sets text in l on the lines the composer chose (compose.h): a line
 * separator (U+2028) where a line starts inside a paragraph, the gap that
 * would end the line before it taken out, and the marks in halts set
 * half-width.  *text and gaps become the new text's; false (and l, *text
 * and gaps as they were) when Pango does not break there after all. */
static bool set_composed(Builder *b, PangoLayout *l, JxRole role, char **text, GArray *gaps,
                         GArray *starts, GArray *halts) {
  const char *was = *text;
  size_t len = strlen(was);
  guint *map = g_new(guint, len + 1);
  GString *out = g_string_sized_new(len + 3 * starts->len);
  guint k = 1, g = 0;
  for (size_t pos = 0;;) {
    if (k < starts->len && g_array_index(starts, guint, k) == pos) {
      if (was[pos - 1] != '\n' && was[pos - 1] != '\r')
        g_string_append(out, "\u2028");
      k++;
    }
    map[pos] = (guint)out->len;
    if (pos == len)
      break;
    while (g < gaps->len && g_array_index(gaps, guint, g) < pos)
      g++;
    if (g < gaps->len && g_array_index(gaps, guint, g) == pos && k < starts->len &&
        g_array_index(starts, guint, k) == pos + GAP_BYTES) {
      map[pos + 1] = map[pos + 2] = map[pos];
      pos += GAP_BYTES; /* no gap ends a line */
      continue;
    }
    g_string_append_c(out, was[pos]);
    pos++;
  }
  GArray *kept = g_array_new(FALSE, FALSE, sizeof(guint));
  for (guint i = 0; i < gaps->len; i++) {
    guint at = g_array_index(gaps, guint, i);
    if (map[at + 1] == map[at])
      continue; /* taken out */
    guint to = map[at];
    g_array_append_val(kept, to);
  }
  GArray *moved = g_array_sized_new(FALSE, FALSE, sizeof(guint), starts->len);
  for (guint i = 0; i < starts->len; i++)
    g_array_append_val(moved, map[g_array_index(starts, guint, i)]);
  for (guint i = 0; i < halts->len; i++)
    g_array_index(halts, guint, i) = map[g_array_index(halts, guint, i)];
  g_array_sort(halts, by_offset);
  g_free(map);
  set_text(b, l, role, out->str, kept, halts);
  bool holds = jx_compose_holds(l, moved);
  if (holds) {
    g_free(*text);
    *text = g_string_free(out, FALSE);
    g_array_set_size(gaps, 0);
    g_array_append_vals(gaps, kept->data, kept->len);
  } else {
    g_string_free(out, TRUE);
    set_text(b, l, role, *text, gaps, NULL);
  }
  g_array_free(kept, TRUE);
  g_array_free(moved, TRUE);
  return holds;
}

/* A layout of text in role, wrapped to width (points; <= 0: no wrapping);
 * a new reference to a layout that must not be changed, shared by every
 * request with the same arguments. */
PangoLayout *jx_make_layout(Builder *b, JxRole role, const char *text, double width, JxAlign align,
                            int indent, bool strong) {
  int units = width > 0 ? (int)lround(width * PANGO_SCALE) : 0;
  char *key = g_strdup_printf("%d %d %d %d %d %s", (int)role, (int)align, (int)indent, (int)strong,
                              units, text);
  PangoLayout *l = g_hash_table_lookup(b->shaped, key);
  if (l) {
    g_free(key);
    return g_object_ref(l);
  }
  l = pango_layout_new(b->ctx);
  g_hash_table_insert(b->shaped, key, g_object_ref(l));
  PangoFontDescription *font = b->fonts[role];
  if (strong && !b->st->roles[role].bold) {
    font = pango_font_description_copy_static(font);
    pango_font_description_set_weight(font, PANGO_WEIGHT_BOLD);
    pango_layout_set_font_description(l, font);
    pango_font_description_free(font);
  } else {
    pango_layout_set_font_description(l, font);
  }
  if (units > 0) {
    pango_layout_set_width(l, units);
    pango_layout_set_wrap(l, PANGO_WRAP_WORD_CHAR);
  }
  pango_layout_set_alignment(l, align == JX_ALIGN_CENTER  ? PANGO_ALIGN_CENTER
                                : align == JX_ALIGN_RIGHT ? PANGO_ALIGN_RIGHT
                                                          : PANGO_ALIGN_LEFT);
  /* justified to the measure by the composer, not by Pango, whose gaps
   * would widen inside numbers and after opening brackets */
  JxMeasure m = {units, (int)lround(b->st->roles[role].size * PANGO_SCALE),
                 (int)lround(b->st->cjk_latin_space * b->st->roles[role].size * PANGO_SCALE),
                 align == JX_ALIGN_JUSTIFY, !b->st->grid};
  if (indent)
    /* two characters, as wide as the characters are set; negative: the
     * lines after the first that many characters in (hanging) */
    pango_layout_set_indent(
        l,
        (int)lround((indent > 0 ? 2 : indent) *
                    (b->st->roles[role].size + b->st->roles[role].letter_spacing) * PANGO_SCALE));
  /* half-width , ; : ? ! typed between Chinese characters are set
   * full-width; a line may break at a quotation mark */
  char *fixed = jx_cjk_punctuation(text);
  char *quoted = jx_cjk_quote_breaks(fixed ? fixed : text);
  const char *set = quoted ? quoted : fixed ? fixed : text;
  GArray *gaps = g_array_new(FALSE, FALSE, sizeof(guint));
  char *spaced = b->st->cjk_latin_space > 0 ? jx_cjk_autospace(set, gaps) : NULL;
  if (!spaced)
    spaced = g_strdup(set);
  set_text(b, l, role, spaced, gaps, NULL);
  GArray *starts = g_array_new(FALSE, FALSE, sizeof(guint));
  GArray *halts = g_array_new(FALSE, FALSE, sizeof(guint));
  bool composed = jx_compose_breaks(l, &m, starts, halts) &&
                  set_composed(b, l, role, &spaced, gaps, starts, halts);
  if (!composed)
    /* a gap where Pango broke the line goes: none at a line's end or start */
    for (int pass = 0; pass < 3 && drop_edge_gaps(l, spaced, gaps); pass++)
      set_text(b, l, role, spaced, gaps, NULL);
  if (units > 0)
    jx_compose_fit(l, &m, composed ? halts : NULL);
  g_array_free(starts, TRUE);
  g_array_free(halts, TRUE);
  g_array_free(gaps, TRUE);
  g_free(spaced);
  g_free(quoted);
  g_free(fixed);
  return l;
}
