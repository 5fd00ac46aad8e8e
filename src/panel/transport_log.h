/* SPDX-License-Identifier: MIT */
/* transport_log: a transport that passes everything to another and writes what crossed it,
 * one line each, for --spi-log: "R" reset, "C xx" a command, "D xx xx ..." data, "B <ms>" a
 * BUSY wait. It also counts the calls, which proves transfers are not byte by byte. */
#ifndef INKREF_TRANSPORT_LOG_H
#define INKREF_TRANSPORT_LOG_H

#include <stdio.h>

#include "transport.h"

struct transport_log {
	struct transport *inner;
	FILE *out;		 /* NULL: count only */
	struct transport *outer; /* set by transport_log_wrap; its counters mirror the inner ones */
	unsigned long command_calls, data_calls, resets, waits;
};

/* Makes out a transport that logs to log->out and forwards to log->inner. */
void transport_log_wrap(struct transport_log *log, struct transport *out);

#endif
