/* SPDX-License-Identifier: MIT */
/* log: one line per event on standard error, with syslog priorities the journal understands
 * when inkref runs under systemd. A log that cannot be written (a full disk, a closed journal
 * stream) never stops the kiosk: lines are counted as lost, and the count is reported in the
 * first line that gets through again. */
#ifndef INKREF_LOG_H
#define INKREF_LOG_H

#include <syslog.h>

void log_msg(int priority, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

/* Lines lost since the last one that was written, and why (an errno), for the status line. */
unsigned long log_lost_lines(int *why);
/* Where lines go: standard error (2) unless a test says otherwise. */
void log_set_fd(int fd);

#define LOG_ERR_MSG(...)  log_msg(LOG_ERR, __VA_ARGS__)
#define LOG_WARN_MSG(...) log_msg(LOG_WARNING, __VA_ARGS__)
#define LOG_INFO_MSG(...) log_msg(LOG_INFO, __VA_ARGS__)

#endif
