/* SPDX-License-Identifier: MIT */
/* window: the desktop preview (SDL2): the panel at its real size on the screen, the four
 * buttons under their captions, and each refresh as the glass would make it, driven through
 * the kiosk's own planner, driver and emulated controller. Only the desktop build has it. */
#ifndef INKREF_WINDOW_H
#define INKREF_WINDOW_H

#include <stdbool.h>

#include "font.h"
#include "panel.h"

enum window_zoom {
	ZOOM_REAL, /* millimetres on the screen as on the glass, from the display's DPI */
	ZOOM_1,	   /* one panel pixel to one screen pixel */
	ZOOM_2,	   /* two screen pixels to one panel pixel */
	ZOOM_COUNT,
};

struct window_options {
	const struct panel_model *panel;
	const char *db_path;	 /* NULL: the default content.db (without watch) */
	const char *content_dir; /* watch: the content sources to rebuild from */
	bool watch;
	bool large_text;
	bool instant; /* updates at once, without the refresh's time and flashing */
	enum window_zoom zoom;
	double dpi; /* 0: ask the display */
	int idle_seconds;
	int full_every;
	enum glyph_mode glyph_mode;
	const char *today;
};

/* Runs the preview until the window closes or q is pressed. Returns an exit code. */
int window_run(const struct window_options *options);

#endif
