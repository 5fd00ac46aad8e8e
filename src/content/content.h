/* SPDX-License-Identifier: MIT */
/* content: the kiosk's content database (SQLite), opened read-only, checked, and loaded into
 * memory once, so that nothing after start-up touches the file. */
#ifndef INKREF_CONTENT_H
#define INKREF_CONTENT_H

#include <stdbool.h>

#include "err.h"
#include "hyphenation.h"
#include "markup.h"

#define CONTENT_SCHEMA_VERSION 1
/* Menus nest at most this deep, home included (the menu state keeps a fixed path). */
#define MENU_DEPTH_LIMIT 8

struct source {
	int number; /* as shown on screen: 1, 2, ... */
	char *key;
	char *title;
	char *author;
	char *published_in; /* may be "" */
	char *year;
	char *url; /* may be "" */
};

struct page {
	int id;
	char *title;
	char *language;
	struct doc doc;
	int *source_numbers; /* ascending */
	int source_count;
	char *source_file; /* the content file it was written in, and the line of its @page */
	int source_line;
};

struct menu_item {
	int id;
	char *title;
	char *language;
	int page;      /* index into content.pages, or -1 for a submenu */
	int *children; /* indexes into content.items, in menu order */
	int child_count;
	int parent; /* index, -1 for the root */
};

/* A pair the fact base lists an interaction for: a page naming the medicine must also name
 * the partner, so a reader meets the two together (content/interactions.txt). */
struct interaction {
	char *medicine; /* lower case */
	char *partner;	/* lower case */
};

struct content {
	char *path;
	char *content_version;
	char *language;
	char *reviewed_on; /* YYYY-MM-DD */
	char *review_by;   /* YYYY-MM-DD */
	char *locale;	   /* en-US, en-GB: the edition's one locale; "" in older databases */
	char *reviewed_by; /* who reviewed it; "" when nobody has */
	struct menu_item *items;
	int item_count;
	int root; /* index of the home menu */
	struct page *pages;
	int page_count;
	struct source *sources;
	int source_count;
	struct interaction *interactions; /* none in databases made before the table */
	int interaction_count;
	struct hyphen_table hyphens; /* where words may take a hyphen */
};

/* Opens path read-only and loads it. Returns 0, or -1 with err filled:
 * EXIT_NOINPUT when the file is missing, EXIT_DATAERR when it is not a valid
 * inkref database (the message names the table and record at fault). */
int content_load(const char *path, struct content *content, struct inkref_error *err);
void content_free(struct content *content);

/* The SQL that creates an empty database of the current schema version. */
extern const char content_schema_sql[];

#endif
