/* haru_mend.h - libharu 2.3.0's objects put right before it writes them,
 * and its file after (haru_mend.c says what and why). */
#ifndef JX_HARU_MEND_H
#define JX_HARU_MEND_H

#include <hpdf.h>
#include <stdbool.h>

/* A destination [page /FitH top] as a direct array, as PDFBox reads one. */
HPDF_Array jx_haru_dest(HPDF_Page page, double top);

/* The outline entry's destination, written in place. */
void jx_haru_outline_dest(HPDF_Outline o, HPDF_Page page, double top);

/* A link annotation's destination written in place, and its flags
 * (printed). */
void jx_haru_link(HPDF_Annotation a, HPDF_Page page, double top);

/* A CID TrueType font from HPDF_GetFont completed when it is written: its
 * descriptor's CapHeight (cap_height in thousandths of an em, the whole
 * face's; 0: unknown) and CIDSet, and a true ToUnicode CMap.  Any other
 * font is left as it is. */
void jx_haru_mend_font(HPDF_Font font, int cap_height);

/* The file libharu wrote at path, put right in place (same length): the
 * XMP stream's /Subtype, and with fix_id the /ID made a digest of the
 * file.  False when it cannot be read or written. */
bool jx_haru_repair(const char *path, bool fix_id);

#endif
