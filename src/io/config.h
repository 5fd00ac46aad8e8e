/* SPDX-License-Identifier: MIT */
/* config: /etc/inkref/inkref.conf, an INI file read with libinih: the panel, the SPI bus,
 * the GPIO lines, the keys, the refresh policy, the idle timeout and the text size. A bad
 * line stops start-up with its file and line number (exit 78). */
#ifndef INKREF_CONFIG_H
#define INKREF_CONFIG_H

#include <stdbool.h>

#include "err.h"

#define CONFIG_DEFAULT_PATH "/etc/inkref/inkref.conf"

struct config {
	char panel[64];	      /* waveshare-7in5-v2, sim:MODEL, png, png:WxH */
	char spi_device[128]; /* /dev/spidev0.0 */
	unsigned spi_speed_hz;
	int full_every;	   /* partials between fast full refreshes */
	int power_hold_ms; /* the booster stays on this long after a refresh (0: off at once) */
	/* The panel's temperature: a sysfs thermal zone or hwmon input in millidegrees C ("":
	 * none; the Waveshare HATs give the controller's sensor no way back to the Pi). */
	char temperature_path[160];
	char gpio_chip[64]; /* "" = any Raspberry Pi GPIO chip */
	unsigned pin_dc, pin_rst, pin_busy, pin_pwr;
	bool has_pwr;
	char input[160];      /* gpio, evdev:/dev/input/eventN, tty, stdin */
	unsigned key_pins[4]; /* up, down, ok, back (BCM numbers) */
	int long_press_ms, repeat_delay_ms, repeat_interval_ms, debounce_ms;
	int idle_timeout_s; /* 0: never */
	bool large_text;
	char content[256]; /* the content database */
	char png[256];	   /* also write each screen here ("" = no) */
};

/* The defaults: the Waveshare HAT's wiring, the 2.7" HAT's keys. */
void config_defaults(struct config *config);

/* Sets one option (section, name) from elsewhere than the file, the command line's flag:
 * checked as in the file, a text too long for its field refused (EXIT_USAGE), never cut. */
int config_set(struct config *config, const char *section, const char *name, const char *value,
	       const char *flag, struct inkref_error *err);

/* Reads path over the defaults already in config. Returns 0, or -1 with err: EXIT_CONFIG
 * and the line, or EXIT_NOINPUT when the file is missing. */
int config_load(const char *path, struct config *config, struct inkref_error *err);

#endif
