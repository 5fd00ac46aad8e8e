/* SPDX-License-Identifier: MIT */
/* render: draws a display list into the framebuffer with cached 1-bit glyphs. */
#ifndef INKREF_RENDER_H
#define INKREF_RENDER_H

#include "fb.h"
#include "view.h"

void render_display_list(struct fb *fb, struct view *view, const struct display_list *dl);

/* Draws one run of text with its pen at (x, baseline), clipped to clip.
 * Returns the pen advance, which equals font_text_width() of the same text. */
int render_text(struct fb *fb, struct font *font, const char *text, size_t len, int x, int baseline,
		bool ink, struct rect clip);

/* The ink extent of a run of text drawn at (x, baseline): what the glyphs cover. */
struct rect render_text_ink(struct font *font, const char *text, size_t len, int x, int baseline);

#endif
