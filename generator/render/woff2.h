/* woff2.h - an OpenType font compressed as WOFF2 by Google's woff2 library
 * (Debian's libwoff-dev), whose interface is C++: woff2.cc is the one C++
 * file of jixiao, this its C face. */
#ifndef JX_RENDER_WOFF2_H
#define JX_RENDER_WOFF2_H

#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

/* The WOFF2 file of the font data[0..len), in a buffer *out of *out_len
 * bytes (free with free()); 0 when the library refuses the font. */
int jx_woff2_encode(const uint8_t *data, size_t len, uint8_t **out, size_t *out_len);

#ifdef __cplusplus
}
#endif

#endif
