/* SPDX-License-Identifier: MIT */
/* preview: inkref-preview, the desktop build's program: "inkref run --panel window:MODEL"
 * comes here (the kiosk binary hands it over), with the options of the preview window. */
#include <errno.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "err.h"
#include "panel.h"
#include "paths.h"
#include "window.h"

static void usage(FILE *out)
{
	fprintf(out,
		"usage: inkref run --panel window:MODEL [--zoom real|1|2] [--dpi N] [--instant]\n"
		"                  [--watch [--content DIR]] [--db FILE] [--data DIR] [--large]\n"
		"                  [--idle SECONDS] [--full-every N] [--today YYYY-MM-DD]\n"
		"Models: " PANEL_MODEL_NAMES ".\n"
		"Keys: arrows (or click the buttons), Enter opens, Backspace goes back, l large\n"
		"text, h home, i instant updates on and off, z zoom, q quits. Hold a button a\n"
		"second for its long press.\n");
}

static int usage_error(const char *fmt, const char *arg)
{
	fprintf(stderr, "inkref: ");
	fprintf(stderr, fmt, arg);
	fprintf(stderr, "\n(run 'inkref run --panel window:MODEL --help' for the options)\n");
	return EXIT_USAGE;
}

static bool whole_number(const char *text, long min, long max, long *out)
{
	char *end;

	errno = 0;
	*out = strtol(text, &end, 10);
	return !errno && *text && !*end && *out >= min && *out <= max;
}

enum {
	OPT_PANEL = 1000,
	OPT_ZOOM,
	OPT_DPI,
	OPT_INSTANT,
	OPT_WATCH,
	OPT_CONTENT,
	OPT_DB,
	OPT_DATA,
	OPT_LARGE,
	OPT_IDLE,
	OPT_FULL_EVERY,
	OPT_TODAY,
	OPT_INPUT,
	OPT_HELP
};

static const struct option options[] = {
    {"panel", required_argument, NULL, OPT_PANEL},
    {"zoom", required_argument, NULL, OPT_ZOOM},
    {"dpi", required_argument, NULL, OPT_DPI},
    {"instant", no_argument, NULL, OPT_INSTANT},
    {"watch", no_argument, NULL, OPT_WATCH},
    {"content", required_argument, NULL, OPT_CONTENT},
    {"db", required_argument, NULL, OPT_DB},
    {"data", required_argument, NULL, OPT_DATA},
    {"large", no_argument, NULL, OPT_LARGE},
    {"idle", required_argument, NULL, OPT_IDLE},
    {"full-every", required_argument, NULL, OPT_FULL_EVERY},
    {"today", required_argument, NULL, OPT_TODAY},
    {"input", required_argument, NULL, OPT_INPUT},
    {"help", no_argument, NULL, OPT_HELP},
    {NULL, 0, NULL, 0},
};

int main(int argc, char **argv)
{
	struct window_options o = {.content_dir = "content",
				   .zoom = ZOOM_REAL,
				   .idle_seconds = 120,
				   .full_every = 6,
				   .glyph_mode = GLYPH_MONO};
	const char *panel = NULL;
	long value;
	int c;

	/* "inkref-preview run ..." as the kiosk binary hands it over, or without the "run". */
	if (argc > 1 && strcmp(argv[1], "run") == 0) {
		argv++;
		argc--;
	}
	while ((c = getopt_long(argc, argv, "h", options, NULL)) != -1) {
		switch (c) {
		case OPT_PANEL: panel = optarg; break;
		case OPT_ZOOM:
			if (strcmp(optarg, "real") == 0)
				o.zoom = ZOOM_REAL;
			else if (strcmp(optarg, "1") == 0)
				o.zoom = ZOOM_1;
			else if (strcmp(optarg, "2") == 0)
				o.zoom = ZOOM_2;
			else
				return usage_error("--zoom takes real, 1 or 2, not '%s'", optarg);
			break;
		case OPT_DPI:
			if (!whole_number(optarg, 50, 1000, &value))
				return usage_error("--dpi takes 50 to 1000, not '%s'", optarg);
			o.dpi = (double)value;
			break;
		case OPT_INSTANT: o.instant = true; break;
		case OPT_WATCH: o.watch = true; break;
		case OPT_CONTENT: o.content_dir = optarg; break;
		case OPT_DB: o.db_path = optarg; break;
		case OPT_DATA: paths_set_data_dir(optarg); break;
		case OPT_LARGE: o.large_text = true; break;
		case OPT_IDLE:
			if (!whole_number(optarg, 0, 86400, &value))
				return usage_error("--idle takes seconds from 0 (never) to 86400, "
						   "not '%s'",
						   optarg);
			o.idle_seconds = (int)value;
			break;
		case OPT_FULL_EVERY:
			if (!whole_number(optarg, 0, 1000, &value))
				return usage_error("--full-every takes 0 to 1000, not '%s'",
						   optarg);
			o.full_every = (int)value;
			break;
		case OPT_TODAY: o.today = optarg; break;
		case OPT_INPUT:
			/* The window is its own input: the keyboard and the mouse. */
			return usage_error("the preview window reads its own keys; drop --input %s",
					   optarg);
		case 'h':
		case OPT_HELP: usage(stdout); return 0;
		default: return EXIT_USAGE;
		}
	}
	if (optind != argc)
		return usage_error("unexpected argument '%s'", argv[optind]);
	if (!panel || strncmp(panel, "window:", 7) != 0)
		return usage_error("the preview needs --panel window:MODEL, not '%s'",
				   panel ? panel : "(none)");
	o.panel = panel_model_find(panel + 7);
	if (!o.panel)
		return usage_error("the preview window shows a real panel: " PANEL_MODEL_NAMES
				   ", not '%s'",
				   panel + 7);
	if (o.watch && o.db_path)
		return usage_error("%s",
				   "--watch builds the content from --content DIR; drop --db");
	return window_run(&o);
}
