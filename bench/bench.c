/* SPDX-License-Identifier: MIT */
/* bench: times the per-key-press work (view_build + render) and the cold page layout of every
 * screen, writes each display list for the Pillow peer, and runs one screen for callgrind. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "clock.h"
#include "layout.h"
#include "panel.h"
#include "pngio.h"
#include "render.h"
#include "screens.h"
#include "session.h"
#include "view.h"

/* File stems must be unique, and screens_each gives both text sizes the same names. */
static void screen_stem(const struct session *s, const char *name, char *out, size_t size)
{
	snprintf(out, size, "%s%s", session_state(s)->large_text ? "large-" : "", name);
}

/* Exactly the work of one key press once the state has changed: what callgrind counts. */
__attribute__((noinline)) void bench_measured_press(struct session *s);
__attribute__((noinline)) void bench_measured_press(struct session *s)
{
	session_draw(s);
}

static int open_panel(struct session *s, const char *panel_name)
{
	static struct panel_spec spec;
	const struct panel_model *panel = &spec.model;
	struct session_options so;
	struct inkref_error err;

	if (panel_spec_parse(panel_name, &spec) < 0) {
		fprintf(stderr, "bench: unknown panel '%s'\n", panel_name);
		return -1;
	}
	memset(&so, 0, sizeof(so));
	so.glyph_mode = GLYPH_MONO;
	err_clear(&err);
	if (session_open(s, panel, &so, &err) < 0) {
		err_print(&err);
		return -1;
	}
	return 0;
}

static int list_screen(struct session *s, const char *name, void *context)
{
	char stem[160];

	(void)context;
	screen_stem(s, name, stem, sizeof(stem));
	printf("%s\n", stem);
	return 0;
}

/* A 1-bit image as binary PBM (P4): rows of whole bytes, most significant bit leftmost,
 * 1 = black, which is the bitmap's own packing. */
static int write_pbm(const struct bitmap *bm, const char *path)
{
	FILE *f = fopen(path, "wb");
	size_t row = (size_t)(bm->width + 7) / 8;
	int y;

	if (!f) {
		perror(path);
		return -1;
	}
	fprintf(f, "P4\n%d %d\n", bm->width, bm->height);
	for (y = 0; y < bm->height; y++)
		fwrite(bm->bits + (size_t)y * (size_t)bm->stride, 1, row, f);
	if (fclose(f) != 0) {
		perror(path);
		return -1;
	}
	return 0;
}

/* One line of the peer's file per draw op; text is raw UTF-8 to the end of the line. */
static int write_ops(struct session *s, const char *dir, const char *stem)
{
	const struct display_list *dl = session_display_list(s);
	bool large = dl->large_text;
	char path[4400], image[200], image_path[4400];
	FILE *f;
	int i;

	snprintf(path, sizeof(path), "%s/%s.ops", dir, stem);
	f = fopen(path, "w");
	if (!f) {
		perror(path);
		return -1;
	}
	fprintf(f, "size %d %d\n", session_frame(s)->width, session_frame(s)->height);
	for (i = 0; i < dl->count; i++) {
		const struct draw_op *op = &dl->ops[i];
		int k;
		switch (op->kind) {
		case OP_FILL:
			fprintf(f, "fill %d %d %d %d %d\n", op->box.x, op->box.y, op->box.w,
				op->box.h, op->ink ? 1 : 0);
			break;
		case OP_BITMAP:
			/* The logo or a page's QR code, in a PBM file of its own beside the list,
			 * so that the size of a .ops file still says how much text it holds. */
			snprintf(image, sizeof(image), "%s.%d.pbm", stem, i);
			snprintf(image_path, sizeof(image_path), "%s/%s", dir, image);
			if (write_pbm(op->bitmap, image_path) < 0) {
				fclose(f);
				return -1;
			}
			fprintf(f, "bitmap %d %d %d %d %s\n", op->box.x, op->box.y,
				op->bitmap->width, op->bitmap->height, image);
			break;
		case OP_TEXT:
			fprintf(f, "text %d %d %d %d %d ", op->x, op->y, op->font,
				font_pixel_size(session_view(s)->fonts[large][op->font]),
				op->ink ? 1 : 0);
			for (k = 0; k < op->len; k++) {
				char c = op->text[k];
				fputc(c == '\n' || c == '\r' ? ' ' : c, f);
			}
			fputc('\n', f);
			break;
		default: break;
		}
	}
	if (fclose(f) != 0) {
		perror(path);
		return -1;
	}
	return 0;
}

struct time_context {
	int repeats;
	const char *ops_dir;
};

static int time_screen(struct session *s, const char *name, void *context)
{
	const struct time_context *ctx = context;
	bool large = session_state(s)->large_text;
	double t0, render_us, layout_us = 0;
	char stem[160], path[4400];
	struct inkref_error err;
	int r;

	if (session_draw(s) < 0) {
		fprintf(stderr, "bench: out of memory drawing %s\n", name);
		return -1;
	}
	t0 = clock_us();
	for (r = 0; r < ctx->repeats; r++) {
		session_draw(s);
	}
	render_us = (clock_us() - t0) / ctx->repeats;
	if (session_state(s)->page >= 0) {
		const struct page *page = &session_content(s)->pages[session_state(s)->page];
		int body_h = session_view(s)->regions[large][REGION_BODY].h;
		t0 = clock_us();
		for (r = 0; r < ctx->repeats; r++) {
			struct page_layout *layout =
			    layout_page(page, &session_view(s)->style[large], body_h);
			if (!layout) {
				fprintf(stderr, "bench: out of memory laying out %s\n", name);
				return -1;
			}
			layout_free(layout);
		}
		layout_us = (clock_us() - t0) / ctx->repeats;
	}
	screen_stem(s, name, stem, sizeof(stem));
	printf("screen=%s kind=%s large=%d render_us=%.1f layout_us=%.1f\n", stem,
	       session_state(s)->page >= 0 ? "page" : "menu", large ? 1 : 0, render_us, layout_us);
	if (write_ops(s, ctx->ops_dir, stem) < 0)
		return -1;
	snprintf(path, sizeof(path), "%s/%s.png", ctx->ops_dir, stem);
	err_clear(&err);
	if (png_write_fb(path, session_frame(s), &err) < 0) {
		err_print(&err);
		return -1;
	}
	return 0;
}

struct one_context {
	const char *stem;
	long count;
	bool found;
};

static int one_screen(struct session *s, const char *name, void *context)
{
	struct one_context *ctx = context;
	char stem[160];
	long i;

	screen_stem(s, name, stem, sizeof(stem));
	if (strcmp(stem, ctx->stem) != 0)
		return 0;
	ctx->found = true;
	if (session_draw(s) < 0)
		return -1;
	for (i = 0; i < ctx->count; i++)
		bench_measured_press(s);
	return -1; /* stop the walk: the screen is done */
}

static int usage(void)
{
	fprintf(stderr, "usage: bench list PANEL\n"
			"       bench time PANEL REPEATS OPSDIR\n"
			"       bench one PANEL NAME COUNT\n"
			"Large-text screens are named large-NAME.\n");
	return 64;
}

int main(int argc, char **argv)
{
	struct session s;
	int rc = 0;

	if (argc < 3)
		return usage();
	if (strcmp(argv[1], "list") == 0 && argc == 3) {
		if (open_panel(&s, argv[2]) < 0)
			return 1;
		if (screens_each(&s, list_screen, NULL) < 0)
			rc = 1;
	} else if (strcmp(argv[1], "time") == 0 && argc == 5) {
		struct time_context ctx = {atoi(argv[3]), argv[4]};
		if (ctx.repeats < 1)
			return usage();
		if (open_panel(&s, argv[2]) < 0)
			return 1;
		if (screens_each(&s, time_screen, &ctx) < 0)
			rc = 1;
	} else if (strcmp(argv[1], "one") == 0 && argc == 5) {
		struct one_context ctx = {argv[3], atol(argv[4]), false};
		if (ctx.count < 1)
			return usage();
		if (open_panel(&s, argv[2]) < 0)
			return 1;
		screens_each(&s, one_screen, &ctx);
		if (!ctx.found) {
			fprintf(stderr, "bench: no screen '%s' on %s\n", argv[3], argv[2]);
			rc = 1;
		}
	} else {
		return usage();
	}
	session_close(&s);
	return rc;
}
