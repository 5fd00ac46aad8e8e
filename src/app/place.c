/* SPDX-License-Identifier: MIT */
/* place: titles, not indexes: an edit that adds a page before this one renumbers the rest. */
#include "place.h"

#include <stdio.h>
#include <string.h>

void place_remember(const struct menu_state *st, const struct content *c,
		    struct reader_place *place)
{
	int i;

	memset(place, 0, sizeof(*place));
	for (i = 1; i < st->depth; i++)
		snprintf(place->titles[place->depth++], PLACE_TITLE_MAX, "%s",
			 c->items[st->path[i]].title);
	if (c->items[menu_current(st)].child_count > 0 && place->depth < MENU_MAX_DEPTH)
		snprintf(place->titles[place->depth++], PLACE_TITLE_MAX, "%s",
			 c->items[menu_selected_item(st, c)].title);
	place->page_open = st->page >= 0;
	place->screen = st->screen;
	place->large_text = st->large_text;
}

/* The child of menu item `menu` titled title, as its position, or -1. */
static int child_titled(const struct content *c, int menu, const char *title)
{
	const struct menu_item *m = &c->items[menu];
	int k;

	for (k = 0; k < m->child_count; k++)
		if (strncmp(c->items[m->children[k]].title, title, PLACE_TITLE_MAX - 1) == 0)
			return k;
	return -1;
}

bool place_restore(const struct reader_place *place, struct menu_state *st, const struct content *c)
{
	int level, k;

	menu_init(st, c, st->default_large_text);
	st->large_text = place->large_text;
	for (level = 0; level < place->depth; level++) {
		int menu = menu_current(st);
		const struct menu_item *child;
		k = child_titled(c, menu, place->titles[level]);
		if (k < 0)
			return false;
		st->selected[st->depth - 1] = k;
		child = &c->items[c->items[menu].children[k]];
		if (level == place->depth - 1)
			break;
		if (child->page >= 0 || st->depth == MENU_MAX_DEPTH)
			return false; /* a page where a menu was: the place is gone */
		st->path[st->depth] = c->items[menu].children[k];
		st->selected[st->depth] = 0;
		st->depth++;
	}
	if (!place->page_open)
		return true;
	k = menu_selected_item(st, c);
	if (c->items[k].page < 0)
		return false;
	st->page = c->items[k].page;
	st->screen = place->screen;
	return true;
}
