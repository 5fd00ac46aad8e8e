/* SPDX-License-Identifier: MIT */
/* command: one file per command (cmd_*.c), each with its own option table and help, and what
 * they share: reporting an error as an exit code (sysexits.h), and reading the options that
 * mean the same in every command that takes them. main.c dispatches. */
#ifndef INKREF_COMMAND_H
#define INKREF_COMMAND_H

#include <getopt.h>
#include <stdbool.h>
#include <stdio.h>

#include "err.h"
#include "font.h"

struct command {
	const char *name;
	const char *usage; /* its lines of "inkref --help", each ending in a newline */
	/* argv[0] is the command's name; returns an exit code. */
	int (*run)(int argc, char **argv);
};

extern const struct command command_run, command_render, command_sim, command_check_content,
    command_build_content;

/* Every command, in the order "inkref --help" lists them. */
extern const struct command *const commands[];
extern const int command_count;

/* The help of one command (NULL: all of them), with what every command's options name. */
void command_help(const struct command *c, FILE *out);

/* Prints err; returns its exit code. */
int command_fail(struct inkref_error *err);
/* Prints "inkref COMMAND: " and the message (fmt takes one string), points at the help;
 * returns EXIT_USAGE. */
int command_usage_error(const struct command *c, const char *fmt, const char *arg);

/* getopt_long over argv with options; calls take(c, code) for each option, which returns 0
 * or an exit code (reported). --help prints the command's help and exits 0; an option the
 * command does not take is refused with EXIT_USAGE. Returns 0 with optind at the first
 * operand, or an exit code. */
int command_parse(const struct command *c, int argc, char **argv, const struct option *options,
		  int (*take)(void *context, int code, const char *arg), void *context);

/* The options that run, render and sim all take, with one meaning in each: the panel, the
 * content database, the data folder, large text, the glyph mode and the date. A command's
 * table lists them with COMMAND_SHARED_OPTIONS, its own codes from COMMAND_OWN_OPTIONS up,
 * and its take() hands any code it does not know to command_take_shared. */
enum shared_option {
	OPT_PANEL = 900,
	OPT_DB,
	OPT_DATA,
	OPT_LARGE,
	OPT_GLYPHS,
	OPT_TODAY,
	COMMAND_OWN_OPTIONS = 1000,
};

#define COMMAND_SHARED_OPTIONS                                                                    \
	{"panel", required_argument, NULL, OPT_PANEL}, {"db", required_argument, NULL, OPT_DB},   \
	    {"data", required_argument, NULL, OPT_DATA}, {"large", no_argument, NULL, OPT_LARGE}, \
	    {"glyphs", required_argument, NULL, OPT_GLYPHS},                                      \
	{                                                                                         \
		"today", required_argument, NULL, OPT_TODAY                                       \
	}

struct shared_options {
	const char *panel, *db, *today; /* NULL: not given */
	bool large;
	enum glyph_mode glyphs; /* GLYPH_MONO unless given */
};

/* Takes a shared option into o (--data sets the data folder itself). Returns 0, an exit code
 * (said), or EXIT_USAGE for a code that is none of them. */
int command_take_shared(const struct command *c, int code, const char *arg,
			struct shared_options *o);

/* The options with one meaning wherever they appear. Each returns 0, or EXIT_USAGE (said). */
int command_number(const struct command *c, const char *arg, long long min, long long max,
		   long long *out);
int command_glyphs(const struct command *c, const char *arg, enum glyph_mode *mode);
int command_today(const struct command *c, const char *arg, const char **out);

#endif
