/* text.c - Chinese text as it comes out of spreadsheets. */
#include "model/text.h"

#include <string.h>

gunichar jx_text_fold(gunichar c) {
  if (c >= 0xFF01 && c <= 0xFF5E)
    return c - 0xFEE0;
  if (c == 0x3000)
    return ' ';
  /* the small form variants some templates use for signs: ﹤ ﹥ ﹦ */
  if (c == 0xFE64)
    return '<';
  if (c == 0xFE65)
    return '>';
  if (c == 0xFE66)
    return '=';
  return c;
}

bool jx_text_is_space(gunichar c) {
  return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\v' || c == '\f' || c == 0x3000 ||
         c == 0x00A0 || c == 0x200B || c == 0xFEFF;
}

void jx_text_trim_bounds(const char *s, size_t *start, size_t *end) {
  size_t a = *start, b = *end;
  while (a < b) {
    const char *next = g_utf8_next_char(s + a);
    if (!jx_text_is_space(g_utf8_get_char(s + a)))
      break;
    a = (size_t)(next - s);
  }
  while (b > a) {
    const char *prev = g_utf8_find_prev_char(s + a, s + b);
    if (!prev || !jx_text_is_space(g_utf8_get_char(prev)))
      break;
    b = (size_t)(prev - s);
  }
  *start = a;
  *end = b;
}

char *jx_text_trim(const char *s) {
  size_t a = 0, b = strlen(s);
  jx_text_trim_bounds(s, &a, &b);
  return g_strndup(s + a, b - a);
}

bool jx_text_is_blank(const char *s) {
  /* from the front only: most cells asked are not blank, and say so in
   * their first byte */
  for (const char *p = s; p && *p; p = g_utf8_next_char(p))
    if (!jx_text_is_space((guchar)*p < 0x80 ? (gunichar)*p : g_utf8_get_char(p)))
      return false;
  return true;
}

/* Tags a spreadsheet cell may carry from a web form; anything else in angle
 * brackets is text. */
static const char *const block_tags[] = {"p", "br", "div", "li", "ul", "ol", "tr", NULL};
static const char *const inline_tags[] = {"span", "strong", "b", "i", "em", "u", "font", NULL};

/* If s starts a known tag, returns its length and whether it breaks a line. */
static size_t tag_length(const char *s, bool *breaks) {
  if (s[0] != '<')
    return 0;
  size_t i = 1;
  if (s[i] == '/')
    i++;
  size_t name = i;
  while (g_ascii_isalpha(s[i]))
    i++;
  size_t name_len = i - name;
  if (name_len == 0)
    return 0;
  bool known = false;
  *breaks = false;
  for (int k = 0; block_tags[k]; k++)
    if (strlen(block_tags[k]) == name_len &&
        g_ascii_strncasecmp(s + name, block_tags[k], name_len) == 0)
      known = *breaks = true;
  for (int k = 0; inline_tags[k]; k++)
    if (strlen(inline_tags[k]) == name_len &&
        g_ascii_strncasecmp(s + name, inline_tags[k], name_len) == 0)
      known = true;
  if (!known || !(s[i] == '>' || s[i] == ' ' || s[i] == '/'))
    return 0;
  /* attributes up to the closing '>' on the same tag, bounded */
  for (size_t j = i; j < i + 512 && s[j]; j++) {
    if (s[j] == '<')
      return 0;
    if (s[j] == '>')
      return j + 1;
  }
  return 0;
}

static const struct {
  const char *name;
  const char *text;
} entities[] = {{"&nbsp;", " "}, {"&amp;", "&"},   {"&lt;", "<"},
                {"&gt;", ">"},   {"&quot;", "\""}, {NULL, NULL}};

char *jx_text_from_markup(const char *s) {
  GString *out = g_string_sized_new(strlen(s));
  bool pending_break = false; /* a block tag seen since the last text */
  for (size_t i = 0; s[i];) {
    /* copy plain text up to the next '<' or '&' in one piece */
    size_t run = strcspn(s + i, "<&");
    if (run > 0 && !pending_break) {
      g_string_append_len(out, s + i, (gssize)run);
      i += run;
      continue;
    }
    bool breaks = false;
    size_t n = tag_length(s + i, &breaks);
    if (n > 0) {
      pending_break |= breaks;
      i += n;
      continue;
    }
    if (pending_break) {
      /* white space between paragraphs is layout, not text */
      if (s[i] == ' ' || s[i] == '\t' || s[i] == '\r' || s[i] == '\n') {
        i++;
        continue;
      }
      while (out->len > 0 && (out->str[out->len - 1] == ' ' || out->str[out->len - 1] == '\n'))
        g_string_truncate(out, out->len - 1);
      if (out->len > 0)
        g_string_append_c(out, '\n');
      pending_break = false;
      continue;
    }
    if (s[i] == '&') {
      bool done = false;
      for (int k = 0; entities[k].name; k++) {
        size_t len = strlen(entities[k].name);
        if (strncmp(s + i, entities[k].name, len) == 0) {
          g_string_append(out, entities[k].text);
          i += len;
          done = true;
          break;
        }
      }
      if (done)
        continue;
    }
    g_string_append_c(out, s[i]);
    i++;
  }
  char *trimmed = jx_text_trim(out->str);
  g_string_free(out, TRUE);
  return trimmed;
}

size_t jx_text_markup_length(const char *s) {
  bool breaks;
  return tag_length(s, &breaks);
}

/* Markers a template leaves in names (★, ☆, the * of "(≥**%)"): not part of
 * what a name says. */
static bool is_marker(gunichar c) {
  return c == 0x2605 || c == 0x2606 || c == '*';
}

/* Quotes compare as one kind: “数字海珠” and "数字海珠" and 「数字海珠」 name the
 * same thing. */
static gunichar fold_quote(gunichar c) {
  switch (c) {
  case 0x201C: /* “ */
  case 0x201D: /* ” */
  case 0x300C: /* 「 */
  case 0x300D: /* 」 */
  case 0x300E: /* 『 */
  case 0x300F: /* 』 */
    return '"';
  case 0x2018: /* ‘ */
  case 0x2019: /* ’ */
    return '\'';
  default:
    return c;
  }
}

char *jx_text_key(const char *s) {
  size_t len = strlen(s);
  char *out = g_malloc(len + 1); /* folding never lengthens UTF-8 */
  char *o = out;
  for (const char *p = s; *p;) {
    if ((guchar)*p < 0x80) {
      if (!jx_text_is_space((guchar)*p) && *p != '*')
        *o++ = *p;
      p++;
      continue;
    }
    gunichar c = fold_quote(jx_text_fold(g_utf8_get_char(p)));
    const char *next = g_utf8_next_char(p);
    if (!jx_text_is_space(c) && !is_marker(c)) {
      if (c < 0x80)
        *o++ = (char)c;
      else {
        memcpy(o, p, (size_t)(next - p));
        o += next - p;
      }
    }
    p = next;
  }
  *o = '\0';
  return out;
}

guint jx_text_distance(const char *a, const char *b, guint limit) {
  glong n = 0, m = 0;
  gunichar *x = g_utf8_to_ucs4_fast(a, -1, &n);
  gunichar *y = g_utf8_to_ucs4_fast(b, -1, &m);
  guint result;
  if ((guint)labs(n - m) > limit) {
    result = limit + 1;
  } else {
    guint *row = g_new(guint, m + 1);
    for (glong j = 0; j <= m; j++)
      row[j] = (guint)j;
    result = 0;
    for (glong i = 1; i <= n; i++) {
      guint diag = row[0], best = row[0] = (guint)i;
      for (glong j = 1; j <= m; j++) {
        guint up = row[j];
        guint v = diag + (x[i - 1] != y[j - 1]);
        if (up + 1 < v)
          v = up + 1;
        if (row[j - 1] + 1 < v)
          v = row[j - 1] + 1;
        row[j] = v;
        diag = up;
        if (v < best)
          best = v;
      }
      if (best > limit) {
        result = limit + 1;
        break;
      }
    }
    if (result == 0)
      result = row[m];
    g_free(row);
  }
  g_free(x);
  g_free(y);
  return result;
}

int jx_text_count_lines(const char *s, size_t offset) {
  int n = 0;
  for (const char *p = s, *end = s + offset; (p = memchr(p, '\n', (size_t)(end - p))); p++)
    n++;
  return n;
}

char *jx_text_fill(const char *text, const char *const *pairs) {
  GString *s = g_string_new(NULL);
  for (const char *p = text; *p;) {
    bool done = false;
    if (*p == '{')
      for (int i = 0; pairs[i] && pairs[i + 1]; i += 2) {
        size_t n = strlen(pairs[i]);
        if (strncmp(p, pairs[i], n) == 0) {
          g_string_append(s, pairs[i + 1]);
          p += n;
          done = true;
          break;
        }
      }
    if (!done)
      g_string_append_c(s, *p++);
  }
  return g_string_free(s, FALSE);
}

gint jx_text_compare_ptrs(gconstpointer a, gconstpointer b) {
  return strcmp(*(char *const *)a, *(char *const *)b);
}

void jx_roman(int n, char *buf, size_t size) {
  static const struct {
    int value;
    const char *digits;
  } parts[] = {{1000, "m"}, {900, "cm"}, {500, "d"}, {400, "cd"}, {100, "c"}, {90, "xc"}, {50, "l"},
               {40, "xl"},  {10, "x"},   {9, "ix"},  {5, "v"},    {4, "iv"},  {1, "i"}};
  GString *s = g_string_new(NULL);
  n = CLAMP(n, 1, 3999);
  for (size_t i = 0; i < G_N_ELEMENTS(parts); i++)
    for (; n >= parts[i].value; n -= parts[i].value)
      g_string_append(s, parts[i].digits);
  g_strlcpy(buf, s->str, size);
  g_string_free(s, TRUE);
}
