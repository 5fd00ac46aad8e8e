/* SPDX-License-Identifier: MIT */
/* lint_edition: the linter's rules for an edition's form rather than its claims: every source
 * has a document address, numbers stay with their units, one locale throughout, and pages
 * that name an interacting medicine name what it interacts with. */
#ifndef INKREF_LINT_EDITION_H
#define INKREF_LINT_EDITION_H

#include <stdio.h>

#include "content.h"

/* Each rule prints one line per problem to out (naming the database, and the page with its
 * content file and line, or the source) and returns the number of problems. */
int lint_source_addresses(const struct content *c, FILE *out);
int lint_units_kept_with_numbers(const struct content *c, FILE *out);
int lint_one_locale(const struct content *c, FILE *out);
int lint_interactions_met(const struct content *c, FILE *out);

/* All four. */
int lint_edition(const struct content *c, FILE *out);

/* Why an address is not a document's own, or NULL when it is: empty, not a web address, a
 * DOI that is not one, or an index page (a site's root, a section's landing page). */
const char *lint_address_fault(const char *url);
/* The first "N unit" in text written with an ordinary space, which layout may break, or
 * NULL; *len gets its length. */
const char *lint_split_unit(const char *text, size_t *len);
/* The first word or unit of the other locale in text for locale ("en-US", "en-GB"), or NULL. */
const char *lint_foreign_usage(const char *locale, const char *text);

#endif
