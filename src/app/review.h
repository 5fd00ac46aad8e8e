/* SPDX-License-Identifier: MIT */
/* review: "inkref render --review DIR", the review sheet a pharmacist reads and signs: one
 * HTML page per topic and a contents page, each page's screens on every panel at both text
 * sizes, its source text with file and line, its sources and the linter's findings. */
#ifndef INKREF_REVIEW_H
#define INKREF_REVIEW_H

#include <stdbool.h>

#include "err.h"
#include "font.h"

struct review_options {
	const char *db_path;	 /* NULL: the default content.db */
	const char *content_dir; /* the content sources, for each page's text as written */
	const char *panel;	 /* the panel shown first (a model name); NULL: the 7.5" */
	bool large_text;	 /* large text shown first */
	enum glyph_mode glyph_mode;
	const char *today; /* YYYY-MM-DD for the review-by check; NULL: the clock's date */
};

/* The sheet's files in dir: index.html (the contents), topic-NN.html per topic, print.html
 * (every topic, for printing in one go) and the screens under img/. Returns the number of
 * topics, or -1 with err filled. */
int review_write(const char *dir, const struct review_options *options, struct inkref_error *err);

#endif
