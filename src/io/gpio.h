/* SPDX-License-Identifier: MIT */
/* gpio: GPIO lines through libgpiod, for one source that builds against both APIs: v1 (1.6,
 * Debian 12 and Raspberry Pi OS bookworm) and v2 (2.x, Debian 13 and trixie). The chip is
 * found by its label (pinctrl-bcm2835, pinctrl-bcm2711, pinctrl-rp1), never its number,
 * which changes between kernels. */
#ifndef INKREF_GPIO_H
#define INKREF_GPIO_H

#include <stdbool.h>

#include "err.h"

#define GPIO_MAX_LINES 8

struct gpio_request {
	const char *chip_label;		   /* NULL: the first chip with a known Pi label */
	unsigned outputs[GPIO_MAX_LINES];  /* line offsets driven by us */
	int output_values[GPIO_MAX_LINES]; /* their initial values */
	int output_count;
	unsigned inputs[GPIO_MAX_LINES]; /* line offsets read, with edge events */
	int input_count;
	bool inputs_pull_up;  /* buttons: active low with pull-ups */
	unsigned debounce_us; /* kernel debounce where the API has it (v2) */
	const char *consumer; /* shown by gpioinfo */
};

struct gpio_lines;

struct gpio_lines *gpio_open(const struct gpio_request *request, struct inkref_error *err);
void gpio_close(struct gpio_lines *lines);
/* Sets output number index (in request order). 0 or -errno. */
int gpio_set(struct gpio_lines *lines, int index, int value);
/* Reads input number index: 0 or 1, or -errno. */
int gpio_get(struct gpio_lines *lines, int index);
/* Waits for an edge on any input, at most timeout_ms: 1 when one came, 0 on time-out,
 * -errno on error. Sleeps in the kernel: no polling. */
int gpio_wait_edge(struct gpio_lines *lines, int timeout_ms);
/* A file descriptor that becomes readable on an input edge, for an event loop. */
int gpio_event_fd(struct gpio_lines *lines);
/* Reads and discards pending edge events (after the fd became readable). */
int gpio_drain_events(struct gpio_lines *lines);
/* The libgpiod API this was built against: 1 or 2. */
int gpio_api_version(void);

#endif
