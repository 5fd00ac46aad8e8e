/* SPDX-License-Identifier: MIT */
/* outofservice: the out-of-service screen. A black band with "Out of service" in white reads
 * as a notice from across a counter; below it, what the reader should do, then the fault in
 * smaller type for whoever comes to fix it. */
#include "outofservice.h"

#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include "breaks.h"
#include "paths.h"
#include "render.h"
#include "wrap.h"

struct fault_text {
	const char *name;
	const char *summary; /* ends the sentence "Fault: ..." */
	const char *builtin; /* capitals and spaces only: the built-in alphabet's detail line */
};

static const struct fault_text fault_texts[FAULT_COUNT] = {
    [FAULT_NONE] = {"none", "none.", ""},
    [FAULT_CONTENT_MISSING] = {"content-missing", "the content database is missing.",
			       "CONTENT MISSING"},
    [FAULT_CONTENT_DAMAGED] = {"content-damaged", "the content database is damaged.",
			       "CONTENT DAMAGED"},
    [FAULT_CONTENT_LOCKED] = {"content-locked", "another program is writing the content database.",
			      "CONTENT LOCKED"},
    [FAULT_CONTENT_VERSION] = {"content-version",
			       "the content database is for another version of inkref.",
			       "WRONG CONTENT VERSION"},
    [FAULT_FONT] = {"font", "a font file is missing or damaged.", "FONT FILE MISSING"},
    [FAULT_ASSET] = {"asset", "the logo image is missing or damaged.", "LOGO FILE MISSING"},
    [FAULT_MEMORY] = {"memory", "the kiosk ran out of memory.", "OUT OF MEMORY"},
};

static const char reader_text[] =
    "This reference is not available right now. Please ask a member of staff.";
/* The command stays on one line: no-break spaces, and a non-breaking hyphen (a line may
 * end after a plain one, and "-" alone at a line's end is not something to type). */
static const char staff_text[] = "It retries by itself. Log: journalctl\u00a0\u2011u\u00a0inkref";

const char *fault_name(enum fault_kind fault)
{
	return fault >= 0 && fault < FAULT_COUNT ? fault_texts[fault].name : "unknown";
}

enum fault_kind fault_from_name(const char *name)
{
	int i;

	for (i = FAULT_NONE + 1; i < FAULT_COUNT; i++)
		if (strcmp(name, fault_texts[i].name) == 0)
			return (enum fault_kind)i;
	return FAULT_NONE;
}

enum fault_kind fault_from_content_error(const struct inkref_error *err)
{
	if (err->reason == ERR_REASON_LOCKED)
		return FAULT_CONTENT_LOCKED;
	if (err->reason == ERR_REASON_WRONG_VERSION)
		return FAULT_CONTENT_VERSION;
	if (err->reason == ERR_REASON_NO_MEMORY)
		return FAULT_MEMORY;
	if (err->code == EXIT_NOINPUT)
		return FAULT_CONTENT_MISSING;
	return FAULT_CONTENT_DAMAGED;
}

/* Draws text in lines that fit width, broken as the page layout breaks its lines, one line
 * every line_height from baseline y. Returns the baseline after the last line; sets *fits
 * false when a line would cross bottom. No allocation: it draws the out-of-memory screen. */
static int draw_wrapped(struct fb *fb, struct font *font, const char *text, int x, int y, int width,
			int line_height, int bottom, bool *fits)
{
	char breaks[256]; /* the screen's texts are ours, and shorter */
	size_t len = strnlen(text, sizeof(breaks)), start = 0;
	struct rect clip = {0, 0, fb->width, fb->height};

	breaks_find(text, len, breaks);
	while (start < len) {
		size_t next, line = wrap_line(font, text, len, breaks, start, width, &next);
		if (y + font_descent(font) > bottom) {
			*fits = false;
			return y;
		}
		render_text(fb, font, text + start, line, x, y, true, clip);
		y += line_height;
		start = next;
	}
	return y;
}

struct oos_result oos_draw(struct fb *fb, const struct panel_model *panel, enum fault_kind fault,
			   const struct oos_fonts *fonts)
{
	char regular_path[4096], bold_path[4096], fault_line[160];
	struct inkref_error err;
	struct font_file *regular_file = NULL, *bold_file = NULL;
	struct font *title = NULL, *body = NULL, *small = NULL;
	struct oos_result result = {true, true};
	int title_px = panel->large_body_px, band, x = panel->margin, y;
	int width = panel->width - 2 * panel->margin, bottom = panel->height - panel->chrome_px / 3;

	if (fonts && fonts->regular)
		snprintf(regular_path, sizeof(regular_path), "%s", fonts->regular);
	else
		paths_data_file("fonts/DejaVuSans.ttf", regular_path, sizeof(regular_path));
	if (fonts && fonts->bold)
		snprintf(bold_path, sizeof(bold_path), "%s", fonts->bold);
	else
		paths_data_file("fonts/DejaVuSans-Bold.ttf", bold_path, sizeof(bold_path));
	err_clear(&err);
	/* Either face will do for all three roles: a kiosk with one font left still says why. */
	regular_file = font_file_open(regular_path, &err);
	err_clear(&err);
	bold_file = font_file_open(bold_path, &err);
	if (!regular_file && !bold_file)
		return oos_draw_builtin(fb, panel, fault);
	{
		enum glyph_mode mode = fonts ? fonts->glyph_mode : GLYPH_MONO;
		struct font_file *heavy = bold_file ? bold_file : regular_file;
		struct font_file *plain = regular_file ? regular_file : bold_file;
		title = font_open(heavy, title_px, mode, &err);
		body = font_open(plain, panel->body_px, mode, &err);
		small = font_open(plain, panel->chrome_px, mode, &err);
	}
	if (!title || !body || !small) {
		result = oos_draw_builtin(fb, panel, fault);
		goto out;
	}
	fb_clear(fb);
	band = title_px * 8 / 5;
	fb_fill(fb, (struct rect){0, 0, panel->width, band}, true);
	render_text(fb, title, "Out of service", strlen("Out of service"), x,
		    (band + font_ascent(title) - font_descent(title)) / 2, false,
		    (struct rect){0, 0, panel->width, band});
	y = band + panel->body_px / 2 + font_ascent(body);
	y = draw_wrapped(fb, body, reader_text, x, y, width, panel_line_height(panel->body_px),
			 bottom, &result.fits);
	snprintf(fault_line, sizeof(fault_line), "Fault: %s",
		 fault_texts[fault >= 0 && fault < FAULT_COUNT ? fault : FAULT_NONE].summary);
	y += panel->body_px / 2 - panel_line_height(panel->body_px) + font_ascent(small) +
	     font_descent(body);
	y = draw_wrapped(fb, small, fault_line, x, y, width, panel_line_height(panel->chrome_px),
			 bottom, &result.fits);
	draw_wrapped(fb, small, staff_text, x, y, width, panel_line_height(panel->chrome_px),
		     bottom, &result.fits);
out:
	font_close(title);
	font_close(body);
	font_close(small);
	font_file_close(regular_file);
	font_file_close(bold_file);
	return result;
}

/* The built-in alphabet: 5 x 7 capitals, one byte per row, bit 4 the leftmost column. Only
 * for when no font file loads; its few lines are all capitals. */
static const uint8_t builtin_glyphs[26][7] = {
    {0x0e, 0x11, 0x11, 0x1f, 0x11, 0x11, 0x11}, /* A */
    {0x1e, 0x11, 0x11, 0x1e, 0x11, 0x11, 0x1e}, /* B */
    {0x0e, 0x11, 0x10, 0x10, 0x10, 0x11, 0x0e}, /* C */
    {0x1e, 0x11, 0x11, 0x11, 0x11, 0x11, 0x1e}, /* D */
    {0x1f, 0x10, 0x10, 0x1e, 0x10, 0x10, 0x1f}, /* E */
    {0x1f, 0x10, 0x10, 0x1e, 0x10, 0x10, 0x10}, /* F */
    {0x0e, 0x11, 0x10, 0x17, 0x11, 0x11, 0x0f}, /* G */
    {0x11, 0x11, 0x11, 0x1f, 0x11, 0x11, 0x11}, /* H */
    {0x0e, 0x04, 0x04, 0x04, 0x04, 0x04, 0x0e}, /* I */
    {0x07, 0x02, 0x02, 0x02, 0x02, 0x12, 0x0c}, /* J */
    {0x11, 0x12, 0x14, 0x18, 0x14, 0x12, 0x11}, /* K */
    {0x10, 0x10, 0x10, 0x10, 0x10, 0x10, 0x1f}, /* L */
    {0x11, 0x1b, 0x15, 0x15, 0x11, 0x11, 0x11}, /* M */
    {0x11, 0x11, 0x19, 0x15, 0x13, 0x11, 0x11}, /* N */
    {0x0e, 0x11, 0x11, 0x11, 0x11, 0x11, 0x0e}, /* O */
    {0x1e, 0x11, 0x11, 0x1e, 0x10, 0x10, 0x10}, /* P */
    {0x0e, 0x11, 0x11, 0x11, 0x15, 0x12, 0x0d}, /* Q */
    {0x1e, 0x11, 0x11, 0x1e, 0x14, 0x12, 0x11}, /* R */
    {0x0f, 0x10, 0x10, 0x0e, 0x01, 0x01, 0x1e}, /* S */
    {0x1f, 0x04, 0x04, 0x04, 0x04, 0x04, 0x04}, /* T */
    {0x11, 0x11, 0x11, 0x11, 0x11, 0x11, 0x0e}, /* U */
    {0x11, 0x11, 0x11, 0x11, 0x11, 0x0a, 0x04}, /* V */
    {0x11, 0x11, 0x11, 0x15, 0x15, 0x15, 0x0a}, /* W */
    {0x11, 0x11, 0x0a, 0x04, 0x0a, 0x11, 0x11}, /* X */
    {0x11, 0x11, 0x0a, 0x04, 0x04, 0x04, 0x04}, /* Y */
    {0x1f, 0x01, 0x02, 0x04, 0x08, 0x10, 0x1f}, /* Z */
};

/* A line of capitals at scale pixels per dot; each letter is 6 dots wide with its gap. */
static void builtin_text(struct fb *fb, const char *text, int x, int y, int scale, bool ink)
{
	for (; *text; text++, x += 6 * scale) {
		int row, column;
		if (*text < 'A' || *text > 'Z')
			continue;
		for (row = 0; row < 7; row++)
			for (column = 0; column < 5; column++)
				if (builtin_glyphs[*text - 'A'][row] & (0x10 >> column))
					fb_fill(fb,
						(struct rect){x + column * scale, y + row * scale,
							      scale, scale},
						ink);
	}
}

static int builtin_width(const char *text, int scale)
{
	return ((int)strlen(text) * 6 - 1) * scale;
}

struct oos_result oos_draw_builtin(struct fb *fb, const struct panel_model *panel,
				   enum fault_kind fault)
{
	static const char title[] = "OUT OF SERVICE", reader[] = "PLEASE ASK STAFF";
	const char *detail =
	    fault_texts[fault >= 0 && fault < FAULT_COUNT ? fault : FAULT_NONE].builtin;
	struct oos_result result = {false, true};
	int width = panel->width - 2 * panel->margin;
	/* The largest whole scale at which the longest line fits, the detail line at half. */
	int scale = width / builtin_width(reader, 1), small, band, y;

	if (scale < 1)
		scale = 1;
	small = scale / 2 > 0 ? scale / 2 : 1;
	fb_clear(fb);
	band = 11 * scale;
	fb_fill(fb, (struct rect){0, 0, panel->width, band}, true);
	builtin_text(fb, title, panel->margin, 2 * scale, scale, false);
	y = band + 3 * scale;
	builtin_text(fb, reader, panel->margin, y, scale, true);
	y += 10 * scale;
	builtin_text(fb, detail, panel->margin, y, small, true);
	result.fits = builtin_width(title, scale) <= width &&
		      builtin_width(detail, small) <= width && y + 7 * small <= panel->height;
	return result;
}
