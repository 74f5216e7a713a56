/* template.c - reading, merging and checking report templates. */
#include "report/template.h"

#include "layout/install.h"
#include "model/text.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#ifndef JX_TEMPLATE_DIR
#define JX_TEMPLATE_DIR "templates"
#endif

/* How deep extends= may go: far more than any house style needs, and a
 * stop for chains that loop through copies. */
#define MAX_DEPTH 16

typedef enum {
  T_TEXT,     /* any text; placeholders checked */
  T_NUMBER,   /* a number in [min, max] */
  T_BOOL,     /* true or false */
  T_CHOICE,   /* one of choices */
  T_LIST,     /* ;-separated texts */
  T_PARTS,    /* ;-separated choices, each at most once */
  T_COLOR,    /* #RRGGBB */
  T_FAMILIES, /* a Pango family list */
} Type;

typedef struct {
  const char *group; /* "font.*" stands for every role's group */
  const char *key;   /* "*" for data keys */
  Type type;
  const char *choices; /* T_CHOICE, T_PARTS: "a|b|c" */
  double min, max;     /* T_NUMBER */
} Spec;

#define PLACES "{部门} {年度} {期间} {项目名称} {页码} {总页数} {生成日期}"
#define REPORT_PARTS                                                                               \
  "cover|toc|funds|overview|execution|lagging|warnings|targets|projects|summary|appendix|letter|"  \
  "record|forms"
#define PROJECT_PARTS "funds|goal|indicators|self-evaluation|charts|trends|monitoring"
#define DISTRICT_PARTS "cover|toc|totals|ranking|scatter|categories|execution|warnings"

static const Spec specs[] = {
    {"template", "name", T_TEXT, NULL, 0, 0},
    {"template", "description", T_TEXT, NULL, 0, 0},
    {"template", "extends", T_TEXT, NULL, 0, 0},
    {"template", "scope", T_CHOICE, "department|district", 0, 0},
    {"page", "size", T_CHOICE, "A4|A3|A5|B5", 0, 0},
    {"page", "orientation", T_CHOICE, "portrait|landscape", 0, 0},
    {"page", "margin-top", T_NUMBER, NULL, 5, 100},
    {"page", "margin-bottom", T_NUMBER, NULL, 5, 100},
    {"page", "margin-left", T_NUMBER, NULL, 5, 100},
    {"page", "margin-right", T_NUMBER, NULL, 5, 100},
    {"page", "header", T_TEXT, NULL, 0, 0},
    {"page", "header-rule", T_BOOL, NULL, 0, 0},
    {"page", "cover-label", T_CHOICE, "roman|none", 0, 0},
    {"page", "cjk-latin-space", T_NUMBER, NULL, 0, 0.5},
    {"page", "punctuation", T_CHOICE, "squeeze|grid", 0, 0},
    {"page", "footer", T_TEXT, NULL, 0, 0},
    {"page", "page-number", T_TEXT, NULL, 0, 0},
    {"page", "page-number-position", T_CHOICE, "outside|inside|center|left|right", 0, 0},
    {"page", "page-number-below", T_NUMBER, NULL, 0, 30},
    {"page", "page-number-inset", T_NUMBER, NULL, 0, 10},
    {"font.*", "family", T_FAMILIES, NULL, 0, 0},
    {"font.*", "truetype", T_FAMILIES, NULL, 0, 0},
    {"font.*", "size", T_NUMBER, NULL, 4, 72},
    {"font.*", "weight", T_CHOICE, "regular|bold", 0, 0},
    {"font.*", "pitch", T_NUMBER, NULL, 4, 100},
    {"font.*", "letter-spacing", T_NUMBER, NULL, -5, 5},
    {"colors", "met", T_COLOR, NULL, 0, 0},
    {"colors", "partly", T_COLOR, NULL, 0, 0},
    {"colors", "unmet", T_COLOR, NULL, 0, 0},
    {"colors", "text", T_COLOR, NULL, 0, 0},
    {"colors", "rule", T_COLOR, NULL, 0, 0},
    {"colors", "mark", T_COLOR, NULL, 0, 0},
    {"colors", "green", T_COLOR, NULL, 0, 0},
    {"colors", "yellow", T_COLOR, NULL, 0, 0},
    {"colors", "red", T_COLOR, NULL, 0, 0},
    {"official", "份号", T_TEXT, NULL, 0, 0},
    {"official", "密级和保密期限", T_TEXT, NULL, 0, 0},
    {"official", "紧急程度", T_TEXT, NULL, 0, 0},
    {"official", "发文机关", T_TEXT, NULL, 0, 0},
    {"official", "发文机关标志", T_TEXT, NULL, 0, 0},
    {"official", "机关代字", T_TEXT, NULL, 0, 0},
    {"official", "发文字号", T_TEXT, NULL, 0, 0},
    {"official", "签发人", T_TEXT, NULL, 0, 0},
    {"official", "标题", T_TEXT, NULL, 0, 0},
    {"official", "主送机关", T_TEXT, NULL, 0, 0},
    {"official", "正文", T_LIST, NULL, 0, 0},
    {"official", "成文日期", T_TEXT, NULL, 0, 0},
    {"official", "附注", T_TEXT, NULL, 0, 0},
    {"official", "抄送机关", T_TEXT, NULL, 0, 0},
    {"official", "印发机关", T_TEXT, NULL, 0, 0},
    {"official", "印发日期", T_TEXT, NULL, 0, 0},
    {"numbering", "level1", T_TEXT, NULL, 0, 0},
    {"numbering", "level2", T_TEXT, NULL, 0, 0},
    {"numbering", "level3", T_TEXT, NULL, 0, 0},
    {"numbering", "level4", T_TEXT, NULL, 0, 0},
    {"sections", "report", T_PARTS, REPORT_PARTS, 0, 0},
    {"sections", "project", T_PARTS, PROJECT_PARTS, 0, 0},
    {"sections", "form", T_CHOICE, "national|sichuan", 0, 0},
    {"sections", "district", T_PARTS, DISTRICT_PARTS, 0, 0},
    {"texts", "title", T_TEXT, NULL, 0, 0},
    {"texts", "cover", T_LIST, NULL, 0, 0},
    {"texts", "toc", T_TEXT, NULL, 0, 0},
    {"texts", "funds", T_TEXT, NULL, 0, 0},
    {"texts", "overview", T_TEXT, NULL, 0, 0},
    {"texts", "execution", T_TEXT, NULL, 0, 0},
    {"texts", "lagging", T_TEXT, NULL, 0, 0},
    {"texts", "warnings", T_TEXT, NULL, 0, 0},
    {"texts", "warnings-detail", T_TEXT, NULL, 0, 0},
    {"texts", "targets", T_TEXT, NULL, 0, 0},
    {"texts", "projects", T_TEXT, NULL, 0, 0},
    {"texts", "summary", T_TEXT, NULL, 0, 0},
    {"texts", "appendix", T_TEXT, NULL, 0, 0},
    {"texts", "forms", T_TEXT, NULL, 0, 0},
    {"texts", "project-funds", T_TEXT, NULL, 0, 0},
    {"texts", "project-goal", T_TEXT, NULL, 0, 0},
    {"texts", "project-indicators", T_TEXT, NULL, 0, 0},
    {"texts", "project-self-evaluation", T_TEXT, NULL, 0, 0},
    {"texts", "project-monitoring", T_TEXT, NULL, 0, 0},
    {"texts", "project-charts", T_TEXT, NULL, 0, 0},
    {"texts", "project-trends", T_TEXT, NULL, 0, 0},
    {"texts", "whole", T_TEXT, NULL, 0, 0},
    {"texts", "project-texts", T_TEXT, NULL, 0, 0},
    {"texts", "continued", T_TEXT, NULL, 0, 0},
    {"texts", "district-totals", T_TEXT, NULL, 0, 0},
    {"texts", "district-ranking", T_TEXT, NULL, 0, 0},
    {"texts", "district-scatter", T_TEXT, NULL, 0, 0},
    {"texts", "district-categories", T_TEXT, NULL, 0, 0},
    {"texts", "district-execution", T_TEXT, NULL, 0, 0},
    {"texts", "district-warnings", T_TEXT, NULL, 0, 0},
    {"assess", "partly-from", T_NUMBER, NULL, 0, 1},
    {"assess", "qualitative-met-from", T_NUMBER, NULL, 0, 1},
    {"assess", "qualitative-partly-from", T_NUMBER, NULL, 0, 1},
    {"assess", "too-easy-above", T_NUMBER, NULL, 1, 100},
    {"assess", "penalise-too-easy", T_BOOL, NULL, 0, 0},
    {"weights", "*", T_NUMBER, NULL, 0, 100},
    {"grades", "*", T_NUMBER, NULL, 0, 100},
    {"phrases", "*", T_NUMBER, NULL, 0, 2},
    {"not-applicable", "phrases", T_LIST, NULL, 0, 0},
    {"in-year", "level-units", T_LIST, NULL, 0, 0},
    {"in-year", "level-words", T_LIST, NULL, 0, 0},
    {"in-year", "lag", T_NUMBER, NULL, 0, 1},
    {"in-year-indicators", "*", T_CHOICE, "累计|时点", 0, 0},
    {"warnings", "yellow", T_NUMBER, NULL, 0, 1},
    {"warnings", "red", T_NUMBER, NULL, 0, 1},
    {"warnings", "lights", T_BOOL, NULL, 0, 0},
};

/* Groups whose keys are data: a key set to nothing in a template removes
 * it from what the template extends. */
static bool data_group(const char *group) {
  return strcmp(group, "weights") == 0 || strcmp(group, "grades") == 0 ||
         strcmp(group, "phrases") == 0 || strcmp(group, "in-year-indicators") == 0;
}

const JxTemplateKey *jx_template_known(size_t *n) {
  static JxTemplateKey known[G_N_ELEMENTS(specs)];
  for (size_t i = 0; i < G_N_ELEMENTS(specs); i++) {
    known[i].group = specs[i].group;
    known[i].key = specs[i].key;
  }
  *n = G_N_ELEMENTS(specs);
  return known;
}

const char *jx_template_dir(void) {
  return jx_install_dir("JIXIAO_TEMPLATES", JX_TEMPLATE_DIR, "templates");
}

/* The spec group stands for: "font.body" is "font.*". */
static const char *spec_group(const char *group) {
  if (g_str_has_prefix(group, "font.")) {
    for (int r = 0; r < JX_ROLE_COUNT; r++)
      if (strcmp(group + 5, jx_template_role_name((JxRole)r)) == 0)
        return "font.*";
    return NULL;
  }
  return group;
}

static const Spec *find_spec(const char *group, const char *key) {
  const char *g = spec_group(group);
  if (!g)
    return NULL;
  for (size_t i = 0; i < G_N_ELEMENTS(specs); i++)
    if (strcmp(specs[i].group, g) == 0 &&
        (strcmp(specs[i].key, key) == 0 || strcmp(specs[i].key, "*") == 0))
      return &specs[i];
  return NULL;
}

static bool known_group(const char *group) {
  const char *g = spec_group(group);
  if (!g)
    return false;
  for (size_t i = 0; i < G_N_ELEMENTS(specs); i++)
    if (strcmp(specs[i].group, g) == 0)
      return true;
  return false;
}

/* "a, b, c": the keys of group, or the groups, for messages. */
static char *valid_keys(const char *group) {
  GString *s = g_string_new(NULL);
  const char *g = group ? spec_group(group) : NULL;
  for (size_t i = 0; i < G_N_ELEMENTS(specs); i++) {
    if (group) {
      if (strcmp(specs[i].group, g) != 0)
        continue;
      g_string_append_printf(s, "%s%s", s->len ? ", " : "", specs[i].key);
    } else if (i == 0 || strcmp(specs[i].group, specs[i - 1].group) != 0) {
      if (strcmp(specs[i].group, "font.*") == 0) {
        for (int r = 0; r < JX_ROLE_COUNT; r++)
          g_string_append_printf(s, "%s[font.%s]", s->len ? ", " : "",
                                 jx_template_role_name((JxRole)r));
      } else {
        g_string_append_printf(s, "%s[%s]", s->len ? ", " : "", specs[i].group);
      }
    }
  }
  return g_string_free(s, FALSE);
}

static char *where_key(const char *group, const char *key) {
  return g_strconcat(group, "\n", key, NULL);
}

/* ---- reading one file ---- */

/* Checks the lines of a key file and notes where each key is set; false
 * with *error at the first line that is not a [group], a key=value, a
 * # comment or blank. */
static bool scan(const char *path, const char *text, GHashTable *where, GError **error) {
  gchar **lines = g_strsplit(text, "\n", -1);
  char *group = NULL;
  bool ok = true;
  for (int i = 0; lines[i] && ok; i++) {
    char *line = g_strstrip(lines[i]);
    if (*line == '\0' || *line == '#')
      continue;
    if (*line == '[') {
      char *end = strchr(line, ']');
      if (!end || end[1] != '\0' || end == line + 1) {
        g_set_error(error, G_KEY_FILE_ERROR, G_KEY_FILE_ERROR_PARSE,
                    "%s:%d: error: a group is written [name], not '%s'", path, i + 1, line);
        ok = false;
        break;
      }
      g_free(group);
      group = g_strndup(line + 1, (gsize)(end - line - 1));
      /* the group's own line, for errors about the group */
      g_hash_table_replace(where, where_key(group, ""), g_strdup_printf("%s:%d", path, i + 1));
      continue;
    }
    char *eq = strchr(line, '=');
    if (!eq || eq == line || !group) {
      g_set_error(error, G_KEY_FILE_ERROR, G_KEY_FILE_ERROR_PARSE,
                  !group ? "%s:%d: error: '%s' comes before any [group]"
                         : "%s:%d: error: '%s' is not a key=value line, a [group] or a # comment",
                  path, i + 1, line);
      ok = false;
      break;
    }
    char *key = g_strstrip(g_strndup(line, (gsize)(eq - line)));
    g_hash_table_replace(where, where_key(group, key), g_strdup_printf("%s:%d", path, i + 1));
    g_free(key);
  }
  g_free(group);
  g_strfreev(lines);
  return ok;
}

typedef struct {
  GKeyFile *merged;
  GHashTable *where;   /* as JxTemplate's */
  GPtrArray *visiting; /* char *: the files of the chain being read */
} Loader;

static bool load_file(Loader *ld, const char *path, const char *asked_at, GError **error);

/* The file extends= names, from the folder of the file naming it: a NAME
 * of the templates folder, or a path. */
static char *resolve(const char *name, const char *from_dir) {
  if (strchr(name, '/') || g_str_has_suffix(name, ".ini"))
    return g_path_is_absolute(name) || strcmp(from_dir, ".") == 0
               ? g_strdup(name)
               : g_build_filename(from_dir, name, NULL);
  char *file = g_strconcat(name, ".ini", NULL);
  char *path = g_build_filename(jx_template_dir(), file, NULL);
  g_free(file);
  return path;
}

/* Reads path and what it extends (defaults.ini when nothing), merging them
 * into ld, parents first.  asked_at ("FILE:LINE" or NULL) is where path was
 * named, for errors. */
static bool load_file(Loader *ld, const char *path, const char *asked_at, GError **error) {
  char *text = NULL;
  gsize len = 0;
  GError *err = NULL;
  if (!g_file_get_contents(path, &text, &len, &err)) {
    g_set_error(error, G_FILE_ERROR, err->code, "%s%serror: %s", asked_at ? asked_at : "",
                asked_at ? ": " : "", err->message);
    g_error_free(err);
    return false;
  }
  char *real = g_canonicalize_filename(path, NULL);
  const char *id = real;
  for (guint i = 0; i < ld->visiting->len; i++)
    if (strcmp(g_ptr_array_index(ld->visiting, i), id) == 0 || ld->visiting->len >= MAX_DEPTH) {
      g_set_error(error, G_KEY_FILE_ERROR, G_KEY_FILE_ERROR_INVALID_VALUE,
                  "%s: error: extends=%s makes a loop (or a chain deeper than %d)",
                  asked_at ? asked_at : path, path, MAX_DEPTH);
      g_free(real);
      g_free(text);
      return false;
    }
  g_ptr_array_add(ld->visiting, g_strdup(id));
  g_free(real);
  GHashTable *here = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, g_free);
  GKeyFile *kf = g_key_file_new();
  bool ok = g_utf8_validate(text, (gssize)len, NULL);
  if (!ok)
    g_set_error(error, G_KEY_FILE_ERROR, G_KEY_FILE_ERROR_PARSE,
                "%s:1: error: a template is UTF-8 text", path);
  ok = ok && scan(path, text, here, error);
  if (ok && !g_key_file_load_from_data(kf, text, len, G_KEY_FILE_NONE, &err)) {
    g_set_error(error, G_KEY_FILE_ERROR, G_KEY_FILE_ERROR_PARSE, "%s:1: error: %s", path,
                err->message);
    g_error_free(err);
    ok = false;
  }
  /* the parent first: what it sets, this file overrides */
  if (ok) {
    char *parent = g_key_file_get_string(kf, "template", "extends", NULL);
    char *base = g_path_get_basename(path);
    char *dir = g_path_get_dirname(path);
    bool root = strcmp(base, "defaults.ini") == 0 && !parent;
    if (parent && *g_strstrip(parent)) {
      char *ppath = resolve(parent, dir);
      char *at = where_key("template", "extends");
      ok = load_file(ld, ppath, g_hash_table_lookup(here, at), error);
      g_free(at);
      g_free(ppath);
    } else if (!root) {
      char *ppath = g_build_filename(jx_template_dir(), "defaults.ini", NULL);
      ok = load_file(ld, ppath, NULL, error);
      g_free(ppath);
    }
    g_free(parent);
    g_free(base);
    g_free(dir);
  }
  if (ok) {
    gchar **groups = g_key_file_get_groups(kf, NULL);
    for (int g = 0; ok && groups[g]; g++) {
      if (!known_group(groups[g])) {
        char *valid = valid_keys(NULL), *gk = where_key(groups[g], "");
        g_set_error(error, G_KEY_FILE_ERROR, G_KEY_FILE_ERROR_GROUP_NOT_FOUND,
                    "%s: error: unknown group [%s]; valid groups: %s",
                    (char *)g_hash_table_lookup(here, gk), groups[g], valid);
        g_free(valid);
        g_free(gk);
        ok = false;
        break;
      }
      gchar **keys = g_key_file_get_keys(kf, groups[g], NULL, NULL);
      for (int k = 0; keys && keys[k]; k++) {
        char *value = g_key_file_get_value(kf, groups[g], keys[k], NULL);
        char *wk = where_key(groups[g], keys[k]);
        char *gk = where_key(groups[g], "");
        if (g_hash_table_lookup(here, gk))
          g_hash_table_replace(ld->where, g_strdup(gk), g_strdup(g_hash_table_lookup(here, gk)));
        g_free(gk);
        if (data_group(groups[g]) && value && *g_strstrip(value) == '\0') {
          g_key_file_remove_key(ld->merged, groups[g], keys[k], NULL);
          g_hash_table_remove(ld->where, wk);
          g_free(wk);
        } else {
          g_key_file_set_value(ld->merged, groups[g], keys[k], value ? value : "");
          g_hash_table_replace(ld->where, wk, g_strdup(g_hash_table_lookup(here, wk)));
        }
        g_free(value);
      }
      g_strfreev(keys);
    }
    g_strfreev(groups);
  }
  g_key_file_free(kf);
  g_hash_table_destroy(here);
  g_free(text);
  g_ptr_array_set_size(ld->visiting, ld->visiting->len - 1);
  return ok;
}

/* ---- checking values ---- */

/* Whether text names only the placeholders of PLACES. */
static bool places_known(const char *text, char **bad) {
  for (const char *p = strchr(text, '{'); p; p = strchr(p + 1, '{')) {
    const char *end = strchr(p, '}');
    if (!end)
      break;
    char *name = g_strndup(p, (gsize)(end - p + 1));
    bool ok = strstr(PLACES, name) != NULL || strcmp(name, "{一}") == 0 || strcmp(name, "{1}") == 0;
    if (!ok) {
      *bad = name;
      return false;
    }
    g_free(name);
  }
  return true;
}

/* Whether value is one of choices ("a|b|c"). */
static bool is_choice(const char *choices, const char *value) {
  gchar **each = g_strsplit(choices, "|", -1);
  bool ok = false;
  for (int i = 0; each[i] && !ok; i++)
    ok = strcmp(each[i], value) == 0;
  g_strfreev(each);
  return ok;
}

static char *choices_text(const char *choices) {
  gchar **each = g_strsplit(choices, "|", -1);
  char *s = g_strjoinv(", ", each);
  g_strfreev(each);
  return s;
}

/* Checks one value against its spec; false with *error at its line. */
static bool check_value(const Spec *s, const char *group, const char *key, const char *value,
                        const char *at, GError **error) {
  char *why = NULL;
  switch (s->type) {
  case T_TEXT: {
    char *bad = NULL;
    if (!places_known(value, &bad)) {
      why = g_strdup_printf("%s is not a placeholder; valid: " PLACES, bad);
      g_free(bad);
    }
    break;
  }
  case T_NUMBER: {
    char *end = NULL;
    double v = g_ascii_strtod(value, &end);
    if (!*value || !end || *end || !isfinite(v) || v < s->min || v > s->max)
      why = g_strdup_printf("'%s' is not a number from %g to %g", value, s->min, s->max);
    break;
  }
  case T_BOOL:
    if (strcmp(value, "true") != 0 && strcmp(value, "false") != 0)
      why = g_strdup_printf("'%s' is not true or false", value);
    break;
  case T_CHOICE:
    if (!is_choice(s->choices, value)) {
      char *c = choices_text(s->choices);
      why = g_strdup_printf("'%s' is not one of %s", value, c);
      g_free(c);
    }
    break;
  case T_PARTS: {
    gchar **each = g_strsplit(value, ";", -1);
    for (int i = 0; each[i] && !why; i++) {
      char *p = g_strstrip(each[i]);
      if (!*p)
        continue;
      bool seen = false;
      for (int j = 0; j < i; j++)
        seen |= strcmp(g_strstrip(each[j]), p) == 0;
      if (!is_choice(s->choices, p) && (strchr(p, ',') || strstr(p, "，") || strchr(p, ' '))) {
        /* cover,toc or cover toc: the list's separator mistaken */
        why = g_strdup_printf("'%s': a list takes ';' between its parts (%s), not ',' or spaces", p,
                              "cover;toc");
      } else if (!is_choice(s->choices, p)) {
        char *c = choices_text(s->choices);
        why = g_strdup_printf("'%s' is not a section; valid: %s", p, c);
        g_free(c);
      } else if (seen) {
        why = g_strdup_printf("'%s' is named twice", p);
      }
    }
    g_strfreev(each);
    break;
  }
  case T_COLOR: {
    bool ok = strlen(value) == 7 && value[0] == '#';
    for (int i = 1; ok && i < 7; i++)
      ok = g_ascii_isxdigit(value[i]);
    if (!ok)
      why = g_strdup_printf("'%s' is not a colour #RRGGBB", value);
    break;
  }
  case T_FAMILIES:
  case T_LIST:
    /* a 公文's 正文 may be left to jixiao */
    if (!*value && strcmp(group, "official") != 0)
      why = g_strdup("is empty");
    break;
  }
  if (!why)
    return true;
  g_set_error(error, G_KEY_FILE_ERROR, G_KEY_FILE_ERROR_INVALID_VALUE, "%s: error: [%s] %s: %s", at,
              group, key, why);
  g_free(why);
  return false;
}

/* Checks every group and key of t; then that every key of a fixed group
 * is there (defaults.ini has them all). */
static bool check_all(JxTemplate *t, GError **error) {
  gchar **groups = g_key_file_get_groups(t->keys, NULL);
  bool ok = true;
  for (int g = 0; ok && groups[g]; g++) {
    gchar **keys = g_key_file_get_keys(t->keys, groups[g], NULL, NULL);
    for (int k = 0; ok && keys && keys[k]; k++) {
      const char *at = jx_template_where(t, groups[g], keys[k]);
      if (!known_group(groups[g])) {
        char *valid = valid_keys(NULL);
        g_set_error(error, G_KEY_FILE_ERROR, G_KEY_FILE_ERROR_GROUP_NOT_FOUND,
                    "%s: error: unknown group [%s]; valid groups: %s",
                    jx_template_where(t, groups[g], ""), groups[g], valid);
        g_free(valid);
        ok = false;
        break;
      }
      const Spec *s = find_spec(groups[g], keys[k]);
      if (!s) {
        char *valid = valid_keys(groups[g]);
        g_set_error(error, G_KEY_FILE_ERROR, G_KEY_FILE_ERROR_KEY_NOT_FOUND,
                    "%s: error: unknown key '%s' in [%s]; valid keys: %s", at, keys[k], groups[g],
                    valid);
        g_free(valid);
        ok = false;
        break;
      }
      char *value = g_key_file_get_string(t->keys, groups[g], keys[k], NULL);
      ok = check_value(s, groups[g], keys[k], value ? g_strstrip(value) : "", at, error);
      g_free(value);
    }
    g_strfreev(keys);
  }
  g_strfreev(groups);
  for (size_t i = 0; ok && i < G_N_ELEMENTS(specs); i++) {
    const Spec *s = &specs[i];
    if (strcmp(s->key, "*") == 0)
      continue;
    for (int r = 0; ok && r < (strcmp(s->group, "font.*") == 0 ? JX_ROLE_COUNT : 1); r++) {
      char *group = strcmp(s->group, "font.*") == 0
                        ? g_strconcat("font.", jx_template_role_name((JxRole)r), NULL)
                        : g_strdup(s->group);
      bool optional = strcmp(group, "template") == 0;
      if (!optional && !g_key_file_has_key(t->keys, group, s->key, NULL)) {
        g_set_error(error, G_KEY_FILE_ERROR, G_KEY_FILE_ERROR_KEY_NOT_FOUND,
                    "%s:1: error: [%s] %s is missing (defaults.ini in %s sets every key)", t->path,
                    group, s->key, jx_template_dir());
        ok = false;
      }
      g_free(group);
    }
  }
  return ok;
}

/* Reads a ;-separated list of parts by their names in choices. */
static guint parts(const JxTemplate *t, const char *key, const char *choices, int *out) {
  gchar **names = g_strsplit(choices, "|", -1);
  gchar **each = g_strsplit(jx_template_text(t, "sections", key), ";", -1);
  guint n = 0;
  for (int i = 0; each[i]; i++)
    for (int k = 0; names[k]; k++)
      if (strcmp(g_strstrip(each[i]), names[k]) == 0)
        out[n++] = k;
  g_strfreev(each);
  g_strfreev(names);
  return n;
}

JxTemplate *jx_template_load(const char *name, GError **error) {
  char *path =
      strchr(name, '/') || g_str_has_suffix(name, ".ini") ? g_strdup(name) : resolve(name, ".");
  if (!strchr(name, '/') && !g_str_has_suffix(name, ".ini") &&
      !g_file_test(path, G_FILE_TEST_EXISTS)) {
    /* a name: say which there are */
    GDir *dir = g_dir_open(jx_template_dir(), 0, NULL);
    GString *names = g_string_new(NULL);
    GPtrArray *found = g_ptr_array_new_with_free_func(g_free);
    for (const char *f; dir && (f = g_dir_read_name(dir));)
      if (g_str_has_suffix(f, ".ini") && strcmp(f, "defaults.ini") != 0)
        g_ptr_array_add(found, g_strndup(f, strlen(f) - 4));
    g_ptr_array_sort(found, jx_text_compare_ptrs);
    for (guint i = 0; i < found->len; i++)
      g_string_append_printf(names, "%s%s", i ? ", " : "", (char *)g_ptr_array_index(found, i));
    g_set_error(error, G_FILE_ERROR, G_FILE_ERROR_NOENT,
                "jixiao: no template '%s'; the templates are: %s (or give a FILE.ini)", name,
                names->str);
    g_string_free(names, TRUE);
    g_ptr_array_free(found, TRUE);
    if (dir)
      g_dir_close(dir);
    g_free(path);
    return NULL;
  }
  JxTemplate *t = g_new0(JxTemplate, 1);
  t->name = g_strdup(name);
  t->path = path;
  t->keys = g_key_file_new();
  t->where = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, g_free);
  t->strings = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, g_free);
  Loader ld = {t->keys, t->where, g_ptr_array_new_with_free_func(g_free)};
  bool ok = load_file(&ld, path, NULL, error) && check_all(t, error);
  g_ptr_array_free(ld.visiting, TRUE);
  /* the lights' thresholds are in order: said where the red one is */
  if (ok && g_key_file_get_double(t->keys, "warnings", "red", NULL) <
                g_key_file_get_double(t->keys, "warnings", "yellow", NULL)) {
    g_set_error(error, G_KEY_FILE_ERROR, G_KEY_FILE_ERROR_INVALID_VALUE,
                "%s: error: [warnings] red is less than yellow: red is as far behind as yellow "
                "or further",
                jx_template_where(t, "warnings", "red"));
    ok = false;
  }
  if (ok) {
    t->rules = jx_assess_config_from_keys(t->keys, t->path, error);
    ok = t->rules != NULL;
  }
  if (!ok) {
    jx_template_free(t);
    return NULL;
  }
  jx_template_build_style(t);
  int p[JX_PART_COUNT + JX_PROJECT_COUNT];
  t->n_parts = parts(t, "report", REPORT_PARTS, p);
  for (guint i = 0; i < t->n_parts; i++)
    t->parts[i] = (JxPart)p[i];
  t->n_project_parts = parts(t, "project", PROJECT_PARTS, p);
  for (guint i = 0; i < t->n_project_parts; i++)
    t->project_parts[i] = (JxProjectPart)p[i];
  t->district = strcmp(jx_template_text(t, "template", "scope"), "district") == 0;
  t->n_district_parts = parts(t, "district", DISTRICT_PARTS, p);
  for (guint i = 0; i < t->n_district_parts; i++)
    t->district_parts[i] = (JxDistrictPart)p[i];
  for (int i = 0; i < 4; i++) {
    char key[8];
    g_snprintf(key, sizeof key, "level%d", i + 1);
    t->numbering[i] = (char *)jx_template_text(t, "numbering", key);
  }
  return t;
}

void jx_template_free(JxTemplate *t) {
  if (!t)
    return;
  g_free(t->name);
  g_free(t->path);
  g_key_file_free(t->keys);
  g_hash_table_destroy(t->where);
  jx_assess_config_free(t->rules);
  g_hash_table_destroy(t->strings);
  g_free(t);
}

bool jx_template_overlay(JxTemplate *t, const char *path, GError **error) {
  GKeyFile *kf = g_key_file_new();
  GError *err = NULL;
  bool ok = g_key_file_load_from_file(kf, path, G_KEY_FILE_NONE, &err);
  if (!ok) {
    g_set_error(error, G_KEY_FILE_ERROR, G_KEY_FILE_ERROR_PARSE, "%s: error: %s", path,
                err->message);
    g_clear_error(&err);
  }
  gchar **groups = ok ? g_key_file_get_groups(kf, NULL) : NULL;
  for (int g = 0; ok && groups[g]; g++) {
    if (strcmp(groups[g], "公文") != 0 && strcmp(groups[g], "official") != 0) {
      g_set_error(error, G_KEY_FILE_ERROR, G_KEY_FILE_ERROR_GROUP_NOT_FOUND,
                  "%s: error: unknown group [%s]; the file holds a [公文] group", path, groups[g]);
      ok = false;
      break;
    }
    gchar **keys = g_key_file_get_keys(kf, groups[g], NULL, NULL);
    for (int k = 0; ok && keys[k]; k++) {
      const Spec *s = find_spec("official", keys[k]);
      if (!s) {
        char *valid = valid_keys("official");
        g_set_error(error, G_KEY_FILE_ERROR, G_KEY_FILE_ERROR_KEY_NOT_FOUND,
                    "%s: error: unknown key '%s' in [%s]; valid keys: %s", path, keys[k], groups[g],
                    valid);
        g_free(valid);
        ok = false;
        break;
      }
      char *value = g_key_file_get_string(kf, groups[g], keys[k], NULL);
      g_key_file_set_string(t->keys, "official", keys[k], value ? g_strstrip(value) : "");
      char *wk = where_key("official", keys[k]);
      g_hash_table_insert(t->where, wk, g_strdup(path));
      g_hash_table_remove(t->strings, wk);
      g_free(value);
    }
    g_strfreev(keys);
  }
  g_strfreev(groups);
  g_key_file_free(kf);
  return ok;
}

const char *jx_template_text(const JxTemplate *t, const char *group, const char *key) {
  /* read once: the report asks for its headings project after project */
  char *wk = where_key(group, key);
  const char *v = g_hash_table_lookup(t->strings, wk);
  if (v) {
    g_free(wk);
    return v;
  }
  char *value = g_key_file_get_string(t->keys, group, key, NULL);
  if (!value) {
    g_free(wk);
    return "";
  }
  g_strstrip(value);
  g_hash_table_insert(t->strings, wk, value);
  return value;
}

const char *jx_template_where(const JxTemplate *t, const char *group, const char *key) {
  char *wk = where_key(group, key);
  const char *at = g_hash_table_lookup(t->where, wk);
  g_free(wk);
  return at ? at : t->path;
}
