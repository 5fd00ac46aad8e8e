/* SPDX-License-Identifier: MIT */
/* command: the parts every command shares. */
#include "command.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "keys.h"
#include "outofservice.h"
#include "panel.h"
#include "paths.h"

const struct command *const commands[] = {
    &command_run, &command_render, &command_sim, &command_check_content, &command_build_content,
};
const int command_count = (int)(sizeof(commands) / sizeof(commands[0]));

void command_help(const struct command *c, FILE *out)
{
	int i;

	for (i = 0; i < command_count; i++)
		if (!c || commands[i] == c)
			fprintf(out, "%s%s", c || i == 0 ? "usage: " : "       ",
				commands[i]->usage);
	fprintf(out, "\n"
		     "Panels: waveshare-7in5-v2 (800x480), waveshare-4in2-v2 (400x300),\n"
		     "        waveshare-2in7-v2 (264x176), png (800x480) or png:WxH;\n"
		     "        sim:MODEL is the model's emulated controller, png:MODEL its size.\n"
		     "Keys:   " KEY_NAMES ".\n"
		     "Faults: content-missing, content-damaged, content-locked, content-version, "
		     "font,\n"
		     "        asset (the out-of-service screen of each).\n");
}

int command_fail(struct inkref_error *err)
{
	err_print(err);
	return err->code ? err->code : EXIT_SOFTWARE;
}

int command_usage_error(const struct command *c, const char *fmt, const char *arg)
{
	fprintf(stderr, "inkref %s: ", c->name);
	fprintf(stderr, fmt, arg);
	fprintf(stderr, "\n(run 'inkref %s --help' for its options)\n", c->name);
	return EXIT_USAGE;
}

int command_parse(const struct command *c, int argc, char **argv, const struct option *options,
		  int (*take)(void *context, int code, const char *arg), void *context)
{
	int code, rc;

	optind = 1;
	opterr = 0; /* the messages below name the command */
	while ((code = getopt_long(argc, argv, ":h", options, NULL)) != -1) {
		if (code == 'h') {
			command_help(c, stdout);
			exit(0);
		}
		if (code == ':')
			return command_usage_error(c, "%s needs a value", argv[optind - 1]);
		if (code == '?')
			return command_usage_error(c, "no option '%s' here", argv[optind - 1]);
		rc = take(context, code, optarg);
		if (rc)
			return rc;
	}
	return 0;
}

int command_number(const struct command *c, const char *arg, long long min, long long max,
		   long long *out)
{
	char *end;
	long long value;

	errno = 0;
	/* long long: a seed takes the same 64-bit range where a long has 32. */
	value = strtoll(arg, &end, 10);
	if (errno || *end || !*arg)
		return command_usage_error(c, "expected a whole number, not '%s'", arg);
	if (value < min || value > max)
		return command_usage_error(c, "'%s' is out of range for this option", arg);
	*out = value;
	return 0;
}

int command_glyphs(const struct command *c, const char *arg, enum glyph_mode *mode)
{
	if (strcmp(arg, "mono") == 0)
		*mode = GLYPH_MONO;
	else if (strcmp(arg, "threshold") == 0)
		*mode = GLYPH_THRESHOLD;
	else
		return command_usage_error(c, "--glyphs takes mono or threshold, not '%s'", arg);
	return 0;
}

int command_today(const struct command *c, const char *arg, const char **out)
{
	if (strlen(arg) != 10 || arg[4] != '-' || arg[7] != '-')
		return command_usage_error(c, "--today takes a date as YYYY-MM-DD, not '%s'", arg);
	*out = arg;
	return 0;
}

int command_take_shared(const struct command *c, int code, const char *arg,
			struct shared_options *o)
{
	switch (code) {
	case OPT_PANEL: o->panel = arg; break;
	case OPT_DB: o->db = arg; break;
	case OPT_DATA: paths_set_data_dir(arg); break;
	case OPT_LARGE: o->large = true; break;
	case OPT_GLYPHS: return command_glyphs(c, arg, &o->glyphs);
	case OPT_TODAY: return command_today(c, arg, &o->today);
	default: return EXIT_USAGE;
	}
	return 0;
}
