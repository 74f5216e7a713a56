/* sign.c - a PDF signed in place (sign.h).
 *
 * The update appended: the signature dictionary (/Type /Sig, /SubFilter
 * /ETSI.CAdES.detached, /ByteRange, /Contents, /M), the signature field's
 * widget (on page 1, of no size, printed and locked) and its appearance
 * (an empty form: PDF/A wants one), new versions of page 1 (its /Annots
 * with the widget) and of the catalogue (an /AcroForm with the field,
 * /SigFlags 3), a cross-reference section for those five and a trailer
 * pointing back at the file's own (/Prev), its /ID kept.  The /ByteRange
 * covers the whole file but the hex of /Contents; the CMS is made over
 * those bytes.  Its length is known beforehand from a first signing, with
 * room to spare: an ECDSA signature's DER may be a byte or two longer;
 * the hex is padded with zeros, which a reader's DER parser stops before. */
#include "render/sign.h"

#include <errno.h>
#include <openssl/cms.h>
#include <openssl/err.h>
#include <openssl/pem.h>
#include <openssl/x509.h>
#include <qpdf/qpdf-c.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

GQuark jx_sign_error_quark(void) {
  return g_quark_from_static_string("jx-sign");
}

struct JxSigner {
  EVP_PKEY *key;
  X509 *cert;
  STACK_OF(X509) * chain;
  time_t when;
  char *subject;
  char *fingerprint;
};

/* OpenSSL's last error, in its words. */
static const char *ssl_reason(void) {
  unsigned long e = ERR_peek_last_error();
  const char *r = e ? ERR_reason_error_string(e) : NULL;
  return r ? r : "unknown error";
}

/* The passphrase callback: the one given, or none (never a prompt). */
typedef struct {
  const char *pass;
  bool asked;
} Pass;

static int give_pass(char *buf, int size, int rwflag, void *u) {
  (void)rwflag;
  Pass *p = u;
  p->asked = true;
  if (!p->pass)
    return -1;
  int n = (int)strlen(p->pass);
  if (n > size)
    return -1;
  memcpy(buf, p->pass, (size_t)n);
  return n;
}

static BIO *open_pem(const char *path, const char *what, GError **error) {
  BIO *b = BIO_new_file(path, "r");
  if (!b)
    g_set_error(error, JX_SIGN_ERROR, JX_SIGN_NOINPUT, "%s: cannot read the %s: %s", path, what,
                g_strerror(errno ? errno : ENOENT));
  return b;
}

static char *hex(const unsigned char *p, size_t n) {
  GString *s = g_string_sized_new(n * 2);
  for (size_t i = 0; i < n; i++)
    g_string_append_printf(s, "%02x", p[i]);
  return g_string_free(s, FALSE);
}

/* The DER of a detached CMS SignedData over data: SHA-256, the signer's
 * certificate and chain, the signed attributes content-type, message-digest,
 * signing-certificate-v2 (CMS_CADES) and the signing time.  NULL on
 * failure; the caller frees with OPENSSL_free. */
static unsigned char *cms_of(const JxSigner *s, const char *data, size_t n, int *len) {
  unsigned int flags = CMS_DETACHED | CMS_BINARY | CMS_NOSMIMECAP;
  unsigned char *der = NULL;
  BIO *in = BIO_new_mem_buf(data, (int)n);
  CMS_ContentInfo *cms = CMS_sign(NULL, NULL, s->chain, NULL, flags | CMS_PARTIAL);
  CMS_SignerInfo *si =
      cms ? CMS_add1_signer(cms, s->cert, s->key, EVP_sha256(), flags | CMS_CADES) : NULL;
  ASN1_TIME *t = ASN1_TIME_set(NULL, s->when);
  bool ok = in && si && t && CMS_signed_add1_attr_by_NID(si, NID_pkcs9_signingTime, t->type, t, -1);
  ok = ok && CMS_final(cms, in, NULL, flags);
  *len = ok ? i2d_CMS_ContentInfo(cms, &der) : -1;
  ASN1_TIME_free(t);
  CMS_ContentInfo_free(cms);
  BIO_free(in);
  return *len > 0 ? der : NULL;
}

JxSigner *jx_signer_load(const char *key, const char *cert, const char *chain, const char *pass,
                         time_t when, GError **error) {
  JxSigner *s = g_new0(JxSigner, 1);
  s->when = when;
  s->chain = sk_X509_new_null();
  ERR_clear_error();
  BIO *b = open_pem(key, "private key", error);
  if (!b)
    goto fail;
  Pass p = {pass, false};
  s->key = PEM_read_bio_PrivateKey(b, NULL, give_pass, &p);
  BIO_free(b);
  if (!s->key) {
    g_set_error(error, JX_SIGN_ERROR, JX_SIGN_BAD, "%s: cannot read the private key: %s", key,
                p.asked && !pass ? "it is encrypted: give its passphrase with --sign-pass-file"
                : p.asked        ? "wrong passphrase"
                                 : "not a PEM private key");
    goto fail;
  }
  if (!(b = open_pem(cert, "certificate", error)))
    goto fail;
  s->cert = PEM_read_bio_X509(b, NULL, NULL, NULL);
  BIO_free(b);
  if (!s->cert) {
    g_set_error(error, JX_SIGN_ERROR, JX_SIGN_BAD, "%s: not a PEM certificate (%s)", cert,
                ssl_reason());
    goto fail;
  }
  if (chain) {
    if (!(b = open_pem(chain, "certificate chain", error)))
      goto fail;
    for (X509 *c; (c = PEM_read_bio_X509(b, NULL, NULL, NULL));)
      sk_X509_push(s->chain, c);
    BIO_free(b);
    ERR_clear_error(); /* the end of the file */
    if (sk_X509_num(s->chain) == 0) {
      g_set_error(error, JX_SIGN_ERROR, JX_SIGN_BAD, "%s: no PEM certificate in it", chain);
      goto fail;
    }
  }
  if (X509_check_private_key(s->cert, s->key) != 1) {
    g_set_error(error, JX_SIGN_ERROR, JX_SIGN_BAD,
                "%s: the private key is not the key of the certificate %s", key, cert);
    goto fail;
  }
  /* valid at the signing time (SOURCE_DATE_EPOCH when set) */
  char stamp[32];
  struct tm tm;
  strftime(stamp, sizeof stamp, "%Y-%m-%d %H:%M:%S UTC", gmtime_r(&when, &tm));
  if (X509_cmp_time(X509_get0_notAfter(s->cert), &when) < 0 ||
      X509_cmp_time(X509_get0_notBefore(s->cert), &when) > 0) {
    bool expired = X509_cmp_time(X509_get0_notAfter(s->cert), &when) < 0;
    g_set_error(error, JX_SIGN_ERROR, JX_SIGN_BAD, "%s: the certificate is %s at %s", cert,
                expired ? "expired" : "not yet valid", stamp);
    goto fail;
  }
  BIO *m = BIO_new(BIO_s_mem());
  X509_NAME_print_ex(m, X509_get_subject_name(s->cert), 0, XN_FLAG_RFC2253 & ~ASN1_STRFLGS_ESC_MSB);
  char *data = NULL;
  long n = BIO_get_mem_data(m, &data);
  s->subject = g_strndup(data, (gsize)n);
  g_strdelimit(s->subject, "\t\n\r", ' '); /* one field of the manifest's records */
  BIO_free(m);
  unsigned char md[EVP_MAX_MD_SIZE];
  unsigned int mdn = 0;
  X509_digest(s->cert, EVP_sha256(), md, &mdn);
  s->fingerprint = hex(md, mdn);
  /* a key OpenSSL cannot make this CMS with (SM2 in OpenSSL 3.0) is
   * found before anything is written */
  int trial_len = 0;
  unsigned char *trial = cms_of(s, "", 0, &trial_len);
  OPENSSL_free(trial);
  if (!trial) {
    g_set_error(error, JX_SIGN_ERROR, JX_SIGN_BAD,
                "%s: OpenSSL cannot sign a CMS with this key (%s): use an RSA or ECDSA key", key,
                ssl_reason());
    goto fail;
  }
  return s;
fail:
  jx_signer_free(s);
  return NULL;
}

void jx_signer_free(JxSigner *s) {
  if (!s)
    return;
  EVP_PKEY_free(s->key);
  X509_free(s->cert);
  sk_X509_pop_free(s->chain, X509_free);
  g_free(s->subject);
  g_free(s->fingerprint);
  g_free(s);
}

const char *jx_signer_subject(const JxSigner *s) {
  return s->subject;
}

const char *jx_signer_fingerprint(const JxSigner *s) {
  return s->fingerprint;
}

/* What the update needs of the file, read by qpdf. */
typedef struct {
  int root, root_gen, page, page_gen;
  long long size;
  GString *catalog, *page_dict; /* their entries, to be written again */
  char *annots;                 /* page 1's annotations, "a b …", or "" */
  char *id, *info;              /* the trailer's, or NULL */
} Parts;

/* The entries of dict but skip (and, for the page, /Annots) as "/Key value
 * …", each value as qpdf writes it (an indirect object as a reference). */
static GString *entries(qpdf_data q, qpdf_oh dict, const char *skip) {
  GPtrArray *keys = g_ptr_array_new_with_free_func(g_free);
  qpdf_oh_begin_dict_key_iter(q, dict);
  while (qpdf_oh_dict_more_keys(q))
    g_ptr_array_add(keys, g_strdup(qpdf_oh_dict_next_key(q)));
  GString *s = g_string_new(NULL);
  for (guint i = 0; i < keys->len; i++) {
    const char *k = g_ptr_array_index(keys, i);
    if (strcmp(k, skip) == 0)
      continue;
    g_string_append_printf(s, "%s %s\n", k, qpdf_oh_unparse(q, qpdf_oh_get_key(q, dict, k)));
  }
  g_ptr_array_free(keys, TRUE);
  return s;
}

static bool read_parts(const char *path, const char *data, size_t len, Parts *p, GError **error) {
  memset(p, 0, sizeof *p);
  qpdf_data q = qpdf_init();
  qpdf_silence_errors(q);
  qpdf_set_suppress_warnings(q, QPDF_TRUE);
  bool ok = !(qpdf_read_memory(q, path, data, len, NULL) & QPDF_ERRORS);
  if (ok && qpdf_get_num_pages(q) < 1)
    ok = false;
  if (ok) {
    qpdf_oh root = qpdf_get_root(q), trailer = qpdf_get_trailer(q);
    if (qpdf_oh_has_key(q, root, "/AcroForm")) {
      g_set_error(error, JX_SIGN_ERROR, JX_SIGN_FAILED, "%s: already has a form", path);
      qpdf_cleanup(&q);
      return false;
    }
    p->root = qpdf_oh_get_object_id(q, root);
    p->root_gen = qpdf_oh_get_generation(q, root);
    p->size = qpdf_oh_get_int_value(q, qpdf_oh_get_key(q, trailer, "/Size"));
    if (qpdf_oh_has_key(q, trailer, "/ID"))
      p->id = g_strdup(qpdf_oh_unparse(q, qpdf_oh_get_key(q, trailer, "/ID")));
    if (qpdf_oh_has_key(q, trailer, "/Info"))
      p->info = g_strdup(qpdf_oh_unparse(q, qpdf_oh_get_key(q, trailer, "/Info")));
    qpdf_oh page = qpdf_get_page_n(q, 0);
    p->page = qpdf_oh_get_object_id(q, page);
    p->page_gen = qpdf_oh_get_generation(q, page);
    p->catalog = entries(q, root, "/AcroForm");
    p->page_dict = entries(q, page, "/Annots");
    GString *a = g_string_new(NULL);
    qpdf_oh annots = qpdf_oh_get_key(q, page, "/Annots");
    for (int i = 0; qpdf_oh_is_array(q, annots) && i < qpdf_oh_get_array_n_items(q, annots); i++)
      g_string_append_printf(a, "%s ", qpdf_oh_unparse(q, qpdf_oh_get_array_item(q, annots, i)));
    p->annots = g_string_free(a, FALSE);
    ok = p->root > 0 && p->page > 0 && p->size > 0;
  }
  if (!ok && error && !*error)
    g_set_error(error, JX_SIGN_ERROR, JX_SIGN_FAILED, "%s: cannot be read to be signed", path);
  qpdf_cleanup(&q);
  return ok;
}

static void parts_clear(Parts *p) {
  if (p->catalog)
    g_string_free(p->catalog, TRUE);
  if (p->page_dict)
    g_string_free(p->page_dict, TRUE);
  g_free(p->annots);
  g_free(p->id);
  g_free(p->info);
}

/* The offset of the file's last cross-reference section: the number after
 * its last "startxref". */
static long last_xref(const char *data, size_t len) {
  static const char key[] = "startxref";
  for (size_t i = len >= sizeof key ? len - sizeof key + 1 : 0; i-- > 0;)
    if (memcmp(data + i, key, sizeof key - 1) == 0)
      return strtol(data + i + sizeof key - 1, NULL, 10);
  return -1;
}

/* An object of the update: its number, generation and offset in the file. */
typedef struct {
  long long num;
  int gen;
  size_t at;
} Entry;

/* The update for a CMS of cms_len bytes, its /ByteRange and /Contents
 * still to fill: their offsets in the update in *range and *contents. */
static GString *update(const JxSigner *s, const Parts *p, size_t base, long prev, int cms_len,
                       size_t *range, size_t *contents) {
  GString *u = g_string_new("\n");
  long long sig = p->size, widget = p->size + 1, look = p->size + 2;
  Entry obj[5];
  int n = 0;
  char m[32];
  struct tm tm;
  strftime(m, sizeof m, "D:%Y%m%d%H%M%S+00'00'", gmtime_r(&s->when, &tm));

  obj[n++] = (Entry){sig, 0, base + u->len};
  g_string_append_printf(u,
                         "%lld 0 obj\n<< /Type /Sig /Filter /Adobe.PPKLite "
                         "/SubFilter /ETSI.CAdES.detached\n/ByteRange ",
                         sig);
  *range = u->len;
  g_string_append(u, "[0 0000000000 0000000000 0000000000]\n/Contents ");
  *contents = u->len;
  g_string_append_c(u, '<');
  for (int i = 0; i < cms_len * 2; i++)
    g_string_append_c(u, '0');
  g_string_append_printf(u, ">\n/M (%s) >>\nendobj\n", m);

  /* of no size, printed and locked (flags 4 + 128), with an appearance
   * of nothing (PDF/A: every widget has one) */
  obj[n++] = (Entry){widget, 0, base + u->len};
  g_string_append_printf(u,
                         "%lld 0 obj\n<< /Type /Annot /Subtype /Widget /FT /Sig /T (Signature1) "
                         "/V %lld 0 R /P %d %d R /Rect [0 0 0 0] /F 132 /AP << /N %lld 0 R >> "
                         ">>\nendobj\n",
                         widget, sig, p->page, p->page_gen, look);
  obj[n++] = (Entry){look, 0, base + u->len};
  g_string_append_printf(u,
                         "%lld 0 obj\n<< /Type /XObject /Subtype /Form /BBox [0 0 0 0] "
                         "/Resources << >> /Length 0 >>\nstream\n\nendstream\nendobj\n",
                         look);
  obj[n++] = (Entry){p->page, p->page_gen, base + u->len};
  g_string_append_printf(u, "%d %d obj\n<<\n%s/Annots [%s%lld 0 R]\n>>\nendobj\n", p->page,
                         p->page_gen, p->page_dict->str, p->annots, widget);
  obj[n++] = (Entry){p->root, p->root_gen, base + u->len};
  g_string_append_printf(u,
                         "%d %d obj\n<<\n%s/AcroForm << /Fields [%lld 0 R] /SigFlags 3 >>\n>>\n"
                         "endobj\n",
                         p->root, p->root_gen, p->catalog->str, widget);

  size_t xref = base + u->len;
  g_string_append(u, "xref\n");
  /* a subsection an object, in the order of their numbers */
  for (int a = 0; a < n; a++)
    for (int b = a + 1; b < n; b++)
      if (obj[b].num < obj[a].num) {
        Entry t = obj[a];
        obj[a] = obj[b];
        obj[b] = t;
      }
  for (int i = 0; i < n; i++)
    g_string_append_printf(u, "%lld 1\n%010zu %05d n \n", obj[i].num, obj[i].at, obj[i].gen);
  g_string_append_printf(u, "trailer\n<< /Size %lld /Root %d %d R", p->size + 3, p->root,
                         p->root_gen);
  if (p->info)
    g_string_append_printf(u, " /Info %s", p->info);
  if (p->id)
    g_string_append_printf(u, " /ID %s", p->id);
  g_string_append_printf(u, " /Prev %ld >>\nstartxref\n%zu\n%%%%EOF\n", prev, xref);
  return u;
}

bool jx_sign_pdf(const JxSigner *s, const char *path, GError **error) {
  char *data = NULL;
  gsize len = 0;
  GError *e = NULL;
  if (!g_file_get_contents(path, &data, &len, &e)) {
    g_set_error(error, JX_SIGN_ERROR, JX_SIGN_FAILED, "cannot sign %s: %s", path, e->message);
    g_error_free(e);
    return false;
  }
  Parts p = {0};
  long prev = last_xref(data, len);
  bool ok = prev > 0 && read_parts(path, data, len, &p, error);
  if (!ok) {
    if (error && !*error)
      g_set_error(error, JX_SIGN_ERROR, JX_SIGN_FAILED, "%s: cannot be read to be signed", path);
    parts_clear(&p);
    g_free(data);
    return false;
  }
  /* the CMS's length, from a signing of anything, and room to spare */
  int cms_len = 0;
  unsigned char *der = cms_of(s, "", 0, &cms_len);
  OPENSSL_free(der);
  if (cms_len > 0)
    cms_len += 16;
  GString *u = NULL;
  size_t range = 0, contents = 0;
  if (cms_len > 0) {
    u = update(s, &p, len, prev, cms_len, &range, &contents);
    /* signed: the file and the update but the hex of /Contents, <> kept
     * outside it as the specification has it */
    size_t a = len + contents, b = len + contents + 2 + (size_t)cms_len * 2;
    size_t total = len + u->len;
    char br[64];
    g_snprintf(br, sizeof br, "[0 %010zu %010zu %010zu]", a, b, total - b);
    memcpy(u->str + range, br, strlen(br));
    GString *signed_bytes = g_string_sized_new(total);
    g_string_append_len(signed_bytes, data, (gssize)len);
    g_string_append_len(signed_bytes, u->str, (gssize)contents);
    g_string_append_len(signed_bytes, u->str + (b - len), (gssize)(total - b));
    int n = 0;
    der = cms_of(s, signed_bytes->str, signed_bytes->len, &n);
    g_string_free(signed_bytes, TRUE);
    ok = der && n <= cms_len;
    if (ok) {
      char *h = hex(der, (size_t)n);
      memcpy(u->str + contents + 1, h, (size_t)n * 2);
      g_free(h);
    }
    OPENSSL_free(der);
  } else {
    ok = false;
  }
  if (!ok && error && !*error)
    g_set_error(error, JX_SIGN_ERROR, JX_SIGN_FAILED, "cannot sign %s: %s", path, ssl_reason());
  if (ok) {
    FILE *f = fopen(path, "ab");
    ok = f && fwrite(u->str, 1, u->len, f) == u->len;
    if (f && fclose(f) != 0)
      ok = false;
    if (!ok)
      g_set_error(error, JX_SIGN_ERROR, JX_SIGN_FAILED, "cannot write %s: %s", path,
                  g_strerror(errno ? errno : EIO));
  }
  if (u)
    g_string_free(u, TRUE);
  parts_clear(&p);
  g_free(data);
  return ok;
}
