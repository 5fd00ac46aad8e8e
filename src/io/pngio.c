/* SPDX-License-Identifier: MIT */
/* pngio: libpng's simplified API for reading, the classic one for 1-bit writing. */
#include "pngio.h"

#include <errno.h>
#include <png.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

int png_write_fb(const char *path, const struct fb *fb, struct inkref_error *err)
{
	png_structp png = NULL;
	png_infop info = NULL;
	uint8_t *volatile row = NULL;
	FILE *f;
	int y, x;

	f = fopen(path, "wb");
	if (!f) {
		err_set(err, EXIT_IOERR, path, 0, "cannot write the PNG: %s", strerror(errno));
		return -1;
	}
	png = png_create_write_struct(PNG_LIBPNG_VER_STRING, NULL, NULL, NULL);
	info = png ? png_create_info_struct(png) : NULL;
	row = malloc((size_t)fb->stride);
	if (!png || !info || !row || setjmp(png_jmpbuf(png))) {
		err_set(err, EXIT_IOERR, path, 0, "cannot write the PNG");
		png_destroy_write_struct(&png, &info);
		free(row);
		fclose(f);
		return -1;
	}
	png_init_io(png, f);
	png_set_IHDR(png, info, (png_uint_32)fb->width, (png_uint_32)fb->height, 1,
		     PNG_COLOR_TYPE_GRAY, PNG_INTERLACE_NONE, PNG_COMPRESSION_TYPE_DEFAULT,
		     PNG_FILTER_TYPE_DEFAULT);
	png_write_info(png, info);
	for (y = 0; y < fb->height; y++) {
		/* In a gray PNG 1 is white; in the framebuffer 1 is ink. */
		for (x = 0; x < fb->stride; x++)
			row[x] = (uint8_t)~fb->bits[y * fb->stride + x];
		png_write_row(png, row);
	}
	png_write_end(png, NULL);
	png_destroy_write_struct(&png, &info);
	free(row);
	if (fclose(f) != 0) {
		err_set(err, EXIT_IOERR, path, 0, "cannot finish the PNG: %s", strerror(errno));
		return -1;
	}
	return 0;
}

int png_read_bitmap(const char *path, int height, struct bitmap *out, struct inkref_error *err)
{
	png_image image;
	uint8_t *gray;
	int x, y, width;

	memset(out, 0, sizeof(*out));
	memset(&image, 0, sizeof(image));
	image.version = PNG_IMAGE_VERSION;
	if (!png_image_begin_read_from_file(&image, path)) {
		err_set(err, errno == ENOENT ? EXIT_NOINPUT : EXIT_DATAERR, path, 0,
			"cannot read the image: %s", image.message);
		return -1;
	}
	image.format = PNG_FORMAT_GA; /* gray + alpha: transparent parts count as paper */
	gray = malloc(PNG_IMAGE_SIZE(image));
	if (!gray) {
		png_image_free(&image);
		err_set(err, EXIT_SOFTWARE, path, 0, "out of memory");
		return -1;
	}
	if (!png_image_finish_read(&image, NULL, gray, 0, NULL)) {
		err_set(err, EXIT_DATAERR, path, 0, "cannot decode the image: %s", image.message);
		free(gray);
		return -1;
	}
	if (height <= 0)
		height = (int)image.height;
	width = (int)((image.width * (unsigned)height + image.height / 2) / image.height);
	out->width = width;
	out->height = height;
	out->stride = (width + 7) / 8;
	out->bits = calloc((size_t)out->stride * (size_t)height, 1);
	if (!out->bits) {
		free(gray);
		err_set(err, EXIT_SOFTWARE, path, 0, "out of memory");
		return -1;
	}
	/* Box filter: average the source pixels under each target pixel, then threshold. */
	for (y = 0; y < height; y++) {
		unsigned sy0 = (unsigned)y * image.height / (unsigned)height;
		unsigned sy1 = (unsigned)(y + 1) * image.height / (unsigned)height;
		if (sy1 <= sy0)
			sy1 = sy0 + 1;
		for (x = 0; x < width; x++) {
			unsigned sx0 = (unsigned)x * image.width / (unsigned)width;
			unsigned sx1 = (unsigned)(x + 1) * image.width / (unsigned)width;
			unsigned long sum = 0, count = 0;
			unsigned sx, sy;
			if (sx1 <= sx0)
				sx1 = sx0 + 1;
			for (sy = sy0; sy < sy1; sy++)
				for (sx = sx0; sx < sx1; sx++, count++) {
					const uint8_t *px = gray + 2 * (sy * image.width + sx);
					/* Compose over white paper. */
					sum += (px[0] * px[1] + 255u * (255u - px[1])) / 255u;
				}
			if (sum < count * 128)
				out->bits[y * out->stride + x / 8] |= (uint8_t)(0x80 >> (x % 8));
		}
	}
	free(gray);
	return 0;
}

void bitmap_free(struct bitmap *bm)
{
	free(bm->bits);
	memset(bm, 0, sizeof(*bm));
}
