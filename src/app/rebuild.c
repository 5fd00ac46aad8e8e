/* SPDX-License-Identifier: MIT */
/* rebuild: the same compiler and linter as build-content and check-content, so what the
 * preview accepts the kiosk's build accepts too. */
#include "rebuild.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "content_build.h"
#include "lint.h"
#include "lint_edition.h"
#include "panel.h"
#include "session.h"

/* The linter says "inkref: DB: page 3 'Title' (FILE:LINE): what"; an author wants the place
 * first, as a compiler says it, with the folder the file is in: "DIR/FILE:LINE: page 3
 * 'Title': what". */
static void reformat(const char *dir, const char *lines, char *out, size_t size)
{
	size_t used = 0;

	out[0] = '\0';
	while (*lines && used + 1 < size) {
		const char *end = strchr(lines, '\n'), *page, *open, *close;
		int n;
		if (!end)
			end = lines + strlen(lines);
		page = strstr(lines, ": page ");
		open = page && page < end ? strstr(page, " (") : NULL;
		close = open && open < end ? strstr(open, "): ") : NULL;
		if (close && close < end)
			n = snprintf(out + used, size - used, "%s/%.*s: %.*s: %.*s\n", dir,
				     (int)(close - open - 2), open + 2, (int)(open - page - 2),
				     page + 2, (int)(end - close - 3), close + 3);
		else
			n = snprintf(out + used, size - used, "%.*s\n", (int)(end - lines), lines);
		used += (size_t)n < size - used ? (size_t)n : size - used - 1;
		lines = *end ? end + 1 : end;
	}
}

int rebuild_content(const char *content_dir, const char *db_path, struct rebuild *r)
{
	struct inkref_error err;
	struct session s;
	struct session_options so = {.db_path = db_path, .glyph_mode = GLYPH_MONO};
	int *screens;
	FILE *report;
	char *lines = NULL;
	size_t len = 0;

	memset(r, 0, sizeof(*r));
	err_clear(&err);
	if (content_build(content_dir, db_path, &err) < 0) {
		if (err.line)
			snprintf(r->report, sizeof(r->report), "%s:%ld: %s\n", err.file, err.line,
				 err.message);
		else
			snprintf(r->report, sizeof(r->report), "%s%s%s\n", err.file,
				 err.file[0] ? ": " : "", err.message);
		r->problems = 1;
		return -1;
	}
	r->built = true;
	/* Page lengths are judged where check-content judges them: the 7.5" panel. */
	if (session_open(&s, &panel_models[0], &so, &err) < 0) {
		snprintf(r->report, sizeof(r->report), "%s: %s\n", err.file, err.message);
		r->built = false;
		r->problems = 1;
		return -1;
	}
	screens = session_screen_counts(&s, false);
	report = screens ? open_memstream(&lines, &len) : NULL;
	if (report) {
		r->problems = lint_content(session_content(&s), screens, report) +
			      lint_edition(session_content(&s), report);
		if (fclose(report) == 0)
			reformat(content_dir, lines, r->report, sizeof(r->report));
		free(lines);
	} else {
		snprintf(r->report, sizeof(r->report),
			 "out of memory while checking the content\n");
		r->problems = 1;
	}
	free(screens);
	session_close(&s);
	return r->problems ? 1 : 0;
}
