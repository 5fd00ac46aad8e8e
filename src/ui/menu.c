/* SPDX-License-Identifier: MIT */
/* menu: lists clamp at their ends (the footer shows which keys still do something); on a
 * page Up and Down turn its screens, OK goes on to the topic's next page, Back goes back. */
#include "menu.h"

#include <string.h>

void menu_init(struct menu_state *state, const struct content *content, bool large_text)
{
	memset(state, 0, sizeof(*state));
	state->path[0] = content->root;
	state->depth = 1;
	state->page = -1;
	state->large_text = large_text;
	state->default_large_text = large_text;
}

int menu_current(const struct menu_state *state)
{
	return state->path[state->depth - 1];
}

int menu_selected_item(const struct menu_state *state, const struct content *content)
{
	const struct menu_item *menu = &content->items[menu_current(state)];
	return menu->children[state->selected[state->depth - 1]];
}

static enum menu_change go_home(struct menu_state *state)
{
	bool was_home = state->depth == 1 && state->page < 0 && state->selected[0] == 0;

	state->depth = 1;
	state->selected[0] = 0;
	state->page = -1;
	state->screen = 0;
	return was_home ? CHANGE_NONE : CHANGE_HOME;
}

int menu_next_page(const struct menu_state *state, const struct content *content)
{
	const struct menu_item *menu = &content->items[menu_current(state)];
	int k;

	/* A page straight off the home menu is a topic of its own: it has no next page. */
	if (state->page < 0 || state->depth == 1)
		return -1;
	for (k = state->selected[state->depth - 1] + 1; k < menu->child_count; k++)
		if (content->items[menu->children[k]].page >= 0)
			return k;
	return -1;
}

static enum menu_change press_on_page(struct menu_state *state, enum key key,
				      const struct content *content, int screens)
{
	switch (key) {
	case KEY_UP:
		if (state->screen == 0)
			return CHANGE_NONE;
		state->screen--;
		return CHANGE_SCREEN;
	case KEY_DOWN:
		if (state->screen + 1 >= screens)
			return CHANGE_NONE;
		state->screen++;
		return CHANGE_SCREEN;
	case KEY_OK: {
		/* OK goes on to the topic's next page, from any screen: Down reads on. */
		int next = menu_next_page(state, content);
		if (next < 0)
			return CHANGE_NONE;
		state->selected[state->depth - 1] = next;
		state->page =
		    content->items[content->items[menu_current(state)].children[next]].page;
		state->screen = 0;
		return CHANGE_SCREEN;
	}
	case KEY_BACK:
		state->page = -1;
		state->screen = 0;
		return state->depth == 1 ? CHANGE_HOME : CHANGE_SCREEN;
	default: return CHANGE_NONE;
	}
}

enum menu_change menu_press(struct menu_state *state, enum key key, const struct content *content,
			    struct page_screens screens)
{
	const struct menu_item *menu = &content->items[menu_current(state)];
	int *selected = &state->selected[state->depth - 1];

	if (key == KEY_IDLE) {
		bool size_changed = state->large_text != state->default_large_text;
		enum menu_change change;
		state->large_text = state->default_large_text;
		change = go_home(state);
		return change == CHANGE_NONE && size_changed ? CHANGE_HOME : change;
	}
	if (key == KEY_LONG_BACK)
		return go_home(state);
	if (key == KEY_LONG_OK) {
		if (state->page >= 0) {
			/* Keep the reader near the same place in the text at the new size. */
			int before = screens.count, after = screens.other_size;
			state->screen = before > 0 ? state->screen * after / before : 0;
			if (state->screen >= after)
				state->screen = after - 1;
		}
		state->large_text = !state->large_text;
		return CHANGE_SCREEN;
	}
	if (state->page >= 0)
		return press_on_page(state, key, content, screens.count);

	switch (key) {
	case KEY_UP:
		if (*selected == 0)
			return CHANGE_NONE;
		(*selected)--;
		return CHANGE_CURSOR;
	case KEY_DOWN:
		if (*selected + 1 >= menu->child_count)
			return CHANGE_NONE;
		(*selected)++;
		return CHANGE_CURSOR;
	case KEY_OK: {
		int chosen = menu->children[*selected];
		const struct menu_item *item = &content->items[chosen];
		if (item->page >= 0) {
			state->page = item->page;
			state->screen = 0;
			return CHANGE_SCREEN;
		}
		if (state->depth == MENU_MAX_DEPTH)
			return CHANGE_NONE; /* deeper menus than this are refused by the loader's
					       data */
		state->path[state->depth] = chosen;
		state->selected[state->depth] = 0;
		state->depth++;
		return CHANGE_SCREEN;
	}
	case KEY_BACK:
		if (state->depth == 1)
			return CHANGE_NONE;
		state->depth--;
		return state->depth == 1 ? CHANGE_HOME : CHANGE_SCREEN;
	default: return CHANGE_NONE;
	}
}

void menu_show(struct menu_state *state, const struct content *content, int menu, int selected)
{
	int chain[MENU_MAX_DEPTH], n = 0, i, k;

	for (int at = menu; at >= 0 && n < MENU_MAX_DEPTH; at = content->items[at].parent)
		chain[n++] = at;
	state->depth = n;
	for (i = 0; i < n; i++) {
		state->path[i] = chain[n - 1 - i];
		state->selected[i] = 0;
		if (i > 0) {
			const struct menu_item *parent = &content->items[state->path[i - 1]];
			for (k = 0; k < parent->child_count; k++)
				if (parent->children[k] == state->path[i])
					state->selected[i - 1] = k;
		}
	}
	state->selected[n - 1] = selected;
	state->page = -1;
	state->screen = 0;
}

void menu_show_page(struct menu_state *state, const struct content *content, int menu, int selected,
		    int screen)
{
	menu_show(state, content, menu, selected);
	state->page = content->items[content->items[menu].children[selected]].page;
	state->screen = screen;
}

void menu_set_large_text(struct menu_state *state, bool large_text)
{
	state->large_text = large_text;
}
