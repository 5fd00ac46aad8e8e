/* SPDX-License-Identifier: MIT */
/* view: screen geometry, the home, menu and page screens, header and footer. */
#include "view.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "pngio.h"
#include "utf8.h"

#define ELLIPSIS "…"

const enum key view_footer_order[4] = {KEY_UP, KEY_DOWN, KEY_OK, KEY_BACK};

struct rect view_caption_slot(int panel_width, int slot)
{
	int w = panel_width / 4;
	return (struct rect){slot * w, 0, w, 0};
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
		st->line_height = panel_line_height(body);
		st->small_line_height = panel_line_height(chrome);
		st->paragraph_gap = body * 2 / 5;
		st->indent = body * 6 / 5;
		st->column_gap = body * 2 / 3;
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
	if (!v->layouts) {
		err_set(err, EXIT_SOFTWARE, "", 0, "out of memory");
		goto fail;
	}
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
	return copy->layouts ? 0 : -1;
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

int view_rows_per_screen(const struct view *v, bool large_text)
{
	int rows = v->regions[large_text][REGION_BODY].h / v->row_height[large_text];
	return rows > 0 ? rows : 1;
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

/* Copies text into the list, cut at a code point with an ellipsis when wider than max_w. */
static const char *fit(struct view *v, struct display_list *dl, enum font_role role, bool large,
		       const char *text, int max_w, int *width)
{
	struct font *font = v->fonts[large][role];
	size_t len = strlen(text), cut;
	int w = font_text_width(font, text, len);
	char buf[512];

	if (w <= max_w || len >= sizeof(buf) - 4) {
		*width = w;
		return keep(dl, text, len);
	}
	cut = len;
	while (cut > 0) {
		/* Step back one code point, and past a space so the ellipsis sits on a word. */
		do
			cut--;
		while (cut > 0 && ((unsigned char)text[cut] & 0xc0) == 0x80);
		while (cut > 0 && text[cut - 1] == ' ')
			cut--;
		memcpy(buf, text, cut);
		memcpy(buf + cut, ELLIPSIS, sizeof(ELLIPSIS));
		w = font_text_width(font, buf, cut + strlen(ELLIPSIS));
		if (w <= max_w)
			break;
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
		steps[step_count++] = "Restless legs and magnesium";
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

static void build_footer(struct view *v, const struct menu_state *s, const char *captions[4],
			 struct display_list *dl)
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
		const char *caption = NULL;
		int w;
		int k;
		for (k = 0; k < 4; k++)
			if (v->footer_keys[i] == (enum key)(KEY_UP + k))
				caption = captions[k];
		if (!caption || !*caption)
			continue;
		caption = fit(v, dl, FONT_SMALL, large, caption, cell.w, &w);
		add_text(dl, REGION_FOOTER, FONT_SMALL, caption, cell.x + (cell.w - w) / 2,
			 baseline, cell, true);
	}
}

static void build_menu(struct view *v, const struct menu_state *s, struct display_list *dl)
{
	bool large = s->large_text;
	const struct menu_item *menu = &v->content->items[menu_current(s)];
	struct rect body = v->regions[large][REGION_BODY];
	int rows = view_rows_per_screen(v, large), row_h = v->row_height[large];
	int selected = s->selected[s->depth - 1];
	int top = selected / rows * rows, i;
	struct font *font = v->fonts[large][FONT_REGULAR];
	const char *chevron = "›";
	int chevron_w = font_text_width(font, chevron, strlen(chevron));
	int pad = v->panel->margin / 2;
	char counter[32];
	const char *captions[4];

	if (menu->child_count > rows) {
		snprintf(counter, sizeof(counter), "%d/%d", top / rows + 1,
			 (menu->child_count + rows - 1) / rows);
		build_header(v, s, counter, dl);
	} else {
		build_header(v, s, NULL, dl);
	}
	for (i = top; i < menu->child_count && i < top + rows; i++) {
		const struct menu_item *item = &v->content->items[menu->children[i]];
		struct rect row = {body.x - pad, body.y + (i - top) * row_h, body.w + 2 * pad,
				   row_h};
		int baseline = baseline_in(font, row), w;
		bool chosen = i == selected;
		struct rect text_box = {body.x, row.y, body.w - chevron_w - pad, row_h};
		const char *title;
		if (chosen) {
			/* A heavy frame, not an inverted bar: as plain to see, and moving it
			 * rewrites only the frame's pixels, a few percent of the glass, in one
			 * partial. */
			int t = v->style[large].line_height / 8 > 2
				    ? v->style[large].line_height / 8
				    : 2;
			add_fill(dl, REGION_BODY, (struct rect){row.x, row.y, row.w, t}, true);
			add_fill(dl, REGION_BODY, (struct rect){row.x, row.y + row.h - t, row.w, t},
				 true);
			add_fill(dl, REGION_BODY, (struct rect){row.x, row.y, t, row.h}, true);
			add_fill(dl, REGION_BODY, (struct rect){row.x + row.w - t, row.y, t, row.h},
				 true);
		}
		title = fit(v, dl, FONT_REGULAR, large, item->title, text_box.w, &w);
		add_text(dl, REGION_BODY, FONT_REGULAR, title, body.x, baseline, text_box, true);
		add_text(dl, REGION_BODY, FONT_REGULAR, chevron, body.x + body.w - chevron_w,
			 baseline,
			 (struct rect){body.x + body.w - chevron_w, row.y, chevron_w, row_h}, true);
	}
	captions[0] = selected > 0 ? "▲ Up" : "";
	captions[1] = selected + 1 < menu->child_count ? "▼ Down" : "";
	captions[2] = "Open";
	captions[3] = s->depth > 1 ? "◀ Back" : "";
	build_footer(v, s, captions, dl);
}

static int build_page(struct view *v, const struct menu_state *s, struct display_list *dl)
{
	bool large = s->large_text;
	const struct page_layout *layout = view_page_layout(v, s->page, large);
	struct rect body = v->regions[large][REGION_BODY];
	const struct screen_span *span;
	const char *captions[4];
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
			if (u > 0 || span->repeat_header >= 0)
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
	captions[0] = screen > 0 ? "▲ Prev" : "";
	captions[1] = screen + 1 < layout->screen_count ? "▼ Next" : "";
	captions[2] = screen + 1 < layout->screen_count ? "Next" : "Done";
	captions[3] = "◀ Back";
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
