/* SPDX-License-Identifier: MIT */
/* breaks: where a line of text may end. The Unicode line breaking rules (UAX #14, by
 * libunibreak), tailored so that a number keeps its unit: "28 g", "350 mg" and "mg/day"
 * never part. */
#ifndef INKREF_BREAKS_H
#define INKREF_BREAKS_H

#include <stddef.h>

enum line_break {
	BREAK_MUST,  /* the text ends here */
	BREAK_ALLOW, /* a line may end after this byte */
	BREAK_NEVER, /* inside a word, a number and its unit, or a UTF-8 sequence */
};

/* Fills out[i], for each of the len bytes of UTF-8 text, with whether a line may end after
 * byte i. Spaces before a break stay with the text before it: a line that ends at a break
 * drops them. Linear in len. */
void breaks_find(const char *text, size_t len, char *out);

#endif
