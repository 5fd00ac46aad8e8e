/* SPDX-License-Identifier: MIT */
/* session: ownership in one place, so every caller tears down the same way. */
#include "session.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "paths.h"
#include "render.h"

int session_open(struct session *s, const struct panel_model *panel,
		 const struct session_options *options, struct inkref_error *err)
{
	char db[4096], regular[4096], bold[4096], logo[4096], today[16];
	struct view_paths paths;
	int failure = SESSION_FAILED_MEMORY;

	memset(s, 0, sizeof(*s));
	s->content.root = -1;
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
	if (content_load(db, &s->content, err) < 0)
		return SESSION_FAILED_CONTENT;
	if (options->today) {
		snprintf(today, sizeof(today), "%s", options->today);
	} else {
		time_t now = time(NULL);
		struct tm local;
		localtime_r(&now, &local);
		strftime(today, sizeof(today), "%Y-%m-%d", &local);
	}
	s->review_due = strcmp(today, s->content.review_by) > 0;
	paths = (struct view_paths){regular, bold, logo, options->glyph_mode, s->review_due};
	if (view_open(&s->view, panel, &s->content, &paths, err) < 0) {
		failure = strcmp(err->file, logo) == 0 ? SESSION_FAILED_ASSET : SESSION_FAILED_FONT;
		goto fail;
	}
	s->fb = fb_new(panel->width, panel->height);
	s->display = malloc(sizeof(*s->display));
	if (!s->fb || !s->display) {
		err_set(err, EXIT_SOFTWARE, "", 0, "out of memory");
		goto fail;
	}
	menu_init(&s->state, &s->content, options->large_text);
	s->pager.screen_count = view_screen_count;
	s->pager.context = &s->view;
	return 0;
fail:
	session_close(s);
	return failure;
}

void session_close(struct session *s)
{
	if (s->view.panel)
		view_close(&s->view);
	content_free(&s->content);
	fb_free(s->fb);
	free(s->display);
	memset(s, 0, sizeof(*s));
}

void session_moved(struct session *s)
{
	s->view.content = &s->content;
	s->pager.context = &s->view;
}

enum menu_change session_press(struct session *s, enum key key)
{
	return menu_press(&s->state, key, &s->content, &s->pager);
}

int session_draw(struct session *s)
{
	if (view_build(&s->view, &s->state, s->display) < 0)
		return -1;
	render_display_list(s->fb, &s->view, s->display);
	return 0;
}
