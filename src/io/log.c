/* SPDX-License-Identifier: MIT */
/* log: "<3>message" under the journal (JOURNAL_STREAM is set), "inkref: message" elsewhere.
 * Each line goes out in one write(), so lines from a restarted kiosk never interleave, and a
 * failed write is seen and counted rather than lost in a stdio buffer. */
#include "log.h"

#include "err.h"

#include <errno.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "err.h"

static int log_fd = 2;
static unsigned long lost;
static int lost_errno;

void log_set_fd(int fd)
{
	log_fd = fd;
}

unsigned long log_lost_lines(int *why)
{
	if (why)
		*why = lost_errno;
	return lost;
}

static size_t prefix(char *out, size_t size, int priority)
{
	static int journal = -1;

	if (journal < 0)
		journal = getenv("JOURNAL_STREAM") != NULL;
	return (size_t)(journal ? snprintf(out, size, "<%d>", priority)
				: snprintf(out, size, "inkref: "));
}

static bool write_line(const char *line, size_t len)
{
	while (len > 0) {
		ssize_t n = write(log_fd, line, len);
		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0) {
			lost_errno = n < 0 ? errno : EIO;
			return false;
		}
		line += n;
		len -= (size_t)n;
	}
	return true;
}

void log_msg(int priority, const char *fmt, ...)
{
	char line[1024], text[1024];
	size_t len;
	va_list ap;
	int n;

	if (lost > 0) {
		/* The log works again only if this notice gets through; then say what was lost. */
		len = prefix(line, sizeof(line), LOG_WARNING);
		n = snprintf(line + len, sizeof(line) - len,
			     "%lu log line%s could not be written: %s\n", lost,
			     lost == 1 ? "" : "s", strerror(lost_errno));
		if (n > 0 && write_line(line, len + (size_t)n))
			lost = 0;
	}
	len = prefix(line, sizeof(line), priority);
	va_start(ap, fmt);
	n = vsnprintf(text, sizeof(text), fmt, ap);
	va_end(ap);
	if (n < 0)
		text[0] = '\0';
	/* One event, one line: a newline in a title or a path from a file is written as \n, so
	 * it can never start a line of its own, with a priority of its choosing. */
	err_escape(text, line + len, sizeof(line) - len - 1);
	len += strlen(line + len);
	line[len++] = '\n';
	if (lost > 0 || !write_line(line, len))
		lost++;
}
