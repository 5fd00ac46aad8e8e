/* SPDX-License-Identifier: MIT */
/* build-content: compiles the content folder's text files into the database the kiosk reads. */
#include <stdlib.h>

#include "command.h"
#include "content_build.h"

enum { OPT_OUT = 1000 };

static const struct option options[] = {
    {"out", required_argument, NULL, OPT_OUT},
    {"help", no_argument, NULL, 'h'},
    {NULL, 0, NULL, 0},
};

static int take(void *context, int code, const char *arg)
{
	const char **out = context;

	(void)code; /* --out is the only one */
	*out = arg;
	return 0;
}

static int run(int argc, char **argv)
{
	const char *out = NULL;
	struct inkref_error err;
	int rc = command_parse(&command_build_content, argc, argv, options, take, &out);

	if (rc)
		return rc;
	if (!out || optind != argc - 1)
		return command_usage_error(&command_build_content, "%s",
					   "needs --out DB and one content folder");
	err_clear(&err);
	if (content_build(argv[optind], out, &err) < 0)
		return command_fail(&err);
	return 0;
}

const struct command command_build_content = {
    "build-content",
    "inkref build-content --out DB DIR\n",
    run,
};
