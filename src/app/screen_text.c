/* SPDX-License-Identifier: MIT */
/* screen_text: the text is taken from the display list the renderer draws, so it is what
 * the glass shows, cut where the layout cut it, never the content as written. */
#include "screen_text.h"

#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "screens.h"

struct run {
	int y, x, end;
	const char *text;
	int len;
};

static int by_line_then_x(const void *a, const void *b)
{
	const struct run *p = a, *q = b;

	if (p->y != q->y)
		return p->y < q->y ? -1 : 1;
	return (p->x > q->x) - (p->x < q->x);
}

/* Appends len bytes to the line being built; false when the buffer is full. */
static bool append(struct screen_lines *out, size_t *used, const char *text, size_t len)
{
	if (*used + len + 1 > sizeof(out->text))
		return false;
	memcpy(out->text + *used, text, len);
	*used += len;
	out->text[*used] = '\0';
	return true;
}

void screen_text_lines(struct view *view, const struct display_list *dl, enum region region,
		       struct screen_lines *out)
{
	struct run runs[DISPLAY_MAX_OPS];
	int count = 0, i;
	size_t used = 0;
	bool one_run_per_line = region != REGION_BODY;

	out->count = 0;
	for (i = 0; i < dl->count; i++) {
		const struct draw_op *op = &dl->ops[i];
		struct font *font = view->fonts[dl->large_text][op->font];
		if (op->kind != OP_TEXT || op->region != region || op->len <= 0)
			continue;
		runs[count] = (struct run){op->y, op->x,
					   op->x + font_text_width(font, op->text, (size_t)op->len),
					   op->text, op->len};
		count++;
	}
	if (count == 0)
		return;
	qsort(runs, (size_t)count, sizeof(runs[0]), by_line_then_x);
	for (i = 0; i < count; i++) {
		bool same_line = i > 0 && !one_run_per_line && runs[i].y == runs[i - 1].y;
		if (!same_line) {
			if (out->count == SCREEN_TEXT_MAX_LINES || used + 1 >= sizeof(out->text))
				return;
			if (out->count > 0)
				used++; /* past the previous line's terminator */
			out->lines[out->count++] = out->text + used;
			out->text[used] = '\0';
		} else if (runs[i].x > runs[i - 1].end && !append(out, &used, " ", 1)) {
			return;
		}
		if (!append(out, &used, runs[i].text, (size_t)runs[i].len))
			return;
	}
}

int screen_text_find_page(const struct content *c, const char *id_or_title)
{
	char *end;
	long id = strtol(id_or_title, &end, 10);
	int i;

	for (i = 0; i < c->page_count; i++)
		if ((*id_or_title && !*end && c->pages[i].id == id) ||
		    strcasecmp(c->pages[i].title, id_or_title) == 0)
			return i;
	return -1;
}

void screen_text_json_string(FILE *out, const char *s)
{
	fputc('"', out);
	for (; *s; s++) {
		unsigned char c = (unsigned char)*s;
		if (c == '"' || c == '\\')
			fprintf(out, "\\%c", c);
		else if (c == '\n')
			fputs("\\n", out);
		else if (c == '\t')
			fputs("\\t", out);
		else if (c < 0x20)
			fprintf(out, "\\u%04x", c);
		else
			fputc(c, out);
	}
	fputc('"', out);
}

static void write_lines(FILE *out, const char *name, const struct screen_lines *l)
{
	int i;

	fprintf(out, ",\n    \"%s\": [", name);
	for (i = 0; i < l->count; i++) {
		fputs(i ? ",\n      " : "\n      ", out);
		screen_text_json_string(out, l->lines[i]);
	}
	fputs(l->count ? "\n    ]" : "]", out);
}

struct text_context {
	struct screen_text_writer *writer;
	const struct screen_filter *filter;
	struct inkref_error *err;
	struct screen_lines lines;
};

static int write_screen(struct session *s, const char *name, void *context)
{
	struct text_context *ctx = context;
	FILE *out = ctx->writer->out;
	const struct content *c = session_content(s);
	const struct menu_state *st = session_state(s);
	struct view *view = session_view(s);
	const struct display_list *dl = session_display_list(s);
	int screen, screens;

	(void)name;
	if (ctx->filter->page >= 0 && st->page != ctx->filter->page)
		return 0;
	if (session_build(s) < 0) {
		err_set(ctx->err, EXIT_SOFTWARE, "", 0, "out of memory while laying out %s", name);
		return -1;
	}
	fputs(ctx->writer->written ? ",\n  {" : "\n  {", out);
	fputs("\n    \"panel\": ", out);
	screen_text_json_string(out, session_panel(s)->name);
	fprintf(out, ",\n    \"text_size\": \"%s\"", st->large_text ? "large" : "normal");
	if (st->page >= 0) {
		const struct page *p = &c->pages[st->page];
		screen = st->screen;
		screens = session_screen_count(s, st->page, st->large_text);
		fprintf(out,
			",\n    \"kind\": \"page\",\n    \"page\": %d,\n    \"title\": ", p->id);
		screen_text_json_string(out, p->title);
		fputs(",\n    \"file\": ", out);
		screen_text_json_string(out, p->source_file);
		fprintf(out, ",\n    \"line\": %d", p->source_line);
	} else {
		const struct menu_item *menu = &c->items[menu_current(st)];
		struct view_menu_screen ms = view_menu_screen(view, st);
		screen = ms.number;
		screens = ms.count;
		fprintf(out,
			",\n    \"kind\": \"menu\",\n    \"menu\": %d,\n    \"title\": ", menu->id);
		screen_text_json_string(out, menu->title);
	}
	fprintf(out, ",\n    \"screen\": %d,\n    \"screens\": %d", screen + 1, screens);
	screen_text_lines(view, dl, REGION_HEADER, &ctx->lines);
	write_lines(out, "header", &ctx->lines);
	screen_text_lines(view, dl, REGION_BODY, &ctx->lines);
	write_lines(out, "lines", &ctx->lines);
	screen_text_lines(view, dl, REGION_FOOTER, &ctx->lines);
	write_lines(out, "footer", &ctx->lines);
	fputs("\n  }", out);
	ctx->writer->written++;
	return 0;
}

void screen_text_begin(struct screen_text_writer *w, FILE *out)
{
	w->out = out;
	w->written = 0;
	fputc('[', out);
}

int screen_text_write(struct screen_text_writer *w, struct session *s,
		      const struct screen_filter *filter, struct inkref_error *err)
{
	struct text_context *ctx = malloc(sizeof(*ctx));
	int before = w->written, rc;

	if (!ctx) {
		err_set(err, EXIT_SOFTWARE, "", 0, "out of memory");
		return -1;
	}
	*ctx = (struct text_context){.writer = w, .filter = filter, .err = err};
	rc = screens_each_distinct(s, write_screen, ctx);
	free(ctx);
	return rc < 0 ? -1 : w->written - before;
}

void screen_text_end(struct screen_text_writer *w)
{
	fputs(w->written ? "\n]\n" : "]\n", w->out);
}
