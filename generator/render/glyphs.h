/* glyphs.h - the glyph clusters of a laid-out line, as the engines that
 * draw text themselves (libharu, the SVG with text) need them: the
 * characters, the face file Pango chose and where the first glyph stands. */
#ifndef JX_RENDER_GLYPHS_H
#define JX_RENDER_GLYPHS_H

#include "layout/layout.h"

#include <glib.h>
#include <stdbool.h>

/* One cluster of a line. */
typedef struct {
  const char *text; /* UTF-8, len bytes */
  int len;
  const char *file; /* the face's file, or NULL when fontconfig names none */
  int index;        /* its face in a collection */
  bool truetype;    /* glyf outlines (not CFF) */
  bool embolden;    /* a face of one weight asked for bold */
  bool unknown;     /* no face has the character: a box is drawn */
  double size;      /* points */
  double x, y;      /* the first glyph's origin */
  double width;     /* the cluster's advance */
} JxCluster;

/* Called for each cluster of a line; false stops the walk. */
typedef bool (*JxClusterFn)(void *data, const JxOp *op, const JxCluster *c, GError **error);

/* Calls fn for each cluster of op's line (a TEXT op), left to right,
 * leaving out those of an empty glyph; false when fn returned false. */
bool jx_line_clusters(const JxOp *op, JxClusterFn fn, void *data, GError **error);

/* The line of op as "…" for messages: the text a reader can find.  Caller
 * frees. */
char *jx_line_excerpt(const JxOp *op);

#endif
