/* SPDX-License-Identifier: MIT */
/* session: one kiosk on one panel: content, view, state and framebuffer wired together.
 * The daemon, the headless renderer, the benchmarks and the tests all go through it. */
#ifndef INKREF_SESSION_H
#define INKREF_SESSION_H

#include "content.h"
#include "err.h"
#include "fb.h"
#include "menu.h"
#include "panel.h"
#include "view.h"

struct session {
	struct content content;
	struct view view;
	struct menu_state state;
	struct menu_pager pager;
	struct fb *fb;
	struct display_list *display;
	bool review_due; /* today is past the content's review-by date */
};

struct session_options {
	const char *db_path;   /* NULL: the default content.db */
	const char *fonts_dir; /* NULL: the default fonts/ */
	const char *logo_path; /* NULL: the default assets/logo.png */
	enum glyph_mode glyph_mode;
	bool large_text;
	const char *today; /* YYYY-MM-DD, for the review-by check; NULL: the clock's date */
};

/* What session_open could not open, as its negative return value. */
enum session_failure {
	SESSION_FAILED_CONTENT = -1, /* the content database (err says why) */
	SESSION_FAILED_FONT = -2,    /* a font file */
	SESSION_FAILED_ASSET = -3,   /* the logo */
	SESSION_FAILED_MEMORY = -4,
};

/* Returns 0, or an enum session_failure with err filled. */
int session_open(struct session *s, const struct panel_model *panel,
		 const struct session_options *options, struct inkref_error *err);
void session_close(struct session *s);

/* After a session struct is copied to a new place: points its parts at each other again. */
void session_moved(struct session *s);

/* Applies a key; returns what changed. */
enum menu_change session_press(struct session *s, enum key key);
/* Builds the display list of the current state and draws it into s->fb. */
int session_draw(struct session *s);

#endif
