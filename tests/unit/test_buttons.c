/* SPDX-License-Identifier: MIT */
/* test_buttons: debounce, long press and auto-repeat on recorded timelines of edges. */
#include "../test.h"
#include "buttons.h"

static const struct buttons_config config = {20, 800, 500, 150};

/* Plays a timeline: "P3@100" presses button 3 at 100 ms, "R3@180" releases it, "T@900"
 * ticks the clock. Returns the keys, as names joined by commas. */
static void play(const char *const *events, int count, char *out, size_t size)
{
	struct buttons b;
	size_t len = 0;
	int i, k;

	buttons_init(&b, &config);
	out[0] = '\0';
	for (i = 0; i < count; i++) {
		enum key keys[16];
		int n, button = 0;
		long t = 0;
		char kind = events[i][0];
		if (kind == 'T')
			sscanf(events[i], "T@%ld", &t);
		else
			sscanf(events[i] + 1, "%d@%ld", &button, &t);
		if (kind == 'T')
			n = buttons_tick(&b, t, keys, 16);
		else
			n = buttons_edge(&b, (enum button)button, kind == 'P', t, keys, 16);
		for (k = 0; k < n; k++)
			len += (size_t)snprintf(out + len, size - len, "%s%s", len ? "," : "",
						key_name(keys[k]));
	}
}

static void short_presses_and_bounce(void)
{
	/* An OK press with contact bounce on both edges: one ok, on release. */
	const char *ok[] = {"P2@1000", "R2@1003", "P2@1006", "T@1100",
			    "R2@1150", "P2@1155", "R2@1158"};
	/* Up acts on press. */
	const char *up[] = {"P0@0", "R0@90", "P0@300", "R0@400"};
	char keys[256];

	play(ok, 7, keys, sizeof(keys));
	CHECK_STR(keys, "ok");
	play(up, 4, keys, sizeof(keys));
	CHECK_STR(keys, "up,up");
}

static void long_press_fires_once_and_never_the_short_one(void)
{
	const char *back[] = {"P3@0", "T@500", "T@799", "T@800", "T@2000", "R3@2500"};
	const char *ok[] = {"P2@0", "T@790", "R2@795"}; /* released just before: a short press */
	char keys[256];

	play(back, 6, keys, sizeof(keys));
	CHECK_STR(keys, "long-back");
	play(ok, 3, keys, sizeof(keys));
	CHECK_STR(keys, "ok");
}

static void held_down_repeats(void)
{
	/* Held for 1 s: the press, then repeats at 500, 650, 800, 950. */
	const char *down[] = {"P1@0", "T@499", "T@500", "T@700", "T@1000", "R1@1000", "T@2000"};
	char keys[256];

	play(down, 7, keys, sizeof(keys));
	CHECK_STR(keys, "down,down,down,down,down");
}

static void deadline_only_while_held(void)
{
	struct buttons b;
	enum key keys[4];

	buttons_init(&b, &config);
	CHECK_INT(buttons_deadline(&b), -1); /* idle: the loop sleeps with no timer at all */
	buttons_edge(&b, BUTTON_OK, true, 100, keys, 4);
	CHECK_INT(buttons_deadline(&b), 900);
	buttons_edge(&b, BUTTON_UP, true, 200, keys, 4);
	CHECK_INT(buttons_deadline(&b), 700);
	buttons_edge(&b, BUTTON_UP, false, 300, keys, 4);
	buttons_edge(&b, BUTTON_OK, false, 400, keys, 4);
	CHECK_INT(buttons_deadline(&b), -1);
}

const struct test_case buttons_tests[] = {
    TEST_CASE(buttons, short_presses_and_bounce),
    TEST_CASE(buttons, long_press_fires_once_and_never_the_short_one),
    TEST_CASE(buttons, held_down_repeats),
    TEST_CASE(buttons, deadline_only_while_held),
    {NULL, NULL, NULL},
};
