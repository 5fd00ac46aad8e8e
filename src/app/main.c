/* SPDX-License-Identifier: MIT */
/* main: the dispatcher. Finds the command (cmd_*.c), which parses its own options and runs;
 * with no command, or options only, it is "run": the kiosk. */
#include <stdio.h>
#include <string.h>

#include "command.h"

/* The version has one home, the first line of debian/changelog; the Makefile passes it in. */
#ifndef INKREF_VERSION
#define INKREF_VERSION "unknown"
#endif

int main(int argc, char **argv)
{
	int i;

	if (argc > 1 && (strcmp(argv[1], "--help") == 0 || strcmp(argv[1], "-h") == 0)) {
		command_help(NULL, stdout);
		return 0;
	}
	if (argc > 1 && strcmp(argv[1], "--version") == 0) {
		printf("inkref %s\n", INKREF_VERSION);
		return 0;
	}
	if (argc < 2 || argv[1][0] == '-')
		return command_run.run(argc, argv);
	for (i = 0; i < command_count; i++)
		if (strcmp(argv[1], commands[i]->name) == 0)
			return commands[i]->run(argc - 1, argv + 1);
	fprintf(stderr, "inkref: unknown command '%s'\n", argv[1]);
	command_help(NULL, stderr);
	return EXIT_USAGE;
}
