/* SPDX-License-Identifier: MIT */
/* buttons: Up and Down act on press (and repeat); OK and Back act on release, or as a long
 * press once held long enough, so a long press never also fires the short one. */
#include "buttons.h"

#include <string.h>

void buttons_init(struct buttons *b, const struct buttons_config *config)
{
	int i;

	memset(b, 0, sizeof(*b));
	b->config = *config;
	for (i = 0; i < BUTTON_COUNT; i++) {
		b->state[i].last_edge_ms = INT64_MIN / 2;
		b->state[i].next_event_ms = -1;
	}
}

static bool repeats(enum button button)
{
	return button == BUTTON_UP || button == BUTTON_DOWN;
}

static enum key short_key(enum button button)
{
	static const enum key keys[] = {KEY_UP, KEY_DOWN, KEY_OK, KEY_BACK};
	return keys[button];
}

int buttons_edge(struct buttons *b, enum button button, bool pressed, int64_t t_ms, enum key *out,
		 int max)
{
	struct button_state *s = &b->state[button];
	int n = 0;

	if (button < 0 || button >= BUTTON_COUNT || pressed == s->pressed)
		return 0;
	if (t_ms - s->last_edge_ms < b->config.debounce_ms)
		return 0; /* contact bounce */
	s->last_edge_ms = t_ms;
	s->pressed = pressed;
	if (pressed) {
		s->pressed_ms = t_ms;
		s->long_sent = false;
		if (repeats(button)) {
			if (n < max)
				out[n++] = short_key(button);
			s->next_event_ms = t_ms + b->config.repeat_delay_ms;
		} else {
			s->next_event_ms = t_ms + b->config.long_press_ms;
		}
		return n;
	}
	s->next_event_ms = -1;
	if (!repeats(button) && !s->long_sent && n < max)
		out[n++] = short_key(button);
	return n;
}

int buttons_tick(struct buttons *b, int64_t t_ms, enum key *out, int max)
{
	int n = 0, i;

	for (i = 0; i < BUTTON_COUNT; i++) {
		struct button_state *s = &b->state[i];
		while (s->pressed && s->next_event_ms >= 0 && s->next_event_ms <= t_ms && n < max) {
			if (repeats((enum button)i)) {
				out[n++] = short_key((enum button)i);
				s->next_event_ms += b->config.repeat_interval_ms;
			} else {
				out[n++] = i == BUTTON_OK ? KEY_LONG_OK : KEY_LONG_BACK;
				s->long_sent = true;
				s->next_event_ms = -1;
			}
		}
	}
	return n;
}

int64_t buttons_deadline(const struct buttons *b)
{
	int64_t next = -1;
	int i;

	for (i = 0; i < BUTTON_COUNT; i++) {
		const struct button_state *s = &b->state[i];
		if (s->pressed && s->next_event_ms >= 0 && (next < 0 || s->next_event_ms < next))
			next = s->next_event_ms;
	}
	return next;
}
