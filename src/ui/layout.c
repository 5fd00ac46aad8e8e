/* SPDX-License-Identifier: MIT */
/* layout: greedy line filling over words made of styled pieces, table column fitting, and
 * screen cutting. */
#include "layout.h"

#include <qrencode.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "utf8.h"

struct builder {
	const struct layout_style *style;
	struct page_layout *out;
	int unit_cap, item_cap;
	size_t strings_len, strings_cap; /* out->strings arena */
	bool failed;
	/* A QR code floats at the top right of the first screen: lines that start above
	 * float_bottom are float_width narrower. */
	int float_width, float_bottom;
	/* The first and last unit of each warning, to check after pagination that each one
	 * landed on a single screen. */
	int (*warnings)[2];
	int warning_count, warning_cap;
	int body_height; /* of a screen */
};

/* How far down the page the next unit starts. */
static int flow_height(const struct builder *b)
{
	int y = 0, u;

	for (u = 0; u < b->out->unit_count; u++)
		y += b->out->units[u].space_before + b->out->units[u].height;
	return y;
}

/* A word is up to 8 pieces: runs of one font between ** markers. */
#define MAX_PIECES 8

struct piece {
	const char *text;
	size_t len;
	uint8_t font;
	int width;
};

struct word {
	struct piece pieces[MAX_PIECES];
	int count;
	int width;
};

int layout_run_width(const struct layout_style *style, enum font_role font, const char *text,
		     size_t len)
{
	return font_text_width(style->fonts[font], text, len);
}

static int begin_unit(struct builder *b, int height, int space_before, bool keep_with_next,
		      int table_header)
{
	struct flow_unit *u;

	if (b->out->unit_count == b->unit_cap) {
		int cap = b->unit_cap ? b->unit_cap * 2 : 64;
		struct flow_unit *grown = realloc(b->out->units, (size_t)cap * sizeof(*grown));
		if (!grown) {
			b->failed = true;
			return -1;
		}
		b->out->units = grown;
		b->unit_cap = cap;
	}
	u = &b->out->units[b->out->unit_count];
	u->height = height;
	u->space_before = space_before;
	u->keep_with_next = keep_with_next;
	u->table_header = table_header;
	u->first_item = b->out->item_count;
	u->item_count = 0;
	return b->out->unit_count++;
}

/* Adds an item to the last unit. Returns it, or NULL once memory has run out (b->failed): a
 * caller that goes on to change the item must check. */
static struct flow_item *add_item(struct builder *b, enum item_kind kind, enum font_role font,
				  int x, int y, int w, int h, const char *text, size_t len)
{
	struct flow_item *it;

	if (b->failed || b->out->unit_count == 0)
		return NULL;
	if (b->out->item_count == b->item_cap) {
		int cap = b->item_cap ? b->item_cap * 2 : 256;
		struct flow_item *grown = realloc(b->out->items, (size_t)cap * sizeof(*grown));
		if (!grown) {
			b->failed = true;
			return NULL;
		}
		b->out->items = grown;
		b->item_cap = cap;
	}
	it = &b->out->items[b->out->item_count++];
	it->kind = (uint8_t)kind;
	it->font = (uint8_t)font;
	it->x = (int16_t)x;
	it->box_x = (int16_t)x;
	it->y = (int16_t)y;
	it->w = (int16_t)w;
	it->h = (int16_t)h;
	it->text = text;
	it->len = (uint16_t)len;
	b->out->units[b->out->unit_count - 1].item_count++;
	return it;
}

/* Adds an item to unit u, which need not be the last: the items after it move up one. */
static void add_item_to_unit(struct builder *b, int u, enum item_kind kind, int x, int y, int w,
			     int h)
{
	struct flow_unit *unit;
	int end, i;

	if (!add_item(b, kind, FONT_REGULAR, x, y, w, h, NULL, 0))
		return;
	b->out->units[b->out->unit_count - 1].item_count--;
	unit = &b->out->units[u];
	end = unit->first_item + unit->item_count;
	{
		struct flow_item moved = b->out->items[b->out->item_count - 1];
		for (i = b->out->item_count - 1; i > end; i--)
			b->out->items[i] = b->out->items[i - 1];
		b->out->items[end] = moved;
	}
	unit->item_count++;
	for (i = u + 1; i < b->out->unit_count; i++)
		b->out->units[i].first_item++;
}

/* Keeps text the layout makes. The arena is sized up front (see layout_page) and never
 * moves, so items can point into it. */
static const char *keep_string(struct builder *b, const char *s)
{
	size_t len = strlen(s) + 1;
	char *at;

	if (b->strings_len + len > b->strings_cap) {
		b->failed = true;
		return NULL;
	}
	at = b->out->strings + b->strings_len;
	memcpy(at, s, len);
	b->strings_len += len;
	return at;
}

/* Reads the next word of text starting at *at; bold flips at each "**". Returns false at end. */
static bool next_word(const struct layout_style *style, const char **at, bool *bold,
		      enum font_role regular, enum font_role strong, struct word *w)
{
	const char *s = *at;

	while (*s == ' ')
		s++;
	w->count = 0;
	w->width = 0;
	if (!*s) {
		*at = s;
		return false;
	}
	while (*s && *s != ' ') {
		const char *start;
		if (s[0] == '*' && s[1] == '*') {
			*bold = !*bold;
			s += 2;
			continue;
		}
		start = s;
		while (*s && *s != ' ' && !(s[0] == '*' && s[1] == '*'))
			s++;
		if (w->count < MAX_PIECES) {
			struct piece *p = &w->pieces[w->count++];
			p->text = start;
			p->len = (size_t)(s - start);
			p->font = (uint8_t)(*bold ? strong : regular);
			p->width =
			    layout_run_width(style, (enum font_role)p->font, p->text, p->len);
			w->width += p->width;
		} else {
			/* Absurdly fragmented word: fold the rest into the last piece's font. */
			struct piece *p = &w->pieces[MAX_PIECES - 1];
			p->len = (size_t)(s - p->text);
			w->width -= p->width;
			p->width =
			    layout_run_width(style, (enum font_role)p->font, p->text, p->len);
			w->width += p->width;
		}
	}
	*at = s;
	return true;
}

struct line_box {
	int x, width; /* where lines go, relative to the unit */
	int height, baseline;
	int space_before_first, space_before_rest;
	bool keep_first_with_next; /* headings */
	/* A list marker hung in the indent of the first line, or NULL. */
	const char *marker;
	int marker_x;
};

/* Emits a word that is wider than the line, split at code points into line-wide chunks.
 * Returns the pen x after the last chunk (on a fresh line). */
static int emit_long_word(struct builder *b, const struct line_box *box, const struct piece *p,
			  int *pen, int *unit_lines)
{
	const char *s = p->text, *end = p->text + p->len;

	while (s < end) {
		const char *cut = s;
		int width = 0;
		while (cut < end) {
			uint32_t cp;
			int n = utf8_decode(cut, (size_t)(end - cut), &cp);
			int w;
			if (n < 0)
				n = 1;
			w = layout_run_width(b->style, (enum font_role)p->font, s,
					     (size_t)(cut - s + n));
			if (w > box->width && cut > s)
				break;
			width = w;
			cut += n;
		}
		if (*pen > 0) {
			/* Start the long word on a new line. */
			if (begin_unit(b, box->height, box->space_before_rest, false, -1) < 0)
				return 0;
			(*unit_lines)++;
			*pen = 0;
		}
		add_item(b, ITEM_TEXT, (enum font_role)p->font, box->x, box->baseline, box->width,
			 box->height, s, (size_t)(cut - s));
		*pen = width;
		s = cut;
		if (s < end) {
			if (begin_unit(b, box->height, box->space_before_rest, false, -1) < 0)
				return 0;
			(*unit_lines)++;
			*pen = 0;
		}
	}
	return *pen;
}

/* Letters such as J reach left of their pen position; at the start of a line that would
 * poke into the margin, so the line starts that much later. */
static int lead_in(const struct layout_style *style, const struct piece *p)
{
	uint32_t cp;
	const struct glyph *g;

	if (utf8_decode(p->text, p->len, &cp) < 0)
		return 0;
	g = font_glyph(style->fonts[p->font], cp);
	return g && g->left < 0 ? -g->left : 0;
}

/* Fills lines of box->width with the words of text, one unit per line.
 * Returns the number of lines made. */
static int flow_text(struct builder *b, const struct line_box *box, const char *text,
		     enum font_role regular, enum font_role strong)
{
	int space = font_glyph(b->style->fonts[regular], ' ')->advance;
	const char *at = text;
	bool bold = false;
	struct word w;
	int lines = 0, pen = 0, saved_width = box->width;

	struct line_box narrowed = *box;

	box = &narrowed;
	while (!b->failed && next_word(b->style, &at, &bold, regular, strong, &w)) {
		int i, x;
		if (lines == 0 || (pen > 0 && pen + space + w.width > box->width)) {
			/* Beside the floating QR code the line is shorter. */
			int right = b->style->width - b->float_width;
			narrowed.width = saved_width;
			if (b->float_width && flow_height(b) < b->float_bottom &&
			    box->x + box->width > right)
				narrowed.width = right - box->x;
			if (begin_unit(b, box->height,
				       lines == 0 ? box->space_before_first
						  : box->space_before_rest,
				       lines == 0 && box->keep_first_with_next, -1) < 0)
				break;
			if (lines == 0 && box->marker)
				add_item(b, ITEM_TEXT, FONT_REGULAR, box->marker_x, box->baseline,
					 box->x - box->marker_x, box->height, box->marker,
					 strlen(box->marker));
			lines++;
			pen = 0;
		}
		if (w.width > box->width && w.width <= saved_width && box->width < saved_width) {
			/* Too wide only beside the QR code: carry on below it rather than split. */
			while (!b->failed && flow_height(b) < b->float_bottom)
				if (begin_unit(b, box->height, 0, false, -1) < 0)
					break;
			if (begin_unit(b, box->height, box->space_before_rest, false, -1) < 0)
				break;
			lines++;
			narrowed.width = saved_width;
			pen = 0;
		}
		if (w.width > box->width) {
			for (i = 0; i < w.count; i++) {
				if (pen + w.pieces[i].width <= box->width) {
					struct flow_item *it = add_item(
					    b, ITEM_TEXT, (enum font_role)w.pieces[i].font,
					    box->x + pen, box->baseline, box->width, box->height,
					    w.pieces[i].text, w.pieces[i].len);
					if (!it)
						break;
					it->box_x = (int16_t)box->x;
					pen += w.pieces[i].width;
				} else {
					emit_long_word(b, box, &w.pieces[i], &pen, &lines);
				}
			}
			continue;
		}
		x = pen > 0 ? pen + space : lead_in(b->style, &w.pieces[0]);
		for (i = 0; i < w.count; i++) {
			/* The box an item must stay in is its line's column: only neighbours share
			 * it, and the tests prove they never overlap. */
			struct flow_item *it =
			    add_item(b, ITEM_TEXT, (enum font_role)w.pieces[i].font, box->x + x,
				     box->baseline, box->width, box->height, w.pieces[i].text,
				     w.pieces[i].len);
			if (!it)
				break;
			it->box_x = (int16_t)box->x;
			x += w.pieces[i].width;
		}
		pen = x;
	}
	return lines;
}

static int baseline_for(const struct font *font, int line_height)
{
	int ink = font_ascent(font) + font_descent(font);
	return (line_height - ink) / 2 + font_ascent(font);
}

static void layout_text_block(struct builder *b, const struct block *blk, int space_before)
{
	const struct layout_style *st = b->style;
	struct line_box box = {
	    .x = 0,
	    .width = st->width,
	    .height = st->line_height,
	    .baseline = baseline_for(st->fonts[FONT_REGULAR], st->line_height),
	    .space_before_first = space_before,
	};
	enum font_role regular = FONT_REGULAR;
	int first_unit = b->out->unit_count;

	if (blk->kind == BLOCK_HEADING) {
		regular = FONT_BOLD;
		box.keep_first_with_next = true;
	}
	if (blk->kind == BLOCK_BULLET || blk->kind == BLOCK_NUMBERED) {
		char marker[16];
		box.x = st->indent;
		box.width = st->width - st->indent;
		if (blk->kind == BLOCK_BULLET) {
			snprintf(marker, sizeof(marker), "•");
			box.marker_x = st->indent / 4;
		} else {
			/* Numbers end at the same place, so the items' text lines up; the indent
			 * makes room for two digits. */
			int widest = layout_run_width(st, FONT_REGULAR, "88.", 3) + st->indent / 4;
			if (widest > st->indent) {
				box.x = widest;
				box.width = st->width - widest;
			}
			snprintf(marker, sizeof(marker), "%d.", blk->number);
			box.marker_x = box.x - st->indent / 4 -
				       layout_run_width(st, FONT_REGULAR, marker, strlen(marker));
			if (box.marker_x < 0)
				box.marker_x = 0;
		}
		box.marker = keep_string(b, marker);
		if (!box.marker)
			return;
	}
	flow_text(b, &box, blk->text, regular, FONT_BOLD);
	if (blk->kind == BLOCK_HEADING) {
		/* Every line of a heading stays with the next one. */
		int u;
		for (u = first_unit; u < b->out->unit_count; u++)
			b->out->units[u].keep_with_next = true;
	}
}

/* Flows a warning's text inside its frame in one text size; returns the height it takes. */
static int flow_warning(struct builder *b, const struct block *blk, int space_before, bool small,
			int frame)
{
	const struct layout_style *st = b->style;
	int line_height = small ? st->small_line_height : st->line_height;
	enum font_role regular = small ? FONT_SMALL : FONT_REGULAR;
	int pad = line_height / 3, vpad = line_height / 5;
	struct line_box box = {
	    .x = frame + pad,
	    .width = st->width - 2 * (frame + pad),
	    .height = line_height,
	    .baseline = baseline_for(st->fonts[regular], line_height),
	    .space_before_first = space_before,
	};
	int lines = flow_text(b, &box, blk->text, regular, small ? FONT_SMALL_BOLD : FONT_BOLD);

	return lines * line_height + 2 * (frame + vpad);
}

/* A warning: its lines inside a heavy frame, so it stands out from the text around it on a
 * one-colour panel, all kept together so pagination moves it whole to the next screen. A
 * warning too tall for a screen in this text size (large text on a small panel) is set in
 * the small size instead: a reader must see the red flag and its action together. */
static void layout_warning(struct builder *b, const struct block *blk, int space_before)
{
	const struct layout_style *st = b->style;
	int frame = st->line_height >= 30 ? 4 : 3;
	int first = b->out->unit_count, first_item = b->out->item_count, last, u, i, vpad;
	bool small = false;

	if (flow_warning(b, blk, space_before, false, frame) > b->body_height && !b->failed) {
		b->out->unit_count = first;
		b->out->item_count = first_item;
		small = true;
		b->out->compact_warnings++;
		flow_warning(b, blk, space_before, true, frame);
	}
	if (b->failed || b->out->unit_count == first)
		return;
	vpad = (small ? st->small_line_height : st->line_height) / 5;
	last = b->out->unit_count - 1;
	/* Room inside the frame above the first line and below the last. */
	for (i = b->out->units[first].first_item;
	     i < b->out->units[first].first_item + b->out->units[first].item_count; i++)
		b->out->items[i].y = (int16_t)(b->out->items[i].y + frame + vpad);
	b->out->units[first].height += frame + vpad;
	b->out->units[last].height += frame + vpad;
	for (u = first; u <= last && !b->failed; u++) {
		int height = b->out->units[u].height;
		b->out->units[u].keep_with_next = u < last;
		add_item_to_unit(b, u, ITEM_RULE, 0, 0, frame, height);
		add_item_to_unit(b, u, ITEM_RULE, st->width - frame, 0, frame, height);
		if (u == first)
			add_item_to_unit(b, u, ITEM_RULE, 0, 0, st->width, frame);
		if (u == last)
			add_item_to_unit(b, u, ITEM_RULE, 0, height - frame, st->width, frame);
	}
	if (b->warning_count == b->warning_cap) {
		int cap = b->warning_cap ? b->warning_cap * 2 : 8;
		int(*grown)[2] = realloc(b->warnings, (size_t)cap * sizeof(*grown));
		if (!grown) {
			b->failed = true;
			return;
		}
		b->warnings = grown;
		b->warning_cap = cap;
	}
	b->warnings[b->warning_count][0] = first;
	b->warnings[b->warning_count][1] = last;
	b->warning_count++;
}

static int screen_of_unit(const struct page_layout *out, int unit)
{
	int s;

	for (s = 0; s < out->screen_count; s++)
		if (unit >= out->screens[s].first_unit &&
		    unit < out->screens[s].first_unit + out->screens[s].unit_count)
			return s;
	return -1;
}

static void count_split_warnings(struct builder *b)
{
	int w;

	for (w = 0; w < b->warning_count; w++)
		if (screen_of_unit(b->out, b->warnings[w][0]) !=
		    screen_of_unit(b->out, b->warnings[w][1]))
			b->out->split_warnings++;
}

/* Sizes table columns: natural widths when they fit, else shares of the room left over
 * after every column gets its longest word. */
static bool fit_columns(const struct layout_style *st, const struct block *blk, int *widths)
{
	int natural[64], minimum[64], total_natural = 0, total_min = 0, r, c;
	int room = st->width - st->column_gap * (blk->cols - 1);

	for (c = 0; c < blk->cols; c++) {
		natural[c] = minimum[c] = 1;
		for (r = 0; r < blk->rows; r++) {
			const char *at = block_cell(blk, r, c);
			bool bold = r == 0;
			struct word w;
			int line = 0, count = 0;
			enum font_role regular = r == 0 ? FONT_BOLD : FONT_REGULAR;
			int space = font_glyph(st->fonts[regular], ' ')->advance;
			while (next_word(st, &at, &bold, regular, FONT_BOLD, &w)) {
				line += (count++ ? space : 0) + w.width;
				if (w.width > minimum[c])
					minimum[c] = w.width;
			}
			if (line > natural[c])
				natural[c] = line;
		}
		total_natural += natural[c];
		total_min += minimum[c];
	}
	if (total_natural <= room) {
		for (c = 0; c < blk->cols; c++)
			widths[c] = natural[c];
		return true;
	}
	/* Narrow columns (servings, numbers) keep their natural width while it is no more
	 * than a fair share of the room left; the wide ones share the rest and wrap. A short
	 * cell broken over two lines reads far worse than a long one. */
	{
		bool fixed[64] = {false};
		int left = room, open = blk->cols, changed = 1, open_natural = 0, open_min = 0;
		while (changed && open > 0) {
			changed = 0;
			for (c = 0; c < blk->cols; c++) {
				if (fixed[c] || natural[c] > left / open)
					continue;
				widths[c] = natural[c];
				fixed[c] = true;
				left -= natural[c];
				open--;
				changed = 1;
			}
		}
		for (c = 0; c < blk->cols; c++)
			if (!fixed[c]) {
				open_natural += natural[c];
				open_min += minimum[c];
			}
		if (left < open_min) {
			/* The narrow columns took too much: every column wraps, in proportion. */
			for (c = 0; c < blk->cols; c++)
				fixed[c] = false;
			left = room;
			open_natural = total_natural;
			open_min = total_min;
		}
		if (left < open_min) {
			/* Even the longest words do not fit side by side: they will be split. */
			for (c = 0; c < blk->cols; c++)
				widths[c] = (int)((long)room * minimum[c] / total_min);
			return false;
		}
		for (c = 0; c < blk->cols; c++) {
			int extra = open_natural - open_min, share;
			if (fixed[c])
				continue;
			share =
			    extra > 0
				? (int)((long)(natural[c] - minimum[c]) * (left - open_min) / extra)
				: 0;
			widths[c] = minimum[c] + share;
		}
	}
	return true;
}

/* A table too wide for the column even with every cell wrapped (large text, small
 * panels) becomes a list of records: the row's first cell in bold, then one
 * "Header: value" line per other cell. Splitting words inside cells would be unreadable. */
static void layout_table_as_records(struct builder *b, const struct block *blk, int space_before)
{
	const struct layout_style *st = b->style;
	int r, c;

	for (r = 1; r < blk->rows && !b->failed; r++) {
		int first_unit = b->out->unit_count, u;
		struct line_box box = {
		    .width = st->width,
		    .height = st->line_height,
		    .baseline = baseline_for(st->fonts[FONT_REGULAR], st->line_height),
		    .space_before_first = r == 1 ? space_before : st->paragraph_gap,
		};
		for (c = 0; c < blk->cols; c++) {
			char field[1024];
			const char *text;
			if (c == 0)
				snprintf(field, sizeof(field), "%s", block_cell(blk, r, 0));
			else
				snprintf(field, sizeof(field), "%s: %s", block_cell(blk, 0, c),
					 block_cell(blk, r, c));
			text = keep_string(b, field);
			if (!text)
				return;
			box.x = c == 0 ? 0 : st->indent / 2;
			box.width = st->width - box.x;
			flow_text(b, &box, text, c == 0 ? FONT_BOLD : FONT_REGULAR, FONT_BOLD);
			box.space_before_first = 0;
		}
		/* A record's lines stay together when they fit on a screen; a record taller than
		 * a screen breaks between lines rather than running off the glass. */
		for (u = first_unit; u < b->out->unit_count - 1; u++)
			b->out->units[u].keep_with_next = true;
		if (b->out->unit_count > first_unit) {
			struct flow_unit *last = &b->out->units[b->out->unit_count - 1];
			int rule_gap = st->line_height / 8 > 2 ? st->line_height / 8 : 2;
			last->height += rule_gap;
			add_item(b, ITEM_RULE, FONT_REGULAR, 0, last->height - 1, st->width, 1,
				 NULL, 0);
		}
	}
}

static void layout_table(struct builder *b, const struct block *blk, int space_before)
{
	const struct layout_style *st = b->style;
	int widths[64], x[64], r, c, header_unit = -1;
	int rule_gap = st->line_height / 8 > 2 ? st->line_height / 8 : 2;

	if (!fit_columns(st, blk, widths)) {
		layout_table_as_records(b, blk, space_before);
		return;
	}
	x[0] = 0;
	for (c = 1; c < blk->cols; c++)
		x[c] = x[c - 1] + widths[c - 1] + st->column_gap;
	for (r = 0; r < blk->rows && !b->failed; r++) {
		/* Lay each cell out into a scratch unit list, then merge them into one row unit. */
		int unit =
		    begin_unit(b, 0, r == 0 ? space_before : 0, r == 0, r == 0 ? -1 : header_unit);
		int row_lines = 1;
		if (unit < 0)
			return;
		if (r == 0)
			header_unit = unit;
		for (c = 0; c < blk->cols; c++) {
			int before_units = b->out->unit_count, lines, u;
			struct line_box box = {
			    .x = x[c],
			    .width = widths[c],
			    .height = st->line_height,
			    .baseline = baseline_for(st->fonts[FONT_REGULAR], st->line_height),
			};
			lines = flow_text(b, &box, block_cell(blk, r, c),
					  r == 0 ? FONT_BOLD : FONT_REGULAR, FONT_BOLD);
			if (b->failed)
				return;
			/* Fold the cell's line units into the row: shift items down by line. */
			for (u = 0; u < lines; u++) {
				struct flow_unit *lu = &b->out->units[before_units + u];
				int i, line_w = 0;
				for (i = lu->first_item; i < lu->first_item + lu->item_count; i++) {
					struct flow_item *it = &b->out->items[i];
					it->y = (int16_t)(it->y + u * st->line_height + rule_gap);
					if (it->x +
						layout_run_width(st, (enum font_role)it->font,
								 it->text, it->len) -
						x[c] >
					    line_w)
						line_w =
						    it->x - x[c] +
						    layout_run_width(st, (enum font_role)it->font,
								     it->text, it->len);
				}
				if (blk->numeric_column[c]) {
					/* Right-align numbers so their digits line up. */
					for (i = lu->first_item;
					     i < lu->first_item + lu->item_count; i++)
						b->out->items[i].x = (int16_t)(b->out->items[i].x +
									       widths[c] - line_w);
				}
				b->out->units[unit].item_count += lu->item_count;
			}
			if (lines > row_lines)
				row_lines = lines;
			b->out->unit_count = before_units;
		}
		b->out->units[unit].height = row_lines * st->line_height + 2 * rule_gap;
		/* A rule under the header, a hairline under each row. */
		{
			int thick = r == 0 ? (st->line_height >= 30 ? 3 : 2) : 1;
			int total = x[blk->cols - 1] + widths[blk->cols - 1];
			add_item(b, ITEM_RULE, FONT_REGULAR, 0, b->out->units[unit].height - thick,
				 total, thick, NULL, 0);
		}
	}
}

static void layout_sources_line(struct builder *b, const struct page *page)
{
	const struct layout_style *st = b->style;
	char text[512];
	const char *kept;
	size_t len;
	int i;
	struct line_box box = {
	    .width = st->width,
	    .height = st->small_line_height,
	    .baseline = baseline_for(st->fonts[FONT_SMALL], st->small_line_height),
	    .space_before_first = st->paragraph_gap * 2,
	};

	if (page->source_count == 0)
		return;
	len = (size_t)snprintf(text, sizeof(text), "%s ",
			       page->source_count > 1 ? "Sources" : "Source");
	for (i = 0; i < page->source_count && len < sizeof(text) - 16; i++)
		len += (size_t)snprintf(text + len, sizeof(text) - len, "%s%d", i ? ", " : "",
					page->source_numbers[i]);
	kept = keep_string(b, text);
	if (kept)
		flow_text(b, &box, kept, FONT_SMALL, FONT_SMALL_BOLD);
}

/* Cuts units into screens of body_height. */
static void paginate(struct builder *b, int body_height)
{
	struct page_layout *out = b->out;
	int cap = 8, u = 0;

	out->screens = malloc((size_t)cap * sizeof(*out->screens));
	if (!out->screens) {
		b->failed = true;
		return;
	}
	while (u < out->unit_count) {
		struct screen_span span = {-1, u, 0};
		int used = 0;
		const struct flow_unit *first = &out->units[u];
		if (first->table_header >= 0 && first->table_header != u &&
		    out->units[first->table_header].height + first->height <= body_height) {
			span.repeat_header = first->table_header;
			used = out->units[first->table_header].height;
		}
		while (u < out->unit_count) {
			const struct flow_unit *unit = &out->units[u];
			int need = unit->height + (span.unit_count ? unit->space_before : 0);
			if ((span.unit_count > 0 || span.repeat_header >= 0) &&
			    used + need > body_height)
				break;
			used += need;
			span.unit_count++;
			u++;
		}
		/* Don't leave a heading, a table header or the start of a record at the bottom of
		 * a screen: move the whole chain of kept-together units to the next one, unless
		 * the chain began this screen (then it is taller than a screen and must break). */
		if (u < out->unit_count && out->units[u - 1].keep_with_next) {
			int chain = u - 1;
			while (chain > span.first_unit && out->units[chain - 1].keep_with_next)
				chain--;
			if (chain > span.first_unit) {
				span.unit_count = chain - span.first_unit;
				u = chain;
			}
		}
		/* Never cut a warning: end the screen before it (and before a heading kept with
		 * it) when it can start the next one; one taller than a screen has to break. */
		{
			int w;
			for (w = 0; w < b->warning_count; w++) {
				int start = b->warnings[w][0], chain = start;
				if (u <= start || u > b->warnings[w][1] || start <= span.first_unit)
					continue;
				while (chain > span.first_unit &&
				       out->units[chain - 1].keep_with_next)
					chain--;
				u = chain > span.first_unit ? chain : start;
				span.unit_count = u - span.first_unit;
				break;
			}
		}
		if (out->screen_count == cap) {
			struct screen_span *grown;
			cap *= 2;
			grown = realloc(out->screens, (size_t)cap * sizeof(*grown));
			if (!grown) {
				b->failed = true;
				return;
			}
			out->screens = grown;
		}
		out->screens[out->screen_count++] = span;
	}
	/* A page with nothing on it (no title, body or sources) still has a screen to show. */
	if (out->screen_count == 0)
		out->screens[out->screen_count++] = (struct screen_span){-1, 0, 0};
}

/* Encodes the address as a QR code with a quiet zone of four modules, each module a square
 * of the largest size (up to 5 px) that fits the body and leaves room for text beside it. */
static int make_qr(struct builder *b, const char *address, int body_height)
{
	QRcode *code = QRcode_encodeString(address, 0, QR_ECLEVEL_M, QR_MODE_8, 1);
	struct bitmap *bm = &b->out->qr;
	int modules, module, x, y, limit;

	if (!code)
		return -1;
	modules = code->width + 8;
	limit = body_height < b->style->width * 9 / 20 ? body_height : b->style->width * 9 / 20;
	module = limit / modules;
	if (module > 5)
		module = 5;
	if (module < 1)
		module = 1;
	bm->width = bm->height = modules * module;
	b->out->qr_module = module;
	bm->stride = (bm->width + 7) / 8;
	bm->bits = calloc((size_t)bm->stride * (size_t)bm->height, 1);
	if (!bm->bits) {
		QRcode_free(code);
		return -1;
	}
	for (y = 0; y < bm->height; y++) {
		for (x = 0; x < bm->width; x++) {
			int mx = x / module - 4, my = y / module - 4;
			if (mx < 0 || my < 0 || mx >= code->width || my >= code->width)
				continue;
			if (code->data[my * code->width + mx] & 1)
				bm->bits[y * bm->stride + x / 8] |= (uint8_t)(0x80 >> (x % 8));
		}
	}
	QRcode_free(code);
	return 0;
}

/* A layout lives as long as its content, one per page and text size: the growth room its
 * arrays were built with (up to half of each, and most of it on a short page) would outweigh
 * the layouts themselves. The strings arena is left alone: items point into it. */
static void *shrunk(void *block, int count, size_t size)
{
	/* realloc to 0 bytes would free it; a failed shrink leaves the old block, still ours. */
	void *smaller = count > 0 ? realloc(block, (size_t)count * size) : NULL;

	return smaller ? smaller : block;
}

static void shrink_to_fit(struct page_layout *out)
{
	out->units = shrunk(out->units, out->unit_count, sizeof(*out->units));
	out->items = shrunk(out->items, out->item_count, sizeof(*out->items));
	out->screens = shrunk(out->screens, out->screen_count, sizeof(*out->screens));
}

struct page_layout *layout_page(const struct page *page, const struct layout_style *style,
				int body_height)
{
	struct builder b = {.style = style, .body_height = body_height};
	struct block title = {.kind = BLOCK_HEADING, .text = page->title};
	int i;

	b.out = calloc(1, sizeof(*b.out));
	if (!b.out)
		return NULL;
	/* Room for every list marker and the sources line: the arena never grows. */
	b.strings_cap = 16 * (size_t)(page->doc.count + 1) + 600;
	for (i = 0; i < page->doc.count; i++) {
		/* A table shown as records repeats its header beside every cell. */
		const struct block *blk = &page->doc.blocks[i];
		int cell;
		for (cell = 0; blk->kind == BLOCK_TABLE && cell < blk->rows * blk->cols; cell++)
			b.strings_cap +=
			    strlen(blk->cells[cell]) + strlen(blk->cells[cell % blk->cols]) + 4;
	}
	b.out->strings = malloc(b.strings_cap);
	if (!b.out->strings) {
		free(b.out);
		return NULL;
	}
	for (i = 0; i < page->doc.count; i++) {
		if (page->doc.blocks[i].kind != BLOCK_QR || b.out->qr.bits)
			continue;
		if (make_qr(&b, page->doc.blocks[i].text, body_height) < 0) {
			b.failed = true;
			break;
		}
		b.float_width = b.out->qr.width + style->column_gap;
		b.float_bottom = b.out->qr.height;
	}
	layout_text_block(&b, &title, 0);
	/* The code hangs on the title's first line; an untitled page gets an empty line for it. */
	if (b.out->qr.bits && !b.failed && b.out->unit_count == 0)
		begin_unit(&b, 0, 0, false, -1);
	if (b.out->qr.bits && !b.failed)
		add_item_to_unit(&b, 0, ITEM_QR, style->width - b.out->qr.width, 0, b.out->qr.width,
				 b.out->qr.height);
	for (i = 0; i < page->doc.count && !b.failed; i++) {
		const struct block *blk = &page->doc.blocks[i];
		int gap = style->paragraph_gap;
		if (blk->kind == BLOCK_QR)
			continue;
		if (blk->kind == BLOCK_HEADING)
			gap = style->line_height / 2;
		if (blk->kind == BLOCK_TABLE)
			layout_table(&b, blk, gap);
		else if (blk->kind == BLOCK_WARNING)
			layout_warning(&b, blk, gap);
		else
			layout_text_block(&b, blk, gap);
	}
	layout_sources_line(&b, page);
	if (!b.failed)
		paginate(&b, body_height);
	if (!b.failed)
		count_split_warnings(&b);
	free(b.warnings);
	if (b.failed) {
		layout_free(b.out);
		return NULL;
	}
	shrink_to_fit(b.out);
	return b.out;
}

void layout_free(struct page_layout *layout)
{
	if (!layout)
		return;
	free(layout->units);
	free(layout->items);
	free(layout->screens);
	free(layout->strings);
	free(layout->qr.bits);
	free(layout);
}
