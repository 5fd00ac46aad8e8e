/* SPDX-License-Identifier: MIT */
/* utf8: strict UTF-8 decoding (RFC 3629): no overlongs, no surrogates, nothing past U+10FFFF.
 * Text from files is validated once on the way in, so the layout can trust it. */
#ifndef INKREF_UTF8_H
#define INKREF_UTF8_H

#include <stddef.h>
#include <stdint.h>

/* Decodes one code point at s (len bytes available). Returns the number of bytes
 * used (1-4) and stores the code point, or returns -1 for an invalid sequence. */
int utf8_decode(const char *s, size_t len, uint32_t *codepoint);

/* Returns the byte offset of the first invalid sequence, or -1 when all of s is valid. */
long utf8_find_invalid(const char *s, size_t len);

/* Encodes one code point into out (4 bytes room); returns the byte count. */
int utf8_encode(uint32_t codepoint, char *out);

#endif
