/* pdftag.c - what cairo 1.16 leaves out of a tagged PDF, added as an
 * incremental update: the catalogue's /Lang, and each Figure element's
 * alternate text.  The file cairo wrote is not touched; the new versions
 * of those objects, a cross-reference section for them and a trailer
 * pointing back at cairo's are appended, so no offset moves. */
#define _GNU_SOURCE /* memmem */
#include "render/pdftag.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* The first occurrence of needle in [from, to), or NULL: a PDF holds
 * NUL bytes, which g_strstr_len stops at. */
static const char *find(const char *from, const char *to, const char *needle) {
  return to > from ? memmem(from, (size_t)(to - from), needle, strlen(needle)) : NULL;
}

/* The last occurrence of needle in data[0, len), or NULL. */
static const char *last_of(const char *data, size_t len, const char *needle) {
  size_t n = strlen(needle);
  for (size_t i = len >= n ? len - n + 1 : 0; i-- > 0;)
    if (memcmp(data + i, needle, n) == 0)
      return data + i;
  return NULL;
}

/* The number after key in the dictionary text [from, to), or -1. */
static long number_after(const char *from, const char *to, const char *key) {
  size_t n = strlen(key);
  for (const char *p = from; p + n < to; p++)
    if (memcmp(p, key, n) == 0)
      return strtol(p + n, NULL, 10);
  return -1;
}

/* The dictionary of the object whose "NUM 0 obj" line begins at p: its
 * text from "<<" to the end of the last ">>"; FALSE when it has none. */
static bool dict_at(const char *p, const char *end, const char **start, const char **close) {
  const char *body = find(p, end, " 0 obj\n");
  if (!body)
    return false;
  body += strlen(" 0 obj\n");
  const char *e = find(body, end, "\nendobj");
  if (!e || end - body < 2 || strncmp(body, "<<", 2) != 0)
    return false;
  const char *c = e;
  while (c > body && strncmp(c - 2, ">>", 2) != 0)
    c--;
  if (c - body < 4)
    return false;
  *start = body;
  *close = c;
  return true;
}

/* The same for object num, looked for from the file's start. */
static bool object_dict(const char *data, size_t len, long num, const char **start,
                        const char **end) {
  char head[32];
  g_snprintf(head, sizeof head, "\n%ld 0 obj\n", num);
  const char *p = find(data, data + len, head);
  return p && dict_at(p + 1, data + len, start, end);
}

/* text as a PDF text string: UTF-16BE in hex with its byte-order mark. */
static void text_string(GString *out, const char *text) {
  glong n = 0;
  gunichar2 *u = g_utf8_to_utf16(text, -1, NULL, &n, NULL);
  g_string_append(out, "<FEFF");
  for (glong i = 0; u && i < n; i++)
    g_string_append_printf(out, "%04X", u[i]);
  g_string_append_c(out, '>');
  g_free(u);
}

typedef struct {
  long num;
  long offset;
} Entry;

static gint by_number(gconstpointer a, gconstpointer b) {
  long x = ((const Entry *)a)->num, y = ((const Entry *)b)->num;
  return x < y ? -1 : x > y;
}

/* Appends one object: its dictionary text [from, to) with what to add
 * before its closing >>. */
static void append_object(GString *out, size_t base, GArray *entries, long num, const char *from,
                          const char *to, const GString *add) {
  Entry e = {num, (long)(base + out->len)};
  g_array_append_val(entries, e);
  g_string_append_printf(out, "%ld 0 obj\n", num);
  g_string_append_len(out, from, to - 2 - from);
  g_string_append(out, add->str);
  g_string_append(out, ">>\nendobj\n");
}

char *jx_pdf_tag_update(const char *data, size_t len, const char *lang, const GPtrArray *alts,
                        size_t *out_len) {
  const char *trailer = last_of(data, len, "\ntrailer\n");
  const char *startxref = last_of(data, len, "\nstartxref\n");
  if (!trailer || !startxref || startxref < trailer)
    return NULL;
  long prev = strtol(startxref + strlen("\nstartxref\n"), NULL, 10);
  long size = number_after(trailer, startxref, "/Size ");
  long root = number_after(trailer, startxref, "/Root ");
  long info = number_after(trailer, startxref, "/Info ");
  const char *from, *to;
  if (prev <= 0 || size <= 0 || root <= 0 || !object_dict(data, len, root, &from, &to))
    return NULL;
  GString *out = g_string_new(NULL);
  GArray *entries = g_array_new(FALSE, FALSE, sizeof(Entry));
  /* the catalogue, with its language */
  GString *add = g_string_new(NULL);
  if (!find(from, to, "/Lang"))
    g_string_append_printf(add, "   /Lang (%s)\n", lang);
  if (!find(from, to, "/MarkInfo"))
    g_string_append(add, "   /MarkInfo << /Marked true >>\n");
  if (add->len)
    append_object(out, len, entries, root, from, to, add);
  /* each Figure, in the order cairo wrote them (the order they were
   * begun), with its alternate text */
  guint k = 0;
  const char *end = data + len;
  for (const char *p = data; alts && k < alts->len;) {
    const char *hit = find(p, end, "/S /Figure\n");
    if (!hit)
      break;
    p = hit + 1;
    /* the object it is in: "\nNUM 0 obj\n" before it */
    const char *obj = last_of(data, (size_t)(hit - data), " 0 obj\n");
    const char *line = obj;
    while (line && line > data && line[-1] != '\n')
      line--;
    long num = line ? strtol(line, NULL, 10) : 0;
    if (num <= 0 || !dict_at(line, end, &from, &to) || hit < from || hit > to ||
        !find(from, to, "/Type /StructElem"))
      continue;
    const char *alt = g_ptr_array_index(alts, k++);
    if (!alt || !*alt || find(from, to, "/Alt"))
      continue;
    g_string_truncate(add, 0);
    g_string_append(add, "   /Alt ");
    text_string(add, alt);
    g_string_append_c(add, '\n');
    append_object(out, len, entries, num, from, to, add);
  }
  g_string_free(add, TRUE);
  if (!entries->len) {
    g_array_free(entries, TRUE);
    g_string_free(out, TRUE);
    return NULL;
  }
  g_array_sort(entries, by_number);
  long xref = (long)(len + out->len);
  g_string_append(out, "xref\n0 1\n0000000000 65535 f \n");
  for (guint i = 0; i < entries->len; i++) {
    const Entry *e = &g_array_index(entries, Entry, i);
    g_string_append_printf(out, "%ld 1\n%010ld 00000 n \n", e->num, e->offset);
  }
  g_string_append_printf(out, "trailer\n<< /Size %ld\n   /Root %ld 0 R\n", size, root);
  if (info > 0)
    g_string_append_printf(out, "   /Info %ld 0 R\n", info);
  g_string_append_printf(out, "   /Prev %ld\n>>\nstartxref\n%ld\n%%%%EOF\n", prev, xref);
  g_array_free(entries, TRUE);
  *out_len = out->len;
  return g_string_free(out, FALSE);
}
