/* SPDX-License-Identifier: MIT */
/* input: reads each kind of source without blocking; the event loop only calls it when its
 * descriptor is readable. */
#include "input.h"

#include <errno.h>
#include <fcntl.h>
#include <linux/input.h>
#include <stdio.h>
#include <string.h>
#include <sys/ioctl.h>
#include <time.h>
#include <unistd.h>

#include "clock.h"
#include "input_tty.h"
#include "log.h"

bool input_spec_valid(const char *spec)
{
	return !strcmp(spec, "gpio") || !strcmp(spec, "tty") || !strcmp(spec, "stdin") ||
	       (!strncmp(spec, "evdev:", 6) && spec[6]);
}

#define RETRY_FIRST_S 2
#define RETRY_MAX_S   60

/* Opens the keypad or the GPIO lines. Returns 0; 1 for a fault that can clear (err says
 * which); -1 for a mistake no retry mends (err). */
static int connect_source(struct input *in, struct inkref_error *err)
{
	if (in->kind == INPUT_GPIO) {
		in->gpio = gpio_open(&in->request, err);
		if (!in->gpio)
			return 1;
		in->fd = gpio_event_fd(in->gpio);
		return 0;
	}
	in->fd = open(in->spec + 6, O_RDONLY | O_NONBLOCK | O_CLOEXEC);
	if (in->fd < 0) {
		err_set(err, errno == ENOENT ? EXIT_NOINPUT : EXIT_IOERR, in->spec + 6, 0,
			"cannot open the input device: %s%s", strerror(errno),
			errno == EACCES ? " (is inkref in the input group?)" : "");
		return 1;
	}
	/* Only the kernel's input devices answer this: a file, a FIFO or /dev/null would give
	 * end of input on every read, and the event loop would wake for it forever. */
	{
		int version;
		if (ioctl(in->fd, EVIOCGVERSION, &version) < 0) {
			err_set(err, EXIT_NOINPUT, in->spec + 6, 0,
				"not an input device (evdev); use /dev/input/eventN or "
				"/dev/input/by-id/...");
			close(in->fd);
			in->fd = -1;
			return -1;
		}
	}
	/* The kernel stamps events with the wall clock unless told otherwise; the button
	 * timers run on the monotonic clock, and a long press or a repeat is the difference of
	 * the two. */
	{
		int clock = CLOCK_MONOTONIC;
		if (ioctl(in->fd, EVIOCSCLOCKID, &clock) < 0) {
			err_set(err, EXIT_IOERR, in->spec + 6, 0,
				"cannot set the input device's clock: %s", strerror(errno));
			close(in->fd);
			in->fd = -1;
			return 1;
		}
	}
	return 0;
}

/* The source is gone: no descriptor, a retry on the timer, the fault logged once. */
static void lose_source(struct input *in, const char *why)
{
	if (in->gpio)
		gpio_close(in->gpio);
	else if (in->fd >= 0)
		close(in->fd);
	in->gpio = NULL;
	in->fd = -1;
	if (!in->missing)
		in->retry_s = RETRY_FIRST_S;
	in->missing = true;
	in->retry_at_ms = clock_ms() + (int64_t)in->retry_s * 1000;
	if (strcmp(in->fault, why) != 0) {
		LOG_ERR_MSG("keys: %s; going on without them, retrying", why);
		snprintf(in->fault, sizeof(in->fault), "%s", why);
	}
}

static void lose_source_err(struct input *in, const struct inkref_error *err)
{
	char why[sizeof(in->fault)];

	snprintf(why, sizeof(why), "%s%s%s", err->file, err->file[0] ? ": " : "", err->message);
	lose_source(in, why);
}

int64_t input_retry_deadline_ms(const struct input *in)
{
	return in->missing ? in->retry_at_ms : -1;
}

bool input_retry(struct input *in, int64_t now_ms, bool force)
{
	struct inkref_error err;
	int rc;

	if (!in->missing || (!force && now_ms < in->retry_at_ms))
		return false;
	err_clear(&err);
	rc = connect_source(in, &err);
	if (rc == 0) {
		in->missing = false;
		in->fault[0] = '\0';
		LOG_INFO_MSG("keys from %s again", in->spec);
		return true;
	}
	in->retry_s = in->retry_s * 2 > RETRY_MAX_S ? RETRY_MAX_S : in->retry_s * 2;
	lose_source_err(in, &err);
	return false;
}

int input_open(struct input *in, const char *spec, const struct config *config,
	       struct inkref_error *err)
{
	struct inkref_error fault;
	int i, rc;

	memset(in, 0, sizeof(*in));
	in->fd = -1;
	if (strcmp(spec, "tty") == 0 || strcmp(spec, "stdin") == 0) {
		in->kind = spec[0] == 't' ? INPUT_TTY : INPUT_STDIN;
		in->fd = STDIN_FILENO;
		if (in->kind == INPUT_TTY) {
			if (tty_raw_begin(STDIN_FILENO) < 0) {
				err_set(err, EXIT_USAGE, "", 0,
					"--input tty: standard input is not a terminal");
				return -1;
			}
			in->raw_tty = true;
		}
		return 0;
	}
	if (!input_spec_valid(spec)) {
		err_set(err, EXIT_USAGE, "", 0, "unknown input '%s'; use " INPUT_SPEC_FORMS, spec);
		return -1;
	}
	snprintf(in->spec, sizeof(in->spec), "%s", spec);
	if (strcmp(spec, "gpio") == 0) {
		in->kind = INPUT_GPIO;
		snprintf(in->chip_label, sizeof(in->chip_label), "%s", config->gpio_chip);
		in->request.chip_label = in->chip_label[0] ? in->chip_label : NULL;
		in->request.consumer = "inkref-keys";
		for (i = 0; i < BUTTON_COUNT; i++)
			in->request.inputs[i] = config->key_pins[i];
		in->request.input_count = BUTTON_COUNT;
		in->request.inputs_pull_up = true; /* the keys pull the line to ground */
		in->request.debounce_us = (unsigned)config->debounce_ms * 1000;
	} else {
		in->kind = INPUT_EVDEV;
	}
	err_clear(&fault);
	rc = connect_source(in, &fault);
	if (rc < 0) {
		*err = fault;
		return -1;
	}
	if (rc > 0)
		lose_source_err(in, &fault);
	return 0;
}

void input_close(struct input *in)
{
	if (in->raw_tty)
		tty_raw_end(STDIN_FILENO);
	if (in->gpio)
		gpio_close(in->gpio);
	else if (in->kind == INPUT_EVDEV && in->fd >= 0)
		close(in->fd);
	memset(in, 0, sizeof(*in));
	in->fd = -1;
}

/* An input that cannot be read any more. The kiosk stops taking keys from it, and an end that
 * comes from a fault is never an exit with success (see input.failed). */
static void input_fault(struct input *in, const char *what, int error)
{
	LOG_ERR_MSG("%s: cannot read the keys: %s", what, error ? strerror(error) : "end of input");
	in->closed = true;
	in->failed = true;
}

/* A read that gave nothing: n < 0 with EINTR or EAGAIN is only a wake-up without data; n == 0
 * is the end of input. Returns true when the source is done (closed, and failed on an error). */
static bool read_ended(struct input *in, ssize_t n, const char *what)
{
	if (n > 0)
		return false;
	if (n < 0 && (errno == EINTR || errno == EAGAIN))
		return true;
	if (n == 0)
		in->closed = true;
	else
		input_fault(in, what, errno);
	return true;
}

static int read_lines(struct input *in, enum key *out, int max)
{
	char buf[sizeof(in->pending)];
	ssize_t n;
	int count = 0;

	in->command[0] = '\0';
	if (in->pending_len > 0) {
		n = (ssize_t)in->pending_len;
		memcpy(buf, in->pending, in->pending_len);
		in->pending_len = 0;
	} else {
		n = read(in->fd, buf, sizeof(buf));
	}
	if (read_ended(in, n, "standard input"))
		return 0;
	for (ssize_t i = 0; i < n; i++) {
		enum key key;
		if (count == max) {
			/* out is full: the rest waits for the next call, nothing is dropped. */
			in->pending_len = (size_t)(n - i);
			memcpy(in->pending, buf + i, in->pending_len);
			return count;
		}
		if (buf[i] != '\n') {
			/* A NUL byte would end the name early: "up\0x" is no key, not "up". */
			if (in->line_len < sizeof(in->line) - 1)
				in->line[in->line_len++] = buf[i] ? buf[i] : '?';
			continue;
		}
		in->line[in->line_len] = '\0';
		in->line_len = 0;
		if (!in->line[0])
			continue;
		if (strncmp(in->line, "fault:", 6) == 0) {
			snprintf(in->command, sizeof(in->command), "%.63s", in->line);
			in->pending_len = (size_t)(n - i - 1);
			memcpy(in->pending, buf + i + 1, in->pending_len);
			return count;
		}
		key = key_from_name(in->line);
		if (key == KEY_NONE)
			LOG_WARN_MSG("stdin: unknown key '%s' ignored", in->line);
		else
			out[count++] = key;
	}
	return count;
}

static int read_tty(struct input *in, enum key *out, int max, bool *quit)
{
	char buf[64];
	ssize_t n = read(in->fd, buf, sizeof(buf));
	size_t at = 0;
	int count = 0;

	if (read_ended(in, n, "the terminal"))
		return 0;
	while (at < (size_t)n) {
		enum key key;
		size_t used = tty_decode(buf + at, (size_t)n - at, &key, quit);
		if (used == 0)
			break;
		at += used;
		if (key != KEY_NONE && count < max)
			out[count++] = key;
	}
	return count;
}

static int evdev_button(unsigned code)
{
	switch (code) {
	case KEY_UP: return BUTTON_UP;
	case KEY_DOWN: return BUTTON_DOWN;
	case KEY_ENTER:
	case KEY_KPENTER:
	case KEY_OK:
	case KEY_SELECT:
	case KEY_RIGHT: return BUTTON_OK;
	case KEY_BACKSPACE:
	case KEY_ESC:
	case KEY_BACK:
	case KEY_LEFT: return BUTTON_BACK;
	default: return -1;
	}
}

#define EVDEV_SECONDS_MAX (INT64_C(1) << 45) /* about a million years */

static int read_evdev(struct input *in, struct buttons *buttons, int64_t now_ms, enum key *out,
		      int max)
{
	struct input_event events[32];
	ssize_t n = read(in->fd, events, sizeof(events));
	int count = 0;

	/* An input device never ends: a read of 0 means the file is something else, and an
	 * unplugged keypad (ENODEV) or any other error is a fault, not a clean stop. */
	if (n == 0) {
		input_fault(in, "the keypad", 0);
		return 0;
	}
	if (n < 0 && errno == ENODEV) {
		/* A key held when the cable came out is released, silently. */
		struct buttons_config config = buttons->config;
		buttons_init(buttons, &config);
		lose_source(in, "the keypad was unplugged");
		return 0;
	}
	if (read_ended(in, n, "the keypad"))
		return 0;
	for (ssize_t i = 0; i < n / (ssize_t)sizeof(events[0]); i++) {
		const struct input_event *e = &events[i];
		int button = evdev_button(e->code);
		/* The kernel stamps events on CLOCK_MONOTONIC; a stamp no clock reaches (past a
		 * million years, or before 0) is taken as now, not multiplied past int64_t. */
		int64_t sec = e->input_event_sec, usec = e->input_event_usec; /* 32 bits on armhf */
		int64_t t = sec >= 0 && sec < EVDEV_SECONDS_MAX && usec >= 0 && usec < 1000000
				? sec * 1000 + usec / 1000
				: now_ms;
		/* Value 2 is the keyboard's own auto-repeat: ours is the one that counts. */
		if (e->type != EV_KEY || button < 0 || e->value == 2)
			continue;
		count += buttons_edge(buttons, (enum button)button, e->value == 1, t, out + count,
				      max - count);
	}
	return count;
}

static int read_gpio(struct input *in, struct buttons *buttons, int64_t now_ms, enum key *out,
		     int max)
{
	int count = 0, i;

	gpio_drain_events(in->gpio);
	for (i = 0; i < BUTTON_COUNT; i++) {
		int level = gpio_get(in->gpio, i);
		if (level < 0)
			continue;
		/* Active low: a pressed key pulls its line to ground. */
		count += buttons_edge(buttons, (enum button)i, level == 0, now_ms, out + count,
				      max - count);
	}
	return count;
}

int input_read(struct input *in, struct buttons *buttons, int64_t now_ms, enum key *out, int max,
	       bool *quit)
{
	*quit = false;
	switch (in->kind) {
	case INPUT_STDIN: return read_lines(in, out, max);
	case INPUT_TTY: return read_tty(in, out, max, quit);
	case INPUT_EVDEV: return read_evdev(in, buttons, now_ms, out, max);
	case INPUT_GPIO: return read_gpio(in, buttons, now_ms, out, max);
	}
	return 0;
}
