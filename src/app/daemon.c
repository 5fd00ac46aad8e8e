/* SPDX-License-Identifier: MIT */
/* daemon: keys in, frames out; every wake-up has a cause (an input edge, a held button's
 * deadline, the idle timeout, a signal, the systemd watchdog, a retry after a fault).
 *
 * Faults never stop the kiosk. Content or fonts that do not load put up the out-of-service
 * screen; a panel that stops answering is left alone while the kiosk goes on (the PNG and the
 * keys still work). Either is logged once, then retried on a timer that backs off from 2 s to
 * a minute (content) or five minutes (panel: each try can cost the BUSY time-outs), and on
 * SIGHUP or a key; recovery is logged once too. */
#include "daemon.h"

#include <errno.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/signalfd.h>
#include <sys/timerfd.h>
#include <systemd/sd-daemon.h>
#include <time.h>
#include <unistd.h>

#include "display.h"
#include "input.h"
#include "log.h"
#include "outofservice.h"
#include "pngio.h"
#include "session.h"

#define RETRY_FIRST_S	    2
#define RETRY_CONTENT_MAX_S 60
#define RETRY_PANEL_MAX_S   300

struct kiosk {
	const struct daemon_options *options;
	struct session session;
	bool serving; /* the session holds content; else the out-of-service screen is up */
	enum fault_kind fault;
	char fault_message[600]; /* the last one logged, so a fault is logged once */
	struct fb *out_of_service;
	struct display display;
	bool has_display;  /* a panel is configured (not png) */
	bool display_open; /* and its driver is open */
	bool panel_fault;  /* it stopped answering: frames go to the PNG only until it recovers */
	bool emulated;	   /* sim:MODEL */
	bool png_failing;  /* the screen image could not be written last time */
	const struct panel_model *panel; /* spec.model */
	struct panel_spec spec;
	struct input input;
	struct buttons buttons;
	int signal_fd, button_timer, idle_timer, watchdog_timer, retry_timer, power_timer;
	int retry_s; /* the next retry's delay */
	int64_t last_retry_ms;
	/* On an emulated panel: the reader's frame turned to the controller's orientation, for
	 * the comparison with the emulated glass after every refresh (see check_glass). */
	struct fb *glass_frame;
	long glass_checks, glass_mismatches;
	bool refusal_logged;
};

static int64_t now_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (int64_t)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

/* Arms a one-shot timer at an absolute CLOCK_MONOTONIC time in ms, or disarms it (-1). */
static void arm_at(int fd, int64_t at_ms)
{
	struct itimerspec spec;

	memset(&spec, 0, sizeof(spec));
	if (at_ms >= 0) {
		if (at_ms == 0)
			at_ms = 1;
		spec.it_value.tv_sec = at_ms / 1000;
		spec.it_value.tv_nsec = (long)(at_ms % 1000) * 1000000L;
	}
	timerfd_settime(fd, TFD_TIMER_ABSTIME, &spec, NULL);
}

static void drain(int fd)
{
	uint64_t expirations;

	if (read(fd, &expirations, sizeof(expirations)) < 0 && errno != EAGAIN)
		LOG_WARN_MSG("timer read failed: %s", strerror(errno));
}

static int open_session(struct kiosk *k, struct session *s, struct inkref_error *err)
{
	const struct config *c = &k->options->config;
	struct session_options so = {c->content[0] ? c->content : NULL,
				     NULL,
				     NULL,
				     k->options->glyph_mode,
				     c->large_text,
				     k->options->today};
	int rc = session_open(s, k->panel, &so, err);

	if (rc < 0)
		return rc; /* which part failed: enum session_failure */
	/* Every page laid out now, in both text sizes: the kiosk takes at start the memory it
	 * will ever need (about half a MiB on the 7.5" panel) and stays flat after, however
	 * far a reader browses, and no page waits for its first layout. */
	session_layout_all(s);
	return 0;
}

/* Writes the screen image beside its final name and renames it: a viewer never sees half. */
/* Written once it fails and once it works again, not on every key of a full disk. */
static void publish_png(struct kiosk *k, const struct fb *frame)
{
	const char *path = k->options->config.png;
	struct inkref_error err;

	if (!path[0])
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

static void arm_retry(struct kiosk *k)
{
	int max = k->serving ? RETRY_PANEL_MAX_S : RETRY_CONTENT_MAX_S;

	arm_at(k->retry_timer, now_ms() + (int64_t)k->retry_s * 1000);
	k->retry_s = k->retry_s * 2 > max ? max : k->retry_s * 2;
}

static void notify_status(const struct kiosk *k)
{
	if (!k->serving)
		sd_notifyf(0, "STATUS=Out of service: %s", fault_name(k->fault));
	else if (k->panel_fault)
		sd_notifyf(0, "STATUS=Panel fault, retrying: %s", k->display.epd.fault);
	else
		sd_notifyf(0, "STATUS=Showing %s on %s",
			   session_content(&k->session)->content_version, k->panel->name);
}

/* The frame of the moment: the session's screen, or the out-of-service screen. */
static const struct fb *draw(struct kiosk *k)
{
	if (!k->serving) {
		struct oos_fonts fonts = {NULL, NULL, k->options->glyph_mode};
		oos_draw(k->out_of_service, k->panel, k->fault, &fonts);
		return k->out_of_service;
	}
	if (session_draw(&k->session) < 0) {
		LOG_ERR_MSG("out of memory while drawing the screen");
		return NULL;
	}
	return session_frame(&k->session);
}

/* On an emulated panel the glass can be read back: after every refresh it must equal the
 * reader's framebuffer. The comparison is with the framebuffer itself, not with the frame the
 * planner believes the glass shows, so a wrong "nothing changed" is caught too. A mismatch or
 * a command the controller refused is logged, and the daemon exits non-zero at the end:
 * long soak runs through the event loop rest on this. */
static void check_glass(struct kiosk *k, const struct fb *frame)
{
	const char *refused = emulator_error(k->display.emulator);
	long differ = display_glass_mismatch_view(&k->display, frame, k->glass_frame);

	k->glass_checks++;
	if (differ) {
		LOG_ERR_MSG(
		    "emulated panel: after frame %ld the glass differs from the framebuffer "
		    "in %ld pixels",
		    k->glass_checks, differ);
		k->glass_mismatches++;
	}
	if (refused && !k->refusal_logged) {
		/* The emulator keeps its first refusal: report it once. */
		LOG_ERR_MSG("emulated panel: the %s refused the command stream: %s",
			    k->panel->controller, refused);
		k->refusal_logged = true;
	}
}

/* Puts a frame on the panel; a panel that fails is marked, logged once and retried later. */
/* After a refresh the booster stays on for the next key; a quiet time turns it off. */
static void hold_power(struct kiosk *k)
{
	if (k->options->config.power_hold_ms == 0)
		epd_power_off(&k->display.epd);
	else
		arm_at(k->power_timer, now_ms() + k->options->config.power_hold_ms);
}

static void to_panel(struct kiosk *k, const struct fb *frame, enum menu_change change)
{
	struct display_step step;
	int retries;

	if (!k->display_open || k->panel_fault)
		return;
	retries = k->display.epd.retries;
	if (display_show(&k->display, frame, change == CHANGE_HOME, &step) == 0) {
		hold_power(k);
		if (k->glass_frame)
			check_glass(k, frame);
		if (k->display.epd.retries != retries)
			LOG_WARN_MSG("panel fault cleared by a reset and a full refresh: %s",
				     k->display.epd.fault);
		return;
	}
	k->panel_fault = true;
	LOG_ERR_MSG("panel fault: %s; going on without the panel, retrying it",
		    k->display.epd.fault);
	k->retry_s = RETRY_FIRST_S;
	arm_retry(k);
	notify_status(k);
}

static void show(struct kiosk *k, enum menu_change change)
{
	const struct fb *frame = draw(k);

	if (!frame)
		return;
	publish_png(k, frame);
	to_panel(k, frame, change);
}

/* One line per key where a person or a script is watching (tty and stdin input). */
static void describe(struct kiosk *k, enum key key)
{
	const struct content *c = session_content(&k->session);
	const struct menu_state *st = session_state(&k->session);
	const char *eol = k->input.kind == INPUT_TTY ? "\r\n" : "\n";

	if (k->input.kind != INPUT_TTY && k->input.kind != INPUT_STDIN)
		return;
	if (st->page >= 0)
		fprintf(stderr, "[%s] %s, screen %d/%d%s%s", key_name(key),
			c->pages[st->page].title, st->screen + 1,
			session_screen_count(&k->session, st->page, st->large_text),
			st->large_text ? ", large text" : "", eol);
	else
		fprintf(stderr, "[%s] %s: %s%s%s", key_name(key), c->items[menu_current(st)].title,
			c->items[menu_selected_item(st, c)].title,
			st->large_text ? ", large text" : "", eol);
}

static void retry(struct kiosk *k);

static void press(struct kiosk *k, enum key key)
{
	enum menu_change change;
	int idle = k->options->config.idle_timeout_s;

	if (!k->serving) {
		/* Someone pressed a key at a kiosk that is out of service: perhaps the fault was
		 * just fixed. Try now, but not more than once a second. */
		if (key != KEY_IDLE && now_ms() - k->last_retry_ms >= 1000)
			retry(k);
		if (!k->serving)
			return;
	}
	change = session_press(&k->session, key);
	if (change != CHANGE_NONE)
		show(k, change);
	describe(k, key);
	if (key == KEY_IDLE) {
		/* Nobody is reading: the panel sleeps until the next key wakes it by reset. */
		if (k->display_open && !k->panel_fault)
			epd_sleep(&k->display.epd);
		arm_at(k->idle_timer, -1);
		arm_at(k->power_timer, -1); /* deep sleep powered the booster off */
	} else if (idle > 0) {
		arm_at(k->idle_timer, now_ms() + (int64_t)idle * 1000);
	}
}

/* SIGHUP: the content was replaced (by an atomic rename). A database that does not load
 * leaves the old content on screen. */
static void reload(struct kiosk *k)
{
	struct session fresh;
	struct inkref_error err;

	if (!k->serving) {
		retry(k);
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
	show(k, CHANGE_HOME);
}

/* Opens the session, or puts up the out-of-service screen with the fault logged once. */
static bool start_serving(struct kiosk *k)
{
	struct inkref_error err;
	int rc;

	err_clear(&err);
	rc = open_session(k, &k->session, &err);
	if (rc == 0) {
		if (!k->serving && k->fault != FAULT_NONE)
			LOG_INFO_MSG("back in service: content %s from %s",
				     session_content(&k->session)->content_version,
				     session_content(&k->session)->path);
		k->serving = true;
		k->fault = FAULT_NONE;
		k->fault_message[0] = '\0';
		return true;
	}
	k->serving = false;
	k->fault = rc == SESSION_FAILED_CONTENT		? fault_from_content_error(&err)
		   : err.reason == ERR_REASON_NO_MEMORY ? FAULT_MEMORY
		   : rc == SESSION_FAILED_FONT		? FAULT_FONT
		   : rc == SESSION_FAILED_ASSET		? FAULT_ASSET
							: FAULT_MEMORY;
	if (strcmp(err.message, k->fault_message) != 0) {
		LOG_ERR_MSG("out of service (%s): %s: %s; retrying", fault_name(k->fault), err.file,
			    err.message);
		snprintf(k->fault_message, sizeof(k->fault_message), "%s", err.message);
	}
	return false;
}

/* Opens the real panel's driver; false (logged once) when the bus or the lines are missing. */
static bool open_panel(struct kiosk *k)
{
	const struct config *c = &k->options->config;
	struct inkref_error err;

	err_clear(&err);
	if (display_open_hardware(&k->display, k->panel, c->spi_device, c->spi_speed_hz,
				  c->full_every, &err) == 0) {
		k->display_open = true;
		return true;
	}
	if (!k->panel_fault)
		LOG_ERR_MSG("panel fault: %s%s%s; going on without the panel, retrying it",
			    err.file, err.file[0] ? ": " : "", err.message);
	snprintf(k->display.epd.fault, sizeof(k->display.epd.fault), "%.150s", err.message);
	k->panel_fault = true;
	return false;
}

/* The retry timer, SIGHUP while out of service, or a key: try what is broken again. */
static void retry(struct kiosk *k)
{
	bool was_serving = k->serving;

	k->last_retry_ms = now_ms();
	if (!k->serving && start_serving(k)) {
		notify_status(k);
		show(k, CHANGE_HOME);
	}
	if (k->panel_fault && (k->display_open || open_panel(k))) {
		const struct fb *frame = draw(k);
		struct display_step step;
		/* The glass is unknown after a fault: this is a whole refresh. */
		if (frame && display_show(&k->display, frame, true, &step) == 0) {
			hold_power(k);
			if (k->glass_frame)
				check_glass(k, frame);
			k->panel_fault = false;
			LOG_INFO_MSG("panel answers again: %s", k->panel->name);
			notify_status(k);
		}
	}
	if (!k->serving || k->panel_fault) {
		if (was_serving != k->serving)
			k->retry_s = RETRY_FIRST_S;
		arm_retry(k);
	} else {
		k->retry_s = RETRY_FIRST_S;
		arm_at(k->retry_timer, -1);
	}
}

/* stdin's "fault:NAME" lines: faults injected into the emulated panel, for the tests and for
 * trying the kiosk's behaviour by hand. */
static void inject_fault(struct kiosk *k, const char *command)
{
	const char *name = command + strlen("fault:");
	struct emulator_faults *f;

	if (!k->emulated || !k->display.emulator) {
		LOG_WARN_MSG("stdin: '%s' ignored: faults can be injected only into an emulated "
			     "panel (--panel sim:MODEL)",
			     command);
		return;
	}
	f = emulator_faults(k->display.emulator);
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
		LOG_WARN_MSG("stdin: unknown fault '%s'; use busy-stuck, spi-once, spi-broken or "
			     "none",
			     name);
		return;
	}
	LOG_INFO_MSG("emulated panel: fault %s", name);
}

static int setup(struct kiosk *k, struct inkref_error *err)
{
	const struct config *c = &k->options->config;
	sigset_t mask;

	if (panel_spec_parse(c->panel, &k->spec) < 0) {
		err_set(err, EXIT_CONFIG, "", 0, "unknown panel '%s'", c->panel);
		return -1;
	}
	k->panel = &k->spec.model;
	k->has_display = k->spec.output != PANEL_PNG;
	k->emulated = k->spec.output == PANEL_EMULATED;
	k->out_of_service = fb_new(k->panel->width, k->panel->height);
	if (!k->out_of_service) {
		err_set(err, EXIT_SOFTWARE, "", 0, "out of memory");
		return -1;
	}
	k->retry_s = RETRY_FIRST_S;
	start_serving(k);
	if (k->has_display && k->emulated) {
		struct display_options dopt = {c->spi_speed_hz, 20, c->full_every, NULL, false};
		if (display_open_emulated(&k->display, k->panel, &dopt, err) < 0)
			return -1;
		k->display_open = true;
		k->glass_frame = fb_new(k->panel->ram_width, k->panel->ram_height);
		if (!k->glass_frame) {
			err_set(err, EXIT_SOFTWARE, "", 0, "out of memory");
			return -1;
		}
	} else if (k->has_display) {
		open_panel(k);
	}
	if (input_open(&k->input, c->input, c, err) < 0)
		return -1;
	buttons_init(&k->buttons,
		     &(struct buttons_config){c->debounce_ms, c->long_press_ms, c->repeat_delay_ms,
					      c->repeat_interval_ms});
	sigemptyset(&mask);
	sigaddset(&mask, SIGHUP);
	sigaddset(&mask, SIGTERM);
	sigaddset(&mask, SIGINT);
	sigprocmask(SIG_BLOCK, &mask, NULL);
	k->signal_fd = signalfd(-1, &mask, SFD_CLOEXEC | SFD_NONBLOCK);
	k->button_timer = timerfd_create(CLOCK_MONOTONIC, TFD_CLOEXEC | TFD_NONBLOCK);
	k->idle_timer = timerfd_create(CLOCK_MONOTONIC, TFD_CLOEXEC | TFD_NONBLOCK);
	k->power_timer = timerfd_create(CLOCK_MONOTONIC, TFD_CLOEXEC | TFD_NONBLOCK);
	k->watchdog_timer = timerfd_create(CLOCK_MONOTONIC, TFD_CLOEXEC | TFD_NONBLOCK);
	k->retry_timer = timerfd_create(CLOCK_MONOTONIC, TFD_CLOEXEC | TFD_NONBLOCK);
	/* A journal stream that closes must cost log lines, not the kiosk. */
	signal(SIGPIPE, SIG_IGN);
	if (k->signal_fd < 0 || k->button_timer < 0 || k->idle_timer < 0 || k->power_timer < 0 ||
	    k->watchdog_timer < 0 || k->retry_timer < 0) {
		err_set(err, EXIT_SOFTWARE, "", 0, "cannot create the event loop: %s",
			strerror(errno));
		return -1;
	}
	return 0;
}

static void teardown(struct kiosk *k)
{
	input_close(&k->input);
	if (k->display_open)
		display_close(&k->display); /* deep sleep, lines released */
	if (k->serving)
		session_close(&k->session);
	fb_free(k->out_of_service);
	fb_free(k->glass_frame);
	if (k->signal_fd > 0)
		close(k->signal_fd);
	if (k->button_timer > 0)
		close(k->button_timer);
	if (k->idle_timer > 0)
		close(k->idle_timer);
	if (k->power_timer > 0)
		close(k->power_timer);
	if (k->watchdog_timer > 0)
		close(k->watchdog_timer);
	if (k->retry_timer > 0)
		close(k->retry_timer);
}

int daemon_run(const struct daemon_options *options)
{
	struct kiosk k;
	struct inkref_error err;
	uint64_t watchdog_usec = 0;
	bool running = true;
	int status = 0;

	memset(&k, 0, sizeof(k));
	k.options = options;
	k.signal_fd = k.button_timer = k.idle_timer = k.watchdog_timer = k.retry_timer = -1;
	k.power_timer = -1;
	err_clear(&err);
	if (setup(&k, &err) < 0) {
		err_print(&err);
		teardown(&k);
		return err.code ? err.code : EXIT_SOFTWARE;
	}
	show(&k, CHANGE_SCREEN);
	if (!k.serving || k.panel_fault)
		arm_retry(&k);
	if (options->config.idle_timeout_s > 0)
		arm_at(k.idle_timer, now_ms() + (int64_t)options->config.idle_timeout_s * 1000);
	if (sd_watchdog_enabled(0, &watchdog_usec) > 0 && watchdog_usec > 0) {
		/* The only periodic wake-up, and only when systemd asks for one. */
		struct itimerspec spec = {{0, 0}, {0, 0}};
		spec.it_interval.tv_sec = (time_t)(watchdog_usec / 2000000);
		spec.it_interval.tv_nsec = (long)(watchdog_usec / 2 % 1000000) * 1000;
		spec.it_value = spec.it_interval;
		timerfd_settime(k.watchdog_timer, 0, &spec, NULL);
	}
	/* Ready even when out of service: the kiosk is up and says so on its screen. */
	sd_notify(0, "READY=1");
	notify_status(&k);
	if (k.serving)
		LOG_INFO_MSG("ready: content %s on %s, keys from %s",
			     session_content(&k.session)->content_version, k.panel->name,
			     options->config.input);
	else
		LOG_INFO_MSG("ready, out of service, on %s, keys from %s", k.panel->name,
			     options->config.input);

	while (running) {
		struct pollfd fds[7] = {
		    {k.signal_fd, POLLIN, 0},
		    {k.button_timer, POLLIN, 0},
		    {k.idle_timer, POLLIN, 0},
		    {k.watchdog_timer, POLLIN, 0},
		    {k.input.closed ? -1 : k.input.fd, POLLIN, 0},
		    {k.retry_timer, POLLIN, 0},
		    {k.power_timer, POLLIN, 0},
		};
		enum key keys[64];
		int count = 0, i;
		bool quit = false;

		/* Lines already read wait in the input, not in the kernel: no poll for them. */
		if (k.input.pending_len > 0) {
			for (i = 0; i < 7; i++)
				fds[i].revents = 0;
			fds[4].revents = POLLIN;
		} else if (poll(fds, 7, -1) < 0) {
			if (errno == EINTR)
				continue;
			LOG_ERR_MSG("poll: %s", strerror(errno));
			status = EXIT_SOFTWARE;
			break;
		}
		if (fds[0].revents & POLLIN) {
			struct signalfd_siginfo info;
			while (read(k.signal_fd, &info, sizeof(info)) == sizeof(info)) {
				if (info.ssi_signo == SIGHUP)
					reload(&k);
				else
					running = false;
			}
		}
		if (fds[3].revents & POLLIN) {
			drain(k.watchdog_timer);
			sd_notify(0, "WATCHDOG=1");
		}
		if (fds[5].revents & POLLIN) {
			drain(k.retry_timer);
			retry(&k);
		}
		if (fds[6].revents & POLLIN) {
			drain(k.power_timer);
			if (k.display_open && !k.panel_fault && epd_power_off(&k.display.epd) < 0)
				LOG_WARN_MSG("panel power off: %s", k.display.epd.fault);
		}
		if (fds[4].revents & (POLLIN | POLLHUP | POLLERR))
			count += input_read(&k.input, &k.buttons, now_ms(), keys, 64, &quit);
		if (fds[1].revents & POLLIN) {
			drain(k.button_timer);
			count += buttons_tick(&k.buttons, now_ms(), keys + count, 64 - count);
		}
		if (fds[2].revents & POLLIN) {
			drain(k.idle_timer);
			if (count < 64)
				keys[count++] = KEY_IDLE;
		}
		for (i = 0; i < count && running; i++)
			press(&k, keys[i]);
		if (k.input.command[0]) {
			inject_fault(&k, k.input.command);
			k.input.command[0] = '\0';
		}
		arm_at(k.button_timer, buttons_deadline(&k.buttons));
		if (quit ||
		    (k.input.closed && k.input.pending_len == 0 && k.input.kind != INPUT_GPIO))
			running = false; /* q in the terminal, or the end of a script */
		if (k.input.failed && !status)
			status = EXIT_IOERR; /* an input fault is never a success */
	}
	sd_notify(0, "STOPPING=1");
	if (k.glass_frame) {
		LOG_INFO_MSG(
		    "emulated panel: glass compared with the framebuffer after %ld frames: "
		    "%ld mismatches",
		    k.glass_checks, k.glass_mismatches);
		if ((k.glass_mismatches || k.refusal_logged) && !status)
			status = EXIT_SOFTWARE;
	}
	LOG_INFO_MSG("stopping: panel to deep sleep");
	teardown(&k);
	return status;
}
