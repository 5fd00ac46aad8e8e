/* SPDX-License-Identifier: MIT */
/* font: FreeType faces at fixed pixel sizes, rendered to 1-bit glyphs and cached, so a key
 * press never waits for the rasteriser after the first time a glyph is seen. */
#ifndef INKREF_FONT_H
#define INKREF_FONT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "err.h"

/* How FreeType's output becomes 1-bit pixels. */
enum glyph_mode {
	GLYPH_MONO,	 /* TrueType bytecode hinting for monochrome, FreeType's mono rasteriser */
	GLYPH_THRESHOLD, /* light autohinted antialiased glyphs, cut at 50 % coverage */
};

struct glyph {
	int16_t left, top; /* bitmap offset from the pen position; top is above the baseline */
	uint16_t width, rows, pitch;
	int16_t advance; /* whole pixels */
	uint32_t index;	 /* FreeType glyph index, for kerning */
	bool loaded;	 /* cache slot filled */
	uint8_t *bits;	 /* rows * pitch bytes, MSB first, 1 = ink */
};

struct font_file; /* one font file in memory, shared by its sizes */
struct font;	  /* one face at one pixel size */

struct font_file *font_file_open(const char *path, struct inkref_error *err);
void font_file_close(struct font_file *file);

struct font *font_open(struct font_file *file, int pixel_size, enum glyph_mode mode,
		       struct inkref_error *err);
void font_close(struct font *font);

/* The glyph for a code point; a missing glyph gives the face's .notdef box. Never NULL
 * unless memory runs out. */
const struct glyph *font_glyph(struct font *font, uint32_t codepoint);
/* Horizontal kerning between two glyphs, in whole pixels. */
int font_kerning(struct font *font, const struct glyph *left, const struct glyph *right);
bool font_has_glyph(struct font *font, uint32_t codepoint);

int font_ascent(const struct font *font);  /* pixels above the baseline */
int font_descent(const struct font *font); /* pixels below the baseline, positive */
int font_pixel_size(const struct font *font);
int font_x_height(const struct font *font);

/* Width in pixels of UTF-8 text (len bytes, already validated), with kerning. */
int font_text_width(struct font *font, const char *text, size_t len);

#endif
