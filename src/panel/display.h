/* SPDX-License-Identifier: MIT */
/* display: the refresh path of the kiosk, from the reader's framebuffer to the glass: turn
 * it to the controller's orientation, plan the refresh against what the glass shows, drive
 * the panel. The same path runs on hardware and on the emulated controller; on the emulated
 * one it also reads the glass back after every refresh, and takes injected faults. Callers
 * use its functions; the struct is here only so that it can live on the stack. */
#ifndef INKREF_DISPLAY_H
#define INKREF_DISPLAY_H

#include <stdio.h>

#include "emulator.h"
#include "epd.h"
#include "err.h"
#include "refresh.h"
#include "transport_log.h"
#include "transport_spidev.h"

struct display {
	struct panel_model model;  /* a copy: the driver points at it */
	struct emulator *emulator; /* the simulated controller, or NULL on hardware */
	struct transport base;	   /* the emulator's or the bus's */
	struct transport_log log;
	struct transport logged;
	struct epd epd;
	struct fb *next;  /* the frame to show, in the controller's orientation */
	struct fb *shown; /* what the glass shows, as far as we know */
	struct refresh_state state;
	struct refresh_policy policy;
	bool naive;
	char fault[160]; /* why the panel could not be opened, when it could not */
	/* The glass check (emulated panels): the reader's frame turned to the controller's
	 * orientation, what the checks found, and whether a refusal was reported yet. */
	struct fb *glass_view;
	long glass_checks, glass_mismatches;
	bool refusal_reported;
};

/* One refresh, for --stats. */
struct display_step {
	struct refresh_plan plan;
	enum refresh_mode mode_used; /* after the temperature guard and any recovery */
	long spi_bytes;
	double spi_ms, panel_ms, diff_us;
	int result;	/* 0, or the negative errno of a fault the panel did not recover from */
	bool recovered; /* a fault that a reset and a whole refresh cleared */
	/* The glass check, after a refresh that reached the emulated panel: pixels where its
	 * glass differs from the reader's frame (-1: not checked), and the controller's first
	 * refusal of the command stream, reported once (else NULL). */
	long glass_differs;
	const char *refused;
};

struct display_options {
	unsigned spi_hz;  /* 10 MHz by default */
	int temperature;  /* what the emulated controller reports, °C */
	int full_every;	  /* partials between fast full refreshes, default 6 */
	FILE *spi_log;	  /* NULL: no log */
	bool naive;	  /* the vendor demos' way, for comparison: the whole frame and a full
			   * refresh on every key */
	bool check_glass; /* after every refresh, compare the emulated glass with the frame */
};

/* The emulated controller of model. */
int display_open_emulated(struct display *d, const struct panel_model *model,
			  const struct display_options *options, struct inkref_error *err);
void display_close(struct display *d);

/* The real panel over spidev and GPIO, wired as wiring says (the configuration's [panel] bus
 * and [gpio] lines; its busy_level is the model's, whatever it holds). */
int display_open_hardware(struct display *d, const struct panel_model *model,
			  const struct spidev_config *wiring, int full_every,
			  struct inkref_error *err);

/* Shows the reader's framebuffer; home: it is the home screen, reached again (a clean
 * refresh). Returns 0, or the negative errno of a fault the panel did not recover from. */
int display_show(struct display *d, const struct fb *view, bool home, struct display_step *step);

/* The panel's temperature from a file in millidegrees C (a sysfs thermal zone or hwmon
 * input), for the cold rule; NULL: the controller's own sensor if the transport reads it.
 * path must outlive the display. */
void display_set_temperature_path(struct display *d, const char *path);
/* The temperature the cold rule goes by, °C, or INT_MIN when there is none. */
int display_temperature(struct display *d);

/* Deep sleep until the next refresh wakes the panel by reset (nobody is reading). */
void display_sleep(struct display *d);
/* The booster off, after a quiet time (it stays on between refreshes). 0, or a negative errno
 * with the fault set. */
int display_power_off(struct display *d);
/* The last fault: of the driver, or why the panel could not be opened. "" when none. */
const char *display_fault(const struct display *d);
/* Whether frames go to a real panel over SPI (else to the emulated one). */
bool display_is_emulated(const struct display *d);
/* The glass checks so far, how many found a difference, and whether the controller refused
 * the command stream. */
void display_glass_counts(const struct display *d, long *checks, long *mismatches, bool *refused);
/* A fault injected into the emulated panel, by name: busy-stuck (BUSY never releases),
 * spi-once (a transfer fails mid-frame, once), spi-broken (every transfer fails), none.
 * 0, -1 for an unknown name, -2 on a real panel. */
int display_inject_fault(struct display *d, const char *name);
#define DISPLAY_FAULT_NAMES "busy-stuck, spi-once, spi-broken or none"

/* Pixels where the emulated glass differs from the last frame shown (0 when equal). */
long display_glass_mismatch(const struct display *d);
/* Pixels where the emulated glass differs from view, the reader's framebuffer (0 when
 * equal): unlike the above, this also catches a frame the planner wrongly left unsent.
 * native is scratch space of the controller's size, for view turned to its orientation. */
long display_glass_mismatch_view(const struct display *d, const struct fb *view, struct fb *native);

#endif
