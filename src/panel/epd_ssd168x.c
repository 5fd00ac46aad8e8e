/* SPDX-License-Identifier: MIT */
/* epd_ssd168x: the Solomon SSD1683 (Waveshare 4.2" V2, 400x300) and SSD1680 (2.7" V2,
 * 176x264). BW RAM (0x24) holds the new image, RED RAM (0x26) the previous one that the
 * differential waveform compares against. After each partial the windows are written into
 * both RAMs again, or the two drift apart and ghosting accumulates. RAM bit 1 is white. */
#include <errno.h>

#include "epd.h"

static int wait(struct epd *epd, const char *what)
{
	return epd_wait(epd, what);
}

/* Sets the RAM window and puts the address counters at its start. The X registers count
 * bytes, not pixels: a vendor driver sent the pixel x to 0x4E, which lands the data 8
 * times too far right. */
static int set_window(struct epd *epd, struct rect r)
{
	int x0 = r.x / 8, x1 = (r.x + r.w - 1) / 8, y1 = r.y + r.h - 1;
	int rc = epd_cmd(epd, 0x44, (const uint8_t[]){(uint8_t)x0, (uint8_t)x1}, 2);

	if (rc == 0)
		rc = epd_cmd(epd, 0x45,
			     (const uint8_t[]){(uint8_t)(r.y & 0xff), (uint8_t)(r.y >> 8),
					       (uint8_t)(y1 & 0xff), (uint8_t)(y1 >> 8)},
			     4);
	if (rc == 0)
		rc = epd_cmd(epd, 0x4e, (const uint8_t[]){(uint8_t)x0}, 1);
	if (rc == 0)
		rc = epd_cmd(epd, 0x4f,
			     (const uint8_t[]){(uint8_t)(r.y & 0xff), (uint8_t)(r.y >> 8)}, 2);
	return rc;
}

static int write_ram(struct epd *epd, uint8_t ram, const struct fb *frame, struct rect r)
{
	int rc = set_window(epd, r);

	if (rc == 0)
		rc = epd_cmd(epd, ram, NULL, 0);
	if (rc == 0)
		rc = epd_send_window(epd, frame, r, true);
	return rc;
}

static int ssd168x_init(struct epd *epd)
{
	int mux = epd->model->ram_height - 1;
	int rc = epd->transport->ops->reset(epd->transport->context);

	if (rc == 0)
		rc = wait(epd, "reset");
	if (rc == 0)
		rc = epd_cmd(epd, 0x12, NULL, 0); /* software reset */
	if (rc == 0)
		rc = wait(epd, "software reset");
	if (rc == 0)
		rc =
		    epd_cmd(epd, 0x01,
			    (const uint8_t[]){(uint8_t)(mux & 0xff), (uint8_t)(mux >> 8), 0x00}, 3);
	if (rc == 0)
		rc = epd_cmd(epd, 0x11, (const uint8_t[]){0x03}, 1); /* x then y increment */
	if (rc == 0)
		rc = epd_cmd(epd, 0x3c, (const uint8_t[]){0x05}, 1); /* border follows the LUT */
	if (rc == 0)
		rc = epd_cmd(epd, 0x18, (const uint8_t[]){0x80},
			     1); /* internal temperature sensor */
	return rc;
}

static int activate(struct epd *epd, uint8_t sequence, const char *what)
{
	int rc = epd_cmd(epd, 0x22, &sequence, 1);

	if (rc == 0)
		rc = epd_cmd(epd, 0x20, NULL, 0);
	if (rc == 0)
		rc = wait(epd, what);
	return rc;
}

/* The booster stays on after a refresh (GxEPD2's 0xF4/0xD4/0xFC sequences, not the vendor's
 * 0xF7/0xC7/0xFF, which power off each time): keys in a row pay its power on and off once. */
#define SEQ_FULL      0xf4 /* clock, analog on, sensor temperature, LUT, display */
#define SEQ_FAST      0xd4 /* clock, analog on, LUT from the forced temperature, display */
#define SEQ_PARTIAL   0xfc /* clock, analog on, sensor temperature, LUT, mode 2, display */
#define SEQ_POWER_OFF 0x83 /* analog off, oscillator off */

static int ssd168x_power_off(struct epd *epd)
{
	int rc = activate(epd, SEQ_POWER_OFF, "power off");

	epd->powered = false;
	return rc;
}

static int ssd168x_full(struct epd *epd, const struct fb *frame, enum refresh_mode mode)
{
	struct rect whole = {0, 0, frame->width, frame->height};
	/* RED ignored by the full waveform; written too, so the next partial compares against
	 * this frame. */
	int rc = epd_cmd(epd, 0x21, (const uint8_t[]){0x40, 0x00}, 2);

	if (rc == 0)
		rc = write_ram(epd, 0x26, frame, whole);
	if (rc == 0)
		rc = write_ram(epd, 0x24, frame, whole);
	if (rc == 0 && mode == REFRESH_FAST) {
		/* The fast waveform: a forced temperature, then one activation that loads its LUT
		 * and drives the glass (GxEPD2's; the vendor loads the LUT in an activation of its
		 * own first). Both bytes of the 12-bit register: the second, its 1/16 °C bits,
		 * zero, so nothing of an earlier value stays. */
		rc = epd_cmd(epd, 0x1a, (const uint8_t[]){(uint8_t)epd->model->fast_celsius, 0x00},
			     2);
		if (rc == 0)
			rc = activate(epd, SEQ_FAST, "fast refresh");
	} else if (rc == 0) {
		/* 0xF4 reads the sensor first: a temperature forced for a fast refresh is gone. */
		rc = activate(epd, SEQ_FULL, "full refresh");
	}
	epd->powered = rc == 0;
	epd->old_ram_known = rc == 0;
	return rc;
}

static int ssd168x_partial(struct epd *epd, const struct fb *frame, const struct rect *windows,
			   int count)
{
	int rc = epd_cmd(epd, 0x21, (const uint8_t[]){0x00, 0x00}, 2), i;

	for (i = 0; rc == 0 && i < count; i++)
		rc = write_ram(epd, 0x24, frame, windows[i]);
	if (rc == 0)
		rc = activate(epd, SEQ_PARTIAL, "partial refresh");
	epd->powered = rc == 0;
	/* RED and BW both hold the new image again, or the next partial compares against a
	 * stale one and leaves pixels undriven. */
	for (i = 0; rc == 0 && i < count; i++) {
		rc = write_ram(epd, 0x26, frame, windows[i]);
		if (rc == 0)
			rc = write_ram(epd, 0x24, frame, windows[i]);
	}
	return rc;
}

static int ssd168x_sleep(struct epd *epd)
{
	int rc = epd->powered ? ssd168x_power_off(epd) : 0;

	if (rc == 0)
		rc = epd_cmd(epd, 0x10, (const uint8_t[]){0x01}, 1); /* mode 1: RAM kept */
	return rc;
}

const struct epd_ops epd_ssd168x_ops = {ssd168x_init, ssd168x_full, ssd168x_partial,
					ssd168x_power_off, ssd168x_sleep};
