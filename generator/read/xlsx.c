/* xlsx.c - the sheets of a workbook as the rows of their CSV exports. */
#include "read/xlsx.h"

#include "read/ooxml.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

/* ---- number formats ---- */

/* Excel's built-in formats by id (ECMA-376 18.8.30); the CJK date ids
 * (27–36, 50–58) are dates whatever their code in a locale. */
static const char *builtin_format(int id) {
  switch (id) {
  case 1:
    return "0";
  case 2:
    return "0.00";
  case 3:
    return "#,##0";
  case 4:
    return "#,##0.00";
  case 9:
    return "0%";
  case 10:
    return "0.00%";
  case 11:
    return "0.00E+00";
  case 14:
    return "yyyy-mm-dd";
  case 15:
    return "d-mmm-yy";
  case 16:
    return "d-mmm";
  case 17:
    return "mmm-yy";
  case 18:
    return "h:mm AM/PM";
  case 19:
    return "h:mm:ss AM/PM";
  case 20:
    return "h:mm";
  case 21:
    return "h:mm:ss";
  case 22:
    return "yyyy-mm-dd h:mm";
  case 37:
    return "#,##0 ;(#,##0)";
  case 38:
    return "#,##0 ;[Red](#,##0)";
  case 39:
    return "#,##0.00;(#,##0.00)";
  case 40:
    return "#,##0.00;[Red](#,##0.00)";
  case 45:
    return "mm:ss";
  case 46:
    return "[h]:mm:ss";
  case 47:
    return "mm:ss.0";
  case 48:
    return "##0.0E+0";
  case 49:
    return "@";
  default:
    if ((id >= 27 && id <= 36) || (id >= 50 && id <= 58))
      return "yyyy-mm-dd";
    return "General";
  }
}

/* A number as Excel's General shows a stored value: 15 significant digits,
 * no exponent for ordinary magnitudes. */
static char *general(double x) {
  if (x == floor(x) && fabs(x) < 1e15)
    return g_strdup_printf("%.0f", x);
  char *s = g_strdup_printf("%.15g", x);
  if (strchr(s, 'e')) {
    /* Excel shows 0.000001234 and 1.234E+20 */
    char *plain = g_strdup_printf("%.15f", x);
    char *end = plain + strlen(plain) - 1;
    while (end > plain && *end == '0')
      *end-- = '\0';
    if (*end == '.')
      *end = '\0';
    if (fabs(x) < 1e15 && strlen(plain) < 22) {
      g_free(s);
      return plain;
    }
    g_free(plain);
  }
  return s;
}

/* The first section of a format code, with colours, conditions, quoted
 * literals and escapes taken apart: the placeholders in *pattern, the
 * literal text before and after them in *prefix and *suffix. */
static void split_code(const char *code, GString *pattern, GString *prefix, GString *suffix) {
  bool seen = false;
  for (const char *p = code; *p && *p != ';';) {
    if (*p == '[') {
      const char *close = strchr(p, ']');
      p = close ? close + 1 : p + strlen(p);
    } else if (*p == '"') {
      const char *close = strchr(p + 1, '"');
      size_t n = close ? (size_t)(close - p - 1) : strlen(p + 1);
      g_string_append_len(seen ? suffix : prefix, p + 1, (gssize)n);
      p = close ? close + 1 : p + strlen(p);
    } else if (*p == '\\' && p[1]) {
      const char *next = g_utf8_next_char(p + 1);
      g_string_append_len(seen ? suffix : prefix, p + 1, next - p - 1);
      p = next;
    } else if (*p == '_' || *p == '*') {
      p += p[1] ? 2 : 1; /* padding to a character's width, a fill */
    } else if (strchr("0#?.,%", *p)) {
      g_string_append_c(pattern, *p++);
      seen = true;
    } else {
      const char *next = g_utf8_next_char(p);
      /* a literal such as 万元 or a space written bare */
      g_string_append_len(seen ? suffix : prefix, p, next - p);
      p = next;
    }
  }
}

/* Whether code shows a date or a time: y, m, d, h, s outside quotes and
 * brackets (colours, conditions). */
static bool is_date_code(const char *code, bool *has_date) {
  bool date = false, time = false;
  for (const char *p = code; *p && *p != ';'; p++) {
    if (*p == '"') {
      const char *close = strchr(p + 1, '"');
      if (!close)
        break;
      p = close;
    } else if (*p == '[') {
      const char *close = strchr(p, ']');
      if (!close)
        break;
      /* [h]:mm elapsed time; [Red] a colour */
      if (g_ascii_tolower(p[1]) == 'h' || g_ascii_tolower(p[1]) == 'm' ||
          g_ascii_tolower(p[1]) == 's')
        time = true;
      p = close;
    } else if (*p == '\\') {
      p++;
      if (!*p)
        break;
    } else {
      char c = g_ascii_tolower(*p);
      date |= c == 'y' || c == 'd' || (c == 'm' && !time);
      time |= c == 'h' || c == 's';
    }
  }
  *has_date = date;
  return date || time;
}

/* An Excel serial day as yyyy-mm-dd (1900 system with its 29 February
 * 1900, or 1904). */
static char *serial_date(double serial, bool date1904) {
  long days = (long)floor(serial);
  GDate *d = date1904 ? g_date_new_dmy(1, G_DATE_JANUARY, 1904)
                      : g_date_new_dmy(days >= 61 ? 30 : 31, G_DATE_DECEMBER, 1899);
  if (days > 0 && days < 2958466) /* to 9999-12-31 */
    g_date_add_days(d, (guint)days);
  char *s =
      g_strdup_printf("%04d-%02d-%02d", g_date_get_year(d), g_date_get_month(d), g_date_get_day(d));
  g_date_free(d);
  return s;
}

/* digits with a comma every three from the right: 1250 to 1,250. */
static void group(GString *s, size_t start, size_t end) {
  for (size_t i = end; i > start + 3; i -= 3)
    g_string_insert_c(s, (gssize)(i - 3), ',');
}

char *jx_xlsx_format(const char *v, const char *code, bool date1904) {
  char *endp = NULL;
  double x = g_ascii_strtod(v, &endp);
  if (!endp || endp == v || *endp)
    return g_strdup(v); /* not a number: shown as it is */
  if (!code || g_ascii_strcasecmp(code, "General") == 0 || strcmp(code, "@") == 0)
    return general(x);
  bool has_date;
  if (is_date_code(code, &has_date)) {
    if (has_date)
      return serial_date(x, date1904);
    double secs = round((x - floor(x)) * 86400);
    return g_strdup_printf("%02d:%02d:%02d", (int)(secs / 3600), (int)fmod(secs / 60, 60),
                           (int)fmod(secs, 60));
  }
  GString *pattern = g_string_new(NULL), *prefix = g_string_new(NULL), *suffix = g_string_new(NULL);
  split_code(code, pattern, prefix, suffix);
  char *out;
  if (pattern->len == 0 || strchr(code, 'E') || strchr(code, '/')) {
    /* text only, scientific, fractions: General is the honest reading */
    out = general(x);
  } else {
    bool percent = strchr(pattern->str, '%') != NULL;
    const char *dot = strchr(pattern->str, '.');
    int decimals = 0;
    for (const char *p = dot ? dot + 1 : ""; *p; p++)
      decimals += *p == '0' || *p == '#' || *p == '?';
    bool grouped = false;
    for (const char *p = pattern->str; *p && (!dot || p < dot); p++)
      grouped |= *p == ',' && p[1] && strchr("0#?", p[1]);
    double shown = percent ? x * 100 : x;
    GString *s = g_string_new(NULL);
    g_string_printf(s, "%.*f", decimals, fabs(shown));
    if (strcmp(s->str, "0") != 0 && shown < 0)
      g_string_prepend_c(s, '-');
    if (grouped) {
      size_t start = s->str[0] == '-' ? 1 : 0;
      const char *point = strchr(s->str, '.');
      group(s, start, point ? (size_t)(point - s->str) : s->len);
    }
    if (percent)
      g_string_append_c(s, '%');
    out = g_strconcat(prefix->str, s->str, suffix->str, NULL);
    g_string_free(s, TRUE);
  }
  g_string_free(pattern, TRUE);
  g_string_free(prefix, TRUE);
  g_string_free(suffix, TRUE);
  return out;
}

/* ---- the workbook ---- */

typedef struct {
  char *name, *id; /* as the workbook names them; id of the relationship */
  bool hidden;
} Sheet;

typedef struct {
  JxOoxml *z;
  JxDiag *diag;
  GPtrArray *strings; /* char *: the shared strings */
  GArray *xf_format;  /* int: each cell style's number format id */
  GHashTable *codes;  /* number format id -> its code (char *) */
  bool date1904;
} Book;

/* A merged range: rows and columns from 1, inclusive. */
typedef struct {
  int r1, c1, r2, c2;
} Range;

/* The text of the <t> elements under the current element (a shared
 * string's <si> or an inline <is>), phonetic runs (<rPh>) left out. */
static char *string_item(Book *b, xmlTextReaderPtr r, const char *element) {
  GString *s = g_string_new(NULL);
  if (xmlTextReaderIsEmptyElement(r))
    return g_string_free(s, FALSE);
  int phonetic = 0;
  bool in_t = false;
  int rc;
  while ((rc = jx_ooxml_next(b->z, r)) == 1) {
    if (jx_ooxml_at(r, element, true))
      break;
    if (jx_ooxml_at(r, "rPh", false) && !xmlTextReaderIsEmptyElement(r))
      phonetic++;
    else if (jx_ooxml_at(r, "rPh", true))
      phonetic--;
    else if (jx_ooxml_at(r, "t", false) && !xmlTextReaderIsEmptyElement(r))
      in_t = true;
    else if (jx_ooxml_at(r, "t", true))
      in_t = false;
    else if (in_t && !phonetic &&
             (xmlTextReaderNodeType(r) == XML_READER_TYPE_TEXT ||
              xmlTextReaderNodeType(r) == XML_READER_TYPE_SIGNIFICANT_WHITESPACE ||
              xmlTextReaderNodeType(r) == XML_READER_TYPE_WHITESPACE)) {
      const xmlChar *v = xmlTextReaderConstValue(r);
      if (v)
        g_string_append(s, (const char *)v);
    }
  }
  return g_string_free(s, FALSE);
}

static void sheet_free(Sheet *s) {
  g_free(s->name);
  g_free(s->id);
  g_free(s);
}

/* The workbook's sheets, in order, and whether it is dated from 1904. */
static GPtrArray *read_workbook(Book *b) {
  GPtrArray *sheets = g_ptr_array_new_with_free_func((GDestroyNotify)sheet_free);
  xmlTextReaderPtr r = jx_ooxml_part(b->z, "xl/workbook.xml");
  while (r && jx_ooxml_next(b->z, r) == 1) {
    if (jx_ooxml_at(r, "workbookPr", false)) {
      char *d = jx_ooxml_attr(r, "date1904");
      b->date1904 = d && (strcmp(d, "1") == 0 || strcmp(d, "true") == 0);
      xmlFree(d);
    } else if (jx_ooxml_at(r, "sheet", false)) {
      char *name = jx_ooxml_attr(r, "name"), *state = jx_ooxml_attr(r, "state");
      char *id = (char *)xmlTextReaderGetAttributeNs(
          r, (const xmlChar *)"id",
          (const xmlChar *)"http://schemas.openxmlformats.org/officeDocument/2006/relationships");
      Sheet *s = g_new0(Sheet, 1);
      s->name = g_strdup(name ? name : "");
      s->id = g_strdup(id ? id : "");
      s->hidden = state && strcmp(state, "visible") != 0;
      g_ptr_array_add(sheets, s);
      xmlFree(name);
      xmlFree(state);
      xmlFree(id);
    }
  }
  jx_ooxml_done(b->z, r);
  return sheets;
}

/* Shared strings, when the workbook has them, bounded: a table of strings
 * larger than any sheet could use is refused. */
static void read_strings(Book *b) {
  if (!jx_ooxml_has(b->z, "xl/sharedStrings.xml"))
    return;
  xmlTextReaderPtr r = jx_ooxml_part(b->z, "xl/sharedStrings.xml");
  while (r && jx_ooxml_next(b->z, r) == 1)
    if (jx_ooxml_at(r, "si", false))
      g_ptr_array_add(b->strings, string_item(b, r, "si"));
  jx_ooxml_done(b->z, r);
}

/* The number format of each cell style, and the workbook's own codes. */
static void read_styles(Book *b) {
  if (!jx_ooxml_has(b->z, "xl/styles.xml"))
    return;
  xmlTextReaderPtr r = jx_ooxml_part(b->z, "xl/styles.xml");
  bool in_xfs = false;
  while (r && jx_ooxml_next(b->z, r) == 1) {
    if (jx_ooxml_at(r, "numFmt", false)) {
      char *id = jx_ooxml_attr(r, "numFmtId"), *code = jx_ooxml_attr(r, "formatCode");
      if (id && code)
        g_hash_table_insert(b->codes, GINT_TO_POINTER(atoi(id)), g_strdup(code));
      xmlFree(id);
      xmlFree(code);
    } else if (jx_ooxml_at(r, "cellXfs", false)) {
      in_xfs = !xmlTextReaderIsEmptyElement(r);
    } else if (jx_ooxml_at(r, "cellXfs", true)) {
      in_xfs = false;
    } else if (in_xfs && jx_ooxml_at(r, "xf", false)) {
      char *id = jx_ooxml_attr(r, "numFmtId");
      int n = id ? atoi(id) : 0;
      g_array_append_val(b->xf_format, n);
      xmlFree(id);
    }
  }
  jx_ooxml_done(b->z, r);
}

/* The code of cell style s's number format. */
static const char *style_code(const Book *b, int s) {
  int id = s >= 0 && (guint)s < b->xf_format->len ? g_array_index(b->xf_format, int, s) : 0;
  const char *code = g_hash_table_lookup(b->codes, GINT_TO_POINTER(id));
  return code ? code : builtin_format(id);
}

/* "C12" to row 12, column 3; false when ref is not a cell. */
static bool cell_ref(const char *ref, int *row, int *col) {
  int c = 0, r = 0;
  const char *p = ref;
  while (g_ascii_isalpha(*p) && c < 20000)
    c = c * 26 + (g_ascii_toupper(*p++) - 'A' + 1);
  while (g_ascii_isdigit(*p) && r < 2000000)
    r = r * 10 + (*p++ - '0');
  *row = r;
  *col = c;
  return c > 0 && r > 0 && *p == '\0' && c <= 16384 && r <= 1048576;
}

/* The merged ranges of a sheet (they follow its cells in the part, so the
 * part is read once for them first). */
static GArray *read_merges(Book *b, const char *part) {
  GArray *ranges = g_array_new(FALSE, FALSE, sizeof(Range));
  /* most large sheets merge nothing: a look at the bytes spares them a
   * second parse */
  if (!jx_ooxml_contains(b->z, part, "mergeCell"))
    return ranges;
  xmlTextReaderPtr r = jx_ooxml_part(b->z, part);
  while (r && jx_ooxml_next(b->z, r) == 1) {
    if (jx_ooxml_at(r, "sheetData", false) && !xmlTextReaderIsEmptyElement(r)) {
      /* the cells: skipped whole, without building them */
      if (xmlTextReaderNext(r) != 1)
        break;
    }
    if (jx_ooxml_at(r, "mergeCell", false)) {
      char *ref = jx_ooxml_attr(r, "ref");
      char *colon = ref ? strchr(ref, ':') : NULL;
      Range m;
      if (colon) {
        *colon = '\0';
        if (cell_ref(ref, &m.r1, &m.c1) && cell_ref(colon + 1, &m.r2, &m.c2) && m.r2 >= m.r1 &&
            m.c2 >= m.c1)
          g_array_append_val(ranges, m);
      }
      xmlFree(ref);
    }
  }
  jx_ooxml_done(b->z, r);
  return ranges;
}

static gint range_order(gconstpointer a, gconstpointer b) {
  return ((const Range *)a)->r1 - ((const Range *)b)->r1;
}

/* Whether (row, col) is covered by a merged range and not its first cell. */
static bool covered(const GArray *ranges, int row, int col) {
  for (guint i = 0; i < ranges->len; i++) {
    const Range *m = &g_array_index(ranges, Range, i);
    if (m->r1 > row)
      break; /* sorted by first row */
    if (row <= m->r2 && col >= m->c1 && col <= m->c2 && !(row == m->r1 && col == m->c1))
      return true;
  }
  return false;
}

/* One row being read: its cells' texts by column. */
typedef struct {
  GPtrArray *texts; /* char *, NULL where no cell */
  int line;
} RowBuf;

/* Gives a row to the caller, padded to width, unless it is blank. */
static bool emit(RowBuf *rb, int width, const JxSheetReader *fn, void *data) {
  guint n = MAX((guint)width, rb->texts->len);
  bool blank = true;
  for (guint i = 0; i < rb->texts->len && blank; i++) {
    const char *t = g_ptr_array_index(rb->texts, i);
    blank = !t || !*t;
  }
  bool go_on = true;
  if (!blank) {
    JxCell *cells = g_new0(JxCell, n ? n : 1);
    for (guint i = 0; i < n; i++) {
      const char *t = i < rb->texts->len ? g_ptr_array_index(rb->texts, i) : NULL;
      cells[i].text = (char *)(t ? t : "");
      cells[i].len = strlen(cells[i].text);
      cells[i].line = rb->line;
    }
    JxRow row = {cells, n, rb->line};
    go_on = fn->row(&row, data);
    g_free(cells);
  }
  g_ptr_array_set_size(rb->texts, 0);
  return go_on;
}

/* The text of the cell at r, an element <c> just opened. */
static char *read_cell(Book *b, xmlTextReaderPtr r, int line, int col) {
  char *type = jx_ooxml_attr(r, "t"), *style = jx_ooxml_attr(r, "s");
  const char *t = type ? type : "n";
  GString *v = NULL;
  char *inline_text = NULL;
  bool formula = false;
  if (!xmlTextReaderIsEmptyElement(r)) {
    bool in_v = false;
    while (jx_ooxml_next(b->z, r) == 1) {
      if (jx_ooxml_at(r, "c", true))
        break;
      if (jx_ooxml_at(r, "v", false)) {
        in_v = !xmlTextReaderIsEmptyElement(r);
        if (!v)
          v = g_string_new(NULL);
      } else if (jx_ooxml_at(r, "v", true)) {
        in_v = false;
      } else if (jx_ooxml_at(r, "f", false)) {
        formula = true;
      } else if (jx_ooxml_at(r, "is", false)) {
        g_free(inline_text);
        inline_text = string_item(b, r, "is");
      } else if (in_v && xmlTextReaderNodeType(r) == XML_READER_TYPE_TEXT) {
        g_string_append(v, (const char *)xmlTextReaderConstValue(r));
      }
    }
  }
  char *out = NULL;
  if (strcmp(t, "inlineStr") == 0) {
    out = inline_text ? inline_text : g_strdup("");
    inline_text = NULL;
  } else if (!v || (formula && v->len == 0)) {
    if (formula)
      jx_diag_add(b->diag, JX_ERROR, line, col,
                  "a formula without a stored value: open the workbook in Excel or LibreOffice "
                  "and save it, so that its values are stored with it");
    out = g_strdup("");
  } else if (strcmp(t, "s") == 0) {
    char *end = NULL;
    long i = strtol(v->str, &end, 10);
    if (end && *end == '\0' && i >= 0 && (guint)i < b->strings->len) {
      out = g_strdup(g_ptr_array_index(b->strings, (guint)i));
    } else {
      jx_diag_add(b->diag, JX_ERROR, line, col,
                  "the cell refers to shared string %s, which the workbook does not have", v->str);
      out = g_strdup("");
    }
  } else if (strcmp(t, "e") == 0) {
    jx_diag_add(b->diag, JX_ERROR, line, col, "the cell holds the error value %s", v->str);
    out = g_strdup("");
  } else if (strcmp(t, "b") == 0) {
    out = g_strdup(strcmp(v->str, "1") == 0 ? "TRUE" : "FALSE");
  } else if (strcmp(t, "str") == 0) {
    out = g_strdup(v->str);
  } else if (strcmp(t, "d") == 0) {
    out = g_strndup(v->str, 10); /* ISO 8601: the date */
  } else {
    out = jx_xlsx_format(v->str, style_code(b, style ? atoi(style) : 0), b->date1904);
  }
  if (v)
    g_string_free(v, TRUE);
  g_free(inline_text);
  xmlFree(type);
  xmlFree(style);
  return out;
}

/* Streams one sheet's rows to fn. */
static bool read_sheet(Book *b, const char *part, const JxSheetReader *fn, void *data) {
  GArray *merges = read_merges(b, part);
  g_array_sort(merges, range_order);
  xmlTextReaderPtr r = jx_ooxml_part(b->z, part);
  RowBuf rb = {g_ptr_array_new_with_free_func(g_free), 0};
  int width = 0, next_row = 1, next_col = 1;
  bool in_row = false, go_on = true;
  while (go_on && r && jx_ooxml_next(b->z, r) == 1) {
    if (jx_ooxml_at(r, "dimension", false)) {
      char *ref = jx_ooxml_attr(r, "ref");
      char *colon = ref ? strchr(ref, ':') : NULL;
      int row, col;
      if (colon && cell_ref(colon + 1, &row, &col))
        width = col;
      xmlFree(ref);
    } else if (jx_ooxml_at(r, "row", false)) {
      char *n = jx_ooxml_attr(r, "r");
      rb.line = n ? atoi(n) : next_row;
      if (rb.line < 1 || rb.line > 1048576)
        rb.line = next_row;
      next_row = rb.line + 1;
      next_col = 1;
      xmlFree(n);
      in_row = !xmlTextReaderIsEmptyElement(r);
    } else if (jx_ooxml_at(r, "row", true) || (in_row && jx_ooxml_at(r, "sheetData", true))) {
      go_on = emit(&rb, width, fn, data);
      in_row = false;
    } else if (in_row && jx_ooxml_at(r, "c", false)) {
      char *ref = jx_ooxml_attr(r, "r");
      int row = rb.line, col = next_col;
      if (ref && !cell_ref(ref, &row, &col))
        col = next_col;
      xmlFree(ref);
      next_col = col + 1;
      char *text = read_cell(b, r, rb.line, col);
      if (covered(merges, rb.line, col)) {
        /* a merged range shows its first cell's value only, as an export does */
        g_free(text);
        text = NULL;
      }
      if ((guint)col > rb.texts->len)
        g_ptr_array_set_size(rb.texts, col);
      g_free(g_ptr_array_index(rb.texts, col - 1));
      g_ptr_array_index(rb.texts, col - 1) = text;
    }
  }
  bool ok = jx_ooxml_done(b->z, r);
  g_ptr_array_free(rb.texts, TRUE);
  g_array_free(merges, TRUE);
  return ok;
}

bool jx_xlsx_read(JxOoxml *z, JxDiag *diag, const JxSheetReader *fn, void *data, guint *hidden) {
  *hidden = 0;
  if (!jx_ooxml_has(z, "xl/workbook.xml")) {
    jx_diag_add(diag, JX_ERROR, 0, 0, "%s",
                jx_ooxml_has(z, "xl/workbook.bin")
                    ? "an Excel binary workbook (.xlsb), which jixiao does not read: save it as "
                      ".xlsx"
                    : "a zip that is neither an Excel workbook nor a Word document");
    return false;
  }
  Book b = {z,
            diag,
            g_ptr_array_new_with_free_func(g_free),
            g_array_new(FALSE, FALSE, sizeof(int)),
            g_hash_table_new_full(NULL, NULL, NULL, g_free),
            false};
  GPtrArray *sheets = read_workbook(&b);
  read_strings(&b);
  read_styles(&b);
  bool ok = jx_ooxml_done(z, NULL);
  if (ok && sheets->len == 0) {
    jx_diag_add(diag, JX_ERROR, 0, 0, "the workbook has no sheets");
    ok = false;
  }
  for (guint i = 0; ok && i < sheets->len; i++) {
    Sheet *s = g_ptr_array_index(sheets, i);
    if (s->hidden) {
      (*hidden)++;
      continue;
    }
    char *part = jx_ooxml_target(z, "xl/_rels/workbook.xml.rels", "xl/", s->id);
    if (!part) {
      jx_diag_add(diag, JX_ERROR, 0, 0, "the workbook names sheet '%s' but has no part for it",
                  s->name);
      ok = false;
      break;
    }
    fn->begin(data, s->name);
    ok = read_sheet(&b, part, fn, data);
    fn->end(data);
    g_free(part);
  }
  g_ptr_array_free(sheets, TRUE);
  g_ptr_array_free(b.strings, TRUE);
  g_array_free(b.xf_format, TRUE);
  g_hash_table_destroy(b.codes);
  return ok;
}
