/* SPDX-License-Identifier: MIT */
/* wiring: which wire goes to which pin of the Raspberry Pi's 40-pin header, worked out from
 * the configuration the daemon itself reads (the panel's GPIO lines, the SPI bus, the four
 * buttons), and the pictures and tables of the setup guide drawn from it: the header with
 * every wire, and where the buttons sit under the on-screen captions on each panel. The
 * guide is regenerated from here, so it cannot drift from the code. */
#ifndef INKREF_WIRING_H
#define INKREF_WIRING_H

#include <stdio.h>

#include "config.h"
#include "err.h"

#define WIRING_MAX_WIRES 24

struct wire {
	const char *part; /* "Panel" or "Button" */
	const char *name; /* the HAT's label (DIN, CLK, ...) or the button (Up, ...) */
	const char *role; /* what it carries, for the reader */
	int pin;	  /* the header pin, 1 to 40 */
};

/* The header pin of a BCM GPIO number, or 0 when that GPIO is not on the header. */
int wiring_header_pin(int bcm);
/* What a header pin is: "3.3 V", "5 V", "GND" or "GPIO N". */
const char *wiring_pin_name(int pin, char *buf, size_t size);

/* The wires for config: the panel HAT's cable, then each button's two legs. Returns their
 * number, or -1 with err (EXIT_CONFIG) when a line is not on the header or two functions
 * share a pin. */
int wiring_list(const struct config *config, struct wire *wires, int max, struct inkref_error *err);

/* The guide's pictures (SVG) and its Markdown tables. Each returns 0, or -1 with err. */
int wiring_write_header_svg(FILE *out, const struct config *config, struct inkref_error *err);
int wiring_write_table(FILE *out, const struct config *config, struct inkref_error *err);
void wiring_write_buttons_svg(FILE *out);
void wiring_write_buttons_table(FILE *out);

#endif
