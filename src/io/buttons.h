/* SPDX-License-Identifier: MIT */
/* buttons: four physical buttons to kiosk keys. Debounces edges (in software where the GPIO
 * API has no kernel debounce), turns a held OK or Back into a long press, and repeats Up and
 * Down while held so long lists scroll. Pure: timestamped edges in, keys out; the event loop
 * asks when it next needs a tick. Every time here is in milliseconds of CLOCK_MONOTONIC, the
 * clock of the event loop's timers: GPIO edges are stamped when read, and evdev events carry
 * the kernel's stamp on that clock (input.c asks for it with EVIOCSCLOCKID). */
#ifndef INKREF_BUTTONS_H
#define INKREF_BUTTONS_H

#include <stdbool.h>
#include <stdint.h>

#include "keys.h"

enum button {
	BUTTON_UP,
	BUTTON_DOWN,
	BUTTON_OK,
	BUTTON_BACK,
	BUTTON_COUNT,
};

struct buttons_config {
	int debounce_ms;	/* edges closer than this to the last accepted one are bounce */
	int long_press_ms;	/* OK or Back held this long: long-ok or long-back */
	int repeat_delay_ms;	/* Up or Down held this long starts repeating */
	int repeat_interval_ms; /* then one more key every this long */
};

struct button_state {
	bool pressed;
	int64_t last_edge_ms; /* of the last accepted edge */
	int64_t pressed_ms;
	int64_t next_event_ms; /* long press or next repeat; -1 none */
	bool long_sent;
};

struct buttons {
	struct buttons_config config;
	struct button_state state[BUTTON_COUNT];
};

void buttons_init(struct buttons *b, const struct buttons_config *config);
/* A raw edge: the button is now pressed or released, at t_ms. Returns keys written. */
int buttons_edge(struct buttons *b, enum button button, bool pressed, int64_t t_ms, enum key *out,
		 int max);
/* Time has reached t_ms: long presses and repeats that are due. Returns keys written. */
int buttons_tick(struct buttons *b, int64_t t_ms, enum key *out, int max);
/* When buttons_tick is next needed, or -1 when no button is held. */
int64_t buttons_deadline(const struct buttons *b);

#endif
