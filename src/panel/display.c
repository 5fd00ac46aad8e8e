/* SPDX-License-Identifier: MIT */
/* display: owns the transport stack (bus or emulator, then the logger), the driver and the
 * planner state; measures every step. */
#include "display.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "clock.h"
#include "transport_spidev.h"

/* A model with a driver and an emulator: every real panel, not the PNG one. */
static int take_model(struct display *d, const struct panel_model *model, struct inkref_error *err)
{
	memset(d, 0, sizeof(*d));
	if (!model->ops || model->emulator == EMULATOR_NONE) {
		err_set(err, EXIT_USAGE, "", 0, "'%s' is not a panel with a controller; use %s",
			model->name, PANEL_MODEL_NAMES);
		return -1;
	}
	d->model = *model;
	return 0;
}

int display_open_emulated(struct display *d, const struct panel_model *model,
			  const struct display_options *options, struct inkref_error *err)
{
	if (take_model(d, model, err) < 0)
		return -1;
	d->emulator = emulator_new(&d->model, options->spi_hz ? options->spi_hz : 10000000,
				   options->temperature);
	d->next = fb_new(d->model.ram_width, d->model.ram_height);
	d->shown = fb_new(d->model.ram_width, d->model.ram_height);
	if (options->check_glass)
		d->glass_view = fb_new(d->model.ram_width, d->model.ram_height);
	if (!d->emulator || !d->next || !d->shown || (options->check_glass && !d->glass_view)) {
		err_set(err, EXIT_SOFTWARE, "", 0, "out of memory");
		display_close(d);
		return -1;
	}
	emulator_transport(d->emulator, &d->base);
	d->log.inner = &d->base;
	d->log.out = options->spi_log;
	transport_log_wrap(&d->log, &d->logged);
	epd_init_struct(&d->epd, &d->model, &d->logged);
	d->policy.full_every = options->full_every;
	d->naive = options->naive;
	return 0;
}

int display_open_hardware(struct display *d, const struct panel_model *model,
			  const struct spidev_config *wiring, int full_every,
			  struct inkref_error *err)
{
	struct spidev_config config = *wiring;

	if (take_model(d, model, err) < 0)
		return -1;
	config.busy_level = d->model.busy_level;
	d->next = fb_new(d->model.ram_width, d->model.ram_height);
	d->shown = fb_new(d->model.ram_width, d->model.ram_height);
	if (!d->next || !d->shown || transport_spidev_open(&d->base, &config, err) < 0) {
		if (!err->code)
			err_set(err, EXIT_SOFTWARE, "", 0, "out of memory");
		display_close(d);
		/* Kept for display_fault: the kiosk reports it while it retries. */
		snprintf(d->fault, sizeof(d->fault), "%.150s", err->message);
		return -1;
	}
	d->log.inner = &d->base;
	transport_log_wrap(&d->log, &d->logged);
	epd_init_struct(&d->epd, &d->model, &d->logged);
	d->policy.full_every = full_every;
	return 0;
}

void display_close(struct display *d)
{
	if (d->model.ops && !d->emulator && d->base.ops) {
		epd_sleep(&d->epd); /* leave the panel in deep sleep, its charge pump off */
		d->base.ops->close(d->base.context);
	}
	if (d->emulator)
		emulator_free(d->emulator);
	fb_free(d->next);
	fb_free(d->shown);
	fb_free(d->glass_view);
	memset(d, 0, sizeof(*d));
}

static long pixels_differing(const struct fb *a, const struct fb *b);

/* On an emulated panel the glass can be read back: after every refresh it must equal the
 * reader's framebuffer. The comparison is with the framebuffer itself, not with the frame the
 * planner believes the glass shows, so a wrong "nothing changed" is caught too. */
static void check_glass(struct display *d, const struct fb *view, struct display_step *step)
{
	const char *refused = emulator_error(d->emulator);

	epd_to_native(&d->model, view, d->glass_view);
	step->glass_differs = pixels_differing(emulator_glass(d->emulator), d->glass_view);
	d->glass_checks++;
	d->glass_mismatches += step->glass_differs != 0;
	/* The emulator keeps its first refusal: it is reported once. */
	if (refused && !d->refusal_reported) {
		step->refused = refused;
		d->refusal_reported = true;
	}
}

int display_show(struct display *d, const struct fb *view, bool home, struct display_step *step)
{
	long bytes = (long)d->logged.bytes;
	double spi_ms = d->logged.spi_ms, busy_ms = d->logged.busy_ms, t0 = clock_us();
	int rc, retries = d->epd.retries;

	memset(step, 0, sizeof(*step));
	step->glass_differs = -1;
	epd_to_native(&d->model, view, d->next);
	refresh_plan(&d->state, &d->policy, d->shown, d->next, home, &step->plan);
	if (d->epd.asleep && step->plan.mode == REFRESH_PARTIAL) {
		/* Not every controller keeps its RAM through deep sleep: after a wake the old
		 * image cannot be trusted, so the first refresh is a whole one. */
		refresh_plan_whole(&d->state, &step->plan, REFRESH_FAST, d->next);
	}
	if (d->naive)
		refresh_plan_whole(&d->state, &step->plan, REFRESH_FULL, d->next);
	step->diff_us = clock_us() - t0;
	rc = epd_show(&d->epd, d->next, &step->plan);
	/* What reached the glass: the cold rule or a recovery may have chosen a whole refresh. */
	step->mode_used = d->epd.last_mode;
	if (rc == 0 && step->plan.mode != REFRESH_NONE) {
		struct fb *swap = d->shown;
		d->shown = d->next;
		d->next = swap;
	} else if (rc < 0) {
		/* The glass may show anything now: the next frame is a full refresh. */
		d->state.glass_known = false;
	}
	step->result = rc;
	step->recovered = rc == 0 && d->epd.retries != retries;
	step->spi_bytes = (long)d->logged.bytes - bytes;
	step->spi_ms = d->logged.spi_ms - spi_ms;
	step->panel_ms = d->logged.busy_ms - busy_ms;
	if (rc == 0 && d->glass_view)
		check_glass(d, view, step);
	return rc;
}

void display_sleep(struct display *d)
{
	epd_sleep(&d->epd);
}

int display_power_off(struct display *d)
{
	return epd_power_off(&d->epd);
}

const char *display_fault(const struct display *d)
{
	return d->epd.fault[0] ? d->epd.fault : d->fault;
}

bool display_is_emulated(const struct display *d)
{
	return d->emulator != NULL;
}

void display_glass_counts(const struct display *d, long *checks, long *mismatches, bool *refused)
{
	*checks = d->glass_checks;
	*mismatches = d->glass_mismatches;
	*refused = d->refusal_reported;
}

int display_inject_fault(struct display *d, const char *name)
{
	struct emulator_faults *f;

	if (!d->emulator)
		return -2;
	f = emulator_faults(d->emulator);
	if (strcmp(name, "busy-stuck") == 0) {
		f->busy_stuck = true; /* no panel answering, or BUSY that never releases */
		f->clear_on_reset = false;
	} else if (strcmp(name, "spi-once") == 0) {
		f->fail_data_after = 3; /* a transfer fails mid-frame, once */
	} else if (strcmp(name, "spi-broken") == 0) {
		f->fail_data = true; /* every transfer fails */
	} else if (strcmp(name, "none") == 0) {
		memset(f, 0, sizeof(*f));
	} else {
		return -1;
	}
	return 0;
}

static long pixels_differing(const struct fb *a, const struct fb *b)
{
	size_t bytes = (size_t)a->stride * (size_t)a->height;
	long differ = 0;
	size_t i;

	/* Equal is the answer every time but on a bug: memcmp settles it at memory speed,
	 * where counting bits byte by byte took about a million instructions a frame. */
	if (memcmp(a->bits, b->bits, bytes) == 0)
		return 0;
	for (i = 0; i < bytes; i++)
		differ += __builtin_popcount((unsigned)(a->bits[i] ^ b->bits[i]));
	return differ;
}

long display_glass_mismatch(const struct display *d)
{
	const struct fb *glass = emulator_glass(d->emulator);

	return glass ? pixels_differing(glass, d->shown) : -1;
}

long display_glass_mismatch_view(const struct display *d, const struct fb *view, struct fb *native)
{
	const struct fb *glass = emulator_glass(d->emulator);

	if (!glass)
		return -1;
	epd_to_native(&d->model, view, native);
	return pixels_differing(glass, native);
}

void display_set_temperature_path(struct display *d, const char *path)
{
	d->epd.temperature_path = path;
}

int display_temperature(struct display *d)
{
	return epd_temperature(&d->epd);
}
