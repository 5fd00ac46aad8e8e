/* SPDX-License-Identifier: MIT */
/* wrap: plain text in one font, cut into lines that fit a width. Lines end where breaks.c
 * says a line may (UAX #14, a number kept with its unit) and are filled greedily, as the
 * page layout fills its lines; a word wider than a line is cut between two glyphs. */
#ifndef INKREF_WRAP_H
#define INKREF_WRAP_H

#include <stddef.h>

#include "font.h"

/* The line of text (len bytes, breaks from breaks_find) that starts at byte start (0, or
 * the last *next) and fits width pixels in font: as many words as fit, the spaces after the
 * last left out. Sets *next to where the next line starts, past its spaces (len at the end).
 * Returns the line's length in bytes: at least one glyph's while text is left, 0 when only
 * spaces are. One walk over the glyphs. */
size_t wrap_line(struct font *font, const char *text, size_t len, const char *breaks, size_t start,
		 int width, size_t *next);

#endif
