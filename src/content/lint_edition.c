/* SPDX-License-Identifier: MIT */
/* lint_edition: the text rules read every piece of a page a reader sees (its title, its
 * blocks, its table cells), in the database's own UTF-8. */
#include "lint_edition.h"

#include <ctype.h>
#include <stdbool.h>
#include <string.h>
#include <strings.h>

#include "lint.h"

/* Landing pages of sections that have been cited in place of the document they list. */
static const char *const index_segments[] = {
    "patients",	     "patient-resources",
    "resources",     "health-encyclopedia",
    "health-topics", "drugs",
    "emc",	     "drug-safety-and-availability",
    "conditions",    "factsheets",
    "articles",	     "search",
    "index.html",    "index.htm",
    "index.php",     "default.aspx",
    "home",	     NULL,
};

const char *lint_address_fault(const char *url)
{
	const char *host, *path, *end, *segment;
	int segments = 0, k;
	bool trailing;

	if (!url || !*url)
		return "has no DOI or document address";
	if (strncmp(url, "https://", 8) != 0 && strncmp(url, "http://", 7) != 0)
		return "is not a web address (https://...)";
	host = strstr(url, "://") + 3;
	if (strncmp(host, "doi.org/", 8) == 0 || strncmp(host, "dx.doi.org/", 11) == 0) {
		const char *doi = strchr(host, '/') + 1;
		return strncmp(doi, "10.", 3) == 0 && strchr(doi, '/')
			   ? NULL
			   : "is not a DOI (10.NNNN/...)";
	}
	path = strchr(host, '/');
	if (!path || path[1] == '\0' || path[1] == '?' || path[1] == '#')
		return "is a site's home page, not the document";
	end = path + strcspn(path, "?#");
	trailing = end[-1] == '/';
	if (trailing)
		end--;
	for (segment = path; segment < end; segment++)
		if (*segment == '/')
			segments++;
	segment = end;
	while (segment > path && segment[-1] != '/')
		segment--;
	for (k = 0; index_segments[k]; k++)
		if ((size_t)(end - segment) == strlen(index_segments[k]) &&
		    strncasecmp(segment, index_segments[k], (size_t)(end - segment)) == 0)
			return "is an index page, not the document itself";
	/* One path segment ending in '/' is a section's landing page (/emc/), unless it is a
	 * record number (/38738598/ of PubMed). */
	if (trailing && segments == 1 && strspn(segment, "0123456789") != (size_t)(end - segment))
		return "is an index page, not the document itself";
	return NULL;
}

/* Units a number must not be parted from at a line break. */
static const char *const units[] = {
    "mg", "g",	  "kg",	 "mcg",	 "µg",	"ng/mL", "µg/L", "mL", "oz",
    "lb", "cups", "cup", "tbsp", "tsp", "mmol",	 "IU",	 NULL,
};

/* The unit that starts at s, if a whole one does; its length, else 0. */
static size_t unit_at(const char *s)
{
	int k;

	for (k = 0; units[k]; k++) {
		size_t n = strlen(units[k]);
		if (strncmp(s, units[k], n) == 0 && !isalpha((unsigned char)s[n]))
			return n;
	}
	return 0;
}

/* The length of the digit or vulgar fraction (¼ ½ ¾) at s that ends a number, else 0. */
static size_t number_end_at(const char *s)
{
	if (isdigit((unsigned char)s[0]))
		return 1;
	if ((unsigned char)s[0] == 0xc2 && (unsigned char)s[1] >= 0xbc &&
	    (unsigned char)s[1] <= 0xbe)
		return 2;
	return 0;
}

const char *lint_split_unit(const char *text, size_t *len)
{
	const char *at;

	for (at = text; *at; at++) {
		const char *start = at;
		size_t unit, digit = number_end_at(at);
		if (!digit || at[digit] != ' ')
			continue;
		at += digit - 1;
		unit = unit_at(at + 2);
		if (!unit)
			continue;
		while (start > text &&
		       (isdigit((unsigned char)start[-1]) || start[-1] == ',' || start[-1] == '.'))
			start--;
		*len = (size_t)(at + 2 + unit - start);
		return start;
	}
	return NULL;
}

/* Spellings of one locale that the other writes differently. A trailing '*' makes the entry
 * a word start (randomis* matches randomised); else it must be the whole word. */
static const char *const british_words[] = {
    "diarrhoea", "anaemia*",   "anaemic",  "apnoea",	  "oesophag*",	 "haem*",  "labour",
    "colour*",	 "behaviour*", "centre*",  "litre*",	  "millilitre*", "metre*", "randomis*",
    "organis*",	 "recognis*",  "minimis*", "paediatric*", "foetus",	 "oedema", "tumour*",
    "favour*",	 "programme*", "fibre*",   "aluminium",	  "ageing",	 NULL,
};
static const char *const american_words[] = {
    "diarrhea",	 "anemia*",   "anemic",	    "apnea",  "esophag*",    "hemoglobin", "labor",
    "color*",	 "behavior*", "center*",    "liter*", "milliliter*", "randomiz*",  "organiz*",
    "recogniz*", "minimiz*",  "pediatric*", "fetus",  "edema",	     "tumor*",	   "favor*",
    "fiber*",	 "aluminum",  "aging",	    NULL,
};

static bool word_char(unsigned char c)
{
	return isalpha(c) || c >= 0x80;
}

/* Whether pattern (see british_words) matches the word that starts at s. */
static bool word_matches(const char *s, const char *pattern)
{
	size_t n = strlen(pattern);
	bool prefix = pattern[n - 1] == '*';

	if (prefix)
		n--;
	if (strncasecmp(s, pattern, n) != 0)
		return false;
	return prefix || !word_char((unsigned char)s[n]);
}

/* In a US edition, a measure in ounces, cups or spoons has its metric value beside it in
 * parentheses ("1 oz (28 g)"), and ng/mL its µg/L. Returns the measure without, or NULL. */
static const char *us_measure_without_metric(const char *text)
{
	const char *at;

	for (at = text; *at; at++) {
		const char *unit = at, *after;
		size_t n, digit = number_end_at(at);
		if (!digit)
			continue;
		unit = at + digit;
		if (*unit == ' ')
			unit++;
		else if (strncmp(unit, "\xc2\xa0", 2) == 0)
			unit += 2;
		n = unit_at(unit);
		if (!n)
			continue;
		after = unit + n;
		if (strncmp(unit, "ng/mL", 5) == 0) {
			const char *metric = strstr(after, "µg/L");
			if (!metric || metric - after > 16)
				return unit;
			continue;
		}
		if (strncmp(unit, "oz", 2) != 0 && strncmp(unit, "cup", 3) != 0 &&
		    strncmp(unit, "tbsp", 4) != 0 && strncmp(unit, "tsp", 3) != 0)
			continue;
		while (*after == ' ')
			after++;
		if (*after != '(')
			return unit;
	}
	return NULL;
}

const char *lint_foreign_usage(const char *locale, const char *text)
{
	const char *const *words;
	const char *at;
	int k;

	if (strcasecmp(locale, "en-US") == 0)
		words = british_words;
	else if (strcasecmp(locale, "en-GB") == 0)
		words = american_words;
	else
		return NULL;
	for (at = text; *at; at++) {
		if (!word_char((unsigned char)*at) ||
		    (at > text && word_char((unsigned char)at[-1])))
			continue;
		for (k = 0; words[k]; k++)
			if (word_matches(at, words[k]))
				return words[k];
	}
	return words == british_words ? us_measure_without_metric(text) : NULL;
}

/* Walks the texts of a page a reader sees: title, then each block, each table cell. */
struct text_cursor {
	int block, cell;
	bool title_done;
};

static const char *next_text(const struct page *p, struct text_cursor *at)
{
	if (!at->title_done) {
		at->title_done = true;
		return p->title;
	}
	while (at->block < p->doc.count) {
		const struct block *b = &p->doc.blocks[at->block];
		if (b->kind != BLOCK_TABLE) {
			at->block++;
			if (b->text)
				return b->text;
			continue;
		}
		if (at->cell < b->rows * b->cols)
			return b->cells[at->cell++];
		at->block++;
		at->cell = 0;
	}
	return NULL;
}

int lint_source_addresses(const struct content *c, FILE *out)
{
	int problems = 0, i;

	for (i = 0; i < c->source_count; i++) {
		const struct source *s = &c->sources[i];
		const char *fault = lint_address_fault(s->url);
		if (!fault)
			continue;
		fprintf(out,
			"inkref: %s: source %d [%s]: its address %s%s%s; give the DOI or the "
			"address of the document itself\n",
			c->path, s->number, s->key, s->url && *s->url ? s->url : "",
			s->url && *s->url ? " " : "", fault);
		problems++;
	}
	return problems;
}

int lint_units_kept_with_numbers(const struct content *c, FILE *out)
{
	int problems = 0, i;

	for (i = 0; i < c->page_count; i++) {
		const struct page *p = &c->pages[i];
		struct text_cursor at = {0, 0, false};
		const char *text;
		while ((text = next_text(p, &at)) != NULL) {
			size_t len;
			const char *split = lint_split_unit(text, &len);
			if (!split)
				continue;
			lint_page_problem(out, c, p,
					  "\"%.*s\" can break between the number and its unit; "
					  "join them with a no-break space (U+00A0)",
					  (int)len, split);
			problems++;
			break;
		}
	}
	return problems;
}

int lint_one_locale(const struct content *c, FILE *out)
{
	int problems = 0, i;

	if (!c->locale || !*c->locale)
		return 0;
	for (i = 0; i < c->page_count; i++) {
		const struct page *p = &c->pages[i];
		struct text_cursor at = {0, 0, false};
		const char *text;
		while ((text = next_text(p, &at)) != NULL) {
			const char *found = lint_foreign_usage(c->locale, text);
			size_t n;
			if (!found)
				continue;
			n = strcspn(found, "* ");
			lint_page_problem(out, c, p,
					  "\"%.*s\" belongs to another locale than this edition's "
					  "%s: use its spelling, or give the metric measure beside",
					  (int)(n > 24 ? 24 : n), found, c->locale);
			problems++;
			break;
		}
	}
	return problems;
}

/* Whether text names word (any case), as a whole word or its plural. */
static bool names(const char *text, const char *word)
{
	size_t n = strlen(word);
	const char *at;

	for (at = text; *at; at++) {
		if (strncasecmp(at, word, n) != 0)
			continue;
		if (at > text && word_char((unsigned char)at[-1]))
			continue;
		if (!word_char((unsigned char)at[n]) ||
		    ((at[n] == 's' || at[n] == 'S') && !word_char((unsigned char)at[n + 1])))
			return true;
	}
	return false;
}

static bool page_names(const struct page *p, const char *word)
{
	struct text_cursor at = {0, 0, false};
	const char *text;

	while ((text = next_text(p, &at)) != NULL)
		if (names(text, word))
			return true;
	return false;
}

int lint_interactions_met(const struct content *c, FILE *out)
{
	int problems = 0, i, k;

	for (i = 0; i < c->page_count; i++) {
		const struct page *p = &c->pages[i];
		/* Pages citing everything (About) and a source's own page name no advice. */
		if (p->source_count >= c->source_count ||
		    (p->source_count == 1 && p->source_numbers[0] >= 1 &&
		     p->source_numbers[0] <= c->source_count &&
		     strcmp(p->title, c->sources[p->source_numbers[0] - 1].title) == 0))
			continue;
		for (k = 0; k < c->interaction_count; k++) {
			const struct interaction *x = &c->interactions[k];
			if (!page_names(p, x->medicine) || page_names(p, x->partner))
				continue;
			lint_page_problem(out, c, p,
					  "names %s but not %s; the fact base lists an interaction "
					  "between them: say on this page how they meet",
					  x->medicine, x->partner);
			problems++;
		}
	}
	return problems;
}

int lint_edition(const struct content *c, FILE *out)
{
	return lint_source_addresses(c, out) + lint_units_kept_with_numbers(c, out) +
	       lint_one_locale(c, out) + lint_interactions_met(c, out);
}
