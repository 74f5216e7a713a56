/* model.c - departments, projects, indicators and actuals. */
#include "model/model.h"

#include "model/decimal.h"
#include "model/text.h"

#include <string.h>

static void actual_free(JxActual *a) {
  g_free(a->period);
  jx_value_free(a->value);
  g_free(a->score);
  g_free(a->cause);
  g_free(a->likelihood);
  g_free(a->expected);
  g_free(a);
}

static void indicator_free(JxIndicator *ind) {
  jx_value_free(ind->period_target);
  jx_value_free(ind->annual_target);
  if (ind->actuals)
    g_ptr_array_free(ind->actuals, TRUE);
  g_free(ind);
}

static void weight_free(JxGroupWeight *w) {
  g_free(w->level1);
  g_free(w);
}

static void execution_free(JxExecution *e) {
  g_free(e->period);
  g_free(e->score);
  g_free(e);
}

static void text_free(JxText *t) {
  g_free(t->label);
  g_free(t->text);
  g_free(t);
}

static void project_free(JxProject *p) {
  g_free(p->name);
  g_free(p->code);
  g_free(p->unit);
  g_free(p->goal);
  g_free(p->achieved);
  g_ptr_array_free(p->texts, TRUE);
  g_ptr_array_free(p->indicators, TRUE);
  g_ptr_array_free(p->weights, TRUE);
  g_ptr_array_free(p->executions, TRUE);
  if (p->index)
    g_hash_table_destroy(p->index);
  g_free(p);
}

static void department_free(JxDepartment *d) {
  g_free(d->name);
  g_free(d->code);
  g_ptr_array_free(d->projects, TRUE);
  if (d->index)
    g_hash_table_destroy(d->index);
  g_free(d);
}

JxModel *jx_model_new(void) {
  JxModel *m = g_new0(JxModel, 1);
  m->departments = g_ptr_array_new_with_free_func((GDestroyNotify)department_free);
  m->strings = g_string_chunk_new(256);
  m->by_name = g_hash_table_new(g_str_hash, g_str_equal);
  return m;
}

void jx_model_free(JxModel *m) {
  if (!m)
    return;
  g_hash_table_destroy(m->by_name);
  g_ptr_array_free(m->departments, TRUE);
  g_string_chunk_free(m->strings);
  g_free(m);
}

void jx_model_keep(JxModel *m, bool (*keep)(const char *name, void *data), void *data) {
  guint kept = 0;
  for (guint i = 0; i < m->departments->len; i++) {
    JxDepartment *d = g_ptr_array_index(m->departments, i);
    if (keep(d->name, data)) {
      m->departments->pdata[kept++] = d;
    } else {
      g_hash_table_remove(m->by_name, d->name);
      department_free(d);
    }
  }
  /* in one pass: a file of many departments drops most of them */
  g_ptr_array_set_free_func(m->departments, NULL);
  g_ptr_array_set_size(m->departments, kept);
  g_ptr_array_set_free_func(m->departments, (GDestroyNotify)department_free);
}

const char *jx_model_intern(JxModel *m, const char *s) {
  return g_string_chunk_insert_const(m->strings, s);
}

JxDepartment *jx_model_department(JxModel *m, const char *name, JxLoc loc) {
  JxDepartment *d = g_hash_table_lookup(m->by_name, name);
  if (d)
    return d;
  d = g_new0(JxDepartment, 1);
  d->name = g_strdup(name);
  d->code = g_strdup("");
  d->model = m;
  d->projects = g_ptr_array_new_with_free_func((GDestroyNotify)project_free);
  d->loc = loc;
  g_ptr_array_add(m->departments, d);
  g_hash_table_insert(m->by_name, d->name, d);
  return d;
}

/* Looks key up in *index over items, adding the items not yet indexed;
 * name_of gives an item's name.  The first item of a name wins. */
static void *index_lookup(GHashTable **index, guint *indexed, GPtrArray *items,
                          const char *(*name_of)(void *), const char *name) {
  if (!*index)
    *index = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, NULL);
  for (; *indexed < items->len; (*indexed)++) {
    void *item = g_ptr_array_index(items, *indexed);
    char *k = jx_text_key(name_of(item));
    if (g_hash_table_contains(*index, k))
      g_free(k);
    else
      g_hash_table_insert(*index, k, item);
  }
  char *key = jx_text_key(name);
  void *found = g_hash_table_lookup(*index, key);
  g_free(key);
  return found;
}

static const char *project_name(void *p) {
  return ((JxProject *)p)->name;
}

static const char *indicator_name(void *ind) {
  return ((JxIndicator *)ind)->name;
}

JxProject *jx_department_find_project(const JxDepartment *d, const char *name) {
  JxDepartment *m = (JxDepartment *)d; /* the index is a cache */
  return index_lookup(&m->index, &m->indexed, m->projects, project_name, name);
}

JxProject *jx_project_add(JxDepartment *d, const char *name, JxLoc loc) {
  JxProject *p = g_new0(JxProject, 1);
  p->name = g_strdup(name);
  p->code = g_strdup("");
  p->unit = g_strdup("");
  p->goal = g_strdup("");
  p->achieved = g_strdup("");
  p->texts = g_ptr_array_new_with_free_func((GDestroyNotify)text_free);
  p->indicators = g_ptr_array_new_with_free_func((GDestroyNotify)indicator_free);
  p->weights = g_ptr_array_new_with_free_func((GDestroyNotify)weight_free);
  p->executions = g_ptr_array_new_with_free_func((GDestroyNotify)execution_free);
  p->department = d;
  p->loc = loc;
  g_ptr_array_add(d->projects, p);
  return p;
}

JxText *jx_project_add_text(JxProject *p, const char *label, const char *text, JxLoc loc) {
  JxText *t = g_new0(JxText, 1);
  t->label = g_strdup(label);
  t->text = g_strdup(text);
  t->loc = loc;
  g_ptr_array_add(p->texts, t);
  return t;
}

/* Whether c may stand in a budget system's code: digits, capitals, and the
 * dots and dashes between their parts. */
static bool code_char(char c) {
  return g_ascii_isdigit(c) || g_ascii_isupper(c) || c == '.';
}

void jx_split_code(const char *text, char **code, char **name) {
  const char *s = text;
  while (*s == ' ')
    s++;
  /* [015001]某局, 【015001】某局 */
  bool square = *s == '[', lenticular = g_str_has_prefix(s, "【");
  if (square || lenticular) {
    const char *start = s + (square ? 1 : strlen("【"));
    const char *end = strstr(start, square ? "]" : "】");
    const char *q = start;
    while (end && q < end && code_char(*q))
      q++;
    if (end && q == end && end > start) {
      *code = g_strndup(start, (gsize)(end - start));
      *name = jx_text_trim(end + (square ? 1 : strlen("】")));
      return;
    }
  }
  /* 219-某镇人民政府, 51092324T000010263357-2023年项目: a code of three or
   * more characters with a digit, a dash, then a name in Chinese; four
   * digits and a dash are a span of years ("2023-2025年"), not a code */
  const char *q = s;
  bool digit = false;
  while (code_char(*q))
    digit |= g_ascii_isdigit(*q++);
  if (digit && q - s >= 3 && q - s != 4 && (*q == '-' || g_str_has_prefix(q, "－"))) {
    const char *rest = q + (*q == '-' ? 1 : strlen("－"));
    bool chinese = false;
    for (const char *r = rest; *r && !chinese; r++)
      chinese = (unsigned char)*r >= 0x80;
    if (chinese && *rest != ' ') {
      *code = g_strndup(s, (gsize)(q - s));
      *name = jx_text_trim(rest);
      return;
    }
  }
  *code = g_strdup("");
  *name = jx_text_trim(text);
}

const char *jx_project_intern(JxProject *p, const char *s) {
  return jx_model_intern(p->department->model, s);
}

JxIndicator *jx_project_add_indicator(JxProject *p, JxLoc loc) {
  JxIndicator *ind = g_new0(JxIndicator, 1);
  ind->seq = (int)p->indicators->len + 1;
  ind->level1 = ind->level2 = ind->name = ind->remark = "";
  ind->group = JX_GROUP_OTHER;
  ind->loc = loc;
  g_ptr_array_add(p->indicators, ind);
  return ind;
}

JxIndicator *jx_project_find_indicator(const JxProject *p, const char *name) {
  JxProject *m = (JxProject *)p; /* the index is a cache */
  return index_lookup(&m->index, &m->indexed, m->indicators, indicator_name, name);
}

JxExecution *jx_project_execution(JxProject *p, const char *period, JxLoc loc) {
  for (guint i = 0; i < p->executions->len; i++) {
    JxExecution *e = g_ptr_array_index(p->executions, i);
    if (strcmp(e->period, period) == 0)
      return e;
  }
  JxExecution *e = g_new0(JxExecution, 1);
  e->period = g_strdup(period);
  e->score = g_strdup("");
  e->loc = loc;
  g_ptr_array_add(p->executions, e);
  return e;
}

JxActual *jx_indicator_add_actual(JxIndicator *ind, const char *period, JxLoc loc) {
  JxActual *a = g_new0(JxActual, 1);
  a->period = g_strdup(period);
  a->score = g_strdup("");
  a->cause = g_strdup("");
  a->likelihood = g_strdup("");
  a->expected = g_strdup("");
  a->loc = loc;
  if (!ind->actuals)
    ind->actuals = g_ptr_array_new_with_free_func((GDestroyNotify)actual_free);
  g_ptr_array_add(ind->actuals, a);
  return a;
}

guint jx_indicator_actual_count(const JxIndicator *ind) {
  return ind->actuals ? ind->actuals->len : 0;
}

guint jx_model_count_projects(const JxModel *m) {
  guint n = 0;
  for (guint i = 0; i < m->departments->len; i++)
    n += ((JxDepartment *)g_ptr_array_index(m->departments, i))->projects->len;
  return n;
}

guint jx_model_count_indicators(const JxModel *m) {
  guint n = 0;
  for (guint i = 0; i < m->departments->len; i++) {
    JxDepartment *d = g_ptr_array_index(m->departments, i);
    for (guint j = 0; j < d->projects->len; j++)
      n += ((JxProject *)g_ptr_array_index(d->projects, j))->indicators->len;
  }
  return n;
}

/* Labels of each 一级 category, as the budget systems write them.  Other
 * labels (预期产出指标, 效果指标, 环境效益指标 in older tables) are kept and
 * grouped as 其他. */
static const struct {
  const char *label;
  JxGroup group;
} group_labels[] = {{"产出指标", JX_GROUP_OUTPUT},
                    {"产出", JX_GROUP_OUTPUT},
                    {"效益指标", JX_GROUP_EFFECT},
                    {"效益", JX_GROUP_EFFECT},
                    {"满意度指标", JX_GROUP_SATISFACTION},
                    {"满意度", JX_GROUP_SATISFACTION},
                    {"成本指标", JX_GROUP_COST},
                    {"成本", JX_GROUP_COST},
                    {NULL, 0}};

JxGroup jx_group_from_label(const char *label) {
  char *key = jx_text_key(label);
  JxGroup g = JX_GROUP_OTHER;
  for (int i = 0; group_labels[i].label; i++)
    if (strcmp(key, group_labels[i].label) == 0)
      g = group_labels[i].group;
  g_free(key);
  return g;
}

const char *jx_group_name(JxGroup g) {
  static const char *const names[] = {"产出指标", "效益指标", "满意度指标", "成本指标", "其他"};
  return names[g];
}

char *jx_level1_label(const JxProject *p, const JxIndicator *ind) {
  for (guint i = 0; i < p->weights->len; i++) {
    const JxGroupWeight *w = g_ptr_array_index(p->weights, i);
    if (strcmp(w->level1, ind->level1) == 0) {
      char buf[32];
      return g_strdup_printf("%s（%s分）", ind->level1,
                             jx_decimal_format(w->weight, buf, sizeof buf));
    }
  }
  return g_strdup(ind->level1);
}
