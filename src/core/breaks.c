/* SPDX-License-Identifier: MIT */
/* breaks: libunibreak's opportunities, then two tailorings of our own. UAX #14 lets a line
 * end at any space, so "1 oz (28" could end a line and "g)" start the next: a reader takes
 * the lone "g" for a typo. A space between a number and a unit of measure or time is
 * therefore not a break; nor is the slash of a unit such as "mg/day", nor the dash of a
 * range of numbers ("19–30", "24-27"): "24–" at a line end reads as a number left unfinished. */
#include "breaks.h"
#include "utf8.h"

#include <ctype.h>
#include <linebreak.h>
#include <stdbool.h>
#include <string.h>

/* Units that follow a number in the kiosk's text. Letters only match as a whole word. */
static const char *const units[] = {
    "mg",    "mcg",	 "µg",	    "g",      "kg",    "oz",	  "lb",	    "ml",	"mL",
    "IU",    "mmol",	 "mEq",	    "%",      "cm",    "mm",	  "hours",  "hour",	"days",
    "day",   "weeks",	 "week",    "months", "month", "years",	  "year",   "minutes",	"min",
    "times", "servings", "serving", "cups",   "cup",   "tablets", "tablet", "capsules", "capsule",
};

static bool is_marker(const char *s, const char *end)
{
	return end - s >= 2 && s[0] == '*' && s[1] == '*';
}

/* Does a unit start at s (after any bold markers) and end where a word ends? */
static bool unit_at(const char *s, const char *end)
{
	size_t i;

	while (is_marker(s, end))
		s += 2;
	for (i = 0; i < sizeof(units) / sizeof(units[0]); i++) {
		size_t n = strlen(units[i]);
		if ((size_t)(end - s) < n || memcmp(s, units[i], n) != 0)
			continue;
		if (s + n == end || !isalpha((unsigned char)s[n]))
			return true;
	}
	return false;
}

/* Is the word that ends at byte `last` (a slash) a unit, as in "mg/day"? */
static bool unit_before_slash(const char *text, size_t last)
{
	size_t start = last;

	while (start > 0 && isalpha((unsigned char)text[start - 1]))
		start--;
	return start < last && unit_at(text + start, text + last);
}

/* Does the text before the run of spaces that ends at byte `last` end with a digit? */
static bool number_before(const char *text, size_t last)
{
	size_t i = last + 1;

	while (i > 0 && text[i - 1] == ' ')
		i--;
	while (i >= 2 && text[i - 1] == '*' && text[i - 2] == '*')
		i -= 2;
	return i > 0 && isdigit((unsigned char)text[i - 1]);
}

/* Is the break after byte `last` the end of a dash (hyphen-minus or en dash) between two
 * digits? */
static bool dash_in_range(const char *text, size_t len, size_t last)
{
	size_t start;

	if (last + 1 >= len || !isdigit((unsigned char)text[last + 1]))
		return false;
	if (text[last] == '-')
		start = last;
	else if (last >= 2 && memcmp(text + last - 2, "\xe2\x80\x93", 3) == 0)
		start = last - 2;
	else
		return false;
	return start > 0 && isdigit((unsigned char)text[start - 1]);
}

void breaks_find(const char *text, size_t len, char *out)
{
	static bool initialised;
	size_t i;

	if (len == 0)
		return;
	if (!initialised) {
		init_linebreak();
		initialised = true;
	}
	/* libunibreak asserts on some malformed UTF-8 (a sequence cut at the end): text that
	 * is not UTF-8 gets breaks after its spaces only. */
	if (utf8_find_invalid(text, len) >= 0) {
		for (i = 0; i < len; i++)
			out[i] = i + 1 == len	  ? BREAK_MUST
				 : text[i] == ' ' ? BREAK_ALLOW
						  : BREAK_NEVER;
		return;
	}
	set_linebreaks_utf8((const utf8_t *)text, len, "en", out);
	for (i = 0; i < len; i++) {
		switch (out[i]) {
		case LINEBREAK_MUSTBREAK:
			/* A mandatory break inside folded text can only be the end. */
			out[i] = i + 1 == len ? BREAK_MUST : BREAK_ALLOW;
			break;
		case LINEBREAK_ALLOWBREAK:
			if (text[i] == ' ')
				out[i] = number_before(text, i) && unit_at(text + i + 1, text + len)
					     ? BREAK_NEVER
					     : BREAK_ALLOW;
			else if (text[i] == '/')
				out[i] = unit_before_slash(text, i) ? BREAK_NEVER : BREAK_ALLOW;
			else
				out[i] = dash_in_range(text, len, i) ? BREAK_NEVER : BREAK_ALLOW;
			break;
		default: out[i] = BREAK_NEVER; break;
		}
	}
}
