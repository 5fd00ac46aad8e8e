/* SPDX-License-Identifier: MIT */
/* utf8: strict decoder and encoder. */
#include "utf8.h"

int utf8_decode(const char *s, size_t len, uint32_t *codepoint)
{
	const unsigned char *u = (const unsigned char *)s;
	uint32_t cp;
	int need, i;

	if (len == 0)
		return -1;
	if (u[0] < 0x80) {
		*codepoint = u[0];
		return 1;
	}
	if (u[0] >= 0xc2 && u[0] <= 0xdf) {
		need = 1;
		cp = u[0] & 0x1fu;
	} else if (u[0] >= 0xe0 && u[0] <= 0xef) {
		need = 2;
		cp = u[0] & 0x0fu;
	} else if (u[0] >= 0xf0 && u[0] <= 0xf4) {
		need = 3;
		cp = u[0] & 0x07u;
	} else {
		return -1; /* continuation byte, 0xc0/0xc1 overlong lead, or >= 0xf5 */
	}
	if (len < (size_t)need + 1)
		return -1;
	for (i = 1; i <= need; i++) {
		if ((u[i] & 0xc0) != 0x80)
			return -1;
		cp = (cp << 6) | (u[i] & 0x3fu);
	}
	/* Reject overlong forms, UTF-16 surrogates and values past Unicode's range. */
	if ((need == 2 && cp < 0x800) || (need == 3 && cp < 0x10000) || cp > 0x10ffff ||
	    (cp >= 0xd800 && cp <= 0xdfff))
		return -1;
	*codepoint = cp;
	return need + 1;
}

long utf8_find_invalid(const char *s, size_t len)
{
	size_t at = 0;
	uint32_t cp;

	while (at < len) {
		int n = utf8_decode(s + at, len - at, &cp);
		if (n < 0)
			return (long)at;
		at += (size_t)n;
	}
	return -1;
}

int utf8_encode(uint32_t cp, char *out)
{
	if (cp < 0x80) {
		out[0] = (char)cp;
		return 1;
	}
	if (cp < 0x800) {
		out[0] = (char)(0xc0 | (cp >> 6));
		out[1] = (char)(0x80 | (cp & 0x3f));
		return 2;
	}
	if (cp < 0x10000) {
		out[0] = (char)(0xe0 | (cp >> 12));
		out[1] = (char)(0x80 | ((cp >> 6) & 0x3f));
		out[2] = (char)(0x80 | (cp & 0x3f));
		return 3;
	}
	out[0] = (char)(0xf0 | (cp >> 18));
	out[1] = (char)(0x80 | ((cp >> 12) & 0x3f));
	out[2] = (char)(0x80 | ((cp >> 6) & 0x3f));
	out[3] = (char)(0x80 | (cp & 0x3f));
	return 4;
}
