/* SPDX-License-Identifier: MIT */
/* gpio: the two libgpiod APIs behind one small interface; INKREF_GPIOD_V2 is set by the
 * Makefile from pkg-config's libgpiod version. */
#include "gpio.h"

#include <dirent.h>
#include <errno.h>
#include <poll.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <gpiod.h>

static const char *const pi_labels[] = {"pinctrl-rp1", "pinctrl-bcm2711", "pinctrl-bcm2835", NULL};

/* Each API's struct gpio_lines, with its chip open (open_chip is below both). */
struct gpio_lines;
static struct gpio_lines *open_chip(const char *wanted, struct inkref_error *err);

#ifdef INKREF_GPIOD_V2

static bool label_wanted(const char *label, const char *wanted)
{
	int i;

	if (!label)
		return false;
	if (wanted)
		return strcmp(label, wanted) == 0;
	for (i = 0; pi_labels[i]; i++)
		if (strcmp(label, pi_labels[i]) == 0)
			return true;
	return false;
}

struct gpio_lines {
	struct gpiod_chip *chip;
	struct gpiod_line_request *out, *in;
	struct gpiod_edge_event_buffer *events;
	unsigned outputs[GPIO_MAX_LINES], inputs[GPIO_MAX_LINES];
};

/* v2 opens chips by path only: scan /dev for the one with the label. */
static struct gpiod_chip *open_by_label(const char *wanted)
{
	DIR *dir = opendir("/dev");
	struct dirent *entry;
	struct gpiod_chip *found = NULL;

	if (!dir)
		return NULL;
	while (!found && (entry = readdir(dir)) != NULL) {
		char path[300];
		struct gpiod_chip *chip;
		struct gpiod_chip_info *info;
		if (strncmp(entry->d_name, "gpiochip", 8) != 0)
			continue;
		snprintf(path, sizeof(path), "/dev/%s", entry->d_name);
		chip = gpiod_chip_open(path);
		if (!chip)
			continue;
		info = gpiod_chip_get_info(chip);
		if (info && label_wanted(gpiod_chip_info_get_label(info), wanted))
			found = chip;
		if (info)
			gpiod_chip_info_free(info);
		if (!found)
			gpiod_chip_close(chip);
	}
	closedir(dir);
	return found;
}

static struct gpiod_line_request *request_lines(struct gpiod_chip *chip, const unsigned *offsets,
						int count, bool output, const int *values,
						const struct gpio_request *r)
{
	struct gpiod_line_settings *settings = gpiod_line_settings_new();
	struct gpiod_line_config *config = gpiod_line_config_new();
	struct gpiod_request_config *rconfig = gpiod_request_config_new();
	struct gpiod_line_request *request = NULL;
	int i;

	if (!settings || !config || !rconfig)
		goto out;
	gpiod_request_config_set_consumer(rconfig, r->consumer);
	for (i = 0; i < count; i++) {
		gpiod_line_settings_reset(settings);
		if (output) {
			gpiod_line_settings_set_direction(settings, GPIOD_LINE_DIRECTION_OUTPUT);
			gpiod_line_settings_set_output_value(settings,
							     values[i] ? GPIOD_LINE_VALUE_ACTIVE
								       : GPIOD_LINE_VALUE_INACTIVE);
		} else {
			gpiod_line_settings_set_direction(settings, GPIOD_LINE_DIRECTION_INPUT);
			gpiod_line_settings_set_edge_detection(settings, GPIOD_LINE_EDGE_BOTH);
			if (r->inputs_pull_up)
				gpiod_line_settings_set_bias(settings, GPIOD_LINE_BIAS_PULL_UP);
			if (r->debounce_us)
				gpiod_line_settings_set_debounce_period_us(settings,
									   r->debounce_us);
		}
		if (gpiod_line_config_add_line_settings(config, &offsets[i], 1, settings) < 0)
			goto out;
	}
	request = gpiod_chip_request_lines(chip, rconfig, config);
out:
	gpiod_line_settings_free(settings);
	gpiod_line_config_free(config);
	gpiod_request_config_free(rconfig);
	return request;
}

struct gpio_lines *gpio_open(const struct gpio_request *r, struct inkref_error *err)
{
	struct gpio_lines *l = open_chip(r->chip_label, err);

	if (!l)
		return NULL;
	memcpy(l->outputs, r->outputs, sizeof(l->outputs));
	memcpy(l->inputs, r->inputs, sizeof(l->inputs));
	if (r->output_count)
		l->out =
		    request_lines(l->chip, r->outputs, r->output_count, true, r->output_values, r);
	if (r->input_count)
		l->in = request_lines(l->chip, r->inputs, r->input_count, false, NULL, r);
	l->events = gpiod_edge_event_buffer_new(16);
	if ((r->output_count && !l->out) || (r->input_count && !l->in) || !l->events) {
		err_set(err, EXIT_CONFIG, "", 0,
			"cannot request the GPIO lines: %s (in use by another program?)",
			strerror(errno));
		gpio_close(l);
		return NULL;
	}
	return l;
}

void gpio_close(struct gpio_lines *l)
{
	if (!l)
		return;
	if (l->out)
		gpiod_line_request_release(l->out);
	if (l->in)
		gpiod_line_request_release(l->in);
	if (l->events)
		gpiod_edge_event_buffer_free(l->events);
	if (l->chip)
		gpiod_chip_close(l->chip);
	free(l);
}

int gpio_set(struct gpio_lines *l, int index, int value)
{
	return gpiod_line_request_set_value(l->out, l->outputs[index],
					    value ? GPIOD_LINE_VALUE_ACTIVE
						  : GPIOD_LINE_VALUE_INACTIVE) < 0
		   ? -errno
		   : 0;
}

int gpio_get(struct gpio_lines *l, int index)
{
	enum gpiod_line_value v = gpiod_line_request_get_value(l->in, l->inputs[index]);
	return v == GPIOD_LINE_VALUE_ERROR ? -errno : v == GPIOD_LINE_VALUE_ACTIVE;
}

int gpio_event_fd(struct gpio_lines *l)
{
	return l->in ? gpiod_line_request_get_fd(l->in) : -1;
}

int gpio_drain_events(struct gpio_lines *l)
{
	int n = gpiod_line_request_read_edge_events(l->in, l->events, 16);
	return n < 0 ? -errno : n;
}

int gpio_api_version(void)
{
	return 2;
}

#else /* libgpiod v1 */

struct gpio_lines {
	struct gpiod_chip *chip;
	struct gpiod_line *outputs[GPIO_MAX_LINES], *inputs[GPIO_MAX_LINES];
	int output_count, input_count;
	struct pollfd fds[GPIO_MAX_LINES];
};

static struct gpiod_chip *open_by_label(const char *wanted)
{
	int i;

	if (wanted)
		return gpiod_chip_open_by_label(wanted);
	for (i = 0; pi_labels[i]; i++) {
		struct gpiod_chip *chip = gpiod_chip_open_by_label(pi_labels[i]);
		if (chip)
			return chip;
	}
	return NULL;
}

struct gpio_lines *gpio_open(const struct gpio_request *r, struct inkref_error *err)
{
	struct gpio_lines *l = open_chip(r->chip_label, err);
	int i;

	if (!l)
		return NULL;
	for (i = 0; i < r->output_count; i++) {
		l->outputs[i] = gpiod_chip_get_line(l->chip, r->outputs[i]);
		if (!l->outputs[i] ||
		    gpiod_line_request_output(l->outputs[i], r->consumer, r->output_values[i]) < 0)
			goto fail;
		l->output_count++;
	}
	for (i = 0; i < r->input_count; i++) {
		l->inputs[i] = gpiod_chip_get_line(l->chip, r->inputs[i]);
		if (!l->inputs[i] ||
		    gpiod_line_request_both_edges_events_flags(
			l->inputs[i], r->consumer,
			r->inputs_pull_up ? GPIOD_LINE_REQUEST_FLAG_BIAS_PULL_UP : 0) < 0)
			goto fail;
		l->fds[i].fd = gpiod_line_event_get_fd(l->inputs[i]);
		l->fds[i].events = POLLIN;
		l->input_count++;
	}
	return l;
fail:
	err_set(err, EXIT_CONFIG, "", 0,
		"cannot request GPIO line: %s (in use by another program?)", strerror(errno));
	gpio_close(l);
	return NULL;
}

void gpio_close(struct gpio_lines *l)
{
	int i;

	if (!l)
		return;
	for (i = 0; i < l->output_count; i++)
		gpiod_line_release(l->outputs[i]);
	for (i = 0; i < l->input_count; i++)
		gpiod_line_release(l->inputs[i]);
	if (l->chip)
		gpiod_chip_close(l->chip);
	free(l);
}

int gpio_set(struct gpio_lines *l, int index, int value)
{
	return gpiod_line_set_value(l->outputs[index], value) < 0 ? -errno : 0;
}

int gpio_get(struct gpio_lines *l, int index)
{
	int v = gpiod_line_get_value(l->inputs[index]);
	return v < 0 ? -errno : v;
}

int gpio_event_fd(struct gpio_lines *l)
{
	return l->input_count ? l->fds[0].fd : -1;
}

int gpio_drain_events(struct gpio_lines *l)
{
	int i, n = 0;

	for (i = 0; i < l->input_count; i++) {
		struct pollfd p = {l->fds[i].fd, POLLIN, 0};
		struct gpiod_line_event event;
		while (poll(&p, 1, 0) > 0 && gpiod_line_event_read(l->inputs[i], &event) == 0)
			n++;
	}
	return n;
}

int gpio_api_version(void)
{
	return 1;
}

#endif

/* A struct gpio_lines, zeroed, its chip the one labelled wanted (NULL: the Pi's own), opened
 * with the API's own open_by_label. */
static struct gpio_lines *open_chip(const char *wanted, struct inkref_error *err)
{
	struct gpio_lines *l = calloc(1, sizeof(*l));

	if (!l) {
		err_set(err, EXIT_SOFTWARE, "", 0, "out of memory");
		return NULL;
	}
	l->chip = open_by_label(wanted);
	if (!l->chip) {
		err_set(err, EXIT_CONFIG, "/dev", 0,
			"no GPIO chip labelled %s; check the chip label in the configuration",
			wanted ? wanted : "pinctrl-rp1, pinctrl-bcm2711 or pinctrl-bcm2835");
		free(l);
		return NULL;
	}
	return l;
}

int gpio_wait_edge(struct gpio_lines *l, int timeout_ms)
{
#ifdef INKREF_GPIOD_V2
	struct pollfd p = {gpio_event_fd(l), POLLIN, 0};
	int n = poll(&p, 1, timeout_ms);
#else
	int n = poll(l->fds, (nfds_t)l->input_count, timeout_ms);
#endif
	if (n < 0)
		return -errno;
	if (n > 0)
		gpio_drain_events(l);
	return n > 0;
}
