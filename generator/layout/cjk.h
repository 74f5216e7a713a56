/* cjk.h - Chinese layout rules that Pango does not apply by itself (W3C
 * clreq): consecutive full-width punctuation is compressed, so "》，" takes
 * one and a half characters, not two.  Line-start and line-end prohibitions
 * (no line starts with ，。、 or ends with （《) come from Pango's line
 * breaking. */
#ifndef JX_CJK_H
#define JX_CJK_H

#include <pango/pango.h>
#include <stdbool.h>

/* Full-width punctuation whose blank half is on the right: ，。、；：？！ and
 * closing brackets and quotes. */
bool jx_cjk_is_closing(gunichar c);

/* Full-width punctuation whose blank half is on the left: opening brackets
 * and quotes. */
bool jx_cjk_is_opening(gunichar c);

/* Adds to attrs the font features that compress consecutive punctuation in
 * text: the font's half-width forms (OpenType 'halt') on the mark whose blank
 * faces the other.  Returns the number of marks compressed. */
guint jx_cjk_compress(const char *text, PangoAttrList *attrs);

/* Text with the half-width , ; : ? ! that follow a Chinese character (and
 * precede another, or end the text) replaced by their full-width forms, as a
 * typesetter would set them: "公开,规范" is set "公开，规范".  NULL when
 * there is nothing to replace; else the caller frees. */
char *jx_cjk_punctuation(const char *text);

/* The character that stands for the gap between a Chinese character and a
 * Latin letter or digit in a layout's text: a zero-width space, letter-spaced
 * by the gap (Pango puts half on each side of it).  A line may break after it
 * as between the two characters, and never before; where a line ends at one,
 * the layout takes it out again, so no gap ends or starts a line.  It draws
 * no glyph, so a PDF's text and structure keep the text as written. */
#define JX_CJK_GAP 0x200B /* ZERO WIDTH SPACE */

/* Text with a zero-width space (JX_CJK_GAP, not spaced) where a line may
 * break at a Chinese quotation mark: before “ ‘ after a character or a
 * closing mark (“营造…”, as in "能，“营造"), after ” ’ before a character
 * or an opening mark.  Unicode's line breaking (UAX #14) gives quotation
 * marks no break on either side, as if they were English.  NULL when there
 * is none; else the caller frees. */
char *jx_cjk_quote_breaks(const char *text);

/* Text with JX_CJK_GAP between a Chinese character and a Latin letter or
 * digit next to it (clreq: "汉字与西文字母、数字间使用不多于四分之一个汉字宽的
 * 字距"): never inside a run of letters and digits (95.00%, 120km, GB/T
 * 9704-2012 keep theirs), never where a space is already, nor in the number
 * of a document (〔2024〕5号, （2015）232号).  Appends each gap's byte offset in the new
 * text to at (guint).  NULL when there is none; else the caller frees. */
char *jx_cjk_autospace(const char *text, GArray *at);

#endif
