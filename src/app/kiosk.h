/* SPDX-License-Identifier: MIT */
/* kiosk: what a reader sees and what the glass shows, and the one path a key takes through
 * them: key -> menu -> view -> frame -> PNG -> panel -> glass check. The daemon runs it from
 * its event loop, "inkref sim" from a key list; both through kiosk_step.
 *
 * Its state is explicit: the content is served, or an out-of-service screen names the fault;
 * the panel is absent (PNG only), working, failing (it stopped answering) or missing (its bus
 * or lines could not be opened). Faults never stop it: content or fonts that do not load put
 * up the out-of-service screen, a panel that fails is left alone while the PNG and the keys
 * go on; each is logged once, retried with a backoff, and its recovery logged once too. */
#ifndef INKREF_KIOSK_H
#define INKREF_KIOSK_H

#include <stdbool.h>

#include "display.h"
#include "keys.h"
#include "outofservice.h"
#include "panel.h"
#include "session.h"

enum kiosk_content {
	KIOSK_SERVING,	      /* the session holds content */
	KIOSK_OUT_OF_SERVICE, /* the out-of-service screen names the fault */
};

enum kiosk_panel {
	KIOSK_PANEL_ABSENT,  /* PNG files only */
	KIOSK_PANEL_WORKING, /* frames go to it */
	KIOSK_PANEL_FAILING, /* open, but it stopped answering: frames go to the PNG only */
	KIOSK_PANEL_MISSING, /* its bus or lines could not be opened */
};

struct kiosk_options {
	struct session_options session;
	const char *png; /* the screen image, rewritten on every change; "" or NULL: none */
	struct display_options display; /* the emulated panel's; check_glass is set for it */
	struct spidev_config wiring;	/* the real panel's bus and lines */
	int full_every;
	/* After a refresh the booster stays on this long for the next key, then goes off (0: at
	 * once); -1: the caller never turns it off (sim, like the vendor's streams). */
	int power_hold_ms;
	/* The real panel's temperature: a sysfs file in millidegrees C; NULL or "": none. */
	const char *temperature_path;
	/* A content that does not open is an error, not an out-of-service screen (sim). */
	bool content_must_open;
	/* Every page laid out at start: the kiosk takes at start the memory it will ever need
	 * and stays flat after (the daemon). */
	bool layout_all;
	/* A key that changes nothing still goes through the planner (sim counts it as a step
	 * that sends nothing, or, naive, a whole frame). */
	bool show_unchanged;
};

struct kiosk {
	struct kiosk_options options;
	struct panel_spec spec; /* the panel: its model and where frames go */
	enum kiosk_content content;
	enum fault_kind fault;	 /* why out of service */
	char fault_message[600]; /* the last one logged, so a fault is logged once */
	struct session session;	 /* when serving */
	struct fb *out_of_service;
	enum kiosk_panel panel;
	struct display display;	 /* open when working or failing */
	bool png_failing;	 /* the screen image could not be written last time */
	bool temperature_logged; /* the real panel's temperature source was named in the log */
	int retry_s;		 /* the next retry's delay */
	int64_t retry_at_ms;	 /* when the next retry is due; -1: none */
	int64_t power_off_at_ms; /* when the booster goes off; -1: it is off, or not ours */
	int64_t last_retry_ms;
};

/* What one key did. */
struct kiosk_step {
	enum menu_change change;
	bool drawn;		     /* a frame was drawn (the key changed something, or sim) */
	bool reached_panel;	     /* and went to the panel */
	struct display_step display; /* what the panel did with it */
	double render_us;	     /* the key through the menu, the view and the renderer */
	bool panel_failed;	     /* the panel stopped answering at this frame */
};

/* Opens the content (or puts up the out-of-service screen) and the panel of spec. -1 with
 * err set only for what no retry can mend: memory, the emulator, or (content_must_open) the
 * content. */
int kiosk_open(struct kiosk *k, const struct panel_spec *spec, const struct kiosk_options *o,
	       struct inkref_error *err);
void kiosk_close(struct kiosk *k);

/* The first frame, on the PNG and the panel. */
void kiosk_start(struct kiosk *k);
/* Tells systemd what the kiosk shows, or what is broken (it also does so on every change). */
void kiosk_notify_status(const struct kiosk *k);
/* One key: KEY_NONE draws the screen as it is. Out of service, a key (not idle) first tries
 * the content again, at most once a second. */
void kiosk_step(struct kiosk *k, enum key key, struct kiosk_step *step);
/* Nobody is reading: the panel sleeps until the next frame wakes it by reset. */
void kiosk_idle(struct kiosk *k);
/* When the booster is due to go off (CLOCK_MONOTONIC ms), or -1; then kiosk_power_off. */
int64_t kiosk_power_off_deadline_ms(const struct kiosk *k);
void kiosk_power_off(struct kiosk *k);
/* SIGHUP: the content was replaced. One that does not load leaves the old on screen. */
void kiosk_reload(struct kiosk *k);
/* Tries what is broken again (the retry timer, or SIGHUP while out of service). */
void kiosk_retry(struct kiosk *k);

/* When kiosk_retry is due (CLOCK_MONOTONIC ms), or -1 when nothing is broken. Retries back
 * off from 2 s to a minute (content) or five minutes (panel: each try can cost the BUSY
 * time-outs). */
int64_t kiosk_retry_deadline_ms(const struct kiosk *k);

const struct panel_model *kiosk_panel_model(const struct kiosk *k);
/* The session, while serving; NULL out of service. */
struct session *kiosk_session(struct kiosk *k);
/* The display while the panel is open (working or failing); NULL otherwise. */
struct display *kiosk_display(struct kiosk *k);

#endif
