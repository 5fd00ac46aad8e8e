/* SPDX-License-Identifier: MIT */
/* fuzz_font: arbitrary bytes as a font file, opened through font.c as the kiosk opens its
 * fonts: read into memory, opened by FreeType at the panels' body sizes in both glyph modes,
 * then glyphs rendered and text measured. A file that is refused names the file, as bad data
 * (or as missing: never a crash); a font that opens gives glyphs whose bitmaps are as large as
 * they say and widths that never go negative for plain text. */
#include <string.h>

#include "font.h"
#include "fuzz.h"

static const char sample[] = "Wx W\xc3\xa9x \xe2\x80\x94 \xf0\x9f\x98\x80 Magnesium 350 mg";

static void exercise(struct font *font, int size)
{
	static const uint32_t points[] = {'x', 'W', ' ', 0xe9, 0x2014, 0x1f600, 0, 0xfffd};
	size_t i;
	int w;

	for (i = 0; i < sizeof(points) / sizeof(points[0]); i++) {
		const struct glyph *g = font_glyph(font, points[i]);
		FUZZ_CHECK(g != NULL);
		FUZZ_CHECK(g->pitch == (g->width + 7) / 8);
		/* A glyph's bitmap and advance stay within a few ems: a font claiming a glyph of
		 * a million pixels made FreeType render it (a gigabyte, seconds per glyph). */
		FUZZ_CHECK(g->width <= FONT_GLYPH_EMS * size && g->rows <= FONT_GLYPH_EMS * size);
		FUZZ_CHECK(g->advance >= 0 && g->advance <= FONT_GLYPH_EMS * size);
		FUZZ_CHECK((g->width && g->rows) ? g->bits != NULL : 1);
		(void)font_has_glyph(font, points[i]);
	}
	w = font_text_width(font, sample, sizeof(sample) - 1);
	FUZZ_CHECK(w <= FONT_WIDTH_MAX && w >= -FONT_WIDTH_MAX);
	FUZZ_CHECK(font_pixel_size(font) > 0);
	(void)font_ascent(font);
	(void)font_descent(font);
	(void)font_x_height(font);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static const int sizes[] = {15, 36, 54};
	const char *path = fuzz_file(0, data, size);
	struct inkref_error err;
	struct font_file *file;
	size_t i;

	err_clear(&err);
	file = font_file_open(path, &err);
	if (!file) {
		FUZZ_CHECK(err.code == EXIT_DATAERR || err.code == EXIT_NOINPUT);
		FUZZ_CHECK(strcmp(err.file, path) == 0 && err.message[0]);
		return 0;
	}
	for (i = 0; i < sizeof(sizes) / sizeof(sizes[0]); i++) {
		struct font *font;
		err_clear(&err);
		font = font_open(file, sizes[i], i == 1 ? GLYPH_THRESHOLD : GLYPH_MONO, &err);
		if (!font) {
			FUZZ_CHECK(err.code == EXIT_DATAERR);
			FUZZ_CHECK(strcmp(err.file, path) == 0 && err.message[0]);
			continue;
		}
		exercise(font, sizes[i]);
		font_close(font);
	}
	font_file_close(file);
	return 0;
}
