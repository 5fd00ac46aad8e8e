/* SPDX-License-Identifier: MIT */
/* place: where the reader is, held by the titles of the menu entries on the way there, so
 * that the same place can be found again in content rebuilt from edited files (where ids and
 * positions may have moved). */
#ifndef INKREF_PLACE_H
#define INKREF_PLACE_H

#include <stdbool.h>

#include "content.h"
#include "menu.h"

#define PLACE_TITLE_MAX 128

struct reader_place {
	int depth; /* titles[0..depth-1]: the entries from home down to the one selected */
	char titles[MENU_MAX_DEPTH][PLACE_TITLE_MAX];
	bool page_open;
	int screen; /* of the open page */
	bool large_text;
};

void place_remember(const struct menu_state *state, const struct content *content,
		    struct reader_place *place);

/* Puts state at place in content: the same page at the same screen when it still exists
 * (the caller keeps the screen within the page's count, which the layout knows) and returns
 * true; otherwise the deepest menu on the way that still exists, and false. */
bool place_restore(const struct reader_place *place, struct menu_state *state,
		   const struct content *content);

#endif
