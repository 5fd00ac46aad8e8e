/* SPDX-License-Identifier: MIT */
/* fb: the 1-bit framebuffer every screen is drawn into, packed as the panels want it:
 * rows of bytes, most significant bit leftmost, 1 = ink (black). */
#ifndef INKREF_FB_H
#define INKREF_FB_H

#include <stdbool.h>
#include <stdint.h>

struct fb {
	int width, height;
	int stride; /* bytes per row */
	uint8_t *bits;
};

struct rect {
	int x, y, w, h;
};

/* A 1-bit image (an asset), same packing as the framebuffer. */
struct bitmap {
	int width, height, stride;
	uint8_t *bits;
};

struct fb *fb_new(int width, int height);
void fb_free(struct fb *fb);
void fb_clear(struct fb *fb);
bool fb_pixel(const struct fb *fb, int x, int y);
/* Fills a rectangle with ink (black) or paper (white), clipped to the framebuffer. */
void fb_fill(struct fb *fb, struct rect r, bool ink);
/* Draws a 1-bit image with its top-left at (x, y): set bits become `ink`, clipped to clip. */
void fb_blit(struct fb *fb, const uint8_t *bits, int pitch, int width, int rows, int x, int y,
	     bool ink, struct rect clip);

/* The same, each source pixel drawn as a scale x scale square (a QR code kept one bit a
 * module): one source row at a time, widened, then blitted scale times. */
void fb_blit_scaled(struct fb *fb, const uint8_t *bits, int pitch, int width, int rows, int x,
		    int y, int scale, bool ink, struct rect clip);

struct rect rect_intersect(struct rect a, struct rect b);
bool rect_contains(struct rect outer, struct rect inner);

#endif
