/* SPDX-License-Identifier: MIT */
/* emulator: UC8179 and SSD1683/SSD1680 command interpreters behind struct transport, so the
 * drivers' tests see the glass, the RAM and the protocol errors a real panel would give. */
#include "emulator.h"

#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* What the command whose parameters are arriving is: none since the last reset, or one the
 * emulator refused (its data is refused too, without a second error). */
#define COMMAND_NONE	 (-1)
#define COMMAND_REJECTED (-2)
/* RAM writes and LUTs take any number of bytes. */
#define PARAMS_ANY (-1)
#define MAX_PARAMS 9
#define RESET_MS   10.0
#define SWRESET_MS 10.0
/* A LUT load from OTP on its own (0x22 0x91 or 0xB1, then 0x20): no figure is published; GxEPD2
 * folds it into its fast refresh time. An estimate, so that it is not free. */
#define LUT_LOAD_MS 20.0
/* The SSD1680's RAM is 176 sources x 296 gates; the 2.7" glass shows the first 264 rows. */
#define SSD1680_RAM_ROWS 296

struct command_spec {
	uint8_t code;
	int max_params;
	bool before_init; /* accepted before the controller is initialized */
};

/* The commands each controller accepts, with their longest parameter list. */
static const struct command_spec uc8179_commands[] = {
    {0x00, 2, true},	       /* PSR: initializes */
    {0x01, 5, true},	       /* PWR */
    {0x02, 0, false},	       /* POF */
    {0x04, 0, true},	       /* PON */
    {0x06, 4, true},	       /* BTST */
    {0x07, 1, false},	       /* DSLP, check code 0xA5 */
    {0x10, PARAMS_ANY, false}, /* DTM1, old RAM */
    {0x12, 0, false},	       /* DRF, refresh */
    {0x13, PARAMS_ANY, false}, /* DTM2, new RAM */
    {0x15, 1, false},	       /* DUSPI */
    {0x41, 1, false},	       /* TSE */
    {0x50, 2, false},	       /* CDI: N2OCP, DDX */
    {0x60, 1, false},	       /* TCON */
    {0x61, 4, false},	       /* TRES */
    {0x65, 4, false},	       /* GSST */
    {0x71, 0, true},	       /* FLG, status: readable at any time, the vendor polls it first */
    {0x90, 9, false},	       /* PTL, partial window */
    {0x91, 0, false},	       /* PTIN */
    {0x92, 0, false},	       /* PTOUT */
    {0xE0, 1, false},	       /* CCSET */
    {0xE3, 1, false},	       /* PWS */
    {0xE5, 1, false},	       /* TSSET */
};

static const struct command_spec ssd168x_commands[] = {
    {0x01, 3, false},	       /* driver output control: gate count */
    {0x03, 3, false},	       /* gate voltage */
    {0x04, 3, false},	       /* source voltage */
    {0x0C, 5, false},	       /* booster soft start */
    {0x10, 1, false},	       /* deep sleep */
    {0x11, 1, false},	       /* data entry mode */
    {0x12, 0, true},	       /* SWRESET: initializes */
    {0x18, 1, false},	       /* temperature sensor */
    {0x1A, 2, false},	       /* write temperature: forces it */
    {0x20, 0, false},	       /* master activation */
    {0x21, 2, false},	       /* display update control 1: RAM options */
    {0x22, 1, false},	       /* display update control 2: the sequence */
    {0x24, PARAMS_ANY, false}, /* BW RAM, the new image */
    {0x26, PARAMS_ANY, false}, /* RED RAM, the old image */
    {0x2C, 1, false},	       /* VCOM */
    {0x32, PARAMS_ANY, false}, /* LUT */
    {0x3C, 1, false},	       /* border */
    {0x3F, 1, false},	       /* end option */
    {0x44, 2, false},	       /* X window, bytes */
    {0x45, 4, false},	       /* Y window */
    {0x4E, 1, false},	       /* X counter, bytes */
    {0x4F, 2, false},	       /* Y counter */
};

struct emulator {
	enum panel_emulator kind;
	int width, height, stride; /* the glass; stride: bytes per row, width / 8 */
	int ram_rows;		   /* RAM rows: height, or more than the glass shows (SSD1680) */
	unsigned spi_hz;
	int temperature;
	const struct command_spec *commands;
	size_t command_count;
	struct panel_timings timings; /* the model's (panel.c) */

	struct fb *glass;
	/* Stored raw, as the host sent them: polarity applies when the glass is driven.
	 * UC8179: DTM2 and DTM1. SSD168x: BW and RED. */
	uint8_t *ram_new, *ram_old;

	/* bytes and spi_ms live in the struct transport the caller holds (emulator_transport
	 * points here at it); until then in own. */
	struct transport own, *counters;
	struct emulator_faults faults;
	const char *error;
	char error_text[64];
	double pending_ms; /* panel time not yet waited for */
	double panel_ms;   /* panel time waited for, since creation */
	unsigned refreshes;
	struct emulator_refresh last;

	bool initialized, asleep, powered;
	/* false while a RAM holds what power-up or deep sleep left there, not what was written */
	bool new_known, old_known;
	uint32_t noise; /* the state of the pattern an unknown RAM holds */
	int command;	/* the command the data bytes belong to, or COMMAND_* */
	int max_params;
	int param_count;
	uint8_t params[MAX_PARAMS];

	/* The RAM window, x in bytes, inclusive: UC8179's 0x90 (used in partial mode),
	 * SSD168x's 0x44/0x45. */
	int win_x0, win_x1, win_y0, win_y1;

	/* UC8179 */
	bool partial_mode, n2ocp;
	uint8_t ddx, ccset, tsset;
	size_t ram_pos;	    /* bytes written into the area since the last 0x10/0x13/0x90 */
	bool ram_overflow;  /* this 0x10/0x13 already sent bytes past its area */
	size_t ram_written; /* bytes of the whole RAM written by this 0x10/0x13 (outside partial) */

	/* SSD168x */
	int x_counter, y_counter; /* x in bytes */
	uint8_t update_control;	  /* 0x21 byte 0: RED option (high nibble), BW option (low) */
	uint8_t sequence;	  /* 0x22 */
	bool forced_temperature;  /* 0x1A since SWRESET, and no sensor reading since */
	bool fast_lut;		  /* the last LUT load used the forced temperature */
	int gates;		  /* 0x01: gate lines scanned, from the first RAM row */
};

static int violation(struct emulator *emu, const char *what)
{
	if (!emu->error)
		emu->error = what;
	return -EPROTO;
}

static int violationf(struct emulator *emu, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));

static int violationf(struct emulator *emu, const char *fmt, ...)
{
	va_list ap;

	if (emu->error)
		return -EPROTO;
	va_start(ap, fmt);
	vsnprintf(emu->error_text, sizeof(emu->error_text), fmt, ap);
	va_end(ap);
	emu->error = emu->error_text;
	return -EPROTO;
}

static bool is_ssd(const struct emulator *emu)
{
	return emu->kind == EMULATOR_SSD168X;
}

static size_t ram_size(const struct emulator *emu)
{
	return (size_t)emu->stride * (size_t)emu->ram_rows;
}

static void window_whole_ram(struct emulator *emu)
{
	emu->win_x0 = 0;
	emu->win_x1 = emu->stride - 1;
	emu->win_y0 = 0;
	emu->win_y1 = emu->ram_rows - 1;
}

/* What a RAM holds when nothing was written since power-up or a deep sleep that lost it: not
 * zeros (a driver must not rely on them) but a fixed pseudo-random pattern, the same on every
 * run so a failure repeats. */
static void ram_unknown(struct emulator *emu, uint8_t *ram)
{
	size_t i, n = ram_size(emu);

	for (i = 0; i < n; i++) {
		emu->noise = emu->noise * 1103515245u + 12345u;
		ram[i] = (uint8_t)(emu->noise >> 16);
	}
}

/* The registers SWRESET sets on the SSD168x; reset() sets them too. */
static void ssd_registers_default(struct emulator *emu)
{
	window_whole_ram(emu);
	emu->x_counter = 0;
	emu->y_counter = 0;
	emu->update_control = 0x00;
	/* The datasheet's power-on value for 0x22. */
	emu->sequence = 0xFF;
	emu->forced_temperature = false;
	emu->fast_lut = false;
	emu->gates = emu->ram_rows;
}

static void registers_default(struct emulator *emu)
{
	emu->command = COMMAND_NONE;
	emu->param_count = 0;
	emu->powered = false;
	window_whole_ram(emu);
	emu->partial_mode = false;
	emu->n2ocp = false;
	/* UC8179 datasheet, CDI (0x50): DDX[1:0] resets to 01 (a RAM bit 1 is white). */
	emu->ddx = 1;
	emu->ccset = 0;
	emu->tsset = 0;
	emu->ram_pos = 0;
	ssd_registers_default(emu);
}

/* Every byte costs wire time at the configured clock, whether the emulator accepts it or
 * not: it was sent. */
static void count_bytes(struct emulator *emu, size_t n)
{
	emu->counters->bytes += n;
	emu->counters->spi_ms += (double)n * 8 * 1000.0 / emu->spi_hz;
}

/* Drives every glass pixel from the new image, or (differential) only those whose old and
 * new bits differ. black: the new image's byte as ink (1 = black); changed: bits to drive. */
static void drive_byte(struct emulator *emu, size_t i, uint8_t black, uint8_t changed)
{
	uint8_t *glass = emu->glass->bits;

	glass[i] = (uint8_t)((glass[i] & ~changed) | (black & changed));
}

/* ---- UC8179 ---- */

/* 0x12. The waveform is the OTP's, picked by a forced temperature: 0x6E the differential one
 * (only pixels whose old and new bits differ are driven), 0x5A the fast full one. With 0x91 in
 * force (PTIN) the controller scans the 0x90 window only: the glass outside it is not driven,
 * and N2OCP copies only what was scanned. */
static int uc_refresh(struct emulator *emu)
{
	bool differential = false;
	double ms = emu->timings.full;
	int x0 = 0, x1 = emu->stride - 1, y0 = 0, y1 = emu->height - 1, x, y;

	if (!emu->powered)
		return violation(emu, "refresh while powered off");
	if (emu->ccset == 0x02 && emu->tsset == 0x6E) {
		differential = true;
		ms = emu->timings.partial;
	} else if (emu->ccset == 0x02 && emu->tsset == 0x5A) {
		ms = emu->timings.fast;
	}
	if (emu->partial_mode) {
		x0 = emu->win_x0;
		x1 = emu->win_x1;
		y0 = emu->win_y0;
		y1 = emu->win_y1;
	}
	for (y = y0; y <= y1; y++)
		for (x = x0; x <= x1; x++) {
			size_t i = (size_t)y * (size_t)emu->stride + (size_t)x;
			uint8_t now = emu->ram_new[i];
			uint8_t black = emu->ddx & 1 ? (uint8_t)~now : now;
			drive_byte(emu, i, black,
				   differential ? (uint8_t)(emu->ram_old[i] ^ now) : 0xFF);
			if (emu->n2ocp)
				emu->ram_old[i] = now;
		}
	if (emu->n2ocp && !emu->partial_mode)
		emu->old_known = emu->new_known;
	emu->refreshes++;
	emu->pending_ms += ms;
	emu->last = (struct emulator_refresh){
	    differential	      ? "partial"
	    : ms == emu->timings.fast ? "fast"
				      : "full",
	    {x0 * 8, y0, (x1 - x0 + 1) * 8, y1 - y0 + 1},
	    ms,
	};
	return 0;
}

static int uc_command(struct emulator *emu, uint8_t command)
{
	switch (command) {
	case 0x02:
		emu->powered = false;
		emu->pending_ms += emu->timings.power_off;
		return 0;
	case 0x04:
		emu->powered = true;
		emu->pending_ms += emu->timings.power_on;
		return 0;
	case 0x10:
	case 0x13:
		emu->ram_pos = 0;
		emu->ram_overflow = false;
		emu->ram_written = 0;
		return 0;
	case 0x12: return uc_refresh(emu);
	case 0x91: emu->partial_mode = true; return 0;
	case 0x92: emu->partial_mode = false; return 0;
	default: return 0;
	}
}

static int uc_set_window(struct emulator *emu)
{
	const uint8_t *p = emu->params;
	int hrst = p[0] << 8 | p[1], hred = p[2] << 8 | p[3];
	int vrst = p[4] << 8 | p[5], vred = p[6] << 8 | p[7];

	if (hrst > hred || hred >= emu->width || vrst > vred || vred >= emu->height)
		return violation(emu, "window outside RAM");
	if (hrst % 8 != 0 || hred % 8 != 7)
		return violation(emu, "window not byte aligned");
	emu->win_x0 = hrst / 8;
	emu->win_x1 = hred / 8;
	emu->win_y0 = vrst;
	emu->win_y1 = vred;
	emu->ram_pos = 0;
	return 0;
}

/* DTM1/DTM2: row by row through the partial window in partial mode, else the whole RAM. The
 * datasheet's PTL: with PTIN in force, DTM1/DTM2 data fill the 0x90 window, and no more; a
 * driver that sends more has sent the controller bytes it has no place for. */
static int uc_write_ram(struct emulator *emu, uint8_t byte)
{
	uint8_t *ram = emu->command == 0x10 ? emu->ram_old : emu->ram_new;
	int x0 = 0, x1 = emu->stride - 1, y0 = 0, y1 = emu->height - 1;
	size_t per_row, row, col;

	if (emu->ram_overflow)
		return 0;

	if (emu->partial_mode) {
		x0 = emu->win_x0;
		x1 = emu->win_x1;
		y0 = emu->win_y0;
		y1 = emu->win_y1;
	}
	per_row = (size_t)(x1 - x0 + 1);
	row = emu->ram_pos / per_row;
	col = emu->ram_pos % per_row;
	if (row > (size_t)(y1 - y0)) {
		emu->ram_overflow = true;
		return emu->partial_mode
			   ? violationf(emu,
					"DTM%d data past the end of the 0x90 window (%zu bytes)",
					emu->command == 0x10 ? 1 : 2, emu->ram_pos)
			   : violation(emu, "RAM write past the end of RAM");
	}
	ram[((size_t)y0 + row) * (size_t)emu->stride + (size_t)x0 + col] = byte;
	emu->ram_pos++;
	/* A whole plane written outside partial mode makes that RAM known again. */
	if (!emu->partial_mode && ++emu->ram_written == ram_size(emu)) {
		if (emu->command == 0x10)
			emu->old_known = true;
		else
			emu->new_known = true;
	}
	return 0;
}

/* Acts on a parameter once the bytes it needs have arrived. */
static int uc_param(struct emulator *emu)
{
	const uint8_t *p = emu->params;
	int n = emu->param_count;

	switch (emu->command) {
	case 0x00: emu->initialized = true; return 0;
	case 0x07:
		if (p[0] != 0xA5)
			return violation(emu, "deep sleep without the check code 0xA5");
		/* The UC8179 keeps nothing through deep sleep: both image RAMs are lost. */
		emu->asleep = true;
		ram_unknown(emu, emu->ram_new);
		ram_unknown(emu, emu->ram_old);
		emu->new_known = emu->old_known = false;
		return 0;
	case 0x50:
		if (n == 1) {
			emu->n2ocp = p[0] & 0x08;
			emu->ddx = p[0] & 0x03;
		}
		return 0;
	case 0x61:
		if (n == 4 && (p[0] != (emu->width >> 8) || p[1] != (emu->width & 0xFF) ||
			       p[2] != (emu->height >> 8) || p[3] != (emu->height & 0xFF)))
			return violation(emu, "wrong resolution");
		return 0;
	case 0x90: return n == 9 ? uc_set_window(emu) : 0;
	case 0xE0: emu->ccset = p[0]; return 0;
	case 0xE5: emu->tsset = p[0]; return 0;
	default: return 0;
	}
}

/* ---- SSD1683 and SSD1680 ---- */

/* 0x21's RAM options: 0 normal, 4 bypass as 0, 8 inverse. */
static uint8_t ssd_ram_option(uint8_t byte, unsigned option)
{
	if (option == 0x4)
		return 0x00;
	if (option == 0x8)
		return (uint8_t)~byte;
	return byte;
}

/* Drives the glass rows the gate count reaches; RAM rows past the glass go nowhere. */
static void ssd_display(struct emulator *emu, bool partial)
{
	int rows = emu->gates < emu->height ? emu->gates : emu->height;
	size_t i, n = (size_t)emu->stride * (size_t)rows;

	for (i = 0; i < n; i++) {
		uint8_t bw = ssd_ram_option(emu->ram_new[i], emu->update_control & 0x0F);
		uint8_t red = ssd_ram_option(emu->ram_old[i], emu->update_control >> 4);
		/* A RAM bit 1 is white. */
		drive_byte(emu, i, (uint8_t)~bw, partial ? (uint8_t)(red ^ bw) : 0xFF);
	}
	emu->last.mode = partial ? "partial" : emu->fast_lut ? "fast" : "full";
	emu->last.waveform_ms = partial		? emu->timings.partial
				: emu->fast_lut ? emu->timings.fast
						: emu->timings.full;
	emu->last.area = (struct rect){0, 0, emu->width, rows};
	emu->pending_ms += emu->last.waveform_ms;
	emu->refreshes++;
}

/* 0x20 runs the 0x22 sequence, bit by bit in the order the controller does. The published full
 * and fast times are of one activation that powers on, loads the LUT, drives the glass and
 * powers off (GxEPD2's 0xD7/0xF7): within such an activation power costs nothing more. A
 * differential refresh's time is the waveform's alone, with the booster already on. */
static void ssd_activate(struct emulator *emu)
{
	uint8_t seq = emu->sequence;
	bool display = seq & 0x04, whole = display && !(seq & 0x08);

	if (seq & 0x20)
		emu->forced_temperature = false; /* the sensor's reading replaces a forced one */
	if ((seq & 0x40) && !emu->powered) {
		if (!whole)
			emu->pending_ms += emu->timings.power_on;
		emu->powered = true;
	}
	if (seq & 0x10) {
		emu->fast_lut = emu->forced_temperature;
		if (!display)
			emu->pending_ms += LUT_LOAD_MS;
	}
	if (display)
		ssd_display(emu, seq & 0x08);
	if ((seq & 0x02) && emu->powered) {
		if (!whole)
			emu->pending_ms += emu->timings.power_off;
		emu->powered = false;
	}
}

static int ssd_command(struct emulator *emu, uint8_t command)
{
	switch (command) {
	case 0x12:
		emu->initialized = true;
		ssd_registers_default(emu);
		emu->pending_ms += SWRESET_MS;
		return 0;
	case 0x20: ssd_activate(emu); return 0;
	default: return 0;
	}
}

/* BW/RED RAM: at the address counter, x then y incrementing within the window (data entry
 * mode 0x03). The datasheet's address counter: past the window's last X it returns to the
 * window's first X on the next row, and past its last row to its first row: bytes beyond the
 * window overwrite its start, they are not refused. */
static int ssd_write_ram(struct emulator *emu, uint8_t byte)
{
	uint8_t *ram = emu->command == 0x26 ? emu->ram_old : emu->ram_new;

	/* A counter left outside the window writes where the driver did not mean to. */
	if (emu->x_counter < emu->win_x0 || emu->x_counter > emu->win_x1 ||
	    emu->y_counter < emu->win_y0 || emu->y_counter > emu->win_y1)
		return violation(emu, "RAM write outside the window");
	ram[(size_t)emu->y_counter * (size_t)emu->stride + (size_t)emu->x_counter] = byte;
	/* The RED RAM is known again once its whole visible area has been written. */
	if (emu->command == 0x26 && !emu->old_known && emu->win_x0 == 0 &&
	    emu->win_x1 == emu->stride - 1 && emu->win_y0 == 0 && emu->win_y1 >= emu->height - 1 &&
	    emu->x_counter == emu->stride - 1 && emu->y_counter == emu->height - 1)
		emu->old_known = true;
	if (++emu->x_counter > emu->win_x1) {
		emu->x_counter = emu->win_x0;
		if (++emu->y_counter > emu->win_y1)
			emu->y_counter = emu->win_y0;
	}
	return 0;
}

static int ssd_param(struct emulator *emu)
{
	const uint8_t *p = emu->params;
	int n = emu->param_count;

	switch (emu->command) {
	case 0x01: {
		int gates = (p[0] | p[1] << 8) + 1;
		if (n != 2)
			return 0;
		/* Fewer gates than the glass has rows leaves its bottom undriven; more than the RAM
		 * has rows does not exist. The reset value is the RAM's rows. */
		if (gates < emu->height || gates > emu->ram_rows)
			return violation(emu, "wrong gate count");
		emu->gates = gates;
		return 0;
	}
	case 0x10:
		/* Mode 1 keeps the RAM; mode 2 (0x03) does not. */
		if (p[0] == 0x01) {
			emu->asleep = true;
		} else if (p[0] == 0x03) {
			emu->asleep = true;
			ram_unknown(emu, emu->ram_new);
			ram_unknown(emu, emu->ram_old);
			emu->new_known = emu->old_known = false;
		} else if (p[0] != 0x00) {
			return violation(emu, "bad deep sleep mode");
		}
		return 0;
	case 0x11:
		if (p[0] != 0x03)
			return violation(emu, "unsupported data entry mode");
		return 0;
	case 0x1A:
		if (n == 1)
			emu->forced_temperature = true;
		return 0;
	case 0x21:
		if (n == 1)
			emu->update_control = p[0];
		return 0;
	case 0x22: emu->sequence = p[0]; return 0;
	case 0x44:
		if (n < 2)
			return 0;
		if (p[0] > p[1] || p[1] >= emu->stride)
			return violation(emu, "window outside RAM");
		emu->win_x0 = p[0];
		emu->win_x1 = p[1];
		return 0;
	case 0x45: {
		int ys, ye;
		if (n < 4)
			return 0;
		ys = p[0] | p[1] << 8;
		ye = p[2] | p[3] << 8;
		if (ys > ye || ye >= emu->ram_rows)
			return violation(emu, "window outside RAM");
		emu->win_y0 = ys;
		emu->win_y1 = ye;
		return 0;
	}
	case 0x4E:
		if (p[0] >= emu->stride)
			return violation(emu, "counter outside RAM");
		emu->x_counter = p[0];
		return 0;
	case 0x4F:
		if (n < 2)
			return 0;
		if ((p[0] | p[1] << 8) >= emu->ram_rows)
			return violation(emu, "counter outside RAM");
		emu->y_counter = p[0] | p[1] << 8;
		return 0;
	default: return 0;
	}
}

/* ---- the transport ---- */

static const struct command_spec *find_command(const struct emulator *emu, uint8_t code)
{
	size_t i;

	for (i = 0; i < emu->command_count; i++)
		if (emu->commands[i].code == code)
			return &emu->commands[i];
	return NULL;
}

static int emu_reset(void *context)
{
	struct emulator *emu = context;

	emu->asleep = false;
	/* A hardware reset puts every register at its reset value: the SSD168x is ready for
	 * commands at once (0x12 does the same again); the UC8179 waits for its panel setting. */
	emu->initialized = is_ssd(emu);
	registers_default(emu);
	if (emu->faults.clear_on_reset)
		emu->faults.busy_stuck = false;
	emu->pending_ms += RESET_MS;
	return 0;
}

static int emu_command(void *context, uint8_t command)
{
	struct emulator *emu = context;
	const struct command_spec *spec;
	uint8_t refresh = is_ssd(emu) ? 0x20 : 0x12;
	int r;

	count_bytes(emu, 1);
	emu->command = COMMAND_REJECTED;
	emu->param_count = 0;
	if (emu->asleep)
		return violation(emu, command == refresh ? "refresh while asleep"
							 : "command while asleep");
	spec = find_command(emu, command);
	if (!spec)
		return violationf(emu, "unknown command 0x%02X", command);
	if (!emu->initialized && !spec->before_init)
		return violation(emu, "data before init");
	emu->command = command;
	emu->max_params = spec->max_params;
	r = is_ssd(emu) ? ssd_command(emu, command) : uc_command(emu, command);
	if (r < 0)
		emu->command = COMMAND_REJECTED;
	return r;
}

static int feed(struct emulator *emu, uint8_t byte)
{
	if (emu->max_params == PARAMS_ANY) {
		if (emu->command == 0x32)
			return 0; /* the LUT: its waveform is not emulated */
		return is_ssd(emu) ? ssd_write_ram(emu, byte) : uc_write_ram(emu, byte);
	}
	if (emu->param_count >= emu->max_params)
		return violationf(emu, "too many parameters for 0x%02X", emu->command);
	emu->params[emu->param_count++] = byte;
	return is_ssd(emu) ? ssd_param(emu) : uc_param(emu);
}

static int emu_data(void *context, const uint8_t *bytes, size_t len)
{
	struct emulator *emu = context;
	size_t i;

	/* The fault counts down from the value the test set: the call that finds it at 1 is
	 * the one that fails, and it stays 0 after. Setting it again restarts the count. */
	if (emu->faults.fail_data_after > 0 && emu->faults.fail_data_after-- == 1)
		return -EIO;
	if (emu->faults.fail_data)
		return -EIO;
	/* Like spidev with a buffer smaller than the transfer: nothing goes on the wire. */
	if (emu->faults.max_transfer > 0 && len > emu->faults.max_transfer)
		return -EMSGSIZE;
	count_bytes(emu, len);
	if (emu->asleep)
		return violation(emu, "data while asleep");
	if (emu->command == COMMAND_NONE)
		return violation(emu,
				 emu->initialized ? "data without a command" : "data before init");
	if (emu->command == COMMAND_REJECTED)
		return -EPROTO; /* the error that refused the command is already recorded */
	for (i = 0; i < len; i++) {
		int r = feed(emu, bytes[i]);
		if (r < 0) {
			emu->command = COMMAND_REJECTED;
			return r;
		}
	}
	return 0;
}

static int emu_wait_busy(void *context, int timeout_ms, int *waited_ms)
{
	struct emulator *emu = context;
	double waited;
	int r = 0;

	if (emu->faults.busy_stuck) {
		waited = timeout_ms;
		r = -ETIMEDOUT;
	} else if (emu->pending_ms > timeout_ms) {
		/* A driver whose timeout is shorter than the operation fails on glass too. */
		waited = timeout_ms;
		emu->pending_ms -= timeout_ms;
		r = -ETIMEDOUT;
	} else {
		waited = emu->pending_ms;
		emu->pending_ms = 0;
	}
	/* transport.busy_ms is the caller's to count (epd_wait does), as with spidev. */
	emu->panel_ms += waited;
	if (waited_ms)
		*waited_ms = (int)(waited + 0.5);
	return r;
}

static int emu_temperature(void *context, int *celsius)
{
	const struct emulator *emu = context;

	*celsius = emu->temperature;
	return 0;
}

/* The emulator belongs to whoever made it, who still reads its glass after the driver
 * closes the transport: emulator_free releases it. */
static void emu_close(void *context)
{
	(void)context;
}

static const struct transport_ops emulator_ops = {
    emu_reset, emu_command, emu_data, emu_wait_busy, emu_temperature, emu_close,
};

struct emulator *emulator_new(const struct panel_model *model, unsigned spi_hz, int temperature)
{
	struct emulator *emu;

	if (spi_hz == 0 || model->emulator == EMULATOR_NONE)
		return NULL;
	emu = calloc(1, sizeof(*emu));
	if (!emu)
		return NULL;
	emu->kind = model->emulator;
	emu->width = model->ram_width;
	emu->height = model->ram_height;
	emu->timings = model->timings;
	if (emu->kind == EMULATOR_UC8179) {
		emu->commands = uc8179_commands;
		emu->command_count = sizeof(uc8179_commands) / sizeof(uc8179_commands[0]);
	} else {
		emu->commands = ssd168x_commands;
		emu->command_count = sizeof(ssd168x_commands) / sizeof(ssd168x_commands[0]);
	}
	emu->stride = emu->width / 8;
	/* The SSD1680 addresses more rows than the 2.7" glass has (its datasheet's 176 x 296). */
	emu->ram_rows = strcmp(model->controller, "SSD1680") == 0 ? SSD1680_RAM_ROWS : emu->height;
	emu->spi_hz = spi_hz;
	emu->temperature = temperature;
	emu->glass = fb_new(emu->width, emu->height);
	emu->ram_new = calloc(ram_size(emu), 1);
	emu->ram_old = calloc(ram_size(emu), 1);
	if (!emu->glass || !emu->ram_new || !emu->ram_old) {
		emulator_free(emu);
		return NULL;
	}
	emu->own.ops = &emulator_ops;
	emu->own.context = emu;
	emu->own.spi_hz = spi_hz;
	emu->counters = &emu->own;
	/* Power-up: the registers at their reset values, the RAMs holding no image anyone sent. */
	emu->noise = 1;
	ram_unknown(emu, emu->ram_new);
	ram_unknown(emu, emu->ram_old);
	emu->initialized = is_ssd(emu);
	registers_default(emu);
	return emu;
}

void emulator_free(struct emulator *emu)
{
	if (!emu)
		return;
	fb_free(emu->glass);
	free(emu->ram_new);
	free(emu->ram_old);
	free(emu);
}

/* The emulator keeps a pointer to *out and counts bytes and SPI time there, so
 * *out must stay where it is while the emulator is used; a second call moves the counting
 * (and the totals so far) to the new *out. */
void emulator_transport(struct emulator *emu, struct transport *out)
{
	struct transport t = *emu->counters;

	t.ops = &emulator_ops;
	t.context = emu;
	t.spi_hz = emu->spi_hz;
	*out = t;
	emu->counters = out;
}

const struct fb *emulator_glass(const struct emulator *emu)
{
	return emu->glass;
}

const char *emulator_error(const struct emulator *emu)
{
	return emu->error;
}

struct emulator_faults *emulator_faults(struct emulator *emu)
{
	return &emu->faults;
}

double emulator_panel_ms(const struct emulator *emu)
{
	return emu->panel_ms;
}

bool emulator_asleep(const struct emulator *emu)
{
	return emu->asleep;
}

unsigned emulator_refresh_count(const struct emulator *emu)
{
	return emu->refreshes;
}

void emulator_clear_error(struct emulator *emu)
{
	emu->error = NULL;
}

bool emulator_old_ram_known(const struct emulator *emu)
{
	return emu->old_known;
}

bool emulator_powered(const struct emulator *emu)
{
	return emu->powered;
}

const struct emulator_refresh *emulator_last_refresh(const struct emulator *emu)
{
	return &emu->last;
}
