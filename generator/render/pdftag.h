/* pdftag.h - the incremental update that completes cairo's tagged PDF:
 * the document's language and the figures' alternate texts. */
#ifndef JX_PDFTAG_H
#define JX_PDFTAG_H

#include <glib.h>
#include <stdbool.h>
#include <stddef.h>

/* The bytes to append to the PDF data[0, len) (as cairo 1.16 writes it)
 * so that its catalogue says /Lang lang and its Figure elements, in the
 * order written, have the alternate texts alts (char *, NULL for none);
 * NULL when nothing needs adding or the file is not as expected.  Caller
 * frees. */
char *jx_pdf_tag_update(const char *data, size_t len, const char *lang, const GPtrArray *alts,
                        size_t *out_len);

#endif
