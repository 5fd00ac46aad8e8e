/* SPDX-License-Identifier: MIT */
/* hyphenation: both sides reduce a word to the same key (plain ASCII letters, lower case, the
 * punctuation around it left off); libhyphen sees only keys. Three letters stay on either
 * side of a hyphen, so no line ends in "a-" and none starts with "ly". */
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

#define MIN_LEFT  3
#define MIN_RIGHT 3

struct hyphenator {
	HyphenDict *dict;
	char **exceptions; /* lower case, sorted for bsearch */
	size_t exception_count;
	char *exception_text;
};

static int compare_strings(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

static int load_exceptions(struct hyphenator *h, const char *text)
{
	size_t words = 1;
	char *at, *save = NULL;

	h->exception_text = strdup(text);
	if (!h->exception_text)
		return -1;
	for (at = h->exception_text; *at; at++) {
		*at = (char)tolower((unsigned char)*at);
		if (isspace((unsigned char)*at))
			words++;
	}
	h->exceptions = calloc(words, sizeof(*h->exceptions));
	if (!h->exceptions)
		return -1;
	for (at = strtok_r(h->exception_text, " \t\r\n", &save); at;
	     at = strtok_r(NULL, " \t\r\n", &save))
		h->exceptions[h->exception_count++] = at;
	qsort(h->exceptions, h->exception_count, sizeof(*h->exceptions), compare_strings);
	return 0;
}

struct hyphenator *hyphen_open(const char *dict_path, const char *exceptions,
			       struct inkref_error *err)
{
	struct hyphenator *h;

	if (!*dict_path || access(dict_path, R_OK) < 0) {
		err_set(err, EXIT_NOINPUT, dict_path, 0,
			"no hyphenation patterns here; install Debian's hyphen-en-us");
		return NULL;
	}
	h = calloc(1, sizeof(*h));
	if (!h) {
		err_set(err, EXIT_SOFTWARE, dict_path, 0, "out of memory");
		return NULL;
	}
	h->dict = hnj_hyphen_load(dict_path);
	if (!h->dict) {
		err_set(err, EXIT_DATAERR, dict_path, 0,
			"not a hyphenation dictionary libhyphen can read");
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
		if (!isalpha((unsigned char)language[i]) && language[i] != '_' &&
		    language[i] != '-') {
			snprintf(out, size, "%s", "");
			return;
		}
	snprintf(out, size, "%s/hyph_%s.dic", INKREF_HYPHEN_DIR, language);
}

uint64_t hyphen_points(const struct hyphenator *h, const char *word, size_t len)
{
	char key[HYPHEN_MAX_WORD + 1], hyphens[HYPHEN_MAX_WORD + 5];
	const char *lookup = key;
	char **rep = NULL;
	int *pos = NULL, *cut = NULL;
	uint64_t points = 0;
	size_t i;

	if (len < MIN_LEFT + MIN_RIGHT || len > HYPHEN_MAX_WORD)
		return 0;
	for (i = 0; i < len; i++) {
		if (!isalpha((unsigned char)word[i]))
			return 0;
		key[i] = (char)tolower((unsigned char)word[i]);
	}
	key[len] = '\0';
	if (h->exception_count && bsearch(&lookup, h->exceptions, h->exception_count,
					  sizeof(*h->exceptions), compare_strings))
		return 0;
	if (hnj_hyphen_hyphenate3(h->dict, key, (int)len, hyphens, NULL, &rep, &pos, &cut, MIN_LEFT,
				  MIN_RIGHT, MIN_LEFT, MIN_RIGHT) != 0)
		return 0;
	if (rep) {
		/* A pattern that changes the spelling at the break: none in English; skip. */
		for (i = 0; i < len; i++)
			free(rep[i]);
		free(rep);
		free(pos);
		free(cut);
		return 0;
	}
	for (i = MIN_LEFT - 1; i + MIN_RIGHT < len; i++)
		if (hyphens[i] & 1)
			points |= (uint64_t)1 << i;
	return points;
}

static int compare_words(const void *key, const void *entry)
{
	return strcmp(key, ((const struct hyphen_word *)entry)->word);
}

int hyphen_lookup(const struct hyphen_table *table, const char *text, size_t len, int *points,
		  int max)
{
	char key[HYPHEN_MAX_WORD + 1];
	size_t lead = 0, end = len, i, capitals = 0;
	const struct hyphen_word *found;
	int count = 0;

	if (!table || table->count == 0)
		return 0;
	/* "(magnesium" and "kidneys." are the words magnesium and kidneys; a quotation mark
	 * or any other non-ASCII byte around a word is left off the same way. */
	while (lead < end && !isalnum((unsigned char)text[lead]))
		lead++;
	while (end > lead && !isalnum((unsigned char)text[end - 1]))
		end--;
	if (end - lead > HYPHEN_MAX_WORD || end == lead)
		return 0;
	for (i = lead; i < end; i++) {
		unsigned char c = (unsigned char)text[i];
		/* Digits, addresses, names with accents, words joined by an apostrophe: never. */
		if (!isalpha(c))
			return 0;
		capitals += isupper(c) ? 1 : 0;
		key[i - lead] = (char)tolower(c);
	}
	key[end - lead] = '\0';
	/* Abbreviations (IRLSSG, RDA) are read letter by letter. */
	if (capitals >= 2)
		return 0;
	found =
	    bsearch(key, table->words, (size_t)table->count, sizeof(*table->words), compare_words);
	if (!found)
		return 0;
	for (i = 0; i < end - lead && count < max; i++)
		if (found->points >> i & 1)
			points[count++] = (int)(lead + i + 1);
	return count;
}
