/* cjk.c - Chinese layout rules on top of Pango. */
#include "layout/cjk.h"

#include <string.h>

bool jx_cjk_is_closing(gunichar c) {
  switch (c) {
  case 0xFF0C: /* ， */
  case 0x3002: /* 。 */
  case 0x3001: /* 、 */
  case 0xFF1B: /* ； */
  case 0xFF1A: /* ： */
  case 0xFF1F: /* ？ */
  case 0xFF01: /* ！ */
  case 0xFF09: /* ） */
  case 0xFF3D: /* ］ */
  case 0xFF5D: /* ｝ */
  case 0x300B: /* 》 */
  case 0x3009: /* 〉 */
  case 0x300D: /* 」 */
  case 0x300F: /* 』 */
  case 0x3011: /* 】 */
  case 0x3015: /* 〕 */
  case 0x3017: /* 〗 */
  case 0x201D: /* ” */
  case 0x2019: /* ’ */
    return true;
  default:
    return false;
  }
}

bool jx_cjk_is_opening(gunichar c) {
  switch (c) {
  case 0xFF08: /* （ */
  case 0xFF3B: /* ［ */
  case 0xFF5B: /* ｛ */
  case 0x300A: /* 《 */
  case 0x3008: /* 〈 */
  case 0x300C: /* 「 */
  case 0x300E: /* 『 */
  case 0x3010: /* 【 */
  case 0x3014: /* 〔 */
  case 0x3016: /* 〖 */
  case 0x201C: /* “ */
  case 0x2018: /* ‘ */
    return true;
  default:
    return false;
  }
}

/* Sets the half-width form on the character at [start, end). */
static void halt(PangoAttrList *attrs, size_t start, size_t end) {
  PangoAttribute *a = pango_attr_font_features_new("halt");
  a->start_index = (guint)start;
  a->end_index = (guint)end;
  pango_attr_list_insert(attrs, a);
}

guint jx_cjk_compress(const char *text, PangoAttrList *attrs) {
  guint n = 0;
  gunichar prev = 0;
  size_t prev_start = 0, prev_end = 0;
  bool prev_done = false; /* prev already compressed */
  for (const char *p = text; *p; p = g_utf8_next_char(p)) {
    gunichar c = g_utf8_get_char(p);
    if (c == JX_CJK_GAP)
      continue; /* a break between the two (jx_cjk_quote_breaks) */
    size_t start = (size_t)(p - text), end = (size_t)(g_utf8_next_char(p) - text);
    bool done = false;
    if (prev && (jx_cjk_is_closing(c) || jx_cjk_is_opening(c))) {
      if (jx_cjk_is_closing(prev) && !prev_done) {
        /* "》，" "。”": the first mark gives up its right blank */
        halt(attrs, prev_start, prev_end);
        n++;
      } else if (jx_cjk_is_opening(prev) && jx_cjk_is_opening(c)) {
        /* "（《": the second gives up its left blank */
        halt(attrs, start, end);
        done = true;
        n++;
      }
    }
    prev = c;
    prev_start = start;
    prev_end = end;
    prev_done = done;
  }
  return n;
}

/* Whether c is a Chinese character (or full-width punctuation) that a
 * half-width mark next to it should match. */
static bool is_han(gunichar c) {
  return g_unichar_iswide(c) && c != 0x3000;
}

char *jx_cjk_punctuation(const char *text) {
  static const char marks[] = ",;:?!";
  static const char *const full[] = {"，", "；", "：", "？", "！"};
  if (!strpbrk(text, marks))
    return NULL;
  GString *out = NULL;
  gunichar prev = 0;
  for (const char *p = text; *p; p = g_utf8_next_char(p)) {
    gunichar c = g_utf8_get_char(p);
    const char *m = c < 0x80 && c ? strchr(marks, (int)c) : NULL;
    if (m && is_han(prev)) {
      const char *next = p + 1;
      gunichar n = *next ? g_utf8_get_char(next) : 0;
      if (n == 0 || is_han(n)) {
        if (!out)
          out = g_string_new_len(text, p - text);
        g_string_append(out, full[m - marks]);
        prev = c;
        continue;
      }
    }
    if (out)
      g_string_append_unichar(out, c);
    prev = c;
  }
  return out ? g_string_free(out, FALSE) : NULL;
}

char *jx_cjk_quote_breaks(const char *text) {
  if (!strstr(text, "\u201C") && !strstr(text, "\u201D") && !strstr(text, "\u2018") &&
      !strstr(text, "\u2019"))
    return NULL;
  GString *out = NULL;
  gunichar prev = 0;
  for (const char *p = text; *p; p = g_utf8_next_char(p)) {
    gunichar c = g_utf8_get_char(p);
    const char *q = g_utf8_next_char(p);
    gunichar next = *q ? g_utf8_get_char(q) : 0;
    /* before an opening quote after a character or a closing mark; after a
     * closing quote before a character or an opening mark */
    bool before = (c == 0x201C || c == 0x2018) && is_han(prev) && !jx_cjk_is_opening(prev);
    bool after = (c == 0x201D || c == 0x2019) && is_han(next) && !jx_cjk_is_closing(next);
    if ((before || after) && !out)
      out = g_string_new_len(text, p - text);
    if (before)
      g_string_append_unichar(out, JX_CJK_GAP);
    if (out)
      g_string_append_len(out, p, q - p);
    if (after)
      g_string_append_unichar(out, JX_CJK_GAP);
    prev = c;
  }
  return out ? g_string_free(out, FALSE) : NULL;
}

/* A Chinese or Japanese character (not punctuation) on one side of the gap. */
static bool is_ideograph(gunichar c) {
  GUnicodeScript s = g_unichar_get_script(c);
  return g_unichar_iswide(c) && (s == G_UNICODE_SCRIPT_HAN || s == G_UNICODE_SCRIPT_HIRAGANA ||
                                 s == G_UNICODE_SCRIPT_KATAKANA || s == G_UNICODE_SCRIPT_BOPOMOFO);
}

/* A Latin letter or digit on the other: half-width, so not Ａ or １. */
static bool is_western(gunichar c) {
  if (c < 0x80)
    return g_ascii_isalnum((int)c);
  GUnicodeScript s = g_unichar_get_script(c);
  return !g_unichar_iswide(c) && g_unichar_isalpha(c) &&
         (s == G_UNICODE_SCRIPT_LATIN || s == G_UNICODE_SCRIPT_GREEK ||
          s == G_UNICODE_SCRIPT_CYRILLIC);
}

char *jx_cjk_autospace(const char *text, GArray *at) {
  GString *out = NULL;
  gunichar prev = 0;
  /* in the digits after a closing bracket: a document's number, 〔2024〕5号
   * or （2015）232号, whose 号 takes no gap */
  bool code = false;
  for (const char *p = text; *p; p = g_utf8_next_char(p)) {
    gunichar c = g_utf8_get_char(p);
    if (prev && !(code && c == 0x53F7 /* 号 */) &&
        ((is_ideograph(prev) && is_western(c)) || (is_western(prev) && is_ideograph(c)))) {
      if (!out)
        out = g_string_new_len(text, p - text);
      guint start = (guint)out->len;
      g_array_append_val(at, start);
      g_string_append_unichar(out, JX_CJK_GAP);
    }
    if (c == 0x3015 || c == 0xFF09 || c == ')' || c == ']')
      code = true;
    else if (!is_western(c))
      code = false;
    if (out)
      g_string_append_unichar(out, c);
    prev = c;
  }
  return out ? g_string_free(out, FALSE) : NULL;
}
