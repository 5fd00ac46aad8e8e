/* SPDX-License-Identifier: MIT */
/* test_layout: line breaking, long words, pagination, repeated table headers, alignment. */
#include <malloc.h>
#include <stdlib.h>

#include "../test.h"
#include "breaks.h"
#include "font.h"
#include "hyphenation.h"
#include "layout.h"
#include "markup.h"

struct fixture {
	struct font_file *regular_file, *bold_file;
	struct layout_style style;
};

static int open_style(struct fixture *f, int px, int width)
{
	struct inkref_error err;

	memset(f, 0, sizeof(*f));
	err_clear(&err);
	f->regular_file = font_file_open(TEST_FONTS "/DejaVuSans.ttf", &err);
	f->bold_file = font_file_open(TEST_FONTS "/DejaVuSans-Bold.ttf", &err);
	if (!f->regular_file || !f->bold_file) {
		err_print(&err);
		return -1;
	}
	f->style.fonts[FONT_REGULAR] = font_open(f->regular_file, px, GLYPH_MONO, &err);
	f->style.fonts[FONT_BOLD] = font_open(f->bold_file, px, GLYPH_MONO, &err);
	f->style.fonts[FONT_SMALL] = font_open(f->regular_file, px * 2 / 3, GLYPH_MONO, &err);
	f->style.fonts[FONT_SMALL_BOLD] = font_open(f->bold_file, px * 2 / 3, GLYPH_MONO, &err);
	f->style.width = width;
	f->style.line_height = px * 5 / 4;
	f->style.small_line_height = px;
	f->style.paragraph_gap = px / 2;
	f->style.indent = px;
	f->style.column_gap = px / 2;
	return 0;
}

static void close_style(struct fixture *f)
{
	int r;

	for (r = 0; r < FONT_ROLE_COUNT; r++)
		font_close(f->style.fonts[r]);
	font_file_close(f->regular_file);
	font_file_close(f->bold_file);
}

static struct page make_page(const char *body)
{
	struct page p;
	struct inkref_error err;
	static int sources[] = {1, 3};

	memset(&p, 0, sizeof(p));
	p.title = "Title";
	p.source_numbers = sources;
	p.source_count = 2;
	err_clear(&err);
	if (markup_parse(body, "test", 1, &p.doc, &err) < 0)
		err_print(&err);
	return p;
}

/* Joins the words of units [from, to) back into text, one space between items. */
static void join_items(const struct page_layout *l, int from, int to, char *out, size_t size)
{
	size_t n = 0;
	int u, i;

	out[0] = '\0';
	for (u = from; u < to; u++)
		for (i = l->units[u].first_item;
		     i < l->units[u].first_item + l->units[u].item_count; i++) {
			const struct flow_item *it = &l->items[i];
			if (it->kind != ITEM_TEXT)
				continue;
			n += (size_t)snprintf(out + n, size - n, "%s%.*s", n ? " " : "", it->len,
					      it->text);
		}
}

static void words_wrap_whole_and_stay_in_the_column(void)
{
	struct fixture f;
	const char *text =
	    "Magnesium is found in seeds, nuts, beans and whole grains. The upper limit "
	    "from supplements is 350 mg a day for adults.";
	struct page p;
	struct page_layout *l;
	char joined[1024];
	int i, lines = 0;

	CHECK_INT(open_style(&f, 20, 300), 0);
	p = make_page(text);
	l = layout_page(&p, &f.style, 1000);
	CHECK(l != NULL);
	if (!l)
		return;
	for (i = 0; i < l->item_count; i++) {
		const struct flow_item *it = &l->items[i];
		int w = layout_run_width(&f.style, (enum font_role)it->font, it->text, it->len);
		CHECK(memchr(it->text, ' ', it->len) == NULL); /* one word per item */
		CHECK(it->x >= 0);
		CHECK(it->x + w <= f.style.width);
	}
	/* Units: title, the paragraph's lines, the sources line. */
	lines = l->unit_count - 2;
	CHECK(lines >= 3);
	join_items(l, 1, 1 + lines, joined, sizeof(joined));
	CHECK_STR(joined, text);
	/* Greedy fill: no line could have taken the first word of the next. */
	for (i = 1; i < lines; i++) {
		const struct flow_unit *u = &l->units[i], *next = &l->units[i + 1];
		const struct flow_item *last = &l->items[u->first_item + u->item_count - 1];
		const struct flow_item *first_next = &l->items[next->first_item];
		int end = last->x + layout_run_width(&f.style, FONT_REGULAR, last->text, last->len);
		int space = font_glyph(f.style.fonts[FONT_REGULAR], ' ')->advance;
		int next_w =
		    layout_run_width(&f.style, FONT_REGULAR, first_next->text, first_next->len);
		CHECK(end + space + next_w > f.style.width);
	}
	layout_free(l);
	markup_free(&p.doc);
	close_style(&f);
}

static void only_overlong_words_split(void)
{
	struct fixture f;
	const char *word = "Pneumonoultramicroscopicsilicovolcanoconiosis";
	struct page p;
	struct page_layout *l;
	char joined[256] = "";
	size_t n = 0;
	int i;

	CHECK_INT(open_style(&f, 20, 150), 0);
	p = make_page("Short then Pneumonoultramicroscopicsilicovolcanoconiosis end");
	l = layout_page(&p, &f.style, 1000);
	CHECK(l != NULL);
	if (!l)
		return;
	for (i = 0; i < l->item_count; i++) {
		const struct flow_item *it = &l->items[i];
		if (it->kind != ITEM_TEXT || it->font != FONT_REGULAR)
			continue;
		CHECK(it->x + layout_run_width(&f.style, FONT_REGULAR, it->text, it->len) <=
		      f.style.width);
		if (it->text >= p.doc.blocks[0].text + 11 &&
		    it->text < p.doc.blocks[0].text + 11 + strlen(word))
			n += (size_t)snprintf(joined + n, sizeof(joined) - n, "%.*s", it->len,
					      it->text);
	}
	CHECK_STR(joined, word); /* the pieces rebuild the word, nothing lost */
	layout_free(l);
	markup_free(&p.doc);
	close_style(&f);
}

static void bold_runs_change_font(void)
{
	struct fixture f;
	struct page p;
	struct page_layout *l;
	int i, bold = 0, regular = 0;

	CHECK_INT(open_style(&f, 20, 700), 0);
	p = make_page("Keep to **350 mg a day** from supplements.");
	l = layout_page(&p, &f.style, 1000);
	CHECK(l != NULL);
	if (!l)
		return;
	for (i = l->units[1].first_item; i < l->units[1].first_item + l->units[1].item_count; i++) {
		const struct flow_item *it = &l->items[i];
		CHECK(memchr(it->text, '*', it->len) == NULL);
		if (it->font == FONT_BOLD)
			bold++;
		else
			regular++;
	}
	CHECK_INT(bold, 4);
	CHECK_INT(regular, 4);
	layout_free(l);
	markup_free(&p.doc);
	close_style(&f);
}

static void screens_fit_and_headings_stay_with_text(void)
{
	struct fixture f;
	struct page p;
	struct page_layout *l;
	char body[4096];
	size_t n = 0;
	int i, s, height = 200, next_unit = 0;

	CHECK_INT(open_style(&f, 20, 300), 0);
	for (i = 0; i < 12; i++)
		n += (size_t)snprintf(
		    body + n, sizeof(body) - n,
		    "## Heading %d\nSome words to fill a line or two of the column here.\n\n", i);
	p = make_page(body);
	l = layout_page(&p, &f.style, height);
	CHECK(l != NULL);
	if (!l)
		return;
	CHECK(l->screen_count > 3);
	for (s = 0; s < l->screen_count; s++) {
		const struct screen_span *span = &l->screens[s];
		int used = 0, u;
		CHECK_INT(span->first_unit, next_unit); /* every unit once, in order */
		next_unit = span->first_unit + span->unit_count;
		CHECK(span->unit_count > 0);
		for (u = 0; u < span->unit_count; u++) {
			const struct flow_unit *unit = &l->units[span->first_unit + u];
			used += unit->height + (u ? unit->space_before : 0);
		}
		CHECK(used <= height);
		if (s + 1 < l->screen_count)
			CHECK(!l->units[next_unit - 1].keep_with_next);
	}
	CHECK_INT(next_unit, l->unit_count);
	layout_free(l);
	markup_free(&p.doc);
	close_style(&f);
}

static void table_header_repeats_and_numbers_align(void)
{
	struct fixture f;
	struct page p;
	struct page_layout *l;
	char body[4096];
	size_t n;
	int i, s, right_edge = -1, header = -1;

	CHECK_INT(open_style(&f, 20, 360), 0);
	n = (size_t)snprintf(body, sizeof(body), "| Food | Serving | mg |\n");
	for (i = 0; i < 20; i++)
		n += (size_t)snprintf(body + n, sizeof(body) - n,
				      "| Food number %d | 1 cup | %d |\n", i, i * 37 % 400);
	p = make_page(body);
	l = layout_page(&p, &f.style, 180);
	CHECK(l != NULL);
	if (!l)
		return;
	CHECK(l->screen_count >= 3);
	for (i = 0; i < l->unit_count; i++)
		if (l->units[i].table_header >= 0)
			header = l->units[i].table_header;
	CHECK(header >= 0);
	for (s = 1; s < l->screen_count; s++) {
		const struct screen_span *span = &l->screens[s];
		if (l->units[span->first_unit].table_header >= 0)
			CHECK_INT(span->repeat_header, header);
	}
	/* The mg column is numeric: every number ends at the same x. */
	for (i = 0; i < l->unit_count; i++) {
		const struct flow_unit *u = &l->units[i];
		const struct flow_item *last = NULL;
		int k;
		if (u->table_header < 0)
			continue;
		for (k = u->first_item; k < u->first_item + u->item_count; k++)
			if (l->items[k].kind == ITEM_TEXT)
				last = &l->items[k];
		CHECK(last != NULL);
		if (!last)
			continue;
		k = last->x + layout_run_width(&f.style, FONT_REGULAR, last->text, last->len);
		if (right_edge < 0)
			right_edge = k;
		CHECK_INT(k, right_edge);
	}
	layout_free(l);
	markup_free(&p.doc);
	close_style(&f);
}

static void large_text_takes_more_screens(void)
{
	struct fixture small, large;
	struct page p;
	struct page_layout *a, *b;

	CHECK_INT(open_style(&small, 20, 400), 0);
	CHECK_INT(open_style(&large, 30, 400), 0);
	p = make_page(
	    "Caffeine, alcohol and nicotine can make symptoms worse. Cutting down, "
	    "especially later in the day, may help. Regular exercise helps too, but not "
	    "late in the evening. Stretching, massage, and warm or cool baths may ease the "
	    "legs. Going to bed at regular times helps sleep.");
	a = layout_page(&p, &small.style, 200);
	b = layout_page(&p, &large.style, 200);
	CHECK(a && b);
	if (a && b)
		CHECK(b->screen_count > a->screen_count);
	layout_free(a);
	layout_free(b);
	markup_free(&p.doc);
	close_style(&small);
	close_style(&large);
}

/* The screen a unit is shown on. */
static int screen_of(const struct page_layout *l, int unit)
{
	int s;

	for (s = 0; s < l->screen_count; s++)
		if (unit >= l->screens[s].first_unit &&
		    unit < l->screens[s].first_unit + l->screens[s].unit_count)
			return s;
	return -1;
}

/* The units that hold the words of a warning: those with a frame rule at the left edge. */
static void warning_units(const struct page_layout *l, int *first, int *last)
{
	int u, i;

	*first = *last = -1;
	for (u = 0; u < l->unit_count; u++)
		for (i = l->units[u].first_item;
		     i < l->units[u].first_item + l->units[u].item_count; i++)
			if (l->items[i].kind == ITEM_RULE && l->items[i].x == 0 &&
			    l->items[i].w < 10 && l->items[i].h == l->units[u].height) {
				if (*first < 0)
					*first = u;
				*last = u;
			}
}

/* A warning that fits a screen is never cut by pagination, wherever the page would have
 * broken: each of these bodies puts the break at a different line of the warning. */
static void warnings_stay_whole_and_framed(void)
{
	struct fixture f;
	int filler;

	CHECK_INT(open_style(&f, 20, 300), 0);
	for (filler = 0; filler < 8; filler++) {
		char body[4096];
		size_t n = 0;
		struct page p;
		struct page_layout *l;
		int i, first, last, rules = 0;
		for (i = 0; i < filler; i++)
			n +=
			    (size_t)snprintf(body + n, sizeof(body) - n, "Line %d of text.\n\n", i);
		snprintf(body + n, sizeof(body) - n,
			 "! **Call 911.** One leg is swollen or painful, and you are short of\n"
			 "! breath or have chest pain. It may be a blood clot in the lung.\n");
		p = make_page(body);
		l = layout_page(&p, &f.style, 200);
		CHECK(l != NULL);
		if (!l)
			continue;
		warning_units(l, &first, &last);
		CHECK(first >= 0 && last > first);
		CHECK_INT(l->split_warnings, 0);
		CHECK_INT(screen_of(l, first), screen_of(l, last));
		/* Framed: a rule on both sides of every line, across the top and the bottom. */
		for (i = 0; i < l->item_count; i++)
			rules += l->items[i].kind == ITEM_RULE;
		CHECK_INT(rules, 2 * (last - first + 1) + 2);
		for (i = l->units[first].first_item;
		     i < l->units[first].first_item + l->units[first].item_count; i++)
			if (l->items[i].kind == ITEM_TEXT)
				CHECK(l->items[i].box_x > 4 &&
				      l->items[i].box_x + l->items[i].w < 296);
		layout_free(l);
		markup_free(&p.doc);
	}
	close_style(&f);
}

/* A warning that fills a screen is never cut to bring the sources line along with its last
 * line: the sources line goes on to the next screen. */
static void a_warning_is_not_cut_for_the_sources_line(void)
{
	struct fixture f;
	struct page p;
	struct page_layout *l;
	int first, last, height = 0, u;

	CHECK_INT(open_style(&f, 20, 300), 0);
	p = make_page("! **Call 911.** One leg is swollen or painful, and you are short of\n"
		      "! breath or have chest pain. It may be a blood clot in the lung.\n");
	p.title = "";
	l = layout_page(&p, &f.style, 1000);
	CHECK(l != NULL);
	if (!l)
		return;
	warning_units(l, &first, &last);
	for (u = first; u <= last; u++)
		height += l->units[u].height + (u > first ? l->units[u].space_before : 0);
	layout_free(l);
	l = layout_page(&p, &f.style, height);
	CHECK(l != NULL);
	if (!l)
		return;
	warning_units(l, &first, &last);
	CHECK(first >= 0 && last > first);
	CHECK_INT(l->split_warnings, 0);
	CHECK_INT(l->compact_warnings, 0);
	CHECK_INT(screen_of(l, first), screen_of(l, last));
	layout_free(l);
	markup_free(&p.doc);
	close_style(&f);
}

/* A warning too tall for a screen in the page's text size is set small rather than cut;
 * one too tall even then has to break, and the layout says so for the linter. */
static void tall_warnings_shrink_then_report_a_split(void)
{
	struct fixture f;
	struct page p;
	struct page_layout *l;
	int first, last, i, small = 0;

	CHECK_INT(open_style(&f, 30, 300), 0);
	p = make_page("! **Call 911.** One leg is swollen or painful, and you are short of breath\n"
		      "! or have chest pain. It may be a blood clot in the lung.\n");
	l = layout_page(&p, &f.style, 200);
	CHECK(l != NULL);
	if (l) {
		warning_units(l, &first, &last);
		CHECK_INT(l->split_warnings, 0);
		CHECK_INT(screen_of(l, first), screen_of(l, last));
		for (i = 0; i < l->item_count; i++)
			small +=
			    l->items[i].kind == ITEM_TEXT && l->items[i].font == FONT_SMALL_BOLD;
		CHECK(small > 0);
		layout_free(l);
	}
	markup_free(&p.doc);
	p = make_page("! A warning far too long for any screen: it goes on and on, with many\n"
		      "! words, and more words, and still more, past what one screen can hold\n"
		      "! in any text size at all, so it must break.\n");
	l = layout_page(&p, &f.style, 100);
	CHECK(l != NULL);
	if (l) {
		CHECK_INT(l->split_warnings, 1);
		layout_free(l);
	}
	markup_free(&p.doc);
	close_style(&f);
}

/* Layouts stay in memory for as long as the content (the kiosk makes them all at start):
 * they keep no room to grow, which on a short page would be most of their size. */
static void layouts_keep_no_growth_room(void)
{
	struct fixture f;
	struct page p;
	struct page_layout *l;

	CHECK_INT(open_style(&f, 20, 300), 0);
	p = make_page("A short page.\n\n- one\n- two");
	l = layout_page(&p, &f.style, 1000);
	CHECK(l != NULL);
	if (!l)
		return;
	CHECK(l->item_count > 3 && l->unit_count > 3);
	/* malloc rounds a block up by less than 32 bytes (its granule and header). */
	CHECK(malloc_usable_size(l->items) < (size_t)l->item_count * sizeof(*l->items) + 32);
	CHECK(malloc_usable_size(l->units) < (size_t)l->unit_count * sizeof(*l->units) + 32);
	CHECK(malloc_usable_size(l->screens) < (size_t)l->screen_count * sizeof(*l->screens) + 32);
	layout_free(l);
	markup_free(&p.doc);
	close_style(&f);
}

/* A hyphenation table as the content compiler makes it, from Debian's patterns. */
static struct hyphen_word table_words[8];
static struct hyphen_table table = {table_words, 0};

static void make_table(const char *const *words, int count)
{
	struct inkref_error err;
	char dict[256];
	struct hyphenator *h;
	int i;

	err_clear(&err);
	hyphen_dict_path("en", dict, sizeof(dict));
	h = hyphen_open(dict, "pramipexole", &err);
	CHECK(h != NULL);
	table.count = 0;
	for (i = 0; h && i < count; i++) {
		uint64_t points = hyphen_points(h, words[i], strlen(words[i]));
		if (!points)
			continue;
		table_words[table.count].word = (char *)words[i];
		table_words[table.count++].points = points;
	}
	hyphen_close(h);
}

/* The text of every item of unit u, joined without spaces. */
static void unit_text(const struct page_layout *l, int u, char *out, size_t size)
{
	size_t n = 0;
	int i;

	out[0] = '\0';
	for (i = l->units[u].first_item; i < l->units[u].first_item + l->units[u].item_count; i++)
		if (l->items[i].kind == ITEM_TEXT)
			n += (size_t)snprintf(out + n, size - n, "%.*s", l->items[i].len,
					      l->items[i].text);
}

static void a_word_that_leaves_a_short_line_is_hyphenated(void)
{
	static const char *const words[] = {"supplementation", "pramipexole"};
	struct fixture f;
	struct page p;
	struct page_layout *l;
	char line[256];
	int u, hyphens = 0;

	CHECK_INT(open_style(&f, 20, 200), 0);
	make_table(words, 2);
	CHECK_INT(table.count, 1); /* the exception has no points */
	f.style.hyphens = &table;
	f.style.hyphenate_short_lines = true;
	/* "Ask about" fills about half the line; "supplementation" would move down whole. */
	p = make_page("Ask about supplementation and pramipexole at the counter");
	l = layout_page(&p, &f.style, 1000);
	CHECK(l != NULL);
	if (!l)
		return;
	unit_text(l, 1, line, sizeof(line));
	CHECK(strncmp(line, "Askaboutsupple", 14) == 0);
	CHECK(line[strlen(line) - 1] == '-');
	for (u = 1; u < l->unit_count - 1; u++) {
		unit_text(l, u, line, sizeof(line));
		if (line[strlen(line) - 1] == '-')
			hyphens++;
		/* The medicine's name is never broken. */
		CHECK(strstr(line, "prami") == NULL || strstr(line, "pramipexole") != NULL);
	}
	CHECK_INT(hyphens, 1);
	/* Without the table the same text breaks only between words. */
	layout_free(l);
	f.style.hyphens = NULL;
	l = layout_page(&p, &f.style, 1000);
	CHECK(l != NULL);
	for (u = 1; l && u < l->unit_count - 1; u++) {
		unit_text(l, u, line, sizeof(line));
		CHECK(line[strlen(line) - 1] != '-');
	}
	layout_free(l);
	markup_free(&p.doc);
	close_style(&f);
}

static void a_word_wider_than_the_line_is_hyphenated_not_cut(void)
{
	static const char *const words[] = {"supplementation"};
	struct fixture f;
	struct page p;
	struct page_layout *l;
	char line[256], joined[256] = "";
	int u;

	CHECK_INT(open_style(&f, 20, 110), 0);
	make_table(words, 1);
	f.style.hyphens = &table;
	p = make_page("supplementation");
	l = layout_page(&p, &f.style, 1000);
	CHECK(l != NULL);
	if (!l)
		return;
	CHECK(l->unit_count >= 4); /* title, two lines or more, sources */
	for (u = 1; u < l->unit_count - 1; u++) {
		unit_text(l, u, line, sizeof(line));
		if (u < l->unit_count - 2) {
			CHECK(line[strlen(line) - 1] == '-');
			line[strlen(line) - 1] = '\0';
		}
		strcat(joined, line);
	}
	CHECK_STR(joined, "supplementation");
	layout_free(l);
	markup_free(&p.doc);
	close_style(&f);
}

/* UAX #14: after a hyphen or a slash a line may end; before closing punctuation never. */
static void lines_break_by_the_unicode_rules(void)
{
	struct fixture f;
	struct page p;
	struct page_layout *l;
	char line[256];
	int u, width;

	CHECK_INT(open_style(&f, 20, 300), 0);
	width = layout_run_width(&f.style, FONT_REGULAR, "Restless legs or Willis-", 24);
	f.style.width = width + 2;
	p = make_page("Restless legs or Willis-Ekbom disease, and/or (RLS).");
	l = layout_page(&p, &f.style, 1000);
	CHECK(l != NULL);
	if (!l)
		return;
	unit_text(l, 1, line, sizeof(line));
	CHECK_STR(line, "RestlesslegsorWillis-");
	for (u = 1; u < l->unit_count - 1; u++) {
		unit_text(l, u, line, sizeof(line));
		CHECK(line[0] != ')' && line[0] != '.' && line[0] != ',');
	}
	layout_free(l);
	markup_free(&p.doc);
	close_style(&f);
}

static void a_number_keeps_its_unit_at_a_line_end(void)
{
	struct fixture f;
	struct page p;
	struct page_layout *l;
	char text[256], line[256];
	int width, u, found = 0;
	char breaks[64];
	const char *pair = "1 oz (28 g) and 350 mg a day";

	/* The breaks themselves: no break between 28 and g, nor 350 and mg, nor 1 and oz. */
	breaks_find(pair, strlen(pair), breaks);
	CHECK_INT(breaks[1], BREAK_NEVER);  /* "1 oz" */
	CHECK_INT(breaks[4], BREAK_ALLOW);  /* "oz (28": a space, a word that is no unit */
	CHECK_INT(breaks[8], BREAK_NEVER);  /* "28 g" */
	CHECK_INT(breaks[11], BREAK_ALLOW); /* "g) and" */
	CHECK_INT(breaks[19], BREAK_NEVER); /* "350 mg" */
	breaks_find("RDA mg/day and/or", 17, breaks);
	CHECK_INT(breaks[6], BREAK_NEVER);  /* "mg/day": a unit */
	CHECK_INT(breaks[14], BREAK_ALLOW); /* "and/or": a line may end after the slash */
	breaks_find("24–27 and 19-30, well-known", 29, breaks);
	CHECK_INT(breaks[4], BREAK_NEVER);  /* "24–27": the en dash of a range */
	CHECK_INT(breaks[14], BREAK_NEVER); /* "19-30": a hyphen between digits */
	CHECK_INT(breaks[23], BREAK_ALLOW); /* "well-known": after a hyphen in a word */

	CHECK_INT(open_style(&f, 20, 300), 0);
	/* A column that "Pumpkin seeds, 1 oz (28" just fits: plain UAX #14 would end it there. */
	snprintf(text, sizeof(text), "Pumpkin seeds, 1 oz (28 g) give 156 mg.");
	width = layout_run_width(&f.style, FONT_REGULAR, "Pumpkin seeds, 1 oz (28", 23);
	f.style.width = width + 1;
	p = make_page(text);
	l = layout_page(&p, &f.style, 1000);
	CHECK(l != NULL);
	if (!l)
		return;
	for (u = 1; u < l->unit_count - 1; u++) {
		unit_text(l, u, line, sizeof(line));
		CHECK(line[strlen(line) - 1] != '8');
		if (strstr(line, "(28g)"))
			found++;
	}
	CHECK_INT(found, 1);
	layout_free(l);
	markup_free(&p.doc);
	close_style(&f);
}

static void widows_and_orphans_never_happen(void)
{
	struct fixture f;
	struct page p;
	struct page_layout *l;
	int height, s, paragraphs_split = 0;

	CHECK_INT(open_style(&f, 20, 300), 0);
	p = make_page("One two three four five six seven eight nine ten eleven twelve thirteen "
		      "fourteen fifteen sixteen seventeen eighteen nineteen twenty.\n\n"
		      "Alpha beta gamma delta epsilon zeta eta theta iota kappa lambda mu nu xi "
		      "omicron pi rho sigma tau upsilon phi chi psi omega.\n\n"
		      "Short last paragraph of a few words that wraps onto two lines.");
	/* Every screen height from four lines (a heading and two lines always fit) to ten:
	 * each cut inside a paragraph leaves at least two of its lines on either side. */
	for (height = 4 * f.style.line_height; height <= 10 * f.style.line_height; height += 3) {
		l = layout_page(&p, &f.style, height);
		CHECK(l != NULL);
		if (!l)
			continue;
		for (s = 0; s + 1 < l->screen_count; s++) {
			int last = l->screens[s].first_unit + l->screens[s].unit_count - 1;
			int next = last + 1;
			/* A paragraph's first line has space before it; its other lines none. */
			if (l->units[next].space_before != 0)
				continue;
			paragraphs_split++;
			CHECK(l->units[last].space_before == 0); /* no orphan above the cut */
			CHECK(next + 1 < l->unit_count && l->units[next + 1].space_before == 0 &&
			      l->units[next + 1].height == l->units[next].height); /* no widow */
		}
		layout_free(l);
	}
	CHECK(paragraphs_split > 3); /* the rule was exercised, not avoided */
	markup_free(&p.doc);
	close_style(&f);
}

static int screens_holding(const struct page_layout *l, int unit)
{
	int s;

	for (s = 0; s < l->screen_count; s++)
		if (unit >= l->screens[s].first_unit &&
		    unit < l->screens[s].first_unit + l->screens[s].unit_count)
			return s;
	return -1;
}

/* A table takes the screens its rows need: each screen holds as many rows as fit under
 * the repeated header. */
static void a_table_takes_no_more_screens_than_its_rows_need(void)
{
	struct fixture f;
	struct page p;
	struct page_layout *l;
	char body[4096];
	size_t n;
	int i, rows = 23, header = -1, row_h = 0, per_screen, first_row = -1, last_row = -1;

	CHECK_INT(open_style(&f, 20, 360), 0);
	n = (size_t)snprintf(body, sizeof(body), "| Food | Serving | mg |\n");
	for (i = 0; i < rows; i++)
		n += (size_t)snprintf(body + n, sizeof(body) - n, "| Food %d | 1 cup | %d |\n", i,
				      i * 37 % 400);
	p = make_page(body);
	p.title = "";
	p.source_count = 0;
	l = layout_page(&p, &f.style, 200);
	CHECK(l != NULL);
	if (!l)
		return;
	for (i = 0; i < l->unit_count; i++)
		if (l->units[i].table_header >= 0) {
			header = l->units[i].table_header;
			row_h = l->units[i].height;
			if (first_row < 0)
				first_row = i;
			last_row = i;
		}
	CHECK(header >= 0 && row_h > 0);
	if (header < 0 || row_h <= 0)
		return;
	per_screen = (200 - l->units[header].height) / row_h;
	CHECK(per_screen >= 2);
	CHECK_INT(screens_holding(l, last_row) - screens_holding(l, first_row) + 1,
		  (rows + per_screen - 1) / per_screen);
	layout_free(l);
	markup_free(&p.doc);
	close_style(&f);
}

/* Columns are set for the fewest lines, not in proportion: a column of short phrases gets
 * the width that keeps each on one line, and the one long cell beside them wraps. */
static void table_columns_are_set_for_the_fewest_lines(void)
{
	struct fixture f;
	struct page p;
	struct page_layout *l;
	int width, i, wrapped = 0, rows = 0, line;

	CHECK_INT(open_style(&f, 20, 300), 0);
	line = f.style.line_height;
	width = layout_run_width(&f.style, FONT_REGULAR, "better than oxide", 17) +
		layout_run_width(&f.style, FONT_REGULAR, "Aspartate", 9) + f.style.column_gap + 4;
	f.style.width = width;
	p = make_page("| Form | Absorption |\n| Oxide | lower |\n| Citrate | better than oxide |\n"
		      "| Aspartate | better than oxide |\n| Sulfate (Epsom salt) | lower |\n");
	p.title = "";
	p.source_count = 0;
	l = layout_page(&p, &f.style, 1000);
	CHECK(l != NULL);
	if (!l)
		return;
	for (i = 0; i < l->unit_count; i++) {
		if (l->units[i].table_header < 0)
			continue;
		rows++;
		if (l->units[i].height >= 2 * line)
			wrapped++;
	}
	CHECK_INT(rows, 4);
	CHECK_INT(wrapped, 1); /* "Sulfate (Epsom salt)" alone; in proportion, three rows */
	layout_free(l);
	markup_free(&p.doc);
	close_style(&f);
}

const struct test_case layout_tests[] = {
    TEST_CASE(layout, words_wrap_whole_and_stay_in_the_column),
    TEST_CASE(layout, only_overlong_words_split),
    TEST_CASE(layout, bold_runs_change_font),
    TEST_CASE(layout, screens_fit_and_headings_stay_with_text),
    TEST_CASE(layout, table_header_repeats_and_numbers_align),
    TEST_CASE(layout, large_text_takes_more_screens),
    TEST_CASE(layout, warnings_stay_whole_and_framed),
    TEST_CASE(layout, tall_warnings_shrink_then_report_a_split),
    TEST_CASE(layout, a_warning_is_not_cut_for_the_sources_line),
    TEST_CASE(layout, layouts_keep_no_growth_room),
    TEST_CASE(layout, a_word_that_leaves_a_short_line_is_hyphenated),
    TEST_CASE(layout, a_word_wider_than_the_line_is_hyphenated_not_cut),
    TEST_CASE(layout, lines_break_by_the_unicode_rules),
    TEST_CASE(layout, a_number_keeps_its_unit_at_a_line_end),
    TEST_CASE(layout, widows_and_orphans_never_happen),
    TEST_CASE(layout, a_table_takes_no_more_screens_than_its_rows_need),
    TEST_CASE(layout, table_columns_are_set_for_the_fewest_lines),
    {NULL, NULL, NULL},
};
