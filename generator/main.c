/* main.c - the jixiao command: options, the commands, exit codes.
 * Nothing else in jixiao decides how the process ends. */
#include "dump.h"
#include "inputs.h"
#include "table.h"

#include <glib.h>
#include <stdio.h>
#include <string.h>
#include <sysexits.h>

#ifndef JX_VERSION
#define JX_VERSION "0.0.0"
#endif

static const char usage[] =
    "usage: jixiao render [OPTIONS] INPUT...   make reports (INPUT: files or folders)\n"
    "       jixiao check  [OPTIONS] INPUT...   validate; one summary line per file\n"
    "       jixiao dump   [OPTIONS] INPUT...   print the normalized one-indicator-per-row CSV\n"
    "       jixiao --help | --version\n"
    "\n"
    "INPUT is a .csv, .tsv or .txt table, or a folder of them.  Tables may be\n"
    "published target tables (项目支出绩效目标表), one-indicator-per-row tables\n"
    "or actuals by period; UTF-8, UTF-8 with BOM, UTF-16 with BOM or GB18030.\n"
    "\n"
    "Options:\n"
    "  --encoding ENC   read every input as ENC (an iconv name such as GBK)\n"
    "  -h, --help       show this help\n"
    "  --version        show the version\n"
    "\n"
    "Exit status: 0 done, 64 usage, 65 bad input data, 66 input missing,\n"
    "70 internal error, 73 cannot create output, 74 I/O error.\n";

/* Options common to the commands that read tables. */
typedef struct {
  const char *encoding;
  char **inputs;
  int n_inputs;
} Options;

/* Parses argv[2..] of a reading command; returns EX_OK or EX_USAGE. */
static int parse_options(int argc, char **argv, Options *o) {
  memset(o, 0, sizeof *o);
  o->inputs = g_new0(char *, argc);
  bool only_inputs = false;
  for (int i = 2; i < argc; i++) {
    const char *a = argv[i];
    if (!only_inputs && strcmp(a, "--") == 0) {
      only_inputs = true;
    } else if (!only_inputs && strcmp(a, "--encoding") == 0) {
      if (i + 1 >= argc) {
        fprintf(stderr, "jixiao: --encoding needs an encoding name\n");
        return EX_USAGE;
      }
      o->encoding = argv[++i];
    } else if (!only_inputs && g_str_has_prefix(a, "--encoding=")) {
      o->encoding = a + strlen("--encoding=");
    } else if (!only_inputs && a[0] == '-' && a[1] != '\0') {
      fprintf(stderr, "jixiao: unknown option '%s'\n%s", a, usage);
      return EX_USAGE;
    } else {
      o->inputs[o->n_inputs++] = argv[i];
    }
  }
  if (o->n_inputs == 0) {
    fprintf(stderr, "jixiao %s: no INPUT given\n%s", argv[1], usage);
    return EX_USAGE;
  }
  return EX_OK;
}

/* Reads the inputs; prints why and returns the exit code when it cannot. */
static int read_inputs(const Options *o, JxInputs **in) {
  char *message = NULL;
  JxInputsStatus s = jx_inputs_read(o->inputs, o->n_inputs, o->encoding, in, &message);
  if (s == JX_INPUTS_OK)
    return EX_OK;
  fprintf(stderr, "jixiao: %s\n", message);
  g_free(message);
  return s == JX_INPUTS_IO ? EX_IOERR : EX_NOINPUT;
}

static void print_summary(const JxInput *f) {
  const JxTableInfo *i = &f->info;
  printf("%s: ", f->path);
  if (i->kind == JX_KIND_UNKNOWN) {
    printf("not read");
  } else {
    printf("%s (%s, %s)", jx_table_kind_name(i->kind), i->encoding,
           i->delimiter == '\t' ? "tab" : "comma");
    if (i->department)
      printf(", %s", i->department);
    if (i->departments > 1)
      printf(" and %u more department%s", i->departments - 1, i->departments == 2 ? "" : "s");
    if (i->kind != JX_KIND_ACTUALS)
      printf(", %u project%s, %u indicator%s", i->projects, i->projects == 1 ? "" : "s",
             i->indicators, i->indicators == 1 ? "" : "s");
    if (i->kind != JX_KIND_TARGETS)
      printf(", %u actual%s", i->actuals, i->actuals == 1 ? "" : "s");
  }
  printf(": %u error%s, %u warning%s\n", f->diag->errors, f->diag->errors == 1 ? "" : "s",
         f->diag->warnings, f->diag->warnings == 1 ? "" : "s");
}

static int cmd_check(const Options *o) {
  JxInputs *in = NULL;
  int rc = read_inputs(o, &in);
  if (rc != EX_OK)
    return rc;
  for (guint i = 0; i < in->files->len; i++) {
    const JxInput *f = g_ptr_array_index(in->files, i);
    jx_diag_print(f->diag, stderr);
    print_summary(f);
  }
  rc = jx_inputs_errors(in) ? EX_DATAERR : EX_OK;
  jx_inputs_free(in);
  if (fflush(stdout) != 0)
    return EX_IOERR;
  return rc;
}

static int cmd_dump(const Options *o) {
  JxInputs *in = NULL;
  int rc = read_inputs(o, &in);
  if (rc != EX_OK)
    return rc;
  for (guint i = 0; i < in->files->len; i++)
    jx_diag_print(((JxInput *)g_ptr_array_index(in->files, i))->diag, stderr);
  guint errors = jx_inputs_errors(in);
  if (errors) {
    /* a partial dump would pass for a whole one: print none */
    fprintf(stderr, "jixiao: %u error%s: nothing dumped\n", errors, errors == 1 ? "" : "s");
    rc = EX_DATAERR;
  } else if (!jx_dump_write(in->model, stdout)) {
    fprintf(stderr, "jixiao: cannot write the dump to standard output\n");
    rc = EX_IOERR;
  }
  jx_inputs_free(in);
  return rc;
}

int main(int argc, char **argv) {
  if (argc < 2) {
    fputs(usage, stderr);
    return EX_USAGE;
  }
  const char *cmd = argv[1];
  if (strcmp(cmd, "--help") == 0 || strcmp(cmd, "-h") == 0 || strcmp(cmd, "help") == 0) {
    fputs(usage, stdout);
    return fflush(stdout) == 0 ? EX_OK : EX_IOERR;
  }
  if (strcmp(cmd, "--version") == 0) {
    printf("jixiao %s\n", JX_VERSION);
    return fflush(stdout) == 0 ? EX_OK : EX_IOERR;
  }
  if (strcmp(cmd, "render") == 0) {
    fprintf(stderr, "jixiao: render is not available in this version yet; "
                    "use check and dump\n");
    return EX_USAGE;
  }
  int (*run)(const Options *) = strcmp(cmd, "check") == 0  ? cmd_check
                                : strcmp(cmd, "dump") == 0 ? cmd_dump
                                                           : NULL;
  if (!run) {
    fprintf(stderr, "jixiao: unknown command '%s'\n%s", cmd, usage);
    return EX_USAGE;
  }
  Options o;
  int rc = parse_options(argc, argv, &o);
  if (rc == EX_OK)
    rc = run(&o);
  g_free(o.inputs);
  return rc;
}
