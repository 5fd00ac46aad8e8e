/* SPDX-License-Identifier: MIT */
/* replay: reads the log with zlib (which reads plain files as they are), turns each line into
 * the transport call it records, and reports what the emulator made of it. */
#include "replay.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <zlib.h>

#include "pngio.h"

/* BUSY waits in a log record how long the real panel took (the vendor's recordings say 0):
 * the emulator charges its own time, so a wait only has to be long enough for any waveform. */
#define REPLAY_WAIT_MS 60000

int replay_open(struct replay *r, const struct panel_model *model, FILE *report,
		const char *out_dir, struct inkref_error *err)
{
	memset(r, 0, sizeof(*r));
	r->emu = emulator_new(model, 10000000, 20);
	if (!r->emu) {
		err_set(err, EXIT_SOFTWARE, "", 0, "out of memory");
		return -1;
	}
	emulator_transport(r->emu, &r->t);
	r->report = report;
	r->out_dir = out_dir;
	return 0;
}

void replay_close(struct replay *r)
{
	emulator_free(r->emu);
	memset(r, 0, sizeof(*r));
}

static int hex_digit(char c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	if (c >= 'a' && c <= 'f')
		return c - 'a' + 10;
	if (c >= 'A' && c <= 'F')
		return c - 'A' + 10;
	return -1;
}

/* "xx xx xx": the bytes into out (room for len / 3 + 1). Returns how many, or -1. */
static long parse_hex(const char *text, uint8_t *out)
{
	long n = 0;

	while (*text == ' ')
		text++;
	while (*text) {
		int hi = hex_digit(text[0]), lo = hi < 0 ? -1 : hex_digit(text[1]);
		if (lo < 0 || (text[2] != ' ' && text[2] != '\0'))
			return -1;
		out[n++] = (uint8_t)(hi << 4 | lo);
		text += 2;
		while (*text == ' ')
			text++;
	}
	return n;
}

/* After each call: a refusal becomes a report line (once: the data of a refused command is
 * refused without a new reason), a new refresh a line and a PNG. */
static int after_call(struct replay *r, const char *path, long line, struct inkref_error *err)
{
	const char *reason = emulator_error(r->emu);

	if (reason) {
		r->refused++;
		if (r->report)
			fprintf(r->report, "%s:%ld: refused: %s\n", path, line, reason);
		emulator_clear_error(r->emu);
	}
	if (emulator_refresh_count(r->emu) != r->refreshes) {
		const struct emulator_refresh *last = emulator_last_refresh(r->emu);
		r->refreshes = emulator_refresh_count(r->emu);
		if (r->report)
			fprintf(r->report,
				"%s:%ld: refresh %u: mode=%s x=%d y=%d w=%d h=%d panel_ms=%.0f\n",
				path, line, r->refreshes, last->mode, last->area.x, last->area.y,
				last->area.w, last->area.h, last->waveform_ms);
		if (r->out_dir) {
			char png[4096];
			snprintf(png, sizeof(png), "%s/%03u.png", r->out_dir, r->refreshes);
			if (png_write_fb(png, emulator_glass(r->emu), err) < 0)
				return -1;
		}
	}
	return 0;
}

/* One log line: the transport call it records. 0, or -1 when it is not a log line. */
static int play_line(struct replay *r, char *text, uint8_t *bytes)
{
	const struct transport_ops *ops = r->t.ops;
	void *ctx = r->t.context;
	long n;

	switch (text[0]) {
	case 'R':
		if (text[1])
			return -1;
		ops->reset(ctx);
		return 0;
	case 'C':
		if (text[1] != ' ' || parse_hex(text + 2, bytes) != 1)
			return -1;
		ops->command(ctx, bytes[0]);
		return 0;
	case 'D':
		if (text[1] != ' ' || (n = parse_hex(text + 2, bytes)) < 1)
			return -1;
		ops->data(ctx, bytes, (size_t)n);
		return 0;
	case 'B': {
		char *end;
		int waited;
		errno = 0;
		if (text[1] != ' ' || (strtol(text + 2, &end, 10), errno) || *end ||
		    end == text + 2)
			return -1;
		ops->wait_busy(ctx, REPLAY_WAIT_MS, &waited);
		return 0;
	}
	default: return -1;
	}
}

int replay_file(struct replay *r, const char *path, struct inkref_error *err)
{
	gzFile in = gzopen(path, "rb");
	char *text = NULL;
	uint8_t *bytes = NULL;
	unsigned refused = r->refused;
	long line = 0;
	int rc = 0;

	if (!in) {
		err_set(err, EXIT_NOINPUT, path, 0, "cannot read the SPI log: %s",
			strerror(errno ? errno : ENOMEM));
		return -1;
	}
	text = malloc(REPLAY_MAX_LINE + 2);
	bytes = malloc(REPLAY_MAX_LINE / 3 + 1);
	if (!text || !bytes) {
		err_set(err, EXIT_SOFTWARE, path, 0, "out of memory");
		rc = -1;
	}
	while (rc == 0 && gzgets(in, text, REPLAY_MAX_LINE + 2)) {
		size_t len = strlen(text);
		line++;
		if (len > 0 && text[len - 1] == '\n')
			text[--len] = '\0';
		else if (!gzeof(in)) {
			err_set(err, EXIT_DATAERR, path, line,
				"line longer than %d bytes: not an SPI log", REPLAY_MAX_LINE);
			rc = -1;
			break;
		}
		if (len > 0 && text[len - 1] == '\r')
			text[--len] = '\0';
		if (len == 0)
			continue;
		if (play_line(r, text, bytes) < 0) {
			err_set(err, EXIT_DATAERR, path, line,
				"not an SPI log line (R, C xx, D xx ..., B ms): '%.40s'", text);
			rc = -1;
			break;
		}
		rc = after_call(r, path, line, err);
	}
	if (rc == 0) {
		int zerr;
		const char *message = gzerror(in, &zerr);
		if (zerr != Z_OK && zerr != Z_STREAM_END) {
			err_set(err, EXIT_DATAERR, path, line, "cannot read on: %s", message);
			rc = -1;
		}
	}
	gzclose(in);
	free(text);
	free(bytes);
	if (rc < 0)
		return -1;
	return r->refused != refused ? 1 : 0;
}
