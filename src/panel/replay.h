/* SPDX-License-Identifier: MIT */
/* replay: an --spi-log (plain or gzip) fed back into an emulated controller, line by line, to
 * see what a byte stream does to real glass: each refresh (its waveform, the area it drove,
 * its panel time) and every command the controller refuses, named by the log's line. */
#ifndef INKREF_REPLAY_H
#define INKREF_REPLAY_H

#include <stdio.h>

#include "emulator.h"
#include "err.h"

/* The longest log line a replay reads (a whole 7.5" plane as hex is 144,001 bytes). */
#define REPLAY_MAX_LINE (1024 * 1024)

struct replay {
	struct emulator *emu;
	struct transport t;
	FILE *report;	     /* a line per refresh and per refusal; NULL: none */
	const char *out_dir; /* the glass as NNN.png after each refresh; NULL: none */
	unsigned refreshes, refused;
};

/* The emulated controller of model, at its power-up state. 0, or -1 with err set. */
int replay_open(struct replay *r, const struct panel_model *model, FILE *report,
		const char *out_dir, struct inkref_error *err);
void replay_close(struct replay *r);

/* Feeds one log to the controller, after whatever it was fed before (several logs, in order,
 * are one controller's history). Returns 0 when every command was accepted, 1 when any was
 * refused (each reported as "LOG:LINE: refused: REASON"), -1 when the log cannot be read or
 * a line is not a log line, or a PNG cannot be written (err names the file and line). */
int replay_file(struct replay *r, const char *path, struct inkref_error *err);

#endif
