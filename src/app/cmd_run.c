/* SPDX-License-Identifier: MIT */
/* run: the kiosk. The configuration file, then the command line over it; without a file (a
 * developer's machine) the kiosk shows PNGs and reads the terminal or standard input. */
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "command.h"
#include "config.h"
#include "daemon.h"
#include "handover.h"
#include "paths.h"

enum {
	OPT_PANEL = 1000,
	OPT_INPUT,
	OPT_PNG,
	OPT_DB,
	OPT_DATA,
	OPT_IDLE,
	OPT_LARGE,
	OPT_CONFIG,
	OPT_TODAY,
	OPT_GLYPHS,
};

static const struct option options[] = {
    {"panel", required_argument, NULL, OPT_PANEL},
    {"input", required_argument, NULL, OPT_INPUT},
    {"png", required_argument, NULL, OPT_PNG},
    {"db", required_argument, NULL, OPT_DB},
    {"data", required_argument, NULL, OPT_DATA},
    {"idle", required_argument, NULL, OPT_IDLE},
    {"large", no_argument, NULL, OPT_LARGE},
    {"config", required_argument, NULL, OPT_CONFIG},
    {"today", required_argument, NULL, OPT_TODAY},
    {"glyphs", required_argument, NULL, OPT_GLYPHS},
    {"help", no_argument, NULL, 'h'},
    {NULL, 0, NULL, 0},
};

struct run_options {
	const char *panel, *input, *png, *db, *config, *today;
	bool large, idle_set;
	long long idle_seconds;
	enum glyph_mode glyphs;
};

static int take(void *context, int code, const char *arg)
{
	struct run_options *o = context;

	switch (code) {
	case OPT_PANEL: o->panel = arg; break;
	case OPT_INPUT: o->input = arg; break;
	case OPT_PNG: o->png = arg; break;
	case OPT_DB: o->db = arg; break;
	case OPT_DATA: paths_set_data_dir(arg); break;
	case OPT_LARGE: o->large = true; break;
	case OPT_CONFIG: o->config = arg; break;
	case OPT_TODAY: return command_today(&command_run, arg, &o->today);
	case OPT_GLYPHS: return command_glyphs(&command_run, arg, &o->glyphs);
	case OPT_IDLE: {
		char *end;
		long seconds = strtol(arg, &end, 10);
		if (*end || !*arg || seconds < 0 || seconds > 86400)
			return command_usage_error(
			    &command_run, "--idle takes seconds from 0 (never) to 86400, not '%s'",
			    arg);
		o->idle_seconds = seconds;
		o->idle_set = true;
		break;
	}
	default: return EXIT_USAGE;
	}
	return 0;
}

static int run(int argc, char **argv)
{
	struct run_options o = {.glyphs = GLYPH_MONO};
	struct daemon_options d;
	struct inkref_error err;
	bool from_file = false;
	int rc = handover_to_preview(argc, argv);

	if (rc >= 0)
		return rc; /* a window panel: the preview could not be started */
	rc = command_parse(&command_run, argc, argv, options, take, &o);
	if (rc)
		return rc;
	if (optind != argc)
		return command_usage_error(&command_run, "unexpected argument '%s'", argv[optind]);
	memset(&d, 0, sizeof(d));
	config_defaults(&d.config);
	err_clear(&err);
	if (o.config || access(CONFIG_DEFAULT_PATH, F_OK) == 0) {
		if (config_load(o.config ? o.config : CONFIG_DEFAULT_PATH, &d.config, &err) < 0)
			return command_fail(&err);
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
	    /* A screen image only where one is asked for: the service may not write elsewhere. */
	    (o.png && config_set(&d.config, "kiosk", "png", o.png, "--png", &err) < 0) ||
	    (o.db && config_set(&d.config, "kiosk", "content", o.db, "--db", &err) < 0))
		return command_fail(&err);
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

const struct command command_run = {
    "run",
    "inkref [run] [--panel MODEL|sim:MODEL|png|png:WxH|png:MODEL]\n"
    "              [--input gpio|evdev:PATH|tty|stdin]\n"
    "              [--png FILE] [--config FILE] [--db FILE] [--data DIR] [--idle SECONDS]\n"
    "              [--large] [--glyphs mono|threshold] [--today YYYY-MM-DD]\n"
    "       inkref run --panel window:MODEL [--watch [--content DIR]] [--zoom real|1|2]\n"
    "              [--dpi N] [--instant]    (the preview window: make preview)\n",
    run,
};
