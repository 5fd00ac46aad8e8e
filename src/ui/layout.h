/* SPDX-License-Identifier: MIT */
/* layout: turns a page's blocks into positioned text runs and rules, then cuts them into
 * screens. Lines break where the Unicode rules allow (and never between a number and its
 * unit), hyphenated where a word would not fit or would leave a short line. Table rows and
 * lines never split across screens; a heading stays with what follows it; a paragraph, a
 * table and a record never leave one line or one row alone on a screen; the sources line
 * never takes a screen of its own; a warning stays whole on one screen, in a heavy frame,
 * unless it is taller than a screen. */
#ifndef INKREF_LAYOUT_H
#define INKREF_LAYOUT_H

#include <stdbool.h>
#include <stdint.h>

#include "content.h"
#include "fb.h"
#include "font.h"
#include "hyphenation.h"

enum font_role {
	FONT_REGULAR,
	FONT_BOLD,
	FONT_SMALL,
	FONT_SMALL_BOLD,
	FONT_ROLE_COUNT,
};

struct layout_style {
	struct font *fonts[FONT_ROLE_COUNT];
	int width;	 /* of the text column, pixels */
	int line_height; /* of body text */
	int small_line_height;
	int paragraph_gap; /* extra space before a paragraph */
	int indent;	   /* hanging indent of list items */
	int column_gap;	   /* between table columns */
	/* Where words may take a hyphen (NULL: nowhere). A word wider than a line is
	 * hyphenated on every panel; with hyphenate_short_lines, so is one that would leave a
	 * line less than 3/5 full (narrow columns: the small panels and large text). */
	const struct hyphen_table *hyphens;
	bool hyphenate_short_lines;
};

enum item_kind {
	ITEM_TEXT,
	ITEM_RULE,
	ITEM_QR, /* the page's QR code (page_layout.qr), top-left at x, y */
};

/* One thing to draw, relative to the top-left of its unit. The pointer first and the small
 * fields packed after it: 24 bytes rather than 32, and every page's items stay in memory. */
struct flow_item {
	const char *text;
	int16_t x, y; /* ITEM_TEXT: pen at the baseline; ITEM_RULE: top-left */
	int16_t w,
	    h; /* ITEM_TEXT: the box the text must stay in (box_x..box_x+w); ITEM_RULE: size */
	int16_t box_x;
	uint16_t len;
	uint8_t kind; /* enum item_kind */
	uint8_t font; /* enum font_role */
};

/* The smallest piece pagination moves: a line of text or a table row. */
struct flow_unit {
	int height;
	int space_before; /* dropped at the top of a screen */
	bool keep_with_next;
	bool gap_may_go;  /* space_before may shrink to nothing to keep it on a screen */
	bool heading;	  /* a line of a heading (or of the title) */
	bool sources;	  /* a line of the page's sources line */
	bool hyphenated;  /* ends in half a word and a hyphen the layout put there */
	int table_header; /* a table row: its table's header unit; a record's line: the unit
			     with the record's name; else -1. Repeated atop a screen it starts. */
	int first_item, item_count;
};

struct screen_span {
	int repeat_header; /* a table header unit repeated at the top, or -1 */
	int first_unit, unit_count;
	bool last_gap_dropped; /* the last unit gave up its space_before to fit */
};

struct page_layout {
	struct flow_unit *units;
	int unit_count;
	struct flow_item *items;
	int item_count;
	struct screen_span *screens;
	int screen_count;
	char *strings; /* text made by the layout itself (bullets, numbers, source list) */
	/* A page with a <qr> block: its code, quiet zone included, one bit a module (a tenth
	 * of the memory of the drawn code, kept for every page in both text sizes), drawn
	 * qr_module pixels a module: qr_side pixels square on screen. */
	struct bitmap qr;
	int qr_module;
	int qr_side;
	/* Warnings too tall for one screen, which had to break across screens: the content
	 * linter refuses them, a reader must never see half a warning. */
	int split_warnings;
	/* Warnings set in the small size because they would not fit a screen in this one. */
	int compact_warnings;
};

/* Lays out a page (title, body, its source numbers) for a column of style->width and cuts
 * it into screens of body_height, at least one. Returns NULL only when memory runs out. */
struct page_layout *layout_page(const struct page *page, const struct layout_style *style,
				int body_height);
void layout_free(struct page_layout *layout);

/* Pen advance of one run of text, with kerning, as the layout measures it. */
int layout_run_width(const struct layout_style *style, enum font_role font, const char *text,
		     size_t len);

#endif
