/* main.c - the jixiao command: options, the commands, exit codes.
 * Nothing else in jixiao decides how the process ends. */
#include "assess/assess.h"
#include "batch/batch.h"
#include "check.h"
#include "report/dump.h"
#include "layout/fonts.h"
#include "read/inputs.h"
#include "render/interrupt.h"
#include "layout/layout.h"
#include "render/render.h"
#include "render/render_haru.h"
#include "report/report.h"
#include "layout/style.h"
#include "read/table.h"
#include "report/template.h"

#include <errno.h>
#include <fontconfig/fontconfig.h>
#include <glib.h>
#include <glib/gstdio.h>
#include <math.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>
#include <sysexits.h>

#ifndef JX_VERSION
#define JX_VERSION "0.0.0"
#endif

static const char usage[] =
    "usage: jixiao render [OPTIONS] INPUT...   make PDF, SVG or PNG reports\n"
    "       jixiao check  [OPTIONS] INPUT...   validate; one summary line per file\n"
    "       jixiao dump   [OPTIONS] INPUT...   print the normalized one-indicator-per-row CSV\n"
    "       jixiao --help | --version\n"
    "\n"
    "INPUT is a .csv, .tsv or .txt table, an .xlsx or .xls workbook (each sheet\n"
    "a table), a .docx document (each table), or a folder of them.  Tables may\n"
    "be published target tables (项目支出绩效目标表), one-indicator-per-row\n"
    "tables, actuals by period, or the forms units publish (自评表, 监控表,\n"
    "目标表); UTF-8, UTF-8 with BOM, UTF-16 with BOM or GB18030.\n"
    "\n"
    "Options:\n"
    "  --encoding ENC   read every input as ENC (an iconv name such as GBK)\n"
    "  -t TEMPLATE      the report template: a name from the templates folder\n"
    "                   (annual, monthly, targets, official, summary) or a FILE.ini\n"
    "                   (default: annual); its scoring rules apply to check too\n"
    "  --period P       assess and report at P (2024 or 2024-06; default: the latest)\n"
    "  --official FILE  the 公文's values (发文字号, 成文日期, 主送机关, 正文 …) from\n"
    "                   FILE's [公文] group, over the template's [official]\n"
    "  -o DIR           render: the output tree, DIR/<期间>/<部门>/<template>.pdf\n"
    "                   (default: output), with DIR/manifest.json\n"
    "  -f LIST          render: formats, any of pdf,svg,svg-outlines,png,html,docx\n"
    "                   (default: pdf); html: a web page a report and OUT/index.html;\n"
    "                   docx: a Word document a report, to edit before stamping\n"
    "  --dpi N          render: PNG resolution (default: 96)\n"
    "  --no-charts      render: tables only, no charts\n"
    "  --engine E       render: the PDF engine, cairo (default) or haru (libharu,\n"
    "                   TrueType faces only) for the options below\n"
    "  --attach-data    haru: embed the input files and a manifest of them\n"
    "  --owner-password P, --user-password P\n"
    "                   haru: encrypt (RC4-128, weak) with these passwords\n"
    "  --permit LIST    haru: what an encrypted PDF allows: print,copy,edit,annotate\n"
    "  --pdfa           haru: PDF/A-1b, for archives (no encryption)\n"
    "  --sign KEY.pem --cert CERT.pem [--chain CHAIN.pem]\n"
    "                   render: sign each PDF (PAdES B-B, SHA-256), either engine\n"
    "  --sign-pass-file FILE\n"
    "                   the key's passphrase, the first line of FILE (or the\n"
    "                   environment's JIXIAO_SIGN_PASS); never on the command line\n"
    "  -j N             render: N documents at a time (default: the cores)\n"
    "  --shard K/N      render: only the K-th of N slices of the documents\n"
    "  --summary        render: the district summary (-t summary) besides, from\n"
    "                   the scores of the departments' reports\n"
    "  --force          render: remake documents that are up to date\n"
    "  --wait           render: wait for another run on the same folder\n"
    "  -q, -v           render: no warnings or progress; or say what is done\n"
    "  -h, --help       show this help\n"
    "  --version        show the version\n"
    "\n"
    "Exit status: 0 done, 64 usage, 65 bad input data, 66 input missing,\n"
    "70 internal error, 73 cannot create output, 74 I/O error,\n"
    "75 another run is writing the output tree.\n";

/* Options of the commands. */
typedef struct {
  const char *encoding;
  char **inputs;
  int n_inputs;
  const char *period;      /* the period to assess and report, NULL for the latest */
  const char *tmpl;        /* -t: a template name or file */
  const char *official;    /* --official: a 公文's values for the template */
  const char *out_dir;     /* render */
  bool pdf, svg, png;      /* render */
  bool outlines, html;     /* render: -f svg-outlines, html */
  bool docx;               /* render: -f docx */
  double dpi;              /* render */
  bool no_charts;          /* render */
  bool haru;               /* render: --engine haru */
  bool attach, pdfa;       /* haru */
  int jobs, shard, shards; /* render: -j, --shard */
  bool force, wait;        /* render */
  bool summary;            /* render: --summary */
  int verbosity;           /* render: 0 -q, 1, 2 -v */
  const char *owner_password, *user_password, *permit;            /* haru */
  const char *sign_key, *sign_cert, *sign_chain, *sign_pass_file; /* render */
} Options;

/* Reads a -f list such as "pdf,svg"; false when it names something else. */
static bool parse_formats(const char *list, Options *o) {
  o->pdf = o->svg = o->png = o->outlines = o->html = o->docx = false;
  gchar **each = g_strsplit(list, ",", -1);
  bool ok = each[0] != NULL;
  for (int i = 0; each[i]; i++) {
    char *f = g_strstrip(each[i]);
    if (strcmp(f, "pdf") == 0)
      o->pdf = true;
    else if (strcmp(f, "svg") == 0)
      o->svg = true;
    else if (strcmp(f, "svg-outlines") == 0)
      o->svg = o->outlines = true;
    else if (strcmp(f, "html") == 0)
      o->html = true;
    else if (strcmp(f, "png") == 0)
      o->png = true;
    else if (strcmp(f, "docx") == 0)
      o->docx = true;
    else
      ok = false;
  }
  g_strfreev(each);
  return ok;
}

/* The libharu options make sense only together in some ways. */
static int check_haru_options(const Options *o) {
  bool any = o->attach || o->pdfa || o->owner_password || o->user_password || o->permit;
  const char *why = NULL;
  unsigned perms;
  if (any && !o->haru)
    why = "--attach-data, --pdfa, the passwords and --permit need --engine haru";
  else if (o->pdfa && (o->owner_password || o->user_password))
    why = "PDF/A forbids encryption: --pdfa takes no password";
  else if (o->pdfa && o->attach)
    why = "PDF/A-1 forbids embedded files: --pdfa and --attach-data do not go together";
  else if ((o->user_password || o->permit) && !o->owner_password)
    why = "--user-password and --permit need --owner-password";
  else if (o->owner_password && !*o->owner_password)
    why = "--owner-password cannot be empty";
  else if (o->owner_password && o->user_password &&
           strcmp(o->owner_password, o->user_password) == 0)
    why = "the owner and user passwords must differ (libharu would save the file unencrypted)";
  else if (o->permit && !jx_haru_permissions(o->permit, &perms))
    why = "--permit takes print, copy, edit and annotate, comma separated";
  else if (!o->sign_key != !o->sign_cert)
    why = "--sign KEY.pem and --cert CERT.pem go together";
  else if ((o->sign_chain || o->sign_pass_file) && !o->sign_key)
    why = "--chain and --sign-pass-file need --sign and --cert";
  else if (o->sign_key && o->owner_password)
    why = "a signed PDF is not encrypted here: --sign takes no password";
  else if (o->sign_key && !o->pdf)
    why = "--sign signs PDF files: -f must include pdf";
  if (!why)
    return EX_OK;
  fprintf(stderr, "jixiao: %s\n", why);
  return EX_USAGE;
}

/* Parses argv[2..] of a reading command; returns EX_OK or EX_USAGE. */
static int parse_options(int argc, char **argv, Options *o) {
  memset(o, 0, sizeof *o);
  o->inputs = g_new0(char *, argc);
  o->out_dir = "output";
  o->jobs = (int)g_get_num_processors();
  o->shard = o->shards = 1;
  o->verbosity = 1;
  o->tmpl = "annual";
  o->pdf = true;
  o->dpi = 96;
  bool only_inputs = false;
  bool render = strcmp(argv[1], "render") == 0;
  for (int i = 2; i < argc; i++) {
    const char *a = argv[i];
    if (!only_inputs && strcmp(a, "--") == 0) {
      only_inputs = true;
    } else if (!only_inputs && render &&
               (strcmp(a, "-o") == 0 || strcmp(a, "-f") == 0 || strcmp(a, "--dpi") == 0)) {
      if (i + 1 >= argc) {
        fprintf(stderr, "jixiao: %s needs a value\n", a);
        return EX_USAGE;
      }
      const char *v = argv[++i];
      char *end = NULL;
      if (strcmp(a, "-o") == 0) {
        o->out_dir = v;
      } else if (strcmp(a, "-f") == 0) {
        if (!parse_formats(v, o)) {
          fprintf(
              stderr,
              "jixiao: -f takes pdf, svg, svg-outlines, png and html, comma separated, not '%s'\n",
              v);
          return EX_USAGE;
        }
      } else {
        o->dpi = g_ascii_strtod(v, &end);
        if (!end || *end || o->dpi < 10 || o->dpi > 1200) {
          fprintf(stderr, "jixiao: --dpi takes a number from 10 to 1200, not '%s'\n", v);
          return EX_USAGE;
        }
      }
    } else if (!only_inputs && strcmp(a, "-t") == 0) {
      if (i + 1 >= argc) {
        fprintf(stderr, "jixiao: -t needs a template name or FILE.ini\n");
        return EX_USAGE;
      }
      o->tmpl = argv[++i];
    } else if (!only_inputs && render &&
               (strcmp(a, "--engine") == 0 || strcmp(a, "--owner-password") == 0 ||
                strcmp(a, "--user-password") == 0 || strcmp(a, "--permit") == 0 ||
                strcmp(a, "--sign") == 0 || strcmp(a, "--cert") == 0 || strcmp(a, "--chain") == 0 ||
                strcmp(a, "--sign-pass-file") == 0)) {
      if (i + 1 >= argc) {
        fprintf(stderr, "jixiao: %s needs a value\n", a);
        return EX_USAGE;
      }
      const char *v = argv[++i];
      if (strcmp(a, "--engine") == 0) {
        if (strcmp(v, "cairo") != 0 && strcmp(v, "haru") != 0) {
          fprintf(stderr, "jixiao: --engine takes cairo or haru, not '%s'\n", v);
          return EX_USAGE;
        }
        o->haru = strcmp(v, "haru") == 0;
      } else if (strcmp(a, "--owner-password") == 0) {
        o->owner_password = v;
      } else if (strcmp(a, "--user-password") == 0) {
        o->user_password = v;
      } else if (strcmp(a, "--sign") == 0) {
        o->sign_key = v;
      } else if (strcmp(a, "--cert") == 0) {
        o->sign_cert = v;
      } else if (strcmp(a, "--chain") == 0) {
        o->sign_chain = v;
      } else if (strcmp(a, "--sign-pass-file") == 0) {
        o->sign_pass_file = v;
      } else {
        o->permit = v;
      }
    } else if (!only_inputs && render && (strcmp(a, "-j") == 0 || strcmp(a, "--shard") == 0)) {
      const char *v = i + 1 < argc ? argv[++i] : "";
      char *end = NULL;
      if (strcmp(a, "-j") == 0) {
        long n = strtol(v, &end, 10);
        if (!*v || *end || n < 1 || n > 256) {
          fprintf(stderr, "jixiao: -j takes a number from 1 to 256, not '%s'\n", v);
          return EX_USAGE;
        }
        o->jobs = (int)n;
      } else if (sscanf(v, "%d/%d", &o->shard, &o->shards) != 2 || o->shards < 1 || o->shard < 1 ||
                 o->shard > o->shards) {
        fprintf(stderr, "jixiao: --shard takes K/N with 1 <= K <= N, not '%s'\n", v);
        return EX_USAGE;
      }
    } else if (!only_inputs && render && strcmp(a, "--force") == 0) {
      o->force = true;
    } else if (!only_inputs && render && strcmp(a, "--summary") == 0) {
      o->summary = true;
    } else if (!only_inputs && render && strcmp(a, "--wait") == 0) {
      o->wait = true;
    } else if (!only_inputs && render && (strcmp(a, "-q") == 0 || strcmp(a, "-v") == 0)) {
      o->verbosity = a[1] == 'q' ? 0 : 2;
    } else if (!only_inputs && render && strcmp(a, "--attach-data") == 0) {
      o->attach = true;
    } else if (!only_inputs && render && strcmp(a, "--pdfa") == 0) {
      o->pdfa = true;
    } else if (!only_inputs && render && strcmp(a, "--no-charts") == 0) {
      o->no_charts = true;
    } else if (!only_inputs && strcmp(a, "--official") == 0) {
      if (i + 1 >= argc) {
        fprintf(stderr, "jixiao: --official takes a FILE of the 公文's values\n");
        return EX_USAGE;
      }
      o->official = argv[++i];
    } else if (!only_inputs && strcmp(a, "--period") == 0) {
      char *period = i + 1 < argc ? jx_period_normalize(argv[i + 1]) : NULL;
      if (!period) {
        fprintf(stderr, "jixiao: --period takes a year or a month: 2024 or 2024-06\n");
        return EX_USAGE;
      }
      o->period = g_intern_string(period);
      g_free(period);
      i++;
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
  return check_haru_options(o);
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

/* Says which of t's 公文 values the standard would not print as given: a
 * 发文字号 without its year in 〔〕 (or with 第, or a leading zero), a date
 * with leading zeros or that is not a date. */
static void official_warnings(const JxTemplate *t) {
  const char *number = jx_template_text(t, "official", "发文字号");
  bool standard = true;
  char *n =
      jx_official_number(number, jx_template_text(t, "official", "机关代字"), "2000", &standard);
  if (!standard)
    fprintf(stderr,
            "%s: warning: [official] 发文字号 '%s' is not as GB/T 9704 writes it: "
            "机关代字〔YYYY〕N号 (no 第, no leading zeros), or a number with 机关代字 set\n",
            jx_template_where(t, "official", "发文字号"), number);
  g_free(n);
  const char *copy = jx_template_text(t, "official", "份号");
  if (*copy && (strlen(copy) != 6 || strspn(copy, "0123456789") != 6))
    fprintf(stderr,
            "%s: warning: [official] 份号 '%s' is not six digits as GB/T 9704 numbers a copy "
            "(000001)\n",
            jx_template_where(t, "official", "份号"), copy);
  static const char *const dates[] = {"成文日期", "印发日期"};
  for (size_t i = 0; i < G_N_ELEMENTS(dates); i++) {
    const char *v = jx_template_text(t, "official", dates[i]);
    bool zeros = false;
    char *d = *v ? jx_official_date(v, &zeros) : NULL;
    if (*v && (!d || zeros))
      fprintf(stderr, "%s: warning: [official] %s '%s' %s\n",
              jx_template_where(t, "official", dates[i]), dates[i], v,
              d ? "has leading zeros: it is printed without them"
                : "is not a date (2025年1月5日 or 2025-01-05)");
    g_free(d);
  }
}

/* The template of -t: NULL with a message and *rc set when it cannot be
 * used (EX_USAGE: it was named on the command line). */
static JxTemplate *load_template(const Options *o, int *rc) {
  GError *err = NULL;
  JxTemplate *t = jx_template_load(o->tmpl, &err);
  if (t && o->official && !jx_template_overlay(t, o->official, &err)) {
    jx_template_free(t);
    t = NULL;
  }
  if (!t) {
    fprintf(stderr, "%s\n", err->message);
    g_error_free(err);
    *rc = EX_USAGE;
    return NULL;
  }
  official_warnings(t);
  return t;
}

static int cmd_check(const Options *o) {
  int rc = EX_OK;
  JxTemplate *t = load_template(o, &rc);
  if (!t)
    return rc;
  rc = jx_check_inputs(o->inputs, o->n_inputs, o->encoding, o->period, t->rules);
  jx_template_free(t);
  if (fflush(stdout) != 0)
    return EX_IOERR;
  return rc;
}

/* Prints the problems of the files read; any error means nothing is
 * written ("nothing what"): a partial dump would pass for a whole one, a
 * report of a table read wrong is worse than none.  EX_OK or EX_DATAERR. */
static int print_problems(const JxInputs *in, const char *what) {
  for (guint i = 0; i < in->files->len; i++)
    jx_diag_print(((JxInput *)g_ptr_array_index(in->files, i))->diag, stderr);
  guint errors = jx_inputs_errors(in);
  if (!errors)
    return EX_OK;
  fprintf(stderr, "jixiao: %u error%s: nothing %s\n", errors, errors == 1 ? "" : "s", what);
  return EX_DATAERR;
}

/* Reads the inputs for a command that writes something from them, printing
 * their problems (print_problems).  EX_OK with *in set, else the exit
 * code. */
static int read_clean(const Options *o, JxInputs **in, const char *what) {
  int rc = read_inputs(o, in);
  if (rc == EX_OK && (rc = print_problems(*in, what)) != EX_OK) {
    jx_inputs_free(*in);
    *in = NULL;
  }
  return rc;
}

static int cmd_dump(const Options *o) {
  int rc = EX_OK;
  JxTemplate *t = load_template(o, &rc);
  if (!t)
    return rc;
  JxInputs *in = NULL;
  rc = read_clean(o, &in, "dumped");
  if (rc != EX_OK) {
    jx_template_free(t);
    return rc;
  }
  bool written = jx_dump_write(in->model, t->rules, stdout);
  jx_template_free(t);
  if (!written) {
    fprintf(stderr, "jixiao: cannot write the dump to standard output\n");
    rc = EX_IOERR;
  }
  jx_inputs_free(in);
  return rc;
}

/* Warns of the families a template names that are not installed, once
 * for each list, naming the face the role uses instead (the next one of
 * its list that is there): a report set in a stand-in face must not pass
 * unnoticed. */
static void warn_missing_faces(const JxFonts *fonts, const JxStyle *st) {
  GHashTable *told = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, NULL);
  for (int r = 0; r < JX_ROLE_COUNT; r++) {
    gchar **names = g_strsplit(st->roles[r].families, ",", -1);
    GString *missing = g_string_new(NULL);
    const char *instead = NULL;
    for (int i = 0; names[i]; i++) {
      const char *name = g_strstrip(names[i]);
      if (!*name)
        continue;
      if (!jx_fonts_has_family(fonts, name))
        g_string_append_printf(missing, "%s'%s'", missing->len ? ", " : "", name);
      else if (missing->len && !instead)
        instead = name;
    }
    if (missing->len && !g_hash_table_contains(told, missing->str)) {
      fprintf(stderr, "%s: warning: not installed: %s (put the font files in %s); using '%s'\n",
              st->roles[r].where ? st->roles[r].where : "template", missing->str,
              jx_fonts_dir(fonts), instead ? instead : "a fallback face");
      g_hash_table_add(told, g_strdup(missing->str));
    }
    g_string_free(missing, TRUE);
    g_strfreev(names);
  }
  g_hash_table_destroy(told);
}

/* Renders every department of the model (batch.h), after saying which
 * faces the template names are missing. */
static int render_all(const Options *o, JxBatchFeed *feed, const JxTemplate *t, const JxBatch *b) {
  GError *err = NULL;
  JxFonts *fonts = jx_fonts_open(NULL, &err);
  if (!fonts) {
    fprintf(stderr, "jixiao: %s\n", err->message);
    g_error_free(err);
    return EX_OSFILE;
  }
  if (o->verbosity > 0)
    warn_missing_faces(fonts, o->haru ? &t->truetype : &t->style);
  /* the workers open fonts of their own */
  jx_fonts_free(fonts);
  return jx_batch_render(b, feed);
}

#ifndef JX_ICC_PROFILE
#define JX_ICC_PROFILE "/usr/share/color/icc/sRGB.icc"
#endif

/* What --attach-data embeds: every input file, and a manifest of them (its
 * size, SHA-256, what was read from it) written to a temporary folder
 * (*dir, removed by the caller). */
static GPtrArray *attachments(const JxInputs *in, char **dir, int *held) {
  GPtrArray *files = g_ptr_array_new_with_free_func(g_free);
  GString *m = g_string_new("# the files this report was made from (jixiao " JX_VERSION ")\n"
                            "# name\tbytes\tsha256\twhat was read\n");
  for (guint i = 0; i < in->files->len; i++) {
    const JxInput *f = g_ptr_array_index(in->files, i);
    char *data = NULL;
    gsize len = 0;
    g_file_get_contents(f->path, &data, &len, NULL);
    char *sum = g_compute_checksum_for_data(G_CHECKSUM_SHA256, (const guchar *)data, len);
    char *base = g_path_get_basename(f->path);
    g_string_append_printf(m, "%s\t%" G_GSIZE_FORMAT "\t%s\t%s (%s)\n", base, len, sum,
                           jx_table_kind_name(f->info.kind), f->info.encoding);
    g_free(base);
    g_free(sum);
    g_free(data);
    g_ptr_array_add(files, g_strdup(f->path));
  }
  *dir = g_dir_make_tmp("jixiao-manifest-XXXXXX", NULL);
  *held = *dir ? jx_interrupt_hold(*dir, true) : -1;
  char *path = g_build_filename(*dir, "manifest.txt", NULL);
  g_file_set_contents(path, m->str, (gssize)m->len, NULL);
  g_ptr_array_add(files, path);
  g_string_free(m, TRUE);
  return files;
}

/* The signing options, checked before anything is written: the files
 * read, the key decrypted, key and certificate matched and the certificate
 * valid now (or at SOURCE_DATE_EPOCH).  EX_OK, or EX_NOINPUT (a file that
 * cannot be read) or EX_DATAERR with the reason printed. */
static int check_signer(const Options *o, JxSignOptions *so, char **pass) {
  *pass = NULL;
  if (o->sign_pass_file) {
    GError *err = NULL;
    if (!g_file_get_contents(o->sign_pass_file, pass, NULL, &err)) {
      fprintf(stderr, "jixiao: --sign-pass-file: %s\n", err->message);
      g_error_free(err);
      return EX_NOINPUT;
    }
    (*pass)[strcspn(*pass, "\r\n")] = '\0'; /* the first line */
  } else if (g_getenv("JIXIAO_SIGN_PASS")) {
    *pass = g_strdup(g_getenv("JIXIAO_SIGN_PASS"));
  }
  *so = (JxSignOptions){o->sign_key, o->sign_cert, o->sign_chain, *pass};
  const char *epoch = g_getenv("SOURCE_DATE_EPOCH");
  time_t when = epoch && *epoch ? (time_t)g_ascii_strtoll(epoch, NULL, 10) : time(NULL);
  GError *err = NULL;
  JxSigner *s = jx_signer_load(so->key, so->cert, so->chain, so->pass, when, &err);
  if (!s) {
    fprintf(stderr, "jixiao: %s\n", err->message);
    int rc = err->code == JX_SIGN_NOINPUT ? EX_NOINPUT : EX_DATAERR;
    g_error_free(err);
    return rc;
  }
  jx_signer_free(s);
  return EX_OK;
}

/* The district summary's template of a run: the run's own when it is a
 * district one, the shipped summary with --summary; NULL (and *rc) when a
 * shard is asked for one, which sees only its slice of the departments. */
static const JxTemplate *summary_template(const Options *o, JxTemplate *t, JxTemplate **own,
                                          int *rc) {
  *own = NULL;
  if (!t->district && !o->summary)
    return NULL;
  if (o->shards > 1) {
    fprintf(stderr,
            "jixiao: the district summary needs every department, and --shard %d/%d has a slice "
            "of them: make it in a run of its own (jixiao render -t summary INPUT...), which "
            "assesses without making the departments' reports\n",
            o->shard, o->shards);
    *rc = EX_USAGE;
    return NULL;
  }
  if (t->district)
    return t;
  GError *err = NULL;
  *own = jx_template_load("summary", &err);
  if (!*own) {
    fprintf(stderr, "%s\n", err->message);
    g_error_free(err);
    *rc = EX_SOFTWARE;
  }
  return *own;
}

static int render_run(const Options *o, const JxSignOptions *sign) {
  int rc = EX_OK;
  JxTemplate *t = load_template(o, &rc);
  if (!t)
    return rc;
  JxTemplate *own_summary = NULL;
  const JxTemplate *summary = summary_template(o, t, &own_summary, &rc);
  if (rc != EX_OK) {
    jx_template_free(t);
    return rc;
  }
  JxHaruOptions haru = {NULL, o->owner_password, o->user_password, 0, o->pdfa, JX_ICC_PROFILE};
  if (o->permit)
    jx_haru_permissions(o->permit, &haru.permissions);
  JxBatch b = {.out_dir = o->out_dir,
               .tmpl = t,
               .summary = summary,
               .official = o->official,
               .period = o->period,
               .pdf = o->pdf,
               .svg = o->svg,
               .outlines = o->outlines,
               .html = o->html,
               .docx = o->docx,
               .png = o->png,
               .dpi = o->dpi,
               .charts = !o->no_charts,
               .haru = o->haru,
               .haru_options = &haru,
               .sign = sign,
               .jobs = o->jobs,
               .shard = o->shard,
               .shards = o->shards,
               .force = o->force,
               .wait = o->wait,
               .verbosity = o->verbosity,
               .attach = o->attach,
               .inputs = o->inputs,
               .n_inputs = o->n_inputs};
  /* the lock first; a run with nothing to do reads no input */
  int lock = -1;
  bool done = false;
  rc = jx_batch_begin(&b, &lock, &done);
  if (rc != EX_OK || done) {
    jx_batch_end(&b, lock);
    jx_template_free(t);
    jx_template_free(own_summary);
    return rc;
  }
  /* indexed and checked, then read a group of files at a time */
  JxBatchInputs *feed = NULL;
  rc = jx_batch_inputs_open(&b, o->encoding, &feed);
  JxInputs *in = rc == EX_OK ? jx_batch_inputs_checked(feed) : NULL;
  if (rc == EX_OK)
    rc = print_problems(in, "rendered");
  if (rc != EX_OK) {
    jx_batch_inputs_free(feed);
    jx_batch_end(&b, lock);
    jx_template_free(t);
    jx_template_free(own_summary);
    return rc;
  }
  if (jx_batch_inputs_feed(feed)->departments->len == 0) {
    fprintf(stderr, "jixiao: the inputs hold no project to report on\n");
    rc = EX_DATAERR;
  } else {
    char *manifest_dir = NULL;
    int held = -1;
    if (o->attach)
      haru.attachments = attachments(in, &manifest_dir, &held);
    GPtrArray *sources = jx_batch_inputs_paths(feed);
    b.sources = sources;
    rc = render_all(o, jx_batch_inputs_feed(feed), t, &b);
    g_ptr_array_free(sources, TRUE);
    if (haru.attachments)
      g_ptr_array_free(haru.attachments, TRUE);
    if (manifest_dir) {
      char *manifest = g_build_filename(manifest_dir, "manifest.txt", NULL);
      g_remove(manifest);
      g_rmdir(manifest_dir);
      jx_interrupt_release(held);
      g_free(manifest);
      g_free(manifest_dir);
    }
  }
  jx_batch_end(&b, lock);
  jx_batch_inputs_free(feed);
  jx_template_free(t);
  jx_template_free(own_summary);
  return rc;
}

static int cmd_render(const Options *o) {
  if (!o->sign_key)
    return render_run(o, NULL);
  JxSignOptions sign;
  char *pass = NULL;
  int rc = check_signer(o, &sign, &pass);
  if (rc == EX_OK)
    rc = render_run(o, &sign);
  if (pass)
    memset(pass, 0, strlen(pass));
  g_free(pass);
  return rc;
}

int main(int argc, char **argv) {
  /* a stop removes what is half-written */
  jx_interrupt_init();
  /* fontconfig set up once, here, before any worker process is forked */
  FcInit();
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
  /* a batch's worker process, started by jixiao itself */
  if (strcmp(cmd, "worker") == 0 && argc == 2 && !isatty(STDIN_FILENO))
    return jx_batch_worker();
  int (*run)(const Options *) = strcmp(cmd, "check") == 0    ? cmd_check
                                : strcmp(cmd, "dump") == 0   ? cmd_dump
                                : strcmp(cmd, "render") == 0 ? cmd_render
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
