/* SPDX-License-Identifier: MIT */
/* view: what a state looks like. Builds the display list of one screen (header with the
 * breadcrumb and the screen counter, the body, the footer with the soft-key captions) for a
 * panel, from the menu state and the content. Draws nothing itself. */
#ifndef INKREF_VIEW_H
#define INKREF_VIEW_H

#include <stdbool.h>

#include "content.h"
#include "fb.h"
#include "font.h"
#include "layout.h"
#include "menu.h"
#include "panel.h"

enum op_kind {
	OP_TEXT,
	OP_FILL,
	OP_BITMAP,
};

enum region {
	REGION_HEADER,
	REGION_BODY,
	REGION_FOOTER,
};

struct draw_op {
	uint8_t kind;	 /* enum op_kind */
	uint8_t font;	 /* enum font_role */
	uint8_t region;	 /* enum region */
	bool ink;	 /* black on white, or white on black (a selected row) */
	struct rect box; /* OP_TEXT: the box the text must stay in; else what is covered */
	int x, y;	 /* OP_TEXT: pen at the baseline */
	const char *text;
	int len;
	const struct bitmap *bitmap;
};

#define DISPLAY_MAX_OPS 1024

struct display_list {
	bool large_text;
	int count;
	struct draw_op ops[DISPLAY_MAX_OPS];
	size_t strings_len;
	char strings[4096]; /* text made for this screen: breadcrumb, captions, counters */
};

struct view {
	const struct panel_model *panel;
	const struct content *content;
	struct font_file *regular_file, *bold_file;
	struct font *fonts[2][FONT_ROLE_COUNT]; /* [large_text][role] */
	struct layout_style style[2];
	struct bitmap logo[2];
	int header_height[2], footer_height[2];
	struct rect regions[2][3]; /* [large_text][enum region] */
	int row_height[2];
	struct page_layout **layouts; /* [page * 2 + large_text], made when first needed */
	enum key footer_keys[4];      /* which key sits under each quarter of the footer */
	bool review_due;
};

struct view_paths {
	const char *regular_font;
	const char *bold_font;
	const char *logo; /* NULL: no logo */
	enum glyph_mode glyph_mode;
	bool review_due; /* past the content's review-by date: the footer says so */
};

int view_open(struct view *view, const struct panel_model *panel, const struct content *content,
	      const struct view_paths *paths, struct inkref_error *err);
void view_close(struct view *view);

/* Screens of a page at a text size; matches struct menu_pager. */
int view_screen_count(void *view, int page, bool large_text);

/* Builds the display list of the screen for state. Returns 0, -1 when memory runs out. */
int view_build(struct view *view, const struct menu_state *state, struct display_list *out);

/* The layout of a page at a text size (cached). NULL when memory runs out. */
const struct page_layout *view_page_layout(struct view *view, int page, bool large_text);

#endif
