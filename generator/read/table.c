/* table.c - a file's rows to the model: finds the header below any
 * preamble, recognises the kind of table and hands each row to its reader. */
#include "read/form.h"
#include "read/docx.h"
#include "read/xls.h"
#include "read/xlsx.h"

#include "read/indicator.h"
#include "model/text.h"

#include <stdlib.h>
#include <string.h>

const char *jx_table_kind_name(JxTableKind kind) {
  switch (kind) {
  case JX_KIND_TARGETS:
    return "published target table";
  case JX_KIND_INDICATORS:
    return "indicator table";
  case JX_KIND_ACTUALS:
    return "actuals";
  case JX_KIND_FORM:
    return "form";
  case JX_KIND_UNKNOWN:
    break;
  }
  return "unknown";
}

void jx_table_info_clear(JxTableInfo *info) {
  g_free(info->department);
  if (info->parts)
    g_string_free(info->parts, TRUE);
  memset(info, 0, sizeof *info);
}

/* The kind of table a header row with these columns starts. */
static JxTableKind kind_of(const int col[COL_COUNT]) {
  bool targets = col[COL_ANNUAL_TARGET] >= 0 || col[COL_PERIOD_TARGET] >= 0;
  if (col[COL_LEVEL3] >= 0 && (targets || col[COL_LEVEL1] >= 0))
    return JX_KIND_INDICATORS;
  if (col[COL_LEVEL3] >= 0 && col[COL_ACTUAL] >= 0)
    return JX_KIND_ACTUALS;
  if (col[COL_PROJECT] >= 0 && col[COL_INDICATORS] >= 0)
    return JX_KIND_TARGETS;
  return JX_KIND_UNKNOWN;
}

/* ---- the file ---- */

/* Lists the header names looked for, for the error when none is found. */
static char *looked_for(void) {
  static const Column shown[] = {COL_PROJECT,       COL_INDICATORS, COL_LEVEL1, COL_LEVEL3,
                                 COL_ANNUAL_TARGET, COL_PERIOD,     COL_ACTUAL};
  GString *s = g_string_new(NULL);
  for (size_t i = 0; i < G_N_ELEMENTS(shown); i++) {
    if (i)
      g_string_append(s, ", ");
    for (int k = 0; sheet_column_names[shown[i]][k] && k < 3; k++)
      g_string_append_printf(s, "%s%s", k ? "/" : "", sheet_column_names[shown[i]][k]);
  }
  return g_string_free(s, FALSE);
}

static bool on_row(const JxRow *row, void *data) {
  Table *t = data;
  if (t->info->kind == JX_KIND_FORM) {
    t->data_rows++;
    sheet_form_row(t, row);
    return true;
  }
  if (!t->header_seen) {
    /* the first three lines as a person would read them, for the error
     * when nothing is recognised */
    if (t->first_lines_count < 3) {
      GString *line = g_string_new(NULL);
      for (guint i = 0; i < row->n && line->len < 60; i++)
        g_string_append_printf(line, "%s%s", i ? "," : "", row->cells[i].text);
      while (line->len && line->str[line->len - 1] == ',')
        g_string_truncate(line, line->len - 1);
      g_string_append_printf(t->first_lines, "%s'%.60s'", t->first_lines->len ? ", " : "",
                             line->str);
      g_string_free(line, TRUE);
      t->first_lines_count++;
    }
    int col[COL_COUNT];
    int found = sheet_map_columns(row, col);
    JxTableKind kind = found >= 2 ? kind_of(col) : JX_KIND_UNKNOWN;
    /* a table's header names its columns; a form's indicator header has
     * the spanning 绩效指标 before them and no 项目名称 */
    bool spanning = col[COL_INDICATORS] == 0 && col[COL_PROJECT] < 0;
    if ((kind == JX_KIND_UNKNOWN || spanning) && sheet_form_starts(t, row)) {
      t->info->kind = JX_KIND_FORM;
      t->header_seen = true;
      t->data_rows++;
      sheet_form_row(t, row);
      return true;
    }
    if (kind == JX_KIND_UNKNOWN) {
      sheet_read_preamble(t, row, false);
      return true;
    }
    memcpy(t->col, col, sizeof col);
    t->info->kind = kind;
    t->header_seen = true;
    /* a self-evaluation's year is in its title when no 期间 column gives it */
    if (kind == JX_KIND_INDICATORS && t->titles && col[COL_PERIOD] < 0)
      t->period = form_title_year(t->titles->str);
    t->header_cells = row->n;
    GString *k = g_string_new(NULL);
    for (guint i = 0; i < row->n; i++) {
      char *hk = sheet_header_key(row->cells[i].text);
      g_string_append_printf(k, "%s\t", hk);
      g_free(hk);
    }
    t->header_key = g_string_free(k, FALSE);
    t->header_first = g_strdup(row->cells[0].text);
    return true;
  }

  /* the header again where a page broke (its first cell tells cheaply) */
  if (row->n >= t->header_cells && row->cells[0].len < 128 &&
      strcmp(row->cells[0].text, t->header_first) == 0) {
    GString *k = g_string_new(NULL);
    for (guint i = 0; i < row->n; i++) {
      char *hk = sheet_header_key(row->cells[i].text);
      g_string_append_printf(k, "%s\t", hk);
      g_free(hk);
    }
    bool same = g_str_has_prefix(k->str, t->header_key);
    g_string_free(k, TRUE);
    if (same)
      return true;
  }
  /* the preamble again where a page broke, or a new department */
  char *before = t->department ? g_strdup(t->department) : NULL;
  if (sheet_read_preamble(t, row, true)) {
    if (t->department && (!before || strcmp(before, t->department) != 0)) {
      sheet_settle_bare_row(t, false);
      sheet_close_segment(t);
      t->dept = NULL;
      t->last_project = NULL;
    }
    g_free(before);
    return true;
  }
  g_free(before);

  /* cells past the header's would be lost */
  for (guint i = t->header_cells; i < row->n; i++) {
    if (!jx_text_is_blank(row->cells[i].text)) {
      jx_diag_add(t->diag, JX_ERROR, row->cells[i].line, (int)i + 1,
                  "this row has %u cells but the header has %u; the cell '%.40s' has no column",
                  row->n, t->header_cells, row->cells[i].text);
      return true;
    }
  }
  if (row->n < t->header_cells && !t->warned_ragged) {
    guint first;
    if (sheet_filled_cells(row, &first) > 1) {
      jx_diag_add(t->diag, JX_WARNING, row->line, (int)row->n,
                  "this row has %u cells but the header has %u; the missing cells are read as "
                  "empty",
                  row->n, t->header_cells);
      t->warned_ragged = true;
    }
  }
  t->data_rows++;
  switch (t->info->kind) {
  case JX_KIND_TARGETS:
    sheet_read_target_row(t, row);
    break;
  case JX_KIND_INDICATORS:
    sheet_read_indicator_row(t, row);
    break;
  case JX_KIND_ACTUALS:
    sheet_read_actual_row(t, row);
    break;
  case JX_KIND_FORM:
  case JX_KIND_UNKNOWN:
    break;
  }
  return true;
}

/* Counts the header columns recognised in the first lines when split at
 * delim, the way a person would guess the separator: by the header. */
static int header_score(const char *text, size_t len, char delim) {
  int best = 0;
  size_t pos = 0;
  for (int line = 0; line < 64 && pos < len; line++) {
    const char *nl = memchr(text + pos, '\n', len - pos);
    size_t end = nl ? (size_t)(nl - text) : len;
    /* a line of no more cells than the best so far cannot beat it: the
     * data rows after the header are most of the lines, and a file read as
     * the other delimiter has one cell a line */
    int cells_here = 1;
    for (const char *d = text + pos;
         cells_here < 64 && (d = memchr(d, delim, end - (size_t)(d - text))); d++)
      cells_here++;
    if (cells_here <= best) {
      pos = end + 1;
      continue;
    }
    char *l = g_strndup(text + pos, end - pos);
    char sep[2] = {delim, 0};
    gchar **cells = g_strsplit(l, sep, 64);
    int found = 0;
    bool seen[COL_COUNT] = {false};
    for (int i = 0; cells[i]; i++) {
      char *c = g_strdelimit(g_strdup(cells[i]), "\"\r", ' ');
      char *k = sheet_header_key(c);
      int w = 0;
      int col = sheet_column_of(k, &w);
      if (col >= 0 && !seen[col]) {
        seen[col] = true;
        found++;
      }
      g_free(k);
      g_free(c);
    }
    g_strfreev(cells);
    g_free(l);
    if (found > best)
      best = found;
    pos = end + 1;
  }
  return best;
}

static char sniff_delimiter(const char *text, size_t len) {
  /* a delimiter absent from the lines scored gives one cell a line, so at
   * most one header: beaten by the other's two or more without scoring it
   * (which would look up every whole line) */
  size_t window = 0;
  for (int line = 0; line < 64 && window < len; line++) {
    const char *nl = memchr(text + window, '\n', len - window);
    window = nl ? (size_t)(nl - text) + 1 : len;
  }
  bool has_tab = memchr(text, '\t', window), has_comma = memchr(text, ',', window);
  int tab, comma;
  if (has_tab || !has_comma) {
    tab = header_score(text, len, '\t');
    comma = has_comma || tab < 2 ? header_score(text, len, ',') : 1;
  } else {
    comma = header_score(text, len, ',');
    tab = comma < 2 ? header_score(text, len, '\t') : 1;
  }
  if (tab != comma)
    return tab > comma ? '\t' : ',';
  size_t head = len < 65536 ? len : 65536;
  return memchr(text, '\t', head) ? '\t' : ',';
}

/* Starts reading one table or form of a file: place names it in
 * locations (the file, or a sheet or table of it). */
static void table_open(Table *t, JxReader *r, const char *name, const char *place, JxDiag *diag,
                       JxTableInfo *info) {
  memset(t, 0, sizeof *t);
  t->reader = r;
  t->model = r->model;
  t->diag = diag;
  t->info = info;
  t->file = jx_model_intern(r->model, place);
  /* a sheet's or table's problems are placed there */
  diag->part = strcmp(place, name) == 0 ? NULL : t->file;
  char *base = g_path_get_basename(name);
  char *dot = strrchr(base, '.');
  if (dot && dot != base)
    *dot = '\0';
  t->fallback_department = base;
  t->segment = g_ptr_array_new();
  t->file_projects = g_ptr_array_new();
  t->since_grand = g_ptr_array_new();
  t->departments = g_hash_table_new(NULL, NULL);
  t->first_lines = g_string_new(NULL);
}

/* Ends a table or form: what is checked once all its rows are read. */
static void table_close(Table *t) {
  JxDiag *diag = t->diag;
  JxTableInfo *info = t->info;
  if (!t->header_seen && diag->errors == 0 && !t->lenient) {
    char *names = looked_for();
    jx_diag_add(diag, JX_ERROR, 1, 1,
                "no table or form found; looked for a header row with the columns %s, or a "
                "form's 项目名称/主管部门 lines, funds block or 绩效指标 block; the first lines "
                "hold %s",
                names, t->first_lines->len ? t->first_lines->str : "nothing");
    g_free(names);
  } else if (t->header_seen && t->data_rows == 0 && diag->errors == 0) {
    jx_diag_add(diag, JX_ERROR, 0, 0, "the table has a header but no rows");
  }
  sheet_form_finish(t);
  if (info->kind == JX_KIND_FORM && t->info->projects == 0 && diag->errors == 0)
    jx_diag_add(diag, JX_ERROR, 0, 0,
                "a form with no project or department-whole part in it: no 项目名称 or 部门名称 "
                "line, and no 绩效指标 block");
  if (info->kind == JX_KIND_INDICATORS)
    sheet_close_segment(t); /* a flat sheet's department row against its projects */
  if (info->kind == JX_KIND_TARGETS) {
    sheet_settle_bare_row(t, false);
    sheet_close_segment(t);
    sheet_close_grand_total(t);
    sheet_check_indicators(t);
  }
  g_free(t->fallback_department);
  g_free(t->header_key);
  g_free(t->header_first);
  g_free(t->title);
  g_free(t->department);
  g_free(t->project);
  g_free(t->last_level1);
  g_free(t->last_level2);
  g_free(t->bare_name);
  g_ptr_array_free(t->segment, TRUE);
  g_ptr_array_free(t->file_projects, TRUE);
  g_ptr_array_free(t->since_grand, TRUE);
  g_hash_table_destroy(t->departments);
  g_string_free(t->first_lines, TRUE);
  if (t->titles)
    g_string_free(t->titles, TRUE);
  g_free(t->period);
  g_free(t->last_project_name);
  diag->part = NULL;
}

/* Adds what one table or form of a file read to the file's summary. */
static void info_add(JxTableInfo *file, JxTableInfo *part, const char *label) {
  if (file->kind == JX_KIND_UNKNOWN)
    file->kind = part->kind;
  if (!file->department && part->department)
    file->department = g_strdup(part->department);
  file->departments += part->departments;
  file->projects += part->projects;
  file->indicators += part->indicators;
  file->actuals += part->actuals;
  if (!file->parts)
    file->parts = g_string_new(NULL);
  g_string_append_printf(file->parts, "%s%s: %s", file->parts->len ? "; " : "", label,
                         jx_table_kind_name(part->kind));
  if (part->department)
    g_string_append_printf(file->parts, ", %s", part->department);
  if (part->kind != JX_KIND_ACTUALS && part->kind != JX_KIND_UNKNOWN)
    g_string_append_printf(file->parts, ", %u project%s, %u indicator%s", part->projects,
                           part->projects == 1 ? "" : "s", part->indicators,
                           part->indicators == 1 ? "" : "s");
  jx_table_info_clear(part);
}

/* The sheets of a workbook, each a table or form of its own. */
typedef struct {
  JxReader *reader;
  const char *name;
  JxDiag *diag;
  JxTableInfo *info, part;
  Table t;
  char *label;
  bool document; /* a Word document's tables, not a workbook's sheets */
  char *skipped; /* a document's first table that held nothing: its first
                  * lines, for the error when no table does */
} Book;

static void book_begin(void *data, const char *sheet) {
  Book *b = data;
  memset(&b->part, 0, sizeof b->part);
  b->part.encoding = b->info->encoding;
  char *place = g_strdup_printf(b->document ? "%s:%s:" : "%s:%s!", b->name, sheet);
  table_open(&b->t, b->reader, b->name, place, b->diag, &b->part);
  b->t.lenient = b->document;
  g_free(place);
  b->label = g_strdup(sheet);
}

static void book_end(void *data) {
  Book *b = data;
  if (b->document && !b->t.header_seen && !b->skipped)
    b->skipped = g_strdup_printf("%s holds %s", b->label,
                                 b->t.first_lines->len ? b->t.first_lines->str : "nothing");
  table_close(&b->t);
  info_add(b->info, &b->part, b->label);
  g_free(b->label);
}

static bool book_row(const JxRow *row, void *data) {
  return on_row(row, &((Book *)data)->t);
}

static void read_file(JxReader *r, const char *name, const char *bytes, size_t len, JxDiag *diag,
                      JxTableInfo *info) {
  if (len == 0) {
    jx_diag_add(diag, JX_ERROR, 0, 0, "the file is empty");
    return;
  }
  if (len >= 8 && memcmp(bytes, "\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1", 8) == 0) {
    /* an OLE2 compound file: Excel 97–2003 (FreeXL), or what is said */
    static const struct {
      const char *ext, *what, *instead;
    } other[] = {{".doc", "a Word 97–2003 document (.doc)", "save it as .docx"},
                 {".et", "a WPS spreadsheet (.et)", "save it as .xlsx"},
                 {".wps", "a WPS document (.wps)", "save it as .docx"}};
    char *lower = g_ascii_strdown(name, -1);
    const char *what = NULL, *instead = NULL;
    for (size_t i = 0; i < G_N_ELEMENTS(other) && !what; i++)
      if (g_str_has_suffix(lower, other[i].ext))
        what = other[i].what, instead = other[i].instead;
    g_free(lower);
    /* an Office file encrypted with a password keeps its zip in a stream
     * named EncryptedPackage (in UTF-16) */
    static const char encrypted[] = "E\0n\0c\0r\0y\0p\0t\0e\0d\0P\0a\0c\0k\0a\0g\0e\0";
    const size_t n = sizeof encrypted - 1;
    for (size_t i = 0; !what && len >= n && i <= len - n; i++)
      if (bytes[i] == 'E' && memcmp(bytes + i, encrypted, n) == 0)
        what = "an Office file encrypted with a password",
        instead = "save it without one and read it again";
    if (what) {
      jx_diag_add(diag, JX_ERROR, 0, 0, "%s, which jixiao does not read: %s", what, instead);
      return;
    }
    info->encoding = "xls";
    Book b = {.reader = r, .name = name, .diag = diag, .info = info};
    const JxSheetReader fn = {book_begin, book_row, book_end};
    jx_xls_read(bytes, len, diag, &fn, &b);
    return;
  }
  if (len >= 4 && memcmp(bytes, "PK\3\4", 4) == 0) {
    /* a zip: a workbook or a document */
    JxOoxml *z = jx_ooxml_open(bytes, len, diag);
    if (!z)
      return;
    bool document = jx_ooxml_has(z, "word/document.xml");
    info->encoding = document ? "docx" : "xlsx";
    Book b = {.reader = r, .name = name, .diag = diag, .info = info, .document = document};
    const JxSheetReader fn = {book_begin, book_row, book_end};
    guint tables = 0;
    if (document) {
      if (jx_docx_read(z, diag, &fn, &b, &tables) && info->kind == JX_KIND_UNKNOWN &&
          diag->errors == 0) {
        /* a document read as nothing is an error; a report's tables of
         * its own beside the ones read are not */
        char *names = looked_for();
        jx_diag_add(diag, JX_ERROR, 0, 0,
                    "none of the document's %u table%s is a table or form: looked for a header "
                    "row with the columns %s, or a form's 项目名称/主管部门 lines, funds block or "
                    "绩效指标 block; %s",
                    tables, tables == 1 ? "" : "s", names, b.skipped);
        g_free(names);
      }
    } else if (jx_xlsx_read(z, diag, &fn, &b, &info->hidden) && !info->parts)
      jx_diag_add(diag, JX_ERROR, 0, 0, "the workbook has no visible sheet (%u hidden)",
                  info->hidden);
    g_free(b.skipped);
    jx_ooxml_close(z);
    return;
  }
  char *owned = NULL;
  const char *text = NULL;
  size_t text_len = 0;
  if (!jx_csv_decode(bytes, len, r->encoding, diag, &owned, &text, &text_len, &info->encoding))
    return;
  Table t;
  table_open(&t, r, name, name, diag, info);
  info->delimiter = sniff_delimiter(text, text_len);
  jx_csv_parse(text, text_len, info->delimiter, diag, on_row, &t);
  table_close(&t);
  g_free(owned);
}

void jx_reader_read(JxReader *r, const char *name, const char *bytes, size_t len, JxDiag *diag,
                    JxTableInfo *info) {
  memset(info, 0, sizeof *info);
  read_file(r, name, bytes, len, diag, info);
  /* only the departments kept were there before this file */
  if (r->keep)
    jx_model_keep(r->model, r->keep, r->keep_data);
}

void jx_reader_set_scope(JxReader *r, struct JxIndex *index, JxKeep keep, void *data) {
  r->index = index;
  r->keep = keep;
  r->keep_data = data;
}

void jx_reader_names_only(JxReader *r) {
  r->names_only = true;
}

void jx_reader_references(const JxReader *r, GPtrArray *named, GPtrArray *bare) {
  GHashTable *seen = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, NULL);
  for (guint i = 0; i < r->pending->len; i++) {
    const Pending *x = g_ptr_array_index(r->pending, i);
    const char *what = x->department ? x->department : x->project;
    if (g_hash_table_add(seen, g_strconcat(x->department ? "N" : "B", what, NULL)))
      g_ptr_array_add(x->department ? named : bare, g_strdup(what));
  }
  g_hash_table_destroy(seen);
}

JxReader *jx_reader_new(JxModel *m, const char *encoding) {
  JxReader *r = g_new0(JxReader, 1);
  r->model = m;
  r->encoding = encoding;
  r->pending = g_ptr_array_new_with_free_func((GDestroyNotify)sheet_pending_free);
  return r;
}

void jx_reader_free(JxReader *r) {
  if (!r)
    return;
  g_ptr_array_free(r->pending, TRUE);
  g_free(r);
}

char *jx_period_normalize(const char *text) {
  char *key = jx_text_key(text);
  int year = 0, month = 0, n = 0;
  const char *p = key;
  while (n < 4 && g_ascii_isdigit(*p))
    year = year * 10 + (*p++ - '0'), n++;
  bool ok = n == 4 && year >= 1900 && year <= 2200;
  if (ok && g_str_has_prefix(p, "年"))
    p += strlen("年");
  if (ok && (*p == '-' || *p == '/' || *p == '.'))
    p++;
  int m = 0;
  while (ok && m < 2 && g_ascii_isdigit(*p))
    month = month * 10 + (*p++ - '0'), m++;
  if (ok && m > 0 && g_str_has_prefix(p, "月"))
    p += strlen("月");
  ok = ok && *p == '\0' && (m == 0 || (month >= 1 && month <= 12));
  char *out = !ok ? NULL
              : m ? g_strdup_printf("%04d-%02d", year, month)
                  : g_strdup_printf("%04d", year);
  g_free(key);
  return out;
}
