/* SPDX-License-Identifier: MIT */
/* pngio: libpng's simplified API for reading, the classic one for 1-bit writing. */
#include "pngio.h"

#include <errno.h>
#include <fcntl.h>
#include <png.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

/* libpng's errors end in a longjmp; the message is kept for the report, and a failed
 * allocation is told apart from a failed write. */
struct png_failure {
	char message[128];
};

static void on_png_error(png_structp png, png_const_charp message)
{
	struct png_failure *f = png_get_error_ptr(png);

	snprintf(f->message, sizeof(f->message), "%s", message);
	png_longjmp(png, 1);
}

static void on_png_warning(png_structp png, png_const_charp message)
{
	(void)png;
	(void)message; /* a warning does not stop the image; the error that may follow does */
}

/* libpng says only in words that an allocation failed. Only its words for that count:
 * "invalid memory read" or "chunk exceeds memory limits" are damaged data. */
static bool ran_out_of_memory(const char *message)
{
	return strcasestr(message, "out of memory") || strcasestr(message, "insufficient memory") ||
	       strstr(message, "allocation failed");
}

static void write_failed(const char *path, const char *why, struct inkref_error *err)
{
	if (ran_out_of_memory(why)) {
		err_set(err, EXIT_SOFTWARE, path, 0, "out of memory writing the PNG");
		err->reason = ERR_REASON_NO_MEMORY;
	} else {
		err_set(err, EXIT_IOERR, path, 0, "cannot write the PNG: %s", why);
	}
}

static int write_png_stream(FILE *f, const char *path, const struct fb *fb,
			    struct inkref_error *err)
{
	struct png_failure failure = {""};
	png_structp png = NULL;
	png_infop info = NULL;
	uint8_t *volatile row = NULL;
	int y, x;

	png =
	    png_create_write_struct(PNG_LIBPNG_VER_STRING, &failure, on_png_error, on_png_warning);
	info = png ? png_create_info_struct(png) : NULL;
	row = malloc((size_t)fb->stride);
	if (!png || !info || !row) {
		write_failed(path, "out of memory", err);
		png_destroy_write_struct(&png, &info);
		free(row);
		return -1;
	}
	if (setjmp(png_jmpbuf(png))) {
		write_failed(path, failure.message[0] ? failure.message : strerror(errno), err);
		png_destroy_write_struct(&png, &info);
		free(row);
		return -1;
	}
	png_init_io(png, f);
	/* zlib's defaults take 256 KiB for the compressor, a tenth of the kiosk's heap at its
	 * peak, to save a few hundred bytes on a 1-bit screen of white rows. A 4 KiB window
	 * (40 rows of the 7.5") and a small hash table take 18 KiB. */
	png_set_compression_window_bits(png, 12);
	png_set_compression_mem_level(png, 2);
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
	return 0;
}

int png_write_fb(const char *path, const struct fb *fb, struct inkref_error *err)
{
	FILE *f = fopen(path, "wb");

	if (!f) {
		err_set(err, EXIT_IOERR, path, 0, "cannot write the PNG: %s", strerror(errno));
		return -1;
	}
	if (write_png_stream(f, path, fb, err) < 0) {
		fclose(f);
		return -1;
	}
	if (fclose(f) != 0) {
		err_set(err, EXIT_IOERR, path, 0, "cannot finish the PNG: %s", strerror(errno));
		return -1;
	}
	return 0;
}

/* The temporary file is made new (O_EXCL) and never through a symbolic link (O_NOFOLLOW): in
 * a folder others can write, a link planted at PATH.tmp would otherwise make a kiosk running
 * as root write over the file it points to. A file left there by a kiosk that stopped halfway
 * is removed (unlink removes a link, never its target) and the creation tried once more. */
static int create_new(const char *tmp)
{
	int tries, fd = -1;

	for (tries = 0; tries < 2 && fd < 0; tries++) {
		fd = open(tmp, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0644);
		if (fd < 0 && errno == EEXIST && tries == 0 && unlink(tmp) < 0)
			break;
	}
	return fd;
}

int png_replace_fb(const char *path, const struct fb *fb, struct inkref_error *err)
{
	char tmp[PNG_PATH_MAX + 8];
	FILE *f;
	int fd;

	if (strlen(path) > PNG_PATH_MAX) {
		err_set(err, EXIT_USAGE, path, 0, "the path is longer than %d bytes", PNG_PATH_MAX);
		return -1;
	}
	snprintf(tmp, sizeof(tmp), "%s.tmp", path);
	fd = create_new(tmp);
	if (fd < 0 || !(f = fdopen(fd, "wb"))) {
		err_set(err, EXIT_IOERR, tmp, 0, "cannot write the PNG: %s", strerror(errno));
		if (fd >= 0)
			close(fd);
		return -1;
	}
	if (write_png_stream(f, tmp, fb, err) < 0) {
		fclose(f);
		unlink(tmp);
		return -1;
	}
	if (fclose(f) != 0) {
		err_set(err, EXIT_IOERR, tmp, 0, "cannot finish the PNG: %s", strerror(errno));
		unlink(tmp);
		return -1;
	}
	/* rename replaces whatever is at path, a link included, and never writes through it. */
	if (rename(tmp, path) < 0) {
		err_set(err, EXIT_IOERR, path, 0, "cannot replace the screen image: %s",
			strerror(errno));
		unlink(tmp);
		return -1;
	}
	return 0;
}

/* Reads an image into memory: a regular file of at most PNG_FILE_MAX bytes, opened without
 * blocking so that a FIFO in its place is refused rather than waited on. */
static uint8_t *read_image(const char *path, size_t *size, struct inkref_error *err)
{
	struct stat st;
	uint8_t *data;
	ssize_t got = 0;
	size_t have = 0;
	int fd = open(path, O_RDONLY | O_CLOEXEC | O_NONBLOCK);

	if (fd < 0) {
		err_set(err, errno == ENOENT ? EXIT_NOINPUT : EXIT_IOERR, path, 0,
			"cannot read the image: %s", strerror(errno));
		return NULL;
	}
	if (fstat(fd, &st) < 0 || !S_ISREG(st.st_mode) || st.st_size > PNG_FILE_MAX) {
		if (S_ISREG(st.st_mode))
			err_set(err, EXIT_DATAERR, path, 0,
				"the image is %lld bytes; the limit is %ld", (long long)st.st_size,
				PNG_FILE_MAX);
		else
			err_set(err, EXIT_DATAERR, path, 0,
				"cannot read the image: not a regular file");
		close(fd);
		return NULL;
	}
	/* One byte more than the file says it has: a file that grows while read is seen to. */
	data = malloc((size_t)st.st_size + 1);
	if (!data) {
		err_set(err, EXIT_SOFTWARE, path, 0, "out of memory reading the image");
		err->reason = ERR_REASON_NO_MEMORY;
		close(fd);
		return NULL;
	}
	while (have <= (size_t)st.st_size &&
	       (got = read(fd, data + have, (size_t)st.st_size + 1 - have)) > 0)
		have += (size_t)got;
	close(fd);
	if (got < 0 || have > (size_t)st.st_size) {
		err_set(err, got < 0 ? EXIT_IOERR : EXIT_DATAERR, path, 0,
			"cannot read the image: %s",
			got < 0 ? strerror(errno) : "it changed while it was read");
		free(data);
		return NULL;
	}
	*size = have;
	return data;
}

static uint32_t read_be32(const uint8_t *p)
{
	return (uint32_t)p[0] << 24 | (uint32_t)p[1] << 16 | (uint32_t)p[2] << 8 | p[3];
}

/* libpng allocates what a chunk's length field claims before reading it: a few hundred bytes
 * of file can ask for two gigabytes, which would then be told as memory running out. So the
 * chunks are walked first, and every one must fit in what is left of the file. What the
 * chunks hold is libpng's to judge. */
static int check_chunks(const char *path, const uint8_t *data, size_t size,
			struct inkref_error *err)
{
	size_t at = 8; /* after the signature, which libpng checks */

	if (size < at) {
		err_set(err, EXIT_DATAERR, path, 0,
			"cannot read the image: %zu bytes, fewer than a PNG's signature", size);
		return -1;
	}
	while (at + 8 <= size) {
		uint32_t length = read_be32(data + at);
		char type[5];
		size_t left = size - at - 8;

		memcpy(type, data + at + 4, 4);
		type[4] = '\0';
		for (int i = 0; i < 4; i++)
			if (type[i] < 0x21 || type[i] > 0x7e)
				type[i] = '?';
		if (left < 4 || length > left - 4) {
			err_set(err, EXIT_DATAERR, path, 0,
				"cannot read the image: the chunk \"%s\" at byte %zu says it holds "
				"%lu bytes; the file has %zu after it",
				type, at, (unsigned long)length, left);
			return -1;
		}
		at += 12 + (size_t)length;
		if (strcmp(type, "IEND") == 0)
			break;
	}
	return 0;
}

/* At any step of a read, memory running out is a fault that can clear, never a damaged
 * image. */
static void image_failed(const char *path, const char *what, const char *message,
			 struct inkref_error *err)
{
	if (ran_out_of_memory(message)) {
		err_set(err, EXIT_SOFTWARE, path, 0, "out of memory reading the image");
		err->reason = ERR_REASON_NO_MEMORY;
	} else {
		err_set(err, EXIT_DATAERR, path, 0, "%s: %s", what, message);
	}
}

int png_read_bitmap(const char *path, int height, struct bitmap *out, struct inkref_error *err)
{
	png_image image;
	uint8_t *gray, *file;
	size_t file_size;
	int x, y, width;

	memset(out, 0, sizeof(*out));
	memset(&image, 0, sizeof(image));
	image.version = PNG_IMAGE_VERSION;
	if (!(file = read_image(path, &file_size, err)))
		return -1;
	if (check_chunks(path, file, file_size, err) < 0) {
		free(file);
		return -1;
	}
	if (!png_image_begin_read_from_memory(&image, file, file_size)) {
		image_failed(path, "cannot read the image", image.message, err);
		free(file);
		return -1;
	}
	/* The header says how much memory decoding takes: a few hundred bytes of file can
	 * claim gigapixels. */
	if (image.width > PNG_SIDE_MAX || image.height > PNG_SIDE_MAX || height > PNG_SIDE_MAX) {
		err_set(err, EXIT_DATAERR, path, 0, "the image is %u×%u pixels; the limit is %d×%d",
			image.width, image.height, PNG_SIDE_MAX, PNG_SIDE_MAX);
		png_image_free(&image);
		free(file);
		return -1;
	}
	image.format = PNG_FORMAT_GA; /* gray + alpha: transparent parts count as paper */
	gray = malloc(PNG_IMAGE_SIZE(image));
	if (!gray) {
		png_image_free(&image);
		free(file);
		err_set(err, EXIT_SOFTWARE, path, 0, "out of memory reading the image");
		err->reason = ERR_REASON_NO_MEMORY;
		return -1;
	}
	if (!png_image_finish_read(&image, NULL, gray, 0, NULL)) {
		image_failed(path, "cannot decode the image", image.message, err);
		free(gray);
		free(file);
		return -1;
	}
	free(file);
	if (height <= 0)
		height = (int)image.height;
	width = (int)(((unsigned long)image.width * (unsigned)height + image.height / 2) /
		      image.height);
	if (width < 1)
		width = 1;
	if (width > PNG_SIDE_MAX) {
		/* A sliver of an image scaled up to the height asked for. */
		err_set(
		    err, EXIT_DATAERR, path, 0,
		    "the image is %u×%u pixels: at %d pixels high it would be %d wide; the limit "
		    "is %d",
		    image.width, image.height, height, width, PNG_SIDE_MAX);
		free(gray);
		return -1;
	}
	out->width = width;
	out->height = height;
	out->stride = (width + 7) / 8;
	out->bits = calloc((size_t)out->stride * (size_t)height, 1);
	if (!out->bits) {
		free(gray);
		err_set(err, EXIT_SOFTWARE, path, 0, "out of memory reading the image");
		err->reason = ERR_REASON_NO_MEMORY;
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
