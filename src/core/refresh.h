/* SPDX-License-Identifier: MIT */
/* refresh: the refresh planner. Diffs the next frame against what the glass shows, merges
 * the changes into a few byte-aligned windows, and picks the mode by policy: a partial
 * within a screen, a full refresh every N partials and on return home, nothing when nothing
 * changed. Pure: frames in, a plan out. */
#ifndef INKREF_REFRESH_H
#define INKREF_REFRESH_H

#include <stdbool.h>

#include "fb.h"

/* Modes, fastest and ghostiest first. Times are the 7.5" panel's. */
enum refresh_mode {
	REFRESH_NONE,	 /* nothing changed: the glass is left alone */
	REFRESH_PARTIAL, /* differential waveform over changed pixels only: ~0.45 s, no flash,
			  * ghosting accumulates */
	REFRESH_FAST, /* full-screen flash with the fast waveform: ~1.2 s, clears most ghosting */
	REFRESH_FULL, /* full-screen normal waveform: ~5 s, clears all; first frame, cold glass */
};

#define REFRESH_MAX_WINDOWS 16

struct refresh_policy {
	int full_every; /* promote every Nth partial to a fast full refresh (0: never) */
};

struct refresh_state {
	int partials;	  /* partial refreshes since the last full one */
	bool glass_known; /* false until the first full refresh */
};

struct refresh_plan {
	enum refresh_mode mode;
	int window_count;
	struct rect windows[REFRESH_MAX_WINDOWS]; /* x and w multiples of 8 (byte aligned) */
	struct rect bounds;			  /* of all windows; the whole frame when full */
	long window_bytes;			  /* bytes of one plane the windows hold */
};

/* Plans the refresh that turns glass into next (both in the controller's orientation), and
 * advances the state. home: the reader is back at the home screen, which always gets a clean
 * (fast full) refresh. */
void refresh_plan(struct refresh_state *state, const struct refresh_policy *policy,
		  const struct fb *glass, const struct fb *next, bool home,
		  struct refresh_plan *plan);

/* Makes plan a whole-frame refresh in mode (REFRESH_FAST or REFRESH_FULL), for when the
 * caller knows more than the diff (the RAM was lost in deep sleep; a naive comparison), and
 * restarts the count of partials. */
void refresh_plan_whole(struct refresh_state *state, struct refresh_plan *plan,
			enum refresh_mode mode, const struct fb *next);

/* The dirty windows alone: returns how many (0 when the frames are equal). */
int refresh_diff(const struct fb *glass, const struct fb *next, struct rect *windows, int max);

const char *refresh_mode_name(enum refresh_mode mode);

#endif
