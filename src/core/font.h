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

/* 24 bytes: every glyph of every size in use is kept. */
struct glyph {
	uint8_t *bits;	   /* rows * pitch bytes, MSB first, 1 = ink */
	uint32_t index;	   /* FreeType glyph index, for kerning */
	int16_t left, top; /* bitmap offset from the pen position; top is above the baseline */
	uint16_t width, rows, pitch;
	int16_t advance; /* whole pixels */
};

/* A font file is copied whole into memory when opened: at most this many bytes (DejaVu Sans is 740
 * KiB; the largest fonts with full CJK coverage are about 20 MiB). */
#define FONT_FILE_MAX (32L << 20)
/* A glyph is drawn only if its outline fits this many ems each way (its advance is cut to it):
 * real glyphs are about one em; a crafted one of a million pixels would take seconds and a
 * gigabyte to render. */
#define FONT_GLYPH_EMS 8
/* Widths and pen positions are at most this many pixels (2^30): measuring never overflows. */
#define FONT_WIDTH_MAX (1 << 30)

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
bool font_has_glyph(struct font *font, uint32_t codepoint);

int font_ascent(const struct font *font);  /* pixels above the baseline */
int font_descent(const struct font *font); /* pixels below the baseline, positive */
int font_pixel_size(const struct font *font);
int font_x_height(const struct font *font);

/* Steps through UTF-8 text glyph by glyph, kerning applied: the one walk that measuring and
 * drawing share, so a run is drawn exactly as wide as it was measured. */
struct glyph_walk {
	struct font *font;
	const char *text;
	size_t len, at;
	int pen;       /* pen x of the glyph just returned, from 0 */
	int next_pen;  /* where the pen goes after it */
	uint32_t prev; /* glyph index of the previous glyph, for kerning; 0 none */
};

void font_walk_begin(struct glyph_walk *walk, struct font *font, const char *text, size_t len);
/* The next glyph (walk->pen is its pen x), or NULL at the end of the text. */
const struct glyph *font_walk_next(struct glyph_walk *walk);

/* Width in pixels of UTF-8 text (len bytes, already validated), with kerning; at most
 * FONT_WIDTH_MAX. */
int font_text_width(struct font *font, const char *text, size_t len);

#endif
