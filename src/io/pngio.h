/* SPDX-License-Identifier: MIT */
/* pngio: the framebuffer written as a 1-bit PNG, and assets read from PNG into 1-bit bitmaps,
 * both with libpng. */
#ifndef INKREF_PNGIO_H
#define INKREF_PNGIO_H

#include "err.h"
#include "fb.h"

/* Limits on images read (doc/limits.md): the file's bytes and each side's pixels. */
#define PNG_FILE_MAX (1L << 20)
#define PNG_SIDE_MAX 2048
/* The longest path of a screen image the kiosk keeps replacing. */
#define PNG_PATH_MAX 255

/* Writes fb as a 1-bit grayscale PNG (ink black, paper white). Returns 0 or -1. */
int png_write_fb(const char *path, const struct fb *fb, struct inkref_error *err);

/* Replaces path with fb as a PNG, so that a viewer never sees half an image: written to a new
 * PATH.tmp (never through a link found there), then renamed over path. Errors name PATH.tmp,
 * or path when the rename fails. */
int png_replace_fb(const char *path, const struct fb *fb, struct inkref_error *err);

/* Reads any PNG, scaled to height `height` (0 keeps its size), and cut to 1 bit:
 * pixels darker than half (after alpha over white) become ink. Returns 0 or -1. */
int png_read_bitmap(const char *path, int height, struct bitmap *out, struct inkref_error *err);
void bitmap_free(struct bitmap *bm);

#endif
