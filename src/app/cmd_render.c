/* SPDX-License-Identifier: MIT */
/* render: the screens headless, as PNG files with a contact sheet (--all, --keys, --page),
 * the out-of-service screens (--fault), every screen's text as JSON (--text), or the review
 * sheet (--review). */
#include <errno.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "command.h"
#include "outofservice.h"
#include "panel.h"
#include "paths.h"
#include "pngio.h"
#include "rebuild.h"
#include "review.h"
#include "screen_text.h"
#include "screens.h"
#include "session.h"
#include "watch.h"

enum {
	OPT_OUT = COMMAND_OWN_OPTIONS,
	OPT_ALL,
	OPT_KEYS,
	OPT_FAULT,
	OPT_TEXT,
	OPT_PAGE,
	OPT_REVIEW,
	OPT_CONTENT,
	OPT_WATCH,
};

static const struct option options[] = {
    {"out", required_argument, NULL, OPT_OUT},
    {"all", no_argument, NULL, OPT_ALL},
    {"keys", required_argument, NULL, OPT_KEYS},
    {"fault", required_argument, NULL, OPT_FAULT},
    {"text", required_argument, NULL, OPT_TEXT},
    {"page", required_argument, NULL, OPT_PAGE},
    {"review", required_argument, NULL, OPT_REVIEW},
    {"content", required_argument, NULL, OPT_CONTENT},
    {"watch", no_argument, NULL, OPT_WATCH},
    COMMAND_SHARED_OPTIONS,
    {"help", no_argument, NULL, 'h'},
    {NULL, 0, NULL, 0},
};

struct options {
	struct shared_options shared;
	const char *out, *keys, *fault, *text, *page, *review, *content;
	bool all, watch;
};

static int take(void *context, int code, const char *arg)
{
	struct options *o = context;

	switch (code) {
	case OPT_OUT: o->out = arg; break;
	case OPT_ALL: o->all = true; break;
	case OPT_KEYS: o->keys = arg; break;
	case OPT_TEXT: o->text = arg; break;
	case OPT_PAGE: o->page = arg; break;
	case OPT_REVIEW: o->review = arg; break;
	case OPT_CONTENT: o->content = arg; break;
	case OPT_WATCH: o->watch = true; break;
	case OPT_FAULT:
		if (strcmp(arg, "all") != 0 && fault_from_name(arg) == FAULT_NONE)
			return command_usage_error(&command_render, "unknown fault '%s'", arg);
		o->fault = arg;
		break;
	default: return command_take_shared(&command_render, code, arg, &o->shared);
	}
	return 0;
}

/* render --fault: the out-of-service screens, as the kiosk would show them. A font fault is
 * drawn with the built-in alphabet, because with that fault the fonts did not load. */
static int render_faults(const struct options *o, const struct panel_model *const *panels,
			 int panel_count)
{
	struct inkref_error err;
	int i, f, written = 0;

	err_clear(&err);
	if (screens_make_dir(o->out, &err) < 0)
		return command_fail(&err);
	for (i = 0; i < panel_count; i++) {
		struct fb *fb = fb_new(panels[i]->width, panels[i]->height);
		if (!fb) {
			err_set(&err, EXIT_SOFTWARE, "", 0, "out of memory");
			return command_fail(&err);
		}
		for (f = FAULT_NONE + 1; f < FAULT_COUNT; f++) {
			struct oos_fonts fonts = {NULL, NULL, o->shared.glyphs};
			struct oos_result drawn;
			char path[4096];
			if (strcmp(o->fault, "all") != 0 && (int)fault_from_name(o->fault) != f)
				continue;
			drawn = f == FAULT_FONT
				    ? oos_draw_builtin(fb, panels[i], FAULT_FONT)
				    : oos_draw(fb, panels[i], (enum fault_kind)f, &fonts);
			snprintf(path, sizeof(path), "%s/out-of-service-%s-%s.png", o->out,
				 fault_name((enum fault_kind)f), panels[i]->name);
			if (!drawn.fits)
				fprintf(stderr, "inkref: %s: the text does not fit the panel\n",
					path);
			if (png_write_fb(path, fb, &err) < 0) {
				fb_free(fb);
				return command_fail(&err);
			}
			written++;
		}
		fb_free(fb);
	}
	fprintf(stderr, "inkref: %d out-of-service screens in %s\n", written, o->out);
	return 0;
}

/* render --text FILE (every screen's text, or one page's with --page) and render --page. */
static int render_text_or_page(const struct options *o, const struct session_options *so,
			       const struct panel_model *const *panels, int panel_count)
{
	struct inkref_error err;
	struct screen_text_writer writer;
	FILE *out = NULL;
	int i, total = 0;
	bool to_stdout = o->text && strcmp(o->text, "-") == 0;

	err_clear(&err);
	if (o->text && !(out = to_stdout ? stdout : fopen(o->text, "w"))) {
		err_set(&err, EXIT_IOERR, o->text, 0, "cannot write: %s", strerror(errno));
		return command_fail(&err);
	}
	if (out)
		screen_text_begin(&writer, out);
	for (i = 0; i < panel_count; i++) {
		struct session s;
		struct screen_filter filter = {-1};
		int n;
		if (session_open(&s, panels[i], so, &err) < 0)
			break;
		if (o->page &&
		    (filter.page = screen_text_find_page(session_content(&s), o->page)) < 0) {
			err_set(&err, EXIT_USAGE, session_content(&s)->path, 0,
				"no page has the id or title '%s'; 'inkref render --text -' lists "
				"every page",
				o->page);
			session_close(&s);
			break;
		}
		n = out ? screen_text_write(&writer, &s, &filter, &err)
			: screens_render_page(&s, o->out, filter.page, &err);
		session_close(&s);
		if (n < 0)
			break;
		total += n;
	}
	if (out) {
		screen_text_end(&writer);
		if ((to_stdout ? fflush(out) : fclose(out)) != 0 && !err.code)
			err_set(&err, EXIT_IOERR, o->text, 0, "cannot write: %s", strerror(errno));
	}
	if (err.code)
		return command_fail(&err);
	fprintf(stderr, "inkref: %d screens%s%s\n", total, out ? " of text in " : " in ",
		out ? (to_stdout ? "standard output" : o->text) : o->out);
	return 0;
}

/* render --review DIR: the review sheet, with the content sources for each page's text. */
static int render_review(const struct options *o)
{
	struct inkref_error err;
	struct review_options ro = {o->shared.db,     o->content ? o->content : "content",
				    o->shared.panel,  o->shared.large,
				    o->shared.glyphs, o->shared.today};
	int topics;

	if (o->shared.panel && !panel_model_find(o->shared.panel))
		return command_usage_error(
		    &command_render,
		    "the review sheet shows the real panels: " PANEL_MODEL_NAMES ", not '%s'",
		    o->shared.panel);
	err_clear(&err);
	topics = review_write(o->review, &ro, &err);
	if (topics < 0)
		return command_fail(&err);
	fprintf(stderr, "inkref: review sheet of %d topics: %s/index.html; print %s/print.html\n",
		topics, o->review, o->review);
	return 0;
}

/* Renders what the options ask, once. */
static int render(const struct options *op)
{
	struct options o = *op;
	struct inkref_error err;
	struct session_options so;
	const struct panel_model *panels[8];
	struct panel_spec spec;
	char index_path[4096];
	FILE *html = NULL;
	int panel_count = 0, i, total = 0;

	if (o.review)
		return render_review(&o);
	if (o.shared.panel) {
		if (panel_spec_parse(o.shared.panel, &spec) < 0)
			return command_usage_error(&command_render, "unknown panel '%s'",
						   o.shared.panel);
		panels[panel_count++] = &spec.model;
	} else if (o.keys) {
		panels[panel_count++] = &panel_models[0];

	} else {
		for (i = 0; i < panel_model_count; i++)
			panels[panel_count++] = &panel_models[i];
	}
	if (o.fault)
		return render_faults(&o, panels, panel_count);
	so = (struct session_options){.db_path = o.shared.db,
				      .glyph_mode = o.shared.glyphs,
				      .large_text = o.shared.large,
				      .today = o.shared.today};
	err_clear(&err);
	if (o.text || o.page)
		return render_text_or_page(&o, &so, panels, panel_count);
	if (o.all) {
		snprintf(index_path, sizeof(index_path), "%s/index.html", o.out);
		if (screens_make_dir(o.out, &err) < 0)
			return command_fail(&err);
		if (!(html = fopen(index_path, "w"))) {
			err_set(&err, EXIT_IOERR, index_path, 0, "cannot write: %s",
				strerror(errno));
			return command_fail(&err);
		}
		screens_html_begin(html);
	}
	for (i = 0; i < panel_count; i++) {
		struct session s;
		int n;
		if (session_open(&s, panels[i], &so, &err) < 0) {
			if (html)
				fclose(html);
			return command_fail(&err);
		}
		n = o.all ? screens_render_all(&s, o.out, html, &err)
			  : screens_render_keys(&s, o.out, o.keys, &err);
		session_close(&s);
		if (n < 0) {
			if (html)
				fclose(html);
			return command_fail(&err);
		}
		total += n;
		fprintf(stderr, "inkref: %s: %d screens\n", panels[i]->name, n);
	}
	if (html) {
		screens_html_end(html);
		if (fclose(html) != 0) {
			err_set(&err, EXIT_IOERR, index_path, 0, "cannot write: %s",
				strerror(errno));
			return command_fail(&err);
		}
		fprintf(stderr, "inkref: %d screens; contact sheet %s\n", total, index_path);
	}
	return 0;
}

/* --watch: where the content is compiled to, removed when the watch is stopped. */
static char watch_db[4096];

static void stop_watching(int signal_number)
{
	(void)signal_number;
	unlink(watch_db);
	_exit(0);
}

/* render --watch: the content folder compiled and rendered again after every save, until
 * interrupted; a build or lint problem is reported with its file and line, and the output
 * of the last good build stays. */
static int render_watching(struct options *o)
{
	const char *dir = getenv("XDG_RUNTIME_DIR");
	struct inkref_error err;
	int fd, watch;

	if (o->shared.db)
		return command_usage_error(&command_render, "%s",
					   "--watch builds the content from --content DIR; drop "
					   "--db");
	if (!o->content)
		o->content = "content";
	err_clear(&err);
	snprintf(watch_db, sizeof(watch_db), "%s/inkref-render-XXXXXX", dir && *dir ? dir : "/tmp");
	fd = mkstemp(watch_db);
	if (fd < 0) {
		err_set(&err, EXIT_IOERR, watch_db, 0, "cannot create: %s", strerror(errno));
		return command_fail(&err);
	}
	close(fd);
	watch = watch_open(o->content, &err);
	if (watch < 0) {
		unlink(watch_db);
		return command_fail(&err);
	}
	signal(SIGINT, stop_watching);
	signal(SIGTERM, stop_watching);
	o->shared.db = watch_db;
	for (;;) {
		struct rebuild r;
		int rc = rebuild_content(o->content, watch_db, &r);
		if (r.problems)
			fprintf(stderr, "inkref: %s: %d problem%s:\n%s", o->content, r.problems,
				r.problems == 1 ? "" : "s", r.report);
		if (rc >= 0)
			render(o);
		fprintf(stderr, "inkref: watching %s: the next save renders again (Ctrl-C stops)\n",
			o->content);
		if (watch_wait(watch, -1) < 0) {
			err_set(&err, EXIT_IOERR, o->content, 0, "cannot watch: %s",
				strerror(errno));
			break;
		}
	}
	watch_close(watch);
	unlink(watch_db);
	return command_fail(&err);
}

static int run(int argc, char **argv)
{
	struct options o = {.shared.glyphs = GLYPH_MONO};
	int rc = command_parse(&command_render, argc, argv, options, take, &o);

	if (rc)
		return rc;
	if (!o.out && !o.text && !o.review)
		return command_usage_error(&command_render, "%s", "needs --out DIR");
	if ((int)o.all + (o.keys != NULL) + (o.fault != NULL) + (o.text != NULL) +
		(o.page && !o.text) + (o.review != NULL) !=
	    1)
		return command_usage_error(&command_render, "%s",
					   "needs exactly one of --all, --keys LIST, --fault "
					   "KIND, --page ID|TITLE, --text FILE and --review DIR");
	if (optind != argc)
		return command_usage_error(&command_render, "unexpected argument '%s'",
					   argv[optind]);
	if (o.watch && (o.fault || (o.text && strcmp(o.text, "-") == 0)))
		return command_usage_error(&command_render, "%s",
					   "--watch renders content into files: not with --fault "
					   "or --text -");
	return o.watch ? render_watching(&o) : render(&o);
}

const struct command command_render = {
    "render",
    "inkref render --out DIR (--all | --keys LIST | --fault KIND|all) [--panel SPEC]\n"
    "              [--db FILE] [--data DIR] [--large] [--glyphs mono|threshold]\n"
    "              [--today YYYY-MM-DD]\n"
    "       inkref render --out DIR --page ID|TITLE [--panel SPEC] [--db FILE]\n"
    "       inkref render --text FILE|- [--page ID|TITLE] [--panel SPEC] [--db FILE]\n"
    "       inkref render --review DIR [--content DIR] [--panel MODEL] [--large] [--db FILE]\n"
    "       inkref render ... --watch [--content DIR]   (again after every save in DIR)\n",
    run,
};
