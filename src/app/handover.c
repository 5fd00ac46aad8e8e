/* SPDX-License-Identifier: MIT */
/* handover: the preview is looked for beside this binary only, never on PATH: a build tree's
 * inkref runs its own tree's preview. */
#include "handover.h"

#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "err.h"

static const char *window_panel(int argc, char **argv)
{
	int i;

	for (i = 1; i < argc; i++) {
		if (strcmp(argv[i], "--") == 0)
			break;
		if (strcmp(argv[i], "--panel") == 0 && i + 1 < argc &&
		    strncmp(argv[i + 1], "window:", 7) == 0)
			return argv[i + 1];
		if (strncmp(argv[i], "--panel=window:", 15) == 0)
			return argv[i] + 8;
	}
	return NULL;
}

int handover_to_preview(int argc, char **argv)
{
	char self[4096], preview[4200];
	ssize_t n;
	char *slash;

	if (!window_panel(argc, argv))
		return -1;
	n = readlink("/proc/self/exe", self, sizeof(self) - 1);
	if (n <= 0) {
		fprintf(stderr, "inkref: cannot find this program's folder: %s\n", strerror(errno));
		return EXIT_SOFTWARE;
	}
	self[n] = '\0';
	slash = strrchr(self, '/');
	if (slash)
		*slash = '\0';
	snprintf(preview, sizeof(preview), "%s/inkref-preview", self);
	argv[0] = preview;
	execv(preview, argv);
	fprintf(stderr,
		"inkref: %s: %s\ninkref: the preview window is in the desktop build only: 'make "
		"preview' builds it (the kiosk's build and its package have none)\n",
		preview, strerror(errno));
	return EXIT_USAGE;
}
