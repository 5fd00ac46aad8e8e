/* SPDX-License-Identifier: MIT */
/* screen_text: what a screen says, as text: the runs of its display list gathered into the
 * lines a reader sees, and "inkref render --text", every screen's text as JSON. */
#ifndef INKREF_SCREEN_TEXT_H
#define INKREF_SCREEN_TEXT_H

#include <stdio.h>

#include "err.h"
#include "session.h"
#include "view.h"

/* Most lines one region of a screen can hold; a 4096 px panel at the smallest type. */
#define SCREEN_TEXT_MAX_LINES 256

struct screen_lines {
	int count;
	char *lines[SCREEN_TEXT_MAX_LINES]; /* into text */
	char text[8192];
};

/* The text of one region of the screen in dl: runs on one baseline make one line, left to
 * right, a space where the runs do not touch. In the header and footer each run is its own
 * line (the breadcrumb, the counter, each caption). Text past the limits is dropped. */
void screen_text_lines(struct view *view, const struct display_list *dl, enum region region,
		       struct screen_lines *out);

/* Which pages a run covers: every page (page < 0), or one page, by content.pages index. */
struct screen_filter {
	int page;
};

/* Finds a page by its id or its title (case ignored). Returns its index or -1. */
int screen_text_find_page(const struct content *c, const char *id_or_title);

/* render --text: one JSON object per screen of the session's content (each menu screen once,
 * with the cursor on its first entry; every screen of every page), both text sizes. The
 * objects of successive calls go in one array: begin, then one call per panel, then end.
 * Returns the number of screens written, or -1 when memory runs out. */
struct screen_text_writer {
	FILE *out;
	int written;
};
void screen_text_begin(struct screen_text_writer *w, FILE *out);
int screen_text_write(struct screen_text_writer *w, struct session *s,
		      const struct screen_filter *filter, struct inkref_error *err);
void screen_text_end(struct screen_text_writer *w);

/* Writes s as a JSON string, quotes included. */
void screen_text_json_string(FILE *out, const char *s);

#endif
