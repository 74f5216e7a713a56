/* formblock.c - the blocks of a form around its indicators: header pairs,
 * the funds block with budget execution, the goal block. */
#include "read/form.h"

#include "model/text.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

/* An amount cell of the funds block: "43.2", "10000万元", "1,250.00"; "/"
 * and blank are none. */
bool form_read_money(Table *t, const JxRow *row, int i, int64_t *out, bool *has) {
  *has = false;
  if (i < 0)
    return true;
  char *text = form_at(row, (guint)i);
  if (!*text || strcmp(text, "/") == 0 || strcmp(text, "—") == 0) {
    g_free(text);
    return true;
  }
  bool ok = sheet_parse_amount(t, text, form_loc_at(t, row, (guint)i), out);
  *has = ok;
  g_free(text);
  return ok;
}

/* A decimal cell, "/" and blank being none; false (reported) when it is not
 * a number. */
bool form_read_decimal(Table *t, const JxRow *row, int i, JxDecimal *out, bool *has,
                       const char *what) {
  *has = false;
  if (i < 0)
    return true;
  char *text = form_at(row, (guint)i);
  if (!*text || strcmp(text, "/") == 0 || strcmp(text, "—") == 0 || strcmp(text, "-") == 0) {
    g_free(text);
    return true;
  }
  size_t n = strlen(text);
  if (n > strlen("分") && g_str_has_suffix(text, "分"))
    text[n - strlen("分")] = '\0';
  else if (n > 1 && text[n - 1] == '%')
    text[n - 1] = '\0';
  else if (n > strlen("％") && g_str_has_suffix(text, "％"))
    text[n - strlen("％")] = '\0';
  bool ok = jx_decimal_parse(text, out);
  if (ok)
    *has = true;
  else {
    JxLoc loc = form_loc_at(t, row, (guint)i);
    jx_diag_add(t->diag, JX_ERROR, loc.line, loc.col, "%s '%s' is not a number", what, text);
  }
  g_free(text);
  return ok;
}

void form_add_text(struct SheetForm *f, const char *label, const char *text, JxLoc loc) {
  JxText *x = g_new0(JxText, 1);
  x->label = g_strdup(label);
  x->text = g_strdup(text);
  x->loc = loc;
  g_ptr_array_add(f->texts, x);
}

/* Reads the header pairs of a row: label, value, label, value …; a label
 * may hold its value after a colon. */
void form_read_pairs(Table *t, const JxRow *row) {
  struct SheetForm *f = t->form;
  for (guint i = 0; i < row->n; i++) {
    char *cell = form_at(row, i);
    char *value = NULL;
    PairKind kind = *cell ? form_pair_label(cell, &value) : PAIR_NONE;
    g_free(cell);
    if (kind == PAIR_NONE) {
      g_free(value);
      continue;
    }
    guint vi = i;
    if (!value) {
      /* the value is the next filled cell that is not a label itself */
      for (guint j = i + 1; j < row->n && !value; j++) {
        char *next = form_at(row, j);
        char *inner = NULL;
        if (*next && form_pair_label(next, &inner) != PAIR_NONE) {
          g_free(inner);
          g_free(next);
          break;
        }
        if (*next) {
          value = next;
          vi = j;
        } else {
          g_free(next);
        }
      }
    }
    if (value) {
      char *code, *name;
      jx_split_code(value, &code, &name);
      JxLoc loc = form_loc_at(t, row, vi);
      switch (kind) {
      case PAIR_PROJECT:
        sheet_set_string(&f->project, name);
        if (*code)
          sheet_set_string(&f->code, code), code = NULL;
        f->project_loc = loc;
        name = NULL;
        break;
      case PAIR_CODE:
        sheet_set_string(&f->code, g_strdup(value));
        break;
      case PAIR_SUPERVISOR:
        sheet_set_string(&f->supervisor, name);
        sheet_set_string(&f->supervisor_code, code);
        name = code = NULL;
        break;
      case PAIR_UNIT:
        sheet_set_string(&f->unit, name);
        name = NULL;
        break;
      case PAIR_DEPARTMENT:
        sheet_set_string(&f->department, name);
        sheet_set_string(&f->supervisor_code, code);
        if (!f->project)
          f->project_loc = loc;
        name = code = NULL;
        break;
      case PAIR_IGNORED:
      case PAIR_NONE:
        break;
      }
      g_free(code);
      g_free(name);
      g_free(value);
      i = vi;
    }
  }
  f->content = true;
}

/* The funds block's header: which column holds what. */
void form_read_funds_header(Table *t, const JxRow *row) {
  struct SheetForm *f = t->form;
  for (int c = 0; c < FC_COUNT; c++)
    f->fcol[c] = -1;
  f->exec_month = 0;
  char *label = form_at(row, 0);
  f->has_points = form_label_points(label, &f->points);
  g_free(label);
  /* cell 1 heads the row labels (年度预算数（万元）, or blank) */
  for (guint i = 2; i < row->n; i++) {
    char *k = form_key_at(row, i);
    int month = 0;
    int c = *k ? form_funds_column(k, &month) : -1;
    if (c >= 0 && f->fcol[c] < 0) {
      f->fcol[c] = (int)i;
      if (c == FC_EXECUTED)
        f->exec_month = month;
    }
    g_free(k);
  }
  f->stage = STAGE_FUNDS;
  f->content = true;
  f->funds_loc = form_loc_at(t, row, 0);
  /* a target form's block names no columns: 年度资金总额 | amount on this
   * row, its sources on the rows below */
  f->funds_pairs = true;
  for (int c = 0; c < FC_COUNT; c++)
    f->funds_pairs &= f->fcol[c] < 0;
  if (f->funds_pairs)
    form_read_funds_row(t, row);
}

/* Which funds row a label names: 0 the total, 1 财政拨款, 2 财政专户, 3 上年结转,
 * 4 单位资金, 5 其他资金; -1 none. */
int form_funds_row_kind(const char *key) {
  static const char *const total[] = {"年度资金总额", "资金总额",     "总额",     "合计",
                                      "总计",         "项目资金总额", "年度资金", NULL};
  if (form_key_in(key, total))
    return 0;
  if (strstr(key, "财政专户"))
    return 2;
  if (strstr(key, "财政拨款") || strstr(key, "财政资金") || strcmp(key, "财政") == 0)
    return 1;
  if (strstr(key, "上年结转"))
    return 3;
  if (strstr(key, "单位资金") || strstr(key, "自有资金") || strstr(key, "单位自筹"))
    return 4;
  if (strstr(key, "其他资金") || strcmp(key, "其他") == 0)
    return 5;
  return -1;
}

/* A row of the funds block: the total with its execution, or a source. */
bool form_read_funds_row(Table *t, const JxRow *row) {
  struct SheetForm *f = t->form;
  char *label = form_at(row, 1);
  char *k = form_label_key(label);
  int kind = *k ? form_funds_row_kind(k) : -1;
  g_free(k);
  g_free(label);
  if (kind < 0)
    return false;
  JxFunds *fu = &f->funds;
  int64_t amount = 0;
  bool has;
  /* a monitoring form's budget is its 年初预算数 when it has no other; a
   * target form's the first filled cell after the label */
  int budget = f->fcol[FC_BUDGET] >= 0 ? f->fcol[FC_BUDGET] : f->fcol[FC_INITIAL];
  for (guint i = 2; f->funds_pairs && budget < 0 && i < row->n; i++)
    if (!jx_text_is_blank(row->cells[i].text))
      budget = (int)i;
  form_read_money(t, row, budget, &amount, &has);
  switch (kind) {
  case 0: {
    fu->total = amount, fu->has_total = has;
    form_read_money(t, row, f->fcol[FC_INITIAL], &fu->initial, &fu->has_initial);
    form_read_money(t, row, f->fcol[FC_EXECUTED], &f->executed, &f->has_executed);
    form_read_money(t, row, f->fcol[FC_EXPECTED], &f->expected, &f->has_expected);
    form_read_decimal(t, row, f->fcol[FC_RATE], &f->rate, &f->has_rate, "执行率");
    form_read_decimal(t, row, f->fcol[FC_WEIGHT], &f->weight, &f->has_weight, "分值");
    if (f->fcol[FC_SCORE] >= 0) {
      char *s = form_at(row, (guint)f->fcol[FC_SCORE]);
      if (strcmp(s, "/") == 0)
        s[0] = '\0';
      sheet_set_string(&f->score, s);
    }
    if (f->fcol[FC_CAUSE] >= 0) {
      char *s = form_at(row, (guint)f->fcol[FC_CAUSE]);
      if (*s && !sheet_is_prompt(s) && strcmp(s, "/") != 0 && strcmp(s, "0") != 0)
        form_add_text(f, "预算执行偏差原因", s, form_loc_at(t, row, (guint)f->fcol[FC_CAUSE]));
      g_free(s);
    }
    f->has_execution = f->has_executed || f->has_rate || f->has_expected;
    f->rate_loc = form_loc_at(t, row, (guint)MAX(f->fcol[FC_RATE], 0));
    f->funds_loc = form_loc_at(t, row, 1);
    break;
  }
  case 1:
    fu->fiscal = amount, fu->has_fiscal = has;
    break;
  case 2:
    fu->special = amount, fu->has_special = has;
    break;
  case 3:
    fu->carryover = amount, fu->has_carryover = has;
    break;
  case 4:
    fu->own = amount, fu->has_own = has;
    break;
  default:
    fu->other = amount, fu->has_other = has;
    break;
  }
  return true;
}

/* The goal block's label row: which columns hold the goal, what came of
 * it, and a long-term goal; a value may stand in the row itself. */
void form_read_goal_header(Table *t, const JxRow *row) {
  struct SheetForm *f = t->form;
  f->goal_col = f->achieved_col = f->long_col = -1;
  bool labels = false;
  for (guint i = 1; i < row->n; i++) {
    char *k = form_key_at(row, i);
    /* "1.项目年度目标完成情况" heads the sub-rows, not a column */
    bool numbered = g_ascii_isdigit(*k);
    if (*k && !numbered && g_utf8_strlen(k, -1) <= 16 && strstr(k, "目标")) {
      if (strstr(k, "完成"))
        f->achieved_col = (int)i;
      else if (strstr(k, "中期") || strstr(k, "长期") || strstr(k, "实施期"))
        f->long_col = (int)i;
      else
        f->goal_col = (int)i;
      labels = true;
    } else if (*k && !numbered && g_utf8_strlen(k, -1) <= 16 &&
               (strstr(k, "完成情况") || strstr(k, "完成综述"))) {
      f->achieved_col = (int)i;
      labels = true;
    }
    g_free(k);
  }
  if (!labels) {
    /* 年度总体目标 | the goal itself */
    guint first;
    JxRow rest = *row;
    if (row->n > 1) {
      rest.cells = row->cells + 1;
      rest.n = row->n - 1;
      if (sheet_filled_cells(&rest, &first) > 0) {
        char *text = form_at(row, first + 1);
        sheet_set_string(&f->goal, jx_text_from_markup(text));
        g_free(text);
      }
    }
  }
  f->stage = STAGE_GOAL;
  f->content = true;
}

/* A row under the goal labels: the texts in their columns, or a numbered
 * sub-row ("2.项目实施内容及过程概述" | text) as a text of the project. */
bool form_read_goal_row(Table *t, const JxRow *row) {
  struct SheetForm *f = t->form;
  char *first = form_at(row, 0);
  bool blank_first = !*first;
  g_free(first);
  if (!blank_first)
    return false;
  char *sub = form_at(row, 1);
  bool read = false;
  if (*sub && f->goal_col != 1 && f->long_col != 1 && f->achieved_col != 1) {
    /* a sub-label and its text in the cells after it */
    char *label = sheet_trailer_label(sub);
    if (!label) {
      const char *p = sub;
      while (g_ascii_isdigit(*p) || *p == '.' || g_str_has_prefix(p, "、") ||
             g_str_has_prefix(p, "．"))
        p += g_str_has_prefix(p, "、") || g_str_has_prefix(p, "．") ? strlen("、") : 1;
      label = g_strdup(p);
    }
    GString *text = g_string_new(NULL);
    JxLoc loc = form_loc_at(t, row, 2);
    for (guint i = 2; i < row->n; i++) {
      if ((int)i == f->achieved_col || (int)i == f->goal_col || (int)i == f->long_col) {
        if (strstr(label, "目标完成情况") || strstr(label, "目标"))
          continue; /* the values row of the labels above */
      }
      char *c = form_at(row, i);
      if (*c && !sheet_is_prompt(c)) {
        if (text->len)
          g_string_append_c(text, '\n');
        g_string_append(text, c);
      }
      g_free(c);
    }
    if (!strstr(label, "目标") && text->len) {
      form_add_text(f, label, text->str, loc);
      read = true;
    }
    g_string_free(text, TRUE);
    g_free(label);
    if (read) {
      g_free(sub);
      return true;
    }
  }
  g_free(sub);
  struct {
    int col;
    char **field;
  } cols[] = {{f->goal_col, &f->goal}, {f->achieved_col, &f->achieved}};
  for (int k = 0; k < 2; k++) {
    if (cols[k].col < 0)
      continue;
    char *text = form_at(row, (guint)cols[k].col);
    if (*text && !sheet_is_prompt(text)) {
      char *plain = jx_text_from_markup(text);
      if (*cols[k].field && **cols[k].field) {
        char *both = g_strconcat(*cols[k].field, "\n", plain, NULL);
        g_free(plain);
        plain = both;
      }
      sheet_set_string(cols[k].field, plain);
      read = true;
    }
    g_free(text);
  }
  if (f->long_col >= 0) {
    char *text = form_at(row, (guint)f->long_col);
    if (*text && !sheet_is_prompt(text)) {
      form_add_text(f, "中期目标", text, form_loc_at(t, row, (guint)f->long_col));
      read = true;
    }
    g_free(text);
  }
  return read;
}
