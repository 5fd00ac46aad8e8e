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
#include "render.h"

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
	signed char *entry_lines; /* [item * 2 + large_text]: lines of its menu entry; 0 unknown */
	bool hint_in_header[2];	  /* the home screen's large-text hint fits in the header */
	enum key footer_keys[4];  /* which key sits under each quarter of the footer */
	bool review_due;
	bool shared; /* made by view_share: owns its layouts only */
};

struct view_paths {
	const char *regular_font;
	const char *bold_font;
	const char *logo; /* NULL: no logo */
	enum glyph_mode glyph_mode;
	bool review_due; /* past the content's review-by date: the footer says so */
};

/* The footer is cut into four equal slots, one caption above each button: the key under
 * each slot, left to right, and the slot's x and width on a panel (y and h are 0). The
 * wiring guide places the buttons from these. */
extern const enum key view_footer_order[4];
struct rect view_caption_slot(int panel_width, int slot);

int view_open(struct view *view, const struct panel_model *panel, const struct content *content,
	      const struct view_paths *paths, struct inkref_error *err);
void view_close(struct view *view);
/* A view of other content with the fonts, logo and regions of an open one (which must outlive
 * it), and a layout cache of its own. 0, or -1 when memory runs out. */
int view_share(struct view *copy, const struct view *original, const struct content *content);

/* Screens of a page at a text size (laid out when first asked; 1 when memory runs out). */
int view_screen_count(struct view *view, int page, bool large_text);

/* The screen of a menu that shows its selected entry: entries take as many lines as they
 * need, so a screen holds as many as fit. */
struct view_menu_screen {
	int first, end;	   /* the entries on it, [first, end) */
	int number, count; /* this screen (from 0), of count */
};
struct view_menu_screen view_menu_screen(struct view *view, const struct menu_state *state);
/* Warnings of a page that break across screens at a text size (see page_layout). */
int view_split_warnings(struct view *view, int page, bool large_text);

/* Builds the display list of the screen for state. Returns 0, -1 when memory runs out. */
int view_build(struct view *view, const struct menu_state *state, struct display_list *out);

/* The layout of a page at a text size (cached). NULL when memory runs out. */
const struct page_layout *view_page_layout(struct view *view, int page, bool large_text);

#endif
