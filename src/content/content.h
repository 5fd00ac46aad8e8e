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
/* Menus nest at most this deep, home included (the menu state keeps a fixed path): no item
 * lies more than this many levels below the home menu. */
#define MENU_DEPTH_LIMIT 8

/* What a content database may hold (doc/limits.md gives the reasons). Past any of them the
 * loader refuses the database with the table and record at fault, so that memory and load time
 * stay bounded whatever the file holds. */
#define CONTENT_FILE_MAX	 (8L << 20) /* bytes of the database file */
#define CONTENT_ROWS_MAX	 10000	    /* rows of pages, of menu_items, of sources */
#define CONTENT_PAGE_SOURCES_MAX 64	    /* sources one page cites */
#define CONTENT_BODY_MAX	 65536	    /* bytes of one page's body */
#define CONTENT_TITLE_MAX	 300  /* bytes of a page or menu title (the builder cuts at 299) */
#define CONTENT_FIELD_MAX	 4096 /* bytes of any other text: a source's fields, meta */
#define CONTENT_VALUE_MAX	 CONTENT_FILE_MAX /* bytes of any value SQLite makes at all */
#define CONTENT_ID_MAX		 2147483647	  /* ids and numbers are 1 to this */
#define CONTENT_SOURCE_FILE_MAX	 (1L << 20) /* bytes of one content source file (build-content) */
/* SQLite virtual machine steps one load may take. A hundred times today's content takes under
 * a million (bench/scale.sh), a database at every limit above a few million: only a query that
 * would not end (or a database no builder made) comes near this, and is stopped within about
 * a second rather than never. */
#define CONTENT_WORK_MAX 100000000L

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
/* Counts the allocations SQLite's malloc fails, so that a damaged file asking SQLite for an
 * impossible amount is told apart from memory running out. Must come before the process's
 * first use of SQLite (content_load and the compiler call it; a program that opens SQLite
 * itself first calls it too); later it does nothing. */
void content_sqlite_setup(void);
void content_free(struct content *content);

/* The SQL that creates an empty database of the current schema version. */
extern const char content_schema_sql[];

#endif
