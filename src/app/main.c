/* SPDX-License-Identifier: MIT */
/* main: the command line. Parses arguments, runs one subcommand, and is the one place that
 * reports errors and turns them into exit codes (sysexits.h). */
#include <errno.h>
#include <getopt.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "config.h"
#include "content_build.h"
#include "daemon.h"
#include "display.h"
#include "err.h"
#include "handover.h"
#include "lint.h"
#include "lint_edition.h"
#include "outofservice.h"
#include "pngio.h"
#include "panel.h"
#include "paths.h"
#include "replay.h"
#include "review.h"
#include "screen_text.h"
#include "screens.h"
#include "session.h"

/* The version has one home, the first line of debian/changelog; the Makefile passes it in. */
#ifndef INKREF_VERSION
#define INKREF_VERSION "unknown"
#endif
#define VERSION INKREF_VERSION

static void usage(FILE *out)
{
	fprintf(
	    out,
	    "usage: inkref [run] [--panel png|png:WxH|png:MODEL] [--input tty|stdin] [--png FILE]\n"
	    "              [--db FILE] [--data DIR] [--idle SECONDS] [--large]\n"
	    "       inkref render --out DIR (--all | --keys LIST | --fault KIND|all) [--panel "
	    "MODEL]\n"
	    "              [--db FILE]"
	    " [--glyphs mono|threshold] [--today YYYY-MM-DD]\n"
	    "       inkref render --out DIR --page ID|TITLE [--panel MODEL] [--db FILE]\n"
	    "       inkref render --text FILE|- [--page ID|TITLE] [--panel MODEL] [--db FILE]\n"
	    "       inkref render --review DIR [--content DIR] [--panel MODEL] [--large]"
	    " [--db FILE]\n"
	    "       inkref check-content [DB]\n"
	    "       inkref build-content --out DB DIR\n"
	    "\n"
	    "Panels: waveshare-7in5-v2 (800x480), waveshare-4in2-v2 (400x300),\n"
	    "        waveshare-2in7-v2 (264x176), png (800x480) or png:WxH.\n"
	    "Keys:   up, down, ok, back, long-ok, long-back, idle.\n"
	    "Faults: content-missing, content-damaged, content-locked, content-version, font,\n"
	    "        asset (the out-of-service screen of each).\n");
}

static int fail(struct inkref_error *err)
{
	err_print(err);
	return err->code ? err->code : EXIT_SOFTWARE;
}

static int usage_error(const char *fmt, const char *arg)
{
	fprintf(stderr, "inkref: ");
	fprintf(stderr, fmt, arg);
	fprintf(stderr, "\n(run 'inkref --help' for the options)\n");
	return EXIT_USAGE;
}

static bool parse_glyphs(const char *arg, enum glyph_mode *mode)
{
	if (strcmp(arg, "mono") == 0)
		*mode = GLYPH_MONO;
	else if (strcmp(arg, "threshold") == 0)
		*mode = GLYPH_THRESHOLD;
	else
		return false;
	return true;
}

enum long_option {
	OPT_OUT = 1000,
	OPT_ALL,
	OPT_KEYS,
	OPT_PANEL,
	OPT_DB,
	OPT_GLYPHS,
	OPT_INPUT,
	OPT_PNG,
	OPT_IDLE,
	OPT_LARGE,
	OPT_TODAY,
	OPT_STATS,
	OPT_SPI_LOG,
	OPT_RANDOM,
	OPT_SEED,
	OPT_FULL_EVERY,
	OPT_TEMPERATURE,
	OPT_SPI_HZ,
	OPT_NAIVE,
	OPT_CONFIG,
	OPT_FAULT,
	OPT_DATA,
	OPT_REPLAY,
	OPT_TEXT,
	OPT_PAGE,
	OPT_REVIEW,
	OPT_CONTENT,
	OPT_HELP,
};

static const struct option long_options[] = {
    {"out", required_argument, NULL, OPT_OUT},
    {"all", no_argument, NULL, OPT_ALL},
    {"keys", required_argument, NULL, OPT_KEYS},
    {"panel", required_argument, NULL, OPT_PANEL},
    {"db", required_argument, NULL, OPT_DB},
    {"glyphs", required_argument, NULL, OPT_GLYPHS},
    {"input", required_argument, NULL, OPT_INPUT},
    {"png", required_argument, NULL, OPT_PNG},
    {"idle", required_argument, NULL, OPT_IDLE},
    {"large", no_argument, NULL, OPT_LARGE},
    {"today", required_argument, NULL, OPT_TODAY},
    {"stats", no_argument, NULL, OPT_STATS},
    {"spi-log", required_argument, NULL, OPT_SPI_LOG},
    {"random", required_argument, NULL, OPT_RANDOM},
    {"seed", required_argument, NULL, OPT_SEED},
    {"full-every", required_argument, NULL, OPT_FULL_EVERY},
    {"temperature", required_argument, NULL, OPT_TEMPERATURE},
    {"spi-hz", required_argument, NULL, OPT_SPI_HZ},
    {"naive", no_argument, NULL, OPT_NAIVE},
    {"config", required_argument, NULL, OPT_CONFIG},
    {"fault", required_argument, NULL, OPT_FAULT},
    {"data", required_argument, NULL, OPT_DATA},
    {"replay", required_argument, NULL, OPT_REPLAY},
    {"text", required_argument, NULL, OPT_TEXT},
    {"page", required_argument, NULL, OPT_PAGE},
    {"review", required_argument, NULL, OPT_REVIEW},
    {"content", required_argument, NULL, OPT_CONTENT},
    {"help", no_argument, NULL, OPT_HELP},
    {NULL, 0, NULL, 0},
};

struct options {
	const char *out, *keys, *panel, *db, *input, *png, *today, *spi_log, *config, *fault;
	const char *replay; /* the first log; the others follow as operands */
	const char *text, *page, *review, *content;
	bool all, large, stats, naive, idle_set;
	long random_keys, full_every, temperature, spi_hz;
	long long seed; /* 64 bits on every machine, like the generator it seeds */
	enum glyph_mode glyphs;
	long idle_seconds;
};

static int parse_options(int argc, char **argv, struct options *o)
{
	int c;

	memset(o, 0, sizeof(*o));
	o->glyphs = GLYPH_MONO;
	o->idle_seconds = 120;
	o->full_every = 6;
	o->temperature = 20;
	o->spi_hz = 10000000;
	o->seed = 1;
	optind = 1;
	while ((c = getopt_long(argc, argv, "h", long_options, NULL)) != -1) {
		switch (c) {
		case OPT_OUT: o->out = optarg; break;
		case OPT_ALL: o->all = true; break;
		case OPT_KEYS: o->keys = optarg; break;
		case OPT_PANEL: o->panel = optarg; break;
		case OPT_DB: o->db = optarg; break;
		case OPT_INPUT: o->input = optarg; break;
		case OPT_PNG: o->png = optarg; break;
		case OPT_LARGE: o->large = true; break;
		case OPT_STATS: o->stats = true; break;
		case OPT_NAIVE: o->naive = true; break;
		case OPT_CONFIG: o->config = optarg; break;
		case OPT_DATA: paths_set_data_dir(optarg); break;
		case OPT_TEXT: o->text = optarg; break;
		case OPT_PAGE: o->page = optarg; break;
		case OPT_REVIEW: o->review = optarg; break;
		case OPT_CONTENT: o->content = optarg; break;
		case OPT_FAULT:
			if (strcmp(optarg, "all") != 0 && fault_from_name(optarg) == FAULT_NONE)
				return usage_error("unknown fault '%s'", optarg);
			o->fault = optarg;
			break;
		case OPT_SPI_LOG: o->spi_log = optarg; break;
		case OPT_REPLAY: o->replay = optarg; break;
		case OPT_RANDOM:
		case OPT_SEED:
		case OPT_FULL_EVERY:
		case OPT_TEMPERATURE:
		case OPT_SPI_HZ: {
			char *end;
			long long value;
			errno = 0;
			/* long long: a seed takes the same 64-bit range where a long has 32. */
			value = strtoll(optarg, &end, 10);
			if (errno || *end || !*optarg)
				return usage_error("expected a whole number, not '%s'", optarg);
			if (c == OPT_RANDOM && value >= 0 && value <= 10000000)
				o->random_keys = (long)value;
			else if (c == OPT_SEED)
				o->seed = value;
			else if (c == OPT_FULL_EVERY && value >= 0 && value <= 1000)
				o->full_every = (long)value;
			else if (c == OPT_TEMPERATURE && value >= -40 && value <= 85)
				o->temperature = (long)value;
			else if (c == OPT_SPI_HZ && value >= 100000 && value <= 100000000)
				o->spi_hz = (long)value;
			else
				return usage_error("'%s' is out of range for this option", optarg);
			break;
		}
		case OPT_TODAY:
			if (strlen(optarg) != 10 || optarg[4] != '-' || optarg[7] != '-')
				return usage_error("--today takes a date as YYYY-MM-DD, not '%s'",
						   optarg);
			o->today = optarg;
			break;
		case OPT_GLYPHS:
			if (!parse_glyphs(optarg, &o->glyphs))
				return usage_error("--glyphs takes mono or threshold, not '%s'",
						   optarg);
			break;
		case OPT_IDLE: {
			char *end;
			errno = 0;
			o->idle_seconds = strtol(optarg, &end, 10);
			if (errno || *end || o->idle_seconds < 0 || o->idle_seconds > 86400)
				return usage_error(
				    "--idle takes seconds from 0 (never) to 86400, not '%s'",
				    optarg);
			o->idle_set = true;
			break;
		}
		case 'h':
		case OPT_HELP: usage(stdout); exit(0);
		default: return EXIT_USAGE;
		}
	}
	return 0;
}

static int cmd_build_content(int argc, char **argv)
{
	struct options o;
	struct inkref_error err;
	int rc = parse_options(argc, argv, &o);

	if (rc)
		return rc;
	if (!o.out || optind != argc - 1)
		return usage_error("%s", "build-content needs --out DB and one content folder");
	err_clear(&err);
	if (content_build(argv[optind], o.out, &err) < 0)
		return fail(&err);
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
		return fail(&err);
	for (i = 0; i < panel_count; i++) {
		struct fb *fb = fb_new(panels[i]->width, panels[i]->height);
		if (!fb) {
			err_set(&err, EXIT_SOFTWARE, "", 0, "out of memory");
			return fail(&err);
		}
		for (f = FAULT_NONE + 1; f < FAULT_COUNT; f++) {
			struct oos_fonts fonts = {NULL, NULL, o->glyphs};
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
				return fail(&err);
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
		return fail(&err);
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
		return fail(&err);
	fprintf(stderr, "inkref: %d screens%s%s\n", total, out ? " of text in " : " in ",
		out ? (to_stdout ? "standard output" : o->text) : o->out);
	return 0;
}

/* render --review DIR: the review sheet, with the content sources for each page's text. */
static int render_review(const struct options *o)
{
	struct inkref_error err;
	struct review_options ro = {
	    o->db, o->content ? o->content : "content", o->panel, o->large, o->glyphs, o->today};
	int topics;

	if (o->panel && !panel_model_find(o->panel))
		return usage_error("the review sheet shows the real panels: " PANEL_MODEL_NAMES
				   ", not '%s'",
				   o->panel);
	err_clear(&err);
	topics = review_write(o->review, &ro, &err);
	if (topics < 0)
		return fail(&err);
	fprintf(stderr, "inkref: review sheet of %d topics: %s/index.html; print %s/print.html\n",
		topics, o->review, o->review);
	return 0;
}

static int cmd_render(int argc, char **argv)
{
	struct options o;
	struct inkref_error err;
	struct session_options so;
	const struct panel_model *panels[8];
	struct panel_spec spec;
	char index_path[4096];
	FILE *html = NULL;
	int panel_count = 0, i, rc = parse_options(argc, argv, &o), total = 0;

	if (rc)
		return rc;
	if (!o.out && !o.text && !o.review)
		return usage_error("%s", "render needs --out DIR");
	if ((int)o.all + (o.keys != NULL) + (o.fault != NULL) + (o.text != NULL) +
		(o.page && !o.text) + (o.review != NULL) !=
	    1)
		return usage_error("%s", "render needs exactly one of --all, --keys LIST, --fault "
					 "KIND, --page ID|TITLE, --text FILE and --review DIR");
	if (o.review)
		return render_review(&o);
	if (optind != argc)
		return usage_error("unexpected argument '%s'", argv[optind]);
	if (o.panel) {
		if (panel_spec_parse(o.panel, &spec) < 0)
			return usage_error("unknown panel '%s'", o.panel);
		panels[panel_count++] = &spec.model;
	} else if (o.keys) {
		panels[panel_count++] = &panel_models[0];

	} else {
		for (i = 0; i < panel_model_count; i++)
			panels[panel_count++] = &panel_models[i];
	}
	if (o.fault)
		return render_faults(&o, panels, panel_count);
	so = (struct session_options){
	    .db_path = o.db, .glyph_mode = o.glyphs, .large_text = o.large, .today = o.today};
	err_clear(&err);
	if (o.text || o.page)
		return render_text_or_page(&o, &so, panels, panel_count);
	if (o.all) {
		snprintf(index_path, sizeof(index_path), "%s/index.html", o.out);
		if (screens_make_dir(o.out, &err) < 0)
			return fail(&err);
		if (!(html = fopen(index_path, "w"))) {
			err_set(&err, EXIT_IOERR, index_path, 0, "cannot write: %s",
				strerror(errno));
			return fail(&err);
		}
		screens_html_begin(html);
	}
	for (i = 0; i < panel_count; i++) {
		struct session s;
		int n;
		if (session_open(&s, panels[i], &so, &err) < 0) {
			if (html)
				fclose(html);
			return fail(&err);
		}
		n = o.all ? screens_render_all(&s, o.out, html, &err)
			  : screens_render_keys(&s, o.out, o.keys, &err);
		session_close(&s);
		if (n < 0) {
			if (html)
				fclose(html);
			return fail(&err);
		}
		total += n;
		fprintf(stderr, "inkref: %s: %d screens\n", panels[i]->name, n);
	}
	if (html) {
		screens_html_end(html);
		if (fclose(html) != 0) {
			err_set(&err, EXIT_IOERR, index_path, 0, "cannot write: %s",
				strerror(errno));
			return fail(&err);
		}
		fprintf(stderr, "inkref: %d screens; contact sheet %s\n", total, index_path);
	}
	return 0;
}

static int cmd_run(int argc, char **argv)
{
	struct options o;
	struct daemon_options d;
	struct inkref_error err;
	bool from_file = false;
	int rc = handover_to_preview(argc, argv);

	if (rc >= 0)
		return rc;
	rc = parse_options(argc, argv, &o);
	if (rc)
		return rc;
	if (optind != argc)
		return usage_error("unexpected argument '%s'", argv[optind]);
	memset(&d, 0, sizeof(d));
	config_defaults(&d.config);
	err_clear(&err);
	/* The configuration file, then the command line over it. Without a file (a developer's
	 * machine) the kiosk shows PNGs and reads the terminal or standard input. */
	if (o.config || access(CONFIG_DEFAULT_PATH, F_OK) == 0) {
		if (config_load(o.config ? o.config : CONFIG_DEFAULT_PATH, &d.config, &err) < 0)
			return fail(&err);
		from_file = true;
	}
	if (((o.panel || !from_file) &&
	     config_set(&d.config, "panel", "model", o.panel ? o.panel : "png", "--panel", &err) <
		 0) ||
	    ((o.input || !from_file) && config_set(&d.config, "keys", "input",
						   o.input		  ? o.input
						   : isatty(STDIN_FILENO) ? "tty"
									  : "stdin",
						   "--input", &err) < 0) ||
	    ((o.png || !from_file) &&
	     config_set(&d.config, "kiosk", "png", o.png ? o.png : "inkref-screen.png", "--png",
			&err) < 0) ||
	    (o.db && config_set(&d.config, "kiosk", "content", o.db, "--db", &err) < 0))
		return fail(&err);
	if (o.idle_set)
		d.config.idle_timeout_s = (int)o.idle_seconds;
	if (o.large)
		d.config.large_text = true;
	d.today = o.today;
	d.glyph_mode = o.glyphs;
	if (strcmp(d.config.input, "tty") == 0)
		fprintf(stderr,
			"inkref: %s in %s; arrows move, Enter opens, Backspace goes back, "
			"l large text, h home, q quits\n",
			d.config.panel, d.config.png[0] ? d.config.png : "(no image)");
	return daemon_run(&d);
}

static double now_us(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec * 1e6 + (double)ts.tv_nsec / 1e3;
}

/* A small, fixed-seed generator: the same seed gives the same keys on every machine, so its
 * state is 64 bits wide everywhere (a long has 32 on armhf). */
static uint32_t next_random(uint64_t *state)
{
	*state = *state * UINT64_C(6364136223846793005) + UINT64_C(1442695040888963407);
	return (uint32_t)(*state >> 33);
}

struct sim_totals {
	long keys, bytes, full, partial, none, faults;
	double spi_ms, panel_ms, render_us, diff_us;
};

static void print_step(const char *key, const struct display_step *st, double render_us)
{
	const struct rect *b = &st->plan.bounds;
	enum refresh_mode m = st->mode_used;

	printf("key=%s mode=%s waveform=%s x=%d y=%d w=%d h=%d windows=%d spi_bytes=%ld "
	       "spi_ms=%.2f panel_ms=%.0f render_us=%.0f diff_us=%.0f%s\n",
	       key,
	       m == REFRESH_NONE      ? "none"
	       : m == REFRESH_PARTIAL ? "partial"
				      : "full",
	       refresh_mode_name(m), b->x, b->y, b->w, b->h, st->plan.window_count, st->spi_bytes,
	       st->spi_ms, st->panel_ms, render_us, st->diff_us, st->result ? " fault=1" : "");
}

/* sim --replay: the logs, in order, into one emulated controller of the panel's kind. */
static int sim_replay(const struct options *o, int argc, char **argv)
{
	struct panel_spec spec;
	struct inkref_error err;
	struct replay r;
	int i, status = 0;

	if (panel_spec_parse(o->panel, &spec) < 0 || spec.output == PANEL_PNG)
		return usage_error("sim --replay needs --panel " PANEL_MODEL_NAMES ", not '%s'",
				   o->panel);
	if (o->keys || o->random_keys)
		return usage_error("%s", "sim takes --replay or --keys/--random, not both");
	err_clear(&err);
	if (o->out && screens_make_dir(o->out, &err) < 0)
		return fail(&err);
	if (replay_open(&r, &spec.model, stdout, o->out, &err) < 0)
		return fail(&err);
	for (i = optind - 1; i < argc; i++) {
		const char *path = i == optind - 1 ? o->replay : argv[i];
		int rc = replay_file(&r, path, &err);
		if (rc < 0) {
			replay_close(&r);
			return fail(&err);
		}
		if (rc > 0)
			status = EXIT_DATAERR;
	}
	printf("total refreshes=%u refused=%u panel_ms=%.0f\n", r.refreshes, r.refused,
	       emulator_panel_ms(r.emu));
	replay_close(&r);
	return status;
}

static int cmd_sim(int argc, char **argv)
{
	struct options o;
	struct inkref_error err;
	struct session_options so;
	struct session s;
	struct display d;
	struct display_options dopt;
	struct sim_totals total = {0};
	const struct panel_model *panel;
	struct panel_spec spec;
	FILE *spi_log = NULL;
	char *list = NULL, *save = NULL, *name;
	uint64_t rng;
	int rc = parse_options(argc, argv, &o), status = 0;
	long step = 0;

	if (rc)
		return rc;
	if (!o.panel)
		return usage_error("%s", "sim needs --panel MODEL");
	if (o.replay)
		return sim_replay(&o, argc, argv);
	if (!o.keys == !o.random_keys)
		return usage_error("%s", "sim needs --keys LIST or --random N");
	if (panel_spec_parse(o.panel, &spec) < 0 || spec.output == PANEL_PNG)
		return usage_error("sim drives an emulated controller: use " PANEL_MODEL_NAMES
				   ", not '%s'",
				   o.panel);
	panel = &spec.model;
	if (o.spi_log && !(spi_log = fopen(o.spi_log, "w"))) {
		err_clear(&err);
		err_set(&err, EXIT_IOERR, o.spi_log, 0, "cannot write the SPI log: %s",
			strerror(errno));
		return fail(&err);
	}
	so = (struct session_options){
	    .db_path = o.db, .glyph_mode = o.glyphs, .large_text = o.large, .today = o.today};
	dopt = (struct display_options){(unsigned)o.spi_hz, (int)o.temperature, (int)o.full_every,
					spi_log, o.naive};
	err_clear(&err);
	if (session_open(&s, panel, &so, &err) < 0) {
		if (spi_log)
			fclose(spi_log);
		return fail(&err);
	}
	if (display_open_emulated(&d, panel, &dopt, &err) < 0) {
		session_close(&s);
		if (spi_log)
			fclose(spi_log);
		return fail(&err);
	}
	rng = (uint64_t)o.seed;
	if (o.keys)
		list = strdup(o.keys);
	name = list ? strtok_r(list, ",", &save) : NULL;
	for (step = 0;; step++) {
		static const enum key random_keys[] = {
		    KEY_UP,   KEY_DOWN,	   KEY_OK, KEY_BACK,	  KEY_DOWN, KEY_OK,
		    KEY_DOWN, KEY_LONG_OK, KEY_UP, KEY_LONG_BACK, KEY_IDLE, KEY_BACK};
		enum key key = KEY_NONE;
		enum menu_change change = CHANGE_SCREEN;
		struct display_step st;
		double t0;
		long mismatch;
		const char *label = "start";
		if (step > 0) {
			if (list) {
				if (!name)
					break;
				key = key_from_name(name);
				if (key == KEY_NONE) {
					fprintf(stderr, "inkref: unknown key '%s' in --keys\n",
						name);
					status = EXIT_USAGE;
					break;
				}
				name = strtok_r(NULL, ",", &save);
			} else {
				if (step > o.random_keys)
					break;
				key = random_keys[next_random(&rng) %
						  (sizeof(random_keys) / sizeof(random_keys[0]))];
			}
			label = key_name(key);
		}
		t0 = now_us();
		if (key != KEY_NONE)
			change = session_press(&s, key);
		if (session_draw(&s) < 0) {
			fprintf(stderr, "inkref: out of memory drawing the screen\n");
			status = EXIT_SOFTWARE;
			break;
		}
		{
			double render_us = now_us() - t0;
			display_show(&d, session_frame(&s), change == CHANGE_HOME, &st);
			if (o.stats)
				print_step(label, &st, render_us);
			total.render_us += render_us;
		}
		total.keys += step > 0;
		total.bytes += st.spi_bytes;
		total.spi_ms += st.spi_ms;
		total.panel_ms += st.panel_ms;
		total.diff_us += st.diff_us;
		total.full += st.mode_used == REFRESH_FULL || st.mode_used == REFRESH_FAST;
		total.partial += st.mode_used == REFRESH_PARTIAL;
		total.none += st.mode_used == REFRESH_NONE;
		if (st.result < 0) {
			total.faults++;
			fprintf(stderr, "inkref: %s\n", d.epd.fault);
			status = EXIT_IOERR;
			break;
		}
		if (emulator_error(d.emulator)) {
			fprintf(stderr,
				"inkref: sim: the %s rejected the command stream after key %ld "
				"(%s): %s\n",
				panel->controller, step, label, emulator_error(d.emulator));
			status = EXIT_SOFTWARE;
			break;
		}
		mismatch = display_glass_mismatch(&d);
		if (mismatch) {
			fprintf(
			    stderr,
			    "inkref: sim: after key %ld (%s) the emulated glass differs from the "
			    "framebuffer in %ld pixels\n",
			    step, label, mismatch);
			status = EXIT_SOFTWARE;
			break;
		}
	}
	if (o.stats)
		printf("total keys=%ld full=%ld partial=%ld none=%ld spi_bytes=%ld spi_ms=%.1f "
		       "panel_ms=%.0f render_us=%.0f diff_us=%.0f\n",
		       total.keys, total.full, total.partial, total.none, total.bytes, total.spi_ms,
		       total.panel_ms, total.render_us, total.diff_us);
	free(list);
	display_close(&d);
	session_close(&s);
	if (spi_log && fclose(spi_log) != 0 && !status) {
		fprintf(stderr, "inkref: %s: cannot finish the SPI log\n", o.spi_log);
		status = EXIT_IOERR;
	}
	return status;
}

/* The rules that depend on how pages lay out, on each panel model in turn. */
static int lint_on_every_panel(const struct session_options *so)
{
	int problems = 0, m;

	for (m = 0; m < panel_model_count; m++) {
		const struct panel_model *model = &panel_models[m];
		const struct content *c;
		struct inkref_error err;
		struct session s;
		int *split[2], large, i;
		err_clear(&err);
		if (session_open(&s, model, so, &err) < 0) {
			err_print(&err);
			if (err.code == EXIT_SOFTWARE || err.reason == ERR_REASON_NO_MEMORY)
				err_note_out_of_memory();
			return problems + 1;
		}
		c = session_content(&s);
		for (large = 0; large < 2; large++) {
			split[large] = calloc((size_t)c->page_count + 1, sizeof(int));
			for (i = 0; split[large] && i < c->page_count; i++)
				split[large][i] = view_split_warnings(session_view(&s), i, large);
		}
		if (split[0] && split[1]) {
			problems +=
			    lint_warnings_whole(c, model->name, (const int *const *)split, stderr);
		} else {
			fprintf(stderr, "inkref: out of memory while checking warnings\n");
			err_note_out_of_memory();
			problems++;
		}
		free(split[0]);
		free(split[1]);
		session_close(&s);
	}
	return problems;
}

static int cmd_check_content(int argc, char **argv)
{
	struct inkref_error err;
	struct session_options so = {0};
	struct session s;
	const struct content *c;
	int problems, *screens;

	err_clear(&err);
	if (argc > 2)
		return usage_error("%s", "check-content takes at most one database path");
	so.db_path = argc == 2 ? argv[1] : NULL;
	so.glyph_mode = GLYPH_MONO;
	/* Page lengths are judged where they matter most: the 7.5" counter panel. */
	if (session_open(&s, &panel_models[0], &so, &err) < 0)
		return fail(&err);
	c = session_content(&s);
	screens = session_screen_counts(&s, false);
	if (!screens) {
		session_close(&s);
		err_set(&err, EXIT_SOFTWARE, "", 0, "out of memory");
		return fail(&err);
	}
	problems = lint_content(c, screens, stderr);
	free(screens);
	problems += lint_edition(c, stderr);
	problems += lint_on_every_panel(&so);
	if (err_out_of_memory_noted()) {
		/* The checks could not all run: that says nothing about the content. */
		fprintf(stderr, "inkref: %s: out of memory while checking the content\n", c->path);
		session_close(&s);
		return EXIT_SOFTWARE;
	}
	if (problems) {
		fprintf(stderr, "inkref: %s: %d problem%s; the content must not go on a kiosk\n",
			c->path, problems, problems == 1 ? "" : "s");
		session_close(&s);
		return EXIT_DATAERR;
	}
	printf("%s: %d pages, %d sources, content %s reviewed %s (review by %s): no problems\n",
	       c->path, c->page_count, c->source_count, c->content_version, c->reviewed_on,
	       c->review_by);
	session_close(&s);
	return 0;
}

int main(int argc, char **argv)
{
	const char *command = argc > 1 ? argv[1] : "run";

	if (argc > 1 && argv[1][0] == '-') {
		if (strcmp(argv[1], "--help") == 0 || strcmp(argv[1], "-h") == 0) {
			usage(stdout);
			return 0;
		}
		if (strcmp(argv[1], "--version") == 0) {
			printf("inkref %s\n", VERSION);
			return 0;
		}
		return cmd_run(argc, argv);
	}
	if (strcmp(command, "run") == 0)
		return cmd_run(argc - 1, argv + 1);
	if (strcmp(command, "render") == 0)
		return cmd_render(argc - 1, argv + 1);
	if (strcmp(command, "sim") == 0)
		return cmd_sim(argc - 1, argv + 1);
	if (strcmp(command, "check-content") == 0)
		return cmd_check_content(argc - 1, argv + 1);
	if (strcmp(command, "build-content") == 0)
		return cmd_build_content(argc - 1, argv + 1);
	fprintf(stderr, "inkref: unknown command '%s'\n", command);
	usage(stderr);
	return EXIT_USAGE;
}
