/* SPDX-License-Identifier: MIT */
/* font: one FreeType face per font file, a FreeType size per pixel size on it (a face per
 * size cost 20 KiB each, eight of them in the kiosk), glyph cache keyed by code point in blocks
 * of 64 made as they are used. */
#include "font.h"

#include <errno.h>
#include <fcntl.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <ft2build.h>
#include FT_FREETYPE_H
#include FT_OUTLINE_H
#include FT_SIZES_H

#include "utf8.h"

struct font_file {
	FT_Library library;
	unsigned char *data; /* the private copy: mapped (a memfd) or in the heap */
	long size;
	bool mapped;
	FT_Face face; /* made by the first font_open, shared by every size */
	char path[256];
	int users;
};

#define CACHE_PAGES 256 /* covers U+0000..U+FFFF; rarer code points are looked up each time */
/* A page's 256 code points in blocks of 64, each made when one of its code points is first
 * drawn: the kiosk's text uses a few dozen code points of U+2000-U+20FF and U+2500-U+25FF
 * (dashes, bullets, arrows), and a whole 256-glyph page for each was 6 KiB a font. */
#define CACHE_BLOCK 64

struct glyph_block {
	uint64_t loaded; /* bit i: glyphs[i] is filled */
	struct glyph glyphs[CACHE_BLOCK];
};

struct glyph_page {
	struct glyph_block *blocks[256 / CACHE_BLOCK];
};

struct font {
	struct font_file *file;
	FT_Face face; /* the file's */
	FT_Size size; /* this font's: active on face whenever FreeType loads or kerns for it */
	int pixel_size;
	enum glyph_mode mode;
	int ascent, descent, x_height;
	struct glyph_page *pages[CACHE_PAGES];
	struct glyph uncached; /* the last code point outside the cache */
};

/* Copies size bytes of fd into out (another descriptor, or NULL), else into heap (NULL:
 * nowhere). Returns 0, or -1 with err set when the file ends early or cannot be read. */
static int copy_font(int fd, int out, unsigned char *heap, long size, const char *path,
		     struct inkref_error *err)
{
	unsigned char buf[65536];
	long got = 0;

	while (got < size) {
		size_t want =
		    (size_t)(size - got) < sizeof(buf) ? (size_t)(size - got) : sizeof(buf);
		ssize_t n = read(fd, heap ? heap + got : buf, want);
		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0) {
			err_set(err, EXIT_IOERR, path, 0, "cannot read the font file: %s",
				n < 0 ? strerror(errno) : "it was cut short while being read");
			return -1;
		}
		if (!heap) {
			ssize_t done = 0;
			while (done < n) {
				ssize_t w = write(out, buf + done, (size_t)(n - done));
				if (w < 0 && errno == EINTR)
					continue;
				if (w <= 0) {
					err_set(err, EXIT_SOFTWARE, path, 0,
						"out of memory copying the font");
					err->reason = ERR_REASON_NO_MEMORY;
					return -1;
				}
				done += w;
			}
		}
		got += n;
	}
	return 0;
}

/* The font as it was when opened, in a private copy no change to the file can reach. A
 * mapping of the file itself ended the kiosk with SIGBUS when the file was rewritten or
 * truncated under it (a cp over it, an update), and FreeType reads the font on every glyph
 * and width. The copy is a sealed memfd, mapped read-only: as with the file mapped, only the
 * pages FreeType touches count in the kiosk's resident memory. Where memfd is not there, the
 * copy is read into the heap. A changed font is picked up when the fonts are opened again
 * (SIGHUP). The file is opened without blocking, so a FIFO in its place is refused rather
 * than waited on forever. */
static int copy_regular_file(struct font_file *file, const char *path, struct inkref_error *err)
{
	struct stat st;
	int fd = open(path, O_RDONLY | O_CLOEXEC | O_NONBLOCK), copy = -1, rc = -1;

	if (fd < 0) {
		err_set(err, errno == ENOENT ? EXIT_NOINPUT : EXIT_IOERR, path, 0,
			"cannot open the font: %s; reinstall inkref's fonts", strerror(errno));
		return -1;
	}
	if (fstat(fd, &st) < 0 || !S_ISREG(st.st_mode) || st.st_size <= 0 ||
	    st.st_size > FONT_FILE_MAX) {
		if (S_ISREG(st.st_mode) && st.st_size > FONT_FILE_MAX)
			err_set(err, EXIT_DATAERR, path, 0,
				"the font is %lld bytes; the limit is %ld", (long long)st.st_size,
				FONT_FILE_MAX);
		else
			err_set(err, EXIT_DATAERR, path, 0,
				"not a font: %s; reinstall inkref's fonts",
				!S_ISREG(st.st_mode) ? "not a regular file" : "empty");
		goto out;
	}
	file->size = (long)st.st_size;
	copy = memfd_create("inkref-font", MFD_CLOEXEC | MFD_ALLOW_SEALING);
	if (copy >= 0) {
		void *at;
		if (copy_font(fd, copy, NULL, file->size, path, err) < 0)
			goto out;
		fcntl(copy, F_ADD_SEALS, F_SEAL_SHRINK | F_SEAL_GROW | F_SEAL_WRITE | F_SEAL_SEAL);
		at = mmap(NULL, (size_t)file->size, PROT_READ, MAP_PRIVATE, copy, 0);
		if (at == MAP_FAILED) {
			err_set(err, EXIT_SOFTWARE, path, 0, "out of memory mapping the font");
			err->reason = ERR_REASON_NO_MEMORY;
			goto out;
		}
		file->data = at;
		file->mapped = true;
		rc = 0;
		goto out;
	}
	file->data = malloc((size_t)file->size);
	if (!file->data) {
		err_set(err, EXIT_SOFTWARE, path, 0, "out of memory reading the font");
		err->reason = ERR_REASON_NO_MEMORY;
		goto out;
	}
	rc = copy_font(fd, -1, file->data, file->size, path, err);
	if (rc < 0) {
		free(file->data);
		file->data = NULL;
	}
out:
	if (copy >= 0)
		close(copy);
	close(fd);
	return rc;
}

static void release_copy(struct font_file *file)
{
	if (file->mapped)
		munmap(file->data, (size_t)file->size);
	else
		free(file->data);
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
	if (copy_regular_file(file, path, err) < 0) {
		free(file);
		return NULL;
	}
	if (FT_Init_FreeType(&file->library) != 0) {
		err_set(err, EXIT_SOFTWARE, path, 0, "cannot start FreeType (out of memory?)");
		err->reason = ERR_REASON_NO_MEMORY;
		release_copy(file);
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
	release_copy(file);
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
	if (!file->face &&
	    (ft = FT_New_Memory_Face(file->library, file->data, file->size, 0, &file->face)) != 0) {
		file->face = NULL;
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
	font->face = file->face;
	if (FT_New_Size(font->face, &font->size) != 0) {
		err_set(err, EXIT_SOFTWARE, file->path, 0, "out of memory opening the font");
		err->reason = ERR_REASON_NO_MEMORY;
		free(font);
		return NULL;
	}
	if (!FT_IS_SCALABLE(font->face) || FT_Activate_Size(font->size) != 0 ||
	    FT_Set_Pixel_Sizes(font->face, 0, (FT_UInt)pixel_size) != 0) {
		err_set(err, EXIT_DATAERR, file->path, 0, "cannot scale this font to %d px",
			pixel_size);
		FT_Done_Size(font->size);
		free(font);
		return NULL;
	}
	font->ascent = (int)((font->size->metrics.ascender + 63) >> 6);
	font->descent = (int)((-font->size->metrics.descender + 63) >> 6);
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
	int p, b, i;

	if (!font)
		return;
	for (p = 0; p < CACHE_PAGES; p++) {
		if (!font->pages[p])
			continue;
		for (b = 0; b < 256 / CACHE_BLOCK; b++) {
			struct glyph_block *block = font->pages[p]->blocks[b];
			if (!block)
				continue;
			for (i = 0; i < CACHE_BLOCK; i++)
				free_glyph(&block->glyphs[i]);
			free(block);
		}
		free(font->pages[p]);
	}
	free_glyph(&font->uncached);
	FT_Done_Size(font->size);
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

/* The loaded glyph's outline is wider or taller than limit pixels. */
static bool outline_too_big(const struct font *font, long limit)
{
	FT_GlyphSlot slot = font->face->glyph;
	FT_BBox box;

	if (slot->format != FT_GLYPH_FORMAT_OUTLINE)
		return false; /* a bitmap glyph: its size is checked once it is one */
	FT_Outline_Get_CBox(&slot->outline, &box);
	return (box.xMax - box.xMin) / 64 > limit || (box.yMax - box.yMin) / 64 > limit;
}

static int render_glyph(struct font *font, uint32_t codepoint, struct glyph *g)
{
	FT_Int32 load = font->mode == GLYPH_MONO ? (FT_LOAD_TARGET_MONO | FT_LOAD_MONOCHROME)
						 : FT_LOAD_TARGET_LIGHT;
	FT_Render_Mode render =
	    font->mode == GLYPH_MONO ? FT_RENDER_MODE_MONO : FT_RENDER_MODE_LIGHT;
	FT_GlyphSlot slot;

	long limit = (long)FONT_GLYPH_EMS * font->pixel_size, advance;

	g->index = FT_Get_Char_Index(font->face, codepoint);
	FT_Activate_Size(font->size);
	if (FT_Load_Glyph(font->face, g->index, load) != 0 || outline_too_big(font, limit) ||
	    FT_Render_Glyph(font->face->glyph, render) != 0 ||
	    font->face->glyph->bitmap.width > (unsigned)limit ||
	    font->face->glyph->bitmap.rows > (unsigned)limit) {
		/* A broken glyph program, or a glyph far larger than any letter, must not take
		 * the screen down (nor a gigabyte to render): draw nothing, keep spacing. */
		g->advance = (int16_t)(font->pixel_size / 2);
		return 0;
	}
	slot = font->face->glyph;
	g->left = (int16_t)(slot->bitmap_left < -limit	? -limit
			    : slot->bitmap_left > limit ? limit
							: slot->bitmap_left);
	g->top = (int16_t)(slot->bitmap_top < -limit  ? -limit
			   : slot->bitmap_top > limit ? limit
						      : slot->bitmap_top);
	advance = (long)((slot->advance.x + 32) >> 6);
	g->advance = (int16_t)(advance < 0 ? 0 : advance > limit ? limit : advance);
	return pack_bitmap(g, &slot->bitmap);
}

const struct glyph *font_glyph(struct font *font, uint32_t codepoint)
{
	struct glyph_page *page;
	struct glyph_block *block;
	struct glyph *g;
	uint64_t bit = (uint64_t)1 << (codepoint % CACHE_BLOCK);

	if (codepoint >= CACHE_PAGES * 256) {
		free_glyph(&font->uncached);
		memset(&font->uncached, 0, sizeof(font->uncached));
		return render_glyph(font, codepoint, &font->uncached) == 0 ? &font->uncached : NULL;
	}
	page = font->pages[codepoint >> 8];
	if (!page) {
		page = calloc(1, sizeof(*page));
		if (!page)
			return NULL;
		font->pages[codepoint >> 8] = page;
	}
	block = page->blocks[(codepoint & 0xff) / CACHE_BLOCK];
	if (!block) {
		block = calloc(1, sizeof(*block));
		if (!block)
			return NULL;
		page->blocks[(codepoint & 0xff) / CACHE_BLOCK] = block;
	}
	g = &block->glyphs[codepoint % CACHE_BLOCK];
	if (!(block->loaded & bit)) {
		if (render_glyph(font, codepoint, g) < 0)
			return NULL;
		block->loaded |= bit;
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
	FT_Activate_Size(font->size);
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
