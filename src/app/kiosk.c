/* SPDX-License-Identifier: MIT */
/* kiosk: the path of a key, the out-of-service screen, and recovery from faults. */
#include "kiosk.h"

#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <string.h>
#include <systemd/sd-daemon.h>
#include <unistd.h>

#include "clock.h"
#include "log.h"
#include "pngio.h"

#define RETRY_FIRST_S	    2
#define RETRY_CONTENT_MAX_S 60
#define RETRY_PANEL_MAX_S   300

static int open_session(struct kiosk *k, struct session *s, struct inkref_error *err)
{
	int rc = session_open(s, &k->spec.model, &k->options.session, err);

	if (rc < 0)
		return rc; /* which part failed: enum session_failure */
	/* About half a MiB on the 7.5" panel, and no page waits for its first layout. */
	if (k->options.layout_all)
		session_layout_all(s);
	return 0;
}

static void schedule_retry(struct kiosk *k)
{
	int max = k->content == KIOSK_SERVING ? RETRY_PANEL_MAX_S : RETRY_CONTENT_MAX_S;

	k->retry_at_ms = clock_ms() + (int64_t)k->retry_s * 1000;
	k->retry_s = k->retry_s * 2 > max ? max : k->retry_s * 2;
}

static bool panel_broken(const struct kiosk *k)
{
	return k->panel == KIOSK_PANEL_FAILING || k->panel == KIOSK_PANEL_MISSING;
}

static void notify_status(const struct kiosk *k)
{
	if (k->content != KIOSK_SERVING)
		sd_notifyf(0, "STATUS=Out of service: %s", fault_name(k->fault));
	else if (panel_broken(k))
		sd_notifyf(0, "STATUS=Panel fault, retrying: %s", display_fault(&k->display));
	else
		sd_notifyf(0, "STATUS=Showing %s on %s",
			   session_content(&k->session)->content_version, k->spec.model.name);
}

/* Writes the screen image beside its final name and renames it: a viewer never sees half.
 * Logged once when it fails and once when it works again, not on every key of a full disk. */
static void publish_png(struct kiosk *k, const struct fb *frame)
{
	const char *path = k->options.png;
	struct inkref_error err;

	if (!path || !path[0])
		return;
	err_clear(&err);
	if (png_replace_fb(path, frame, &err) < 0) {
		if (!k->png_failing)
			LOG_WARN_MSG("%s: %s; the panel is not affected", err.file, err.message);
		k->png_failing = true;
	} else if (k->png_failing) {
		LOG_INFO_MSG("%s: the screen image is written again", path);
		k->png_failing = false;
	}
}

/* The frame of the moment: the session's screen, or the out-of-service screen. */
static const struct fb *draw(struct kiosk *k)
{
	if (k->content != KIOSK_SERVING) {
		struct oos_fonts fonts = {NULL, NULL, k->options.session.glyph_mode};
		oos_draw(k->out_of_service, &k->spec.model, k->fault, &fonts);
		return k->out_of_service;
	}
	if (session_draw(&k->session) < 0) {
		LOG_ERR_MSG("out of memory while drawing the screen");
		return NULL;
	}
	return session_frame(&k->session);
}

/* What the glass check found, logged; the daemon's exit status and the soak rest on it. */
static void log_glass(const struct kiosk *k, const struct display_step *step)
{
	long checks, mismatches;
	bool refused;

	display_glass_counts(&k->display, &checks, &mismatches, &refused);
	if (step->glass_differs > 0)
		LOG_ERR_MSG(
		    "emulated panel: after frame %ld the glass differs from the framebuffer "
		    "in %ld pixels",
		    checks, step->glass_differs);
	if (step->refused)
		LOG_ERR_MSG("emulated panel: the %s refused the command stream: %s",
			    k->spec.model.controller, step->refused);
}

/* After a refresh the booster stays on for the next key; a quiet time turns it off. */
static void hold_power(struct kiosk *k)
{
	if (k->options.power_hold_ms == 0)
		display_power_off(&k->display);
	else if (k->options.power_hold_ms > 0)
		k->power_off_at_ms = clock_ms() + k->options.power_hold_ms;
}

/* Puts a frame on the panel; a panel that fails is marked, logged once and retried later. */
static void to_panel(struct kiosk *k, const struct fb *frame, bool home, struct kiosk_step *step)
{
	if (k->panel != KIOSK_PANEL_WORKING)
		return;
	step->reached_panel = true;
	if (display_show(&k->display, frame, home, &step->display) == 0) {
		hold_power(k);
		log_glass(k, &step->display);
		if (step->display.recovered)
			LOG_WARN_MSG("panel fault cleared by a reset and a full refresh: %s",
				     display_fault(&k->display));
		return;
	}
	k->panel = KIOSK_PANEL_FAILING;
	step->panel_failed = true;
	LOG_ERR_MSG("panel fault: %s; going on without the panel, retrying it",
		    display_fault(&k->display));
	k->retry_s = RETRY_FIRST_S;
	schedule_retry(k);
	notify_status(k);
}

static void show(struct kiosk *k, bool home, struct kiosk_step *step)
{
	const struct fb *frame = draw(k);

	if (!frame)
		return;
	step->drawn = true;
	publish_png(k, frame);
	to_panel(k, frame, home, step);
}

/* Opens the session, or puts up the out-of-service screen with the fault logged once. */
static int start_serving(struct kiosk *k, struct inkref_error *err)
{
	int rc;

	err_clear(err);
	rc = open_session(k, &k->session, err);
	if (rc == 0) {
		if (k->content != KIOSK_SERVING && k->fault != FAULT_NONE)
			LOG_INFO_MSG("back in service: content %s from %s",
				     session_content(&k->session)->content_version,
				     session_content(&k->session)->path);
		k->content = KIOSK_SERVING;
		k->fault = FAULT_NONE;
		k->fault_message[0] = '\0';
		return 0;
	}
	k->content = KIOSK_OUT_OF_SERVICE;
	k->fault = rc == SESSION_FAILED_CONTENT		 ? fault_from_content_error(err)
		   : err->reason == ERR_REASON_NO_MEMORY ? FAULT_MEMORY
		   : rc == SESSION_FAILED_FONT		 ? FAULT_FONT
		   : rc == SESSION_FAILED_ASSET		 ? FAULT_ASSET
							 : FAULT_MEMORY;
	if (k->options.content_must_open)
		return -1;
	if (strcmp(err->message, k->fault_message) != 0) {
		LOG_ERR_MSG("out of service (%s): %s: %s; retrying", fault_name(k->fault),
			    err->file, err->message);
		snprintf(k->fault_message, sizeof(k->fault_message), "%s", err->message);
	}
	return 0;
}

/* Says once which temperature the cold rule (no fast or partial waveform below 5 °C) goes by:
 * the configured sensor, or none, and then those waveforms run at any temperature. */
static void log_temperature_source(struct kiosk *k)
{
	const char *path = k->options.temperature_path;
	int celsius;

	if (k->temperature_logged)
		return;
	k->temperature_logged = true;
	if (!path || !path[0]) {
		LOG_INFO_MSG("no panel temperature source ([panel] temperature_path): fast and "
			     "partial waveforms are used at any temperature");
		return;
	}
	celsius = display_temperature(&k->display);
	if (celsius == INT_MIN)
		LOG_WARN_MSG("panel temperature from %s: no reading in -40..85 degrees C; until "
			     "there is one, fast and partial waveforms are used at any temperature",
			     path);
	else
		LOG_INFO_MSG("panel temperature from %s: %d degrees C now", path, celsius);
}

/* Opens the real panel's driver; false (logged once) when the bus or the lines are missing. */
static bool open_panel(struct kiosk *k)
{
	struct inkref_error err;

	err_clear(&err);
	if (display_open_hardware(&k->display, &k->spec.model, &k->options.wiring,
				  k->options.full_every, &err) == 0) {
		k->panel = KIOSK_PANEL_WORKING;
		if (k->options.temperature_path && k->options.temperature_path[0])
			display_set_temperature_path(&k->display, k->options.temperature_path);
		log_temperature_source(k);
		return true;
	}
	if (!panel_broken(k))
		LOG_ERR_MSG("panel fault: %s%s%s; going on without the panel, retrying it",
			    err.file, err.file[0] ? ": " : "", err.message);
	k->panel = KIOSK_PANEL_MISSING;
	return false;
}

int kiosk_open(struct kiosk *k, const struct panel_spec *spec, const struct kiosk_options *o,
	       struct inkref_error *err)
{
	memset(k, 0, sizeof(*k));
	k->options = *o;
	k->spec = *spec;
	k->panel = KIOSK_PANEL_ABSENT;
	k->retry_s = RETRY_FIRST_S;
	k->retry_at_ms = -1;
	k->power_off_at_ms = -1;
	k->out_of_service = fb_new(spec->model.width, spec->model.height);
	if (!k->out_of_service) {
		err_set(err, EXIT_SOFTWARE, "", 0, "out of memory");
		return -1;
	}
	if (start_serving(k, err) < 0)
		return -1;
	if (spec->output == PANEL_EMULATED) {
		struct display_options d = o->display;
		d.check_glass = true;
		if (display_open_emulated(&k->display, &k->spec.model, &d, err) < 0)
			return -1;
		k->panel = KIOSK_PANEL_WORKING;
	} else if (spec->output == PANEL_HARDWARE) {
		open_panel(k);
	}
	return 0;
}

void kiosk_close(struct kiosk *k)
{
	if (k->panel == KIOSK_PANEL_WORKING || k->panel == KIOSK_PANEL_FAILING)
		display_close(&k->display); /* deep sleep, lines released */
	if (k->content == KIOSK_SERVING)
		session_close(&k->session);
	fb_free(k->out_of_service);
	k->out_of_service = NULL;
}

void kiosk_start(struct kiosk *k)
{
	struct kiosk_step step;

	memset(&step, 0, sizeof(step));
	show(k, false, &step);
	if (k->content != KIOSK_SERVING || panel_broken(k))
		schedule_retry(k);
}

void kiosk_notify_status(const struct kiosk *k)
{
	notify_status(k);
}

void kiosk_step(struct kiosk *k, enum key key, struct kiosk_step *step)
{
	double t0;

	memset(step, 0, sizeof(*step));
	step->change = CHANGE_SCREEN;
	if (k->content != KIOSK_SERVING) {
		/* Someone pressed a key at a kiosk that is out of service: perhaps the fault was
		 * just fixed. Try now, but not more than once a second. */
		if (key != KEY_IDLE && key != KEY_NONE && clock_ms() - k->last_retry_ms >= 1000)
			kiosk_retry(k);
		if (k->content != KIOSK_SERVING) {
			step->change = CHANGE_NONE;
			return;
		}
	}
	t0 = clock_us();
	if (key != KEY_NONE)
		step->change = session_press(&k->session, key);
	if (step->change == CHANGE_NONE && !k->options.show_unchanged)
		return;
	if (session_draw(&k->session) < 0) {
		LOG_ERR_MSG("out of memory while drawing the screen");
		return;
	}
	step->render_us = clock_us() - t0;
	step->drawn = true;
	publish_png(k, session_frame(&k->session));
	to_panel(k, session_frame(&k->session), step->change == CHANGE_HOME, step);
}

void kiosk_idle(struct kiosk *k)
{
	if (k->panel == KIOSK_PANEL_WORKING)
		display_sleep(&k->display);
	k->power_off_at_ms = -1; /* deep sleep powered the booster off */
}

int64_t kiosk_power_off_deadline_ms(const struct kiosk *k)
{
	return k->power_off_at_ms;
}

void kiosk_power_off(struct kiosk *k)
{
	k->power_off_at_ms = -1;
	if (k->panel == KIOSK_PANEL_WORKING && display_power_off(&k->display) < 0)
		LOG_WARN_MSG("panel power off: %s", display_fault(&k->display));
}

void kiosk_reload(struct kiosk *k)
{
	struct kiosk_step step;
	struct session fresh;
	struct inkref_error err;

	if (k->content != KIOSK_SERVING) {
		kiosk_retry(k);
		return;
	}
	err_clear(&err);
	if (open_session(k, &fresh, &err) < 0) {
		LOG_ERR_MSG("SIGHUP: keeping the content on screen: %s: %s", err.file, err.message);
		return;
	}
	session_close(&k->session);
	k->session = fresh;
	LOG_INFO_MSG("SIGHUP: content %s from %s (reviewed %s)",
		     session_content(&k->session)->content_version,
		     session_content(&k->session)->path, session_content(&k->session)->reviewed_on);
	notify_status(k);
	memset(&step, 0, sizeof(step));
	show(k, true, &step);
}

void kiosk_retry(struct kiosk *k)
{
	enum kiosk_content was = k->content;
	struct inkref_error err;

	k->last_retry_ms = clock_ms();
	if (k->content != KIOSK_SERVING) {
		start_serving(k, &err);
		if (k->content == KIOSK_SERVING) {
			struct kiosk_step step;
			memset(&step, 0, sizeof(step));
			notify_status(k);
			show(k, true, &step);
		}
	}
	if (panel_broken(k) && (k->panel == KIOSK_PANEL_FAILING || open_panel(k))) {
		const struct fb *frame = draw(k);
		struct display_step step;
		/* open_panel made it working: until this frame reaches it, it is still failing. */
		k->panel = KIOSK_PANEL_FAILING;
		/* The glass is unknown after a fault: this is a whole refresh. */
		if (frame && display_show(&k->display, frame, true, &step) == 0) {
			hold_power(k);
			log_glass(k, &step);
			k->panel = KIOSK_PANEL_WORKING;
			LOG_INFO_MSG("panel answers again: %s", k->spec.model.name);
			notify_status(k);
		}
	}
	if (k->content != KIOSK_SERVING || panel_broken(k)) {
		if (was != k->content)
			k->retry_s = RETRY_FIRST_S;
		schedule_retry(k);
	} else {
		k->retry_s = RETRY_FIRST_S;
		k->retry_at_ms = -1;
	}
}

int64_t kiosk_retry_deadline_ms(const struct kiosk *k)
{
	return k->retry_at_ms;
}

const struct panel_model *kiosk_panel_model(const struct kiosk *k)
{
	return &k->spec.model;
}

struct session *kiosk_session(struct kiosk *k)
{
	return k->content == KIOSK_SERVING ? &k->session : NULL;
}

struct display *kiosk_display(struct kiosk *k)
{
	return k->panel == KIOSK_PANEL_WORKING || k->panel == KIOSK_PANEL_FAILING ? &k->display
										  : NULL;
}
