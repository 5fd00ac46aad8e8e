/* SPDX-License-Identifier: MIT */
/* rebuild: for --watch, the content folder compiled into a fresh database and checked by the
 * linter, with every problem kept as text that names its file and line, for the terminal and
 * for the screen. */
#ifndef INKREF_REBUILD_H
#define INKREF_REBUILD_H

#include <stdbool.h>

#include "err.h"

struct rebuild {
	bool built;	   /* the database was written: the content can be shown */
	int problems;	   /* build errors and linter findings */
	char report[4096]; /* one line per problem, "FILE:LINE: what", cut at the buffer */
};

/* Builds content_dir into db_path and checks it. Returns 0 when it built and the linter found
 * nothing, 1 when it built with findings, -1 when it did not build; result says why. */
int rebuild_content(const char *content_dir, const char *db_path, struct rebuild *result);

#endif
