/* SPDX-License-Identifier: MIT */
/* epd: what all the drivers share: orientation, sending windows, and the recover-once policy
 * around a refresh. */
#include "epd.h"

#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

void epd_init_struct(struct epd *epd, const struct panel_model *model, struct transport *transport)
{
	memset(epd, 0, sizeof(*epd));
	epd->model = model;
	epd->transport = transport;
	epd->busy_timeout_ms = 10000;
}

void epd_to_native(const struct panel_model *model, const struct fb *view, struct fb *native)
{
	int x, y;

	if (!model->rotated) {
		memcpy(native->bits, view->bits, (size_t)native->stride * (size_t)native->height);
		return;
	}
	/* A quarter turn clockwise: the reader's left edge is the RAM's top row. */
	memset(native->bits, 0, (size_t)native->stride * (size_t)native->height);
	for (y = 0; y < view->height; y++) {
		const uint8_t *row = view->bits + y * view->stride;
		int nx = native->width - 1 - y;
		for (x = 0; x < view->width; x++)
			if ((row[x >> 3] >> (7 - (x & 7))) & 1)
				native->bits[x * native->stride + (nx >> 3)] |=
				    (uint8_t)(0x80 >> (nx & 7));
	}
}

static void set_fault(struct epd *epd, const char *what, int rc)
{
	snprintf(epd->fault, sizeof(epd->fault), "%s %s: %s", epd->model->name, what,
		 rc == -ETIMEDOUT ? "BUSY did not release" : strerror(-rc));
}

int epd_cmd(struct epd *epd, uint8_t command, const uint8_t *data, size_t len)
{
	const struct transport_ops *ops = epd->transport->ops;
	int rc = ops->command(epd->transport->context, command);

	if (rc == 0 && len > 0)
		rc = ops->data(epd->transport->context, data, len);
	if (rc < 0) {
		char what[32];
		snprintf(what, sizeof(what), "command 0x%02x", command);
		set_fault(epd, what, rc);
	}
	return rc;
}

int epd_wait(struct epd *epd, const char *what)
{
	int waited = 0;
	int rc =
	    epd->transport->ops->wait_busy(epd->transport->context, epd->busy_timeout_ms, &waited);

	epd->transport->busy_ms += waited;
	if (rc < 0)
		set_fault(epd, what, rc);
	return rc;
}

int epd_send_window(struct epd *epd, const struct fb *frame, struct rect window, bool invert)
{
	/* One buffer for the whole window: transfers are as large as the bus allows, never a
	 * byte at a time (a vendor driver's mistake that costs a syscall per byte). */
	int row_bytes = window.w / 8, y, x;
	size_t len = (size_t)row_bytes * (size_t)window.h;
	uint8_t *buf = malloc(len ? len : 1);
	int rc;

	if (!buf) {
		set_fault(epd, "window buffer", -ENOMEM);
		return -ENOMEM;
	}
	for (y = 0; y < window.h; y++) {
		const uint8_t *src = frame->bits + (window.y + y) * frame->stride + window.x / 8;
		uint8_t *dst = buf + (size_t)y * (size_t)row_bytes;
		for (x = 0; x < row_bytes; x++)
			dst[x] = invert ? (uint8_t)~src[x] : src[x];
	}
	rc = epd->transport->ops->data(epd->transport->context, buf, len);
	if (rc < 0)
		set_fault(epd, "image data", rc);
	free(buf);
	return rc;
}

/* A sysfs temperature: one integer, millidegrees Celsius, rounded to whole degrees. */
static int read_millidegrees(const char *path)
{
	char text[32], *end;
	long milli;
	size_t n;
	FILE *f = fopen(path, "r");

	if (!f)
		return INT_MIN;
	n = fread(text, 1, sizeof(text) - 1, f);
	fclose(f);
	text[n] = '\0';
	errno = 0;
	milli = strtol(text, &end, 10);
	if (errno || end == text || (*end && *end != '\n') || milli < -40000 || milli > 85000)
		return INT_MIN;
	return (int)((milli + (milli < 0 ? -500 : 500)) / 1000);
}

int epd_temperature(struct epd *epd)
{
	int celsius;

	if (epd->temperature_path)
		return read_millidegrees(epd->temperature_path);

	if (!epd->transport->ops->temperature ||
	    epd->transport->ops->temperature(epd->transport->context, &celsius) < 0)
		return INT_MIN;
	return celsius;
}

static int attempt(struct epd *epd, const struct fb *frame, const struct refresh_plan *plan)
{
	enum refresh_mode mode = plan->mode;
	int rc, temperature;

	if (!epd->initialized || epd->asleep) {
		epd->old_ram_known = false;
		epd->powered = false;
		rc = epd->model->ops->init(epd);
		if (rc < 0)
			return rc;
		epd->initialized = true;
		epd->asleep = false;
	}
	/* Fast and partial waveforms ghost and fail in the cold: below 5 °C use the normal one. */
	temperature = epd_temperature(epd);
	if (temperature != INT_MIN && temperature < 5 && mode != REFRESH_NONE)
		mode = REFRESH_FULL;
	epd->last_mode = mode;
	if (mode == REFRESH_PARTIAL)
		return epd->model->ops->partial(epd, frame, plan->windows, plan->window_count);
	return epd->model->ops->full(epd, frame, mode);
}

int epd_show(struct epd *epd, const struct fb *frame, const struct refresh_plan *plan)
{
	struct refresh_plan full = *plan;
	int rc;

	epd->last_mode = plan->mode;
	if (plan->mode == REFRESH_NONE)
		return 0;
	epd->fault[0] = '\0';
	rc = attempt(epd, frame, plan);
	if (rc == 0)
		return 0;
	/* One recovery: reset, init, and a full refresh, since the RAM and the glass may now
	 * disagree anywhere. */
	epd->retries++;
	epd->initialized = false;
	full.mode = REFRESH_FULL;
	{
		char first[sizeof(epd->fault)];
		snprintf(first, sizeof(first), "%s", epd->fault);
		rc = attempt(epd, frame, &full);
		if (rc < 0) {
			char both[sizeof(epd->fault)];
			snprintf(both, sizeof(both), "%.70s; after a reset: %.70s", first,
				 epd->fault);
			snprintf(epd->fault, sizeof(epd->fault), "%s", both);
			epd->initialized = false;
		}
	}
	return rc;
}

int epd_sleep(struct epd *epd)
{
	int rc;

	if (epd->asleep || !epd->initialized)
		return 0;
	rc = epd->model->ops->sleep(epd);
	epd->asleep = rc == 0;
	if (rc == 0) {
		epd->powered = false;
		epd->old_ram_known = false; /* the UC8179 loses both RAMs in deep sleep */
	}
	return rc;
}

int epd_power_off(struct epd *epd)
{
	if (!epd->powered || epd->asleep || !epd->initialized)
		return 0;
	return epd->model->ops->power_off(epd);
}
