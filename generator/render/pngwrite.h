/* pngwrite.h - a cairo image as PNG bytes, made for speed: a chart's
 * picture at print resolution is millions of pixels of a few flat colours,
 * which cairo's own writer (libpng's defaults) spends most of a Word
 * document's time on. */
#ifndef JX_RENDER_PNGWRITE_H
#define JX_RENDER_PNGWRITE_H

#include <cairo.h>
#include <glib.h>

/* The image surface s (CAIRO_FORMAT_RGB24, flushed) as a PNG; NULL with
 * *error when libpng fails.  Caller unrefs. */
GBytes *jx_png_encode(cairo_surface_t *s, GError **error);

#endif
