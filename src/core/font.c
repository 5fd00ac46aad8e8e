/* SPDX-License-Identifier: MIT */
/* font: a FreeType face per size, glyph cache in 256-entry pages keyed by code point. */
#include "font.h"

#include <errno.h>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <ft2build.h>
#include FT_FREETYPE_H

#include "utf8.h"

struct font_file {
	FT_Library library;
	unsigned char *data;
	long size;
	char path[256];
	int users;
};

#define CACHE_PAGES 256 /* covers U+0000..U+FFFF; rarer code points are looked up each time */

struct font {
	struct font_file *file;
	FT_Face face;
	int pixel_size;
	enum glyph_mode mode;
	int ascent, descent, x_height;
	struct glyph *pages[CACHE_PAGES];
	struct glyph uncached; /* the last code point outside the cache */
};

/* Reads a whole regular file of at most max bytes into memory. The file is opened without
 * blocking, so a FIFO (or a device) in its place is refused rather than waited on forever. */
static unsigned char *read_regular_file(const char *path, long max, long *size,
					struct inkref_error *err)
{
	struct stat st;
	unsigned char *data;
	long got = 0;
	int fd = open(path, O_RDONLY | O_CLOEXEC | O_NONBLOCK);

	if (fd < 0) {
		err_set(err, errno == ENOENT ? EXIT_NOINPUT : EXIT_IOERR, path, 0,
			"cannot open the font: %s; reinstall inkref's fonts", strerror(errno));
		return NULL;
	}
	if (fstat(fd, &st) < 0 || !S_ISREG(st.st_mode) || st.st_size <= 0 || st.st_size > max) {
		if (st.st_size > max)
			err_set(err, EXIT_DATAERR, path, 0,
				"the font is %lld bytes; the limit is %ld", (long long)st.st_size,
				max);
		else
			err_set(err, EXIT_DATAERR, path, 0,
				"not a font: %s; reinstall inkref's fonts",
				!S_ISREG(st.st_mode) ? "not a regular file" : "empty");
		close(fd);
		return NULL;
	}
	data = malloc((size_t)st.st_size);
	if (!data) {
		err_set(err, EXIT_SOFTWARE, path, 0, "out of memory reading the font");
		err->reason = ERR_REASON_NO_MEMORY;
		close(fd);
		return NULL;
	}
	while (got < st.st_size) {
		ssize_t n = read(fd, data + got, (size_t)(st.st_size - got));
		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0) {
			err_set(err, EXIT_IOERR, path, 0, "cannot read the font file: %s",
				n < 0 ? strerror(errno) : "it was cut short while being read");
			free(data);
			close(fd);
			return NULL;
		}
		got += n;
	}
	close(fd);
	*size = got;
	return data;
}

struct font_file *font_file_open(const char *path, struct inkref_error *err)
{
	struct font_file *file = calloc(1, sizeof(*file));

	if (!file) {
		err_set(err, EXIT_SOFTWARE, path, 0, "out of memory");
		err->reason = ERR_REASON_NO_MEMORY;
		return NULL;
	}
	snprintf(file->path, sizeof(file->path), "%s", path);
	/* Read, not mapped: FreeType reads the font on every glyph and every width, and a
	 * mapping of a file that is rewritten or truncated under the kiosk (a cp over it, an
	 * update) ends it with SIGBUS. The copy in memory is the font as it was when opened;
	 * a new one is picked up when the fonts are opened again (SIGHUP). */
	file->data = read_regular_file(path, FONT_FILE_MAX, &file->size, err);
	if (!file->data) {
		free(file);
		return NULL;
	}
	if (FT_Init_FreeType(&file->library) != 0) {
		err_set(err, EXIT_SOFTWARE, path, 0, "cannot start FreeType (out of memory?)");
		err->reason = ERR_REASON_NO_MEMORY;
		free(file->data);
		free(file);
		return NULL;
	}
	return file;
}

void font_file_close(struct font_file *file)
{
	if (!file)
		return;
	FT_Done_FreeType(file->library);
	free(file->data);
	free(file);
}

struct font *font_open(struct font_file *file, int pixel_size, enum glyph_mode mode,
		       struct inkref_error *err)
{
	struct font *font = calloc(1, sizeof(*font));
	const struct glyph *x;
	FT_Error ft;

	if (!font) {
		err_set(err, EXIT_SOFTWARE, file->path, 0, "out of memory");
		err->reason = ERR_REASON_NO_MEMORY;
		return NULL;
	}
	font->file = file;
	font->pixel_size = pixel_size;
	font->mode = mode;
	if ((ft = FT_New_Memory_Face(file->library, file->data, file->size, 0, &font->face)) != 0) {
		if (ft == FT_Err_Out_Of_Memory) {
			err_set(err, EXIT_SOFTWARE, file->path, 0,
				"out of memory opening the font");
			err->reason = ERR_REASON_NO_MEMORY;
		} else {
			err_set(err, EXIT_DATAERR, file->path, 0,
				"not a font FreeType can read (damaged or truncated?); reinstall "
				"inkref's fonts");
		}
		free(font);
		return NULL;
	}
	if (!FT_IS_SCALABLE(font->face) ||
	    FT_Set_Pixel_Sizes(font->face, 0, (FT_UInt)pixel_size) != 0) {
		err_set(err, EXIT_DATAERR, file->path, 0, "cannot scale this font to %d px",
			pixel_size);
		FT_Done_Face(font->face);
		free(font);
		return NULL;
	}
	font->ascent = (int)((font->face->size->metrics.ascender + 63) >> 6);
	font->descent = (int)((-font->face->size->metrics.descender + 63) >> 6);
	x = font_glyph(font, 'x');
	font->x_height = x ? x->top : pixel_size / 2;
	file->users++;
	return font;
}

static void free_glyph(struct glyph *g)
{
	free(g->bits);
	g->bits = NULL;
}

void font_close(struct font *font)
{
	int p, i;

	if (!font)
		return;
	for (p = 0; p < CACHE_PAGES; p++) {
		if (!font->pages[p])
			continue;
		for (i = 0; i < 256; i++)
			free_glyph(&font->pages[p][i]);
		free(font->pages[p]);
	}
	free_glyph(&font->uncached);
	FT_Done_Face(font->face);
	font->file->users--;
	free(font);
}

/* Packs FreeType's bitmap (mono, or gray cut at half coverage) into g. */
static int pack_bitmap(struct glyph *g, const FT_Bitmap *bm)
{
	unsigned r, c;

	g->width = (uint16_t)bm->width;
	g->rows = (uint16_t)bm->rows;
	g->pitch = (uint16_t)((bm->width + 7) / 8);
	if (g->rows == 0 || g->width == 0)
		return 0;
	g->bits = calloc((size_t)g->rows * g->pitch, 1);
	if (!g->bits)
		return -1;
	for (r = 0; r < bm->rows; r++) {
		const unsigned char *src = bm->buffer + (long)r * bm->pitch;
		uint8_t *dst = g->bits + (size_t)r * g->pitch;
		if (bm->pixel_mode == FT_PIXEL_MODE_MONO) {
			memcpy(dst, src, g->pitch);
			continue;
		}
		for (c = 0; c < bm->width; c++)
			if (src[c] >= 128)
				dst[c / 8] |= (uint8_t)(0x80 >> (c % 8));
	}
	return 0;
}

static int render_glyph(struct font *font, uint32_t codepoint, struct glyph *g)
{
	FT_Int32 load = font->mode == GLYPH_MONO ? (FT_LOAD_TARGET_MONO | FT_LOAD_MONOCHROME)
						 : FT_LOAD_TARGET_LIGHT;
	FT_Render_Mode render =
	    font->mode == GLYPH_MONO ? FT_RENDER_MODE_MONO : FT_RENDER_MODE_LIGHT;
	FT_GlyphSlot slot;

	g->index = FT_Get_Char_Index(font->face, codepoint);
	if (FT_Load_Glyph(font->face, g->index, load) != 0 ||
	    FT_Render_Glyph(font->face->glyph, render) != 0) {
		/* A broken glyph program must not take the screen down: draw nothing, keep spacing.
		 */
		g->advance = (int16_t)(font->pixel_size / 2);
		return 0;
	}
	slot = font->face->glyph;
	g->left = (int16_t)slot->bitmap_left;
	g->top = (int16_t)slot->bitmap_top;
	g->advance = (int16_t)((slot->advance.x + 32) >> 6);
	return pack_bitmap(g, &slot->bitmap);
}

const struct glyph *font_glyph(struct font *font, uint32_t codepoint)
{
	struct glyph *page, *g;

	if (codepoint >= CACHE_PAGES * 256) {
		free_glyph(&font->uncached);
		memset(&font->uncached, 0, sizeof(font->uncached));
		return render_glyph(font, codepoint, &font->uncached) == 0 ? &font->uncached : NULL;
	}
	page = font->pages[codepoint >> 8];
	if (!page) {
		page = calloc(256, sizeof(*page));
		if (!page)
			return NULL;
		font->pages[codepoint >> 8] = page;
	}
	g = &page[codepoint & 0xff];
	if (!g->loaded) {
		if (render_glyph(font, codepoint, g) < 0)
			return NULL;
		g->loaded = true;
	}
	return g;
}

bool font_has_glyph(struct font *font, uint32_t codepoint)
{
	return FT_Get_Char_Index(font->face, codepoint) != 0;
}

static int kerning(struct font *font, uint32_t left, uint32_t right)
{
	FT_Vector delta;

	if (!FT_HAS_KERNING(font->face) || !left || !right)
		return 0;
	if (FT_Get_Kerning(font->face, left, right, FT_KERNING_DEFAULT, &delta) != 0)
		return 0;
	return (int)((delta.x + 32) >> 6);
}

/* Pen positions stop at FONT_WIDTH_MAX rather than overflow: a run that wide (a word of
 * millions of letters) is far wider than any line, measured as such, and split. */
static int pen_add(int pen, int delta)
{
	long sum = (long)pen + delta;

	return sum > FONT_WIDTH_MAX    ? FONT_WIDTH_MAX
	       : sum < -FONT_WIDTH_MAX ? -FONT_WIDTH_MAX
				       : (int)sum;
}

void font_walk_begin(struct glyph_walk *walk, struct font *font, const char *text, size_t len)
{
	*walk = (struct glyph_walk){font, text, len, 0, 0, 0, 0};
}

const struct glyph *font_walk_next(struct glyph_walk *walk)
{
	while (walk->at < walk->len) {
		uint32_t cp;
		int n = utf8_decode(walk->text + walk->at, walk->len - walk->at, &cp);
		const struct glyph *g;
		if (n < 0)
			n = 1, cp = 0xfffd;
		walk->at += (size_t)n;
		g = font_glyph(walk->font, cp);
		if (!g)
			continue;
		/* The previous glyph is kept by index: the slot for rare code points is reused. */
		walk->pen = pen_add(walk->next_pen,
				    walk->prev ? kerning(walk->font, walk->prev, g->index) : 0);
		walk->next_pen = pen_add(walk->pen, g->advance);
		walk->prev = g->index;
		return g;
	}
	walk->pen = walk->next_pen;
	return NULL;
}

int font_ascent(const struct font *font)
{
	return font->ascent;
}

int font_descent(const struct font *font)
{
	return font->descent;
}

int font_pixel_size(const struct font *font)
{
	return font->pixel_size;
}

int font_x_height(const struct font *font)
{
	return font->x_height;
}

int font_text_width(struct font *font, const char *text, size_t len)
{
	struct glyph_walk walk;

	font_walk_begin(&walk, font, text, len);
	while (font_walk_next(&walk))
		;
	return walk.pen;
}
