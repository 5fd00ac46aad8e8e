/* SPDX-License-Identifier: MIT */
/* test_place: the reader's place found again in content rebuilt from edited files: a page
 * added before theirs (every id after it moves), their page removed, their menu renamed. */
#include <stdlib.h>

#include "../test.h"
#include "content.h"
#include "content_build.h"
#include "place.h"

/* Builds a content folder whose one topic has the pages named in titles (comma separated),
 * and loads it. */
static int build(const char *name, const char *topic, const char *titles, struct content *c)
{
	char dir[256], path[1024], list[256], *save = NULL, *title;
	struct inkref_error err;
	FILE *f;

	snprintf(dir, sizeof(dir), "%s/place-%s", test_tmpdir(), name);
	snprintf(path, sizeof(path), "mkdir -p %s && cp %s/meta.txt %s/sources.txt %s/", dir,
		 TEST_FIXTURES "/content", TEST_FIXTURES "/content", dir);
	if (system(path) != 0)
		return -1;
	snprintf(path, sizeof(path), "%s/01-topic.txt", dir);
	f = fopen(path, "w");
	if (!f)
		return -1;
	fprintf(f, "@topic %s\n", topic);
	snprintf(list, sizeof(list), "%s", titles);
	for (title = strtok_r(list, ",", &save); title; title = strtok_r(NULL, ",", &save))
		fprintf(f, "@page %s\n@sources alpha, beta\n\nText of %s.\n\n", title, title);
	fclose(f);
	snprintf(path, sizeof(path), "%s/02-other.txt", dir);
	f = fopen(path, "w");
	if (!f)
		return -1;
	fprintf(f, "@topic Other\n@page Alone\n@sources alpha\n\nText.\n");
	fclose(f);
	snprintf(path, sizeof(path), "%s.db", dir);
	err_clear(&err);
	if (content_build(dir, path, &err) < 0 || content_load(path, c, &err) < 0) {
		err_print(&err);
		return -1;
	}
	return 0;
}

/* The state of a reader on page `title` of the first topic, at screen. */
static void open_page(struct menu_state *s, const struct content *c, const char *title, int screen)
{
	int topic = c->items[c->root].children[0], k;
	const struct menu_item *menu = &c->items[topic];

	for (k = 0; k < menu->child_count; k++)
		if (strcmp(c->items[menu->children[k]].title, title) == 0)
			menu_show_page(s, c, topic, k, screen);
}

static const char *page_title(const struct menu_state *s, const struct content *c)
{
	return s->page >= 0 ? c->pages[s->page].title : "(no page)";
}

static void a_page_added_before_keeps_the_place(void)
{
	struct content before = {0}, after = {0};
	struct menu_state s;
	struct reader_place place;

	CHECK_INT(build("before", "Topic", "First,Second,Third", &before), 0);
	CHECK_INT(build("added", "Topic", "First,New one,Second,Third", &after), 0);
	menu_init(&s, &before, false);
	open_page(&s, &before, "Second", 1);
	CHECK_STR(page_title(&s, &before), "Second");
	place_remember(&s, &before, &place);
	CHECK(place_restore(&place, &s, &after));
	CHECK_STR(page_title(&s, &after), "Second");
	CHECK_INT(s.screen, 1);
	CHECK_INT(s.selected[s.depth - 1], 2); /* it moved down one entry */
	content_free(&before);
	content_free(&after);
}

static void a_removed_page_leaves_its_menu(void)
{
	struct content before = {0}, after = {0};
	struct menu_state s;
	struct reader_place place;

	CHECK_INT(build("before2", "Topic", "First,Second,Third", &before), 0);
	CHECK_INT(build("removed", "Topic", "First,Third", &after), 0);
	menu_init(&s, &before, true);
	open_page(&s, &before, "Second", 0);
	place_remember(&s, &before, &place);
	CHECK(!place_restore(&place, &s, &after));
	CHECK_INT(s.page, -1);
	CHECK_INT(s.depth, 2); /* the topic's menu, which still exists */
	CHECK_STR(after.items[menu_current(&s)].title, "Topic");
	CHECK(s.large_text); /* the reader's text size stays */
	content_free(&before);
	content_free(&after);
}

static void a_renamed_menu_goes_home(void)
{
	struct content before = {0}, after = {0};
	struct menu_state s;
	struct reader_place place;

	CHECK_INT(build("before3", "Topic", "First,Second", &before), 0);
	CHECK_INT(build("renamed", "Renamed topic", "First,Second", &after), 0);
	menu_init(&s, &before, false);
	open_page(&s, &before, "First", 0);
	place_remember(&s, &before, &place);
	CHECK(!place_restore(&place, &s, &after));
	CHECK_INT(s.depth, 1);
	CHECK_INT(s.page, -1);
	content_free(&before);
	content_free(&after);
}

const struct test_case place_tests[] = {
    TEST_CASE(place, a_page_added_before_keeps_the_place),
    TEST_CASE(place, a_removed_page_leaves_its_menu),
    TEST_CASE(place, a_renamed_menu_goes_home),
    {NULL, NULL, NULL},
};
