/* SPDX-License-Identifier: MIT */
/* transport: how a panel driver talks to its controller: a reset pulse, command bytes (DC
 * low), data bytes (DC high) and waits for the BUSY line. The real one is Linux spidev plus
 * GPIO lines; the emulated one interprets the controller's command set. Drivers see only
 * this, so the same driver code runs on both. */
#ifndef INKREF_TRANSPORT_H
#define INKREF_TRANSPORT_H

#include <stddef.h>
#include <stdint.h>

struct transport_ops {
	/* Pulses RST low then high and waits the controller's reset time. 0 or -errno. */
	int (*reset)(void *context);
	/* One command byte with DC low. 0 or -errno. */
	int (*command)(void *context, uint8_t command);
	/* Data bytes with DC high, chunked as the bus needs. 0 or -errno. */
	int (*data)(void *context, const uint8_t *bytes, size_t len);
	/* Waits until BUSY releases, at most timeout_ms. Stores how long it waited.
	 * 0, or -ETIMEDOUT when it never released, or another -errno. */
	int (*wait_busy)(void *context, int timeout_ms, int *waited_ms);
	/* The controller's temperature in °C, or -ENOTSUP when it cannot be read
	 * (the Waveshare HATs wire no MISO). */
	int (*temperature)(void *context, int *celsius);
	void (*close)(void *context);
};

struct transport {
	const struct transport_ops *ops;
	void *context;
	/* Counters every transport keeps, for --stats and the benchmarks. */
	uint64_t bytes;	 /* command and data bytes sent */
	double spi_ms;	 /* time on the wire at the configured clock */
	double busy_ms;	 /* time spent waiting for BUSY */
	unsigned spi_hz; /* SPI clock */
};

#endif
