/* Exact decimals and amounts; expected values worked out by hand. */
#include "model/decimal.h"

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <string.h>

#include <cmocka.h>

static void amounts(void **state) {
  (void)state;
  int64_t v;
  assert_true(jx_amount_parse("1,250.00", &v));
  assert_int_equal(v, 125000);
  assert_true(jx_amount_parse("583.95", &v));
  assert_int_equal(v, 58395);
  assert_true(jx_amount_parse("10", &v));
  assert_int_equal(v, 1000);
  assert_true(jx_amount_parse("0.5", &v));
  assert_int_equal(v, 50);
  assert_true(jx_amount_parse(" -3.5 ", &v));
  assert_int_equal(v, -350);
  assert_true(jx_amount_parse("12,345,678.90", &v));
  assert_int_equal(v, 1234567890);
  /* not amounts */
  assert_false(jx_amount_parse("583.955", &v)); /* a third decimal is not money */
  assert_false(jx_amount_parse("十万", &v));
  assert_false(jx_amount_parse("1,25.00", &v));
  assert_false(jx_amount_parse("", &v));
  assert_false(jx_amount_parse("12元", &v));
  assert_false(jx_amount_parse("99999999999999999999", &v)); /* overflow */

  /* 583.95 + 137.20 + 10.00 + 439.63 + 79.22 = 1,250.00, exactly */
  const char *parts[] = {"583.95", "137.20", "10.00", "439.63", "79.22"};
  int64_t sum = 0;
  for (int i = 0; i < 5; i++) {
    assert_true(jx_amount_parse(parts[i], &v));
    sum += v;
  }
  char buf[32];
  assert_string_equal(jx_amount_format(sum, true, buf), "1,250.00");
  assert_string_equal(jx_amount_format(sum, false, buf), "1250.00");
  assert_string_equal(jx_amount_format(-5, true, buf), "-0.05");
  assert_string_equal(jx_amount_format(123456789, true, buf), "1,234,567.89");
}

static void decimals(void **state) {
  (void)state;
  JxDecimal d;
  char buf[32];
  assert_int_equal(jx_decimal_scan("98%", 3, &d), 2);
  assert_int_equal(d.units, 98);
  assert_int_equal(jx_decimal_scan("0.50个", 4, &d), 4);
  assert_string_equal(jx_decimal_format(d, buf, sizeof buf), "0.5");
  assert_int_equal(jx_decimal_scan("4,000,000", 9, &d), 9);
  assert_int_equal(d.units, 4000000);
  assert_int_equal(jx_decimal_scan("12,13", 5, &d), 2); /* not a thousands group */
  assert_int_equal(jx_decimal_scan("abc", 3, &d), 0);
  assert_true(jx_decimal_parse("-2.25", &d));
  assert_string_equal(jx_decimal_format(d, buf, sizeof buf), "-2.25");
  assert_true(jx_decimal_to_double(d) == -2.25);
  JxDecimal a, b;
  assert_true(jx_decimal_parse("0.98", &a));
  assert_true(jx_decimal_parse("0.980", &b));
  assert_int_equal(jx_decimal_compare(a, b), 0);
  assert_true(jx_decimal_parse("1", &b));
  assert_true(jx_decimal_compare(a, b) < 0);
  assert_false(jx_decimal_parse("1.2.3", &d));
}

int main(void) {
  const struct CMUnitTest tests[] = {cmocka_unit_test(amounts), cmocka_unit_test(decimals)};
  return cmocka_run_group_tests(tests, NULL, NULL);
}
