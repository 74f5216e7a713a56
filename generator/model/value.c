/* value.c - the grammar of target and actual values.
 *
 * The text is decoded to code points and each one is folded to half width
 * before it is compared, so "＞２０％" reads as ">20%"; labels and notes are
 * cut out of the original code points, so they keep the writer's forms.
 */
#include "model/value.h"

#include "model/text.h"

#include <string.h>

/* The text being read: original and folded code points. */
typedef struct {
  gunichar *orig;
  gunichar *f;
  glong n;
} Text;

typedef struct {
  const char *word;
  JxComparator cmp;
} Word;

/* Comparator symbols, longest first (after folding ＞ to > and ＝ to =). */
static const Word symbols[] = {
    {"≥=", JX_CMP_GE}, {">=", JX_CMP_GE}, {"=>", JX_CMP_GE}, {"≧", JX_CMP_GE}, {"≥", JX_CMP_GE},
    {"≤=", JX_CMP_LE}, {"<=", JX_CMP_LE}, {"=<", JX_CMP_LE}, {"≦", JX_CMP_LE}, {"≤", JX_CMP_LE},
    {"==", JX_CMP_EQ}, {">", JX_CMP_GT},  {"<", JX_CMP_LT},  {"=", JX_CMP_EQ}, {NULL, 0}};

/* Comparator words written before the number, longest first so that 不低于
 * is not read as 低于. */
static const Word prefix_words[] = {{"大于或等于", JX_CMP_GE},
                                    {"小于或等于", JX_CMP_LE},
                                    {"大于等于", JX_CMP_GE},
                                    {"小于等于", JX_CMP_LE},
                                    {"不低于", JX_CMP_GE},
                                    {"不少于", JX_CMP_GE},
                                    {"不小于", JX_CMP_GE},
                                    {"不高于", JX_CMP_LE},
                                    {"不超过", JX_CMP_LE},
                                    {"不多于", JX_CMP_LE},
                                    {"不大于", JX_CMP_LE},
                                    {"至少", JX_CMP_GE},
                                    {"达到", JX_CMP_GE},
                                    {"最多", JX_CMP_LE},
                                    {"高于", JX_CMP_GT},
                                    {"超过", JX_CMP_GT},
                                    {"大于", JX_CMP_GT},
                                    {"多于", JX_CMP_GT},
                                    {"低于", JX_CMP_LT},
                                    {"少于", JX_CMP_LT},
                                    {"小于", JX_CMP_LT},
                                    {"等于", JX_CMP_EQ},
                                    {NULL, 0}};

/* Comparator words written after the number and unit. */
static const Word suffix_words[] = {{"及以上", JX_CMP_GE}, {"或以上", JX_CMP_GE},
                                    {"以上", JX_CMP_GE},   {"及以下", JX_CMP_LE},
                                    {"或以下", JX_CMP_LE}, {"以下", JX_CMP_LE},
                                    {"以内", JX_CMP_LE},   {"之内", JX_CMP_LE},
                                    {"内", JX_CMP_LE},     {NULL, 0}};

/* Units of count, time, money, area and the like that follow a number.  A
 * longer unit wins over its prefix (条次 over 条, 个工作日 over 个). */
static const char *const units[] = {
    "个工作日", "工作日", "平方公里", "平方米", "立方米", "百分点", "个百分点", "人次", "户次",
    "条次",     "场次",   "批次",     "车次",   "架次",   "件次",   "个月",     "季度", "小时",
    "分钟",     "公里",   "千米",     "公顷",   "千克",   "公斤",   "课时",     "学时", "万元",
    "亿元",     "千元",   "个",       "件",     "次",     "人",     "户",       "家",   "项",
    "期",       "条",     "篇",       "份",     "张",     "本",     "册",       "套",   "台",
    "辆",       "艘",     "场",       "批",     "名",     "位",     "所",       "座",   "处",
    "间",       "栋",     "宗",       "起",     "例",     "单",     "笔",       "元",   "米",
    "亩",       "吨",     "天",       "日",     "秒",     "周",     "月",       "年",   "分",
    "路",       "层",     "种",       "类",     "门",     "节",     "部",       "首",   "幅",
    "块",       "棵",     "株",       "头",     "只",     "盏",     "根",       "点",   "倍",
    "届",       "轮",     "班",       "扇",     "组",     "支",     "队",       "村",   "镇",
    "街",       "区",     "片",       "段",     "座",     "G",      NULL};

/* Characters that end a value and carry no meaning: 。；，、 and spaces. */
static bool is_trailing_punct(gunichar c) {
  return jx_text_is_space(c) || c == 0x3002 || c == '.' || c == ';' || c == ',' || c == 0x3001 ||
         c == 0x2605 /* ★ */;
}

static bool is_digit(gunichar c) {
  return c >= '0' && c <= '9';
}

/* A word as folded code points, made once: comparing code points is what
 * the parser does for every value, decoding UTF-8 each time is not. */
typedef struct {
  gunichar u[8];
  glong n;
} UWord;

static UWord u_symbols[G_N_ELEMENTS(symbols)], u_prefix[G_N_ELEMENTS(prefix_words)],
    u_suffix[G_N_ELEMENTS(suffix_words)], u_units[G_N_ELEMENTS(units)], u_plus_minus;

static void uword(UWord *w, const char *s) {
  w->n = 0;
  for (const char *p = s; p && *p && w->n < 8; p = g_utf8_next_char(p))
    w->u[w->n++] = jx_text_fold(g_utf8_get_char(p));
}

static void words_init(void) {
  static gsize done = 0;
  if (g_once_init_enter(&done)) {
    for (size_t i = 0; i < G_N_ELEMENTS(symbols); i++)
      uword(&u_symbols[i], symbols[i].word);
    for (size_t i = 0; i < G_N_ELEMENTS(prefix_words); i++)
      uword(&u_prefix[i], prefix_words[i].word);
    for (size_t i = 0; i < G_N_ELEMENTS(suffix_words); i++)
      uword(&u_suffix[i], suffix_words[i].word);
    for (size_t i = 0; i < G_N_ELEMENTS(units); i++)
      uword(&u_units[i], units[i]);
    uword(&u_plus_minus, "正负");
    g_once_init_leave(&done, 1);
  }
}

/* Length in code points of w when it stands at t.f[i..end), else 0. */
static glong match_at(const Text *t, glong i, glong end, const UWord *w) {
  if (w->n == 0 || end - i < w->n)
    return 0;
  for (glong k = 0; k < w->n; k++)
    if (t->f[i + k] != w->u[k])
      return 0;
  return w->n;
}

/* Length of w when t.f[start..end) ends with it, else 0. */
static glong match_end(const Text *t, glong start, glong end, const UWord *w) {
  if (w->n == 0 || end - start < w->n)
    return 0;
  return match_at(t, end - w->n, end, w);
}

/* UTF-8 of the code points [a, b) of src (t->orig or t->f), trimmed.
 * Caller frees. */
static char *cut_from(const Text *t, const gunichar *src, glong a, glong b) {
  while (a < b && jx_text_is_space(t->f[a]))
    a++;
  while (b > a && jx_text_is_space(t->f[b - 1]))
    b--;
  if (a >= b)
    return g_strdup("");
  return g_ucs4_to_utf8(src + a, b - a, NULL, NULL, NULL);
}

/* Labels and notes keep the writer's forms. */
static char *cut(const Text *t, glong a, glong b) {
  return cut_from(t, t->orig, a, b);
}

/* End of a unit starting at i, or i when there is none. */
static glong scan_unit(const Text *t, glong start, glong end) {
  glong i = start; /* a space may stand between number and unit: "2 小时" */
  while (i < end && jx_text_is_space(t->f[i]))
    i++;
  glong j = i;
  if (j < end && (t->f[j] == '%' || t->f[j] == 0x2030 /* ‰ */ || t->f[j] == 0x2103 /* ℃ */)) {
    j++;
  } else {
    glong best = 0;
    glong mult = 0; /* a leading 万 or 亿 before a unit: 万人次 */
    if (j < end && (t->f[j] == 0x4E07 /* 万 */ || t->f[j] == 0x4EBF /* 亿 */))
      mult = 1;
    for (int k = 0; units[k]; k++) {
      glong len = match_at(t, j + mult, end, &u_units[k]);
      if (len > best)
        best = len;
    }
    if (best > 0) {
      j += mult + best;
    } else if (mult) {
      j += mult;
    } else {
      glong k = j;
      while (k < end && k - j < 8 && g_ascii_isalpha(t->f[k] < 128 ? (char)t->f[k] : 0))
        k++;
      j = k;
    }
  }
  /* per-something: 元/亩, 次/年, or a bare /年 */
  while (j < end && t->f[j] == '/') {
    glong k = j + 1, best = 0;
    for (int u = 0; units[u]; u++) {
      glong len = match_at(t, k, end, &u_units[u]);
      if (len > best)
        best = len;
    }
    if (best == 0 && k < end && g_unichar_type(t->f[k]) == G_UNICODE_OTHER_LETTER)
      best = 1;
    while (best == 0 && k + best < end && t->f[k + best] < 128 &&
           g_ascii_isalpha((char)t->f[k + best]))
      best++;
    if (best == 0)
      break;
    j = k + best;
  }
  return j > i ? j : start;
}

/* Reads a number at t.f[i..end).  Returns the end or i when there is none. */
static glong scan_number(const Text *t, glong i, glong end, JxDecimal *out) {
  char buf[48];
  glong k = 0;
  while (i + k < end && k < (glong)sizeof buf - 1) {
    gunichar c = t->f[i + k];
    if (!(is_digit(c) || c == ',' || c == '.' || (k == 0 && c == '-')))
      break;
    buf[k] = (char)c;
    k++;
  }
  size_t used = jx_decimal_scan(buf, (size_t)k, out);
  return i + (glong)used;
}

/* The empty unit, label and note most values have, shared rather than
 * allocated: a table of 100,000 indicators would hold 600,000 of them. */
static char empty[] = "";

static void free_str(char *s) {
  if (s != empty)
    g_free(s);
}

/* Sets a string field, taking value (NULL or "" store the shared empty). */
static void set_str(char **field, char *value) {
  free_str(*field);
  if (!value || !*value) {
    g_free(value);
    value = empty;
  }
  *field = value;
}

static JxValue *value_new(const char *raw) {
  /* the text lives in the same block as the value: one allocation, not two */
  size_t len = strlen(raw);
  JxValue *v = g_malloc0(sizeof(JxValue) + len + 1);
  v->raw = memcpy((char *)(v + 1), raw, len + 1);
  v->unit = v->label = v->note = empty;
  v->refs = 1;
  return v;
}

/* Makes v qualitative: the text is kept, the number forgotten. */
static void make_qualitative(JxValue *v) {
  v->cmp = JX_CMP_NONE;
  v->cmp_explicit = false;
  v->number = v->upper = (JxDecimal){0, 0};
  set_str(&v->unit, NULL);
  set_str(&v->label, NULL);
  set_str(&v->note, NULL);
  if (v->parts) {
    g_ptr_array_free(v->parts, TRUE);
    v->parts = NULL;
  }
}

/* Parses one target (no sub-targets) from t[a, b) into v. */
static void parse_single(const Text *t, glong a, glong b, JxValue *v) {
  while (b > a && is_trailing_punct(t->f[b - 1]))
    b--;
  while (a < b && (jx_text_is_space(t->f[a]) || t->f[a] == 0x2605))
    a++;
  /* a leading bracketed note: （除新进人员、孕妇等特殊情况）98%以上 */
  char *note = NULL;
  if (a < b && (t->f[a] == '(' || t->f[a] == '[' || t->f[a] == 0x3010 /* 【 */)) {
    gunichar close = t->f[a] == '(' ? ')' : t->f[a] == '[' ? ']' : 0x3011;
    for (glong k = a + 1; k < b; k++) {
      if (t->f[k] == close) {
        note = cut(t, a + 1, k);
        a = k + 1;
        break;
      }
    }
  }
  glong d = a; /* first digit */
  while (d < b && !is_digit(t->f[d]))
    d++;
  if (d == b) {
    g_free(note);
    make_qualitative(v);
    return;
  }
  /* an ordinal (第3季度) is not a quantity */
  if (d > a && t->f[d - 1] == 0x7B2C /* 第 */) {
    g_free(note);
    make_qualitative(v);
    return;
  }

  /* what stands before the number: label, then a comparator */
  glong p = d;
  bool negative = p > a && t->f[p - 1] == '-' && (p - 1 == a || !is_digit(t->f[p - 2]));
  if (negative)
    p--;
  glong q = p;
  while (q > a && jx_text_is_space(t->f[q - 1]))
    q--;
  JxComparator cmp = JX_CMP_NONE;
  bool tolerance = false;
  glong len = 0;
  if (q > a && t->f[q - 1] == 0xB1 /* ± */) {
    tolerance = true;
    q--;
  } else if ((len = match_end(t, a, q, &u_plus_minus))) {
    tolerance = true;
    q -= len;
  } else {
    for (int k = 0; symbols[k].word && !len; k++)
      if ((len = match_end(t, a, q, &u_symbols[k])))
        cmp = symbols[k].cmp;
    if (!len)
      for (int k = 0; prefix_words[k].word && !len; k++)
        if ((len = match_end(t, a, q, &u_prefix[k])))
          cmp = prefix_words[k].cmp;
    q -= len;
  }
  glong label_end = q;
  while (label_end > a && (t->f[label_end - 1] == ':' || jx_text_is_space(t->f[label_end - 1])))
    label_end--;

  /* the number, an optional unit, an optional second number */
  JxDecimal number, upper = {0, 0};
  glong j = scan_number(t, negative ? d - 1 : d, b, &number);
  if (j == (negative ? d - 1 : d)) {
    g_free(note);
    make_qualitative(v);
    return;
  }
  glong u1 = j, u1_end = scan_unit(t, j, b);
  j = u1_end;
  bool range = false;
  glong k = j;
  while (k < b && jx_text_is_space(t->f[k]))
    k++;
  if (!tolerance && k < b &&
      (t->f[k] == '-' || t->f[k] == '~' || t->f[k] == 0x2014 || t->f[k] == 0x2013 ||
       t->f[k] == 0x301C || t->f[k] == 0x81F3 /* 至 */ || t->f[k] == 0x5230 /* 到 */)) {
    glong m = k + 1;
    while (m < b && jx_text_is_space(t->f[m]))
      m++;
    glong e = m < b && is_digit(t->f[m]) ? scan_number(t, m, b, &upper) : m;
    if (e > m) {
      range = true;
      j = e;
    }
  }
  glong unit_start = u1, unit_end = u1_end;
  if (range) {
    glong u2 = scan_unit(t, j, b);
    if (u2 > j) {
      unit_start = j;
      unit_end = u2;
    }
    j = u2;
  }
  /* a comparator word after the unit: 98%以上, 3个工作日内 */
  JxComparator suffix = JX_CMP_NONE;
  len = 0;
  for (int w = 0; suffix_words[w].word && !len; w++)
    if ((len = match_at(t, j, b, &u_suffix[w])))
      suffix = suffix_words[w].cmp;
  j += len;

  /* what is left is a remark; another number in it makes the whole value
   * ambiguous (a date, two conditions), which a reader must judge */
  for (glong r = j; r < b; r++) {
    if (is_digit(t->f[r])) {
      g_free(note);
      make_qualitative(v);
      return;
    }
  }
  /* units are compared and shown in one form: ％ is % */
  char *unit = cut_from(t, t->f, unit_start, unit_end);
  /* a year (2024年底前完成) is a date, not a count of years */
  if (!range && number.scale == 0 && number.units >= 1900 && number.units <= 2100 &&
      strcmp(unit, "年") == 0) {
    g_free(unit);
    g_free(note);
    make_qualitative(v);
    return;
  }
  char *trailing = cut(t, j, b);
  if (note && *trailing) {
    char *both = g_strconcat(note, "；", trailing, NULL);
    g_free(note);
    note = both;
  } else if (!note) {
    note = g_strdup(trailing);
  }
  g_free(trailing);

  v->number = number;
  v->upper = upper;
  if (tolerance) {
    v->cmp = JX_CMP_TOLERANCE;
    v->cmp_explicit = true;
  } else if (range) {
    v->cmp = JX_CMP_RANGE;
    v->cmp_explicit = true;
  } else if (cmp != JX_CMP_NONE) {
    v->cmp = cmp;
    v->cmp_explicit = true;
  } else if (suffix != JX_CMP_NONE) {
    v->cmp = suffix;
    v->cmp_explicit = true;
  } else {
    v->cmp = JX_CMP_GE; /* a bare value: meet or exceed */
    v->cmp_explicit = false;
  }
  set_str(&v->unit, unit);
  set_str(&v->label, cut(t, a, label_end));
  set_str(&v->note, note);
}

/* Splits t[0, n) at top-level occurrences of the separators (not inside
 * brackets).  Returns the cut points as pairs in a GArray of glong. */
static GArray *split_parts(const Text *t, const gunichar *seps) {
  GArray *cuts = g_array_new(FALSE, FALSE, sizeof(glong));
  glong start = 0;
  int depth = 0;
  for (glong i = 0; i <= t->n; i++) {
    gunichar c = i < t->n ? t->orig[i] : 0;
    if (c == 0xFF08 || c == '(' || c == 0x300A /* 《 */ || c == 0x201C /* “ */)
      depth++;
    else if ((c == 0xFF09 || c == ')' || c == 0x300B || c == 0x201D) && depth > 0)
      depth--;
    bool sep = false;
    for (const gunichar *s = seps; *s; s++)
      sep |= c == *s;
    /* "１，２５０" is one number, not two parts */
    if (sep && i > 0 && i + 1 < t->n && is_digit(t->f[i - 1]) && is_digit(t->f[i + 1]))
      sep = false;
    if (i == t->n || (sep && depth == 0)) {
      glong a = start, b = i;
      while (a < b && (is_trailing_punct(t->f[a])))
        a++;
      while (b > a && is_trailing_punct(t->f[b - 1]))
        b--;
      if (b > a) {
        g_array_append_val(cuts, a);
        g_array_append_val(cuts, b);
      }
      start = i + 1;
    }
  }
  return cuts;
}

/* Tries to read t as several sub-targets separated by seps; every part must
 * carry a number.  Returns true and fills v->parts on success. */
static bool parse_parts(const Text *t, const gunichar *seps, JxValue *v) {
  GArray *cuts = split_parts(t, seps);
  bool ok = cuts->len >= 4;
  GPtrArray *parts = g_ptr_array_new_with_free_func((GDestroyNotify)jx_value_free);
  for (guint i = 0; ok && i < cuts->len; i += 2) {
    glong a = g_array_index(cuts, glong, i), b = g_array_index(cuts, glong, i + 1);
    char *raw = g_ucs4_to_utf8(t->orig + a, b - a, NULL, NULL, NULL);
    JxValue *part = value_new(raw);
    g_free(raw);
    parse_single(t, a, b, part);
    g_ptr_array_add(parts, part);
    ok = part->cmp != JX_CMP_NONE;
  }
  g_array_free(cuts, TRUE);
  if (!ok) {
    g_ptr_array_free(parts, TRUE);
    return false;
  }
  v->parts = parts;
  JxValue *first = g_ptr_array_index(parts, 0);
  v->cmp = first->cmp;
  v->cmp_explicit = first->cmp_explicit;
  for (guint i = 1; i < parts->len; i++)
    if (((JxValue *)g_ptr_array_index(parts, i))->cmp != first->cmp)
      v->cmp_explicit = false;
  return true;
}

JxValue *jx_value_parse(const char *text) {
  words_init();
  JxValue *v = value_new(text ? text : "");
  Text t;
  /* most values are short: decode them on the stack */
  gunichar stack[2 * 128];
  glong n = g_utf8_strlen(v->raw, -1);
  gunichar *heap = n < 128 ? NULL : g_new(gunichar, 2 * (n + 1));
  t.orig = heap ? heap : stack;
  t.f = t.orig + (heap ? n + 1 : 128);
  t.n = 0;
  for (const char *p = v->raw; *p && t.n < n; p = g_utf8_next_char(p))
    t.orig[t.n++] = g_utf8_get_char(p);
  for (glong i = 0; i < t.n; i++)
    t.f[i] = jx_text_fold(t.orig[i]);
  static const gunichar semicolons[] = {0xFF1B, ';', 0};
  static const gunichar commas[] = {0xFF0C, 0};
  if (!parse_parts(&t, semicolons, v) && !parse_parts(&t, commas, v))
    parse_single(&t, 0, t.n, v);
  g_free(heap);
  return v;
}

JxValue *jx_value_make(const char *raw, JxComparator cmp, bool cmp_explicit, JxDecimal number,
                       JxDecimal upper, const char *unit, const char *label, const char *note) {
  JxValue *v = value_new(raw ? raw : "");
  v->cmp = cmp;
  v->cmp_explicit = cmp_explicit;
  v->number = number;
  v->upper = upper;
  set_str(&v->unit, g_strdup(unit));
  set_str(&v->label, g_strdup(label));
  set_str(&v->note, g_strdup(note));
  return v;
}

void jx_value_add_part(JxValue *v, JxValue *part) {
  if (!v->parts)
    v->parts = g_ptr_array_new_with_free_func((GDestroyNotify)jx_value_free);
  g_ptr_array_add(v->parts, part);
}

void jx_value_free(JxValue *v) {
  if (!v || --v->refs > 0)
    return;
  free_str(v->unit);
  free_str(v->label);
  free_str(v->note);
  if (v->parts)
    g_ptr_array_free(v->parts, TRUE);
  g_free(v);
}

JxValue *jx_value_ref(JxValue *v) {
  v->refs++;
  return v;
}

bool jx_value_is_quantitative(const JxValue *v) {
  return v->cmp != JX_CMP_NONE;
}

static JxDirection direction_of(JxComparator c) {
  switch (c) {
  case JX_CMP_GE:
  case JX_CMP_GT:
    return JX_DIR_POSITIVE;
  case JX_CMP_LE:
  case JX_CMP_LT:
    return JX_DIR_NEGATIVE;
  case JX_CMP_EQ:
    return JX_DIR_EQUAL;
  case JX_CMP_RANGE:
  case JX_CMP_TOLERANCE:
    return JX_DIR_RANGE;
  case JX_CMP_NONE:
    break;
  }
  return JX_DIR_QUALITATIVE;
}

JxDirection jx_value_direction(const JxValue *v) {
  /* sub-targets: the first part's direction; each part is assessed alone */
  if (v->parts)
    return direction_of(((JxValue *)g_ptr_array_index(v->parts, 0))->cmp);
  return direction_of(v->cmp);
}

const char *jx_direction_name(JxDirection d) {
  static const char *const names[] = {"正向", "反向", "等值", "区间", "定性"};
  return names[d];
}

const char *jx_comparator_symbol(JxComparator c) {
  switch (c) {
  case JX_CMP_GE:
    return "≥";
  case JX_CMP_GT:
    return ">";
  case JX_CMP_LE:
    return "≤";
  case JX_CMP_LT:
    return "<";
  case JX_CMP_EQ:
    return "=";
  case JX_CMP_RANGE:
  case JX_CMP_TOLERANCE:
    return "区间";
  case JX_CMP_NONE:
    break;
  }
  return "定性";
}

bool jx_comparator_from_text(const char *text, JxComparator *out) {
  static const Word column_words[] = {{"区间", JX_CMP_RANGE},    {"定性", JX_CMP_NONE},
                                      {"正向指标", JX_CMP_GE},   {"正向", JX_CMP_GE},
                                      {"反向指标", JX_CMP_LE},   {"反向", JX_CMP_LE},
                                      {"等值", JX_CMP_EQ},       {"等于", JX_CMP_EQ},
                                      {"大于等于", JX_CMP_GE},   {"小于等于", JX_CMP_LE},
                                      {"大于", JX_CMP_GT},       {"小于", JX_CMP_LT},
                                      {"定量", JX_CMP_GE},       {"定量指标", JX_CMP_GE},
                                      {"定性指标", JX_CMP_NONE}, {NULL, 0}};
  char *key = jx_text_key(text);
  bool found = false;
  for (int k = 0; !found && symbols[k].word; k++)
    if (strcmp(key, symbols[k].word) == 0) {
      *out = symbols[k].cmp;
      found = true;
    }
  for (int k = 0; !found && column_words[k].word; k++)
    if (strcmp(key, column_words[k].word) == 0) {
      *out = column_words[k].cmp;
      found = true;
    }
  for (int k = 0; !found && prefix_words[k].word; k++)
    if (strcmp(key, prefix_words[k].word) == 0) {
      *out = prefix_words[k].cmp;
      found = true;
    }
  g_free(key);
  return found;
}

/* Applies one comparator and unit to a single (part) value. */
static bool apply_single(JxValue *v, bool has_cmp, JxComparator cmp, const char *unit) {
  bool ok = true;
  if (has_cmp) {
    if (cmp == JX_CMP_NONE) {
      make_qualitative(v);
      return true;
    }
    JxComparator have = v->cmp == JX_CMP_TOLERANCE ? JX_CMP_RANGE : v->cmp;
    if (v->cmp == JX_CMP_NONE) {
      ok = false;
    } else if (!v->cmp_explicit && cmp != JX_CMP_RANGE) {
      v->cmp = cmp;
      v->cmp_explicit = true;
    } else if (have != cmp) {
      ok = false;
    }
  }
  if (unit && *unit && v->cmp != JX_CMP_NONE) {
    char *want = jx_text_key(unit), *got = jx_text_key(v->unit);
    if (!*got)
      set_str(&v->unit, g_strdup(unit));
    else if (strcmp(want, got) != 0)
      ok = false;
    g_free(want);
    g_free(got);
  }
  return ok;
}

/* Splits a column cell listing one item per sub-target ("期；期；条次"). */
static gchar **split_list(const char *text, guint *n) {
  if (!text || jx_text_is_blank(text)) {
    *n = 0;
    return NULL;
  }
  gchar **each = g_strsplit(text, "；", -1);
  *n = g_strv_length(each);
  return each;
}

bool jx_value_apply_columns(JxValue *v, const char *cmp_text, const char *unit_text) {
  guint nc = 0, nu = 0;
  gchar **cmps = split_list(cmp_text, &nc), **us = split_list(unit_text, &nu);
  guint nparts = v->parts ? v->parts->len : 1;
  bool ok = (nc <= 1 || nc == nparts) && (nu <= 1 || nu == nparts);
  JxComparator *parsed = g_new0(JxComparator, nc + 1);
  for (guint i = 0; i < nc; i++)
    ok &= jx_comparator_from_text(cmps[i], &parsed[i]);
  if (ok && nc == 1 && parsed[0] == JX_CMP_NONE && v->parts) {
    make_qualitative(v); /* the column says 定性 for the whole value */
    nparts = 1;
  }
  for (guint i = 0; ok && i < nparts; i++) {
    JxValue *one = v->parts ? g_ptr_array_index(v->parts, i) : v;
    bool has_cmp = nc > 0;
    JxComparator cmp = nc == 0 ? JX_CMP_NONE : parsed[nc == 1 ? 0 : i];
    const char *unit = nu == 0 ? NULL : us[nu == 1 ? 0 : i];
    char *trimmed = unit ? jx_text_trim(unit) : NULL;
    ok &= apply_single(one, has_cmp, cmp, trimmed);
    g_free(trimmed);
  }
  if (v->parts)
    v->cmp = ((JxValue *)g_ptr_array_index(v->parts, 0))->cmp;
  g_free(parsed);
  g_strfreev(cmps);
  g_strfreev(us);
  return ok;
}

/* Joins what fn gives for each part, or for v itself, with "；". */
static char *join_parts(const JxValue *v, char *(*fn)(const JxValue *)) {
  if (!v->parts)
    return fn(v);
  GString *s = g_string_new(NULL);
  for (guint i = 0; i < v->parts->len; i++) {
    char *one = fn(g_ptr_array_index(v->parts, i));
    if (i > 0)
      g_string_append(s, "；");
    g_string_append(s, one);
    g_free(one);
  }
  return g_string_free(s, FALSE);
}

static char *single_comparator(const JxValue *v) {
  return g_strdup(jx_comparator_symbol(v->cmp));
}

static char *single_number(const JxValue *v) {
  char a[32], b[32];
  switch (v->cmp) {
  case JX_CMP_NONE:
    return g_strdup("");
  case JX_CMP_RANGE:
    return g_strdup_printf("%s~%s", jx_decimal_format(v->number, a, sizeof a),
                           jx_decimal_format(v->upper, b, sizeof b));
  case JX_CMP_TOLERANCE:
    return g_strdup_printf("±%s", jx_decimal_format(v->number, a, sizeof a));
  default:
    return g_strdup(jx_decimal_format(v->number, a, sizeof a));
  }
}

static char *single_unit(const JxValue *v) {
  return g_strdup(v->unit);
}

char *jx_value_comparator_text(const JxValue *v) {
  /* sub-targets that share a comparator show it once */
  char *all = join_parts(v, single_comparator);
  if (v->parts) {
    gchar **each = g_strsplit(all, "；", -1);
    bool same = true;
    for (int i = 1; each[i]; i++)
      same &= strcmp(each[i], each[0]) == 0;
    if (same) {
      g_free(all);
      all = g_strdup(each[0]);
    }
    g_strfreev(each);
  }
  return all;
}

char *jx_value_number_text(const JxValue *v) {
  return join_parts(v, single_number);
}

char *jx_value_unit_text(const JxValue *v) {
  return join_parts(v, single_unit);
}
