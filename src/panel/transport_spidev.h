/* SPDX-License-Identifier: MIT */
/* transport_spidev: the real transport: Linux spidev (mode 0, 10 MHz by default, chip
 * select left to the SPI controller) plus DC, RST, BUSY and PWR as GPIO lines. Transfers
 * are chunked to spidev's buffer size; an EMSGSIZE halves the chunk and retries. BUSY waits
 * sleep on the line's edge events with a time-out: never a spin, never forever. */
#ifndef INKREF_TRANSPORT_SPIDEV_H
#define INKREF_TRANSPORT_SPIDEV_H

#include <stdbool.h>
#include <stddef.h>

#include "err.h"
#include "transport.h"

struct spidev_config {
	const char *device;	     /* /dev/spidev0.0 */
	unsigned speed_hz;	     /* 10 MHz */
	const char *chip_label;	     /* NULL: any Raspberry Pi GPIO chip label */
	unsigned dc, rst, busy, pwr; /* BCM numbers: 25, 17, 24, 18 on the Waveshare HAT */
	bool has_pwr;
	int busy_level; /* the BUSY level that means busy: 0 on UC8179, 1 on SSD168x */
};

/* What the transport needs from the hardware; tests put a fake bus behind it. */
struct spidev_bus_ops {
	int (*transfer)(void *bus, const uint8_t *bytes, size_t len); /* 0 or -errno */
	int (*set_dc)(void *bus, int level);
	int (*set_rst)(void *bus, int level);
	int (*read_busy)(void *bus);		     /* the line's level, or -errno */
	int (*wait_edge)(void *bus, int timeout_ms); /* 1 edge, 0 time-out, -errno */
	void (*pause_ms)(void *bus, int ms);	     /* reset pulse timing */
	void (*close)(void *bus);
};

int transport_spidev_open(struct transport *t, const struct spidev_config *config,
			  struct inkref_error *err);
int transport_spidev_with_bus(struct transport *t, const struct spidev_bus_ops *ops, void *bus,
			      size_t chunk, int busy_level, unsigned speed_hz);
/* The chunk size in use (it shrinks after an EMSGSIZE). */
size_t transport_spidev_chunk(const struct transport *t);
/* spidev's buffer size from /sys/module/spidev/parameters/bufsiz, or 4096. */
size_t spidev_bufsiz(void);

#endif
