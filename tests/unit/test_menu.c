/* SPDX-License-Identifier: MIT */
/* test_menu: the state machine, key by key, against the fixture content and made-up page
 * lengths. */
#include "../test.h"
#include "content.h"
#include "content_build.h"
#include "menu.h"

static struct content content;

/* Every page has 3 screens in normal text and 5 in large text. */
static struct page_screens fake_screens(const struct menu_state *s)
{
	return (struct page_screens){s->large_text ? 5 : 3, s->large_text ? 3 : 5};
}

static int load_fixture(void)
{
	char path[256];
	struct inkref_error err;

	if (content.items)
		return 0;
	snprintf(path, sizeof(path), "%s/menu.db", test_tmpdir());
	err_clear(&err);
	if (content_build(TEST_FIXTURES "/content", path, &err) < 0 ||
	    content_load(path, &content, &err) < 0) {
		err_print(&err);
		return -1;
	}
	return 0;
}

static enum menu_change press(struct menu_state *s, enum key k)
{
	return menu_press(s, k, &content, fake_screens(s));
}

static void list_moves_and_clamps(void)
{
	struct menu_state s;

	CHECK_INT(load_fixture(), 0);
	menu_init(&s, &content, false);
	CHECK_INT(s.depth, 1);
	CHECK_INT(menu_current(&s), content.root);
	CHECK_INT(press(&s, KEY_UP), CHANGE_NONE);
	CHECK_INT(press(&s, KEY_DOWN), CHANGE_CURSOR);
	CHECK_INT(s.selected[0], 1);
	CHECK_INT(press(&s, KEY_DOWN), CHANGE_NONE); /* two topics: clamps at the last */
	CHECK_INT(s.selected[0], 1);
	CHECK_INT(press(&s, KEY_UP), CHANGE_CURSOR);
	CHECK_INT(s.selected[0], 0);
	CHECK_INT(press(&s, KEY_BACK), CHANGE_NONE); /* nothing above home */
}

static void ok_opens_page_and_pages_turn(void)
{
	struct menu_state s;

	CHECK_INT(load_fixture(), 0);
	menu_init(&s, &content, false);
	CHECK_INT(press(&s, KEY_OK), CHANGE_SCREEN);
	CHECK_INT(s.page, content.items[content.items[content.root].children[0]].page);
	CHECK_INT(s.screen, 0);
	CHECK_INT(press(&s, KEY_UP), CHANGE_NONE);
	CHECK_INT(press(&s, KEY_DOWN), CHANGE_SCREEN);
	CHECK_INT(press(&s, KEY_DOWN), CHANGE_SCREEN);
	CHECK_INT(s.screen, 2);
	CHECK_INT(press(&s, KEY_DOWN), CHANGE_NONE); /* last screen */
	CHECK_INT(press(&s, KEY_UP), CHANGE_SCREEN);
	CHECK_INT(s.screen, 1);
	press(&s, KEY_DOWN);
	/* A topic of one page has no next page: OK means nothing here (and shows no caption),
	 * on the last screen as on the others; it never does what Back does. */
	CHECK_INT(menu_next_page(&s, &content), -1);
	CHECK_INT(press(&s, KEY_OK), CHANGE_NONE);
	CHECK_INT(s.screen, 2);
	CHECK(s.page >= 0);
	CHECK_INT(press(&s, KEY_BACK), CHANGE_HOME);
	CHECK_INT(s.page, -1);
	CHECK_INT(s.selected[0], 0); /* back where the reader was */
}

/* Each key one meaning on a page: Down reads on, OK goes to the topic's next page (from
 * any screen, at its first screen), Back goes back to the topic's menu. */
static void ok_goes_to_the_topics_next_page(void)
{
	struct menu_state s;
	int second, third;

	CHECK_INT(load_fixture(), 0);
	menu_init(&s, &content, false);
	press(&s, KEY_DOWN);
	press(&s, KEY_OK); /* the "Three pages" menu */
	CHECK_INT(press(&s, KEY_OK), CHANGE_SCREEN);
	CHECK_INT(menu_next_page(&s, &content), 1);
	second = content.items[content.items[menu_current(&s)].children[1]].page;
	third = content.items[content.items[menu_current(&s)].children[2]].page;
	CHECK_INT(press(&s, KEY_DOWN), CHANGE_SCREEN);
	CHECK_INT(s.screen, 1);
	CHECK_INT(press(&s, KEY_OK), CHANGE_SCREEN);
	CHECK_INT(s.page, second);
	CHECK_INT(s.screen, 0);
	CHECK_INT(s.selected[1], 1);
	press(&s, KEY_DOWN);
	press(&s, KEY_DOWN); /* the last screen of the second page */
	CHECK_INT(press(&s, KEY_OK), CHANGE_SCREEN);
	CHECK_INT(s.page, third);
	CHECK_INT(s.screen, 0);
	CHECK_INT(menu_next_page(&s, &content), -1); /* the topic's last page */
	CHECK_INT(press(&s, KEY_OK), CHANGE_NONE);
	CHECK_INT(s.page, third);
	CHECK_INT(press(&s, KEY_BACK), CHANGE_SCREEN);
	CHECK_INT(s.page, -1);
	CHECK_INT(s.depth, 2);
	CHECK_INT(s.selected[1], 2);		     /* the menu shows the page read last */
	CHECK_INT(menu_next_page(&s, &content), -1); /* off pages: none */
}

static void submenu_and_back_climb(void)
{
	struct menu_state s;

	CHECK_INT(load_fixture(), 0);
	menu_init(&s, &content, false);
	press(&s, KEY_DOWN);
	CHECK_INT(press(&s, KEY_OK), CHANGE_SCREEN);
	CHECK_INT(s.depth, 2);
	CHECK_STR(content.items[menu_current(&s)].title, "Three pages");
	press(&s, KEY_DOWN);
	press(&s, KEY_DOWN);
	CHECK_STR(content.items[menu_selected_item(&s, &content)].title, "Third");
	CHECK_INT(press(&s, KEY_OK), CHANGE_SCREEN);
	CHECK(s.page >= 0);
	CHECK_INT(press(&s, KEY_BACK), CHANGE_SCREEN);
	CHECK_INT(s.page, -1);
	CHECK_INT(s.depth, 2);
	CHECK_INT(s.selected[1], 2); /* the cursor stays on the page just read */
	CHECK_INT(press(&s, KEY_BACK), CHANGE_HOME);
	CHECK_INT(s.depth, 1);
	CHECK_INT(s.selected[0], 1);
}

static void long_back_and_idle_go_home(void)
{
	struct menu_state s;

	CHECK_INT(load_fixture(), 0);
	menu_init(&s, &content, false);
	press(&s, KEY_DOWN);
	press(&s, KEY_OK);
	press(&s, KEY_OK);
	CHECK(s.page >= 0);
	CHECK_INT(press(&s, KEY_LONG_BACK), CHANGE_HOME);
	CHECK_INT(s.depth, 1);
	CHECK_INT(s.page, -1);
	CHECK_INT(s.selected[0], 0);
	CHECK_INT(press(&s, KEY_LONG_BACK), CHANGE_NONE);
	CHECK_INT(press(&s, KEY_IDLE), CHANGE_NONE); /* already home, nothing to redraw */

	press(&s, KEY_OK);
	press(&s, KEY_LONG_OK);
	CHECK(s.large_text);
	CHECK_INT(press(&s, KEY_IDLE), CHANGE_HOME);
	CHECK(!s.large_text); /* the next person gets the default size */
	CHECK_INT(s.page, -1);
}

static void large_text_keeps_the_place(void)
{
	struct menu_state s;

	CHECK_INT(load_fixture(), 0);
	menu_init(&s, &content, false);
	press(&s, KEY_OK);
	press(&s, KEY_DOWN);
	press(&s, KEY_DOWN);
	CHECK_INT(s.screen, 2);
	CHECK_INT(press(&s, KEY_LONG_OK), CHANGE_SCREEN);
	CHECK(s.large_text);
	CHECK_INT(s.screen, 3); /* 2 of 3 maps to 3 of 5 */
	press(&s, KEY_LONG_OK);
	CHECK(!s.large_text);
	CHECK_INT(s.screen, 1);
	menu_init(&s, &content, true);
	CHECK(s.large_text);
	CHECK(s.default_large_text);
}

static void key_names_round_trip(void)
{
	const char *names[] = {"up", "down", "ok", "back", "long-ok", "long-back", "idle"};
	size_t i;

	for (i = 0; i < sizeof(names) / sizeof(names[0]); i++)
		CHECK_STR(key_name(key_from_name(names[i])), names[i]);
	CHECK_INT(key_from_name("select"), KEY_NONE);
	CHECK_INT(key_from_name(""), KEY_NONE);
}

/* The states render --all sets directly are the ones the keys reach. */
static void shown_states_are_the_ones_keys_reach(void)
{
	struct menu_state keyed, shown;
	int sub;

	CHECK_INT(load_fixture(), 0);
	menu_init(&keyed, &content, false);
	menu_init(&shown, &content, false);
	press(&keyed, KEY_DOWN);
	press(&keyed, KEY_OK); /* into "Three pages" */
	press(&keyed, KEY_DOWN);
	press(&keyed, KEY_DOWN);
	sub = menu_current(&keyed);
	menu_show(&shown, &content, sub, 2);
	CHECK_INT(shown.depth, keyed.depth);
	CHECK_INT(shown.path[0], keyed.path[0]);
	CHECK_INT(shown.path[1], keyed.path[1]);
	CHECK_INT(shown.selected[0], keyed.selected[0]);
	CHECK_INT(shown.selected[1], keyed.selected[1]);
	CHECK_INT(shown.page, -1);
	press(&keyed, KEY_OK); /* opens "Third" */
	press(&keyed, KEY_DOWN);
	menu_show_page(&shown, &content, sub, 2, 1);
	CHECK_INT(shown.page, keyed.page);
	CHECK_INT(shown.screen, keyed.screen);
	CHECK_INT(shown.selected[1], keyed.selected[1]);
	/* And the keys go on from a shown state as from a keyed one. */
	CHECK_INT(press(&shown, KEY_BACK), CHANGE_SCREEN);
	CHECK_INT(shown.depth, 2);
	CHECK_INT(shown.selected[1], 2);
}

static void key_lists_read_in_place(void)
{
	struct key_list list;
	enum key key;

	key_list_begin(&list, "up,,long-ok,");
	CHECK_INT(key_list_next(&list, &key), 1);
	CHECK_INT(key, KEY_UP);
	CHECK_INT(key_list_next(&list, &key), 1);
	CHECK_INT(key, KEY_LONG_OK);
	CHECK_INT(key_list_next(&list, &key), 0);
	key_list_begin(&list, "ok,sideways-and-then-some,down");
	CHECK_INT(key_list_next(&list, &key), 1);
	CHECK_INT(key_list_next(&list, &key), -1);
	CHECK_INT(list.name_len, 22);
	CHECK(strncmp(list.name, "sideways-and-then-some", 22) == 0);
	key_list_begin(&list, "");
	CHECK_INT(key_list_next(&list, &key), 0);
	key_list_begin(&list, "none");
	CHECK_INT(key_list_next(&list, &key), -1);
}

const struct test_case menu_tests[] = {
    TEST_CASE(menu, shown_states_are_the_ones_keys_reach),
    TEST_CASE(menu, key_lists_read_in_place),
    TEST_CASE(menu, list_moves_and_clamps),
    TEST_CASE(menu, ok_opens_page_and_pages_turn),
    TEST_CASE(menu, ok_goes_to_the_topics_next_page),
    TEST_CASE(menu, submenu_and_back_climb),
    TEST_CASE(menu, long_back_and_idle_go_home),
    TEST_CASE(menu, large_text_keeps_the_place),
    TEST_CASE(menu, key_names_round_trip),
    {NULL, NULL, NULL},
};
