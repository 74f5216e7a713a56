/* pgmdiff A B: how far two greyscale rasters of the same page
 * differ, ignoring what anti-aliasing and a pixel's shift do.  A pixel
 * counts as different when no pixel of the other image within one pixel
 * of it is within a quarter of the grey range; prints the larger share of
 * such pixels, either way, per 10,000 pixels.  A and B are binary PGMs
 * (pdftoppm -gray) or PNGs (a browser's screenshot, read by cairo and made
 * grey).  Exit 2 when the images cannot be read or differ in size. */
#include <cairo.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

typedef struct {
  int w, h;
  unsigned char *px;
} Image;

/* Reads a PNG as grey (Rec. 601 weights), on white where transparent. */
static int load_png(const char *path, Image *im) {
  cairo_surface_t *s = cairo_image_surface_create_from_png(path);
  if (cairo_surface_status(s) != CAIRO_STATUS_SUCCESS) {
    cairo_surface_destroy(s);
    return 0;
  }
  im->w = cairo_image_surface_get_width(s);
  im->h = cairo_image_surface_get_height(s);
  cairo_surface_t *rgb = cairo_image_surface_create(CAIRO_FORMAT_RGB24, im->w, im->h);
  cairo_t *cr = cairo_create(rgb);
  cairo_set_source_rgb(cr, 1, 1, 1);
  cairo_paint(cr);
  cairo_set_source_surface(cr, s, 0, 0);
  cairo_paint(cr);
  cairo_destroy(cr);
  cairo_surface_flush(rgb);
  const unsigned char *data = cairo_image_surface_get_data(rgb);
  int stride = cairo_image_surface_get_stride(rgb);
  im->px = malloc((size_t)im->w * (size_t)im->h);
  for (int y = 0; im->px && y < im->h; y++)
    for (int x = 0; x < im->w; x++) {
      unsigned v = *(const unsigned *)(const void *)(data + y * stride + 4 * x);
      im->px[y * im->w + x] =
          (unsigned char)((299 * ((v >> 16) & 255) + 587 * ((v >> 8) & 255) + 114 * (v & 255)) /
                          1000);
    }
  cairo_surface_destroy(rgb);
  cairo_surface_destroy(s);
  return im->px != NULL;
}

/* Reads a binary PGM (P5, maxval 255), or a PNG. */
static int load(const char *path, Image *im) {
  size_t len = strlen(path);
  if (len > 4 && strcmp(path + len - 4, ".png") == 0)
    return load_png(path, im);
  FILE *f = fopen(path, "rb");
  int max = 0;
  if (!f || fscanf(f, "P5 %d %d %d", &im->w, &im->h, &max) != 3 || max != 255 || fgetc(f) == EOF) {
    if (f)
      fclose(f);
    return 0;
  }
  size_t n = (size_t)im->w * (size_t)im->h;
  im->px = malloc(n);
  int ok = im->px && fread(im->px, 1, n, f) == n;
  fclose(f);
  return ok;
}

/* Pixels of a with no match in b's neighbourhood, marked in mark (a's
 * size, or NULL). */
static long unmatched(const Image *a, const Image *b, unsigned char *mark) {
  long n = 0;
  for (int y = 0; y < a->h; y++)
    for (int x = 0; x < a->w; x++) {
      int v = a->px[y * a->w + x], found = 0;
      for (int dy = -1; dy <= 1 && !found; dy++)
        for (int dx = -1; dx <= 1 && !found; dx++) {
          int yy = y + dy, xx = x + dx;
          if (yy >= 0 && yy < b->h && xx >= 0 && xx < b->w)
            found = abs(b->px[yy * b->w + xx] - v) <= 64;
        }
      n += !found;
      if (mark && !found)
        mark[y * a->w + x] = 1;
    }
  return n;
}

/* Writes a's pixels faint, the unmatched ones red, as a PNG to look at. */
static void write_marks(const char *path, const Image *a, const unsigned char *mark) {
  cairo_surface_t *s = cairo_image_surface_create(CAIRO_FORMAT_RGB24, a->w, a->h);
  unsigned char *data = cairo_image_surface_get_data(s);
  int stride = cairo_image_surface_get_stride(s);
  for (int y = 0; y < a->h; y++)
    for (int x = 0; x < a->w; x++) {
      unsigned g = 160 + a->px[y * a->w + x] * 95 / 255;
      *(unsigned *)(void *)(data + y * stride + 4 * x) =
          mark[y * a->w + x] ? 0xFF0000u : (g << 16 | g << 8 | g);
    }
  cairo_surface_mark_dirty(s);
  cairo_surface_write_to_png(s, path);
  cairo_surface_destroy(s);
}

int main(int argc, char **argv) {
  Image a, b;
  if ((argc != 3 && argc != 4) || !load(argv[1], &a) || !load(argv[2], &b) || a.w != b.w ||
      a.h != b.h) {
    fprintf(stderr, "usage: pgmdiff A B [MARKS.png] (binary PGMs or PNGs of one size)\n");
    return 2;
  }
  unsigned char *mark = argc == 4 ? calloc((size_t)a.w * (size_t)a.h, 1) : NULL;
  long ab = unmatched(&a, &b, mark), ba = unmatched(&b, &a, mark);
  long worst = ab > ba ? ab : ba;
  printf("%ld\n", worst * 10000 / ((long)a.w * a.h));
  if (mark)
    write_marks(argv[3], &a, mark);
  free(mark);
  free(a.px);
  free(b.px);
  return 0;
}
