/* xls.c - the sheets of an Excel 97–2003 workbook as rows, by libfreexl. */
#include "read/xls.h"

#include <errno.h>
#include <freexl.h>
#include <glib/gstdio.h>
#include <stdio.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

/* The text of a cell as a CSV export shows a value without its format. */
static char *cell_text(const FreeXL_CellValue *v, bool *fraction) {
  char buf[G_ASCII_DTOSTR_BUF_SIZE];
  switch (v->type) {
  case FREEXL_CELL_INT:
    return g_strdup_printf("%d", v->value.int_value);
  case FREEXL_CELL_DOUBLE:
    *fraction = v->value.double_value != (double)(long long)v->value.double_value;
    return jx_xlsx_format(g_ascii_dtostr(buf, sizeof buf, v->value.double_value), "General", false);
  case FREEXL_CELL_TEXT:
  case FREEXL_CELL_SST_TEXT:
  case FREEXL_CELL_DATE:
  case FREEXL_CELL_DATETIME:
  case FREEXL_CELL_TIME:
    return g_strdup(v->value.text_value ? v->value.text_value : "");
  default:
    return g_strdup("");
  }
}

/* ---- the child that runs FreeXL ----
 *
 * FreeXL is old C reading untrusted bytes, and a damaged .xls makes it
 * write outside its buffers (found by fuzzing).  It runs in a child
 * process that sends the parent what it read over a pipe; if FreeXL
 * crashes, the child dies, and the parent says so. */

/* Messages from the child: a kind, then its strings, each length-prefixed. */
enum { MSG_SHEET = 'S', MSG_ROW = 'R', MSG_END = 'E', MSG_WARN = 'W', MSG_ERROR = 'X' };

static bool put(FILE *out, const void *p, size_t n) {
  return fwrite(p, 1, n, out) == n;
}

static bool put_str(FILE *out, const char *s) {
  guint32 n = (guint32)strlen(s);
  return put(out, &n, sizeof n) && put(out, s, n);
}

static bool put_int(FILE *out, gint32 v) {
  return put(out, &v, sizeof v);
}

/* Reads the workbook and writes what it holds to out; in the child. */
static void child(const char *path, FILE *out) {
  const void *h = NULL;
  int rc = freexl_open(path, &h);
  unsigned int info = 0, sheets = 0;
  if (rc != FREEXL_OK) {
    char *m = g_strdup_printf(
        "an OLE2 compound file that FreeXL cannot read as an Excel 97–2003 workbook (error %d: "
        "a .doc, WPS's .et or .wps, a workbook encrypted with a password, or a damaged .xls): "
        "save it as .xlsx, without a password",
        rc);
    fputc(MSG_ERROR, out);
    put_str(out, m);
    g_free(m);
    return;
  }
  if (freexl_get_info(h, FREEXL_BIFF_PASSWORD, &info) == FREEXL_OK &&
      info == FREEXL_BIFF_OBFUSCATED) {
    fputc(MSG_ERROR, out);
    put_str(out, "the workbook is encrypted with a password: save it without one and read it "
                 "again");
    freexl_close(h);
    return;
  }
  freexl_get_info(h, FREEXL_BIFF_SHEET_COUNT, &sheets);
  bool warned = false;
  char *warning = NULL;
  int warn_col = 0;
  for (unsigned short s = 0; s < sheets; s++) {
    const char *name = NULL;
    unsigned int rows = 0;
    unsigned short cols = 0;
    if (freexl_get_worksheet_name(h, s, &name) != FREEXL_OK ||
        freexl_select_active_worksheet(h, s) != FREEXL_OK ||
        freexl_worksheet_dimensions(h, &rows, &cols) != FREEXL_OK) {
      char *m = g_strdup_printf("sheet %u of the workbook cannot be read", s + 1);
      fputc(MSG_ERROR, out);
      put_str(out, m);
      g_free(m);
      break;
    }
    fputc(MSG_SHEET, out);
    put_str(out, name ? name : "");
    for (unsigned int r = 0; r < rows; r++) {
      fputc(MSG_ROW, out);
      put_int(out, (gint32)r + 1);
      put_int(out, cols);
      for (unsigned short c = 0; c < cols; c++) {
        FreeXL_CellValue v = {0};
        bool fraction = false;
        char *text = freexl_get_cell_value(h, r, c, &v) == FREEXL_OK ? cell_text(&v, &fraction)
                                                                     : g_strdup("");
        put_str(out, text);
        if (fraction && !warned) {
          /* what FreeXL cannot give is said, not guessed (after the row) */
          warning = g_strdup_printf(
              "FreeXL, which reads .xls, cannot see number formats: numbers read as stored ('%s' "
              "here; a 96%% cell reads as 0.96); save the workbook as .xlsx to read them as "
              "shown",
              text);
          warn_col = c + 1;
          warned = true;
        }
        g_free(text);
      }
      if (warning) {
        fputc(MSG_WARN, out);
        put_int(out, (gint32)r + 1);
        put_int(out, warn_col);
        put_str(out, warning);
        g_free(warning);
        warning = NULL;
      }
    }
    fputc(MSG_END, out);
  }
  if (sheets == 0) {
    fputc(MSG_ERROR, out);
    put_str(out, "the workbook has no sheets");
  }
  freexl_close(h);
}

static bool get(FILE *in, void *p, size_t n) {
  return fread(p, 1, n, in) == n;
}

/* A string of the child's; NULL when the pipe ends or the length is not
 * one the child wrote (bounded by the file it read). */
static char *get_str(FILE *in, size_t limit) {
  guint32 n;
  if (!get(in, &n, sizeof n) || n > limit)
    return NULL;
  char *s = g_malloc(n + 1);
  if (!get(in, s, n)) {
    g_free(s);
    return NULL;
  }
  s[n] = '\0';
  return s;
}

bool jx_xls_read(const char *bytes, size_t len, JxDiag *diag, const JxSheetReader *fn, void *data) {
  char *path = NULL;
  int fd = g_file_open_tmp("jixiao-XXXXXX.xls", &path, NULL);
  bool written = fd >= 0;
  for (size_t done = 0; written && done < len;) {
    ssize_t n = write(fd, bytes + done, len - done);
    written = n > 0;
    done += n > 0 ? (size_t)n : 0;
  }
  if (fd >= 0)
    close(fd);
  int pipefd[2];
  if (!written || pipe(pipefd) != 0) {
    jx_diag_add(diag, JX_ERROR, 0, 0, "the .xls cannot be handed to FreeXL: %s", g_strerror(errno));
    if (path)
      g_unlink(path);
    g_free(path);
    return false;
  }
  fflush(NULL);
  pid_t pid = fork();
  if (pid == 0) {
    close(pipefd[0]);
    FILE *out = fdopen(pipefd[1], "w");
    if (out) {
      child(path, out);
      fclose(out);
    }
    _exit(0);
  }
  close(pipefd[1]);
  FILE *in = fdopen(pipefd[0], "r");
  bool ok = pid > 0 && in, in_sheet = false, errors = false, sheets = false;
  size_t limit = len * 8 + 4096; /* a cell's text is never far larger than the file */
  GPtrArray *texts = g_ptr_array_new_with_free_func(g_free);
  int kind;
  while (ok && (kind = fgetc(in)) != EOF) {
    if (kind == MSG_SHEET) {
      char *name = get_str(in, limit);
      ok = name != NULL;
      if (ok) {
        fn->begin(data, name);
        in_sheet = sheets = true;
      }
      g_free(name);
    } else if (kind == MSG_ROW && in_sheet) {
      gint32 line, n;
      ok = get(in, &line, sizeof line) && get(in, &n, sizeof n) && n >= 0 && n <= 256;
      g_ptr_array_set_size(texts, 0);
      bool blank = true;
      for (gint32 c = 0; ok && c < n; c++) {
        char *t = get_str(in, limit);
        ok = t != NULL;
        if (ok) {
          blank &= !*t;
          g_ptr_array_add(texts, t);
        }
      }
      if (ok && !blank) {
        JxCell *cells = g_new0(JxCell, texts->len ? texts->len : 1);
        for (guint c = 0; c < texts->len; c++) {
          cells[c].text = g_ptr_array_index(texts, c);
          cells[c].len = strlen(cells[c].text);
          cells[c].line = line;
        }
        JxRow row = {cells, texts->len, line};
        fn->row(&row, data);
        g_free(cells);
      }
    } else if (kind == MSG_END && in_sheet) {
      fn->end(data);
      in_sheet = false;
    } else if (kind == MSG_WARN) {
      gint32 line, col;
      char *m = NULL;
      ok = get(in, &line, sizeof line) && get(in, &col, sizeof col) && (m = get_str(in, limit));
      if (ok)
        jx_diag_add(diag, JX_WARNING, line, col, "%s", m);
      g_free(m);
    } else if (kind == MSG_ERROR) {
      char *m = get_str(in, limit);
      ok = m != NULL;
      if (ok)
        jx_diag_add(diag, JX_ERROR, 0, 0, "%s", m);
      errors = true;
      g_free(m);
    } else {
      ok = false;
    }
  }
  if (in_sheet)
    fn->end(data);
  if (in)
    fclose(in);
  int status = 0;
  if (pid > 0)
    waitpid(pid, &status, 0);
  g_unlink(path);
  g_free(path);
  g_ptr_array_free(texts, TRUE);
  if (pid <= 0 || !ok || !WIFEXITED(status) || WEXITSTATUS(status) != 0) {
    jx_diag_add(diag, JX_ERROR, 0, 0,
                "FreeXL stopped reading this .xls (%s): it is damaged or not what it seems; save "
                "it as .xlsx",
                pid <= 0              ? "it could not be started"
                : WIFSIGNALED(status) ? g_strsignal(WTERMSIG(status))
                                      : "it ended early");
    return false;
  }
  return sheets && !errors;
}
