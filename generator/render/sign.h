/* sign.h - a report signed as it is written (PAdES baseline B-B): a
 * signature field on its first page, a /ByteRange over the whole file but
 * the signature, and a detached CMS SignedData over those bytes with SHA-256
 * and the ESS signing-certificate-v2 attribute, made with OpenSSL; appended
 * as an incremental update, so the signed file is the report plus a
 * signature.  The file is read with qpdf (its catalogue, first page and
 * trailer); nothing of it is rewritten. */
#ifndef JX_SIGN_H
#define JX_SIGN_H

#include <glib.h>
#include <stdbool.h>
#include <time.h>

typedef struct JxSigner JxSigner;

/* What --sign, --cert, --chain and --sign-pass-file name: the files, and
 * the passphrase read (NULL: none). */
typedef struct {
  const char *key, *cert, *chain, *pass;
} JxSignOptions;

/* The error domain of the signer: JX_SIGN_NOINPUT a file that cannot be
 * read (sysexits EX_NOINPUT), JX_SIGN_BAD a key, certificate or passphrase
 * that will not do (EX_DATAERR), JX_SIGN_FAILED the signing itself. */
GQuark jx_sign_error_quark(void);
#define JX_SIGN_ERROR jx_sign_error_quark()
enum { JX_SIGN_NOINPUT = 1, JX_SIGN_BAD, JX_SIGN_FAILED };

/* Loads the private key (PEM, decrypted with pass when it is encrypted;
 * pass NULL: never asked for on a terminal), its certificate and the chain
 * (PEM, may be NULL), and checks them at the signing time when: the key is
 * the certificate's, the certificate is valid then.  NULL with *error set
 * otherwise. */
JxSigner *jx_signer_load(const char *key, const char *cert, const char *chain, const char *pass,
                         time_t when, GError **error);
void jx_signer_free(JxSigner *s);

/* The certificate's subject, "CN=…, O=…" (RFC 2253 order, UTF-8). */
const char *jx_signer_subject(const JxSigner *s);

/* The SHA-256 of the certificate, in hex: what a run's key takes. */
const char *jx_signer_fingerprint(const JxSigner *s);

/* Signs the complete PDF at path in place, appending the signature.  False
 * with *error set when the file cannot be read, has no page, already has a
 * form, or cannot be written. */
bool jx_sign_pdf(const JxSigner *s, const char *path, GError **error);

#endif
