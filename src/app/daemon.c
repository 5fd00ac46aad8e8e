/* SPDX-License-Identifier: MIT */
/* daemon: keys in, frames out; every wake-up has a cause (an input edge, a held button's
 * deadline, the idle timeout, a signal, the systemd watchdog, a retry after a fault). What a
 * key does, and what a fault does to the kiosk, is kiosk.c's; this is the event loop. */
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

#include "clock.h"
#include "input.h"
#include "kiosk.h"
#include "log.h"

struct daemon {
	const struct daemon_options *options;
	struct kiosk kiosk;
	bool kiosk_open;
	struct input input;
	struct buttons buttons;
	int signal_fd, button_timer, idle_timer, watchdog_timer, retry_timer, power_timer;
	int64_t retry_armed_ms; /* the deadline retry_timer is armed for; -1: disarmed */
	int64_t power_armed_ms; /* and power_timer */
};

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

/* The retry and booster timers follow the kiosk's deadlines. */
static void follow(int fd, int64_t *armed_ms, int64_t at_ms)
{
	if (at_ms != *armed_ms) {
		arm_at(fd, at_ms);
		*armed_ms = at_ms;
	}
}

/* One line per key where a person or a script is watching (tty and stdin input). */
static void describe(struct daemon *d, struct session *s, enum key key)
{
	const struct content *c = session_content(s);
	const struct menu_state *st = session_state(s);
	const char *eol = d->input.kind == INPUT_TTY ? "\r\n" : "\n";

	if (d->input.kind != INPUT_TTY && d->input.kind != INPUT_STDIN)
		return;
	if (st->page >= 0)
		fprintf(stderr, "[%s] %s, screen %d/%d%s%s", key_name(key),
			c->pages[st->page].title, st->screen + 1,
			session_screen_count(s, st->page, st->large_text),
			st->large_text ? ", large text" : "", eol);
	else
		fprintf(stderr, "[%s] %s: %s%s%s", key_name(key), c->items[menu_current(st)].title,
			c->items[menu_selected_item(st, c)].title,
			st->large_text ? ", large text" : "", eol);
}

static void press(struct daemon *d, enum key key)
{
	struct kiosk_step step;
	struct session *s;
	int idle = d->options->config.idle_timeout_s;

	kiosk_step(&d->kiosk, key, &step);
	s = kiosk_session(&d->kiosk);
	if (!s)
		return; /* out of service: the key only tried the content again */
	describe(d, s, key);
	if (key == KEY_IDLE) {
		/* Nobody is reading: the panel sleeps until the next key wakes it by reset. */
		kiosk_idle(&d->kiosk);
		arm_at(d->idle_timer, -1);
	} else if (idle > 0) {
		arm_at(d->idle_timer, clock_ms() + (int64_t)idle * 1000);
	}
}

/* stdin's "fault:NAME" lines: faults injected into the emulated panel, for the tests and for
 * trying the kiosk's behaviour by hand. */
static void inject_fault(struct daemon *d, const char *command)
{
	const char *name = command + strlen("fault:");
	struct display *display = kiosk_display(&d->kiosk);
	int rc = display && display_is_emulated(display) ? display_inject_fault(display, name) : -2;

	if (rc == -2)
		LOG_WARN_MSG("stdin: '%s' ignored: faults can be injected only into an emulated "
			     "panel (--panel sim:MODEL)",
			     command);
	else if (rc == -1)
		LOG_WARN_MSG("stdin: unknown fault '%s'; use " DISPLAY_FAULT_NAMES, name);
	else
		LOG_INFO_MSG("emulated panel: fault %s", name);
}

void daemon_panel_wiring(const struct config *c, struct spidev_config *wiring)
{
	*wiring = (struct spidev_config){
	    .device = c->spi_device,
	    .speed_hz = c->spi_speed_hz,
	    .chip_label = c->gpio_chip[0] ? c->gpio_chip : NULL,
	    .dc = c->pin_dc,
	    .rst = c->pin_rst,
	    .busy = c->pin_busy,
	    .pwr = c->pin_pwr,
	    .has_pwr = c->has_pwr,
	};
}

static int setup(struct daemon *d, struct inkref_error *err)
{
	const struct config *c = &d->options->config;
	struct kiosk_options ko = {
	    .session = {c->content[0] ? c->content : NULL, NULL, NULL, d->options->glyph_mode,
			c->large_text, d->options->today},
	    .png = c->png,
	    .display = {c->spi_speed_hz, 20, c->full_every, NULL, false, true},
	    .full_every = c->full_every,
	    .power_hold_ms = c->power_hold_ms,
	    .temperature_path = c->temperature_path,
	    .layout_all = true,
	};
	struct panel_spec spec;
	sigset_t mask;

	daemon_panel_wiring(c, &ko.wiring);

	if (panel_spec_parse(c->panel, &spec) < 0) {
		err_set(err, EXIT_CONFIG, "", 0, "unknown panel '%s'", c->panel);
		return -1;
	}
	d->kiosk_open = true;
	if (kiosk_open(&d->kiosk, &spec, &ko, err) < 0)
		return -1;
	if (input_open(&d->input, c->input, c, err) < 0)
		return -1;
	buttons_init(&d->buttons,
		     &(struct buttons_config){c->debounce_ms, c->long_press_ms, c->repeat_delay_ms,
					      c->repeat_interval_ms});
	sigemptyset(&mask);
	sigaddset(&mask, SIGHUP);
	sigaddset(&mask, SIGTERM);
	sigaddset(&mask, SIGINT);
	sigprocmask(SIG_BLOCK, &mask, NULL);
	d->signal_fd = signalfd(-1, &mask, SFD_CLOEXEC | SFD_NONBLOCK);
	d->button_timer = timerfd_create(CLOCK_MONOTONIC, TFD_CLOEXEC | TFD_NONBLOCK);
	d->idle_timer = timerfd_create(CLOCK_MONOTONIC, TFD_CLOEXEC | TFD_NONBLOCK);
	d->power_timer = timerfd_create(CLOCK_MONOTONIC, TFD_CLOEXEC | TFD_NONBLOCK);
	d->watchdog_timer = timerfd_create(CLOCK_MONOTONIC, TFD_CLOEXEC | TFD_NONBLOCK);
	d->retry_timer = timerfd_create(CLOCK_MONOTONIC, TFD_CLOEXEC | TFD_NONBLOCK);
	/* A journal stream that closes must cost log lines, not the kiosk. */
	signal(SIGPIPE, SIG_IGN);
	if (d->signal_fd < 0 || d->button_timer < 0 || d->idle_timer < 0 || d->power_timer < 0 ||
	    d->watchdog_timer < 0 || d->retry_timer < 0) {
		err_set(err, EXIT_SOFTWARE, "", 0, "cannot create the event loop: %s",
			strerror(errno));
		return -1;
	}
	return 0;
}

static void teardown(struct daemon *d)
{
	input_close(&d->input);
	if (d->kiosk_open)
		kiosk_close(&d->kiosk);
	if (d->signal_fd > 0)
		close(d->signal_fd);
	if (d->button_timer > 0)
		close(d->button_timer);
	if (d->idle_timer > 0)
		close(d->idle_timer);
	if (d->power_timer > 0)
		close(d->power_timer);
	if (d->watchdog_timer > 0)
		close(d->watchdog_timer);
	if (d->retry_timer > 0)
		close(d->retry_timer);
}

static void start_watchdog(struct daemon *d)
{
	uint64_t watchdog_usec = 0;

	if (sd_watchdog_enabled(0, &watchdog_usec) > 0 && watchdog_usec > 0) {
		/* The only periodic wake-up, and only when systemd asks for one. */
		struct itimerspec spec = {{0, 0}, {0, 0}};
		spec.it_interval.tv_sec = (time_t)(watchdog_usec / 2000000);
		spec.it_interval.tv_nsec = (long)(watchdog_usec / 2 % 1000000) * 1000;
		spec.it_value = spec.it_interval;
		timerfd_settime(d->watchdog_timer, 0, &spec, NULL);
	}
}

/* One pass of the loop: waits for a cause, then handles it. false when the kiosk is to stop;
 * *status takes an exit code on a fault that ends it. */
static bool handle_events(struct daemon *d, int *status)
{
	struct pollfd fds[7] = {
	    {d->signal_fd, POLLIN, 0},
	    {d->button_timer, POLLIN, 0},
	    {d->idle_timer, POLLIN, 0},
	    {d->watchdog_timer, POLLIN, 0},
	    {d->input.closed ? -1 : d->input.fd, POLLIN, 0},
	    {d->retry_timer, POLLIN, 0},
	    {d->power_timer, POLLIN, 0},
	};
	enum key keys[64];
	int count = 0, i;
	bool quit = false, running = true;

	follow(d->retry_timer, &d->retry_armed_ms, kiosk_retry_deadline_ms(&d->kiosk));
	follow(d->power_timer, &d->power_armed_ms, kiosk_power_off_deadline_ms(&d->kiosk));
	/* Lines already read wait in the input, not in the kernel: no poll for them. */
	if (d->input.pending_len > 0) {
		for (i = 0; i < 7; i++)
			fds[i].revents = 0;
		fds[4].revents = POLLIN;
	} else if (poll(fds, 7, -1) < 0) {
		if (errno == EINTR)
			return true;
		LOG_ERR_MSG("poll: %s", strerror(errno));
		*status = EXIT_SOFTWARE;
		return false;
	}
	if (fds[0].revents & POLLIN) {
		struct signalfd_siginfo info;
		while (read(d->signal_fd, &info, sizeof(info)) == sizeof(info)) {
			if (info.ssi_signo == SIGHUP) {
				kiosk_reload(&d->kiosk);
				input_retry(&d->input, clock_ms(), true);
			} else
				running = false;
		}
	}
	if (fds[3].revents & POLLIN) {
		drain(d->watchdog_timer);
		sd_notify(0, "WATCHDOG=1");
	}
	if (fds[5].revents & POLLIN) {
		drain(d->retry_timer);
		d->retry_armed_ms = -1;
		kiosk_retry(&d->kiosk);
	}
	if (fds[6].revents & POLLIN) {
		drain(d->power_timer);
		d->power_armed_ms = -1;
		kiosk_power_off(&d->kiosk);
	}
	if (fds[4].revents & (POLLIN | POLLHUP | POLLERR))
		count += input_read(&d->input, &d->buttons, clock_ms(), keys, 64, &quit);
	if (fds[1].revents & POLLIN) {
		drain(d->button_timer);
		count += buttons_tick(&d->buttons, clock_ms(), keys + count, 64 - count);
		input_retry(&d->input, clock_ms(), false);
	}
	if (fds[2].revents & POLLIN) {
		drain(d->idle_timer);
		if (count < 64)
			keys[count++] = KEY_IDLE;
	}
	for (i = 0; i < count && running; i++)
		press(d, keys[i]);
	if (d->input.command[0]) {
		inject_fault(d, d->input.command);
		d->input.command[0] = '\0';
	}
	/* One timer for the buttons' long presses and repeats and for a missing keypad's next
	 * try, whichever comes first. */
	{
		int64_t buttons_at = buttons_deadline(&d->buttons);
		int64_t input_at = input_retry_deadline_ms(&d->input);
		arm_at(d->button_timer, buttons_at < 0 || (input_at >= 0 && input_at < buttons_at)
					    ? input_at
					    : buttons_at);
	}
	if (quit || (d->input.closed && d->input.pending_len == 0 && d->input.kind != INPUT_GPIO))
		running = false; /* q in the terminal, or the end of a script */
	if (d->input.failed && !*status)
		*status = EXIT_IOERR; /* an input fault is never a success */
	return running;
}

int daemon_run(const struct daemon_options *options)
{
	struct daemon d;
	struct inkref_error err;
	struct display *display;
	const struct panel_model *panel;
	int status = 0;

	memset(&d, 0, sizeof(d));
	d.options = options;
	d.signal_fd = d.button_timer = d.idle_timer = d.watchdog_timer = d.retry_timer = -1;
	d.power_timer = -1;
	d.retry_armed_ms = d.power_armed_ms = -1;
	err_clear(&err);
	if (setup(&d, &err) < 0) {
		err_print(&err);
		teardown(&d);
		return err.code ? err.code : EXIT_SOFTWARE;
	}
	panel = kiosk_panel_model(&d.kiosk);
	kiosk_start(&d.kiosk);
	if (options->config.idle_timeout_s > 0)
		arm_at(d.idle_timer, clock_ms() + (int64_t)options->config.idle_timeout_s * 1000);
	start_watchdog(&d);
	/* Ready even when out of service: the kiosk is up and says so on its screen. */
	sd_notify(0, "READY=1");
	kiosk_notify_status(&d.kiosk);
	if (kiosk_session(&d.kiosk))
		LOG_INFO_MSG("ready: content %s on %s, keys from %s",
			     session_content(kiosk_session(&d.kiosk))->content_version, panel->name,
			     options->config.input);
	else
		LOG_INFO_MSG("ready, out of service, on %s, keys from %s", panel->name,
			     options->config.input);
	while (handle_events(&d, &status))
		;
	sd_notify(0, "STOPPING=1");
	display = kiosk_display(&d.kiosk);
	if (display && display_is_emulated(display)) {
		long checks, mismatches;
		bool refused;
		display_glass_counts(display, &checks, &mismatches, &refused);
		LOG_INFO_MSG(
		    "emulated panel: glass compared with the framebuffer after %ld frames: "
		    "%ld mismatches",
		    checks, mismatches);
		if ((mismatches || refused) && !status)
			status = EXIT_SOFTWARE;
	}
	LOG_INFO_MSG("stopping: panel to deep sleep");
	teardown(&d);
	return status;
}
