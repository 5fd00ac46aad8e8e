/* SPDX-License-Identifier: MIT */
/* watch: the folder is watched, not each file: editors save by writing a new file and
 * renaming it over the old one, which a watch on the old file would lose. */
#include "watch.h"

#include <errno.h>
#include <poll.h>
#include <stdbool.h>
#include <string.h>
#include <sys/inotify.h>
#include <unistd.h>

/* How long a save's burst of events may last: a rename, a chmod, a second write. */
#define SETTLE_MS 120

int watch_open(const char *dir, struct inkref_error *err)
{
	int fd = inotify_init1(IN_NONBLOCK | IN_CLOEXEC);

	if (fd < 0) {
		err_set(err, EXIT_IOERR, dir, 0, "cannot watch: %s", strerror(errno));
		return -1;
	}
	if (inotify_add_watch(fd, dir,
			      IN_CLOSE_WRITE | IN_CREATE | IN_DELETE | IN_MOVED_FROM | IN_MOVED_TO |
				  IN_ATTRIB) < 0) {
		err_set(err, errno == ENOENT ? EXIT_NOINPUT : EXIT_IOERR, dir, 0,
			"cannot watch the folder: %s", strerror(errno));
		close(fd);
		return -1;
	}
	return fd;
}

void watch_close(int fd)
{
	if (fd >= 0)
		close(fd);
}

/* Content sources are the .txt files; "x.txt~", ".x.txt.swp" and "4913" are an editor's. */
static bool is_source(const char *name)
{
	size_t len = strlen(name);

	return name[0] != '.' && len > 4 && strcmp(name + len - 4, ".txt") == 0;
}

int watch_read(int fd)
{
	char buf[4096] __attribute__((aligned(__alignof__(struct inotify_event))));
	int changed = 0;
	ssize_t n;

	while ((n = read(fd, buf, sizeof(buf))) > 0) {
		ssize_t at = 0;
		while (at < n) {
			const struct inotify_event *ev = (const struct inotify_event *)(buf + at);
			if (ev->len && is_source(ev->name))
				changed = 1;
			at += (ssize_t)(sizeof(*ev) + ev->len);
		}
	}
	return changed;
}

int watch_wait(int fd, int timeout_ms)
{
	struct pollfd p = {fd, POLLIN, 0};
	int changed = 0, rc;

	for (;;) {
		rc = poll(&p, 1, changed ? SETTLE_MS : timeout_ms);
		if (rc < 0 && errno == EINTR)
			continue;
		if (rc < 0)
			return -1;
		if (rc == 0)
			return changed;
		if (watch_read(fd))
			changed = 1;
	}
}
