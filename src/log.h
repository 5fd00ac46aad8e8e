/* SPDX-License-Identifier: MIT */
/* log: one line per event on standard error, with syslog priorities the journal understands
 * when inkref runs under systemd. */
#ifndef INKREF_LOG_H
#define INKREF_LOG_H

#include <syslog.h>

void log_msg(int priority, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

#define LOG_ERR_MSG(...)  log_msg(LOG_ERR, __VA_ARGS__)
#define LOG_WARN_MSG(...) log_msg(LOG_WARNING, __VA_ARGS__)
#define LOG_INFO_MSG(...) log_msg(LOG_INFO, __VA_ARGS__)

#endif
