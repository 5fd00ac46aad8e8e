/* SPDX-License-Identifier: MIT */
/* hyphenation: where a word may take a hyphen at a line end, by libhyphen with Debian's patterns
 * (hyphen-en-us), and where it must not: numbers, addresses, abbreviations, and the names on
 * the content's exceptions list (medicines above all: a misread name is a wrong medicine). */
#ifndef INKREF_HYPHENATION_H
#define INKREF_HYPHENATION_H

#include <stddef.h>

#include "err.h"

/* The longest word hyphen_points looks at; a longer one is split where it must be. */
#define HYPHEN_MAX_WORD 64

struct hyphenator;

/* Loads the patterns at dict_path. exceptions: words never to hyphenate, separated by
 * white space (case does not matter), or NULL. Returns NULL with err filled (EXIT_NOINPUT
 * for a missing file, EXIT_DATAERR for one libhyphen cannot read). */
struct hyphenator *hyphen_open(const char *dict_path, const char *exceptions,
			       struct inkref_error *err);
void hyphen_close(struct hyphenator *h);

/* The dictionary for a content language ("en" gives hyph_en.dic in INKREF_HYPHEN_DIR, as
 * Debian installs it). */
void hyphen_dict_path(const char *language, char *out, size_t size);

/* Byte offsets in word (len bytes) after which a hyphen may go, in increasing order, into
 * points (up to max); returns how many. None for a word that must not be hyphenated. */
int hyphen_points(const struct hyphenator *h, const char *word, size_t len, int *points,
		  int max);

#endif
