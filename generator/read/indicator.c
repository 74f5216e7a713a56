/* indicator.c - the 绩效指标 cell grammar and category labels. */
#include "read/indicator.h"

#include "model/text.h"

#include <string.h>

#define KW_PERIOD "实施周期指标值"
#define KW_ANNUAL "年度指标值"
#define MARK_ITEM "、"

static bool is_ascii_digit(char c) {
  return c >= '0' && c <= '9';
}

/* Separators between the parts of an item: , ， ; ； : ： 、 and spaces. */
static bool is_separator(gunichar c) {
  return jx_text_is_space(c) || c == ',' || c == 0xFF0C || c == ';' || c == 0xFF1B || c == ':' ||
         c == 0xFF1A || c == 0x3001;
}

/* Trims white space and separators from both ends of s[*a, *b). */
static void trim_separators(const char *s, size_t *a, size_t *b) {
  while (*a < *b && is_separator(g_utf8_get_char(s + *a)))
    *a = (size_t)(g_utf8_next_char(s + *a) - s);
  while (*b > *a) {
    const char *prev = g_utf8_find_prev_char(s + *a, s + *b);
    if (!prev || !is_separator(g_utf8_get_char(prev)))
      break;
    *b = (size_t)(prev - s);
  }
}

/* Whether an item number may start at i: at the cell's start or after white
 * space or an item's closing ；; 。 */
static bool at_item_boundary(const char *s, size_t start, size_t i) {
  if (i == start)
    return true;
  const char *prev = g_utf8_find_prev_char(s + start, s + i);
  gunichar c = prev ? g_utf8_get_char(prev) : ' ';
  return jx_text_is_space(c) || c == 0xFF1B || c == ';' || c == 0x3002 || c == '>';
}

/* Reads "N、" at s[i]; returns its length and sets *n, or 0. */
static size_t item_number(const char *s, size_t i, size_t end, int *n) {
  size_t k = i;
  long v = 0;
  while (k < end && is_ascii_digit(s[k]) && k - i < 6)
    v = v * 10 + (s[k++] - '0');
  if (k == i || k + strlen(MARK_ITEM) > end || strncmp(s + k, MARK_ITEM, strlen(MARK_ITEM)) != 0)
    return 0;
  *n = (int)v;
  return k + strlen(MARK_ITEM) - i;
}

/* Whether text at s[i] looks like the start of an item's categories: a code
 * such as "1-" or a 一级 label. */
static bool looks_like_categories(const char *s, size_t i, size_t end) {
  if (i < end && is_ascii_digit(s[i])) {
    while (i < end && is_ascii_digit(s[i]))
      i++;
    return i < end && s[i] == '-';
  }
  static const char *const starts[] = {"产出", "效益", "满意度", "成本", NULL};
  for (int k = 0; starts[k]; k++)
    if (end - i >= strlen(starts[k]) && strncmp(s + i, starts[k], strlen(starts[k])) == 0)
      return true;
  return false;
}

void jx_indicator_split_label(const char *text, char **label, JxDecimal *weight, bool *has_weight) {
  char *t = jx_text_trim(text);
  char *p = t;
  /* a listing-order code: "22-社会效益" */
  char *q = p;
  while (is_ascii_digit(*q))
    q++;
  if (q > p && (*q == '-' || *q == '.' || *q == '_'))
    p = q + 1;
  *has_weight = false;
  /* a weight in brackets at the end: "产出指标（50分）", "(30)" */
  size_t len = strlen(p);
  const char *close = NULL, *open = NULL;
  if (len >= 3 && g_str_has_suffix(p, "）"))
    close = p + len - 3, open = g_strrstr(p, "（");
  else if (len >= 1 && p[len - 1] == ')')
    close = p + len - 1, open = strrchr(p, '(');
  if (open && close > open) {
    size_t olen = (guchar)*open == '(' ? 1 : 3;
    char *inner = g_strndup(open + olen, (size_t)(close - open) - olen);
    char *num = jx_text_trim(inner);
    if (g_str_has_suffix(num, "分"))
      num[strlen(num) - strlen("分")] = '\0';
    JxDecimal w;
    if (jx_decimal_parse(num, &w)) {
      *weight = w;
      *has_weight = true;
      *(char *)open = '\0';
    }
    g_free(num);
    g_free(inner);
  }
  *label = jx_text_trim(p);
  g_free(t);
}

/* A piece s[a, b) of the cell without markup and without separators at its
 * ends.  Caller frees. */
static char *piece(const char *s, size_t a, size_t b) {
  trim_separators(s, &a, &b);
  char *text = g_strndup(s + a, b - a);
  if (!memchr(text, '<', b - a))
    return text;
  /* "…≥95%;</p>": the markup goes, and with it what it hid */
  char *plain = jx_text_from_markup(text);
  g_free(text);
  size_t pa = 0, pb = strlen(plain);
  trim_separators(plain, &pa, &pb);
  text = g_strndup(plain + pa, pb - pa);
  g_free(plain);
  return text;
}

/* Reads the value after a keyword: "实施周期指标值:≥98%," up to end. */
static JxValue *read_value(const char *s, size_t from, size_t end) {
  char *text = piece(s, from, end);
  JxValue *v = jx_value_parse(text);
  g_free(text);
  return v;
}

/* Finds needle in s[a, b), returns its offset or b. */
static size_t find_in(const char *s, size_t a, size_t b, const char *needle) {
  const char *hit = g_strstr_len(s + a, (gssize)(b - a), needle);
  return hit ? (size_t)(hit - s) : b;
}

/* Reads one item s[a, b) (its number already skipped) into a new indicator. */
static void read_item(const char *s, size_t a, size_t b, int seq, JxProject *p, JxLoc loc,
                      JxDiag *diag) {
  JxIndicator *ind = jx_project_add_indicator(p, loc);
  ind->seq = seq;
  size_t kp = find_in(s, a, b, KW_PERIOD), ka = find_in(s, a, b, KW_ANNUAL);
  size_t head_end = kp < ka ? kp : ka;
  if (kp < b)
    ind->period_target = read_value(s, kp + strlen(KW_PERIOD), ka > kp ? ka : b);
  if (ka < b)
    ind->annual_target = read_value(s, ka + strlen(KW_ANNUAL), kp > ka ? kp : b);
  /* most tables repeat the period value as the annual one: read it once */
  if (ind->period_target && ind->annual_target &&
      strcmp(ind->period_target->raw, ind->annual_target->raw) == 0) {
    jx_value_free(ind->annual_target);
    ind->annual_target = jx_value_ref(ind->period_target);
  }
  if (head_end == b)
    jx_diag_add(diag, JX_ERROR, loc.line, loc.col,
                "indicator %d has neither " KW_PERIOD " nor " KW_ANNUAL, seq);

  /* 一级, 二级 and the name, split at the first two commas */
  size_t h = a, e = head_end;
  trim_separators(s, &h, &e);
  size_t cut[2];
  int ncut = 0;
  for (size_t i = h; i < e && ncut < 2; i = (size_t)(g_utf8_next_char(s + i) - s)) {
    gunichar c = g_utf8_get_char(s + i);
    if (c == ',' || c == 0xFF0C)
      cut[ncut++] = i;
  }
  char *l1 = NULL, *l2 = NULL, *name;
  if (ncut == 2) {
    l1 = piece(s, h, cut[0]);
    size_t c1 = (size_t)(g_utf8_next_char(s + cut[0]) - s);
    l2 = piece(s, c1, cut[1]);
    size_t c2 = (size_t)(g_utf8_next_char(s + cut[1]) - s);
    name = piece(s, c2, e);
  } else if (ncut == 1) {
    l1 = piece(s, h, cut[0]);
    size_t c1 = (size_t)(g_utf8_next_char(s + cut[0]) - s);
    name = piece(s, c1, e);
    jx_diag_add(diag, JX_WARNING, loc.line, loc.col, "indicator %d has no 二级 category", seq);
  } else {
    name = piece(s, h, e);
    jx_diag_add(diag, JX_WARNING, loc.line, loc.col, "indicator %d has no 一级 or 二级 category",
                seq);
  }
  JxDecimal w;
  bool has_w;
  char *label;
  if (l1) {
    jx_indicator_split_label(l1, &label, &w, &has_w);
    ind->level1 = jx_project_intern(p, label);
    ind->group = jx_group_from_label(label);
    g_free(label);
  }
  if (l2) {
    jx_indicator_split_label(l2, &label, &w, &has_w);
    ind->level2 = jx_project_intern(p, label);
    g_free(label);
  }
  char *trimmed = jx_text_trim(name);
  ind->name = jx_project_intern(p, trimmed);
  g_free(trimmed);
  if (!*ind->name)
    jx_diag_add(diag, JX_ERROR, loc.line, loc.col, "indicator %d has no name", seq);
  g_free(l1);
  g_free(l2);
  g_free(name);
}

guint jx_indicator_read_cell(const char *cell, JxProject *p, JxLoc loc, JxDiag *diag) {
  /* markup (<p>…</p>) is left in place and taken out of each piece read, so
   * offsets, and with them line numbers, stay the cell's */
  const char *s = cell;
  size_t start = 0, end = strlen(s);
  jx_text_trim_bounds(s, &start, &end);
  guint before = p->indicators->len;
  int seq = (int)before;
  for (size_t n; start < end && (n = jx_text_markup_length(s + start)) > 0;) {
    start += n;
    jx_text_trim_bounds(s, &start, &end);
  }
  if (start == end)
    return 0;

  /* the first item: numbered or not */
  int n = 0;
  size_t skip = item_number(s, start, end, &n);
  size_t item = start + skip;
  int item_seq = skip ? n : seq + 1;
  if (skip && n != seq + 1)
    jx_diag_add(diag, JX_WARNING, loc.line, loc.col,
                "indicator numbering goes on at %d where %d was expected", n, seq + 1);
  size_t item_at = start;
  size_t counted = 0; /* line breaks counted up to here */
  int lines = 0;
  for (size_t i = item; i <= end;) {
    size_t next_skip = 0;
    int next = 0;
    if (i < end && is_ascii_digit(s[i]) && at_item_boundary(s, start, i) &&
        (next_skip = item_number(s, i, end, &next)) &&
        (next == item_seq + 1 ||
         (next > item_seq && looks_like_categories(s, i + next_skip, end)))) {
      /* the next item starts here */
    } else if (i < end) {
      i = is_ascii_digit(s[i]) ? i + 1 : (size_t)(g_utf8_next_char(s + i) - s);
      continue;
    }
    JxLoc at = loc;
    lines += jx_text_count_lines(s + counted, item_at - counted);
    counted = item_at;
    at.line = loc.line + lines;
    read_item(s, item, i, item_seq, p, at, diag);
    if (i == end)
      break;
    if (next != item_seq + 1)
      jx_diag_add(diag, JX_WARNING, at.line, loc.col, "indicator numbering jumps from %d to %d",
                  item_seq, next);
    item_at = i;
    item = i + next_skip;
    item_seq = next;
    i = item;
  }
  return p->indicators->len - before;
}
