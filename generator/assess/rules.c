/* rules.c - the rules of assessment, read from a key file: thresholds,
 * weights, grades, phrases and the in-year settings. */
#include "assess/assess.h"

#include "read/table.h"
#include "model/text.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

/* ---- configuration ---- */

static void phrase_free(JxPhrase *p) {
  g_free(p->phrase);
  g_free(p);
}

static void weight_free(JxWeight *w) {
  g_free(w->label);
  g_free(w);
}

static void grade_free(JxGrade *g) {
  g_free(g->name);
  g_free(g);
}

void jx_assess_config_free(JxAssessConfig *c) {
  if (!c)
    return;
  g_ptr_array_free(c->phrases, TRUE);
  g_ptr_array_free(c->not_applicable, TRUE);
  g_ptr_array_free(c->weights, TRUE);
  g_ptr_array_free(c->grades, TRUE);
  g_strfreev(c->level_units);
  g_strfreev(c->level_words);
  if (c->accumulates)
    g_hash_table_destroy(c->accumulates);
  g_free(c);
}

/* Reads a number; false (with *error) when the key is missing or is not one. */
static bool number(GKeyFile *kf, const char *path, const char *group, const char *key, double *out,
                   GError **error) {
  char *text = g_key_file_get_value(kf, group, key, NULL);
  char *end = NULL;
  double v = text ? g_ascii_strtod(text, &end) : 0;
  bool ok = text && end && end != text && *end == '\0';
  if (!ok)
    g_set_error(error, G_KEY_FILE_ERROR, G_KEY_FILE_ERROR_INVALID_VALUE, "%s: [%s] %s %s", path,
                group, key, text ? "is not a number" : "is missing");
  g_free(text);
  *out = v;
  return ok;
}

/* Reads [in-year] and [in-year-indicators]. */
static bool read_in_year(GKeyFile *kf, const char *path, JxAssessConfig *c, GError **error) {
  if (!number(kf, path, "in-year", "lag", &c->lag, error) ||
      !number(kf, path, "warnings", "yellow", &c->yellow, error) ||
      !number(kf, path, "warnings", "red", &c->red, error))
    return false;
  if (c->red < c->yellow) {
    g_set_error(error, G_KEY_FILE_ERROR, G_KEY_FILE_ERROR_INVALID_VALUE,
                "%s: [warnings] red (%g) is less than yellow (%g): red is further behind", path,
                c->red, c->yellow);
    return false;
  }
  c->level_units = g_key_file_get_string_list(kf, "in-year", "level-units", NULL, NULL);
  c->level_words = g_key_file_get_string_list(kf, "in-year", "level-words", NULL, NULL);
  if (!c->level_units)
    c->level_units = g_new0(gchar *, 1);
  if (!c->level_words)
    c->level_words = g_new0(gchar *, 1);
  gchar **keys = g_key_file_get_keys(kf, "in-year-indicators", NULL, NULL);
  bool ok = true;
  for (int k = 0; keys && keys[k] && ok; k++) {
    char *v = g_key_file_get_string(kf, "in-year-indicators", keys[k], NULL);
    char *vs = v ? g_strstrip(v) : NULL;
    int kind = vs && strcmp(vs, "累计") == 0 ? 1 : vs && strcmp(vs, "时点") == 0 ? 2 : 0;
    if (!kind) {
      g_set_error(error, G_KEY_FILE_ERROR, G_KEY_FILE_ERROR_INVALID_VALUE,
                  "%s: [in-year-indicators] %s is neither 累计 nor 时点", path, keys[k]);
      ok = false;
    } else {
      g_hash_table_insert(c->accumulates, jx_text_key(keys[k]), GINT_TO_POINTER(kind));
    }
    g_free(v);
  }
  g_strfreev(keys);
  return ok;
}

static gint grade_order(gconstpointer a, gconstpointer b) {
  double x = (*(JxGrade *const *)a)->from, y = (*(JxGrade *const *)b)->from;
  return (x < y) - (x > y);
}

/* Reads every key of a section as a number into a table: kind 0 weights,
 * 1 grades, 2 phrases. */
static bool read_table(GKeyFile *kf, const char *path, const char *section, int kind,
                       JxAssessConfig *c, GError **error) {
  gchar **keys = g_key_file_get_keys(kf, section, NULL, NULL);
  if (!keys) {
    g_set_error(error, G_KEY_FILE_ERROR, G_KEY_FILE_ERROR_GROUP_NOT_FOUND, "%s: no [%s]", path,
                section);
    return false;
  }
  bool ok = true;
  for (int k = 0; ok && keys[k]; k++) {
    double v;
    if (!(ok = number(kf, path, section, keys[k], &v, error)))
      break;
    if (kind == 0) {
      JxWeight *w = g_new0(JxWeight, 1);
      w->label = g_strdup(keys[k]);
      w->points = v;
      g_ptr_array_add(c->weights, w);
    } else if (kind == 1) {
      JxGrade *g = g_new0(JxGrade, 1);
      g->name = g_strdup(keys[k]);
      g->from = v;
      g_ptr_array_add(c->grades, g);
    } else {
      JxPhrase *p = g_new0(JxPhrase, 1);
      p->phrase = g_strdup(keys[k]);
      p->ratio = v;
      g_ptr_array_add(c->phrases, p);
    }
  }
  g_strfreev(keys);
  return ok;
}

JxAssessConfig *jx_assess_config_load(const char *path, GError **error) {
  GKeyFile *kf = g_key_file_new();
  if (!g_key_file_load_from_file(kf, path, G_KEY_FILE_NONE, error)) {
    g_key_file_free(kf);
    return NULL;
  }
  JxAssessConfig *c = jx_assess_config_from_keys(kf, path, error);
  g_key_file_free(kf);
  return c;
}

JxAssessConfig *jx_assess_config_from_keys(GKeyFile *kf, const char *path, GError **error) {
  JxAssessConfig *c = g_new0(JxAssessConfig, 1);
  c->phrases = g_ptr_array_new_with_free_func((GDestroyNotify)phrase_free);
  c->not_applicable = g_ptr_array_new_with_free_func(g_free);
  c->weights = g_ptr_array_new_with_free_func((GDestroyNotify)weight_free);
  c->grades = g_ptr_array_new_with_free_func((GDestroyNotify)grade_free);
  c->accumulates = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, NULL);
  bool ok = number(kf, path, "assess", "partly-from", &c->partly_from, error) &&
            number(kf, path, "assess", "qualitative-met-from", &c->qual_met_from, error) &&
            number(kf, path, "assess", "qualitative-partly-from", &c->qual_partly_from, error) &&
            number(kf, path, "assess", "too-easy-above", &c->too_easy_above, error);
  if (ok) {
    GError *err = NULL;
    c->penalise_too_easy = g_key_file_get_boolean(kf, "assess", "penalise-too-easy", &err);
    if (err) {
      g_set_error(error, G_KEY_FILE_ERROR, G_KEY_FILE_ERROR_INVALID_VALUE,
                  "%s: [assess] penalise-too-easy is not true or false", path);
      g_error_free(err);
      ok = false;
    }
  }
  ok = ok && read_table(kf, path, "weights", 0, c, error) &&
       read_table(kf, path, "grades", 1, c, error) &&
       read_table(kf, path, "phrases", 2, c, error) && read_in_year(kf, path, c, error);
  if (ok) {
    gchar **na = g_key_file_get_string_list(kf, "not-applicable", "phrases", NULL, NULL);
    for (int k = 0; na && na[k]; k++)
      g_ptr_array_add(c->not_applicable, g_strstrip(g_strdup(na[k])));
    g_strfreev(na);
    g_ptr_array_sort(c->grades, grade_order);
  }
  if (!ok) {
    jx_assess_config_free(c);
    return NULL;
  }
  return c;
}

double jx_assess_weight(const JxAssessConfig *c, const char *label) {
  double other = 0;
  for (guint i = 0; i < c->weights->len; i++) {
    const JxWeight *w = g_ptr_array_index(c->weights, i);
    if (strcmp(w->label, label) == 0)
      return w->points;
    if (strcmp(w->label, "其他") == 0)
      other = w->points;
  }
  return other;
}

const char *jx_assess_grade(const JxAssessConfig *c, double total) {
  for (guint i = 0; i < c->grades->len; i++) {
    const JxGrade *g = g_ptr_array_index(c->grades, i);
    if (total >= g->from - 1e-9)
      return g->name;
  }
  return c->grades->len ? ((JxGrade *)g_ptr_array_index(c->grades, c->grades->len - 1))->name : "";
}

const char *jx_status_name(JxStatus s) {
  static const char *const names[] = {"达成",     "部分达成", "未达成",
                                      "无实际值", "不适用",   "无法评价"};
  return names[s];
}
