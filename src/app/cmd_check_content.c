/* SPDX-License-Identifier: MIT */
/* check-content: the gate every content database passes before it goes on a kiosk. Page
 * lengths are judged where they matter most: the 7.5" counter panel. */
#include <stdlib.h>

#include "command.h"
#include "lint.h"
#include "paths.h"
#include "session.h"

enum { OPT_DATA = 1000 };

static const struct option options[] = {
    {"data", required_argument, NULL, OPT_DATA},
    {"help", no_argument, NULL, 'h'},
    {NULL, 0, NULL, 0},
};

static int take(void *context, int code, const char *arg)
{
	(void)context;
	(void)code; /* --data is the only one */
	paths_set_data_dir(arg);
	return 0;
}

static int run(int argc, char **argv)
{
	struct inkref_error err;
	struct session_options so = {0};
	struct session s;
	const struct content *c;
	int problems, *screens, rc;

	rc = command_parse(&command_check_content, argc, argv, options, take, NULL);
	if (rc)
		return rc;
	if (argc - optind > 1)
		return command_usage_error(&command_check_content, "%s",
					   "takes at most one database path");
	err_clear(&err);
	so.db_path = optind < argc ? argv[optind] : NULL;
	so.glyph_mode = GLYPH_MONO;
	if (session_open(&s, &panel_models[0], &so, &err) < 0)
		return command_fail(&err);
	c = session_content(&s);
	screens = session_screen_counts(&s, false);
	if (!screens) {
		session_close(&s);
		err_set(&err, EXIT_SOFTWARE, "", 0, "out of memory");
		return command_fail(&err);
	}
	problems = lint_content(c, screens, stderr);
	free(screens);
	if (problems) {
		fprintf(stderr, "inkref: %s: %d problem%s; the content must not go on a kiosk\n",
			c->path, problems, problems == 1 ? "" : "s");
		session_close(&s);
		return EXIT_DATAERR;
	}
	printf("%s: %d pages, %d sources, content %s reviewed %s (review by %s): no problems\n",
	       c->path, c->page_count, c->source_count, c->content_version, c->reviewed_on,
	       c->review_by);
	session_close(&s);
	return 0;
}

const struct command command_check_content = {
    "check-content",
    "inkref check-content [--data DIR] [DB]\n",
    run,
};
