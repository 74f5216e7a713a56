/* fontprep.c - a build step, not part of jixiao: writes the faces jixiao
 * typesets with into fonts/prepared/.
 *
 * cairo 1.16 corrupts some glyphs of Noto CJK when it subsets their
 * subroutinized CFF outlines into a PDF (如 comes out blank, 瘃 loses
 * strokes).  A copy whose CFF charstrings are desubroutinized by HarfBuzz's
 * subsetter renders every glyph, and cairo subsets it faster too.
 *
 * A whole Noto CJK face (65,000 glyphs) costs a report some 30 MB of memory
 * once cairo subsets it, and nearly all its text uses a few thousand
 * characters.  So each face is written in two parts: the common characters
 * (GB2312, Latin, punctuation and symbols) and the rest, which
 * fonts/fonts.conf names "… Rare" and Pango takes only for a character the
 * common part lacks.
 *
 * usage: fontprep SOURCE.ttc FAMILY OUTPUT.otf common|rare|all
 * Picks the face of SOURCE whose family name is FAMILY and writes the part
 * asked for, every layout feature kept, desubroutinized. */
#include <glib.h>
#include <hb-ot.h>
#include <hb-subset.h>
#include <stdio.h>
#include <string.h>

/* The common characters: what GB2312 encodes (hanzi and its symbols), and
 * the blocks of Latin, punctuation and symbols reports use. */
static void add_common(hb_set_t *u) {
  static const hb_codepoint_t ranges[][2] = {
      {0x0020, 0x024F}, /* Latin */
      {0x0370, 0x03FF}, /* Greek */
      {0x0400, 0x04FF}, /* Cyrillic (GB2312 has it) */
      {0x2000, 0x206F}, /* general punctuation */
      {0x20A0, 0x20CF}, /* currency */
      {0x2100, 0x22FF}, /* letterlike, number forms, arrows, mathematics */
      {0x2460, 0x27BF}, /* enclosed numbers, box drawing, shapes, dingbats */
      {0x3000, 0x303F}, /* CJK symbols and punctuation */
      {0x3200, 0x33FF}, /* enclosed CJK, compatibility */
      {0xFE30, 0xFE4F}, /* CJK compatibility forms */
      {0xFF00, 0xFFEF}, /* half- and full-width forms */
  };
  for (size_t i = 0; i < G_N_ELEMENTS(ranges); i++)
    hb_set_add_range(u, ranges[i][0], ranges[i][1]);
  for (int row = 0xA1; row <= 0xF7; row++) {
    for (int col = 0xA1; col <= 0xFE; col++) {
      char gb[2] = {(char)row, (char)col};
      char *utf8 = g_convert(gb, 2, "UTF-8", "GB2312", NULL, NULL, NULL);
      if (utf8)
        hb_set_add(u, g_utf8_get_char(utf8));
      g_free(utf8);
    }
  }
}

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
  if (argc != 5 ||
      (strcmp(argv[4], "common") && strcmp(argv[4], "rare") && strcmp(argv[4], "all"))) {
    fprintf(stderr, "usage: fontprep SOURCE FAMILY OUTPUT common|rare|all\n");
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
  /* every layout feature and name; the characters asked for */
  hb_set_t *sets[] = {hb_subset_input_set(input, HB_SUBSET_SETS_LAYOUT_FEATURE_TAG),
                      hb_subset_input_set(input, HB_SUBSET_SETS_NAME_ID),
                      hb_subset_input_set(input, HB_SUBSET_SETS_NAME_LANG_ID)};
  for (size_t i = 0; i < sizeof sets / sizeof sets[0]; i++) {
    hb_set_clear(sets[i]);
    hb_set_invert(sets[i]);
  }
  hb_set_t *unicodes = hb_subset_input_unicode_set(input);
  hb_set_clear(unicodes);
  if (strcmp(argv[4], "all") == 0) {
    hb_set_invert(unicodes);
  } else {
    add_common(unicodes);
    if (strcmp(argv[4], "rare") == 0)
      hb_set_invert(unicodes);
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
