/* SPDX-License-Identifier: MIT */
/* screens: walks the menu tree by building each state directly, the same states a reader
 * reaches with the keys. */
#include "screens.h"

#include <ctype.h>
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "pngio.h"

static void slug(const char *title, char *out, size_t size)
{
	size_t n = 0;
	bool dash = false;

	for (; *title && n + 2 < size; title++) {
		unsigned char c = (unsigned char)*title;
		if (isalnum(c)) {
			if (dash && n > 0)
				out[n++] = '-';
			out[n++] = (char)tolower(c);
			dash = false;
		} else {
			dash = true;
		}
		if (n > 40)
			break;
	}
	out[n] = '\0';
}

static int walk(struct session *s, bool every_entry, screen_visitor visit, void *context)
{
	const struct content *c = session_content(s);
	struct menu_state st = *session_state(s);
	int large, m, k, count = 0;
	char name[128], title[64];

	for (large = 0; large < 2; large++) {
		menu_set_large_text(&st, large);
		for (m = 0; m < c->item_count; m++) {
			const struct menu_item *menu = &c->items[m];
			if (menu->page >= 0)
				continue;
			slug(menu->title, title, sizeof(title));
			for (k = 0; k < menu->child_count;) {
				menu_show(&st, c, m, k);
				session_set_state(s, &st);
				/* One shot per menu screen: its entries take as many lines as
				 * they need, so the next screen starts where this one ends. */
				int next = every_entry ? k + 1
						       : view_menu_screen(session_view(s), &st).end;
				snprintf(name, sizeof(name), "menu-%02d-%s-%02d", menu->id, title,
					 k + 1);
				if (visit(s, name, context) < 0)
					return -1;
				count++;
				k = next > k ? next : k + 1;
			}
			for (k = 0; k < menu->child_count; k++) {
				const struct menu_item *leaf = &c->items[menu->children[k]];
				int screens, screen;
				if (leaf->page < 0)
					continue;
				screens = session_screen_count(s, leaf->page, large);
				slug(leaf->title, title, sizeof(title));
				for (screen = 0; screen < screens; screen++) {
					menu_show_page(&st, c, m, k, screen);
					session_set_state(s, &st);
					snprintf(name, sizeof(name), "page-%02d-%s-%d",
						 c->pages[leaf->page].id, title, screen + 1);
					if (visit(s, name, context) < 0)
						return -1;
					count++;
				}
			}
		}
	}
	menu_show(&st, c, c->root, 0);
	menu_set_large_text(&st, st.default_large_text);
	session_set_state(s, &st);
	return count;
}

int screens_each(struct session *s, screen_visitor visit, void *context)
{
	return walk(s, true, visit, context);
}

int screens_each_distinct(struct session *s, screen_visitor visit, void *context)
{
	return walk(s, false, visit, context);
}

int screens_make_dir(const char *path, struct inkref_error *err)
{
	char partial[4096];
	size_t i, len = strlen(path);

	if (len >= sizeof(partial)) {
		err_set(err, EXIT_USAGE, path, 0, "path too long");
		return -1;
	}
	for (i = 1; i <= len; i++) {
		if (path[i] != '/' && path[i] != '\0')
			continue;
		memcpy(partial, path, i);
		partial[i] = '\0';
		if (mkdir(partial, 0755) < 0 && errno != EEXIST) {
			err_set(err, EXIT_IOERR, partial, 0, "cannot create the folder: %s",
				strerror(errno));
			return -1;
		}
	}
	return 0;
}

struct all_context {
	const char *dir;
	FILE *html;
	struct inkref_error *err;
	int last_large;
	int only_page; /* a content.pages index, or -1 for every screen */
	int written;
};

static int write_screen(struct session *s, const char *name, void *context)
{
	struct all_context *ctx = context;
	const struct menu_state *st = session_state(s);
	const struct panel_model *panel = session_panel(s);
	const char *size = st->large_text ? "large" : "normal";
	char dir[4096], path[4200];

	if (ctx->only_page >= 0 && st->page != ctx->only_page)
		return 0;
	snprintf(dir, sizeof(dir), "%s/%s/%s", ctx->dir, panel->name, size);
	if (ctx->last_large != st->large_text) {
		if (screens_make_dir(dir, ctx->err) < 0)
			return -1;
		if (ctx->html) {
			if (ctx->last_large >= 0)
				fprintf(ctx->html, "</div>\n");
			fprintf(ctx->html,
				"<h2>%s &middot; %dx%d &middot; %s text</h2>\n<div class=sheet>\n",
				panel->name, panel->width, panel->height, size);
		}
		ctx->last_large = st->large_text;
	}
	if (session_draw(s) < 0) {
		err_set(ctx->err, EXIT_SOFTWARE, "", 0, "out of memory while drawing %s", name);
		return -1;
	}
	snprintf(path, sizeof(path), "%s/%s.png", dir, name);
	if (png_write_fb(path, session_frame(s), ctx->err) < 0)
		return -1;
	if (ctx->html)
		fprintf(ctx->html,
			"<figure><img src=\"%s/%s/%s.png\" "
			"alt=\"%s\"><figcaption>%s</figcaption></figure>\n",
			panel->name, size, name, name, name);
	ctx->written++;
	return 0;
}

int screens_render_all(struct session *s, const char *dir, FILE *html, struct inkref_error *err)
{
	struct all_context ctx = {dir, html, err, -1, -1, 0};
	int count = screens_each(s, write_screen, &ctx);

	if (html && ctx.last_large >= 0)
		fprintf(html, "</div>\n");
	return count;
}

int screens_render_page(struct session *s, const char *dir, int page, struct inkref_error *err)
{
	struct all_context ctx = {dir, NULL, err, -1, page, 0};

	return screens_each(s, write_screen, &ctx) < 0 ? -1 : ctx.written;
}

int screens_render_keys(struct session *s, const char *dir, const char *keys,
			struct inkref_error *err)
{
	char panel_dir[4096], path[4300];
	struct key_list list;
	enum key key;
	int step = 0, got;

	snprintf(panel_dir, sizeof(panel_dir), "%s/%s", dir, session_panel(s)->name);
	if (screens_make_dir(panel_dir, err) < 0)
		return -1;
	snprintf(path, sizeof(path), "%s/%03d-start.png", panel_dir, step);
	if (session_draw(s) < 0 || png_write_fb(path, session_frame(s), err) < 0)
		return -1;
	key_list_begin(&list, keys);
	while ((got = key_list_next(&list, &key)) > 0) {
		session_press(s, key);
		snprintf(path, sizeof(path), "%s/%03d-%s.png", panel_dir, ++step, key_name(key));
		if (session_draw(s) < 0 || png_write_fb(path, session_frame(s), err) < 0)
			return -1;
	}
	if (got < 0) {
		err_set(err, EXIT_USAGE, "", 0, "unknown key '%.*s' in --keys; use " KEY_NAMES,
			list.name_len, list.name);
		return -1;
	}
	return step + 1;
}

void screens_html_begin(FILE *html)
{
	fprintf(html, "<!DOCTYPE html>\n<html lang=en><head><meta charset=utf-8><title>inkref "
		      "screens</title>\n"
		      "<style>body{font-family:sans-serif;background:#ddd;margin:1em}"
		      ".sheet{display:flex;flex-wrap:wrap;gap:12px}"
		      "figure{margin:0;background:#fff;padding:6px;box-shadow:0 1px 3px #888}"
		      "img{display:block;image-rendering:pixelated;border:1px solid #999}"
		      "figcaption{font-size:12px;color:#333;margin-top:4px}</style></head><body>\n"
		      "<h1>inkref: every screen</h1>\n");
}

void screens_html_end(FILE *html)
{
	fprintf(html, "</body></html>\n");
}
