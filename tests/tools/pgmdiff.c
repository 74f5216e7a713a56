/* pgmdiff A.pgm B.pgm: how far two greyscale rasters of the same page
 * differ, ignoring what anti-aliasing and a pixel's shift do.  A pixel
 * counts as different when no pixel of the other image within one pixel
 * of it is within a quarter of the grey range; prints the larger share of
 * such pixels, either way, per 10,000 pixels.  Exit 2 when the images
 * cannot be read or differ in size. */
#include <stdio.h>
#include <stdlib.h>

typedef struct {
  int w, h;
  unsigned char *px;
} Image;

/* Reads a binary PGM (P5, maxval 255). */
static int load(const char *path, Image *im) {
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

/* Pixels of a with no match in b's neighbourhood. */
static long unmatched(const Image *a, const Image *b) {
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
    }
  return n;
}

int main(int argc, char **argv) {
  Image a, b;
  if (argc != 3 || !load(argv[1], &a) || !load(argv[2], &b) || a.w != b.w || a.h != b.h) {
    fprintf(stderr, "usage: pgmdiff A.pgm B.pgm (binary PGMs of one size)\n");
    return 2;
  }
  long ab = unmatched(&a, &b), ba = unmatched(&b, &a);
  long worst = ab > ba ? ab : ba;
  printf("%ld\n", worst * 10000 / ((long)a.w * a.h));
  free(a.px);
  free(b.px);
  return 0;
}
