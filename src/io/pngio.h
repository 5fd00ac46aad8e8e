/* SPDX-License-Identifier: MIT */
/* pngio: the framebuffer written as a 1-bit PNG, and assets read from PNG into 1-bit bitmaps,
 * both with libpng. */
#ifndef INKREF_PNGIO_H
#define INKREF_PNGIO_H

#include "err.h"
#include "fb.h"

/* Writes fb as a 1-bit grayscale PNG (ink black, paper white). Returns 0 or -1. */
int png_write_fb(const char *path, const struct fb *fb, struct inkref_error *err);

/* Reads any PNG, scaled to height `height` (0 keeps its size), and cut to 1 bit:
 * pixels darker than half (after alpha over white) become ink. Returns 0 or -1. */
int png_read_bitmap(const char *path, int height, struct bitmap *out, struct inkref_error *err);
void bitmap_free(struct bitmap *bm);

#endif
