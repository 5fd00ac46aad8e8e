/* SPDX-License-Identifier: MIT */
/* outofservice: what the kiosk shows when it cannot show its content: a screen that tells the
 * reader to ask the staff, and tells the staff which fault to look for. It is drawn with the
 * kiosk's fonts when they load, and with a small built-in bitmap alphabet when they do not, so
 * even a kiosk whose font files are gone shows a plain message rather than a stale page. */
#ifndef INKREF_OUTOFSERVICE_H
#define INKREF_OUTOFSERVICE_H

#include <stdbool.h>

#include "err.h"
#include "fb.h"
#include "font.h"
#include "panel.h"

enum fault_kind {
	FAULT_NONE,
	FAULT_CONTENT_MISSING, /* no content database where it should be */
	FAULT_CONTENT_DAMAGED, /* truncated, corrupt, or not an inkref database */
	FAULT_CONTENT_LOCKED,  /* another program holds a write lock on it */
	FAULT_CONTENT_VERSION, /* built for another version of inkref */
	FAULT_FONT,	       /* a font file missing or not a font */
	FAULT_ASSET,	       /* the logo missing or not a PNG */
	FAULT_MEMORY, /* an allocation failed while loading: nothing is wrong with a file */
	FAULT_COUNT,
};

/* "content-missing", ...: for the log, the command line and the tests. */
const char *fault_name(enum fault_kind fault);
/* FAULT_NONE when name is not a fault's name. */
enum fault_kind fault_from_name(const char *name);

/* Which fault a failed content load is (err from content_load). */
enum fault_kind fault_from_content_error(const struct inkref_error *err);

struct oos_fonts {
	const char *regular; /* font files; NULL: the default ones */
	const char *bold;
	enum glyph_mode glyph_mode;
};

struct oos_result {
	bool with_fonts; /* false: drawn with the built-in alphabet, the fonts did not load */
	bool fits;	 /* every line found room on the panel */
};

/* Draws the out-of-service screen for fault into fb (the panel's size). */
struct oos_result oos_draw(struct fb *fb, const struct panel_model *panel, enum fault_kind fault,
			   const struct oos_fonts *fonts);

/* The built-in alphabet's screen alone, for the tests: as oos_draw draws it without fonts. */
struct oos_result oos_draw_builtin(struct fb *fb, const struct panel_model *panel,
				   enum fault_kind fault);

#endif
