/* SPDX-License-Identifier: MIT */
/* epd: an e-paper panel driven through a transport: reset and init, full, fast and
 * partial refresh of byte-aligned windows, power off after every refresh, deep sleep, wake
 * by reset. A BUSY line that never releases, or a failed transfer, costs one reset and one
 * retry; after that the fault is reported, never waited on forever. */
#ifndef INKREF_EPD_H
#define INKREF_EPD_H

#include <stdbool.h>

#include "fb.h"
#include "panel.h"
#include "refresh.h"
#include "transport.h"

struct epd;

struct epd_ops {
	/* Reset and register setup. */
	int (*init)(struct epd *epd);
	/* Whole frame with the normal (REFRESH_FULL) or fast (REFRESH_FAST) waveform. */
	int (*full)(struct epd *epd, const struct fb *frame, enum refresh_mode mode);
	/* The windows of frame with the differential waveform. */
	int (*partial)(struct epd *epd, const struct fb *frame, const struct rect *windows,
		       int count);
	/* Turns the booster (the panel's high voltages) off; the next refresh turns it on. */
	int (*power_off)(struct epd *epd);
	/* Power off, then deep sleep; only a reset wakes the controller. */
	int (*sleep)(struct epd *epd);
};

struct epd {
	const struct panel_model *model; /* its RAM size, orientation and driver */
	struct transport *transport;
	int busy_timeout_ms; /* each BUSY wait, default 10 s */
	/* A file holding the panel's temperature in millidegrees C (a sysfs thermal zone or hwmon
	 * input), read before each refresh; NULL: the transport's sensor, if it has one. */
	const char *temperature_path;
	bool initialized, asleep;
	/* The booster is on. Refreshes leave it on, so keys in a row pay its 100-140 ms power on
	 * and 42-300 ms power off once; epd_power_off ends it after a quiet time, and deep sleep
	 * always does. */
	bool powered;
	/* The old-image RAM (UC8179 0x10, SSD168x 0x26) holds what the glass shows: false after
	 * power-up, a deep sleep or a reset for recovery, when its content is unknown. */
	bool old_ram_known;
	enum refresh_mode last_mode; /* the waveform the last epd_show used (after the cold rule) */
	int retries;		     /* recoveries so far (reset + retry) */
	char fault[160];	     /* the last fault, for the log and the out-of-service screen */
};

void epd_init_struct(struct epd *epd, const struct panel_model *model, struct transport *transport);

/* Shows frame (in the controller's orientation) as planned: wakes and initialises the panel
 * if needed, refreshes, powers off. On a failure resets and retries once with a full
 * refresh; returns 0, or a negative errno with epd->fault set. */
int epd_show(struct epd *epd, const struct fb *frame, const struct refresh_plan *plan);
int epd_sleep(struct epd *epd);
/* Turns the booster off if it is on: after a quiet time with no keys. 0 or a negative errno. */
int epd_power_off(struct epd *epd);

/* Turns the reader's framebuffer into the controller's orientation (a copy or a quarter
 * turn), into native, which must have the controller's size. */
void epd_to_native(const struct panel_model *model, const struct fb *view, struct fb *native);

/* Helpers the drivers share: each returns 0 or a negative errno and records a fault. */
int epd_cmd(struct epd *epd, uint8_t command, const uint8_t *data, size_t len);
int epd_wait(struct epd *epd, const char *what);
/* Sends the bytes of a window of frame, row by row; invert for controllers where 1 = white. */
int epd_send_window(struct epd *epd, const struct fb *frame, struct rect window, bool invert);

/* The panel's temperature from temperature_path, else the controller's if the transport can
 * read it, else INT_MIN (unknown: a file that cannot be read or holds no number in -40..85). */
int epd_temperature(struct epd *epd);

extern const struct epd_ops epd_uc8179_ops;
extern const struct epd_ops epd_ssd168x_ops;

#endif
