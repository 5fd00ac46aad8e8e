/* SPDX-License-Identifier: MIT */
/* err: fills and prints the error record shared by every module. */
#include "err.h"

#include <stdio.h>
#include <string.h>

void err_clear(struct inkref_error *err)
{
	memset(err, 0, sizeof(*err));
}

void err_set(struct inkref_error *err, int code, const char *file, long line, const char *fmt, ...)
{
	va_list ap;

	if (!err || err->code)
		return;
	err->code = code;
	snprintf(err->file, sizeof(err->file), "%s", file ? file : "");
	err->line = line;
	va_start(ap, fmt);
	vsnprintf(err->message, sizeof(err->message), fmt, ap);
	va_end(ap);
}

void err_print(const struct inkref_error *err)
{
	if (err->file[0] && err->line > 0)
		fprintf(stderr, "inkref: %s:%ld: %s\n", err->file, err->line, err->message);
	else if (err->file[0])
		fprintf(stderr, "inkref: %s: %s\n", err->file, err->message);
	else
		fprintf(stderr, "inkref: %s\n", err->message);
}
