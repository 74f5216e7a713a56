/* fontprep.c - a build step, not part of jixiao: writes the faces jixiao
 * typesets with into fonts/prepared/.
 *
 * cairo 1.16 corrupts some glyphs of Noto CJK when it subsets their
 * subroutinized CFF outlines into a PDF (如 comes out blank, 瘃 loses
 * strokes).  A copy whose CFF charstrings are desubroutinized by HarfBuzz's
 * subsetter renders every glyph, and cairo subsets it faster too.
 *
 * usage: fontprep SOURCE.ttc FAMILY OUTPUT.otf
 * Picks the face of SOURCE whose family name is FAMILY and writes it whole
 * (every character, every layout feature), desubroutinized. */
#include <hb-ot.h>
#include <hb-subset.h>
#include <stdio.h>
#include <string.h>

/* The index of the face in blob whose family name is family, or -1. */
static int find_face(hb_blob_t *blob, const char *family) {
  unsigned count = hb_face_count(blob);
  for (unsigned i = 0; i < count; i++) {
    hb_face_t *face = hb_face_create(blob, i);
    char name[256];
    unsigned len = sizeof name;
    hb_ot_name_get_utf8(face, HB_OT_NAME_ID_FONT_FAMILY, hb_language_from_string("en", -1), &len,
                        name);
    hb_face_destroy(face);
    if (strcmp(name, family) == 0)
      return (int)i;
  }
  return -1;
}

int main(int argc, char **argv) {
  if (argc != 4) {
    fprintf(stderr, "usage: fontprep SOURCE FAMILY OUTPUT\n");
    return 64;
  }
  hb_blob_t *blob = hb_blob_create_from_file_or_fail(argv[1]);
  if (!blob) {
    fprintf(stderr, "fontprep: cannot read %s\n", argv[1]);
    return 66;
  }
  int index = find_face(blob, argv[2]);
  if (index < 0) {
    fprintf(stderr, "fontprep: %s has no face of the family '%s'\n", argv[1], argv[2]);
    return 65;
  }
  hb_face_t *face = hb_face_create(blob, (unsigned)index);
  hb_subset_input_t *input = hb_subset_input_create_or_fail();
  /* keep everything: all characters, layout features, names */
  hb_set_t *sets[] = {hb_subset_input_unicode_set(input),
                      hb_subset_input_set(input, HB_SUBSET_SETS_LAYOUT_FEATURE_TAG),
                      hb_subset_input_set(input, HB_SUBSET_SETS_NAME_ID),
                      hb_subset_input_set(input, HB_SUBSET_SETS_NAME_LANG_ID)};
  for (size_t i = 0; i < sizeof sets / sizeof sets[0]; i++) {
    hb_set_clear(sets[i]);
    hb_set_invert(sets[i]);
  }
  hb_subset_input_set_flags(input, HB_SUBSET_FLAGS_DESUBROUTINIZE | HB_SUBSET_FLAGS_NOTDEF_OUTLINE |
                                       HB_SUBSET_FLAGS_GLYPH_NAMES | HB_SUBSET_FLAGS_NAME_LEGACY);
  hb_face_t *out = hb_subset_or_fail(face, input);
  if (!out) {
    fprintf(stderr, "fontprep: HarfBuzz could not subset %s\n", argv[1]);
    return 70;
  }
  hb_blob_t *data = hb_face_reference_blob(out);
  unsigned len = 0;
  const char *bytes = hb_blob_get_data(data, &len);
  char tmp[4096];
  snprintf(tmp, sizeof tmp, "%s.tmp", argv[3]);
  FILE *f = fopen(tmp, "wb");
  if (!f || fwrite(bytes, 1, len, f) != len || fclose(f) != 0 || rename(tmp, argv[3]) != 0) {
    fprintf(stderr, "fontprep: cannot write %s\n", argv[3]);
    remove(tmp);
    return 73;
  }
  hb_blob_destroy(data);
  hb_face_destroy(out);
  hb_subset_input_destroy(input);
  hb_face_destroy(face);
  hb_blob_destroy(blob);
  return 0;
}
