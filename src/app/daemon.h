/* SPDX-License-Identifier: MIT */
/* daemon: the kiosk: one event loop over the input, a signalfd and timerfds. An idle kiosk
 * sleeps in poll() with no timer armed: zero wake-ups. SIGHUP reopens the content database
 * (a bad new file keeps the old content on screen); SIGTERM and SIGINT finish the refresh in
 * flight, put the panel into deep sleep and exit 0. */
#ifndef INKREF_DAEMON_H
#define INKREF_DAEMON_H

#include "config.h"
#include "err.h"
#include "font.h"
#include "transport_spidev.h"

struct daemon_options {
	struct config config; /* after the command line's overrides */
	const char *today;    /* NULL: the clock's date */
	enum glyph_mode glyph_mode;
};

/* The real panel's bus and lines as the configuration gives them ([panel] spi_device and
 * spi_speed_hz, [gpio] chip_label, dc, rst, busy, pwr, use_pwr); strings point into c. */
void daemon_panel_wiring(const struct config *c, struct spidev_config *wiring);

/* Runs until stopped. Returns an exit code. */
int daemon_run(const struct daemon_options *options);

#endif
