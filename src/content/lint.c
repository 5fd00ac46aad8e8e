/* SPDX-License-Identifier: MIT */
/* lint: every rule reports where the fix goes: the content file and line of the page. */
#include "lint.h"

#include <ctype.h>
#include <limits.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

/* Claims from popular web articles that are wrong, misattributed or unsupported (the fact
 * base's audit of them); none may appear on a kiosk. Lower case, plain hyphens. */
static const char *const deny_list[] = {
    "recommends 300",		 /* invented AASM dose recommendation */
    "300-600",			 /* the same, as a range */
    "200-400 mg",		 /* "recommended" range: no RLS dose is established */
    "270-350",			 /* "safe range": 350 is a ceiling, 270 unsourced */
    "citrate is superior",	 /* misattributed oxide vs citrate "trial" */
    "citrate was superior",	 /* the same */
    "citrate is better for rls", /* no form has proven RLS benefit */
    "glycinate is best",	 /* unsupported absorption claim */
    "best absorbed",		 /* the same */
    "fewest side effects",	 /* unsupported "gentler" claim */
    "strong evidence",		 /* deficiency "strongly" linked: the evidence is inconclusive */
    "four diagnostic criteria",	 /* there are five */
    "4 diagnostic criteria",	 /* the same */
    "improves sleep quality",	 /* one 12-person open pilot */
    "improve sleep quality",	 /* the same */
    "31678660",			 /* unresolved PubMed number from a fabricated reference */
    "bodywork",			 /* "J Bodywork Movement Ther" reference that is a web page */
    "not safe in pregnancy",	 /* IV magnesium is approved for pre-eclampsia */
    "first-line dopamine",	 /* dopamine drugs are no longer first choice */
    "dopamine agonists are the first", /* the same */
    "take iron and b6",		       /* iron only after blood tests */
    "add iron and b6",		       /* the same */
    NULL,
};

/* Lower case, "–" and "—" as "-", "**" dropped, white space folded; a no-break space (which
 * keeps "350 mg" on one line) is white space too, so no rule can be dodged with one. */
static void normalise(const char *text, char *out, size_t size)
{
	size_t n = 0;

	while (*text && n + 2 < size) {
		if (text[0] == '*' && text[1] == '*') {
			text += 2;
			continue;
		}
		if (strncmp(text, "\xe2\x80\x93", 3) == 0 ||
		    strncmp(text, "\xe2\x80\x94", 3) == 0) {
			out[n++] = '-';
			text += 3;
			continue;
		}
		if (isspace((unsigned char)*text) || strncmp(text, "\xc2\xa0", 2) == 0 ||
		    strncmp(text, "\xe2\x80\xaf", 3) == 0) {
			if (n > 0 && out[n - 1] != ' ')
				out[n++] = ' ';
			text += isspace((unsigned char)*text) ? 1 : text[0] == '\xc2' ? 2 : 3;
			continue;
		}
		out[n++] = (char)tolower((unsigned char)*text++);
	}
	out[n] = '\0';
}

const char *lint_denied_phrase(const char *text)
{
	char plain[4096];
	int i;

	normalise(text, plain, sizeof(plain));
	for (i = 0; deny_list[i]; i++)
		if (strstr(plain, deny_list[i]))
			return deny_list[i];
	return NULL;
}

long lint_dose_above_limit(const char *text)
{
	char plain[4096];
	const char *at;

	normalise(text, plain, sizeof(plain));
	for (at = plain; *at; at++) {
		long value = 0;
		const char *end;
		if (!isdigit((unsigned char)*at) ||
		    (at > plain && (isalnum((unsigned char)at[-1]) || at[-1] == '.')))
			continue;
		/* A number with thousands separators: 5,000 or 5 000 is not 5 and 000. */
		for (end = at; isdigit((unsigned char)*end) ||
			       ((*end == ',') && isdigit((unsigned char)end[1]) &&
				isdigit((unsigned char)end[2]) && isdigit((unsigned char)end[3]));
		     end++)
			if (isdigit((unsigned char)*end))
				/* Saturates: an absurd amount must stay above the limit, not
				 * wrap round below it. */
				value = value > (LONG_MAX - 9) / 10 ? LONG_MAX
								    : value * 10 + (*end - '0');
		if (*end == ' ')
			end++;
		if (strncmp(end, "mg", 2) == 0 && !isalpha((unsigned char)end[2]) &&
		    value > LINT_UPPER_LIMIT_MG)
			return value;
		at = end - 1;
	}
	return 0;
}

static void problem(FILE *out, const struct content *c, const struct page *p, const char *fmt, ...)
    __attribute__((format(printf, 4, 5)));

static void problem(FILE *out, const struct content *c, const struct page *p, const char *fmt, ...)
{
	va_list ap;

	fprintf(out, "inkref: %s: page %d '%s' (%s:%d): ", c->path, p->id, p->title, p->source_file,
		p->source_line);
	va_start(ap, fmt);
	vfprintf(out, fmt, ap);
	va_end(ap);
	fputc('\n', out);
}

void lint_page_problem(FILE *out, const struct content *c, const struct page *p, const char *fmt,
		       ...)
{
	char message[1024];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(message, sizeof(message), fmt, ap);
	va_end(ap);
	problem(out, c, p, "%s", message);
}

/* Applies the phrase and dose rules to one piece of text of a page. */
static int check_text(FILE *out, const struct content *c, const struct page *p, const char *text)
{
	const char *phrase = lint_denied_phrase(text);
	long dose = lint_dose_above_limit(text);
	int problems = 0;

	if (phrase) {
		problem(out, c, p,
			"says \"%s\", a claim the fact base lists as wrong or unsupported", phrase);
		problems++;
	}
	if (dose) {
		problem(out, c, p,
			"%ld mg is above the %d mg upper limit; no amount above it may be shown as "
			"a dose",
			dose, LINT_UPPER_LIMIT_MG);
		problems++;
	}
	return problems;
}

int lint_content(const struct content *c, const int *screens, FILE *out)
{
	int problems = 0, i, b, k;
	int *cited = calloc((size_t)c->source_count + 1, sizeof(int));

	for (i = 0; i < c->page_count; i++) {
		const struct page *p = &c->pages[i];
		if (p->source_count == 0) {
			problem(out, c, p, "cites no source; add an @sources line");
			problems++;
		}
		/* A page that cites every source (about, the source list) proves no citation. */
		if (p->source_count < c->source_count)
			for (k = 0; k < p->source_count; k++)
				if (cited && p->source_numbers[k] >= 1 &&
				    p->source_numbers[k] <= c->source_count)
					cited[p->source_numbers[k]]++;
		if (screens[i] > LINT_MAX_SCREENS) {
			problem(out, c, p,
				"runs to %d screens on the 7.5\" panel; split it (at most %d)",
				screens[i], LINT_MAX_SCREENS);
			problems++;
		}
		problems += check_text(out, c, p, p->title);
		for (b = 0; b < p->doc.count; b++) {
			const struct block *blk = &p->doc.blocks[b];
			if (blk->kind != BLOCK_TABLE) {
				problems += check_text(out, c, p, blk->text);
				continue;
			}
			for (k = 0; k < blk->rows * blk->cols; k++)
				problems += check_text(out, c, p, blk->cells[k]);
		}
	}
	for (i = 1; cited && i <= c->source_count; i++) {
		if (cited[i])
			continue;
		fprintf(out,
			"inkref: %s: source %d [%s] is cited by no page; cite it or remove it\n",
			c->path, i, c->sources[i - 1].key);
		problems++;
	}
	for (i = 0; i < c->item_count; i++) {
		const char *phrase = lint_denied_phrase(c->items[i].title);
		if (phrase) {
			fprintf(out, "inkref: %s: menu entry '%s' says \"%s\"\n", c->path,
				c->items[i].title, phrase);
			problems++;
		}
	}
	if (!cited) {
		fprintf(out, "inkref: out of memory while checking sources\n");
		err_note_out_of_memory();
		problems++;
	}
	free(cited);
	return problems;
}

int lint_warnings_whole(const struct content *c, const char *panel, const int *const split[2],
			FILE *out)
{
	int problems = 0, i, large;

	for (i = 0; i < c->page_count; i++)
		for (large = 0; large < 2; large++) {
			int n = split[large][i];
			if (n <= 0)
				continue;
			problem(out, c, &c->pages[i],
				"%d warning%s too long for one screen on the %s in %s text; a "
				"warning must be seen whole: shorten it",
				n, n == 1 ? " is" : "s are", panel, large ? "large" : "normal");
			problems++;
		}
	return problems;
}
