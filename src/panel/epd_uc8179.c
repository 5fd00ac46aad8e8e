/* SPDX-License-Identifier: MIT */
/* epd_uc8179: the UltraChip UC8179 of the Waveshare 7.5" V2 (800x480). Old and new image
 * RAM, with N2OCP set so the controller copies new to old after each refresh: a partial
 * then sends one plane of its windows only. Waveforms come from OTP, picked by a forced
 * temperature (0xE5): 0x5A the fast full one, 0x6E the partial one. */
#include <errno.h>

#include "epd.h"

/* CDI (0x50) byte 0: N2OCP (bit 3) on; DDX 00, so a RAM bit 1 is black, as in our
 * framebuffer; border driven white for full refreshes, floating (bit 7) for partials so the
 * border does not flash. */
#define CDI_FULL    0x18
#define CDI_PARTIAL 0x98

static int power_on(struct epd *epd)
{
	int rc;

	if (epd->powered)
		return 0;
	rc = epd_cmd(epd, 0x04, NULL, 0);
	if (rc == 0)
		rc = epd_wait(epd, "power on");
	epd->powered = rc == 0;
	return rc;
}

/* The booster stays on between refreshes while keys come (GxEPD2 keeps it on between
 * partials too): the display layer turns it off after a quiet time, and sleep always does.
 * Left on for long the high voltages burn the image in and fade it (facts: a 7.5" kiosk that
 * skipped POF); the UC8179 datasheet asks for POF at the end of an update sequence and gives no
 * longer hold, so the quiet time is seconds, not minutes. */
static int uc8179_power_off(struct epd *epd)
{
	int rc = epd_cmd(epd, 0x02, NULL, 0);

	if (rc == 0)
		rc = epd_wait(epd, "power off");
	epd->powered = false;
	return rc;
}

static int uc8179_init(struct epd *epd)
{
	static const uint8_t power[] = {0x07, 0x07, 0x3f, 0x3f};
	static const uint8_t booster[] = {0x17, 0x17, 0x28, 0x17};
	static const uint8_t resolution[] = {0x03, 0x20, 0x01, 0xe0}; /* 800 x 480 */
	static const uint8_t cdi[] = {CDI_FULL, 0x07};
	int rc;

	epd->powered = false;
	rc = epd->transport->ops->reset(epd->transport->context);
	if (rc == 0)
		rc = epd_wait(epd, "reset");
	if (rc == 0)
		rc = epd_cmd(epd, 0x01, power, sizeof(power));
	if (rc == 0)
		rc = epd_cmd(epd, 0x06, booster, sizeof(booster));
	if (rc == 0)
		rc = epd_cmd(epd, 0x00, (const uint8_t[]){0x1f}, 1); /* KW mode, LUT from OTP */
	if (rc == 0)
		rc = epd_cmd(epd, 0x61, resolution, sizeof(resolution));
	if (rc == 0)
		rc = epd_cmd(epd, 0x15, (const uint8_t[]){0x00}, 1);
	if (rc == 0)
		rc = epd_cmd(epd, 0x50, cdi, sizeof(cdi));
	if (rc == 0)
		rc = epd_cmd(epd, 0x60, (const uint8_t[]){0x22}, 1);
	return rc;
}

static int select_waveform(struct epd *epd, enum refresh_mode mode)
{
	int rc;

	if (mode == REFRESH_FULL)
		return epd_cmd(epd, 0xe0, (const uint8_t[]){0x00}, 1); /* the panel's own sensor */
	rc = epd_cmd(epd, 0xe0, (const uint8_t[]){0x02}, 1);
	if (rc == 0)
		rc = epd_cmd(epd, 0xe5, (const uint8_t[]){mode == REFRESH_FAST ? 0x5a : 0x6e}, 1);
	return rc;
}

static int refresh(struct epd *epd, const char *what)
{
	int rc = epd_cmd(epd, 0x12, NULL, 0);

	if (rc == 0)
		rc = epd_wait(epd, what);
	return rc;
}

static int uc8179_full(struct epd *epd, const struct fb *frame, enum refresh_mode mode)
{
	struct rect whole = {0, 0, frame->width, frame->height};
	int rc = power_on(epd);

	if (rc == 0)
		rc = select_waveform(epd, mode);
	if (rc == 0)
		rc = epd_cmd(epd, 0x50, (const uint8_t[]){CDI_FULL, 0x07}, 2);
	/* In KW mode each pixel's waveform is picked by its old and new bits. After power-up or
	 * deep sleep the old RAM holds nothing known: write it, as the vendor does on every full
	 * refresh, with the frame's inverse, so that every pixel takes a transition waveform.
	 * Once written, N2OCP keeps it equal to what the glass shows. */
	if (rc == 0 && !epd->old_ram_known) {
		rc = epd_cmd(epd, 0x10, NULL, 0);
		if (rc == 0)
			rc = epd_send_window(epd, frame, whole, true);
	}
	if (rc == 0)
		rc = epd_cmd(epd, 0x13, NULL, 0);
	if (rc == 0)
		rc = epd_send_window(epd, frame, whole, false);
	if (rc == 0)
		rc = refresh(epd, mode == REFRESH_FAST ? "fast refresh" : "full refresh");
	epd->old_ram_known = rc == 0;
	return rc;
}

static int uc8179_partial(struct epd *epd, const struct fb *frame, const struct rect *windows,
			  int count)
{
	int rc = power_on(epd), i;

	if (rc == 0)
		rc = select_waveform(epd, REFRESH_PARTIAL);
	if (rc == 0)
		rc = epd_cmd(epd, 0x50, (const uint8_t[]){CDI_PARTIAL, 0x07}, 2);
	if (rc == 0)
		rc = epd_cmd(epd, 0x91, NULL, 0);
	for (i = 0; rc == 0 && i < count; i++) {
		const struct rect *w = &windows[i];
		/* The window's end is the last pixel, not one past it: x + w - 1 is always ≡ 7
		 * (mod 8) here, and written as 16 bits, so 255 stays 255 (a vendor driver wrote
		 * (x_end % 256) - 1, which wraps at multiples of 256). */
		int x_end = w->x + w->w - 1, y_end = w->y + w->h - 1;
		uint8_t ptl[9] = {
		    (uint8_t)(w->x >> 8),    (uint8_t)(w->x & 0xff),  (uint8_t)(x_end >> 8),
		    (uint8_t)(x_end & 0xff), (uint8_t)(w->y >> 8),    (uint8_t)(w->y & 0xff),
		    (uint8_t)(y_end >> 8),   (uint8_t)(y_end & 0xff), 0x01,
		};
		rc = epd_cmd(epd, 0x90, ptl, sizeof(ptl));
		if (rc == 0)
			rc = epd_cmd(epd, 0x13, NULL, 0);
		if (rc == 0)
			rc = epd_send_window(epd, frame, *w, false);
	}
	if (rc == 0)
		rc = epd_cmd(epd, 0x92, NULL, 0);
	/* The refresh is differential over the whole glass: only pixels whose old and new RAM
	 * differ are driven, and N2OCP keeps old RAM equal to the glass. */
	if (rc == 0)
		rc = refresh(epd, "partial refresh");
	return rc;
}

/* As the vendor does: the border floating (CDI BDZ) before the power goes, so the power-down
 * does not drive it; then POF, then deep sleep with its check code. */
static int uc8179_sleep(struct epd *epd)
{
	int rc = epd_cmd(epd, 0x50, (const uint8_t[]){0xf7}, 1);

	if (rc == 0 && epd->powered)
		rc = uc8179_power_off(epd);
	if (rc == 0)
		rc = epd_cmd(epd, 0x07, (const uint8_t[]){0xa5}, 1);
	return rc;
}

const struct epd_ops epd_uc8179_ops = {uc8179_init, uc8179_full, uc8179_partial, uc8179_power_off,
				       uc8179_sleep};
