/* SPDX-License-Identifier: MIT */
/* hyphenation: where a word may take a hyphen at a line end. The content compiler asks
 * libhyphen, with Debian's patterns (hyphen-en-us), about every word of the content and stores
 * the answers in the database; the kiosk only looks them up, so it never holds the patterns
 * (about 3 MB while they load). Never hyphenated: numbers, addresses, abbreviations, non-ASCII
 * words, and the content's exceptions list (medicines above all: a misread name is a wrong
 * medicine). */
#ifndef INKREF_HYPHENATION_H
#define INKREF_HYPHENATION_H

#include <stddef.h>
#include <stdint.h>

#include "err.h"

/* The longest word hyphenated; a longer one is split where it must be. */
#define HYPHEN_MAX_WORD 60

/* ---- the content compiler's side ---- */

struct hyphenator;

/* Loads the patterns at dict_path. exceptions: words never to hyphenate, separated by
 * white space (case does not matter), or NULL. Returns NULL with err filled (EXIT_NOINPUT
 * for a missing file, EXIT_DATAERR for one libhyphen cannot read). */
struct hyphenator *hyphen_open(const char *dict_path, const char *exceptions,
			       struct inkref_error *err);
void hyphen_close(struct hyphenator *h);

/* The patterns for a content language, as Debian installs them: "en" gives hyph_en.dic in
 * INKREF_HYPHEN_DIR. "" for a language that cannot name a file. */
void hyphen_dict_path(const char *language, char *out, size_t size);

/* The hyphenation points of a word of letters (len bytes), as a bit set: bit i means a hyphen
 * may follow byte i. 0 when it must not be hyphenated. */
uint64_t hyphen_points(const struct hyphenator *h, const char *word, size_t len);

/* ---- the kiosk's side ---- */

struct hyphen_word {
	char *word; /* lower case */
	uint64_t points;
};

/* The content's words that may be hyphenated, sorted by word (strcmp). */
struct hyphen_table {
	struct hyphen_word *words;
	int count;
};

/* Byte offsets in text (len bytes: a word, perhaps with punctuation around it) after which a
 * hyphen may go, in increasing order, into points (up to max); returns how many. */
int hyphen_lookup(const struct hyphen_table *table, const char *text, size_t len, int *points,
		  int max);

#endif
