/* SPDX-License-Identifier: MIT */
/* command: one file per command (cmd_*.c), each with its own option table and help, and what
 * they share: reporting an error as an exit code (sysexits.h), and reading the options that
 * mean the same in every command that takes them. main.c dispatches. */
#ifndef INKREF_COMMAND_H
#define INKREF_COMMAND_H

#include <getopt.h>
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

/* The options with one meaning wherever they appear. Each returns 0, or EXIT_USAGE (said). */
int command_number(const struct command *c, const char *arg, long long min, long long max,
		   long long *out);
int command_glyphs(const struct command *c, const char *arg, enum glyph_mode *mode);
int command_today(const struct command *c, const char *arg, const char **out);

#endif
