/* ooxml.h - the parts of an Office Open XML file (.xlsx, .docx), read
 * safely: a zip opened from memory with libzip, each part streamed into a
 * libxml2 xmlTextReader with no network, no DTD and no entity substitution,
 * and bounds on what a part may inflate to.
 *
 * Problems go to the JxDiag given to jx_ooxml_open, at its current part. */
#ifndef JX_OOXML_H
#define JX_OOXML_H

#include "model/diag.h"

#include <libxml/xmlreader.h>
#include <stdbool.h>
#include <stddef.h>

/* What one part may inflate to: a sheet of a 50 MB workbook is some
 * hundreds of MB of XML; a zip bomb is gigabytes. */
#define JX_OOXML_PART_MAX ((gint64)1 << 30)
/* ... and how much more than its compressed size, once past 1 MB: XML
 * compresses 10 to 50 times, a bomb thousands. */
#define JX_OOXML_RATIO_MAX 200

typedef struct JxOoxml JxOoxml;

/* Opens the zip in bytes (borrowed; must outlive the result); NULL (and
 * an error in diag) when it is not one, is damaged or is encrypted. */
JxOoxml *jx_ooxml_open(const char *bytes, size_t len, JxDiag *diag);
void jx_ooxml_close(JxOoxml *z);

/* Whether the zip has a part called name ("xl/workbook.xml"). */
bool jx_ooxml_has(JxOoxml *z, const char *name);

/* Whether part name holds the bytes of needle, found by inflating it
 * without parsing: a cheap look for an element before a second pass. */
bool jx_ooxml_contains(JxOoxml *z, const char *name, const char *needle);

/* A streaming reader of part name; NULL (reported) when it is missing or
 * cannot be opened.  Read it with jx_ooxml_next, free it with
 * jx_ooxml_done. */
xmlTextReaderPtr jx_ooxml_part(JxOoxml *z, const char *name);

/* The next node of r: 1, 0 at the end, -1 on a problem (reported once:
 * malformed XML, a DTD, a part past its bounds). */
int jx_ooxml_next(JxOoxml *z, xmlTextReaderPtr r);

/* Frees a part's reader; false when reading it went wrong. */
bool jx_ooxml_done(JxOoxml *z, xmlTextReaderPtr r);

/* The value of attribute name of r's current element, qualified or not
 * (w:val is val); caller frees (xmlFree); NULL when absent. */
char *jx_ooxml_attr(xmlTextReaderPtr r, const char *name);

/* Whether r is at an element start (or end, for end) named local (the
 * name without its namespace prefix). */
bool jx_ooxml_at(xmlTextReaderPtr r, const char *local, bool end);

/* The resolved target of a relationship id in a .rels part ("rId3" in
 * xl/_rels/workbook.xml.rels is "xl/worksheets/sheet1.xml"), with base the
 * folder of the part it belongs to ("xl/").  NULL when missing; caller frees
 * (g_free). */
char *jx_ooxml_target(JxOoxml *z, const char *rels, const char *base, const char *id);

#endif
