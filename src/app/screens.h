/* SPDX-License-Identifier: MIT */
/* screens: the headless renderer behind "inkref render": every reachable screen, or the
 * screen after each key of a list, written as PNG files with an HTML contact sheet. */
#ifndef INKREF_SCREENS_H
#define INKREF_SCREENS_H

#include <stdio.h>

#include "err.h"
#include "session.h"

/* Calls visit for every reachable screen of the session's content, in menu order, normal
 * text then large: each menu with each entry selected, each screen of each page.
 * name is a file-name stem such as "menu-01-home-03" or "page-12-side-effects-2". */
typedef int (*screen_visitor)(struct session *s, const char *name, void *context);
int screens_each(struct session *s, screen_visitor visit, void *context);
/* The same walk with each menu visited once per screen of its list (the cursor on the first
 * entry of that screen) rather than once per entry: what a menu says, without repeats. */
int screens_each_distinct(struct session *s, screen_visitor visit, void *context);

/* render --all for one panel: PNGs into dir/<panel>/<normal|large>/, and their rows of the
 * contact sheet into html. Returns the number of screens written, or -1. */
int screens_render_all(struct session *s, const char *dir, FILE *html, struct inkref_error *err);

/* render --page: the screens of one page (a content.pages index), both text sizes, into
 * dir/<panel>/<normal|large>/. Returns the number written, or -1. */
int screens_render_page(struct session *s, const char *dir, int page, struct inkref_error *err);

/* render --keys: the start screen, then the screen after each key, into dir/<panel>/. */
int screens_render_keys(struct session *s, const char *dir, const char *keys,
			struct inkref_error *err);

/* Creates a folder and its parents. */
int screens_make_dir(const char *path, struct inkref_error *err);

/* Starts and ends the HTML contact sheet. */
void screens_html_begin(FILE *html);
void screens_html_end(FILE *html);

#endif
