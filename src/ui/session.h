/* SPDX-License-Identifier: MIT */
/* session: one kiosk on one panel: content, view, state and framebuffer wired together.
 * The daemon, the headless renderer, the benchmarks and the tests all go through it, and
 * through its functions: what it holds is its own business. A session struct can be copied
 * or moved: its parts live on the heap and point only at each other there. */
#ifndef INKREF_SESSION_H
#define INKREF_SESSION_H

#include "content.h"
#include "err.h"
#include "fb.h"
#include "keys.h"
#include "menu.h"
#include "panel.h"
#include "render.h"
#include "view.h"

struct session {
	struct session_parts *parts; /* NULL when closed */
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

/* Returns 0, or an enum session_failure with err filled. panel must outlive the session. */
int session_open(struct session *s, const struct panel_model *panel,
		 const struct session_options *options, struct inkref_error *err);
void session_close(struct session *s);
/* A session over content already in memory, drawn with the fonts and logo of an open view
 * (the fuzz targets walk many contents with one set of fonts). It borrows both, which must
 * outlive it, and starts at home in normal text. 0, or SESSION_FAILED_MEMORY. */
int session_open_shared(struct session *s, const struct view *view, const struct content *content,
			struct inkref_error *err);

/* Applies a key; returns what changed. */
enum menu_change session_press(struct session *s, enum key key);
/* Builds the display list of the current state and draws it into the frame. 0, or -1 when
 * memory runs out. */
int session_draw(struct session *s);
/* Only builds the display list (what render --text reads). 0, or -1 when memory runs out. */
int session_build(struct session *s);

const struct content *session_content(const struct session *s);
const struct panel_model *session_panel(const struct session *s);
/* The reader's state: where they are, at which text size. */
const struct menu_state *session_state(const struct session *s);
/* Puts the reader in state (one reached with the keys: menu_show, menu_show_page). */
void session_set_state(struct session *s, const struct menu_state *state);
/* The frame session_draw drew, as the reader sees it. */
const struct fb *session_frame(const struct session *s);
/* The display list session_draw drew the frame from. */
const struct display_list *session_display_list(const struct session *s);
/* The view: layouts, fonts and the display list builder of this panel and content. */
struct view *session_view(struct session *s);
/* Screens of a page at a text size. */
int session_screen_count(struct session *s, int page, bool large_text);
/* Screens of every page at a text size, in a new array the caller frees (NULL when memory
 * runs out): what the content linter judges. */
int *session_screen_counts(struct session *s, bool large_text);
/* Every page laid out now, in both text sizes (a kiosk takes its memory at start). */
void session_layout_all(struct session *s);
/* Today is past the content's review-by date. */
bool session_review_due(const struct session *s);

#endif
