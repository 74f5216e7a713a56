/* render_haru.h - a laid-out document drawn by libharu instead of cairo, for
 * what cairo 1.16 cannot do: files attached, passwords and permissions, and
 * PDF/A-1b for archives.  Pango has laid the text out already; each glyph is
 * drawn where Pango put it, from the TrueType face Pango chose, subset to
 * the characters used before libharu embeds it.
 *
 * What libharu 2.3.0 cannot do is refused here rather than written wrong:
 * a glyph of a face that is not TrueType (CFF) or missing from every face is
 * an error naming the character and the line it is in; equal owner and
 * user passwords (libharu would save unencrypted) are refused. */
#ifndef JX_RENDER_HARU_H
#define JX_RENDER_HARU_H

#include "layout/layout.h"
#include "render/render.h"

#include <glib.h>
#include <stdbool.h>

/* The error domain of jx_render_haru; JX_HARU_GLYPH: a character no
 * TrueType face has (the input's fault, not the machine's). */
GQuark jx_haru_error_quark(void);
#define JX_HARU_ERROR jx_haru_error_quark()
enum { JX_HARU_FAILED = 1, JX_HARU_GLYPH };

typedef struct {
  GPtrArray *attachments;     /* char *: files to embed (the inputs, a
                               * manifest), or NULL */
  const char *owner_password; /* NULL: not encrypted */
  const char *user_password;  /* NULL or "": opens without one */
  unsigned permissions;       /* HPDF_ENABLE_* when encrypted */
  bool pdfa;                  /* PDF/A-1b: XMP, an sRGB output intent */
  const char *icc_profile;    /* the sRGB profile for PDF/A */
} JxHaruOptions;

/* Writes the PDF to path (under a temporary name, renamed when complete).
 * False with *error set when a glyph cannot be embedded or the file cannot
 * be written. */
bool jx_render_haru(const JxLayout *l, const JxMeta *meta, const JxHaruOptions *o, const char *path,
                    GError **error);

/* Reads "print,copy" into HPDF_ENABLE_* bits; false on a word it does not
 * know (print, copy, edit, annotate). */
bool jx_haru_permissions(const char *list, unsigned *out);

#endif
