/* wire.c - one department of the model as bytes, and back. */
#include "batch/wire.h"

#include <errno.h>
#include <string.h>
#include <unistd.h>

/* ---- writing ---- */

void jx_wire_put_int(GString *out, gint64 v) {
  g_string_append_len(out, (const char *)&v, sizeof v);
}

void jx_wire_put_string(GString *out, const char *s) {
  if (!s) {
    jx_wire_put_int(out, -1);
    return;
  }
  gint64 len = (gint64)strlen(s);
  jx_wire_put_int(out, len);
  g_string_append_len(out, s, (gssize)len);
}

static void put_decimal(GString *out, JxDecimal d) {
  jx_wire_put_int(out, d.units);
  jx_wire_put_int(out, d.scale);
}

static void put_loc(GString *out, JxLoc loc) {
  jx_wire_put_string(out, loc.file);
  jx_wire_put_int(out, loc.line);
  jx_wire_put_int(out, loc.col);
}

/* A value or NULL, with its sub-targets. */
static void put_value(GString *out, const JxValue *v) {
  jx_wire_put_int(out, v != NULL);
  if (!v)
    return;
  jx_wire_put_string(out, v->raw);
  jx_wire_put_int(out, v->cmp);
  jx_wire_put_int(out, v->cmp_explicit);
  put_decimal(out, v->number);
  put_decimal(out, v->upper);
  jx_wire_put_string(out, v->unit);
  jx_wire_put_string(out, v->label);
  jx_wire_put_string(out, v->note);
  guint n = v->parts ? v->parts->len : 0;
  jx_wire_put_int(out, n);
  for (guint i = 0; i < n; i++)
    put_value(out, g_ptr_array_index(v->parts, i));
}

static void put_indicator(GString *out, const JxIndicator *ind) {
  jx_wire_put_int(out, ind->seq);
  jx_wire_put_string(out, ind->level1);
  jx_wire_put_string(out, ind->level2);
  jx_wire_put_string(out, ind->name);
  jx_wire_put_int(out, ind->group);
  put_value(out, ind->period_target);
  /* one value can stand for both targets, and stays one */
  bool shared = ind->annual_target && ind->annual_target == ind->period_target;
  jx_wire_put_int(out, shared);
  if (!shared)
    put_value(out, ind->annual_target);
  put_decimal(out, ind->weight);
  jx_wire_put_int(out, ind->has_weight);
  jx_wire_put_string(out, ind->remark);
  put_loc(out, ind->loc);
  guint n = jx_indicator_actual_count(ind);
  jx_wire_put_int(out, n);
  for (guint i = 0; i < n; i++) {
    const JxActual *a = g_ptr_array_index(ind->actuals, i);
    jx_wire_put_string(out, a->period);
    put_value(out, a->value);
    jx_wire_put_string(out, a->score);
    jx_wire_put_string(out, a->cause);
    jx_wire_put_string(out, a->likelihood);
    jx_wire_put_string(out, a->expected);
    put_loc(out, a->loc);
  }
}

static void put_project(GString *out, const JxProject *p) {
  jx_wire_put_string(out, p->name);
  jx_wire_put_string(out, p->code);
  jx_wire_put_string(out, p->unit);
  jx_wire_put_int(out, p->whole);
  const JxFunds *f = &p->funds;
  jx_wire_put_int(out, f->total);
  jx_wire_put_int(out, f->fiscal);
  jx_wire_put_int(out, f->special);
  jx_wire_put_int(out, f->other);
  jx_wire_put_int(out, f->initial);
  jx_wire_put_int(out, f->carryover);
  jx_wire_put_int(out, f->own);
  jx_wire_put_int(out, f->has_total | f->has_fiscal << 1 | f->has_special << 2 | f->has_other << 3 |
                           f->has_initial << 4 | f->has_carryover << 5 | f->has_own << 6);
  jx_wire_put_string(out, p->goal);
  jx_wire_put_string(out, p->achieved);
  put_loc(out, p->loc);
  jx_wire_put_int(out, p->texts->len);
  for (guint i = 0; i < p->texts->len; i++) {
    const JxText *t = g_ptr_array_index(p->texts, i);
    jx_wire_put_string(out, t->label);
    jx_wire_put_string(out, t->text);
    put_loc(out, t->loc);
  }
  jx_wire_put_int(out, p->weights->len);
  for (guint i = 0; i < p->weights->len; i++) {
    const JxGroupWeight *w = g_ptr_array_index(p->weights, i);
    jx_wire_put_string(out, w->level1);
    put_decimal(out, w->weight);
  }
  jx_wire_put_int(out, p->executions->len);
  for (guint i = 0; i < p->executions->len; i++) {
    const JxExecution *e = g_ptr_array_index(p->executions, i);
    jx_wire_put_string(out, e->period);
    jx_wire_put_int(out, e->executed);
    jx_wire_put_int(out, e->has_executed);
    put_decimal(out, e->rate);
    jx_wire_put_int(out, e->has_rate);
    put_decimal(out, e->weight);
    jx_wire_put_int(out, e->has_weight);
    jx_wire_put_string(out, e->score);
    jx_wire_put_int(out, e->expected);
    jx_wire_put_int(out, e->has_expected);
    put_loc(out, e->loc);
  }
  jx_wire_put_int(out, p->indicators->len);
  for (guint i = 0; i < p->indicators->len; i++)
    put_indicator(out, g_ptr_array_index(p->indicators, i));
}

void jx_wire_put_department(GString *out, const JxDepartment *d) {
  jx_wire_put_string(out, d->name);
  jx_wire_put_string(out, d->code);
  put_loc(out, d->loc);
  jx_wire_put_int(out, d->projects->len);
  for (guint i = 0; i < d->projects->len; i++)
    put_project(out, g_ptr_array_index(d->projects, i));
}

/* ---- reading ---- */

gint64 jx_wire_get_int(JxWireReader *r) {
  gint64 v = 0;
  if (r->bad || r->len - r->at < sizeof v) {
    r->bad = true;
    return 0;
  }
  memcpy(&v, r->data + r->at, sizeof v);
  r->at += sizeof v;
  return v;
}

char *jx_wire_get_string(JxWireReader *r) {
  gint64 len = jx_wire_get_int(r);
  if (len == -1 && !r->bad)
    return NULL;
  if (r->bad || len < 0 || (guint64)len > r->len - r->at) {
    r->bad = true;
    return g_strdup("");
  }
  char *s = g_strndup(r->data + r->at, (gsize)len);
  r->at += (gsize)len;
  return s;
}

/* A count of items that each take at least one int: never more than the
 * bytes left could hold. */
static guint get_count(JxWireReader *r) {
  gint64 n = jx_wire_get_int(r);
  if (n < 0 || (guint64)n > (r->len - r->at) / sizeof(gint64)) {
    r->bad = true;
    return 0;
  }
  return (guint)n;
}

static JxDecimal get_decimal(JxWireReader *r) {
  JxDecimal d;
  d.units = jx_wire_get_int(r);
  d.scale = (int)jx_wire_get_int(r);
  return d;
}

static JxLoc get_loc(JxWireReader *r, JxModel *m) {
  JxLoc loc;
  char *file = jx_wire_get_string(r);
  loc.file = file ? jx_model_intern(m, file) : NULL;
  g_free(file);
  loc.line = (int)jx_wire_get_int(r);
  loc.col = (int)jx_wire_get_int(r);
  return loc;
}

/* A string kept by the project's model. */
static const char *get_interned(JxWireReader *r, JxProject *p) {
  char *s = jx_wire_get_string(r);
  const char *kept = jx_project_intern(p, s ? s : "");
  g_free(s);
  return kept;
}

/* Replaces a string field owned by its holder with s (taken; NULL is ""). */
static void take_owned(char **field, char *s) {
  g_free(*field);
  *field = s ? s : g_strdup("");
}

/* Replaces a string field owned by its holder with the next string. */
static void take_string(char **field, JxWireReader *r) {
  take_owned(field, jx_wire_get_string(r));
}

static JxValue *get_value(JxWireReader *r, int depth) {
  if (!jx_wire_get_int(r) || r->bad)
    return NULL;
  char *raw = jx_wire_get_string(r);
  JxComparator cmp = (JxComparator)jx_wire_get_int(r);
  bool explicit = jx_wire_get_int(r) != 0;
  JxDecimal number = get_decimal(r), upper = get_decimal(r);
  char *unit = jx_wire_get_string(r), *label = jx_wire_get_string(r), *note = jx_wire_get_string(r);
  JxValue *v = jx_value_make(raw, cmp, explicit, number, upper, unit, label, note);
  g_free(raw);
  g_free(unit);
  g_free(label);
  g_free(note);
  guint n = get_count(r);
  /* sub-targets have no sub-targets of their own */
  if (n && depth > 0)
    r->bad = true;
  for (guint i = 0; i < n && !r->bad; i++) {
    JxValue *part = get_value(r, depth + 1);
    if (part)
      jx_value_add_part(v, part);
  }
  return v;
}

static void get_indicator(JxWireReader *r, JxProject *p, JxModel *m) {
  int seq = (int)jx_wire_get_int(r);
  const char *level1 = get_interned(r, p), *level2 = get_interned(r, p), *name = get_interned(r, p);
  JxGroup group = (JxGroup)jx_wire_get_int(r);
  JxValue *period_target = get_value(r, 0);
  JxValue *annual_target = NULL;
  if (jx_wire_get_int(r))
    annual_target = period_target ? jx_value_ref(period_target) : NULL;
  else
    annual_target = get_value(r, 0);
  JxDecimal weight = get_decimal(r);
  bool has_weight = jx_wire_get_int(r) != 0;
  const char *remark = get_interned(r, p);
  JxLoc loc = get_loc(r, m);
  JxIndicator *ind = jx_project_add_indicator(p, loc);
  ind->seq = seq;
  ind->level1 = level1;
  ind->level2 = level2;
  ind->name = name;
  ind->group = group;
  ind->period_target = period_target;
  ind->annual_target = annual_target;
  ind->weight = weight;
  ind->has_weight = has_weight;
  ind->remark = remark;
  guint n = get_count(r);
  for (guint i = 0; i < n && !r->bad; i++) {
    char *period = jx_wire_get_string(r);
    JxValue *value = get_value(r, 0);
    /* the actual is made once its location is read */
    char *score = jx_wire_get_string(r), *cause = jx_wire_get_string(r),
         *likelihood = jx_wire_get_string(r), *expected = jx_wire_get_string(r);
    JxActual *a = jx_indicator_add_actual(ind, period ? period : "", get_loc(r, m));
    a->value = value;
    g_free(a->expected);
    a->expected = expected ? expected : g_strdup("");
    g_free(a->score);
    g_free(a->cause);
    g_free(a->likelihood);
    a->score = score ? score : g_strdup("");
    a->cause = cause ? cause : g_strdup("");
    a->likelihood = likelihood ? likelihood : g_strdup("");
    g_free(period);
  }
}

static void get_project(JxWireReader *r, JxDepartment *d, JxModel *m) {
  char *name = jx_wire_get_string(r);
  char *code = jx_wire_get_string(r), *unit = jx_wire_get_string(r);
  bool whole = jx_wire_get_int(r) != 0;
  JxFunds f = {0};
  f.total = jx_wire_get_int(r);
  f.fiscal = jx_wire_get_int(r);
  f.special = jx_wire_get_int(r);
  f.other = jx_wire_get_int(r);
  f.initial = jx_wire_get_int(r);
  f.carryover = jx_wire_get_int(r);
  f.own = jx_wire_get_int(r);
  gint64 has = jx_wire_get_int(r);
  f.has_total = has & 1;
  f.has_fiscal = has & 2;
  f.has_special = has & 4;
  f.has_other = has & 8;
  f.has_initial = has & 16;
  f.has_carryover = has & 32;
  f.has_own = has & 64;
  char *goal = jx_wire_get_string(r), *achieved = jx_wire_get_string(r);
  JxLoc loc = get_loc(r, m);
  JxProject *p = jx_project_add(d, name ? name : "", loc);
  g_free(name);
  p->funds = f;
  p->whole = whole;
  take_owned(&p->code, code);
  take_owned(&p->unit, unit);
  take_owned(&p->goal, goal);
  take_owned(&p->achieved, achieved);
  guint n = get_count(r);
  for (guint i = 0; i < n && !r->bad; i++) {
    char *label = jx_wire_get_string(r), *text = jx_wire_get_string(r);
    jx_project_add_text(p, label ? label : "", text ? text : "", get_loc(r, m));
    g_free(label);
    g_free(text);
  }
  n = get_count(r);
  for (guint i = 0; i < n && !r->bad; i++) {
    JxGroupWeight *w = g_new0(JxGroupWeight, 1);
    w->level1 = NULL;
    take_string(&w->level1, r);
    w->weight = get_decimal(r);
    g_ptr_array_add(p->weights, w);
  }
  n = get_count(r);
  for (guint i = 0; i < n && !r->bad; i++) {
    char *period = jx_wire_get_string(r);
    gint64 executed = jx_wire_get_int(r);
    bool has_executed = jx_wire_get_int(r) != 0;
    JxDecimal rate = get_decimal(r);
    bool has_rate = jx_wire_get_int(r) != 0;
    JxDecimal weight = get_decimal(r);
    bool has_weight = jx_wire_get_int(r) != 0;
    char *score = jx_wire_get_string(r);
    gint64 expected = jx_wire_get_int(r);
    bool has_expected = jx_wire_get_int(r) != 0;
    JxExecution *e = jx_project_execution(p, period ? period : "", get_loc(r, m));
    e->executed = executed;
    e->has_executed = has_executed;
    e->rate = rate;
    e->has_rate = has_rate;
    e->weight = weight;
    e->has_weight = has_weight;
    take_owned(&e->score, score);
    e->expected = expected;
    e->has_expected = has_expected;
    g_free(period);
  }
  n = get_count(r);
  for (guint i = 0; i < n && !r->bad; i++)
    get_indicator(r, p, m);
}

JxModel *jx_wire_get_department(const char *data, gsize len) {
  JxWireReader r = {data, len, 0, false};
  JxModel *m = jx_model_new();
  char *name = jx_wire_get_string(&r), *code = jx_wire_get_string(&r);
  JxLoc loc = get_loc(&r, m);
  JxDepartment *d = jx_model_department(m, name ? name : "", loc);
  g_free(name);
  take_owned(&d->code, code);
  guint n = get_count(&r);
  for (guint i = 0; i < n && !r.bad; i++)
    get_project(&r, d, m);
  if (r.bad || r.at != r.len) {
    jx_model_free(m);
    return NULL;
  }
  return m;
}

/* ---- framing ---- */

/* Writes (or, when in, reads) all n bytes at p, across short transfers and
 * interruptions; false at the end of the stream or on an error. */
static bool transfer(int fd, char *p, gsize n, bool in) {
  while (n > 0) {
    ssize_t k = in ? read(fd, p, n) : write(fd, p, n);
    if (k < 0 && errno == EINTR)
      continue;
    if (k <= 0)
      return false;
    p += k;
    n -= (gsize)k;
  }
  return true;
}

bool jx_wire_send(int fd, const GString *msg) {
  guint32 len = (guint32)msg->len;
  return transfer(fd, (char *)&len, sizeof len, false) && transfer(fd, msg->str, msg->len, false);
}

bool jx_wire_receive(int fd, GString *msg) {
  guint32 len = 0;
  if (!transfer(fd, (char *)&len, sizeof len, true))
    return false;
  /* a department of a million indicators is some hundreds of MB; a length
   * beyond that is not from jixiao */
  if (len > (1u << 30))
    return false;
  g_string_set_size(msg, len);
  return transfer(fd, msg->str, len, true);
}

void jx_wire_put_list(GString *m, const GPtrArray *items) {
  jx_wire_put_int(m, items->len);
  for (guint i = 0; i < items->len; i++)
    jx_wire_put_string(m, g_ptr_array_index(items, i));
}

void jx_wire_get_list(JxWireReader *r, GPtrArray *items) {
  gint64 n = jx_wire_get_int(r);
  for (gint64 i = 0; i < n && !r->bad; i++) {
    char *s = jx_wire_get_string(r);
    g_ptr_array_add(items, s ? s : g_strdup(""));
  }
}
