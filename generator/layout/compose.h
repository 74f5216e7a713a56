/* compose.h - a paragraph's lines chosen together and fitted to the
 * measure, as a Chinese compositor sets them (clreq, GB/T 15834-2011 5.1).
 *
 * Pango shapes the text and finds where a line may break (UAX #14, which
 * keeps ，。、） off a line's start and （《 off its end); the composer then
 * chooses all of a paragraph's breaks at once: the fewest lines, and among
 * those the ones whose loosest line is least loose.  A line too long by less
 * than its punctuation's blank halves is taken in there, in this order: the
 * line's last mark (5.1.10: a full-width mark that ends a line takes half a
 * character), then the gaps between Chinese and Latin inside it (down to an
 * eighth of a character: clreq asks for no more than a quarter), the pause
 * marks and closing brackets (、，；：）》” …), then its opening brackets
 * (（《“ …); 。？！ inside a line keep their whole character.  A justified line that is short is
 * filled by widening the gaps between characters — never inside a number or a Latin word, never
 * after an opening bracket or before a closing one. */
#ifndef JX_COMPOSE_H
#define JX_COMPOSE_H

#include <glib.h>
#include <pango/pango.h>
#include <stdbool.h>

typedef struct {
  int width;    /* the measure, Pango units */
  int em;       /* the role's character, Pango units */
  int gap;      /* the gap between Chinese and Latin (cjk.h), Pango units */
  bool justify; /* every line but a paragraph's last reaches the measure */
  bool squeeze; /* punctuation may give up its blank half; false on a grid
                 * (a 公文's 28 characters a line), where every mark keeps
                 * its cell and the breaks are Pango's */
} JxMeasure;

/* Chooses where the lines of l (laid out to m's width) should start, over
 * each of its paragraphs together: appends to starts the byte offsets in
 * l's text where they start (guint, the first 0), and to halts those of the
 * marks to set half-width so that each line fits.  False when l's lines
 * stand as Pango broke them (starts and halts then mean nothing). */
bool jx_compose_breaks(PangoLayout *l, const JxMeasure *m, GArray *starts, GArray *halts);

/* Whether l's lines start at starts and nowhere else. */
bool jx_compose_holds(PangoLayout *l, const GArray *starts);

/* Fits each line of l to the measure: a line longer than it gives up the
 * blank halves of its punctuation; a justified line shorter than it gives
 * the marks at the byte offsets in halts (or NULL: the composer's, set
 * half-width to make the line fit) back what they need not give, then
 * widens its gaps.  Changes l's glyphs in place (before anything measures
 * them); sorts halts. */
void jx_compose_fit(PangoLayout *l, const JxMeasure *m, GArray *halts);

#endif
