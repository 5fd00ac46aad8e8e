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
	OPT_INPUT = COMMAND_OWN_OPTIONS,
	OPT_PNG,
	OPT_IDLE,
	OPT_CONFIG,
};

static const struct option options[] = {
    {"input", required_argument, NULL, OPT_INPUT},
    {"png", required_argument, NULL, OPT_PNG},
    {"idle", required_argument, NULL, OPT_IDLE},
    {"config", required_argument, NULL, OPT_CONFIG},
    COMMAND_SHARED_OPTIONS,
    {"help", no_argument, NULL, 'h'},
    {NULL, 0, NULL, 0},
};

struct run_options {
	struct shared_options shared;
	const char *input, *png, *config;
	bool idle_set;
	long long idle_seconds;
};

static int take(void *context, int code, const char *arg)
{
	struct run_options *o = context;

	switch (code) {
	case OPT_INPUT: o->input = arg; break;
	case OPT_PNG: o->png = arg; break;
	case OPT_CONFIG: o->config = arg; break;
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
	default: return command_take_shared(&command_run, code, arg, &o->shared);
	}
	return 0;
}

static int run(int argc, char **argv)
{
	struct run_options o = {.shared.glyphs = GLYPH_MONO};
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
	if (((o.shared.panel || !from_file) &&
	     config_set(&d.config, "panel", "model", o.shared.panel ? o.shared.panel : "png",
			"--panel", &err) < 0) ||
	    ((o.input || !from_file) && config_set(&d.config, "keys", "input",
						   o.input		  ? o.input
						   : isatty(STDIN_FILENO) ? "tty"
									  : "stdin",
						   "--input", &err) < 0) ||
	    /* A screen image only where one is asked for: the service may not write elsewhere. */
	    (o.png && config_set(&d.config, "kiosk", "png", o.png, "--png", &err) < 0) ||
	    (o.shared.db &&
	     config_set(&d.config, "kiosk", "content", o.shared.db, "--db", &err) < 0))
		return command_fail(&err);
	if (o.idle_set)
		d.config.idle_timeout_s = (int)o.idle_seconds;
	if (o.shared.large)
		d.config.large_text = true;
	d.today = o.shared.today;
	d.glyph_mode = o.shared.glyphs;
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
