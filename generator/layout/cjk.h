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

#endif
