/* SPDX-License-Identifier: MIT */
/* layout: greedy line filling over words made of styled pieces, table column fitting, and
 * screen cutting. */
#include "layout.h"

#include <qrencode.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "breaks.h"
#include "hyphenation.h"
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

/* A word (what lies between two break opportunities) is up to 8 pieces: runs of one font
 * between ** markers, or the number and the unit that a space inside it joins. */
#define MAX_PIECES 8

struct piece {
	const char *text;
	size_t len;
	uint8_t font;
	int gap; /* space before the piece, inside the word: "350 mg" */
	int width;
};

struct word {
	struct piece pieces[MAX_PIECES];
	int count;
	int width;	  /* gaps included */
	bool space_after; /* a space follows: the glue to the next word, dropped at a line end */
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
	u->gap_may_go = false;
	u->heading = false;
	u->sources = false;
	u->hyphenated = false;
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

/* Widow and orphan control for the lines [first, end) of one paragraph: its first line never
 * ends a screen alone, nor its last line starts one alone. Three lines or fewer stay whole. */
static void keep_lines_in_pairs(struct builder *b, int first, int end)
{
	if (b->failed || end - first < 2)
		return;
	b->out->units[first].keep_with_next = true;
	b->out->units[end - 2].keep_with_next = true;
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

/* Reads the next word of text starting at *at: the text up to the next place a line may end
 * (breaks, one per byte of text), its trailing spaces left out. Bold flips at each "**".
 * Returns false at the end; a word of markers alone has no pieces. */
static bool next_word(const struct layout_style *style, const char *text, const char *breaks,
		      const char **at, bool *bold, enum font_role regular, enum font_role strong,
		      struct word *w)
{
	const char *s = *at, *end, *stop;
	int space = font_glyph(style->fonts[regular], ' ')->advance, gap = 0;

	while (*s == ' ')
		s++;
	w->count = 0;
	w->width = 0;
	w->space_after = false;
	if (!*s) {
		*at = s;
		return false;
	}
	for (end = s; *end && breaks[end - text] == BREAK_NEVER; end++)
		;
	if (*end)
		end++;
	*at = end;
	for (stop = end; stop > s && stop[-1] == ' '; stop--)
		;
	w->space_after = stop < end;
	while (s < stop) {
		const char *start;
		if (s[0] == '*' && s + 1 < stop && s[1] == '*') {
			*bold = !*bold;
			s += 2;
			continue;
		}
		if (*s == ' ') {
			/* Only a number and its unit have a space inside a word. */
			gap = space;
			s++;
			continue;
		}
		start = s;
		while (s < stop && *s != ' ' && !(s[0] == '*' && s + 1 < stop && s[1] == '*'))
			s++;
		if (w->count < MAX_PIECES) {
			struct piece *p = &w->pieces[w->count++];
			p->text = start;
			p->len = (size_t)(s - start);
			p->font = (uint8_t)(*bold ? strong : regular);
			p->gap = gap;
			p->width =
			    layout_run_width(style, (enum font_role)p->font, p->text, p->len);
			w->width += p->gap + p->width;
		} else {
			/* Absurdly fragmented word: fold the rest into the last piece's font. */
			struct piece *p = &w->pieces[MAX_PIECES - 1];
			p->len = (size_t)(s - p->text);
			w->width -= p->width;
			p->width =
			    layout_run_width(style, (enum font_role)p->font, p->text, p->len);
			w->width += p->width;
		}
		gap = 0;
	}
	return true;
}

struct line_box {
	int x, width; /* where lines go, relative to the unit */
	int height, baseline;
	int space_before_first, space_before_rest;
	bool keep_first_with_next; /* headings */
	bool hyphenate_short;	   /* running text: hyphenate rather than leave a short line */
	/* A list marker hung in the indent of the first line, or NULL. */
	const char *marker;
	int marker_x;
};

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

/* Starts a line of the block: a new unit, narrower (*width) beside the floating QR code. */
static bool start_line(struct builder *b, const struct line_box *box, int *width, int *lines)
{
	int right = b->style->width - b->float_width;

	*width = box->width;
	if (b->float_width) {
		/* Once the flow is below the code it stays below: stop measuring it. */
		if (flow_height(b) >= b->float_bottom)
			b->float_width = 0;
		else if (box->x + box->width > right)
			*width = right - box->x;
	}
	if (begin_unit(b, box->height,
		       *lines == 0 ? box->space_before_first : box->space_before_rest,
		       *lines == 0 && box->keep_first_with_next, -1) < 0)
		return false;
	if (*lines == 0 && box->marker)
		add_item(b, ITEM_TEXT, FONT_REGULAR, box->marker_x, box->baseline,
			 box->x - box->marker_x, box->height, box->marker, strlen(box->marker));
	(*lines)++;
	return true;
}

/* One run of text on the current line, x from the column's left; its box is the line. */
static void emit_run(struct builder *b, const struct line_box *box, int width, uint8_t font, int x,
		     const char *text, size_t len)
{
	struct flow_item *it = add_item(b, ITEM_TEXT, (enum font_role)font, box->x + x,
					box->baseline, width, box->height, text, len);
	if (it)
		it->box_x = (int16_t)box->x;
}

/* Returns the pen x after the word. */
static int emit_word(struct builder *b, const struct line_box *box, int width, const struct word *w,
		     int x)
{
	int i;

	for (i = 0; i < w->count; i++) {
		x += w->pieces[i].gap;
		emit_run(b, box, width, w->pieces[i].font, x, w->pieces[i].text, w->pieces[i].len);
		x += w->pieces[i].width;
	}
	return x;
}

/* A piece wider than the line (no hyphenation point helps), split at code points into
 * line-wide chunks, on lines of its own. One walk over its glyphs. */
static void emit_long_word(struct builder *b, const struct line_box *box, int width,
			   const struct piece *p, int *pen, int *lines)
{
	struct font *font = b->style->fonts[p->font];
	const char *s = p->text, *end = p->text + p->len;

	while (s < end && !b->failed) {
		struct glyph_walk walk;
		size_t cut = 0;
		int cut_width = 0;
		if (*pen > 0) {
			if (begin_unit(b, box->height, box->space_before_rest, false, -1) < 0)
				return;
			(*lines)++;
			*pen = 0;
		}
		size_t soft = 0;
		int soft_width = 0;
		font_walk_begin(&walk, font, s, (size_t)(end - s));
		while (font_walk_next(&walk)) {
			if (walk.next_pen > width && cut > 0)
				break;
			cut = walk.at;
			cut_width = walk.next_pen;
			/* An address reads best cut after a dot or a slash. */
			if (strchr("./-", s[cut - 1]) && s + cut < end) {
				soft = cut;
				soft_width = cut_width;
			}
		}
		if (s + cut < end && soft > 0) {
			cut = soft;
			cut_width = soft_width;
		}
		emit_run(b, box, width, p->font, 0, s, cut);
		*pen = cut_width;
		s += cut;
	}
}

/* Splits a one-piece word at its last hyphenation point where the part and a hyphen fit in
 * room: *head gets the part, w keeps the rest. One walk over the word's glyphs. */
static bool hyphenate(const struct builder *b, struct word *w, int room, struct piece *head,
		      int *hyphen_width)
{
	struct piece *p = &w->pieces[0];
	int points[HYPHEN_MAX_WORD], count, k = 0, best = -1, best_width = 0, hyphen;
	struct font *font;
	struct glyph_walk walk;

	if (!b->style->hyphens || w->count != 1)
		return false;
	count = hyphen_lookup(b->style->hyphens, p->text, p->len, points, HYPHEN_MAX_WORD);
	if (count == 0)
		return false;
	font = b->style->fonts[p->font];
	hyphen = font_text_width(font, "-", 1);
	font_walk_begin(&walk, font, p->text, p->len);
	while (k < count && font_walk_next(&walk)) {
		if (walk.at < (size_t)points[k])
			continue;
		if (walk.next_pen + hyphen > room)
			break;
		best = points[k++];
		best_width = walk.next_pen;
	}
	if (best < 0)
		return false;
	*head = *p;
	head->len = (size_t)best;
	head->width = best_width;
	head->gap = 0;
	p->text += best;
	p->len -= (size_t)best;
	p->gap = 0;
	p->width = layout_run_width(b->style, (enum font_role)p->font, p->text, p->len);
	w->width = p->width;
	*hyphen_width = hyphen;
	return true;
}

static void emit_hyphenated(struct builder *b, const struct line_box *box, int width,
			    const struct piece *head, int x)
{
	emit_run(b, box, width, head->font, x, head->text, head->len);
	emit_run(b, box, width, head->font, x + head->width, "-", 1);
	/* Half a word never ends a screen: the line keeps with the one that finishes it. */
	if (!b->failed && b->out->unit_count > 0) {
		b->out->units[b->out->unit_count - 1].keep_with_next = true;
		b->out->units[b->out->unit_count - 1].hyphenated = true;
	}
}

/* Fills lines of box->width with the words of text, one unit per line: greedy, so linear
 * in the text. Returns the number of lines made. */
static int flow_text(struct builder *b, const struct line_box *box, const char *text,
		     enum font_role regular, enum font_role strong)
{
	int space = font_glyph(b->style->fonts[regular], ' ')->advance;
	size_t len = strlen(text);
	char *breaks = malloc(len + 1);
	const char *at = text;
	bool bold = false, glue = false;
	struct word w;
	int lines = 0, pen = 0, width = box->width;

	if (!breaks) {
		b->failed = true;
		return 0;
	}
	breaks_find(text, len, breaks);
	while (!b->failed && next_word(b->style, text, breaks, &at, &bold, regular, strong, &w)) {
		if (w.count == 0)
			continue;
		while (!b->failed) {
			int gap = pen > 0 && glue ? space : 0, hyphen, lead, i;
			struct piece head;
			if (lines == 0 && !start_line(b, box, &width, &lines))
				break;
			if (pen + gap + w.width <= width) {
				pen = emit_word(b, box, width, &w,
						pen > 0 ? pen + gap
							: lead_in(b->style, &w.pieces[0]));
				break;
			}
			if (pen > 0) {
				/* A line left this short on a narrow column looks like a
				 * paragraph's end: take part of the word onto it. */
				if (box->hyphenate_short && b->style->hyphenate_short_lines &&
				    pen < width * 3 / 5 &&
				    hyphenate(b, &w, width - pen - gap, &head, &hyphen))
					emit_hyphenated(b, box, width, &head, pen + gap);
				if (!start_line(b, box, &width, &lines))
					break;
				pen = 0;
				continue;
			}
			lead = lead_in(b->style, &w.pieces[0]);
			if (hyphenate(b, &w, width - lead, &head, &hyphen)) {
				emit_hyphenated(b, box, width, &head, lead);
				if (!start_line(b, box, &width, &lines))
					break;
				continue;
			}
			if (width < box->width && w.width <= box->width) {
				/* Too wide only beside the QR code: carry on below it, not split.
				 */
				while (!b->failed && flow_height(b) < b->float_bottom)
					if (begin_unit(b, box->height, 0, false, -1) < 0)
						break;
				b->float_width = 0;
				if (!start_line(b, box, &width, &lines))
					break;
				continue;
			}
			for (i = 0; i < w.count; i++) {
				const struct piece *p = &w.pieces[i];
				if (pen + p->gap + p->width <= width) {
					emit_run(b, box, width, p->font, pen + p->gap, p->text,
						 p->len);
					pen += p->gap + p->width;
				} else {
					emit_long_word(b, box, width, p, &pen, &lines);
				}
			}
			break;
		}
		glue = w.space_after;
	}
	free(breaks);
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
	box.hyphenate_short = true;
	flow_text(b, &box, blk->text, regular, FONT_BOLD);
	keep_lines_in_pairs(b, first_unit, b->out->unit_count);
	if (blk->kind == BLOCK_HEADING) {
		/* Every line of a heading stays with the next one. */
		int u;
		for (u = first_unit; u < b->out->unit_count; u++) {
			b->out->units[u].keep_with_next = true;
			b->out->units[u].heading = true;
		}
	}
}

/* Flows a warning's text inside its frame in one text size; returns its lines. */
static int flow_warning(struct builder *b, const struct block *blk, int space_before, bool small,
			int frame)
{
	const struct layout_style *st = b->style;
	int line_height = small ? st->small_line_height : st->line_height;
	enum font_role regular = small ? FONT_SMALL : FONT_REGULAR;
	int pad = line_height / 3;
	struct line_box box = {
	    .x = frame + pad,
	    .width = st->width - 2 * (frame + pad),
	    .height = line_height,
	    .baseline = baseline_for(st->fonts[regular], line_height),
	    .space_before_first = space_before,
	};

	return flow_text(b, &box, blk->text, regular, small ? FONT_SMALL_BOLD : FONT_BOLD);
}

/* A warning: its lines inside a heavy frame, so it stands out from the text around it on a
 * one-colour panel, all kept together so pagination moves it whole to the next screen. The
 * headings kept with it (the page title, a section heading) go to its screen with it, and
 * after the page's last block so does the sources line. When they do not all fit a screen,
 * the warning first gives up half the room inside its frame above and below its lines; a
 * warning still too tall for a screen in this text size with its headings (large text on a
 * small panel) is set in the small size instead, or a screen would show a title and nothing
 * else: a reader must see the red flag and its action together. A sources line that still
 * does not fit goes to the next screen: the warning is never cut for it. */
static void layout_warning(struct builder *b, const struct block *blk, int space_before,
			   bool sources_after)
{
	const struct layout_style *st = b->style;
	int frame = st->line_height >= 30 ? 4 : 3;
	int first = b->out->unit_count, first_item = b->out->item_count, last, u, i, vpad;
	int kept = 0, lines, text, loose = st->line_height / 5, tight = st->line_height / 10;
	int after = sources_after ? st->small_line_height : 0;

	for (u = first - 1; u >= 0 && b->out->units[u].keep_with_next; u--)
		kept += b->out->units[u].height +
			(u + 1 < first ? b->out->units[u + 1].space_before : 0);
	lines = flow_warning(b, blk, space_before, false, frame);
	text = lines * st->line_height + 2 * frame + (kept > 0 ? kept + space_before : 0);
	if (text + 2 * loose + after <= b->body_height)
		vpad = loose;
	else if (text + 2 * tight + after <= b->body_height)
		vpad = tight;
	else if (text + 2 * loose <= b->body_height)
		vpad = loose;
	else if (text + 2 * tight <= b->body_height)
		vpad = tight;
	else
		vpad = -1;
	if (vpad < 0 && !b->failed) {
		b->out->unit_count = first;
		b->out->item_count = first_item;
		b->out->compact_warnings++;
		flow_warning(b, blk, space_before, true, frame);
		vpad = st->small_line_height / 5;
	}
	if (b->failed || b->out->unit_count == first)
		return;
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

/* The space above and below the text of a table row or a record, clear of its rules. */
static int row_padding(const struct layout_style *st)
{
	return st->line_height / 10 > 2 ? st->line_height / 10 : 2;
}

/* Gives the columns not in fixed the room left: their natural widths when those fit, else
 * each its longest word and a share of the rest in proportion to what it lacks. */
static void share_columns(int cols, const int *natural, const int *minimum, const bool *fixed,
			  int left, int *widths)
{
	int open_natural = 0, open_min = 0, extra, c;

	for (c = 0; c < cols; c++)
		if (!fixed[c]) {
			open_natural += natural[c];
			open_min += minimum[c];
		}
	extra = open_natural - open_min;
	for (c = 0; c < cols; c++) {
		if (fixed[c])
			continue;
		if (open_natural <= left || extra <= 0)
			widths[c] = open_natural <= left ? natural[c] : minimum[c];
		else
			widths[c] = minimum[c] + (int)((long)(natural[c] - minimum[c]) *
						       (left - open_min) / extra);
	}
}

/* The lines a cell takes in a column of width: set as the row will set it, then taken back. */
static int cell_lines(struct builder *b, const char *cell, bool header, int width)
{
	int units = b->out->unit_count, items = b->out->item_count, float_width = b->float_width;
	int lines;
	struct line_box box = {.width = width, .height = b->style->line_height};

	lines = flow_text(b, &box, cell, header ? FONT_BOLD : FONT_REGULAR, FONT_BOLD);
	b->out->unit_count = units;
	b->out->item_count = items;
	b->float_width = float_width;
	return lines > 1 ? lines : 1;
}

/* How a table of these column widths fares on screens: rows as tall as their tallest cell,
 * packed under the repeated header as pagination will pack them. Fewer screens first, then
 * fewer pixels (the header counted once for each screen it is shown on). */
static long table_cost(struct builder *b, const struct block *blk, const int *widths)
{
	const struct layout_style *st = b->style;
	int rule_gap = row_padding(st);
	int r, c, header = 0, room, used = 0, screens = 1;
	long pixels = 0;

	for (r = 0; r < blk->rows && !b->failed; r++) {
		int lines = 1, height;
		for (c = 0; c < blk->cols; c++) {
			int cell = cell_lines(b, block_cell(blk, r, c), r == 0, widths[c]);
			if (cell > lines)
				lines = cell;
		}
		height = lines * st->line_height + 2 * rule_gap;
		if (r == 0) {
			header = height;
			continue;
		}
		room = b->body_height - header > height ? b->body_height - header : height;
		if (used > 0 && used + height > room) {
			screens++;
			used = 0;
		}
		used += height;
		pixels += height;
	}
	return (long)screens * (1L << 24) + pixels + (long)header * screens;
}

static int compare_ints(const void *a, const void *b)
{
	int x = *(const int *)a, y = *(const int *)b;

	return (x > y) - (x < y);
}

/* Widths of one column tried for the shortest table: its cells' natural widths at up to
 * TABLE_TRIES + 1 even steps from the narrowest to the widest (every cell's of a short
 * table), none under its longest word. */
#define TABLE_TRIES	  8
#define TABLE_SEARCH_COLS 8 /* wider tables keep the first arrangement */

/* Sizes table columns: natural widths when they fit. Else the arrangement that makes the
 * table take the fewest screens, then the fewest lines, of those a typesetter would try:
 * first the narrow columns (servings, numbers) at their natural width and the wide ones
 * sharing the rest; then each column in turn at the width that sets some of its cells on
 * one line, the others sharing what is left ("better than oxide" whole beside "Sulfate
 * (Epsom salt)" on two lines; a numbers column under a long header squeezed so the header
 * takes two lines once rather than every row two). A short cell broken over two lines
 * reads far worse than a long one. Each try sets the table's text once: the cost stays
 * linear in the text. Returns false when even the longest words do not fit side by side. */
static bool fit_columns(struct builder *b, const struct block *blk, int *widths)
{
	const struct layout_style *st = b->style;
	int natural[64], minimum[64], total_natural = 0, total_min = 0, r, c;
	int room = st->width - st->column_gap * (blk->cols - 1);
	int tried[64], *cell_widths;
	long best;
	bool fixed[64] = {false};

	cell_widths = malloc((size_t)blk->rows * (size_t)blk->cols * sizeof(*cell_widths));
	if (!cell_widths) {
		b->failed = true;
		return false;
	}
	for (c = 0; c < blk->cols; c++) {
		natural[c] = minimum[c] = 1;
		for (r = 0; r < blk->rows; r++) {
			const char *cell = block_cell(blk, r, c), *at = cell;
			bool bold = r == 0, glue = false;
			struct word w;
			int line = 0;
			enum font_role regular = r == 0 ? FONT_BOLD : FONT_REGULAR;
			int space = font_glyph(st->fonts[regular], ' ')->advance;
			size_t len = strlen(cell);
			char *breaks = malloc(len + 1);
			if (!breaks) {
				free(cell_widths);
				b->failed = true;
				return false;
			}
			breaks_find(cell, len, breaks);
			while (next_word(st, cell, breaks, &at, &bold, regular, FONT_BOLD, &w)) {
				line += (line > 0 && glue ? space : 0) + w.width;
				glue = w.space_after;
				if (w.width > minimum[c])
					minimum[c] = w.width;
			}
			free(breaks);
			cell_widths[c * blk->rows + r] = line;
			if (line > natural[c])
				natural[c] = line;
		}
		total_natural += natural[c];
		total_min += minimum[c];
	}
	if (total_natural <= room || total_min > room) {
		for (c = 0; c < blk->cols; c++)
			widths[c] = total_natural <= room
					? natural[c]
					: (int)((long)room * minimum[c] / total_min);
		free(cell_widths);
		return total_natural <= room;
	}
	/* First try: the narrow columns keep their natural width while it is no more than a
	 * fair share of the room left; the wide ones share the rest. */
	{
		int left = room, open = blk->cols, changed = 1, open_min = 0;
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
			if (!fixed[c])
				open_min += minimum[c];
		if (left < open_min) {
			/* The narrow columns took too much: every column wraps, in proportion. */
			memset(fixed, 0, sizeof(fixed));
			left = room;
		}
		share_columns(blk->cols, natural, minimum, fixed, left, widths);
	}
	if (blk->cols < 2 || blk->cols > TABLE_SEARCH_COLS) {
		free(cell_widths);
		return true;
	}
	best = table_cost(b, blk, widths);
	for (c = 0; c < blk->cols && !b->failed; c++) {
		int *column = cell_widths + c * blk->rows, k, previous = -1;
		qsort(column, (size_t)blk->rows, sizeof(*column), compare_ints);
		for (k = 0; k <= TABLE_TRIES && !b->failed; k++) {
			int width = column[(blk->rows - 1) * k / TABLE_TRIES], i;
			long cost;
			if (width < minimum[c])
				width = minimum[c];
			if (width == previous || room - width < total_min - minimum[c])
				continue;
			previous = width;
			memset(fixed, 0, sizeof(fixed));
			fixed[c] = true;
			tried[c] = width;
			share_columns(blk->cols, natural, minimum, fixed, room - width, tried);
			cost = table_cost(b, blk, tried);
			if (cost < best) {
				best = cost;
				for (i = 0; i < blk->cols; i++)
					widths[i] = tried[i];
			}
		}
	}
	free(cell_widths);
	return true;
}

/* A table too wide for the column even with every cell wrapped (large text, small
 * panels) becomes a list of records, each one paragraph: the row's first cell in bold, then
 * "Header: value" for each other cell, "Spinach, boiled — Serving: ½ cup; mg: 78". As a
 * paragraph a record takes the fewest lines, so several share a screen, and it breaks
 * across screens like one. Splitting words inside cells would be unreadable. */
static void layout_table_as_records(struct builder *b, const struct block *blk, int space_before)
{
	const struct layout_style *st = b->style;
	int r, c;

	for (r = 1; r < blk->rows && !b->failed; r++) {
		int first_unit = b->out->unit_count;
		struct line_box box = {
		    .width = st->width,
		    .height = st->line_height,
		    .baseline = baseline_for(st->fonts[FONT_REGULAR], st->line_height),
		    .space_before_first = r == 1 ? space_before : st->paragraph_gap,
		    .space_before_rest = 0,
		    .hyphenate_short = true,
		};
		char record[2048];
		size_t n;
		const char *text;
		n = (size_t)snprintf(record, sizeof(record), "**%s**", block_cell(blk, r, 0));
		for (c = 1; c < blk->cols && n < sizeof(record); c++)
			n += (size_t)snprintf(record + n, sizeof(record) - n, "%s%s: %s",
					      c == 1 ? " — " : "; ", block_cell(blk, 0, c),
					      block_cell(blk, r, c));
		text = keep_string(b, record);
		if (!text)
			return;
		flow_text(b, &box, text, FONT_REGULAR, FONT_BOLD);
		keep_lines_in_pairs(b, first_unit, b->out->unit_count);
		if (b->failed || b->out->unit_count == first_unit)
			return;
		{
			struct flow_unit *last = &b->out->units[b->out->unit_count - 1];
			int rule_gap = row_padding(st);
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
	int rule_gap = row_padding(st);

	if (!fit_columns(b, blk, widths)) {
		if (b->failed)
			return;
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
	/* The last row never sits alone under a repeated header. (The header itself keeps
	 * with its first row; more would leave holes on the small panels.) */
	if (!b->failed && blk->rows >= 4)
		b->out->units[header_unit + blk->rows - 2].keep_with_next = true;
}

static void layout_sources_line(struct builder *b, const struct page *page)
{
	const struct layout_style *st = b->style;
	char text[512];
	const char *kept;
	size_t len;
	int i, first;
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
	if (!kept)
		return;
	/* Never a screen of its own: the sources line gives up its gap to stay on the last
	 * screen, and when it still does not fit, the page's last lines come over with it. */
	if (b->out->unit_count > 0)
		b->out->units[b->out->unit_count - 1].keep_with_next = true;
	first = b->out->unit_count;
	flow_text(b, &box, kept, FONT_SMALL, FONT_SMALL_BOLD);
	keep_lines_in_pairs(b, first, b->out->unit_count);
	if (!b->failed && b->out->unit_count > first)
		b->out->units[first].gap_may_go = true;
	for (i = first; !b->failed && i < b->out->unit_count; i++)
		b->out->units[i].sources = true;
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
		struct screen_span span = {-1, u, 0, false};
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
			bool dropped = false;
			if (unit->gap_may_go && used + need > body_height) {
				dropped = need != unit->height;
				need = unit->height;
			}
			if (unit->sources && span.repeat_header >= 0 && used + need > body_height &&
			    used - out->units[span.repeat_header].height + need <= body_height) {
				/* A table's last row and the sources line: the header the
				 * previous screen showed gives way, not the sources line. */
				used -= out->units[span.repeat_header].height;
				span.repeat_header = -1;
			}
			if ((span.unit_count > 0 || span.repeat_header >= 0) &&
			    used + need > body_height)
				break;
			span.last_gap_dropped = dropped;
			used += need;
			span.unit_count++;
			u++;
		}
		/* Don't leave a heading, a table header, the start of a record or a paragraph's
		 * first line at the bottom of a screen: move the whole chain of kept-together
		 * units to the next one, unless the chain began this screen or would not fit on
		 * one with the unit it keeps to (then moving it only wastes the room here). */
		if (u < out->unit_count && out->units[u - 1].keep_with_next) {
			int chain = u - 1, k, height;
			while (chain > span.first_unit && out->units[chain - 1].keep_with_next)
				chain--;
			height = out->units[chain].height;
			for (k = chain + 1; k <= u; k++)
				height += out->units[k].space_before + out->units[k].height;
			if (chain > span.first_unit && height <= body_height) {
				span.unit_count = chain - span.first_unit;
				u = chain;
			} else {
				/* The chain must break somewhere: where the screen is full, but
				 * never just after a heading, and never so that the sources line
				 * starts a screen alone. */
				k = u;
				if (out->units[k].sources)
					for (k = u; k > span.first_unit && out->units[k].sources;
					     k--)
						;
				else if (out->units[k - 1].heading)
					for (k = u - 1;
					     k > span.first_unit && out->units[k - 1].heading; k--)
						;
				if (k == span.first_unit) /* a heading taller than a screen */
					k = u;
				while (k > span.first_unit + 1 && out->units[k - 1].hyphenated)
					k--;
				if (k > span.first_unit && k < u) {
					span.unit_count = k - span.first_unit;
					u = k;
				}
			}
		}
		/* Never cut a warning: end the screen before it (and before a heading kept with
		 * it) when it can start the next one; one taller than a screen has to break. */
		{
			int w;
			for (w = 0; w < b->warning_count; w++) {
				int start = b->warnings[w][0], end = b->warnings[w][1],
				    chain = start;
				if (u <= start || u > end)
					continue;
				if (start == span.first_unit) {
					/* It starts the screen: whole on it when it fits one,
					 * though what is kept with it (the sources line) goes on
					 * alone. */
					int k, height = out->units[start].height;
					for (k = start + 1; k <= end; k++)
						height += out->units[k].space_before +
							  out->units[k].height;
					if (height <= body_height) {
						u = end + 1;
						span.unit_count = u - span.first_unit;
					}
					break;
				}
				if (start < span.first_unit)
					continue;
				while (chain > span.first_unit &&
				       out->units[chain - 1].keep_with_next)
					chain--;
				u = chain > span.first_unit ? chain : start;
				span.unit_count = u - span.first_unit;
				break;
			}
		}
		/* A screen cut shorter no longer ends with the unit that gave up its gap. */
		if (span.unit_count == 0 ||
		    !out->units[span.first_unit + span.unit_count - 1].gap_may_go)
			span.last_gap_dropped = false;
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
		out->screens[out->screen_count++] = (struct screen_span){-1, 0, 0, false};
}

/* Encodes the address as a QR code with a quiet zone of four modules, each module a square
 * of the largest size (up to 5 px) that fits the body and leaves room for text beside it. */
static int make_qr(struct builder *b, const char *address, int body_height, int limit)
{
	QRcode *code = QRcode_encodeString(address, 0, QR_ECLEVEL_M, QR_MODE_8, 1);
	struct bitmap *bm = &b->out->qr;
	int modules, module, x, y;

	if (!code)
		return -1;
	modules = code->width + 8;
	if (limit > body_height)
		limit = body_height;
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
	bool floating = false, qr_placed = false;
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
			    strlen(blk->cells[cell]) + strlen(blk->cells[cell % blk->cols]) + 8;
	}
	b.out->strings = malloc(b.strings_cap);
	if (!b.out->strings) {
		free(b.out);
		return NULL;
	}
	for (i = 0; i < page->doc.count; i++) {
		if (page->doc.blocks[i].kind != BLOCK_QR || b.out->qr.bits)
			continue;
		if (make_qr(&b, page->doc.blocks[i].text, body_height, style->width * 9 / 20) < 0) {
			b.failed = true;
			break;
		}
		/* Beside the code a title needs about 8 em to read as lines, not as a column of
		 * single words; on narrower glass the code takes its place in the text, small
		 * enough to leave room on its screen for the sources line. */
		floating = style->width - b.out->qr.width - style->column_gap >=
			   8 * font_pixel_size(style->fonts[FONT_REGULAR]);
		if (!floating) {
			free(b.out->qr.bits);
			b.out->qr.bits = NULL;
			if (make_qr(&b, page->doc.blocks[i].text, body_height,
				    body_height - 2 * style->small_line_height) < 0) {
				b.failed = true;
				break;
			}
		}
		if (floating) {
			b.float_width = b.out->qr.width + style->column_gap;
			b.float_bottom = b.out->qr.height;
		}
	}
	layout_text_block(&b, &title, 0);
	/* The code hangs on the title's first line; an untitled page gets an empty line for it. */
	if (floating && !b.failed && b.out->unit_count == 0)
		begin_unit(&b, 0, 0, false, -1);
	if (floating && !b.failed)
		add_item_to_unit(&b, 0, ITEM_QR, style->width - b.out->qr.width, 0, b.out->qr.width,
				 b.out->qr.height);
	for (i = 0; i < page->doc.count && !b.failed; i++) {
		const struct block *blk = &page->doc.blocks[i];
		int gap = style->paragraph_gap;
		if (blk->kind == BLOCK_QR) {
			if (b.out->qr.bits && !floating && !qr_placed) {
				/* Where the text puts it, kept with the line before (which says
				 * what the code is). */
				if (b.out->unit_count > 0)
					b.out->units[b.out->unit_count - 1].keep_with_next = true;
				if (begin_unit(&b, b.out->qr.height, gap, false, -1) >= 0)
					add_item(&b, ITEM_QR, FONT_REGULAR, 0, 0, b.out->qr.width,
						 b.out->qr.height, NULL, 0);
				qr_placed = true;
			}
			continue;
		}
		if (blk->kind == BLOCK_HEADING)
			gap = style->line_height / 2;
		if (blk->kind == BLOCK_TABLE)
			layout_table(&b, blk, gap);
		else if (blk->kind == BLOCK_WARNING)
			layout_warning(&b, blk, gap,
				       i == page->doc.count - 1 && page->source_count > 0);
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
