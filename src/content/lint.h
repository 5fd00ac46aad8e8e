/* SPDX-License-Identifier: MIT */
/* lint: the content linter behind "inkref check-content": the safety rules every database
 * must pass before it goes on a kiosk (sources cited, pages short, no known-wrong claims,
 * no dose above the upper limit). */
#ifndef INKREF_LINT_H
#define INKREF_LINT_H

#include <stdbool.h>
#include <stdio.h>

#include "content.h"

/* At most this many screens per page on the 7.5" panel in normal text. */
#define LINT_MAX_SCREENS 4
/* The tolerable upper intake of magnesium from supplements and medicines, mg a day. */
#define LINT_UPPER_LIMIT_MG 350

/* Checks c and prints one line per problem to out, naming the database, the page and the
 * content file and line it came from. screens[i]: how many screens page i takes on the 7.5"
 * panel in normal text (the layout knows; the linter judges). Returns the number of
 * problems. */
int lint_content(const struct content *c, const int *screens, FILE *out);

/* A warning must be seen whole: one that breaks across screens is a problem (shorten it).
 * split[large][i]: how many warnings of page i break across screens on the panel named
 * panel, in normal (0) and large (1) text (the layout knows; the linter judges). Returns the
 * number of problems. */
int lint_warnings_whole(const struct content *c, const char *panel, const int *const split[2],
			FILE *out);

/* Prints one problem of page p as every rule does: database, page, content file and line. */
void lint_page_problem(FILE *out, const struct content *c, const struct page *p, const char *fmt,
		       ...) __attribute__((format(printf, 4, 5)));

/* The first phrase of the deny list found in text (case and dash style ignored), or NULL. */
const char *lint_denied_phrase(const char *text);
/* The first amount in milligrams above the upper limit in text ("600 mg"), or 0. */
long lint_dose_above_limit(const char *text);

#endif
