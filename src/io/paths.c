/* SPDX-License-Identifier: MIT */
/* paths: the directory --data names, else next to the executable (build/inkref finds
 * build/content.db and the tree's fonts/ and assets/), then the installed data directory. */
#include "paths.h"

#include <libgen.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#ifndef INKREF_DATA_DIR
#define INKREF_DATA_DIR "/usr/share/inkref"
#endif

static int exe_dir(char *out, size_t size)
{
	char exe[4096];
	ssize_t n = readlink("/proc/self/exe", exe, sizeof(exe) - 1);

	if (n <= 0)
		return -1;
	exe[n] = '\0';
	snprintf(out, size, "%s", dirname(exe));
	return 0;
}

static const char *data_dir_override;

void paths_set_data_dir(const char *dir)
{
	data_dir_override = dir;
}

void paths_data_file(const char *name, char *out, size_t size)
{
	char dir[4096];

	if (data_dir_override) {
		snprintf(out, size, "%s/%s", data_dir_override, name);
		return;
	}
	if (exe_dir(dir, sizeof(dir)) == 0) {
		/* build/content.db sits beside build/inkref; fonts/ and assets/ one level up. */
		snprintf(out, size, "%s/%s", dir, name);
		if (access(out, R_OK) == 0)
			return;
		snprintf(out, size, "%s/../%s", dir, name);
		if (access(out, R_OK) == 0)
			return;
	}
	snprintf(out, size, "%s/%s", INKREF_DATA_DIR, name);
}
