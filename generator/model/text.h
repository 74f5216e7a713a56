/* text.h - Chinese text as it comes out of spreadsheets: widths, blanks,
 * markup, and names compared the way a reader compares them. */
#ifndef JX_TEXT_H
#define JX_TEXT_H

#include <glib.h>
#include <stdbool.h>

/* Full-width ASCII forms (U+FF01..U+FF5E), the small signs ﹤ ﹥ ﹦ and the
 * ideographic space to their ASCII counterparts: '９' -> '9', '％' -> '%',
 * '＞' -> '>', '﹦' -> '='. */
gunichar jx_text_fold(gunichar c);

/* True for ASCII white space, U+3000, U+00A0 and the zero-width marks that
 * spreadsheet exports leave behind. */
bool jx_text_is_space(gunichar c);

/* A copy of s without leading and trailing white space (jx_text_is_space).
 * Caller frees. */
char *jx_text_trim(const char *s);

/* Trims in place by moving the bounds [*start, *end) of a UTF-8 string. */
void jx_text_trim_bounds(const char *s, size_t *start, size_t *end);

/* True when s is NULL or only white space. */
bool jx_text_is_blank(const char *s);

/* A cell's HTML paragraph markup made plain: <p>…</p> and <br> become line
 * breaks, <span> and similar inline tags vanish, &nbsp; &amp; &lt; &gt;
 * &quot; are decoded; the result is trimmed.  Text that is not a known tag
 * ("<=475元/亩") is kept.  Caller frees. */
char *jx_text_from_markup(const char *s);

/* The length of the known tag (<p>, </p>, <br/> …) that s starts with, or
 * 0 when it starts with none. */
size_t jx_text_markup_length(const char *s);

/* The key two names are compared by: widths folded, quotes of every kind
 * alike, white space and the markers templates leave (★ ☆ *) removed.
 * Caller frees. */
char *jx_text_key(const char *s);

/* Edit distance between a and b in code points, stopping early once it
 * exceeds limit (then any value > limit is returned). */
guint jx_text_distance(const char *a, const char *b, guint limit);

/* Number of '\n' in s[0..offset). */
int jx_text_count_lines(const char *s, size_t offset);

/* Orders pointers to strings (a GPtrArray's or a gchar **'s elements) as
 * strcmp orders the strings. */
gint jx_text_compare_ptrs(gconstpointer a, gconstpointer b);

/* Replaces the placeholders of text ("{部门}" …) by their values: pairs
 * of placeholder and value, NULL-terminated; others stay as written.
 * Caller frees. */
char *jx_text_fill(const char *text, const char *const *pairs);

/* n (1 to 3999) in lower-case Roman numerals into buf: "iv". */
void jx_roman(int n, char *buf, size_t size);

#endif
