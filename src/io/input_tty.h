/* SPDX-License-Identifier: MIT */
/* input_tty: keys from a terminal (arrow keys, Enter, Backspace) or from a stream of key
 * names, one per line (scripts and tests). */
#ifndef INKREF_INPUT_TTY_H
#define INKREF_INPUT_TTY_H

#include <stdbool.h>
#include <stddef.h>

#include "keys.h"

/* Puts the terminal on fd into raw mode; returns 0, or -1 when fd is not a terminal. */
int tty_raw_begin(int fd);
void tty_raw_end(int fd);

/* Decodes terminal bytes into keys. A quit request (q, Ctrl-C, Ctrl-D) sets *quit.
 * Returns the number of bytes used; 0 when more bytes are needed. */
size_t tty_decode(const char *buf, size_t len, enum key *key, bool *quit);

#endif
