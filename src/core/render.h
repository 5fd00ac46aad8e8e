/* SPDX-License-Identifier: MIT */
/* render: draws a display list (what the view built for one screen: text runs, fills and
 * bitmaps) into the framebuffer with cached 1-bit glyphs. */
#ifndef INKREF_RENDER_H
#define INKREF_RENDER_H

#include <stdbool.h>
#include <stdint.h>

#include "fb.h"
#include "font.h"

enum op_kind {
	OP_TEXT,
	OP_FILL,
	OP_BITMAP,
};

enum region {
	REGION_HEADER,
	REGION_BODY,
	REGION_FOOTER,
};

struct draw_op {
	uint8_t kind;	 /* enum op_kind */
	uint8_t font;	 /* enum font_role (layout.h): which of the fonts of the size */
	uint8_t region;	 /* enum region */
	bool ink;	 /* black on white, or white on black (a selected row) */
	uint8_t scale;	 /* OP_BITMAP: screen pixels per bitmap pixel (0 or 1: as it is) */
	struct rect box; /* OP_TEXT: the box the text must stay in; else what is covered */
	int x, y;	 /* OP_TEXT: pen at the baseline */
	const char *text;
	int len;
	const struct bitmap *bitmap;
};

#define DISPLAY_MAX_OPS 1024

struct display_list {
	bool large_text;
	int count;
	struct draw_op ops[DISPLAY_MAX_OPS];
	size_t strings_len;
	char strings[4096]; /* text made for this screen: breadcrumb, captions, counters */
};

/* Draws dl; fonts are those of its text size, indexed by draw_op.font. */
void render_display_list(struct fb *fb, struct font *const *fonts, const struct display_list *dl);

/* Draws one run of text with its pen at (x, baseline), clipped to clip.
 * Returns the pen advance, which equals font_text_width() of the same text. */
int render_text(struct fb *fb, struct font *font, const char *text, size_t len, int x, int baseline,
		bool ink, struct rect clip);

/* The ink extent of a run of text drawn at (x, baseline): what the glyphs cover. */
struct rect render_text_ink(struct font *font, const char *text, size_t len, int x, int baseline);

#endif
