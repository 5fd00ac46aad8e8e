/* SPDX-License-Identifier: MIT */
/* input: where key presses come from: the four GPIO buttons, an evdev keypad (a USB keypad,
 * or buttons mapped by the gpio-key overlay), the terminal (make run), or key names on
 * standard input, one per line (scripts and tests). Each gives one file descriptor for the
 * event loop. */
#ifndef INKREF_INPUT_H
#define INKREF_INPUT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "buttons.h"
#include "config.h"
#include "err.h"
#include "gpio.h"

enum input_kind {
	INPUT_TTY,
	INPUT_STDIN,
	INPUT_GPIO,
	INPUT_EVDEV,
};

struct input {
	enum input_kind kind;
	int fd;
	struct gpio_lines *gpio;
	bool raw_tty;
	char line[256];
	size_t line_len;
	bool closed; /* end of input */
	bool failed; /* and it ended by a fault (a read error, an unplugged keypad): the process
		      * must not exit with success for it */
	/* stdin only: a line "fault:NAME" is a command for an emulated panel, not a key. Reading
	 * stops after it, so it takes effect between the keys before and after it; the bytes
	 * after it wait in pending for the next input_read. */
	char command[64];
	char pending[256];
	size_t pending_len;
	/* The keypad and the GPIO buttons are hardware: one that is not there, or goes away (an
	 * unplugged keypad, no GPIO chip, a line another program holds), is a fault the kiosk
	 * rides out like a panel fault. It keeps its screen, logs the fault once, and
	 * input_retry opens the source again on a timer that backs off from 2 s to a minute;
	 * the recovery is logged once too. fd is -1 meanwhile. */
	bool missing;
	char spec[160];
	struct gpio_request request; /* gpio: what to open again */
	char chip_label[64];
	int retry_s;
	int64_t retry_at_ms;
	char fault[800]; /* the fault last logged, so each is logged once */
};

/* The forms of an input spec, for error messages and help. */
#define INPUT_SPEC_FORMS "gpio, evdev:PATH, tty or stdin"
/* Whether spec has one of those forms (it does not open anything). */
bool input_spec_valid(const char *spec);

/* spec: "gpio", "evdev:/dev/input/eventN", "tty" or "stdin". A keypad or GPIO chip that
 * cannot be opened is not an error: the input starts missing (see above). -1 with err for a
 * spec that names no input, a terminal that is not one, or a path that is no input device. */
int input_open(struct input *in, const char *spec, const struct config *config,
	       struct inkref_error *err);
/* When a missing source is to be tried again (CLOCK_MONOTONIC ms), or -1. */
int64_t input_retry_deadline_ms(const struct input *in);
/* Tries a missing source again if its time has come (or at once with force). Returns true
 * when it is back. */
bool input_retry(struct input *in, int64_t now_ms, bool force);
void input_close(struct input *in);

/* Reads what is ready. Keys go to out directly (tty, stdin) or through buttons (GPIO and
 * evdev edges, at now_ms). Returns the number of keys; sets *quit on a quit request. After it,
 * in->command holds a command line ("" when none), and in->pending_len > 0 means input_read
 * has more to give without waiting. */
int input_read(struct input *in, struct buttons *buttons, int64_t now_ms, enum key *out, int max,
	       bool *quit);

#endif
