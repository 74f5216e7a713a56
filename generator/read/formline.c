/* formline.c - what a line of a form is: a title, a header pair, a block's
 * label, a footnote, a signature, a placeholder; and the cells it is made of. */
#include "read/form.h"

#include "model/text.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

/* The trimmed text of cell i; caller frees. */
char *form_at(const JxRow *row, guint i) {
  return jx_text_trim(jx_row_cell(row, i));
}

/* The header key of cell i; caller frees. */
char *form_key_at(const JxRow *row, guint i) {
  return sheet_header_key(jx_row_cell(row, i));
}

JxLoc form_loc_at(const Table *t, const JxRow *row, guint i) {
  JxLoc loc = {t->file, i < row->n ? row->cells[i].line : row->line, (int)i + 1};
  return loc;
}

/* A label less a trailing colon and leading "其中：". */
char *form_label_key(const char *text) {
  char *k = sheet_header_key(text);
  size_t n = strlen(k);
  if (n >= strlen("：") && strcmp(k + n - strlen("："), "：") == 0)
    k[n - strlen("：")] = '\0';
  else if (n && k[n - 1] == ':')
    k[n - 1] = '\0';
  const char *rest = g_str_has_prefix(k, "其中：")  ? k + strlen("其中：")
                     : g_str_has_prefix(k, "其中:") ? k + strlen("其中:")
                     : g_str_has_prefix(k, "其中")  ? k + strlen("其中")
                                                    : k;
  char *out = g_strdup(rest);
  g_free(k);
  return out;
}

/* Whether key is one of the NULL-terminated names. */
bool form_key_in(const char *key, const char *const *names) {
  for (int i = 0; names[i]; i++)
    if (strcmp(key, names[i]) == 0)
      return true;
  return false;
}

/* The points written in a label: 50 of "产出指标（50分）", 10 of
 * "预算执行情况(10分)". */
bool form_label_points(const char *text, JxDecimal *out) {
  char *k = jx_text_key(text);
  bool ok = false;
  for (char *p = k; *p && !ok; p++) {
    if (*p != '(' && !g_str_has_prefix(p, "（"))
      continue;
    char *start = p + (*p == '(' ? 1 : strlen("（"));
    char *end = strstr(start, "分");
    if (end && end > start) {
      char *num = g_strndup(start, (gsize)(end - start));
      ok = jx_decimal_parse(num, out) && out->units >= 0;
      g_free(num);
    }
  }
  g_free(k);
  return ok;
}

/* The last month of a span "1-6月…" at the start of key (6), of
 * 半年度… (6), or 0. */
int form_month_span(const char *key) {
  if (g_str_has_prefix(key, "半年"))
    return 6;
  const char *p = key;
  int a = 0, b = 0;
  while (g_ascii_isdigit(*p) && p - key < 3)
    a = a * 10 + (*p++ - '0');
  if (p == key || g_ascii_isdigit(*p) || a < 1 || a > 12)
    return 0;
  if (*p == '-' || *p == '~')
    p++;
  else if (g_str_has_prefix(p, "—") || g_str_has_prefix(p, "至"))
    p += strlen("—");
  else
    return 0;
  const char *q = p;
  while (g_ascii_isdigit(*p) && p - q < 3)
    b = b * 10 + (*p++ - '0');
  if (p == q || b < a || b > 12 || !g_str_has_prefix(p, "月"))
    return 0;
  return b;
}

PairKind form_pair_kind(const char *key) {
  static const char *const project[] = {"项目名称", NULL};
  static const char *const code[] = {"项目编码", "项目代码", NULL};
  static const char *const supervisor[] = {"主管部门",     "主管部门及编码", "主管单位",
                                           "主管部门名称", "预算部门",       NULL};
  static const char *const unit[] = {
      "实施单位", "实施单位及编码", "项目实施单位", "预算单位", "单位名称", "填报单位", NULL};
  static const char *const department[] = {"部门名称", "部门", "部门单位名称", NULL};
  static const char *const ignored[] = {
      "项目负责人", "项目负责人及电话", "联系电话", "项目属性",     "项目类型", "项目期限",
      "项目实施期", "资金用途",         "填报人",   "财务负责人",   "填表人",   "填报日期",
      "填表日期",   "项目起止时间",     "项目周期", "项目实施地点", "联系人",   NULL};
  if (form_key_in(key, project))
    return PAIR_PROJECT;
  if (form_key_in(key, code))
    return PAIR_CODE;
  if (form_key_in(key, supervisor))
    return PAIR_SUPERVISOR;
  if (form_key_in(key, unit))
    return PAIR_UNIT;
  if (form_key_in(key, department))
    return PAIR_DEPARTMENT;
  if (form_key_in(key, ignored))
    return PAIR_IGNORED;
  return PAIR_NONE;
}

/* The label of a pair cell written "项目名称：X" or "项目名称：", and the
 * value after the colon (NULL when none). */
PairKind form_inline_pair(const char *cell, char **value) {
  *value = NULL;
  const char *colon = strstr(cell, "：");
  size_t skip = strlen("：");
  const char *ascii = strchr(cell, ':');
  if (!colon || (ascii && ascii < colon)) {
    colon = ascii;
    skip = 1;
  }
  if (!colon)
    return PAIR_NONE;
  char *label = g_strndup(cell, (gsize)(colon - cell));
  char *k = sheet_header_key(label);
  PairKind kind = form_pair_kind(k);
  g_free(k);
  g_free(label);
  if (kind != PAIR_NONE) {
    char *v = jx_text_trim(colon + skip);
    if (*v)
      *value = v;
    else
      g_free(v);
  }
  return kind;
}

/* The kind of a pair label cell, with the value written inside it. */
PairKind form_pair_label(const char *cell, char **value) {
  PairKind kind = form_inline_pair(cell, value);
  if (kind != PAIR_NONE)
    return kind;
  char *k = form_label_key(cell);
  kind = form_pair_kind(k);
  g_free(k);
  return kind;
}

bool form_is_funds_label(const char *key) {
  static const char *const names[] = {"项目资金",     "资金情况",     "预算执行情况",
                                      "资金投入情况", "预算资金情况", "项目资金情况",
                                      "资金使用情况", "预算执行",     NULL};
  return form_key_in(key, names);
}

bool form_is_goal_label(const char *key) {
  static const char *const names[] = {
      "年度总体目标", "总体目标", "项目年度目标", "年度目标", "项目基本情况",
      "年度绩效目标", "绩效目标", "总体绩效目标", "中期目标", NULL};
  return form_key_in(key, names);
}

/* The funds column a header key names, or -1. */
int form_funds_column(const char *key, int *month) {
  static const char *const initial[] = {"年初预算数", "年初预算", NULL};
  static const char *const budget[] = {"全年预算数", "调整后预算数", "全年预算", "调整后预算",
                                       "预算数",     "年度预算数",   NULL};
  static const char *const executed[] = {"全年执行数", "预算执行数",     "执行数",
                                         "实际执行数", "全年实际执行数", NULL};
  static const char *const weight[] = {"分值", "权重", NULL};
  static const char *const rate[] = {"执行率", "预算执行率", NULL};
  static const char *const score[] = {"得分", NULL};
  static const char *const cause[] = {"原因", "偏差原因", "原因分析", NULL};
  *month = 0;
  if (form_key_in(key, initial))
    return FC_INITIAL;
  if (form_key_in(key, budget))
    return FC_BUDGET;
  if (form_key_in(key, executed))
    return FC_EXECUTED;
  if (g_str_has_prefix(key, "全年预计"))
    return FC_EXPECTED;
  if (form_key_in(key, weight))
    return FC_WEIGHT;
  if (form_key_in(key, rate))
    return FC_RATE;
  if (form_key_in(key, score))
    return FC_SCORE;
  if (form_key_in(key, cause))
    return FC_CAUSE;
  int m = form_month_span(key);
  if (m && strstr(key, "执行")) {
    *month = m;
    return FC_EXECUTED;
  }
  return -1;
}

/* A title line: one filled cell that names the form, its year or its unit
 * of money (项目支出绩效自评表, （2022年度）, 附件1, 单位：万元 …). */
bool form_is_title(const JxRow *row, guint *first) {
  if (sheet_filled_cells(row, first) != 1)
    return false;
  char *k = jx_text_key(jx_row_cell(row, *first));
  bool yes = g_str_has_suffix(k, "表") || g_str_has_suffix(k, "表)") ||
             g_str_has_suffix(k, "表）") || strstr(k, "年度") || g_str_has_prefix(k, "附件") ||
             g_str_has_prefix(k, "报表编号") || g_str_has_prefix(k, "单位：") ||
             g_str_has_prefix(k, "单位:") || g_str_has_prefix(k, "金额单位") || strstr(k, "盖章") ||
             strstr(k, "自评表") || strstr(k, "监控表") || strstr(k, "目标表");
  g_free(k);
  return yes;
}

/* Whether a title line starts a form (names a 表) rather than only
 * dating or footing it. */
bool form_names_form(const char *text) {
  return strstr(text, "表") != NULL && !g_str_has_prefix(text, "报表编号");
}

bool form_is_footnote(const char *text) {
  return g_str_has_prefix(text, "注：") || g_str_has_prefix(text, "注:") ||
         g_str_has_prefix(text, "注 ") || strcmp(text, "注") == 0 ||
         g_str_has_prefix(text, "说明：") || g_str_has_prefix(text, "填表说明") ||
         g_str_has_prefix(text, "备注：");
}

/* A signature line: 项目负责人：, 财务负责人：, 填表人：, 审核人： …, each label
 * ending in a colon with at most a name after it. */
bool form_is_signature(const JxRow *row) {
  static const char *const words[] = {"负责人",   "填表人",   "填报人",   "审核人",     "经办人",
                                      "联系电话", "填报日期", "填表日期", "单位负责人", NULL};
  guint first;
  if (sheet_filled_cells(row, &first) == 0)
    return false;
  char *text = form_at(row, first);
  bool yes = false;
  for (int i = 0; words[i] && !yes; i++) {
    const char *w = strstr(text, words[i]);
    yes = w && (w - text) < 24 && (strstr(w, "：") || strchr(w, ':'));
  }
  g_free(text);
  return yes;
}

/* A year in a title: 2022 of "（2022年度）", "2019年度)", "2023年". */
char *form_title_year(const char *text) {
  for (const char *p = text; *p; p++) {
    if (g_ascii_isdigit(p[0]) && g_ascii_isdigit(p[1]) && g_ascii_isdigit(p[2]) &&
        g_ascii_isdigit(p[3]) && (p == text || !g_ascii_isdigit(p[-1])) &&
        g_str_has_prefix(p + 4, "年")) {
      int y = atoi(p);
      if (y >= 1990 && y <= 2200)
        return g_strndup(p, 4);
    }
  }
  return NULL;
}

/* Whether name is a placeholder the template left: 指标1, 指标2, ……. */
bool form_is_placeholder(const char *name) {
  char *k = jx_text_key(name);
  bool yes = true;
  const char *p = k;
  if (g_str_has_prefix(p, "指标")) {
    p += strlen("指标");
    while (g_ascii_isdigit(*p))
      p++;
    yes = *p == '\0';
  } else {
    for (; *p && yes; p = g_utf8_next_char(p)) {
      gunichar c = g_utf8_get_char(p);
      yes = c == 0x2026 || c == '.' || c == 0x2014 || c == 0x22EF || c == '-' || c == 0xB7;
    }
  }
  g_free(k);
  return yes;
}

/* The name less the template's numbering: 工程完工率 of 指标1工程完工率. */
char *form_strip_numbering(const char *name) {
  if (!g_str_has_prefix(name, "指标"))
    return g_strdup(name);
  const char *p = name + strlen("指标");
  const char *digits = p;
  while (g_ascii_isdigit(*p))
    p++;
  if (p == digits)
    return g_strdup(name);
  if (*p == '.' || *p == ':')
    p++;
  else if (g_str_has_prefix(p, "、") || g_str_has_prefix(p, "：") || g_str_has_prefix(p, "．"))
    p += strlen("、");
  return *p ? jx_text_trim(p) : g_strdup(name);
}

/* A label spaced out down a merged cell, "产 出 指 标", closed up. */
char *form_close_up(const char *label) {
  GString *out = g_string_new(NULL);
  bool cjk_only = true;
  for (const char *p = label; *p; p = g_utf8_next_char(p)) {
    gunichar c = g_utf8_get_char(p);
    if (jx_text_is_space(c))
      continue;
    if (c < 0x80 && !g_ascii_isdigit(c) && c != '(' && c != ')')
      cjk_only = false;
    g_string_append_unichar(out, c);
  }
  if (!cjk_only) {
    g_string_free(out, TRUE);
    return jx_text_trim(label);
  }
  return g_string_free(out, FALSE);
}

/* Whether row is the indicator block's header: 三级指标 with 一级 or 二级
 * beside it. */
bool form_is_indicator_header(const JxRow *row) {
  bool level3 = false, other = false;
  for (guint i = 0; i < row->n; i++) {
    char *k = form_key_at(row, i);
    if (strcmp(k, "三级指标") == 0 || strcmp(k, "指标名称") == 0 || strcmp(k, "三级指标名称") == 0)
      level3 = true;
    else if (strcmp(k, "一级指标") == 0 || strcmp(k, "二级指标") == 0)
      other = true;
    g_free(k);
  }
  return level3 && other;
}

bool form_is_trailer(const char *text) {
  char *label = sheet_trailer_label(text);
  g_free(label);
  return label != NULL;
}
