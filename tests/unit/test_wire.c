/* A department as bytes and back, as the batch hands it to a worker: the
 * model read back must dump (dump.h, an independent view of every field a
 * report uses) to the same bytes as the model it was written from. */
#include "report/dump.h"
#include "read/inputs.h"
#include "batch/wire.h"

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include <cmocka.h>

static JxAssessConfig *config;
static JxInputs *sample;

static int setup(void **state) {
  (void)state;
  GError *err = NULL;
  config = jx_assess_config_load(JX_SOURCE_DIR "/templates/defaults.ini", &err);
  /* the sample department: its target table, a year's actuals and three
   * months', with budget execution, sub-targets and reasons */
  char *paths[] = {JX_SOURCE_DIR "/input"};
  char *message = NULL;
  if (!config || jx_inputs_read(paths, 1, NULL, &sample, &message) != JX_INPUTS_OK)
    return -1;
  return 0;
}

static int teardown(void **state) {
  (void)state;
  jx_assess_config_free(config);
  jx_inputs_free(sample);
  return 0;
}

/* The dump of m as a string. */
static char *dump_of(const JxModel *m) {
  char *buf = NULL;
  size_t len = 0;
  FILE *f = open_memstream(&buf, &len);
  assert_true(jx_dump_write(m, config, f));
  fclose(f);
  return buf;
}

static JxDepartment *first(const JxModel *m) {
  return g_ptr_array_index(m->departments, 0);
}

static void department_round_trip(void **state) {
  (void)state;
  JxDepartment *d = first(sample->model);
  GString *bytes = g_string_new(NULL);
  jx_wire_put_department(bytes, d);
  JxModel *back = jx_wire_get_department(bytes->str, bytes->len);
  assert_non_null(back);
  assert_int_equal(back->departments->len, 1);
  char *want = dump_of(sample->model), *got = dump_of(back);
  /* the sample has a hundred lines of indicators and actuals */
  assert_true(strlen(want) > 5000);
  assert_string_equal(got, want);
  /* where things were read, for the warnings a worker prints */
  JxProject *p0 = g_ptr_array_index(d->projects, 0),
            *q0 = g_ptr_array_index(first(back)->projects, 0);
  assert_string_equal(q0->loc.file, p0->loc.file);
  assert_int_equal(q0->loc.line, p0->loc.line);
  JxIndicator *i0 = g_ptr_array_index(p0->indicators, 2),
              *k0 = g_ptr_array_index(q0->indicators, 2);
  assert_int_equal(jx_indicator_actual_count(k0), jx_indicator_actual_count(i0));
  assert_true(jx_indicator_actual_count(i0) > 1);
  JxActual *a = g_ptr_array_index(i0->actuals, 1), *b = g_ptr_array_index(k0->actuals, 1);
  assert_string_equal(b->loc.file, a->loc.file);
  assert_int_equal(b->loc.line, a->loc.line);
  assert_int_equal(b->loc.col, a->loc.col);
  /* and the same bytes again */
  GString *again = g_string_new(NULL);
  jx_wire_put_department(again, first(back));
  assert_int_equal(again->len, bytes->len);
  assert_memory_equal(again->str, bytes->str, bytes->len);
  g_free(want);
  g_free(got);
  jx_model_free(back);
  g_string_free(bytes, TRUE);
  g_string_free(again, TRUE);
}

/* A message cut anywhere, or with a byte more, is refused, never read
 * past its end (run under the sanitizers by make sanitize). */
static void cut_messages_refused(void **state) {
  (void)state;
  GString *bytes = g_string_new(NULL);
  jx_wire_put_department(bytes, first(sample->model));
  for (gsize cut = 0; cut < bytes->len; cut += 1 + cut / 16) {
    char *part = g_memdup2(bytes->str, cut);
    JxModel *m = jx_wire_get_department(part, cut);
    if (m)
      fail_msg("a message cut at %zu of %zu bytes was read", cut, bytes->len);
    g_free(part);
  }
  g_string_append_c(bytes, 0);
  assert_null(jx_wire_get_department(bytes->str, bytes->len));
  g_string_free(bytes, TRUE);
}

/* A length that claims more than the message holds is refused. */
static void huge_count_refused(void **state) {
  (void)state;
  GString *bytes = g_string_new(NULL);
  jx_wire_put_string(bytes, "部门");
  jx_wire_put_string(bytes, NULL);
  jx_wire_put_int(bytes, 0);
  jx_wire_put_int(bytes, 0);
  jx_wire_put_int(bytes, G_MAXINT64); /* projects */
  assert_null(jx_wire_get_department(bytes->str, bytes->len));
  g_string_free(bytes, TRUE);
}

/* Messages over a pipe arrive whole and in order, a long one too. */
static void framing(void **state) {
  (void)state;
  int fds[2];
  assert_int_equal(pipe(fds), 0);
  GString *a = g_string_new("第一"), *b = g_string_new(NULL);
  g_string_set_size(b, 3000);
  memset(b->str, 'x', b->len);
  assert_true(jx_wire_send(fds[1], a));
  assert_true(jx_wire_send(fds[1], b));
  close(fds[1]);
  GString *got = g_string_new(NULL);
  assert_true(jx_wire_receive(fds[0], got));
  assert_string_equal(got->str, "第一");
  assert_true(jx_wire_receive(fds[0], got));
  assert_int_equal(got->len, 3000);
  assert_memory_equal(got->str, b->str, 3000);
  assert_false(jx_wire_receive(fds[0], got));
  close(fds[0]);
  g_string_free(a, TRUE);
  g_string_free(b, TRUE);
  g_string_free(got, TRUE);
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(department_round_trip),
      cmocka_unit_test(cut_messages_refused),
      cmocka_unit_test(huge_count_refused),
      cmocka_unit_test(framing),
  };
  return cmocka_run_group_tests(tests, setup, teardown);
}
