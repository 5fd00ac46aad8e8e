/* SPDX-License-Identifier: MIT */
/* wrap: the greedy line filler for text in one font. The walk remembers the last place a
 * line may end; the first glyph past the width ends the line there. Spaces hang: a space
 * past the width does not push the word before it onto the next line. */
#include "wrap.h"

#include <stdbool.h>
#include <string.h>

#include "breaks.h"

static size_t skip_spaces(const char *text, size_t len, size_t at)
{
	while (at < len && text[at] == ' ')
		at++;
	return at;
}

size_t wrap_line(struct font *font, const char *text, size_t len, const char *breaks, size_t start,
		 int width, size_t *next)
{
	struct glyph_walk walk;
	size_t line = 0, line_next = 0; /* the longest line so far that ends at a break */
	size_t cut = 0, soft_cut = 0;	/* glyphs that fit; the last cut after . / or - */
	bool full = false;

	font_walk_begin(&walk, font, text + start, len - start);
	while (font_walk_next(&walk)) {
		size_t at = start + walk.at; /* just after this glyph */
		if (text[at - 1] != ' ') {
			if (walk.next_pen > width && (line > 0 || cut > 0)) {
				full = true;
				break;
			}
			cut = walk.at;
			if (strchr("./-", text[at - 1]) && at < len)
				soft_cut = cut;
		}
		if (breaks[at - 1] != BREAK_NEVER) {
			size_t end = at;
			while (end > start && text[end - 1] == ' ')
				end--;
			line = end - start;
			line_next = at;
		}
	}
	if (!full) {
		/* The rest fits. */
		size_t end = len;
		while (end > start && text[end - 1] == ' ')
			end--;
		line = end - start;
		line_next = len;
	} else if (line == 0) {
		/* No break before the width: a word wider than the line, cut where the glyphs
		 * stop fitting. An address reads best cut after a dot or a slash. */
		line = soft_cut > 0 ? soft_cut : cut;
		line_next = start + line;
	}
	*next = skip_spaces(text, len, line_next);
	return line;
}
