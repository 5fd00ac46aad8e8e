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
};

/* The forms of an input spec, for error messages and help. */
#define INPUT_SPEC_FORMS "gpio, evdev:PATH, tty or stdin"
/* Whether spec has one of those forms (it does not open anything). */
bool input_spec_valid(const char *spec);

/* spec: "gpio", "evdev:/dev/input/eventN", "tty" or "stdin". */
int input_open(struct input *in, const char *spec, const struct config *config,
	       struct inkref_error *err);
void input_close(struct input *in);

/* Reads what is ready. Keys go to out directly (tty, stdin) or through buttons (GPIO and
 * evdev edges, at now_ms). Returns the number of keys; sets *quit on a quit request. After it,
 * in->command holds a command line ("" when none), and in->pending_len > 0 means input_read
 * has more to give without waiting. */
int input_read(struct input *in, struct buttons *buttons, int64_t now_ms, enum key *out, int max,
	       bool *quit);

#endif
