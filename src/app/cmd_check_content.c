/* SPDX-License-Identifier: MIT */
/* check-content: the gate every content database passes before it goes on a kiosk. Page
 * lengths are judged where they matter most: the 7.5" counter panel. */
#include <stdlib.h>

#include "command.h"
#include "lint.h"
#include "lint_edition.h"
#include "paths.h"
#include "session.h"

static const struct option options[] = {
    {"data", required_argument, NULL, OPT_DATA},
    {"help", no_argument, NULL, 'h'},
    {NULL, 0, NULL, 0},
};

static int take(void *context, int code, const char *arg)
{
	(void)context;
	(void)code; /* --data (the shared option's code) is the only one */
	paths_set_data_dir(arg);
	return 0;
}

/* The rules that depend on how pages lay out, on each panel model in turn. */
static int lint_on_every_panel(const struct session_options *so)
{
	int problems = 0, m;

	for (m = 0; m < panel_model_count; m++) {
		const struct panel_model *model = &panel_models[m];
		const struct content *c;
		struct inkref_error err;
		struct session s;
		int *split[2], large, i;
		err_clear(&err);
		if (session_open(&s, model, so, &err) < 0) {
			err_print(&err);
			if (err.code == EXIT_SOFTWARE || err.reason == ERR_REASON_NO_MEMORY)
				err_note_out_of_memory();
			return problems + 1;
		}
		c = session_content(&s);
		for (large = 0; large < 2; large++) {
			split[large] = calloc((size_t)c->page_count + 1, sizeof(int));
			for (i = 0; split[large] && i < c->page_count; i++)
				split[large][i] = view_split_warnings(session_view(&s), i, large);
		}
		if (split[0] && split[1]) {
			problems +=
			    lint_warnings_whole(c, model->name, (const int *const *)split, stderr);
		} else {
			fprintf(stderr, "inkref: out of memory while checking warnings\n");
			err_note_out_of_memory();
			problems++;
		}
		free(split[0]);
		free(split[1]);
		session_close(&s);
	}
	return problems;
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
	problems += lint_edition(c, stderr);
	problems += lint_on_every_panel(&so);
	if (err_out_of_memory_noted()) {
		/* The checks could not all run: that says nothing about the content. */
		fprintf(stderr, "inkref: %s: out of memory while checking the content\n", c->path);
		session_close(&s);
		return EXIT_SOFTWARE;
	}
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
