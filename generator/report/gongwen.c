/* gongwen.c - the report sent as a 公文 (GB/T 9704-2012, DOMAIN.md §4): the
 * letter part (版头: 发文机关标志, 发文字号 and 签发人, the red rule; 主体:
 * title, 主送机关, 正文, 附件说明, 署名 and 成文日期, 附注; then the head of
 * the 附件, which the parts after it make), the record part (版记), and
 * the forms part that makes a second 附件 of every project's 自评表.
 *
 * Every element comes from the template's [official] keys (which
 * --official FILE sets); one without a value is left out.  Positions are
 * the standard's, in the body's lines: the 发文机关标志's top 35 mm below the
 * top of the 版心, the 发文字号 two lines under it, the red rule 4 mm under
 * the 发文字号, the title two lines under the rule. */
#include "report/parts.h"

#include "model/decimal.h"
#include "model/text.h"

#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* The report's year, "" when it has no period. */
static const char *year_of(const Report *r) {
  for (int i = 0; r->places[i]; i += 2)
    if (strcmp(r->places[i], "{年度}") == 0)
      return r->places[i + 1];
  return "";
}

/* pattern with the report's placeholders filled; without a year,
 * "{年度}年度" is left out rather than left empty ("关于年度…").  Caller
 * frees. */
static char *fill(const Report *r, const char *pattern) {
  char *v;
  if (!*year_of(r)) {
    GString *s = g_string_new(pattern);
    for (char *at; (at = strstr(s->str, "{年度}年度"));)
      g_string_erase(s, at - s->str, (gssize)strlen("{年度}年度"));
    v = jx_text_fill(s->str, r->places);
    g_string_free(s, TRUE);
  } else {
    v = jx_text_fill(pattern, r->places);
  }
  g_strstrip(v);
  return v;
}

/* The value of an [official] key, filled; "" when none.  Caller frees. */
static char *official(const Report *r, const char *key) {
  return fill(r, jx_template_text(r->t, "official", key));
}

char *jx_official_date(const char *text, bool *zeros) {
  int y = 0, m = 0, d = 0;
  *zeros = false;
  if (sscanf(text, "%d-%d-%d", &y, &m, &d) == 3 || sscanf(text, "%d年%d月%d日", &y, &m, &d) == 3) {
    if (y < 1000 || m < 1 || m > 12 || d < 1 || d > 31)
      return NULL;
    *zeros = strstr(text, "年0") || strstr(text, "月0");
    return g_strdup_printf("%d年%d月%d日", y, m, d);
  }
  return NULL;
}

char *jx_official_number(const char *text, const char *prefix, const char *year, bool *standard) {
  *standard = true;
  if (!*text)
    return g_strdup("");
  if (strstr(text, "〔")) {
    /* written whole: 〔YYYY〕, a number without leading zeros, no 第 */
    const char *open = strstr(text, "〔"), *close = strstr(text, "〕");
    const char *num = close ? close + strlen("〕") : NULL;
    *standard = close && close - open == (ptrdiff_t)(strlen("〔") + 4) && num && *num >= '1' &&
                *num <= '9' && !strstr(text, "第") && g_str_has_suffix(text, "号");
    return g_strdup(text);
  }
  char *end = NULL;
  long n = strtol(text, &end, 10);
  if (n <= 0 || *end || !*prefix) {
    *standard = false;
    return g_strdup(text);
  }
  *standard = text[0] != '0';
  return g_strdup_printf("%s〔%.4s〕%ld号", prefix, year, n);
}

/* A space of points that stays at the top of a page too. */
static void keep_space(Report *r, double points) {
  jx_document_space(r->doc, points)->keep = true;
}

/* The 正文 jixiao writes when none is given: what was assessed and what it
 * came to, in the assessment's own figures. */
static void default_body(Report *r, const JxDepartmentResult *dr, const char *year) {
  const JxDepartment *d = r->d;
  guint n = dr->projects->len, grades[4] = {0};
  int64_t total = 0;
  for (guint i = 0; i < n; i++) {
    const JxProjectResult *pr = g_ptr_array_index(dr->projects, i);
    total += pr->project->funds.total;
    const char *g = pr->grade;
    grades[strcmp(g, "优") == 0 ? 0 : strcmp(g, "良") == 0 ? 1 : strcmp(g, "中") == 0 ? 2 : 3]++;
  }
  if (!n) {
    char *line =
        g_strdup_printf("%s%s%s未报项目支出绩效自评结果。", year, *year ? "年度，" : "", d->name);
    jx_document_paragraph(r->doc, JX_ROLE_BODY, line, JX_ALIGN_JUSTIFY, true);
    g_free(line);
    return;
  }
  char money[32];
  GString *s = g_string_new(NULL);
  if (*year)
    g_string_append_printf(s, "%s年度，", year);
  g_string_append_printf(s, "我单位对%u个项目支出开展了绩效自评，涉及资金%s万元。", n,
                         jx_amount_format(total, true, money));
  g_string_append_printf(s, "按项目资金加权，自评得分%.2f分，等级“%s”", dr->total, dr->grade);
  static const char *const names[] = {"优", "良", "中", "差"};
  const char *sep = "；其中";
  for (int k = 0; k < 4; k++)
    if (grades[k]) {
      g_string_append_printf(s, "%s等级为“%s”的%u个", sep, names[k], grades[k]);
      sep = "、";
    }
  guint met = dr->counts[JX_STATUS_MET], partly = dr->counts[JX_STATUS_PARTLY],
        unmet = dr->counts[JX_STATUS_UNMET];
  g_string_append_printf(s, "。%u项绩效指标中，达成%u项、部分达成%u项、未达成%u项。",
                         met + partly + unmet, met, partly, unmet);
  jx_document_paragraph(r->doc, JX_ROLE_BODY, s->str, JX_ALIGN_JUSTIFY, true);
  g_string_free(s, TRUE);
  jx_document_paragraph(r->doc, JX_ROLE_BODY, "现将自评情况报告如下，自评报告及自评表见附件。",
                        JX_ALIGN_JUSTIFY, true);
}

/* A title that breaks after the issuing body's name when it does not fit
 * a line (GB/T 9704 7.3.1: a title's lines keep its words whole): "…（本级）"
 * over "关于…的报告", not "…（本级）关" over "于…". */
static void break_after_name(const Report *r, JxBlock *h) {
  const char *name = r->d->name;
  if (g_str_has_prefix(h->text, name))
    h->break_after = (guint)strlen(name);
}

/* A 附件's first page: label (附件, 附件1 …) at the top left of the 版心 in
 * 黑体, its title centred on the third line. */
static void attachment_head(Report *r, const char *label, const char *title) {
  const JxStyle *st = &r->t->style;
  double pb = st->roles[JX_ROLE_BODY].pitch;
  jx_document_page_break(r->doc);
  jx_document_paragraph(r->doc, JX_ROLE_HEADING1, label, JX_ALIGN_LEFT, false);
  jx_document_space(r->doc, pb - st->space_before_heading);
  JxBlock *h = jx_document_heading(r->doc, JX_ROLE_TITLE, title, 1);
  h->align = JX_ALIGN_CENTER;
  break_after_name(r, h);
  jx_document_space(r->doc, pb);
}

bool report_forms_attached(const Report *r) {
  bool letter = false;
  for (guint i = 0; i < r->t->n_parts; i++) {
    letter |= r->t->parts[i] == JX_PART_LETTER;
    if (r->t->parts[i] == JX_PART_FORMS)
      return letter;
  }
  return false;
}

void report_forms(Report *r) {
  const JxDepartment *d = r->d;
  if (!d->projects->len)
    return;
  char *title = fill(r, jx_template_text(r->t, "texts", "forms"));
  if (report_forms_attached(r)) {
    attachment_head(r, "附件2", title);
  } else {
    jx_document_page_break(r->doc);
    report_heading(r, 1, title);
  }
  g_free(title);
  /* the department's own form first, as the projects part has it; the
   * first under the head, each after it on a new page */
  bool first = true;
  for (int whole = 1; whole >= 0; whole--)
    for (guint k = 0; k < d->projects->len; k++) {
      const JxProject *p = g_ptr_array_index(d->projects, k);
      if (p->whole != (bool)whole)
        continue;
      if (!first)
        jx_document_page_break(r->doc);
      first = false;
      JxProjectResult *pr = jx_assess_project(p, r->o->period, r->rules, NULL);
      report_form_self(r, pr);
      jx_project_result_free(pr);
    }
}

void report_letter(Report *r, const JxDepartmentResult *dr) {
  const JxStyle *st = &r->t->style;
  const JxRoleStyle *body = &st->roles[JX_ROLE_BODY], *mark = &st->roles[JX_ROLE_MARK];
  double pb = body->pitch;
  const char *year = year_of(r);
  char *issuer_mark = official(r, "发文机关标志"), *signer = official(r, "签发人");
  char *date_text = official(r, "成文日期"), *number_text = official(r, "发文字号");
  bool zeros = false, standard = true;
  char *date = jx_official_date(*date_text ? date_text : r->o->date, &zeros);
  char *code = official(r, "机关代字");
  char *number = jx_official_number(number_text, code, date ? date : year, &standard);
  bool head = *issuer_mark || *number || *signer;
  /* 份号, 密级和保密期限, 紧急程度 flush left on the first lines, in that
   * order (3号: 份号 in the body's Latin digits, the others 黑体) */
  static const char *const marks[] = {"份号", "密级和保密期限", "紧急程度"};
  int top_lines = 0;
  for (size_t i = 0; i < G_N_ELEMENTS(marks); i++) {
    char *v = official(r, marks[i]);
    if (*v) {
      jx_document_paragraph(r->doc, i ? JX_ROLE_HEADING1 : JX_ROLE_BODY, v, JX_ALIGN_LEFT, false);
      top_lines++;
    }
    g_free(v);
  }
  if (*issuer_mark) {
    /* its em box's top 35 mm below the top of the 版心, whatever lines
     * stand above it */
    keep_space(r, JX_MM(35) - top_lines * pb - (mark->pitch - mark->size) / 2);
    JxBlock *b = jx_document_paragraph(r->doc, JX_ROLE_MARK, issuer_mark, JX_ALIGN_CENTER, false);
    b->color = st->mark;
    b->one_line = true;    /* a long name set smaller, not broken */
    keep_space(r, 2 * pb); /* 发文字号 two lines under it */
  }
  if (*signer)
    /* a 上行文: 发文字号 one character in at the left, 签发人 at the right */
    jx_document_pair(r->doc, JX_ROLE_BODY, number, "签发人：", JX_ROLE_HEADING2, signer, 1);
  else if (*number)
    jx_document_paragraph(r->doc, JX_ROLE_BODY, number, JX_ALIGN_CENTER, false);
  if (head) {
    /* the red rule 4 mm under the 发文字号's em box, the title two lines
     * under the rule */
    double under = *number || *signer ? (body->size - pb) / 2 + JX_MM(4) : 0;
    keep_space(r, under);
    jx_document_rule(r->doc, JX_MM(0.5), st->mark);
    /* (a heading brings its own space before it) */
    keep_space(r, 2 * pb - st->space_before_heading);
  }
  char *title = official(r, "标题");
  if (*title) {
    JxBlock *h = jx_document_heading(r->doc, JX_ROLE_TITLE, title, 1);
    h->align = JX_ALIGN_CENTER;
    break_after_name(r, h);
    jx_document_space(r->doc, pb); /* 主送机关 one line under it */
  }
  char *to = official(r, "主送机关");
  if (*to) {
    char *line = g_str_has_suffix(to, "：") ? g_strdup(to) : g_strdup_printf("%s：", to);
    jx_document_paragraph(r->doc, JX_ROLE_BODY, line, JX_ALIGN_LEFT, false);
    g_free(line);
  }
  gchar **paras = g_strsplit(jx_template_text(r->t, "official", "正文"), ";", -1);
  bool given = false;
  for (int i = 0; paras[i]; i++) {
    char *p = jx_text_fill(g_strstrip(paras[i]), r->places);
    if (*p) {
      jx_document_paragraph(r->doc, JX_ROLE_BODY, p, JX_ALIGN_JUSTIFY, true);
      given = true;
    }
    g_free(p);
  }
  g_strfreev(paras);
  if (!given)
    default_body(r, dr, year);
  /* 附件说明 one line under the 正文, two characters in; numbered when the
   * forms make a second 附件, each name under the first's */
  char *attachment = fill(r, jx_template_text(r->t, "texts", "title"));
  bool two = report_forms_attached(r);
  jx_document_space(r->doc, pb);
  char *line = g_strdup_printf("附件：%s%s", two ? "1. " : "", attachment);
  /* a long name goes on under its first character (附件： is three
   * characters; "1. " in the Latin face as wide as one) */
  JxBlock *first = jx_document_paragraph(r->doc, JX_ROLE_BODY, line, JX_ALIGN_LEFT, false);
  first->hang = two ? 4 : 3;
  first->keep_next = two; /* the two 附件 on one page */
  g_free(line);
  if (two) {
    char *forms = fill(r, jx_template_text(r->t, "texts", "forms"));
    line = g_strdup_printf("2. %s", forms);
    JxBlock *b = jx_document_paragraph(r->doc, JX_ROLE_BODY, line, JX_ALIGN_LEFT, false);
    b->inset = 3; /* under the 1. after 附件： */
    b->hang = 1;
    g_free(line);
    g_free(forms);
  }
  /* room for the seal, then 署名 centred over 成文日期, four characters in */
  char *issuer = official(r, "发文机关");
  jx_document_space(r->doc, 2 * pb);
  if (date || *issuer)
    jx_document_sign(r->doc, issuer, date ? date : "", 4);
  char *note = official(r, "附注");
  if (*note) {
    char *bracketed =
        g_str_has_prefix(note, "（") ? g_strdup(note) : g_strdup_printf("（%s）", note);
    jx_document_paragraph(r->doc, JX_ROLE_BODY, bracketed, JX_ALIGN_LEFT, true);
    g_free(bracketed);
  }
  attachment_head(r, two ? "附件1" : "附件", attachment);
  g_free(attachment);
  g_free(issuer);
  g_free(note);
  g_free(to);
  g_free(title);
  g_free(issuer_mark);
  g_free(signer);
  g_free(date_text);
  g_free(number_text);
  g_free(date);
  g_free(code);
  g_free(number);
}

void report_record(Report *r) {
  char *cc = official(r, "抄送机关"), *printer = official(r, "印发机关");
  char *when = official(r, "印发日期");
  bool zeros = false;
  char *date = *when ? jx_official_date(when, &zeros) : NULL;
  GPtrArray *lines = g_ptr_array_new_with_free_func(g_free);
  if (*cc)
    g_ptr_array_add(lines, g_strdup_printf("抄送：%s", cc));
  if (*printer || date)
    g_ptr_array_add(lines,
                    g_strdup_printf("%s\t%s%s", printer, date ? date : "", date ? "印发" : ""));
  if (lines->len)
    jx_document_record(r->doc, lines, 1);
  g_ptr_array_free(lines, TRUE);
  g_free(cc);
  g_free(printer);
  g_free(when);
  g_free(date);
}
