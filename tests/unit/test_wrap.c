/* SPDX-License-Identifier: MIT */
/* test_wrap: the plain-text line filler: every line fits, nothing is lost, each line is as
 * full as it can be, a number keeps its unit, spaces hang, and a word wider than the line is
 * cut into pieces that fit. */
#include "../test.h"
#include "breaks.h"
#include "font.h"
#include "wrap.h"

#define MAX_LINES 64

struct lines {
	int count;
	size_t start[MAX_LINES], len[MAX_LINES];
};

static struct font_file *font_file;

static struct font *open_font(int px)
{
	struct inkref_error err;

	err_clear(&err);
	if (!font_file)
		font_file = font_file_open(TEST_FONTS "/DejaVuSans.ttf", &err);
	return font_file ? font_open(font_file, px, GLYPH_MONO, &err) : NULL;
}

static void wrap_all(struct font *font, const char *text, int width, struct lines *out)
{
	size_t len = strlen(text), start = 0;
	char breaks[512];

	out->count = 0;
	breaks_find(text, len, breaks);
	while (start < len && out->count < MAX_LINES) {
		size_t next;
		out->start[out->count] = start;
		out->len[out->count] = wrap_line(font, text, len, breaks, start, width, &next);
		out->count++;
		CHECK(next > start);
		if (next <= start)
			return;
		start = next;
	}
}

static const char notice[] =
    "Magnesium from food is safe; from supplements the upper limit for adults is 350 mg a "
    "day. An ounce (28 g) of almonds gives about 80 mg. Ask a pharmacist before you take it "
    "with antibiotics or medicines for the bones.";

static void lines_fit_and_lose_nothing(void)
{
	struct font *font = open_font(16);
	int width;

	CHECK(font != NULL);
	if (!font)
		return;
	for (width = 60; width <= 400; width += 7) {
		struct lines l;
		size_t at = 0;
		int i;
		wrap_all(font, notice, width, &l);
		for (i = 0; i < l.count; i++) {
			CHECK(font_text_width(font, notice + l.start[i], l.len[i]) <= width);
			/* The text again, line after line, with the spaces between them. */
			CHECK_INT(l.start[i], at);
			at = l.start[i] + l.len[i];
			while (notice[at] == ' ')
				at++;
			CHECK(notice[l.start[i] + l.len[i] - 1] != ' ');
		}
		CHECK_INT(at, strlen(notice));
	}
	font_close(font);
}

/* Greedy, as the layout is: the next line's first word would not have fitted on this one. */
static void each_line_is_as_full_as_it_can_be(void)
{
	struct font *font = open_font(16);
	char breaks[512];
	int width;

	CHECK(font != NULL);
	if (!font)
		return;
	breaks_find(notice, strlen(notice), breaks);
	for (width = 80; width <= 400; width += 11) {
		struct lines l;
		int i;
		wrap_all(font, notice, width, &l);
		for (i = 0; i + 1 < l.count; i++) {
			size_t word = l.start[i + 1];
			while (breaks[word] == BREAK_NEVER)
				word++;
			while (word > l.start[i + 1] && notice[word] == ' ')
				word--;
			CHECK(font_text_width(font, notice + l.start[i], word + 1 - l.start[i]) >
			      width);
		}
	}
	font_close(font);
}

static void a_number_keeps_its_unit(void)
{
	struct font *font = open_font(16);
	int width;

	CHECK(font != NULL);
	if (!font)
		return;
	for (width = 60; width <= 400; width++) {
		struct lines l;
		int i;
		wrap_all(font, notice, width, &l);
		for (i = 0; i + 1 < l.count; i++) {
			const char *next = notice + l.start[i + 1];
			CHECK(strncmp(next, "mg", 2) != 0 && strncmp(next, "g)", 2) != 0);
		}
	}
	font_close(font);
}

/* A space past the width does not push the word before it onto the next line. */
static void spaces_hang(void)
{
	struct font *font = open_font(16);
	const char text[] = "almonds cashews";
	char breaks[32];
	size_t next;

	CHECK(font != NULL);
	if (!font)
		return;
	breaks_find(text, strlen(text), breaks);
	CHECK_INT(wrap_line(font, text, strlen(text), breaks, 0,
			    font_text_width(font, "almonds", 7), &next),
		  7);
	CHECK_INT(next, 8);
	CHECK_INT(wrap_line(font, text, strlen(text), breaks, next, 1000, &next), 7);
	CHECK_INT(next, strlen(text));
	font_close(font);
}

/* A word wider than the line: pieces that fit, an address cut after a dot or a slash. */
static void a_long_word_is_cut_into_pieces_that_fit(void)
{
	struct font *font = open_font(16);
	const char address[] = "www.ods.od.nih.gov.factsheets.example.org";
	struct lines l;
	int i, width = 100;

	CHECK(font != NULL);
	if (!font)
		return;
	wrap_all(font, address, width, &l);
	CHECK(l.count > 2);
	for (i = 0; i < l.count; i++) {
		char last = address[l.start[i] + l.len[i] - 1];
		CHECK(font_text_width(font, address + l.start[i], l.len[i]) <= width);
		if (i + 1 < l.count)
			CHECK(last == '.');
	}
	/* Narrower than one glyph: still one glyph a line, and an end. */
	wrap_all(font, "mg", 1, &l);
	CHECK_INT(l.count, 2);
	CHECK_INT(l.len[0], 1);
	font_close(font);
}

static void blank_text_makes_no_line(void)
{
	struct font *font = open_font(16);
	const char text[] = "   ";
	char breaks[4];
	size_t next;

	CHECK(font != NULL);
	if (!font)
		return;
	breaks_find(text, 3, breaks);
	CHECK_INT(wrap_line(font, text, 3, breaks, 0, 100, &next), 0);
	CHECK_INT(next, 3);
	font_close(font);
	font_file_close(font_file);
	font_file = NULL;
}

const struct test_case wrap_tests[] = {
    TEST_CASE(wrap, lines_fit_and_lose_nothing),
    TEST_CASE(wrap, each_line_is_as_full_as_it_can_be),
    TEST_CASE(wrap, a_number_keeps_its_unit),
    TEST_CASE(wrap, spaces_hang),
    TEST_CASE(wrap, a_long_word_is_cut_into_pieces_that_fit),
    TEST_CASE(wrap, blank_text_makes_no_line),
    {NULL, NULL, NULL},
};
