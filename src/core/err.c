/* SPDX-License-Identifier: MIT */
/* err: fills and prints the error record shared by every module. */
#include "err.h"

#include <stdio.h>
#include <string.h>

static int out_of_memory_notes;

void err_note_out_of_memory(void)
{
	out_of_memory_notes++;
}

int err_out_of_memory_noted(void)
{
	return out_of_memory_notes;
}

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

void err_escape(const char *text, char *out, size_t size)
{
	size_t n = 0;

	if (size == 0)
		return;
	for (; *text && n + 1 < size; text++) {
		unsigned char c = (unsigned char)*text;
		char escaped[5];
		size_t len;
		if (c >= 0x20 && c != 0x7f) {
			out[n++] = (char)c;
			continue;
		}
		len = (size_t)snprintf(escaped, sizeof(escaped),
				       c == '\n'   ? "\\n"
				       : c == '\t' ? "\\t"
				       : c == '\r' ? "\\r"
						   : "\\x%02x",
				       c);
		if (n + len + 1 > size)
			break;
		memcpy(out + n, escaped, len);
		n += len;
	}
	out[n] = '\0';
}

void err_print(const struct inkref_error *err)
{
	char file[sizeof(err->file) * 4], message[sizeof(err->message) * 4];

	err_escape(err->file, file, sizeof(file));
	err_escape(err->message, message, sizeof(message));
	if (file[0] && err->line > 0)
		fprintf(stderr, "inkref: %s:%ld: %s\n", file, err->line, message);
	else if (file[0])
		fprintf(stderr, "inkref: %s: %s\n", file, message);
	else
		fprintf(stderr, "inkref: %s\n", message);
}
