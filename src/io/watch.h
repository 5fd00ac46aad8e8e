/* SPDX-License-Identifier: MIT */
/* watch: tells when a content source in a folder changes (inotify), for --watch: a file
 * written, created, renamed in or out, or deleted. Editors' swap and backup files are not
 * content and do not count. */
#ifndef INKREF_WATCH_H
#define INKREF_WATCH_H

#include "err.h"

/* Returns an inotify descriptor watching dir, or -1 with err filled. */
int watch_open(const char *dir, struct inkref_error *err);
void watch_close(int fd);

/* Waits up to timeout_ms (-1: for ever) for a change, then for the burst an editor's save
 * makes to settle. Returns 1 on a change, 0 on none, -1 on an error (errno set). */
int watch_wait(int fd, int timeout_ms);

/* Reads what is pending without waiting; returns 1 when it held a change, else 0. For a
 * caller that polls the descriptor itself. */
int watch_read(int fd);

#endif
