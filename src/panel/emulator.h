/* SPDX-License-Identifier: MIT */
/* emulator: a transport that interprets an e-paper controller's command stream as its
 * documentation defines it. It keeps the controller RAM and the image the glass shows,
 * rejects what a real panel would not accept, and charges time from the published timings
 * plus SPI time at the configured clock. Its glass is what tests compare with the
 * framebuffer: the same driver code that runs on hardware runs against it. */
#ifndef INKREF_EMULATOR_H
#define INKREF_EMULATOR_H

#include <stdbool.h>
#include <stdint.h>

#include "fb.h"
#include "panel.h"
#include "transport.h"

/* Faults a test can inject. */
struct emulator_faults {
	bool busy_stuck;     /* BUSY never releases (until the next reset, if clear_on_reset) */
	bool clear_on_reset; /* a reset pulse cures busy_stuck (a panel that recovers) */
	int fail_data_after; /* fail the Nth data call with -EIO (0: never) */
	bool fail_data;	     /* fail every data call with -EIO: a bus that stopped working */
	size_t max_transfer; /* > 0: data calls longer than this fail with -EMSGSIZE */
};

struct emulator;

/* Creates the emulated controller of model (its command language, timings and RAM size; RAM
 * and glass at the controller's native size, as it addresses them). temperature: °C the
 * controller reports. NULL when the model has no emulator or memory runs out. */
struct emulator *emulator_new(const struct panel_model *model, unsigned spi_hz, int temperature);
void emulator_free(struct emulator *emu);
/* The transport that feeds this emulator (transport.context is the emulator). The emulator
 * keeps a pointer to *out and counts bytes and SPI time there, so *out must not move; its
 * close does nothing: emulator_free releases the emulator. */
void emulator_transport(struct emulator *emu, struct transport *out);

/* What the glass shows, 1 = black, in the controller's native orientation. */
const struct fb *emulator_glass(const struct emulator *emu);
/* The last protocol violation ("window outside RAM", "refresh while asleep", ...), or NULL. */
const char *emulator_error(const struct emulator *emu);
struct emulator_faults *emulator_faults(struct emulator *emu);
/* Milliseconds the panel itself spent (waveforms, power on/off), since creation. */
double emulator_panel_ms(const struct emulator *emu);
bool emulator_asleep(const struct emulator *emu);
unsigned emulator_refresh_count(const struct emulator *emu);
/* Forgets the recorded violation, so the next one is recorded too (a replay reports each). */
void emulator_clear_error(struct emulator *emu);
/* False while the old-image RAM (UC8179 0x10, SSD168x RED 0x26) holds what power-up or a
 * deep sleep left there rather than an image the driver wrote or the controller copied. */
bool emulator_old_ram_known(const struct emulator *emu);
/* Whether the booster (the panel's high voltages) is on now. */
bool emulator_powered(const struct emulator *emu);

/* What the last refresh did: its waveform, the glass it drove (pixels, native orientation)
 * and the panel time its waveform took. */
struct emulator_refresh {
	const char *mode; /* "full", "fast" or "partial" (differential) */
	struct rect area;
	double waveform_ms;
};
const struct emulator_refresh *emulator_last_refresh(const struct emulator *emu);

#endif
