/* SPDX-License-Identifier: MIT */
/* session: ownership in one place, so every caller tears down the same way. */
#include "session.h"

#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "paths.h"

struct session_parts {
	struct content content;
	struct view view; /* points at content */
	struct menu_state state;
	struct fb *fb;
	struct display_list display;
	bool review_due;       /* today is past the content's review-by date */
	bool borrowed_content; /* session_open_shared's: not ours to free */
};

int session_open(struct session *s, const struct panel_model *panel,
		 const struct session_options *options, struct inkref_error *err)
{
	char db[4096], regular[4096], bold[4096], logo[4096], today[16];
	struct view_paths paths;
	struct session_parts *p;
	int failure = SESSION_FAILED_MEMORY;

	s->parts = p = calloc(1, sizeof(*p));
	if (!p) {
		err_set(err, EXIT_SOFTWARE, "", 0, "out of memory");
		return SESSION_FAILED_MEMORY;
	}
	p->content.root = -1;
	if (options->db_path)
		snprintf(db, sizeof(db), "%s", options->db_path);
	else
		paths_data_file("content.db", db, sizeof(db));
	if (options->fonts_dir) {
		snprintf(regular, sizeof(regular), "%s/DejaVuSans.ttf", options->fonts_dir);
		snprintf(bold, sizeof(bold), "%s/DejaVuSans-Bold.ttf", options->fonts_dir);
	} else {
		paths_data_file("fonts/DejaVuSans.ttf", regular, sizeof(regular));
		paths_data_file("fonts/DejaVuSans-Bold.ttf", bold, sizeof(bold));
	}
	if (options->logo_path)
		snprintf(logo, sizeof(logo), "%s", options->logo_path);
	else
		paths_data_file("assets/logo.png", logo, sizeof(logo));
	if (content_load(db, &p->content, err) < 0) {
		failure = SESSION_FAILED_CONTENT;
		goto fail;
	}
	if (options->today) {
		snprintf(today, sizeof(today), "%s", options->today);
	} else {
		time_t now = time(NULL);
		struct tm local;
		localtime_r(&now, &local);
		strftime(today, sizeof(today), "%Y-%m-%d", &local);
	}
	p->review_due = strcmp(today, p->content.review_by) > 0;
	paths = (struct view_paths){regular, bold, logo, options->glyph_mode, p->review_due};
	if (view_open(&p->view, panel, &p->content, &paths, err) < 0) {
		failure = strcmp(err->file, logo) == 0 ? SESSION_FAILED_ASSET : SESSION_FAILED_FONT;
		goto fail;
	}
	p->fb = fb_new(panel->width, panel->height);
	if (!p->fb) {
		err_set(err, EXIT_SOFTWARE, "", 0, "out of memory");
		goto fail;
	}
	menu_init(&p->state, &p->content, options->large_text);
	return 0;
fail:
	session_close(s);
	return failure;
}

int session_open_shared(struct session *s, const struct view *view, const struct content *content,
			struct inkref_error *err)
{
	struct session_parts *p;

	s->parts = p = calloc(1, sizeof(*p));
	if (!p) {
		err_set(err, EXIT_SOFTWARE, "", 0, "out of memory");
		return SESSION_FAILED_MEMORY;
	}
	p->content = *content;
	p->borrowed_content = true;
	p->review_due = view->review_due;
	p->fb = fb_new(view->panel->width, view->panel->height);
	if (!p->fb || view_share(&p->view, view, &p->content) < 0) {
		err_set(err, EXIT_SOFTWARE, "", 0, "out of memory");
		session_close(s);
		return SESSION_FAILED_MEMORY;
	}
	menu_init(&p->state, &p->content, false);
	return 0;
}

void session_close(struct session *s)
{
	struct session_parts *p = s->parts;

	if (!p)
		return;
	if (p->view.panel)
		view_close(&p->view);
	if (!p->borrowed_content)
		content_free(&p->content);
	fb_free(p->fb);
	free(p);
	s->parts = NULL;
}

enum menu_change session_press(struct session *s, enum key key)
{
	struct session_parts *p = s->parts;
	struct page_screens screens = {0, 0};

	/* Only what the key needs is laid out: the other size only when it changes. */
	if (p->state.page >= 0) {
		screens.count = view_screen_count(&p->view, p->state.page, p->state.large_text);
		if (key == KEY_LONG_OK)
			screens.other_size =
			    view_screen_count(&p->view, p->state.page, !p->state.large_text);
	}
	return menu_press(&p->state, key, &p->content, screens);
}

int session_build(struct session *s)
{
	return view_build(&s->parts->view, &s->parts->state, &s->parts->display);
}

int session_draw(struct session *s)
{
	struct session_parts *p = s->parts;

	if (session_build(s) < 0)
		return -1;
	render_display_list(p->fb, p->view.fonts[p->display.large_text], &p->display);
	return 0;
}

const struct content *session_content(const struct session *s)
{
	return &s->parts->content;
}

const struct panel_model *session_panel(const struct session *s)
{
	return s->parts->view.panel;
}

const struct menu_state *session_state(const struct session *s)
{
	return &s->parts->state;
}

void session_set_state(struct session *s, const struct menu_state *state)
{
	s->parts->state = *state;
}

const struct fb *session_frame(const struct session *s)
{
	return s->parts->fb;
}

const struct display_list *session_display_list(const struct session *s)
{
	return &s->parts->display;
}

struct view *session_view(struct session *s)
{
	return &s->parts->view;
}

int session_screen_count(struct session *s, int page, bool large_text)
{
	return view_screen_count(&s->parts->view, page, large_text);
}

int *session_screen_counts(struct session *s, bool large_text)
{
	int page, count = s->parts->content.page_count;
	int *screens = malloc((size_t)(count > 0 ? count : 1) * sizeof(*screens));

	for (page = 0; screens && page < count; page++)
		screens[page] = view_screen_count(&s->parts->view, page, large_text);
	return screens;
}

void session_layout_all(struct session *s)
{
	int page, large;

	/* A layout that runs out of memory here is simply tried again when its page opens; so
	 * are the rest when a SIGTERM or SIGINT waits (blocked, in the daemon): a kiosk told to
	 * stop is not kept laying out thousands of pages first. */
	for (page = 0; page < s->parts->content.page_count; page++) {
		sigset_t pending;
		if (page % 64 == 63 && sigpending(&pending) == 0 &&
		    (sigismember(&pending, SIGTERM) == 1 || sigismember(&pending, SIGINT) == 1))
			return;
		for (large = 0; large < 2; large++)
			view_page_layout(&s->parts->view, page, large);
	}
}

bool session_review_due(const struct session *s)
{
	return s->parts->review_due;
}
