/* SPDX-License-Identifier: MIT */
/* fb: clipping fills and bit blits over a packed 1-bit framebuffer. */
#include "fb.h"

#include <stdlib.h>
#include <string.h>

struct fb *fb_new(int width, int height)
{
	struct fb *fb = calloc(1, sizeof(*fb));

	if (!fb)
		return NULL;
	fb->width = width;
	fb->height = height;
	fb->stride = (width + 7) / 8;
	fb->bits = calloc((size_t)fb->stride * (size_t)height, 1);
	if (!fb->bits) {
		free(fb);
		return NULL;
	}
	return fb;
}

void fb_free(struct fb *fb)
{
	if (!fb)
		return;
	free(fb->bits);
	free(fb);
}

void fb_clear(struct fb *fb)
{
	memset(fb->bits, 0, (size_t)fb->stride * (size_t)fb->height);
}

bool fb_pixel(const struct fb *fb, int x, int y)
{
	if (x < 0 || y < 0 || x >= fb->width || y >= fb->height)
		return false;
	return (fb->bits[y * fb->stride + x / 8] >> (7 - x % 8)) & 1;
}

struct rect rect_intersect(struct rect a, struct rect b)
{
	int x0 = a.x > b.x ? a.x : b.x, y0 = a.y > b.y ? a.y : b.y;
	int x1 = a.x + a.w < b.x + b.w ? a.x + a.w : b.x + b.w;
	int y1 = a.y + a.h < b.y + b.h ? a.y + a.h : b.y + b.h;
	struct rect r = {x0, y0, x1 - x0, y1 - y0};

	if (r.w < 0)
		r.w = 0;
	if (r.h < 0)
		r.h = 0;
	return r;
}

bool rect_contains(struct rect outer, struct rect inner)
{
	return inner.x >= outer.x && inner.y >= outer.y && inner.x + inner.w <= outer.x + outer.w &&
	       inner.y + inner.h <= outer.y + outer.h;
}

void fb_fill(struct fb *fb, struct rect r, bool ink)
{
	struct rect screen = {0, 0, fb->width, fb->height};
	int y, x0, x1, first, last;
	uint8_t first_mask, last_mask;

	r = rect_intersect(r, screen);
	if (r.w == 0 || r.h == 0)
		return;
	x0 = r.x;
	x1 = r.x + r.w - 1;
	first = x0 / 8;
	last = x1 / 8;
	first_mask = (uint8_t)(0xff >> (x0 % 8));
	last_mask = (uint8_t)(0xff << (7 - x1 % 8));
	for (y = r.y; y < r.y + r.h; y++) {
		uint8_t *row = fb->bits + y * fb->stride;
		if (first == last) {
			uint8_t m = first_mask & last_mask;
			row[first] = ink ? (uint8_t)(row[first] | m) : (uint8_t)(row[first] & ~m);
			continue;
		}
		row[first] =
		    ink ? (uint8_t)(row[first] | first_mask) : (uint8_t)(row[first] & ~first_mask);
		if (last - first > 1)
			memset(row + first + 1, ink ? 0xff : 0x00, (size_t)(last - first - 1));
		row[last] =
		    ink ? (uint8_t)(row[last] | last_mask) : (uint8_t)(row[last] & ~last_mask);
	}
}

void fb_blit(struct fb *fb, const uint8_t *bits, int pitch, int width, int rows, int x, int y,
	     bool ink, struct rect clip)
{
	struct rect screen = {0, 0, fb->width, fb->height};
	struct rect area = {x, y, width, rows};
	int r, shift = ((x % 8) + 8) % 8;

	clip = rect_intersect(rect_intersect(clip, screen), area);
	if (clip.w == 0 || clip.h == 0)
		return;
	for (r = clip.y; r < clip.y + clip.h; r++) {
		const uint8_t *src = bits + (r - y) * pitch;
		uint8_t *row = fb->bits + r * fb->stride;
		int c;
		if (clip.x == x && clip.w == width) {
			/* Fast path, the usual case: the whole row fits; shift bytes into place. */
			int dst_byte = (x - shift) / 8;
			for (c = 0; c < pitch; c++) {
				uint8_t b = src[c];
				uint8_t hi, lo;
				if (c == pitch - 1 && (width % 8))
					b &= (uint8_t)(0xff << (8 - width % 8));
				if (!b)
					continue;
				hi = (uint8_t)(b >> shift);
				lo = (uint8_t)(shift ? b << (8 - shift) : 0);
				if (ink) {
					row[dst_byte + c] |= hi;
					if (lo)
						row[dst_byte + c + 1] |= lo;
				} else {
					row[dst_byte + c] &= (uint8_t)~hi;
					if (lo)
						row[dst_byte + c + 1] &= (uint8_t)~lo;
				}
			}
			continue;
		}
		for (c = clip.x; c < clip.x + clip.w; c++) {
			int sx = c - x;
			if (!((src[sx / 8] >> (7 - sx % 8)) & 1))
				continue;
			if (ink)
				row[c / 8] |= (uint8_t)(0x80 >> (c % 8));
			else
				row[c / 8] &= (uint8_t) ~(0x80 >> (c % 8));
		}
	}
}

void fb_blit_scaled(struct fb *fb, const uint8_t *bits, int pitch, int width, int rows, int x,
		    int y, int scale, bool ink, struct rect clip)
{
	uint8_t wide[512]; /* one widened row: 4,096 pixels */
	int wide_width = width * scale, wide_pitch = (wide_width + 7) / 8, r, c, k;

	if (scale <= 1) {
		fb_blit(fb, bits, pitch, width, rows, x, y, ink, clip);
		return;
	}
	if (width <= 0 || wide_pitch > (int)sizeof(wide))
		return;
	for (r = 0; r < rows; r++) {
		const uint8_t *src = bits + r * pitch;
		memset(wide, 0, (size_t)wide_pitch);
		for (c = 0; c < width; c++) {
			if (!(src[c / 8] & (0x80 >> (c % 8))))
				continue;
			for (k = c * scale; k < (c + 1) * scale; k++)
				wide[k / 8] |= (uint8_t)(0x80 >> (k % 8));
		}
		for (k = 0; k < scale; k++)
			fb_blit(fb, wide, wide_pitch, wide_width, 1, x, y + r * scale + k, ink,
				clip);
	}
}
