/* SPDX-License-Identifier: MIT */
/* daemon: keys in, frames out; every wake-up has a cause (an input edge, a held button's
 * deadline, the idle timeout, a signal, the systemd watchdog). */
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
#include "pngio.h"
#include "session.h"

struct kiosk {
	const struct daemon_options *options;
	struct session session;
	struct display display;
	bool has_display;
	const struct panel_model *panel;
	struct panel_model custom;
	struct input input;
	struct buttons buttons;
	int signal_fd, button_timer, idle_timer, watchdog_timer;
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
	int page, large;

	if (session_open(s, k->panel, &so, err) < 0)
		return -1;
	/* Every page laid out now, in both text sizes: the kiosk takes at start the memory it
	 * will ever need (about half a MiB on the 7.5" panel) and stays flat after, however
	 * far a reader browses, and no page waits for its first layout. A layout that runs out
	 * of memory here is simply tried again when its page opens. */
	for (page = 0; page < s->content.page_count; page++)
		for (large = 0; large < 2; large++)
			view_page_layout(&s->view, page, large);
	return 0;
}

/* Writes the screen image beside its final name and renames it: a viewer never sees half. */
static void publish_png(const struct kiosk *k)
{
	const char *path = k->options->config.png;
	char tmp[300];
	struct inkref_error err;

	if (!path[0])
		return;
	snprintf(tmp, sizeof(tmp), "%s.tmp", path);
	err_clear(&err);
	if (png_write_fb(tmp, k->session.fb, &err) < 0 || rename(tmp, path) < 0) {
		if (!err.code)
			err_set(&err, EXIT_IOERR, path, 0, "cannot replace the screen image: %s",
				strerror(errno));
		LOG_WARN_MSG("%s: %s", err.file, err.message);
	}
}

/* On an emulated panel the glass can be read back: after every refresh it must equal the
 * reader's framebuffer. The comparison is with the framebuffer itself, not with the frame the
 * planner believes the glass shows, so a wrong "nothing changed" is caught too. A mismatch or
 * a command the controller refused is logged, and the daemon exits non-zero at the end:
 * long soak runs through the event loop rest on this. */
static void check_glass(struct kiosk *k)
{
	const char *refused = emulator_error(k->display.emulator);
	long differ = display_glass_mismatch_view(&k->display, k->session.fb, k->glass_frame);

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
			    k->display.model->controller, refused);
		k->refusal_logged = true;
	}
}

static void show(struct kiosk *k, enum menu_change change)
{
	struct display_step step;

	if (session_draw(&k->session) < 0) {
		LOG_ERR_MSG("out of memory while drawing the screen");
		return;
	}
	publish_png(k);
	if (k->has_display && display_show(&k->display, k->session.fb, change, &step) < 0)
		LOG_ERR_MSG("panel fault: %s", k->display.epd.fault);
	else if (k->glass_frame)
		check_glass(k);
}

/* One line per key where a person or a script is watching (tty and stdin input). */
static void describe(const struct kiosk *k, enum key key)
{
	const struct content *c = &k->session.content;
	const struct menu_state *st = &k->session.state;
	const char *eol = k->input.kind == INPUT_TTY ? "\r\n" : "\n";

	if (k->input.kind != INPUT_TTY && k->input.kind != INPUT_STDIN)
		return;
	if (st->page >= 0)
		fprintf(stderr, "[%s] %s, screen %d/%d%s%s", key_name(key),
			c->pages[st->page].title, st->screen + 1,
			view_screen_count((void *)&k->session.view, st->page, st->large_text),
			st->large_text ? ", large text" : "", eol);
	else
		fprintf(stderr, "[%s] %s: %s%s%s", key_name(key), c->items[menu_current(st)].title,
			c->items[menu_selected_item(st, c)].title,
			st->large_text ? ", large text" : "", eol);
}

static void press(struct kiosk *k, enum key key)
{
	enum menu_change change = session_press(&k->session, key);
	int idle = k->options->config.idle_timeout_s;

	if (change != CHANGE_NONE)
		show(k, change);
	describe(k, key);
	if (key == KEY_IDLE) {
		/* Nobody is reading: the panel sleeps until the next key wakes it by reset. */
		if (k->has_display)
			epd_sleep(&k->display.epd);
		arm_at(k->idle_timer, -1);
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

	err_clear(&err);
	if (open_session(k, &fresh, &err) < 0) {
		LOG_ERR_MSG("SIGHUP: keeping the content on screen: %s: %s", err.file, err.message);
		return;
	}
	session_close(&k->session);
	k->session = fresh;
	session_moved(&k->session);
	LOG_INFO_MSG("SIGHUP: content %s from %s (reviewed %s)", k->session.content.content_version,
		     k->session.content.path, k->session.content.reviewed_on);
	show(k, CHANGE_HOME);
}

static int setup(struct kiosk *k, struct inkref_error *err)
{
	const struct config *c = &k->options->config;
	const char *panel = c->panel;
	sigset_t mask;

	/* png[:WxH|:MODEL] draws PNGs only; sim:MODEL drives the emulated controller; a
	 * model name drives the real panel. */
	if (strncmp(panel, "png", 3) == 0) {
		k->panel = panel_find(panel, &k->custom);
		if (!k->panel && strncmp(panel, "png:", 4) == 0)
			k->panel = panel_find(panel + 4, &k->custom);
	} else {
		const char *model = strncmp(panel, "sim:", 4) == 0 ? panel + 4 : panel;
		k->panel = epd_find_model(model) ? panel_find(model, &k->custom) : NULL;
		k->has_display = k->panel != NULL;
	}
	if (!k->panel) {
		err_set(err, EXIT_CONFIG, "", 0, "unknown panel '%s'", panel);
		return -1;
	}
	if (open_session(k, &k->session, err) < 0)
		return -1;
	if (k->has_display) {
		struct display_options dopt = {c->spi_speed_hz, 20, c->full_every, NULL, false};
		int rc = strncmp(panel, "sim:", 4) == 0
			     ? display_open_emulated(&k->display, k->panel->name, &dopt, err)
			     : display_open_hardware(&k->display, k->panel->name, c->spi_device,
						     c->spi_speed_hz, c->full_every, err);
		if (rc < 0) {
			k->has_display = false;
			return -1;
		}
		if (k->display.emulator &&
		    !(k->glass_frame = fb_new(k->display.model->width, k->display.model->height))) {
			err_set(err, EXIT_SOFTWARE, "", 0, "out of memory");
			return -1;
		}
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
	k->watchdog_timer = timerfd_create(CLOCK_MONOTONIC, TFD_CLOEXEC | TFD_NONBLOCK);
	if (k->signal_fd < 0 || k->button_timer < 0 || k->idle_timer < 0 || k->watchdog_timer < 0) {
		err_set(err, EXIT_SOFTWARE, "", 0, "cannot create the event loop: %s",
			strerror(errno));
		return -1;
	}
	return 0;
}

static void teardown(struct kiosk *k)
{
	input_close(&k->input);
	if (k->has_display)
		display_close(&k->display); /* deep sleep, lines released */
	session_close(&k->session);
	fb_free(k->glass_frame);
	if (k->signal_fd > 0)
		close(k->signal_fd);
	if (k->button_timer > 0)
		close(k->button_timer);
	if (k->idle_timer > 0)
		close(k->idle_timer);
	if (k->watchdog_timer > 0)
		close(k->watchdog_timer);
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
	k.signal_fd = k.button_timer = k.idle_timer = k.watchdog_timer = -1;
	err_clear(&err);
	if (setup(&k, &err) < 0) {
		err_print(&err);
		teardown(&k);
		return err.code ? err.code : EXIT_SOFTWARE;
	}
	show(&k, CHANGE_SCREEN);
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
	sd_notifyf(0, "READY=1\nSTATUS=Showing %s on %s", k.session.content.content_version,
		   k.panel->name);
	LOG_INFO_MSG("ready: content %s on %s, keys from %s", k.session.content.content_version,
		     k.panel->name, options->config.input);

	while (running) {
		struct pollfd fds[5] = {
		    {k.signal_fd, POLLIN, 0},
		    {k.button_timer, POLLIN, 0},
		    {k.idle_timer, POLLIN, 0},
		    {k.watchdog_timer, POLLIN, 0},
		    {k.input.closed ? -1 : k.input.fd, POLLIN, 0},
		};
		enum key keys[64];
		int count = 0, i;
		bool quit = false;

		if (poll(fds, 5, -1) < 0) {
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
		arm_at(k.button_timer, buttons_deadline(&k.buttons));
		if (quit || (k.input.closed && k.input.kind != INPUT_GPIO))
			running = false; /* q in the terminal, or the end of a script */
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
