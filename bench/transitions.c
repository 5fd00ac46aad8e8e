/* SPDX-License-Identifier: MIT */
/* transitions: every screen transition a person can reach on a panel (each state the keys lead
 * to from power-up, and each key from it), for callgrind to count one whole key press each:
 * menu, view, render, diff, plan and driver, the emulated controller excluded by the caller
 * (callgrind's --toggle-collect on emu_*). Under callgrind (--collect-atstart=no
 * --toggle-collect=bench_measured_press --toggle-collect='emu_*') each press is zeroed before
 * and dumped after on its own; natively the requests do nothing. Prints
 * the transitions it measured. usage: transitions MODEL [LIMIT [ONLY]]: at most LIMIT
 * transitions (0: all), and with ONLY, only the ONLYth of them under callgrind. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <valgrind/callgrind.h>

#include "display.h"
#include "panel.h"
#include "session.h"

#define MAX_STATES 20000

static const enum key keys[] = {KEY_UP,	     KEY_DOWN,	    KEY_OK,  KEY_BACK,
				KEY_LONG_OK, KEY_LONG_BACK, KEY_IDLE};

/* One whole key press, what callgrind counts: the emulator's own functions inside are
 * switched off by the caller's second --toggle-collect. */
__attribute__((noinline)) int bench_measured_press(struct session *s, struct display *d,
						   enum key key);
__attribute__((noinline)) int bench_measured_press(struct session *s, struct display *d,
						   enum key key)
{
	struct display_step st;
	enum menu_change change = session_press(s, key);

	if (change == CHANGE_NONE)
		return 0;
	if (session_draw(s) < 0)
		return -1;
	return display_show(d, session_frame(s), change == CHANGE_HOME, &st);
}

/* A state with its unused levels cleared, so that equal screens compare equal. */
static struct menu_state canonical(const struct menu_state *st)
{
	struct menu_state c;
	int i;

	memset(&c, 0, sizeof(c));
	c.depth = st->depth;
	for (i = 0; i < st->depth && i < MENU_MAX_DEPTH; i++) {
		c.path[i] = st->path[i];
		c.selected[i] = st->selected[i];
	}
	c.page = st->page;
	c.screen = st->screen;
	c.large_text = st->large_text;
	c.default_large_text = st->default_large_text;
	return c;
}

static int find(const struct menu_state *states, int count, const struct menu_state *st)
{
	int i;

	for (i = 0; i < count; i++)
		if (memcmp(&states[i], st, sizeof(*st)) == 0)
			return i;
	return -1;
}

int main(int argc, char **argv)
{
	static struct panel_spec spec;
	struct menu_state *states;
	struct session_options so;
	struct display_options dopt = {10000000, 20, 6, NULL, false, false};
	struct inkref_error err;
	struct session s;
	struct display d;
	int count = 1, i, measured = 0, limit = argc >= 3 ? atoi(argv[2]) : 0;
	int only = argc == 4 ? atoi(argv[3]) : 0;
	size_t k;

	if (argc < 2 || argc > 4 || panel_spec_parse(argv[1], &spec) < 0 ||
	    spec.output == PANEL_PNG) {
		fprintf(stderr, "usage: transitions MODEL [LIMIT]\n");
		return 64;
	}
	memset(&so, 0, sizeof(so));
	so.glyph_mode = GLYPH_MONO;
	err_clear(&err);
	states = calloc(MAX_STATES, sizeof(*states));
	if (!states || session_open(&s, &spec.model, &so, &err) < 0 ||
	    display_open_emulated(&d, &spec.model, &dopt, &err) < 0) {
		err_print(&err);
		return 70;
	}
	/* As the daemon does at start: every page laid out once, so no key press pays for it. */
	session_layout_all(&s);
	states[0] = canonical(session_state(&s));
	/* Breadth first: every state is set, drawn and shown (not counted), then each key
	 * pressed from it once (counted); the states it leads to join the queue. */
	for (i = 0; i < count && (!limit || measured < limit); i++) {
		for (k = 0; k < sizeof(keys) / sizeof(keys[0]); k++) {
			struct menu_state next;
			struct display_step st;
			int rc;
			session_set_state(&s, &states[i]);
			if (session_draw(&s) < 0 ||
			    display_show(&d, session_frame(&s), false, &st) < 0) {
				fprintf(stderr, "transitions: a press failed: %s\n", d.epd.fault);
				return 70;
			}
			if (only && measured + 1 != only) {
				rc = bench_measured_press(&s, &d, keys[k]);
			} else {
				CALLGRIND_ZERO_STATS;
				rc = bench_measured_press(&s, &d, keys[k]);
				CALLGRIND_DUMP_STATS;
			}
			if (rc < 0) {
				fprintf(stderr, "transitions: a press failed: %s\n", d.epd.fault);
				return 70;
			}
			measured++;
			next = canonical(session_state(&s));
			if (find(states, count, &next) < 0 && count < MAX_STATES)
				states[count++] = next;
		}
	}
	if (only)
		printf("panel=%s transition=%d of %d\n", spec.model.name, only, measured);
	else
		printf("panel=%s states=%d transitions=%d\n", spec.model.name, count, measured);
	display_close(&d);
	session_close(&s);
	free(states);
	return 0;
}
