/* SPDX-License-Identifier: MIT */
/* menu: the kiosk's state machine. Pure: a state and a key give the next state; it never
 * draws and never touches a file, so tests drive it directly. */
#ifndef INKREF_MENU_H
#define INKREF_MENU_H

#include <stdbool.h>

#include "content.h"
#include "keys.h"

/* What a key did, for the refresh policy: a cursor move redraws a little,
 * a new screen redraws everything. */
enum menu_change {
	CHANGE_NONE,   /* the key did nothing here */
	CHANGE_CURSOR, /* same list, another entry selected */
	CHANGE_SCREEN, /* another screen (opened, went back, turned a page) */
	CHANGE_HOME,   /* back at the home screen */
};

#define MENU_MAX_DEPTH MENU_DEPTH_LIMIT

struct menu_state {
	int path[MENU_MAX_DEPTH];     /* menu item indexes from home down to the open menu */
	int selected[MENU_MAX_DEPTH]; /* selected child at each level */
	int depth;		      /* path[depth - 1] is the menu on screen (1 = home) */
	int page;		      /* content.pages index when a page is open, else -1 */
	int screen;		      /* which screen of the open page */
	bool large_text;
	bool default_large_text;
};

/* How many screens the open page takes: the layout knows, the caller tells. Read only while a
 * page is open; other_size only for KEY_LONG_OK, which changes the text size. */
struct page_screens {
	int count;	/* at the state's text size */
	int other_size; /* at the other text size */
};

void menu_init(struct menu_state *state, const struct content *content, bool large_text);
enum menu_change menu_press(struct menu_state *state, enum key key, const struct content *content,
			    struct page_screens screens);

/* States a reader reaches with the keys, set directly (render --all draws every one): menu
 * open with its child `selected` highlighted, or the page of that child at screen. Both keep
 * the text size. */
void menu_show(struct menu_state *state, const struct content *content, int menu, int selected);
void menu_show_page(struct menu_state *state, const struct content *content, int menu, int selected,
		    int screen);
void menu_set_large_text(struct menu_state *state, bool large_text);

/* The menu on screen (or the menu the open page belongs to). */
int menu_current(const struct menu_state *state);
/* The menu item selected in the current menu. */
int menu_selected_item(const struct menu_state *state, const struct content *content);
/* On a page of a topic's menu, the entry (in that menu) of the topic's next page, which OK
 * opens; -1 on the last page, on a page straight off the home menu, and off pages. */
int menu_next_page(const struct menu_state *state, const struct content *content);

#endif
