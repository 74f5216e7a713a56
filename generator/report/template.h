/* template.h - report templates: GLib key files in templates/ that decide
 * what a report holds and how it looks (page, fonts, colours, numbering,
 * sections, texts) and the rules of the assessment.  A template may extend
 * another with `extends=` and change a few keys; every template extends
 * templates/defaults.ini, which holds every key. */
#ifndef JX_TEMPLATE_H
#define JX_TEMPLATE_H

#include "assess/assess.h"
#include "layout/style.h"

#include <glib.h>

/* What a report holds, in order (the [sections] report key). */
typedef enum {
  JX_PART_COVER,     /* title page */
  JX_PART_TOC,       /* 目录 with page numbers and links */
  JX_PART_FUNDS,     /* the funds of every project with 合计 */
  JX_PART_OVERVIEW,  /* 基本情况: funds, scores, department charts */
  JX_PART_EXECUTION, /* budget execution against 序时进度, by project */
  JX_PART_LAGGING,   /* indicators behind 序时进度 first */
  JX_PART_WARNINGS,  /* 红黄灯: every project's lights, every yellow and red */
  JX_PART_TARGETS,   /* the published target table */
  JX_PART_PROJECTS,  /* a section a project (the [sections] project key) */
  JX_PART_SUMMARY,   /* 绩效得分汇总: department charts */
  JX_PART_APPENDIX,  /* 附表: every indicator in one table */
  JX_PART_LETTER,    /* a 公文's 版头 and 主体, then its 附件's head */
  JX_PART_RECORD,    /* a 公文's 版记 */
  JX_PART_FORMS,     /* every project's 自评表; after a letter, its 附件2 */
  JX_PART_COUNT
} JxPart;

/* What a project's section holds, in order (the [sections] project key). */
typedef enum {
  JX_PROJECT_FUNDS,      /* its funds and budget execution */
  JX_PROJECT_GOAL,       /* its goal, and what was achieved */
  JX_PROJECT_INDICATORS, /* the indicator table with the latest actuals */
  JX_PROJECT_SELF_EVAL,  /* the 绩效自评表, on its own pages ([sections] form) */
  JX_PROJECT_CHARTS,     /* score by category and bullet charts */
  JX_PROJECT_TRENDS,     /* in-year trends */
  JX_PROJECT_MONITORING, /* the 绩效目标执行监控表, on its own pages */
  JX_PROJECT_COUNT
} JxProjectPart;

/* What a district summary holds, in order (the [sections] district key). */
typedef enum {
  JX_DISTRICT_COVER,
  JX_DISTRICT_TOC,
  JX_DISTRICT_TOTALS,     /* counts, funds, the mean score, the grades' distribution */
  JX_DISTRICT_RANKING,    /* departments by score, ties 并列 */
  JX_DISTRICT_SCATTER,    /* score against funds */
  JX_DISTRICT_CATEGORIES, /* the completion of each category: a heat map */
  JX_DISTRICT_EXECUTION,  /* budget execution against 序时进度 */
  JX_DISTRICT_WARNINGS,   /* every yellow and red light */
  JX_DISTRICT_COUNT
} JxDistrictPart;

typedef struct {
  char *name;        /* as asked for: "annual" or a path */
  char *path;        /* the file read */
  GKeyFile *keys;    /* the chain merged, defaults first */
  GHashTable *where; /* "group\nkey" -> "FILE:LINE" of the value in force */
  JxStyle style;     /* families point into keys' strings held here */
  JxStyle truetype;  /* the same with each role's truetype families, for
                      * the haru engine, which embeds TrueType faces only */
  JxAssessConfig *rules;
  JxPart parts[JX_PART_COUNT];
  guint n_parts;
  JxProjectPart project_parts[JX_PROJECT_COUNT];
  guint n_project_parts;
  bool district; /* [template] scope=district: one summary over every department */
  JxDistrictPart district_parts[JX_DISTRICT_COUNT];
  guint n_district_parts;
  char *numbering[4]; /* heading numbers by level: "{一}、", "（{一}）", "{1}.", "（{1}）" */
  GHashTable *strings; /* "group\nkey" -> its text, as read (the style
                        * points into them) */
} JxTemplate;

/* The folder of the shipped templates: $JIXIAO_TEMPLATES, else the one
 * jixiao was built or installed with. */
const char *jx_template_dir(void);

/* Loads template name: a NAME of the templates folder (NAME.ini there) or
 * the path of a .ini file.  NULL with *error ("FILE:LINE: error: …",
 * naming the valid keys or values) when it cannot be read, does not parse,
 * has an unknown group or key, a bad value, or extends itself.  Free with
 * jx_template_free. */
JxTemplate *jx_template_load(const char *name, GError **error);
void jx_template_free(JxTemplate *t);

/* template_style.c: fills t->style and t->truetype from t's keys (checked
 * already); the name of a role in the [font.NAME] groups. */
void jx_template_build_style(JxTemplate *t);
const char *jx_template_role_name(JxRole r);

/* Sets t's [official] keys from the [公文] group of the key file at path
 * (--official: what changes document by document, 发文字号, 成文日期,
 * 正文 …).  false with *error naming the file and the key it does not
 * know. */
bool jx_template_overlay(JxTemplate *t, const char *path, GError **error);

/* The text of [group] key, or "" (never NULL; owned by t). */
const char *jx_template_text(const JxTemplate *t, const char *group, const char *key);

/* Where [group] key was set: "FILE:LINE", or the template's path. */
const char *jx_template_where(const JxTemplate *t, const char *group, const char *key);

/* Every group and key the loader knows; a group whose keys are data
 * (weights, grades, phrases) has key "*".  Sets *n. */
typedef struct {
  const char *group;
  const char *key;
} JxTemplateKey;
const JxTemplateKey *jx_template_known(size_t *n);

#endif
