/* SPDX-License-Identifier: MIT */
/* hyphenation: libhyphen asks for a lower-case word; we give it plain letters only, and keep
 * three letters on either side of a hyphen, so no line ends in "a-" or starts with "ly". */
#include "hyphenation.h"

#include <ctype.h>
#include <hyphen.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#ifndef INKREF_HYPHEN_DIR
#define INKREF_HYPHEN_DIR "/usr/share/hyphen"
#endif

#define MIN_LEFT 3
#define MIN_RIGHT 3

struct hyphenator {
	HyphenDict *dict;
	char **exceptions; /* lower case, sorted for bsearch */
	size_t exception_count;
	char *exception_text;
};

static int compare_words(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

static int load_exceptions(struct hyphenator *h, const char *text)
{
	size_t words = 0;
	char *at, *save = NULL;

	h->exception_text = strdup(text);
	if (!h->exception_text)
		return -1;
	for (at = h->exception_text; *at; at++) {
		*at = (char)tolower((unsigned char)*at);
		if (!isspace((unsigned char)*at) && (at == h->exception_text ||
						      isspace((unsigned char)at[-1])))
			words++;
	}
	h->exceptions = calloc(words ? words : 1, sizeof(*h->exceptions));
	if (!h->exceptions)
		return -1;
	for (at = strtok_r(h->exception_text, " \t\r\n", &save); at;
	     at = strtok_r(NULL, " \t\r\n", &save))
		h->exceptions[h->exception_count++] = at;
	qsort(h->exceptions, h->exception_count, sizeof(*h->exceptions), compare_words);
	return 0;
}

struct hyphenator *hyphen_open(const char *dict_path, const char *exceptions,
			       struct inkref_error *err)
{
	struct hyphenator *h;

	if (access(dict_path, R_OK) < 0) {
		err_set(err, EXIT_NOINPUT, dict_path, 0,
			"no hyphenation patterns; install Debian's hyphen-en-us");
		return NULL;
	}
	h = calloc(1, sizeof(*h));
	if (!h) {
		err_set(err, EXIT_SOFTWARE, dict_path, 0, "out of memory");
		return NULL;
	}
	h->dict = hnj_hyphen_load(dict_path);
	if (!h->dict) {
		err_set(err, EXIT_DATAERR, dict_path, 0, "not a hyphenation dictionary libhyphen reads");
		free(h);
		return NULL;
	}
	if (exceptions && load_exceptions(h, exceptions) < 0) {
		err_set(err, EXIT_SOFTWARE, dict_path, 0, "out of memory");
		hyphen_close(h);
		return NULL;
	}
	return h;
}

void hyphen_close(struct hyphenator *h)
{
	if (!h)
		return;
	if (h->dict)
		hnj_hyphen_free(h->dict);
	free(h->exceptions);
	free(h->exception_text);
	free(h);
}

void hyphen_dict_path(const char *language, char *out, size_t size)
{
	size_t i;

	/* A language is a tag such as en or en_US: anything else names no file of ours. */
	for (i = 0; language[i]; i++)
		if (!isalpha((unsigned char)language[i]) && language[i] != '_' && language[i] != '-') {
			snprintf(out, size, "%s", "");
			return;
		}
	snprintf(out, size, "%s/hyph_%s.dic", INKREF_HYPHEN_DIR, language);
}

int hyphen_points(const struct hyphenator *h, const char *word, size_t len, int *points,
		  int max)
{
	char lower[HYPHEN_MAX_WORD + 1], hyphens[HYPHEN_MAX_WORD + 5];
	const char *key = lower;
	char **rep = NULL;
	int *pos = NULL, *cut = NULL;
	size_t i, letters = len, capitals = 0;
	int count = 0;

	if (!h || len > HYPHEN_MAX_WORD)
		return 0;
	/* Trailing punctuation is not part of the word: "magnesium," and "kidneys." */
	while (letters > 0 && !isalpha((unsigned char)word[letters - 1]))
		letters--;
	if (letters < MIN_LEFT + MIN_RIGHT)
		return 0;
	for (i = 0; i < letters; i++) {
		unsigned char c = (unsigned char)word[i];
		/* Digits, addresses, non-ASCII letters (a name such as González): never. */
		if (!isalpha(c) && c != '\'')
			return 0;
		if (isupper(c))
			capitals++;
		lower[i] = (char)tolower(c);
	}
	lower[letters] = '\0';
	/* Abbreviations (IRLSSG, RDA) are read letter by letter. */
	if (capitals >= 2)
		return 0;
	if (h->exception_count &&
	    bsearch(&key, h->exceptions, h->exception_count, sizeof(*h->exceptions), compare_words))
		return 0;
	if (hnj_hyphen_hyphenate3(h->dict, lower, (int)letters, hyphens, NULL, &rep, &pos, &cut,
				  MIN_LEFT, MIN_RIGHT, MIN_LEFT, MIN_RIGHT) != 0)
		return 0;
	if (rep) {
		/* A pattern that changes the spelling at the break: not in English; skip it. */
		for (i = 0; i < letters; i++)
			free(rep[i]);
		free(rep);
		free(pos);
		free(cut);
		return 0;
	}
	for (i = MIN_LEFT - 1; i + MIN_RIGHT < letters && count < max; i++)
		if (hyphens[i] & 1)
			points[count++] = (int)i + 1;
	return count;
}
