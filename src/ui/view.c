/* SPDX-License-Identifier: MIT */
/* view: screen geometry, the home, menu and page screens, header and footer. */
#include "view.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "breaks.h"
#include "pngio.h"
#include "utf8.h"

#define ELLIPSIS "…"

const enum key view_footer_order[4] = {KEY_UP, KEY_DOWN, KEY_OK, KEY_BACK};

struct rect view_caption_slot(int panel_width, int slot)
{
	int w = panel_width / 4;
	return (struct rect){slot * w, 0, w, 0};
}

/* Large text is the first thing a reader without glasses needs, so the home screen says how
 * to get it: in the header beside the subject where they fit side by side (the 7.5"), else
 * on a line under the entries. Decided without the screen counter (whose width depends on
 * the decision) by keeping room for the widest one, "9/9". */
static const char *home_hint(bool large)
{
	return large ? "Hold ▶ for normal text" : "Hold ▶ for larger text";
}

static bool home_hint_in_header(struct view *v, bool large)
{
	struct font *bold = v->fonts[large][FONT_SMALL_BOLD];
	int px = font_pixel_size(bold), margin = v->panel->margin;
	int room = v->regions[large][REGION_HEADER].w - 2 * margin;
	const char *hint = home_hint(large);

	room -= font_text_width(bold, "9/9", 3) + margin / 2 + px / 2;
	if (large)
		room -= font_text_width(bold, "A+", 2) + 2 * (px / 3 + 1) + px / 2;
	if (v->logo[large].bits)
		room -= v->logo[large].width + px / 2;
	return font_text_width(bold, "RLS and magnesium", strlen("RLS and magnesium")) + px +
		   font_text_width(v->fonts[large][FONT_SMALL], hint, strlen(hint)) <=
	       room;
}

int view_open(struct view *v, const struct panel_model *panel, const struct content *content,
	      const struct view_paths *paths, struct inkref_error *err)
{
	int large;

	memset(v, 0, sizeof(*v));
	v->panel = panel;
	v->content = content;
	memcpy(v->footer_keys, view_footer_order, sizeof(v->footer_keys));
	v->review_due = paths->review_due;
	v->regular_file = font_file_open(paths->regular_font, err);
	if (!v->regular_file)
		goto fail;
	v->bold_file = font_file_open(paths->bold_font, err);
	if (!v->bold_file)
		goto fail;
	for (large = 0; large < 2; large++) {
		int body = large ? panel->large_body_px : panel->body_px;
		int chrome = large ? panel->large_chrome_px : panel->chrome_px;
		struct layout_style *st = &v->style[large];
		int header, footer, body_top, body_bottom;
		v->fonts[large][FONT_REGULAR] =
		    font_open(v->regular_file, body, paths->glyph_mode, err);
		v->fonts[large][FONT_BOLD] = font_open(v->bold_file, body, paths->glyph_mode, err);
		v->fonts[large][FONT_SMALL] =
		    font_open(v->regular_file, chrome, paths->glyph_mode, err);
		v->fonts[large][FONT_SMALL_BOLD] =
		    font_open(v->bold_file, chrome, paths->glyph_mode, err);
		if (!v->fonts[large][FONT_REGULAR] || !v->fonts[large][FONT_BOLD] ||
		    !v->fonts[large][FONT_SMALL] || !v->fonts[large][FONT_SMALL_BOLD])
			goto fail;
		memcpy(st->fonts, v->fonts[large], sizeof(st->fonts));
		st->width = panel->width - 2 * panel->margin;
		/* Large type needs less leading: 1.2, just the glyphs' own height. */
		st->line_height = large ? (body * 6 + 2) / 5 : panel_line_height(body);
		st->small_line_height = panel_line_height(chrome);
		st->paragraph_gap = body * 2 / 5;
		st->indent = body * 6 / 5;
		st->column_gap = body * 2 / 3;
		st->hyphens = &content->hyphens;
		/* Under 18 em a line holds about 30 characters or fewer: a word that moves to
		 * the next line leaves a hole a reader notices. */
		st->hyphenate_short_lines = st->width < 18 * body;
		header = panel_line_height(chrome) + chrome / 2;
		footer = panel_line_height(chrome) + chrome / 2;
		if (paths->review_due)
			footer += panel_line_height(chrome); /* a line for the notice */
		v->header_height[large] = header;
		v->footer_height[large] = footer;
		body_top = header + body / 4;
		body_bottom = panel->height - footer - body / 6;
		v->regions[large][REGION_HEADER] = (struct rect){0, 0, panel->width, header};
		v->regions[large][REGION_BODY] =
		    (struct rect){panel->margin, body_top, st->width, body_bottom - body_top};
		v->regions[large][REGION_FOOTER] =
		    (struct rect){0, panel->height - footer, panel->width, footer};
		v->row_height[large] = st->line_height + body / 4;
		if (paths->logo &&
		    png_read_bitmap(paths->logo, header - chrome / 3, &v->logo[large], err) < 0)
			goto fail;
	}
	v->layouts = calloc((size_t)content->page_count * 2 + 1, sizeof(*v->layouts));
	v->entry_lines = calloc((size_t)content->item_count * 2 + 1, sizeof(*v->entry_lines));
	if (!v->layouts || !v->entry_lines) {
		err_set(err, EXIT_SOFTWARE, "", 0, "out of memory");
		goto fail;
	}
	v->hint_in_header[0] = home_hint_in_header(v, false);
	v->hint_in_header[1] = home_hint_in_header(v, true);
	return 0;
fail:
	view_close(v);
	return -1;
}

void view_close(struct view *v)
{
	int large, role, i;

	if (v->layouts) {
		for (i = 0; i < v->content->page_count * 2; i++)
			layout_free(v->layouts[i]);
		free(v->layouts);
	}
	free(v->entry_lines);
	if (v->shared) {
		memset(v, 0, sizeof(*v));
		return;
	}
	for (large = 0; large < 2; large++) {
		for (role = 0; role < FONT_ROLE_COUNT; role++)
			font_close(v->fonts[large][role]);
		bitmap_free(&v->logo[large]);
	}
	font_file_close(v->regular_file);
	font_file_close(v->bold_file);
	memset(v, 0, sizeof(*v));
}

int view_share(struct view *copy, const struct view *original, const struct content *content)
{
	*copy = *original;
	copy->content = content;
	copy->shared = true;
	copy->layouts = calloc((size_t)content->page_count * 2 + 1, sizeof(*copy->layouts));
	copy->entry_lines = calloc((size_t)content->item_count * 2 + 1, sizeof(*copy->entry_lines));
	if (!copy->layouts || !copy->entry_lines) {
		free(copy->layouts);
		free(copy->entry_lines);
		copy->layouts = NULL;
		copy->entry_lines = NULL;
		return -1;
	}
	return 0;
}

const struct page_layout *view_page_layout(struct view *v, int page, bool large_text)
{
	struct page_layout **slot = &v->layouts[page * 2 + (large_text ? 1 : 0)];

	if (!*slot)
		*slot = layout_page(&v->content->pages[page], &v->style[large_text],
				    v->regions[large_text][REGION_BODY].h);
	return *slot;
}

int view_screen_count(struct view *view, int page, bool large_text)
{
	const struct page_layout *layout = view_page_layout(view, page, large_text);
	return layout ? layout->screen_count : 1;
}

int view_split_warnings(struct view *view, int page, bool large_text)
{
	const struct page_layout *layout = view_page_layout(view, page, large_text);
	return layout ? layout->split_warnings : 0;
}

static struct draw_op *add_op(struct display_list *dl, enum op_kind kind, enum region region)
{
	struct draw_op *op;

	if (dl->count == DISPLAY_MAX_OPS)
		return NULL;
	op = &dl->ops[dl->count++];
	memset(op, 0, sizeof(*op));
	op->kind = (uint8_t)kind;
	op->region = (uint8_t)region;
	op->ink = true;
	return op;
}

static void add_fill(struct display_list *dl, enum region region, struct rect r, bool ink)
{
	struct draw_op *op = add_op(dl, OP_FILL, region);

	if (op) {
		op->box = r;
		op->ink = ink;
	}
}

static const char *keep(struct display_list *dl, const char *s, size_t len)
{
	char *at;

	if (dl->strings_len + len + 1 > sizeof(dl->strings))
		return NULL;
	at = dl->strings + dl->strings_len;
	memcpy(at, s, len);
	at[len] = '\0';
	dl->strings_len += len + 1;
	return at;
}

/* Copies text into the list, cut at a code point with an ellipsis when wider than max_w.
 * One walk over the glyphs finds the cut; the ellipsis's kerning may cost a step back. */
static const char *fit(struct view *v, struct display_list *dl, enum font_role role, bool large,
		       const char *text, int max_w, int *width)
{
	struct font *font = v->fonts[large][role];
	size_t len = strlen(text), cut = 0, steps;
	int ellipsis_w = font_text_width(font, ELLIPSIS, strlen(ELLIPSIS)), w;
	struct glyph_walk walk;
	bool too_wide = false;
	char buf[512];

	font_walk_begin(&walk, font, text, len);
	while (font_walk_next(&walk)) {
		if (walk.next_pen + ellipsis_w <= max_w)
			cut = walk.at;
		if (walk.next_pen > max_w) {
			too_wide = true;
			break;
		}
	}
	if (!too_wide || len >= sizeof(buf) - 4) {
		*width = too_wide ? font_text_width(font, text, len) : walk.pen;
		return keep(dl, text, len);
	}
	for (steps = 0;; steps++) {
		/* The ellipsis sits on a word, not after a space. */
		while (cut > 0 && text[cut - 1] == ' ')
			cut--;
		memcpy(buf, text, cut);
		memcpy(buf + cut, ELLIPSIS, sizeof(ELLIPSIS));
		w = font_text_width(font, buf, cut + strlen(ELLIPSIS));
		if (w <= max_w || cut == 0 || steps == 4)
			break;
		do
			cut--;
		while (cut > 0 && ((unsigned char)text[cut] & 0xc0) == 0x80);
	}
	*width = w;
	return keep(dl, buf, cut + strlen(ELLIPSIS));
}

static void add_text(struct display_list *dl, enum region region, enum font_role role,
		     const char *text, int x, int baseline, struct rect box, bool ink)
{
	struct draw_op *op;

	if (!text)
		return;
	op = add_op(dl, OP_TEXT, region);
	if (!op)
		return;
	op->font = (uint8_t)role;
	op->text = text;
	op->len = (int)strlen(text);
	op->x = x;
	op->y = baseline;
	op->box = box;
	op->ink = ink;
}

/* Letters such as T reach left of their pen position at some sizes: a line starts that much
 * later, so its ink stays in its box. */
static int lead_in(struct font *font, const char *text, size_t len)
{
	uint32_t cp;
	const struct glyph *g;

	if (utf8_decode(text, len, &cp) < 0)
		return 0;
	g = font_glyph(font, cp);
	return g && g->left < 0 ? -g->left : 0;
}

static int baseline_in(struct font *font, struct rect box)
{
	return box.y + (box.h - font_ascent(font) - font_descent(font)) / 2 + font_ascent(font);
}

/* The breadcrumb: "Home › Topic › ..." with leading steps dropped when it is too long. */
static void build_header(struct view *v, const struct menu_state *s, const char *counter,
			 struct display_list *dl)
{
	bool large = s->large_text;
	struct rect header = v->regions[large][REGION_HEADER];
	struct font *chrome = v->fonts[large][FONT_SMALL_BOLD];
	int margin = v->panel->margin, x = margin, counter_w = 0, w;
	int baseline = baseline_in(chrome, header);
	const char *steps[MENU_MAX_DEPTH + 1];
	int step_count = 0, first, i;
	char crumb[512];
	const int rule = header.h >= 40 ? 3 : 2;

	if (counter) {
		counter_w = font_text_width(chrome, counter, strlen(counter));
		add_text(dl, REGION_HEADER, FONT_SMALL_BOLD, keep(dl, counter, strlen(counter)),
			 header.w - margin - counter_w, baseline,
			 (struct rect){header.w - margin - counter_w, header.y, counter_w,
				       header.h - rule},
			 true);
		counter_w += margin / 2 + font_pixel_size(chrome) / 2;
	}
	if (large) {
		/* Large text says so on every screen, white on black: "A+" reads as bigger type
		 * in any language, and the home screen says how to turn it off. */
		const char *badge = "A+";
		int pad = font_pixel_size(chrome) / 3 + 1, bw = font_text_width(chrome, badge, 2);
		int bx = header.w - margin - counter_w - bw - 2 * pad;
		int by = 1, bh = header.h - rule - 2;
		add_fill(dl, REGION_HEADER, (struct rect){bx, by, bw + 2 * pad, bh}, true);
		add_text(dl, REGION_HEADER, FONT_SMALL_BOLD, badge, bx + pad, baseline,
			 (struct rect){bx + pad, by, bw, bh}, false);
		counter_w += bw + 2 * pad + font_pixel_size(chrome) / 2;
	}
	if (s->depth == 1 && s->page < 0 && v->hint_in_header[large]) {
		struct font *small = v->fonts[large][FONT_SMALL];
		const char *hint = home_hint(large);
		int hw = font_text_width(small, hint, strlen(hint));
		int hx = header.w - margin - counter_w - hw;
		add_text(dl, REGION_HEADER, FONT_SMALL, hint, hx, baseline,
			 (struct rect){hx, header.y, hw, header.h - rule}, true);
		counter_w += hw + font_pixel_size(chrome);
	}
	if (s->depth == 1 && s->page < 0) {
		/* Home: the logo and the kiosk's subject. */
		const struct bitmap *logo = &v->logo[large];
		struct draw_op *op;
		if (logo->bits) {
			op = add_op(dl, OP_BITMAP, REGION_HEADER);
			if (op) {
				op->bitmap = logo;
				op->box = (struct rect){x, (header.h - rule - logo->height) / 2,
							logo->width, logo->height};
			}
			x += logo->width + font_pixel_size(chrome) / 2;
		}
		/* The short name where the long one would be cut. */
		steps[step_count++] = "Restless legs and magnesium";
		if (font_text_width(chrome, steps[0], strlen(steps[0])) >
		    header.w - x - margin - counter_w)
			steps[0] = "RLS and magnesium";
	} else {
		for (i = 0; i < s->depth; i++)
			steps[step_count++] = v->content->items[s->path[i]].title;
		if (s->page >= 0)
			steps[step_count++] =
			    v->content->items[menu_selected_item(s, v->content)].title;
		/* On a page, the last step is the page's own menu entry, which the body's title
		 * repeats: the header shows where it sits instead. */
		if (s->page >= 0 && step_count > 1)
			step_count--;
	}
	for (first = 0; first < step_count; first++) {
		size_t len = 0;
		if (first > 0)
			len += (size_t)snprintf(crumb + len, sizeof(crumb) - len, ELLIPSIS " › ");
		for (i = first; i < step_count && len < sizeof(crumb) - 1; i++)
			len += (size_t)snprintf(crumb + len, sizeof(crumb) - len, "%s%s",
						i > first ? " › " : "", steps[i]);
		/* snprintf returns the length it wanted: a longer crumb was cut at the buffer. */
		if (len > sizeof(crumb) - 1)
			len = sizeof(crumb) - 1;
		if (font_text_width(chrome, crumb, len) <= header.w - x - margin - counter_w ||
		    first == step_count - 1)
			break;
	}
	{
		int room = header.w - x - margin - counter_w;
		const char *text = fit(v, dl, FONT_SMALL_BOLD, large, crumb, room, &w);
		add_text(dl, REGION_HEADER, FONT_SMALL_BOLD, text, x, baseline,
			 (struct rect){x, header.y, room, header.h - rule}, true);
	}
	add_fill(dl, REGION_HEADER, (struct rect){0, header.h - rule, header.w, rule}, true);
}

/* What a key does here, over the key: each key one meaning, each with its symbol (Up ▲,
 * Down ▼, OK ▶, Back ◀). short_text, if any, is for a cell too narrow for text. A key that
 * does nothing here has no caption. */
struct caption {
	const char *text, *short_text;
};

static void build_footer(struct view *v, const struct menu_state *s,
			 const struct caption captions[4], struct display_list *dl)
{
	bool large = s->large_text;
	struct rect footer = v->regions[large][REGION_FOOTER];
	struct font *chrome = v->fonts[large][FONT_SMALL];
	int i;
	const int rule =
	    v->footer_height[large] -
			(v->review_due ? panel_line_height(font_pixel_size(chrome)) : 0) >=
		    40
		? 3
		: 2;
	int baseline;

	add_fill(dl, REGION_FOOTER, (struct rect){0, footer.y, footer.w, rule}, true);
	if (v->review_due) {
		/* Out-of-date health information must say so, on every screen. */
		struct font *bold = v->fonts[large][FONT_SMALL_BOLD];
		struct rect line = {0, footer.y + rule, footer.w,
				    panel_line_height(font_pixel_size(chrome))};
		int w;
		const char *full = "Content due for review: ask staff for current advice";
		const char *notice;
		int room = footer.w - 2 * v->panel->margin;
		/* The short form on small glass, rather than an ellipsis mid-sentence. */
		if (font_text_width(bold, full, strlen(full)) > room)
			full = "Content due for review";
		notice = fit(v, dl, FONT_SMALL_BOLD, large, full, room, &w);
		add_text(dl, REGION_FOOTER, FONT_SMALL_BOLD, notice, (footer.w - w) / 2,
			 baseline_in(bold, line), line, true);
		footer.y += line.h;
		footer.h -= line.h;
	}
	baseline =
	    baseline_in(chrome, (struct rect){0, footer.y + rule, footer.w, footer.h - rule});
	for (i = 0; i < 4; i++) {
		struct rect slot = view_caption_slot(footer.w, i);
		struct rect cell = {slot.x + 2, footer.y + rule, slot.w - 4, footer.h - rule};
		const struct caption *c = NULL;
		const char *caption;
		int w;
		int k;
		for (k = 0; k < 4; k++)
			if (v->footer_keys[i] == (enum key)(KEY_UP + k))
				c = &captions[k];
		if (!c || !c->text)
			continue;
		caption = c->text;
		if (c->short_text && font_text_width(chrome, caption, strlen(caption)) > cell.w)
			caption = c->short_text;
		caption = fit(v, dl, FONT_SMALL, large, caption, cell.w, &w);
		add_text(dl, REGION_FOOTER, FONT_SMALL, caption, cell.x + (cell.w - w) / 2,
			 baseline, cell, true);
	}
}

/* A menu entry too wide for one line wraps where a line may end, over as many lines as it
 * needs and a screen holds (up to ENTRY_MAX_LINES); only one longer still ends in an
 * ellipsis. */
#define ENTRY_MAX_LINES 6

struct entry_lines {
	int count;
	size_t start[ENTRY_MAX_LINES], len[ENTRY_MAX_LINES];
};

/* One walk over the glyphs, remembering the last place a line may end; after a line ends,
 * the walk starts again from there. */
static void wrap_entry(struct font *font, const char *text, int max_w, int max_lines,
		       struct entry_lines *out)
{
	size_t len = strlen(text), line_start = 0, best = 0, best_next = 0;
	char breaks[512];
	struct glyph_walk walk;

	out->count = 1;
	out->start[0] = 0;
	out->len[0] = len;
	/* Most entries fit: one walk says so, without asking for the break opportunities. */
	if (len == 0 || len > sizeof(breaks) || font_text_width(font, text, len) <= max_w)
		return;
	breaks_find(text, len, breaks);
	font_walk_begin(&walk, font, text, len);
	while (out->count < max_lines && font_walk_next(&walk)) {
		size_t at = line_start + walk.at; /* just after this glyph */
		if (walk.next_pen > max_w && best > line_start) {
			out->len[out->count - 1] = best - line_start;
			line_start = best_next;
			out->start[out->count] = line_start;
			out->len[out->count] = len - line_start;
			out->count++;
			best = line_start;
			font_walk_begin(&walk, font, text + line_start, len - line_start);
			continue;
		}
		if (at < len && breaks[at - 1] == BREAK_ALLOW) {
			size_t end = at;
			while (end > line_start && text[end - 1] == ' ')
				end--;
			best = end;
			best_next = at;
		}
	}
}

/* As many lines as an entry may take: as many as the room for entries holds. */
static int entry_max_lines(const struct view *v, bool large, int room)
{
	int lines = (room - v->row_height[large]) / v->style[large].line_height + 1;

	return lines < 1 ? 1 : lines > ENTRY_MAX_LINES ? ENTRY_MAX_LINES : lines;
}

/* An entry's height, measured once per text size: menus are as fixed as the content. */
static int entry_height(struct view *v, bool large, int item, int width, int room)
{
	signed char *lines = &v->entry_lines[item * 2 + (large ? 1 : 0)];

	if (*lines == 0) {
		struct entry_lines wrapped;
		wrap_entry(v->fonts[large][FONT_REGULAR], v->content->items[item].title, width,
			   entry_max_lines(v, large, room), &wrapped);
		*lines = (signed char)wrapped.count;
	}
	return v->row_height[large] + (*lines - 1) * v->style[large].line_height;
}

/* Where a menu's entries go: a column beside the chevrons, above the home screen's hint. */
struct menu_geometry {
	int text_w, room, hint_h, chevron_w;
};

static struct menu_geometry menu_geometry(struct view *v, const struct menu_state *s)
{
	bool large = s->large_text;
	struct rect body = v->regions[large][REGION_BODY];
	struct font *font = v->fonts[large][FONT_REGULAR];
	struct menu_geometry g;

	g.chevron_w = font_text_width(font, "›", strlen("›"));
	g.text_w = body.w - g.chevron_w - v->panel->margin / 2;
	g.hint_h =
	    s->depth == 1 && !v->hint_in_header[large] ? v->style[large].small_line_height : 0;
	g.room = body.h - g.hint_h;
	return g;
}

struct view_menu_screen view_menu_screen(struct view *v, const struct menu_state *s)
{
	const struct menu_item *menu = &v->content->items[menu_current(s)];
	struct menu_geometry g = menu_geometry(v, s);
	struct view_menu_screen out = {0, 0, 0, 0};
	int i, used = 0, start = 0, selected = s->selected[s->depth - 1];

	for (i = 0; i <= menu->child_count; i++) {
		int h = i < menu->child_count
			    ? entry_height(v, s->large_text, menu->children[i], g.text_w, g.room)
			    : 0;
		if (i == menu->child_count || (i > start && used + h > g.room)) {
			if (selected >= start && selected < i) {
				out.first = start;
				out.end = i;
				out.number = out.count;
			}
			out.count++;
			start = i;
			used = 0;
		}
		used += h;
	}
	return out;
}

static void build_menu(struct view *v, const struct menu_state *s, struct display_list *dl)
{
	bool large = s->large_text;
	const struct menu_item *menu = &v->content->items[menu_current(s)];
	struct rect body = v->regions[large][REGION_BODY];
	int row_h = v->row_height[large], line_h = v->style[large].line_height;
	int selected = s->selected[s->depth - 1], i, y;
	struct font *font = v->fonts[large][FONT_REGULAR];
	const char *chevron = "›";
	struct menu_geometry g = menu_geometry(v, s);
	int chevron_w = g.chevron_w, pad = v->panel->margin / 2, text_w = g.text_w;
	bool home = s->depth == 1;
	int hint_h = g.hint_h;
	struct view_menu_screen screen = view_menu_screen(v, s);
	char counter[32];
	struct caption captions[4] = {{NULL, NULL}};

	if (screen.count > 1) {
		snprintf(counter, sizeof(counter), "%d/%d", screen.number + 1, screen.count);
		build_header(v, s, counter, dl);
	} else {
		build_header(v, s, NULL, dl);
	}
	for (i = screen.first, y = body.y; i < screen.end; i++) {
		const struct menu_item *item = &v->content->items[menu->children[i]];
		struct entry_lines lines;
		struct rect row;
		int line, w, top;
		wrap_entry(font, item->title, text_w, entry_max_lines(v, large, body.h - hint_h),
			   &lines);
		row = (struct rect){body.x - pad, y, body.w + 2 * pad,
				    row_h + (lines.count - 1) * line_h};
		top = row.y + (row.h - lines.count * line_h) / 2;
		if (i == selected) {
			/* A heavy frame, not an inverted bar: as plain to see, and moving it
			 * rewrites only the frame's pixels, a few percent of the glass, in one
			 * partial. */
			int t = line_h / 8 > 2 ? line_h / 8 : 2;
			add_fill(dl, REGION_BODY, (struct rect){row.x, row.y, row.w, t}, true);
			add_fill(dl, REGION_BODY, (struct rect){row.x, row.y + row.h - t, row.w, t},
				 true);
			add_fill(dl, REGION_BODY, (struct rect){row.x, row.y, t, row.h}, true);
			add_fill(dl, REGION_BODY, (struct rect){row.x + row.w - t, row.y, t, row.h},
				 true);
		}
		for (line = 0; line < lines.count; line++) {
			struct rect box = {body.x, top + line * line_h, text_w, line_h};
			const char *text;
			if (line + 1 < lines.count)
				text = keep(dl, item->title + lines.start[line], lines.len[line]);
			else
				text = fit(v, dl, FONT_REGULAR, large,
					   item->title + lines.start[line], text_w, &w);
			add_text(dl, REGION_BODY, FONT_REGULAR, text,
				 body.x + lead_in(font, text, strlen(text)), baseline_in(font, box),
				 box, true);
		}
		add_text(dl, REGION_BODY, FONT_REGULAR, chevron, body.x + body.w - chevron_w,
			 baseline_in(font, row),
			 (struct rect){body.x + body.w - chevron_w, row.y, chevron_w, row.h}, true);
		y += row.h;
	}
	if (home && hint_h > 0) {
		struct font *small = v->fonts[large][FONT_SMALL];
		struct rect line = {body.x, body.y + body.h - hint_h, body.w, hint_h};
		const char *hint = home_hint(large);
		int w;
		hint = fit(v, dl, FONT_SMALL, large, hint, body.w, &w);
		add_text(dl, REGION_BODY, FONT_SMALL, hint, body.x, baseline_in(small, line), line,
			 true);
	}
	if (selected > 0)
		captions[0] = (struct caption){"▲ Up", NULL};
	if (selected + 1 < menu->child_count)
		captions[1] = (struct caption){"▼ Down", NULL};
	captions[2] = (struct caption){"▶ Open", NULL};
	if (!home)
		captions[3] = (struct caption){"◀ Back", NULL};
	build_footer(v, s, captions, dl);
}

static int build_page(struct view *v, const struct menu_state *s, struct display_list *dl)
{
	bool large = s->large_text;
	const struct page_layout *layout = view_page_layout(v, s->page, large);
	struct rect body = v->regions[large][REGION_BODY];
	const struct screen_span *span;
	struct caption captions[4] = {{NULL, NULL}};
	char counter[32];
	int y = body.y, u, screen;

	if (!layout)
		return -1;
	screen = s->screen < layout->screen_count ? s->screen : layout->screen_count - 1;
	span = &layout->screens[screen];
	if (layout->screen_count > 1) {
		snprintf(counter, sizeof(counter), "%d/%d", screen + 1, layout->screen_count);
		build_header(v, s, counter, dl);
	} else {
		build_header(v, s, NULL, dl);
	}
	for (u = -1; u < span->unit_count; u++) {
		const struct flow_unit *unit;
		int i;
		if (u < 0) {
			if (span->repeat_header < 0)
				continue;
			unit = &layout->units[span->repeat_header];
		} else {
			unit = &layout->units[span->first_unit + u];
			if ((u > 0 || span->repeat_header >= 0) &&
			    !(u == span->unit_count - 1 && span->last_gap_dropped))
				y += unit->space_before;
		}
		for (i = unit->first_item; i < unit->first_item + unit->item_count; i++) {
			const struct flow_item *it = &layout->items[i];
			struct draw_op *op;
			if (it->kind == ITEM_QR) {
				struct draw_op *qr = add_op(dl, OP_BITMAP, REGION_BODY);
				if (qr) {
					qr->bitmap = &layout->qr;
					qr->box =
					    (struct rect){body.x + it->x, y + it->y, it->w, it->h};
				}
				continue;
			}
			if (it->kind == ITEM_RULE) {
				add_fill(dl, REGION_BODY,
					 (struct rect){body.x + it->x, y + it->y, it->w, it->h},
					 true);
				continue;
			}
			op = add_op(dl, OP_TEXT, REGION_BODY);
			if (!op)
				return -1;
			op->font = it->font;
			op->text = it->text;
			op->len = it->len;
			op->x = body.x + it->x;
			op->y = y + it->y;
			{
				struct font *f = v->fonts[large][it->font];
				op->box = (struct rect){body.x + it->box_x, op->y - font_ascent(f),
							it->w, font_ascent(f) + font_descent(f)};
			}
		}
		y += unit->height;
	}
	/* Up and Down turn the screens of this page, OK goes on to the topic's next page,
	 * Back goes back to the menu: on the last screen too, so a key never changes its
	 * meaning half-way through a page. */
	if (screen > 0)
		captions[0] = (struct caption){"▲ Previous", "▲ Prev"};
	if (screen + 1 < layout->screen_count)
		captions[1] = (struct caption){"▼ More", NULL};
	if (menu_next_page(s, v->content) >= 0)
		captions[2] = (struct caption){"▶ Next page", "▶ Next"};
	captions[3] = (struct caption){"◀ Back", NULL};
	build_footer(v, s, captions, dl);
	return 0;
}

int view_build(struct view *v, const struct menu_state *s, struct display_list *dl)
{
	dl->count = 0;
	dl->strings_len = 0;
	dl->large_text = s->large_text;
	if (s->page >= 0)
		return build_page(v, s, dl);
	build_menu(v, s, dl);
	return 0;
}
