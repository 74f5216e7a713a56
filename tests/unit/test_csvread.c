/* Bytes to rows: encodings, line ends, and the physical line of each cell.
 * The expected lines were counted by hand in each input. */
#include "read/csvread.h"

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <string.h>

#include <cmocka.h>

/* Rows collected as "line:cell|cell|…" strings. */
static bool collect(const JxRow *row, void *data) {
  GString *s = g_string_new(NULL);
  g_string_append_printf(s, "%d:", row->line);
  for (guint i = 0; i < row->n; i++)
    g_string_append_printf(s, "%s%s@%d", i ? "|" : "", row->cells[i].text, row->cells[i].line);
  g_ptr_array_add(data, g_string_free(s, FALSE));
  return true;
}

static GPtrArray *parse(const char *text, char delim, JxDiag *diag) {
  GPtrArray *rows = g_ptr_array_new_with_free_func(g_free);
  jx_csv_parse(text, strlen(text), delim, diag, collect, rows);
  return rows;
}

static void line_numbers(void **state) {
  (void)state;
  JxDiag *diag = jx_diag_new("t.csv");
  /* line 1: header; 2: blank; 3-5: a row whose second cell spans 3 lines;
   * 6: a row whose first cell is on line 6 */
  GPtrArray *rows = parse("a,b,c\n\n1,\"x\ny\nz\",3\n4,5,6", ',', diag);
  assert_int_equal(diag->errors, 0);
  assert_int_equal(rows->len, 3);
  assert_string_equal(g_ptr_array_index(rows, 0), "1:a@1|b@1|c@1");
  assert_string_equal(g_ptr_array_index(rows, 1), "3:1@3|x\ny\nz@3|3@5");
  assert_string_equal(g_ptr_array_index(rows, 2), "6:4@6|5@6|6@6");
  g_ptr_array_free(rows, TRUE);
  jx_diag_free(diag);
}

static void line_ends(void **state) {
  (void)state;
  static const char *const inputs[] = {"a,b\r\n1,2\r\n", "a,b\r1,2\r", "a,b\n1,2"};
  for (size_t i = 0; i < G_N_ELEMENTS(inputs); i++) {
    JxDiag *diag = jx_diag_new("t.csv");
    GPtrArray *rows = parse(inputs[i], ',', diag);
    assert_int_equal(rows->len, 2);
    assert_string_equal(g_ptr_array_index(rows, 1), "2:1@2|2@2");
    g_ptr_array_free(rows, TRUE);
    jx_diag_free(diag);
  }
}

static void tabs_keep_empty_cells(void **state) {
  (void)state;
  JxDiag *diag = jx_diag_new("t.txt");
  GPtrArray *rows = parse("合计\t1,250.00\t\t\t\n", '\t', diag);
  assert_string_equal(g_ptr_array_index(rows, 0), "1:合计@1|1,250.00@1|@1|@1|@1");
  g_ptr_array_free(rows, TRUE);
  jx_diag_free(diag);
}

static void unterminated_quote(void **state) {
  (void)state;
  JxDiag *diag = jx_diag_new("t.csv");
  /* the quote opens on line 3, column 2, and never closes */
  GPtrArray *rows = parse("a,b\n1,2\n3,\"open\nmore\nand more\n", ',', diag);
  assert_int_equal(diag->errors, 1);
  JxDiagnostic *d = g_ptr_array_index(diag->list, 0);
  assert_int_equal(d->line, 3);
  assert_int_equal(d->col, 2);
  assert_non_null(strstr(d->message, "not closed"));
  g_ptr_array_free(rows, TRUE);
  jx_diag_free(diag);
}

/* Decodes bytes and checks the encoding found and the text. */
static void decodes(const char *bytes, size_t len, const char *encoding, const char *want_used,
                    const char *want_text) {
  JxDiag *diag = jx_diag_new("t.csv");
  char *owned = NULL;
  const char *text = NULL, *used = NULL;
  size_t n = 0;
  assert_true(jx_csv_decode(bytes, len, encoding, diag, &owned, &text, &n, &used));
  assert_string_equal(used, want_used);
  assert_int_equal(n, strlen(want_text));
  assert_memory_equal(text, want_text, n);
  g_free(owned);
  jx_diag_free(diag);
}

static void encodings(void **state) {
  (void)state;
  decodes("合计", strlen("合计"), NULL, "UTF-8", "合计");
  decodes("\xEF\xBB\xBF合计", 9, NULL, "UTF-8 with BOM", "合计");
  /* 合计 in GB18030 is BA CF BC C6 (iconv -t GB18030) */
  decodes("\xBA\xCF\xBC\xC6", 4, NULL, "GB18030", "合计");
  decodes("\xBA\xCF\xBC\xC6", 4, "GBK", "GBK", "合计");
  /* UTF-16LE with BOM: 合 U+5408, 计 U+8BA1 */
  decodes("\xFF\xFE\x08\x54\xA1\x8B", 6, NULL, "UTF-16LE", "合计");
}

/* Fails to decode and checks where the problem is said to be. */
static void refuses(const char *bytes, size_t len, const char *encoding, int line, int col,
                    const char *words) {
  JxDiag *diag = jx_diag_new("t.csv");
  char *owned = NULL;
  const char *text = NULL, *used = NULL;
  size_t n = 0;
  assert_false(jx_csv_decode(bytes, len, encoding, diag, &owned, &text, &n, &used));
  assert_int_equal(diag->errors, 1);
  JxDiagnostic *d = g_ptr_array_index(diag->list, 0);
  assert_int_equal(d->line, line);
  assert_int_equal(d->col, col);
  assert_non_null(strstr(d->message, words));
  jx_diag_free(diag);
}

static void bad_bytes(void **state) {
  (void)state;
  refuses("a,b\n1,\x00\n", 8, NULL, 2, 3, "NUL");
  /* 0x80 and 0xFF start no GB18030 character */
  refuses("a,b\n12,\x80\xFF\n", 10, NULL, 2, 4, "neither UTF-8 nor GB18030");
  refuses("\xEF\xBB\xBF"
          "a\n\xFF",
          6, NULL, 2, 1, "byte order mark");
  refuses("abc", 3, "NO-SUCH-ENCODING", 0, 0, "unknown encoding");
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(line_numbers),
      cmocka_unit_test(line_ends),
      cmocka_unit_test(tabs_keep_empty_cells),
      cmocka_unit_test(unterminated_quote),
      cmocka_unit_test(encodings),
      cmocka_unit_test(bad_bytes),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
