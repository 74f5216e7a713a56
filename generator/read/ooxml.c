/* ooxml.c - Office Open XML parts from a zip in memory, streamed safely. */
#include "read/ooxml.h"

#include <string.h>
#include <zip.h>

struct JxOoxml {
  zip_t *zip;
  JxDiag *diag;
  bool failed; /* a part went wrong: said once */
};

/* The state of one part being read. */
typedef struct {
  JxOoxml *z;
  zip_file_t *file;
  const char *name;
  gint64 inflated, compressed;
  bool over; /* past its bounds: reported, reading stops */
} Part;

JxOoxml *jx_ooxml_open(const char *bytes, size_t len, JxDiag *diag) {
  zip_error_t err;
  zip_error_init(&err);
  zip_source_t *src = zip_source_buffer_create(bytes, len, 0, &err);
  zip_t *zip = src ? zip_open_from_source(src, ZIP_RDONLY | ZIP_CHECKCONS, &err) : NULL;
  if (!zip) {
    jx_diag_add(diag, JX_ERROR, 0, 0, "not a readable zip (.xlsx and .docx are zips): %s",
                zip_error_strerror(&err));
    if (src)
      zip_source_free(src);
    zip_error_fini(&err);
    return NULL;
  }
  zip_error_fini(&err);
  /* an entry that is encrypted cannot be read: a password-protected zip */
  zip_int64_t n = zip_get_num_entries(zip, 0);
  for (zip_int64_t i = 0; i < n; i++) {
    zip_stat_t st;
    if (zip_stat_index(zip, (zip_uint64_t)i, 0, &st) == 0 &&
        (st.valid & ZIP_STAT_ENCRYPTION_METHOD) && st.encryption_method != ZIP_EM_NONE) {
      jx_diag_add(diag, JX_ERROR, 0, 0,
                  "the file is encrypted: save it without a password and read it again");
      zip_close(zip);
      return NULL;
    }
  }
  JxOoxml *z = g_new0(JxOoxml, 1);
  z->zip = zip;
  z->diag = diag;
  return z;
}

void jx_ooxml_close(JxOoxml *z) {
  if (!z)
    return;
  zip_discard(z->zip);
  g_free(z);
}

bool jx_ooxml_has(JxOoxml *z, const char *name) {
  return zip_name_locate(z->zip, name, 0) >= 0;
}

/* Reports a problem of the file once: the first says what went wrong, the
 * rest follow from it. */
static void fail(JxOoxml *z, const char *fmt, const char *a, const char *b) {
  if (z->failed)
    return;
  z->failed = true;
  jx_diag_add(z->diag, JX_ERROR, 0, 0, fmt, a, b);
}

/* xmlTextReader's input: the part inflated as it is read, within bounds. */
static int part_read(void *ctx, char *buf, int len) {
  Part *p = ctx;
  if (p->over)
    return -1;
  zip_int64_t n = zip_fread(p->file, buf, (zip_uint64_t)len);
  if (n < 0) {
    fail(p->z, "part %s of the zip cannot be read: %s", p->name, zip_file_strerror(p->file));
    p->over = true;
    return -1;
  }
  p->inflated += n;
  if (p->inflated > JX_OOXML_PART_MAX ||
      (p->inflated > (1 << 20) && p->inflated / (p->compressed + 1) > JX_OOXML_RATIO_MAX)) {
    char *what = g_strdup_printf("%" G_GINT64_FORMAT, p->inflated);
    fail(p->z,
         "part %s of the zip inflates past %s bytes, far more than a workbook or document holds "
         "(a zip bomb?): not read",
         p->name, what);
    g_free(what);
    p->over = true;
    return -1;
  }
  return (int)n;
}

static int part_close(void *ctx) {
  Part *p = ctx;
  zip_fclose(p->file);
  g_free(p);
  return 0;
}

/* libxml2's errors about a part: the first is said. */
static void part_error(void *ctx, const char *msg, xmlParserSeverities severity,
                       xmlTextReaderLocatorPtr loc) {
  (void)severity;
  Part *p = ctx;
  char *text = g_strstrip(g_strdup(msg));
  char *where = g_strdup_printf("%s (line %d)", p->name, xmlTextReaderLocatorLineNumber(loc));
  fail(p->z, "part %s of the zip is not well-formed XML: %s", where, text);
  g_free(where);
  g_free(text);
}

xmlTextReaderPtr jx_ooxml_part(JxOoxml *z, const char *name) {
  zip_stat_t st;
  zip_file_t *file = NULL;
  if (zip_stat(z->zip, name, 0, &st) != 0 || !(file = zip_fopen(z->zip, name, 0))) {
    fail(z, "the zip has no part %s%s", name, "");
    return NULL;
  }
  Part *p = g_new0(Part, 1);
  p->z = z;
  p->file = file;
  p->name = name;
  p->compressed = (st.valid & ZIP_STAT_COMP_SIZE) ? (gint64)st.comp_size : 0;
  /* no network, no DTD loaded, no entity substituted: an entity a part
   * declares stays unexpanded, and a DTD is refused in jx_ooxml_next */
  xmlTextReaderPtr r = xmlReaderForIO(part_read, part_close, p, name, NULL, XML_PARSE_NONET);
  if (!r) {
    fail(z, "part %s of the zip cannot be read%s", name, "");
    return NULL;
  }
  xmlTextReaderSetErrorHandler(r, part_error, p);
  return r;
}

int jx_ooxml_next(JxOoxml *z, xmlTextReaderPtr r) {
  if (z->failed)
    return -1;
  int rc = xmlTextReaderRead(r);
  if (rc == 1 && xmlTextReaderNodeType(r) == XML_READER_TYPE_DOCUMENT_TYPE) {
    fail(z, "a part of the zip declares a DTD, which Office never writes: not read%s%s", "", "");
    return -1;
  }
  if (rc == 1 && xmlTextReaderNodeType(r) == XML_READER_TYPE_ENTITY_REFERENCE) {
    fail(z, "a part of the zip refers to an entity, which Office never writes: not read%s%s", "",
         "");
    return -1;
  }
  if (rc < 0)
    fail(z, "a part of the zip cannot be read as XML%s%s", "", "");
  return z->failed ? -1 : rc;
}

bool jx_ooxml_done(JxOoxml *z, xmlTextReaderPtr r) {
  if (r)
    xmlFreeTextReader(r);
  return !z->failed;
}

char *jx_ooxml_attr(xmlTextReaderPtr r, const char *name) {
  char *v = (char *)xmlTextReaderGetAttribute(r, (const xmlChar *)name);
  if (v || !xmlTextReaderHasAttributes(r))
    return v;
  /* WordprocessingML qualifies its attributes (w:val): matched by local name */
  for (int ok = xmlTextReaderMoveToFirstAttribute(r); ok == 1 && !v;
       ok = xmlTextReaderMoveToNextAttribute(r)) {
    const xmlChar *local = xmlTextReaderConstLocalName(r);
    if (local && strcmp((const char *)local, name) == 0)
      v = (char *)xmlTextReaderValue(r);
  }
  xmlTextReaderMoveToElement(r);
  return v;
}

bool jx_ooxml_at(xmlTextReaderPtr r, const char *local, bool end) {
  int type = xmlTextReaderNodeType(r);
  if (type != (end ? XML_READER_TYPE_END_ELEMENT : XML_READER_TYPE_ELEMENT))
    return false;
  const xmlChar *name = xmlTextReaderConstLocalName(r);
  return name && strcmp((const char *)name, local) == 0;
}

/* base + target with "../" resolved; a target from the root as it is. */
static char *resolve(const char *base, const char *target) {
  if (target[0] == '/')
    return g_strdup(target + 1);
  char *path = g_strdup(base);
  while (g_str_has_prefix(target, "../")) {
    target += 3;
    size_t n = strlen(path);
    if (n && path[n - 1] == '/')
      path[--n] = '\0';
    char *slash = strrchr(path, '/');
    if (slash)
      slash[1] = '\0';
    else
      path[0] = '\0';
  }
  char *out = g_strconcat(path, target, NULL);
  g_free(path);
  return out;
}

char *jx_ooxml_target(JxOoxml *z, const char *rels, const char *base, const char *id) {
  xmlTextReaderPtr r = jx_ooxml_part(z, rels);
  char *found = NULL;
  while (r && !found && jx_ooxml_next(z, r) == 1) {
    if (!jx_ooxml_at(r, "Relationship", false))
      continue;
    char *rid = jx_ooxml_attr(r, "Id"), *target = jx_ooxml_attr(r, "Target");
    if (rid && target && strcmp(rid, id) == 0)
      found = resolve(base, target);
    xmlFree(rid);
    xmlFree(target);
  }
  jx_ooxml_done(z, r);
  return found;
}

bool jx_ooxml_contains(JxOoxml *z, const char *name, const char *needle) {
  zip_file_t *file = zip_fopen(z->zip, name, 0);
  if (!file)
    return false;
  size_t n = strlen(needle);
  char buf[65536];
  size_t carry = 0;
  bool found = false;
  gint64 total = 0;
  for (;;) {
    zip_int64_t got = zip_fread(file, buf + carry, sizeof buf - carry);
    if (got <= 0)
      break;
    total += got;
    size_t have = carry + (size_t)got;
    if (g_strstr_len(buf, (gssize)have, needle)) {
      found = true;
      break;
    }
    /* the part's bounds hold here too: jx_ooxml_part says so when read */
    if (total > JX_OOXML_PART_MAX)
      break;
    carry = n - 1 < have ? n - 1 : have;
    memmove(buf, buf + have - carry, carry);
  }
  zip_fclose(file);
  return found;
}
