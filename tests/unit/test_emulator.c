/* SPDX-License-Identifier: MIT */
/* test_emulator: raw command streams into each emulated controller, checked against the glass,
 * the RAM effects, the protocol errors and the time charged. */
#include <errno.h>
#include <stdarg.h>
#include <stdlib.h>

#include "../test.h"
#include "emulator.h"

#define SPI_HZ	   10000000u
#define LONG_WAIT  60000
#define UC_STRIDE  100 /* 800 px */
#define UC_HEIGHT  480
#define UC_BYTES   (UC_STRIDE * UC_HEIGHT)
#define S83_STRIDE 50 /* 400 px */
#define S83_HEIGHT 300
#define S80_STRIDE 22 /* 176 px */
#define S80_HEIGHT 264

/* An emulator and the transport that feeds it: the emulator counts into t, so a rig must
 * not move while it is used. */
struct rig {
	struct emulator *emu;
	struct transport t;
};

static int rig_open(struct rig *r, const char *model)
{
	r->emu = emulator_new(panel_model_find(model), SPI_HZ, 21);
	if (!r->emu)
		return -1;
	emulator_transport(r->emu, &r->t);
	return 0;
}

/* A command byte and its parameters, as one data call. 0 or the first failure. */
static int send(struct rig *r, int command, int count, ...)
{
	uint8_t bytes[16];
	va_list ap;
	int i, ret;

	va_start(ap, count);
	for (i = 0; i < count; i++)
		bytes[i] = (uint8_t)va_arg(ap, int);
	va_end(ap);
	ret = r->t.ops->command(r->t.context, (uint8_t)command);
	if (ret < 0 || count == 0)
		return ret;
	return r->t.ops->data(r->t.context, bytes, (size_t)count);
}

static int send_buf(struct rig *r, int command, const uint8_t *bytes, size_t len)
{
	int ret = r->t.ops->command(r->t.context, (uint8_t)command);

	return ret < 0 ? ret : r->t.ops->data(r->t.context, bytes, len);
}

/* A RAM image: rows above split are top, the others bottom. */
static uint8_t *image(int stride, int height, int split, uint8_t top, uint8_t bottom)
{
	uint8_t *bytes = malloc((size_t)stride * (size_t)height);
	int y;

	if (!bytes)
		abort();
	for (y = 0; y < height; y++)
		memset(bytes + (size_t)y * (size_t)stride, y < split ? top : bottom,
		       (size_t)stride);
	return bytes;
}

static int send_image(struct rig *r, int command, int stride, int height, int split, uint8_t top,
		      uint8_t bottom)
{
	uint8_t *bytes = image(stride, height, split, top, bottom);
	int ret = send_buf(r, command, bytes, (size_t)stride * (size_t)height);

	free(bytes);
	return ret;
}

/* Waits for BUSY and returns the ms waited, or the failure. */
static int wait(struct rig *r)
{
	int waited = -1, ret = r->t.ops->wait_busy(r->t.context, LONG_WAIT, &waited);

	return ret < 0 ? ret : waited;
}

/* Times are sums of doubles: compare within a tolerance. */
static bool near_zero(double value, double tolerance)
{
	return value < tolerance && value > -tolerance;
}

static long all_black(const struct fb *fb)
{
	return test_ink(fb, (struct rect){0, 0, fb->width, fb->height});
}

/* Waveshare's UC8179 init, with the CDI byte the test wants (0x10: DDX 0, no N2OCP). */
static int uc_init(struct rig *r, int cdi)
{
	int ret = r->t.ops->reset(r->t.context);

	if (!ret)
		ret = send(r, 0x01, 4, 0x07, 0x07, 0x3F, 0x3F);
	if (!ret)
		ret = send(r, 0x04, 0);
	if (!ret)
		ret = wait(r) < 0 ? -1 : 0;
	if (!ret)
		ret = send(r, 0x00, 1, 0x1F);
	if (!ret)
		ret = send(r, 0x61, 4, 0x03, 0x20, 0x01, 0xE0);
	if (!ret)
		ret = send(r, 0x15, 1, 0x00);
	if (!ret)
		ret = send(r, 0x50, 2, cdi, 0x07);
	if (!ret)
		ret = send(r, 0x60, 1, 0x22);
	return ret;
}

/* Reset and SWRESET, as every SSD168x driver starts. */
static int ssd_init(struct rig *r)
{
	int ret = r->t.ops->reset(r->t.context);

	if (!ret)
		ret = wait(r) < 0 ? -1 : 0;
	if (!ret)
		ret = send(r, 0x12, 0);
	if (!ret)
		ret = wait(r) < 0 ? -1 : 0;
	return ret;
}

/* Display Update Control 2 (0x22) with a sequence byte, then Master Activation (0x20): the
 * SSD168x's refresh. Returns the busy time in ms, or a negative errno if a command is refused. */
static int ssd_update(struct rig *r, int sequence)
{
	int ret = send(r, 0x22, 1, sequence);

	if (!ret)
		ret = send(r, 0x20, 0);
	return ret ? ret : wait(r);
}

/* ---- UC8179 ---- */

static void uc8179_full_refresh_follows_ddx(void)
{
	struct rig r;
	const struct fb *glass;

	CHECK_INT(rig_open(&r, "waveshare-7in5-v2"), 0);
	glass = emulator_glass(r.emu);
	CHECK_INT(glass->width, 800);
	CHECK_INT(glass->height, 480);
	CHECK_INT(all_black(glass), 0); /* the glass starts white */
	CHECK_INT(uc_init(&r, 0x10), 0);
	/* DDX 0: a 1 bit is black. Top 240 rows ones, the rest zeros. */
	CHECK_INT(send_image(&r, 0x13, UC_STRIDE, UC_HEIGHT, 240, 0xFF, 0x00), 0);
	CHECK_INT(send(&r, 0x12, 0), 0);
	CHECK_INT(wait(&r), 5000);
	CHECK_INT(test_ink(glass, (struct rect){0, 0, 800, 240}), 800 * 240);
	CHECK_INT(test_ink(glass, (struct rect){0, 240, 800, 240}), 0);
	/* DDX 1: the same RAM reads the other way round. */
	CHECK_INT(send(&r, 0x50, 2, 0x11, 0x07), 0);
	CHECK_INT(send(&r, 0x12, 0), 0);
	CHECK_INT(wait(&r), 5000);
	CHECK_INT(test_ink(glass, (struct rect){0, 0, 800, 240}), 0);
	CHECK_INT(test_ink(glass, (struct rect){0, 240, 800, 240}), 800 * 240);
	CHECK_INT(emulator_refresh_count(r.emu), 2);
	CHECK(emulator_error(r.emu) == NULL);
	emulator_free(r.emu);
}

static void uc8179_partial_keeps_pixels_where_old_equals_new(void)
{
	struct rig r;
	const struct fb *glass;

	CHECK_INT(rig_open(&r, "waveshare-7in5-v2"), 0);
	glass = emulator_glass(r.emu);
	CHECK_INT(uc_init(&r, 0x10), 0);
	CHECK_INT(send_image(&r, 0x13, UC_STRIDE, UC_HEIGHT, 0, 0x00, 0xFF), 0);
	CHECK_INT(send(&r, 0x12, 0), 0);
	CHECK_INT(wait(&r), 5000);
	CHECK_INT(all_black(glass), 800L * 480);
	/* New is white everywhere; old equals it in the top 100 rows only. */
	CHECK_INT(send_image(&r, 0x10, UC_STRIDE, UC_HEIGHT, 100, 0x00, 0xFF), 0);
	CHECK_INT(send_image(&r, 0x13, UC_STRIDE, UC_HEIGHT, 0, 0x00, 0x00), 0);
	CHECK_INT(send(&r, 0xE0, 1, 0x02), 0);
	CHECK_INT(send(&r, 0xE5, 1, 0x6E), 0);
	CHECK_INT(send(&r, 0x12, 0), 0);
	CHECK_INT(wait(&r), 450);
	/* Where old == new the glass keeps its black, though new says white. */
	CHECK_INT(test_ink(glass, (struct rect){0, 0, 800, 100}), 800 * 100);
	CHECK_INT(test_ink(glass, (struct rect){0, 100, 800, 380}), 0);
	CHECK(emulator_error(r.emu) == NULL);
	emulator_free(r.emu);
}

/* Old white, black everywhere by a full refresh, then new = white and a partial refresh without
 * writing old: only a copy of new into old after the first refresh makes old differ from new. */
static long black_after_partial(int cdi)
{
	struct rig r;
	long black = -1;

	if (rig_open(&r, "waveshare-7in5-v2") < 0)
		return -1;
	if (uc_init(&r, cdi) == 0 &&
	    send_image(&r, 0x10, UC_STRIDE, UC_HEIGHT, 0, 0x00, 0x00) == 0 &&
	    send_image(&r, 0x13, UC_STRIDE, UC_HEIGHT, 0, 0x00, 0xFF) == 0 &&
	    send(&r, 0x12, 0) == 0 && wait(&r) == 5000 &&
	    all_black(emulator_glass(r.emu)) == 800L * 480 &&
	    send_image(&r, 0x13, UC_STRIDE, UC_HEIGHT, 0, 0x00, 0x00) == 0 &&
	    send(&r, 0xE0, 1, 0x02) == 0 && send(&r, 0xE5, 1, 0x6E) == 0 &&
	    send(&r, 0x12, 0) == 0 && wait(&r) == 450)
		black = all_black(emulator_glass(r.emu));
	emulator_free(r.emu);
	return black;
}

static void uc8179_n2ocp_copies_new_to_old(void)
{
	CHECK_INT(black_after_partial(0x18), 0);	  /* N2OCP: old was black, new white */
	CHECK_INT(black_after_partial(0x10), 800L * 480); /* old stayed 0 = new: untouched */
}

static void uc8179_window_write_lands_in_window(void)
{
	struct rig r;
	const struct fb *glass;
	uint8_t ones[20];

	memset(ones, 0xFF, sizeof(ones));
	CHECK_INT(rig_open(&r, "waveshare-7in5-v2"), 0);
	glass = emulator_glass(r.emu);
	CHECK_INT(uc_init(&r, 0x10), 0);
	CHECK_INT(send_image(&r, 0x13, UC_STRIDE, UC_HEIGHT, 0, 0x00, 0x00), 0);
	/* x 16..31 (2 bytes), y 10..19. */
	CHECK_INT(send(&r, 0x91, 0), 0);
	CHECK_INT(send(&r, 0x90, 9, 0, 16, 0, 31, 0, 10, 0, 19, 1), 0);
	CHECK_INT(send_buf(&r, 0x13, ones, sizeof(ones)), 0);
	CHECK_INT(send(&r, 0x92, 0), 0);
	CHECK_INT(send(&r, 0x12, 0), 0);
	CHECK_INT(wait(&r), 5000);
	CHECK_INT(test_ink(glass, (struct rect){16, 10, 16, 10}), 160);
	CHECK_INT(all_black(glass), 160);
	CHECK(!fb_pixel(glass, 15, 10));
	CHECK(!fb_pixel(glass, 32, 10));
	CHECK(!fb_pixel(glass, 16, 9));
	CHECK(!fb_pixel(glass, 16, 20));
	/* One byte more than the window holds. */
	CHECK_INT(send(&r, 0x91, 0), 0);
	CHECK_INT(send_buf(&r, 0x13, ones, sizeof(ones)), 0);
	CHECK(emulator_error(r.emu) == NULL);
	CHECK_INT(r.t.ops->data(r.t.context, ones, 1), -EPROTO);
	CHECK_STR(emulator_error(r.emu), "DTM2 data past the end of the 0x90 window (20 bytes)");
	emulator_free(r.emu);
}

static void uc8179_rejects_write_past_ram(void)
{
	struct rig r;
	uint8_t one = 0xFF;

	CHECK_INT(rig_open(&r, "waveshare-7in5-v2"), 0);
	CHECK_INT(uc_init(&r, 0x10), 0);
	CHECK_INT(send_image(&r, 0x13, UC_STRIDE, UC_HEIGHT, 0, 0, 0), 0);
	CHECK(emulator_error(r.emu) == NULL);
	CHECK_INT(r.t.ops->data(r.t.context, &one, 1), -EPROTO);
	CHECK_STR(emulator_error(r.emu), "RAM write past the end of RAM");
	emulator_free(r.emu);
}

/* A fresh, initialized UC8179 given one 0x90 window: the error it records. */
static const char *uc_window_error(int hrst, int hred, int vrst, int vred)
{
	static char error[64];
	struct rig r;
	int ret;

	if (rig_open(&r, "waveshare-7in5-v2") < 0)
		return "no emulator";
	if (uc_init(&r, 0x10) < 0) {
		emulator_free(r.emu);
		return "init failed";
	}
	ret = send(&r, 0x90, 9, hrst >> 8, hrst & 0xFF, hred >> 8, hred & 0xFF, vrst >> 8,
		   vrst & 0xFF, vred >> 8, vred & 0xFF, 1);
	snprintf(error, sizeof(error), "%s", emulator_error(r.emu) ? emulator_error(r.emu) : "");
	if ((ret == -EPROTO) != (error[0] != 0))
		snprintf(error, sizeof(error), "return %d does not match the error", ret);
	emulator_free(r.emu);
	return error;
}

static void uc8179_rejects_bad_windows(void)
{
	CHECK_STR(uc_window_error(8, 799, 0, 479), "");
	CHECK_STR(uc_window_error(4, 31, 0, 10), "window not byte aligned");
	CHECK_STR(uc_window_error(8, 30, 0, 10), "window not byte aligned");
	CHECK_STR(uc_window_error(8, 807, 0, 10), "window outside RAM");
	CHECK_STR(uc_window_error(8, 31, 0, 480), "window outside RAM");
	CHECK_STR(uc_window_error(64, 31, 0, 10), "window outside RAM");
	CHECK_STR(uc_window_error(8, 31, 20, 10), "window outside RAM");
}

static void uc8179_rejects_data_before_init(void)
{
	struct rig r;
	uint8_t byte = 0xFF;

	CHECK_INT(rig_open(&r, "waveshare-7in5-v2"), 0);
	CHECK_INT(r.t.ops->reset(r.t.context), 0);
	/* The power settings come before PSR and are accepted. */
	CHECK_INT(send(&r, 0x01, 4, 0x07, 0x07, 0x3F, 0x3F), 0);
	CHECK_INT(send(&r, 0x04, 0), 0);
	CHECK(emulator_error(r.emu) == NULL);
	CHECK_INT(r.t.ops->command(r.t.context, 0x13), -EPROTO);
	CHECK_STR(emulator_error(r.emu), "data before init");
	CHECK_INT(r.t.ops->data(r.t.context, &byte, 1), -EPROTO);
	emulator_free(r.emu);

	CHECK_INT(rig_open(&r, "waveshare-7in5-v2"), 0);
	CHECK_INT(r.t.ops->reset(r.t.context), 0);
	CHECK_INT(send(&r, 0x04, 0), 0);
	CHECK_INT(send(&r, 0x12, 0), -EPROTO);
	CHECK_STR(emulator_error(r.emu), "data before init");
	CHECK_INT(emulator_refresh_count(r.emu), 0);
	emulator_free(r.emu);

	/* A reset undoes the init: data straight after one is refused. */
	CHECK_INT(rig_open(&r, "waveshare-7in5-v2"), 0);
	CHECK_INT(uc_init(&r, 0x10), 0);
	CHECK_INT(r.t.ops->reset(r.t.context), 0);
	CHECK_INT(r.t.ops->data(r.t.context, &byte, 1), -EPROTO);
	CHECK_STR(emulator_error(r.emu), "data before init");
	emulator_free(r.emu);
}

static void uc8179_rejects_refresh_while_powered_off(void)
{
	struct rig r;

	CHECK_INT(rig_open(&r, "waveshare-7in5-v2"), 0);
	CHECK_INT(uc_init(&r, 0x10), 0);
	CHECK_INT(send_image(&r, 0x13, UC_STRIDE, UC_HEIGHT, 0, 0xFF, 0xFF), 0);
	CHECK_INT(send(&r, 0x02, 0), 0);
	CHECK_INT(wait(&r), 42);
	CHECK_INT(send(&r, 0x12, 0), -EPROTO);
	CHECK_STR(emulator_error(r.emu), "refresh while powered off");
	CHECK_INT(all_black(emulator_glass(r.emu)), 0);
	CHECK_INT(emulator_refresh_count(r.emu), 0);
	emulator_free(r.emu);
}

static void uc8179_deep_sleep_until_reset(void)
{
	struct rig r;
	uint8_t byte = 0;

	CHECK_INT(rig_open(&r, "waveshare-7in5-v2"), 0);
	CHECK_INT(uc_init(&r, 0x10), 0);
	CHECK(!emulator_asleep(r.emu));
	CHECK_INT(send(&r, 0x07, 1, 0xA5), 0);
	CHECK(emulator_asleep(r.emu));
	CHECK_INT(send(&r, 0x12, 0), -EPROTO);
	CHECK_STR(emulator_error(r.emu), "refresh while asleep");
	CHECK_INT(r.t.ops->data(r.t.context, &byte, 1), -EPROTO);
	CHECK_INT(send(&r, 0x04, 0), -EPROTO);
	CHECK_INT(emulator_refresh_count(r.emu), 0);
	/* Only a reset wakes it; the first error stays recorded. */
	CHECK_INT(uc_init(&r, 0x10), 0);
	CHECK(!emulator_asleep(r.emu));
	CHECK_INT(send(&r, 0x12, 0), 0);
	CHECK_INT(emulator_refresh_count(r.emu), 1);
	CHECK_STR(emulator_error(r.emu), "refresh while asleep");
	emulator_free(r.emu);

	/* Data is refused too, with its own error. */
	CHECK_INT(rig_open(&r, "waveshare-7in5-v2"), 0);
	CHECK_INT(uc_init(&r, 0x10), 0);
	CHECK_INT(send(&r, 0x07, 1, 0xA5), 0);
	CHECK_INT(r.t.ops->data(r.t.context, &byte, 1), -EPROTO);
	CHECK_STR(emulator_error(r.emu), "data while asleep");
	emulator_free(r.emu);

	/* Deep sleep needs its check code. */
	CHECK_INT(rig_open(&r, "waveshare-7in5-v2"), 0);
	CHECK_INT(uc_init(&r, 0x10), 0);
	CHECK_INT(send(&r, 0x07, 1, 0x00), -EPROTO);
	CHECK(!emulator_asleep(r.emu));
	CHECK(emulator_error(r.emu) != NULL);
	emulator_free(r.emu);
}

static void uc8179_rejects_bad_parameters(void)
{
	struct rig r;

	CHECK_INT(rig_open(&r, "waveshare-7in5-v2"), 0);
	CHECK_INT(uc_init(&r, 0x10), 0);
	CHECK_INT(send(&r, 0x61, 4, 0x02, 0x58, 0x01, 0xE0), -EPROTO); /* 600x480 */
	CHECK_STR(emulator_error(r.emu), "wrong resolution");
	emulator_free(r.emu);

	CHECK_INT(rig_open(&r, "waveshare-7in5-v2"), 0);
	CHECK_INT(uc_init(&r, 0x10), 0);
	CHECK_INT(send(&r, 0x20, 0), -EPROTO); /* a LUT register: not emulated */
	CHECK_STR(emulator_error(r.emu), "unknown command 0x20");
	emulator_free(r.emu);

	CHECK_INT(rig_open(&r, "waveshare-7in5-v2"), 0);
	CHECK_INT(uc_init(&r, 0x10), 0);
	CHECK_INT(send(&r, 0x50, 3, 0x10, 0x07, 0x00), -EPROTO);
	CHECK_STR(emulator_error(r.emu), "too many parameters for 0x50");
	emulator_free(r.emu);
}

static void uc8179_charges_busy_and_spi_time(void)
{
	struct rig r;
	uint64_t bytes;
	double spi_ms;

	CHECK_INT(rig_open(&r, "waveshare-7in5-v2"), 0);
	CHECK_INT(r.t.ops->reset(r.t.context), 0);
	CHECK_INT(send(&r, 0x04, 0), 0);
	CHECK_INT(wait(&r), 10 + 140); /* the reset, then power on */
	CHECK_INT(send(&r, 0x00, 1, 0x1F), 0);
	bytes = r.t.bytes;
	spi_ms = r.t.spi_ms;
	CHECK_INT(bytes, 3);
	CHECK(near_zero(spi_ms - 3 * 8 * 1000.0 / SPI_HZ, 1e-9));
	/* A full plane: 48,000 bytes and the command byte, 0.8 us a byte at 10 MHz. */
	CHECK_INT(send_image(&r, 0x13, UC_STRIDE, UC_HEIGHT, 0, 0, 0), 0);
	CHECK_INT(r.t.bytes - bytes, UC_BYTES + 1);
	CHECK(near_zero(r.t.spi_ms - spi_ms - 38.4008, 1e-6));
	CHECK_INT(send(&r, 0x12, 0), 0);
	CHECK_INT(wait(&r), 5000);
	CHECK_INT(send(&r, 0xE0, 1, 0x02), 0);
	CHECK_INT(send(&r, 0xE5, 1, 0x5A), 0);
	CHECK_INT(send(&r, 0x12, 0), 0);
	CHECK_INT(wait(&r), 1200);
	CHECK_INT(send(&r, 0xE5, 1, 0x6E), 0);
	CHECK_INT(send(&r, 0x12, 0), 0);
	CHECK_INT(wait(&r), 450);
	CHECK_INT(send(&r, 0x02, 0), 0);
	CHECK_INT(wait(&r), 42);
	CHECK_INT(wait(&r), 0); /* nothing pending */
	CHECK(near_zero(emulator_panel_ms(r.emu) - (150 + 5000 + 1200 + 450 + 42), 1e-9));
	CHECK(near_zero(r.t.busy_ms, 1e-9)); /* the caller counts its waits, as with spidev */
	CHECK_INT(emulator_refresh_count(r.emu), 3);
	CHECK(emulator_error(r.emu) == NULL);
	emulator_free(r.emu);
}

/* The UC8179 as its datasheet has it: status (0x71) readable before the panel setting; DDX
 * resets to 01 (a 1 bit white); with 0x91 in force a refresh drives the 0x90 window only;
 * deep sleep loses both RAMs. */
static void uc8179_datasheet_rules(void)
{
	struct rig r;
	const struct fb *glass;
	uint8_t ones[20];

	memset(ones, 0xFF, sizeof(ones));
	CHECK_INT(rig_open(&r, "waveshare-7in5-v2"), 0);
	glass = emulator_glass(r.emu);
	CHECK_INT(r.t.ops->reset(r.t.context), 0);
	CHECK_INT(send(&r, 0x04, 0), 0);
	CHECK_INT(send(&r, 0x71, 0), 0); /* the vendor polls status before PSR */
	CHECK_INT(wait(&r), 10 + 140);
	CHECK_INT(send(&r, 0x00, 1, 0x1F), 0);
	/* No 0x50: DDX 01, so zeros are black. */
	CHECK_INT(send_image(&r, 0x10, UC_STRIDE, UC_HEIGHT, 0, 0x00, 0x00), 0);
	CHECK_INT(send_image(&r, 0x13, UC_STRIDE, UC_HEIGHT, 0, 0x00, 0x00), 0);
	CHECK_INT(send(&r, 0x12, 0), 0);
	CHECK_INT(all_black(glass), 800L * 480);
	CHECK(emulator_old_ram_known(r.emu));
	/* New all white, then a partial refresh of the window x 16..31, y 10..19 with 0x91 in
	 * force: only that window turns white, though old and new differ everywhere. */
	CHECK_INT(send_image(&r, 0x13, UC_STRIDE, UC_HEIGHT, 0, 0xFF, 0xFF), 0);
	CHECK_INT(send(&r, 0x91, 0), 0);
	CHECK_INT(send(&r, 0x90, 9, 0, 16, 0, 31, 0, 10, 0, 19, 1), 0);
	CHECK_INT(send_buf(&r, 0x13, ones, sizeof(ones)), 0);
	CHECK_INT(send(&r, 0xE0, 1, 0x02), 0);
	CHECK_INT(send(&r, 0xE5, 1, 0x6E), 0);
	CHECK_INT(send(&r, 0x12, 0), 0);
	CHECK_INT(test_ink(glass, (struct rect){16, 10, 16, 10}), 0);
	CHECK_INT(all_black(glass), 800L * 480 - 160);
	CHECK_STR(emulator_last_refresh(r.emu)->mode, "partial");
	CHECK_INT(emulator_last_refresh(r.emu)->area.w, 16);
	/* Deep sleep: both RAMs gone. */
	CHECK_INT(send(&r, 0x92, 0), 0);
	CHECK_INT(send(&r, 0x02, 0), 0);
	CHECK_INT(send(&r, 0x07, 1, 0xA5), 0);
	CHECK(emulator_asleep(r.emu));
	CHECK(!emulator_old_ram_known(r.emu));
	CHECK(emulator_error(r.emu) == NULL);
	emulator_free(r.emu);
}

/* ---- SSD1683 and SSD1680 ---- */

static void ssd1683_full_refresh_shows_bw_ram(void)
{
	struct rig r;
	const struct fb *glass;

	CHECK_INT(rig_open(&r, "waveshare-4in2-v2"), 0);
	glass = emulator_glass(r.emu);
	CHECK_INT(glass->width, 400);
	CHECK_INT(glass->height, 300);
	CHECK_INT(ssd_init(&r), 0);
	CHECK_INT(send(&r, 0x01, 3, 0x2B, 0x01, 0x00), 0);
	CHECK_INT(send(&r, 0x11, 1, 0x03), 0);
	CHECK_INT(send(&r, 0x21, 2, 0x40, 0x00), 0);
	/* A 0 bit is black: the top 150 rows. */
	CHECK_INT(send_image(&r, 0x24, S83_STRIDE, S83_HEIGHT, 150, 0x00, 0xFF), 0);
	/* The published full time includes power on and off. */
	CHECK_INT(ssd_update(&r, 0xF7), 4000);
	CHECK_INT(test_ink(glass, (struct rect){0, 0, 400, 150}), 400 * 150);
	CHECK_INT(test_ink(glass, (struct rect){0, 150, 400, 150}), 0);
	CHECK_INT(emulator_refresh_count(r.emu), 1);
	CHECK(emulator_error(r.emu) == NULL);
	emulator_free(r.emu);
}

static void ssd1680_partial_keeps_pixels_where_red_equals_bw(void)
{
	struct rig r;
	const struct fb *glass;

	CHECK_INT(rig_open(&r, "waveshare-2in7-v2"), 0);
	glass = emulator_glass(r.emu);
	CHECK_INT(glass->width, 176);
	CHECK_INT(glass->height, 264);
	CHECK_INT(ssd_init(&r), 0);
	CHECK_INT(send_image(&r, 0x24, S80_STRIDE, S80_HEIGHT, 0, 0x00, 0x00), 0);
	CHECK_INT(ssd_update(&r, 0xF7), 6000);
	CHECK_INT(all_black(glass), 176L * 264);
	/* BW white everywhere; RED equals it in the top 100 rows only. */
	CHECK_INT(send(&r, 0x21, 2, 0x00, 0x00), 0);
	CHECK_INT(send(&r, 0x4E, 1, 0), 0);
	CHECK_INT(send(&r, 0x4F, 2, 0, 0), 0);
	CHECK_INT(send_image(&r, 0x26, S80_STRIDE, S80_HEIGHT, 100, 0xFF, 0x00), 0);
	CHECK_INT(send(&r, 0x4E, 1, 0), 0);
	CHECK_INT(send(&r, 0x4F, 2, 0, 0), 0);
	CHECK_INT(send_image(&r, 0x24, S80_STRIDE, S80_HEIGHT, 0, 0xFF, 0xFF), 0);
	CHECK_INT(ssd_update(&r, 0xFF), 100 + 500 + 150);
	CHECK_INT(test_ink(glass, (struct rect){0, 0, 176, 100}), 176 * 100);
	CHECK_INT(test_ink(glass, (struct rect){0, 100, 176, 164}), 0);
	CHECK_INT(emulator_refresh_count(r.emu), 2);
	CHECK(emulator_error(r.emu) == NULL);
	emulator_free(r.emu);
}

static void ssd1683_fast_lut_after_forced_temperature(void)
{
	struct rig r;

	CHECK_INT(rig_open(&r, "waveshare-4in2-v2"), 0);
	CHECK_INT(ssd_init(&r), 0);
	CHECK_INT(ssd_update(&r, 0xC7), 4000); /* no LUT loaded from a forced temperature */
	CHECK_INT(send(&r, 0x1A, 1, 0x5A), 0);
	CHECK_INT(ssd_update(&r, 0x91), 20); /* load the LUT only: no display, no power, not free */
	CHECK_INT(ssd_update(&r, 0xC7), 1200); /* power on and off are in the published fast time */
	CHECK_INT(emulator_refresh_count(r.emu), 2);
	/* GxEPD2's one activation, 0xD7: load the LUT from the forced temperature and display. */
	CHECK_INT(ssd_update(&r, 0xD7), 1200);
	/* 0xF7 loads the sensor's temperature first: the normal waveform again. */
	CHECK_INT(ssd_update(&r, 0xF7), 4000);
	/* SWRESET forgets the forced temperature and the fast LUT. */
	CHECK_INT(send(&r, 0x1A, 1, 0x5A), 0);
	CHECK_INT(send(&r, 0x12, 0), 0);
	CHECK_INT(ssd_update(&r, 0xD7), 10 + 4000);
	CHECK(emulator_error(r.emu) == NULL);
	emulator_free(r.emu);
}

static void ssd1680_window_write_lands_in_window(void)
{
	struct rig r;
	const struct fb *glass;
	uint8_t zeros[4] = {0};

	CHECK_INT(rig_open(&r, "waveshare-2in7-v2"), 0);
	glass = emulator_glass(r.emu);
	CHECK_INT(ssd_init(&r), 0);
	CHECK_INT(send(&r, 0x01, 3, 0x07, 0x01, 0x00), 0);
	CHECK_INT(send_image(&r, 0x24, S80_STRIDE, S80_HEIGHT, 0, 0xFF, 0xFF), 0);
	/* x bytes 2..3 (16..31 px), y 5..6. */
	CHECK_INT(send(&r, 0x11, 1, 0x03), 0);
	CHECK_INT(send(&r, 0x44, 2, 2, 3), 0);
	CHECK_INT(send(&r, 0x45, 4, 5, 0, 6, 0), 0);
	CHECK_INT(send(&r, 0x4E, 1, 2), 0);
	CHECK_INT(send(&r, 0x4F, 2, 5, 0), 0);
	CHECK_INT(send_buf(&r, 0x24, zeros, sizeof(zeros)), 0);
	/* Past the window's end the counter wraps to its start, as the datasheet says: this
	 * byte lands on (16, 5) again. */
	CHECK_INT(r.t.ops->data(r.t.context, (const uint8_t[]){0x7F}, 1), 0);
	CHECK(emulator_error(r.emu) == NULL);
	CHECK_INT(send(&r, 0x22, 1, 0xF7), 0);
	CHECK_INT(send(&r, 0x20, 0), 0);
	/* 0x7F: (16, 5) stays black, (17..23, 5) turned white. */
	CHECK_INT(test_ink(glass, (struct rect){16, 5, 16, 2}), 25);
	CHECK_INT(all_black(glass), 25);
	CHECK(fb_pixel(glass, 16, 5));
	CHECK(!fb_pixel(glass, 17, 5));
	CHECK(!fb_pixel(glass, 15, 5));
	CHECK(!fb_pixel(glass, 32, 5));
	CHECK(!fb_pixel(glass, 16, 7));
	emulator_free(r.emu);
}

/* A fresh SSD1683 after SWRESET given one command: the error it records. */
static const char *ssd_error(int command, int count, int p0, int p1, int p2, int p3)
{
	static char error[64];
	struct rig r;
	int ret;

	if (rig_open(&r, "waveshare-4in2-v2") < 0)
		return "no emulator";
	if (ssd_init(&r) < 0) {
		emulator_free(r.emu);
		return "init failed";
	}
	ret = send(&r, command, count, p0, p1, p2, p3);
	snprintf(error, sizeof(error), "%s", emulator_error(r.emu) ? emulator_error(r.emu) : "");
	if ((ret == -EPROTO) != (error[0] != 0))
		snprintf(error, sizeof(error), "return %d does not match the error", ret);
	emulator_free(r.emu);
	return error;
}

static void ssd_rejects_bad_windows_and_modes(void)
{
	CHECK_STR(ssd_error(0x44, 2, 0, 49, 0, 0), "");
	CHECK_STR(ssd_error(0x44, 2, 0, 50, 0, 0), "window outside RAM");
	CHECK_STR(ssd_error(0x44, 2, 5, 4, 0, 0), "window outside RAM");
	CHECK_STR(ssd_error(0x45, 4, 0, 0, 0x2B, 0x01), ""); /* 299 */
	CHECK_STR(ssd_error(0x45, 4, 0, 0, 0x2C, 0x01), "window outside RAM");
	CHECK_STR(ssd_error(0x01, 3, 0x2B, 0x01, 0x00, 0), "");
	CHECK_STR(ssd_error(0x01, 3, 0x07, 0x01, 0x00, 0), "wrong gate count"); /* the 2.7"'s */
	CHECK_STR(ssd_error(0x01, 3, 0x2C, 0x01, 0x00, 0), "wrong gate count"); /* past RAM */
	CHECK_STR(ssd_error(0x11, 1, 0x01, 0, 0, 0), "unsupported data entry mode");
	CHECK_STR(ssd_error(0x4E, 1, 50, 0, 0, 0), "counter outside RAM");
	CHECK_STR(ssd_error(0x90, 0, 0, 0, 0, 0), "unknown command 0x90");
	CHECK_STR(ssd_error(0x3C, 2, 0x05, 0x05, 0, 0), "too many parameters for 0x3C");
}

/* A hardware reset leaves every register at its reset value, as SWRESET does: the vendor's
 * 2.7" partial path resets and writes at once. The SSD1680's RAM is 176 x 296, its reset
 * window all of it; the glass shows the first 264 rows. */
static void ssd1680_hardware_reset_is_a_register_reset(void)
{
	struct rig r;
	const struct fb *glass;

	CHECK_INT(rig_open(&r, "waveshare-2in7-v2"), 0);
	glass = emulator_glass(r.emu);
	CHECK_INT(ssd_init(&r), 0);
	CHECK_INT(send(&r, 0x44, 2, 2, 3), 0);
	CHECK_INT(send(&r, 0x4E, 1, 2), 0);
	CHECK_INT(send(&r, 0x1A, 1, 0x5A), 0);
	CHECK_INT(r.t.ops->reset(r.t.context), 0);
	/* The whole 296-row RAM, from (0, 0): 22 x 296 bytes fit, black on 264 rows. */
	CHECK_INT(send_image(&r, 0x24, S80_STRIDE, 296, 0, 0x00, 0x00), 0);
	CHECK_INT(send(&r, 0x26, 0), 0);
	CHECK_INT(send(&r, 0x22, 1, 0xC7), 0); /* no LUT load: the forced temperature is gone */
	CHECK_INT(send(&r, 0x20, 0), 0);
	CHECK_INT(wait(&r), 10 + 6000);
	CHECK(emulator_error(r.emu) == NULL);
	CHECK_INT(all_black(glass), 176L * 264);
	/* The 2.7" gate count (264) and the reset one (296) are both real; 297 is not. */
	CHECK_INT(send(&r, 0x01, 3, 0x07, 0x01, 0x00), 0);
	CHECK_INT(send(&r, 0x01, 3, 0x27, 0x01, 0x00), 0);
	CHECK_INT(send(&r, 0x45, 4, 0, 0, 0x27, 0x01), 0);
	CHECK(emulator_error(r.emu) == NULL);
	CHECK_INT(send(&r, 0x01, 3, 0x28, 0x01, 0x00), -EPROTO);
	CHECK_STR(emulator_error(r.emu), "wrong gate count");
	emulator_free(r.emu);
}

static void ssd_refresh_while_asleep(void)
{
	struct rig r;

	CHECK_INT(rig_open(&r, "waveshare-4in2-v2"), 0);
	CHECK_INT(ssd_init(&r), 0);
	CHECK_INT(send(&r, 0x10, 1, 0x01), 0);
	CHECK(emulator_asleep(r.emu));
	CHECK_INT(send(&r, 0x22, 1, 0xF7), -EPROTO);
	CHECK_STR(emulator_error(r.emu), "command while asleep");
	emulator_free(r.emu);

	CHECK_INT(rig_open(&r, "waveshare-4in2-v2"), 0);
	CHECK_INT(ssd_init(&r), 0);
	CHECK_INT(send(&r, 0x10, 1, 0x03), 0);
	CHECK_INT(send(&r, 0x20, 0), -EPROTO);
	CHECK_STR(emulator_error(r.emu), "refresh while asleep");
	CHECK_INT(emulator_refresh_count(r.emu), 0);
	/* The reset pulse wakes it, then SWRESET is accepted again. */
	CHECK_INT(ssd_init(&r), 0);
	CHECK(!emulator_asleep(r.emu));
	CHECK_INT(send(&r, 0x22, 1, 0xF7), 0);
	CHECK_INT(send(&r, 0x20, 0), 0);
	CHECK_INT(emulator_refresh_count(r.emu), 1);
	emulator_free(r.emu);
}

/* ---- faults and the transport ---- */

static void faults_busy_stuck_until_reset(void)
{
	struct rig r;
	struct emulator_faults *faults;
	int waited = -1;

	CHECK_INT(rig_open(&r, "waveshare-2in7-v2"), 0);
	faults = emulator_faults(r.emu);
	faults->busy_stuck = true;
	CHECK_INT(r.t.ops->wait_busy(r.t.context, 1000, &waited), -ETIMEDOUT);
	CHECK_INT(waited, 1000);
	CHECK(near_zero(emulator_panel_ms(r.emu) - 1000, 1e-9));
	/* A panel that does not recover: a reset does not help. */
	CHECK_INT(r.t.ops->reset(r.t.context), 0);
	CHECK_INT(r.t.ops->wait_busy(r.t.context, 500, &waited), -ETIMEDOUT);
	CHECK_INT(waited, 500);
	faults->clear_on_reset = true;
	CHECK_INT(r.t.ops->reset(r.t.context), 0);
	CHECK(!faults->busy_stuck);
	CHECK_INT(r.t.ops->wait_busy(r.t.context, 500, &waited), 0);
	CHECK_INT(waited, 20); /* both resets' 10 ms */
	CHECK(near_zero(emulator_panel_ms(r.emu) - 1520, 1e-9));
	emulator_free(r.emu);
}

static void faults_busy_longer_than_timeout(void)
{
	struct rig r;
	int waited = -1;

	CHECK_INT(rig_open(&r, "waveshare-7in5-v2"), 0);
	CHECK_INT(uc_init(&r, 0x10), 0);
	CHECK_INT(send(&r, 0x12, 0), 0);
	CHECK_INT(r.t.ops->wait_busy(r.t.context, 3000, &waited), -ETIMEDOUT);
	CHECK_INT(waited, 3000);
	CHECK_INT(r.t.ops->wait_busy(r.t.context, 3000, &waited), 0);
	CHECK_INT(waited, 2000);
	emulator_free(r.emu);
}

static void faults_max_transfer(void)
{
	struct rig r;
	uint8_t *ones = image(UC_STRIDE, UC_HEIGHT, 0, 0xFF, 0xFF);
	uint64_t bytes;
	size_t sent;

	CHECK_INT(rig_open(&r, "waveshare-7in5-v2"), 0);
	CHECK_INT(uc_init(&r, 0x10), 0);
	CHECK_INT(send_image(&r, 0x13, UC_STRIDE, UC_HEIGHT, 0, 0x00, 0x00), 0);
	emulator_faults(r.emu)->max_transfer = 4096;
	CHECK_INT(send(&r, 0x13, 0), 0);
	bytes = r.t.bytes;
	CHECK_INT(r.t.ops->data(r.t.context, ones, 4097), -EMSGSIZE);
	CHECK_INT(r.t.bytes, bytes); /* nothing went on the wire */
	CHECK(emulator_error(r.emu) == NULL);
	CHECK_INT(send(&r, 0x12, 0), 0);
	CHECK_INT(all_black(emulator_glass(r.emu)), 0); /* nothing reached the RAM */
	/* Chunks that fit go through. */
	CHECK_INT(send(&r, 0x13, 0), 0);
	for (sent = 0; sent < UC_BYTES; sent += 4096) {
		size_t n = UC_BYTES - sent < 4096 ? UC_BYTES - sent : 4096;
		CHECK_INT(r.t.ops->data(r.t.context, ones + sent, n), 0);
	}
	CHECK_INT(send(&r, 0x12, 0), 0);
	CHECK_INT(all_black(emulator_glass(r.emu)), 800L * 480);
	free(ones);
	emulator_free(r.emu);
}

static void faults_fail_data_after(void)
{
	struct rig r;
	struct emulator_faults *faults;
	uint8_t byte = 0x07;

	CHECK_INT(rig_open(&r, "waveshare-7in5-v2"), 0);
	faults = emulator_faults(r.emu);
	CHECK_INT(r.t.ops->reset(r.t.context), 0);
	CHECK_INT(r.t.ops->command(r.t.context, 0x01), 0);
	faults->fail_data_after = 3;
	CHECK_INT(r.t.ops->data(r.t.context, &byte, 1), 0);
	CHECK_INT(r.t.ops->data(r.t.context, &byte, 1), 0);
	CHECK_INT(r.t.ops->data(r.t.context, &byte, 1), -EIO);
	CHECK_INT(r.t.ops->data(r.t.context, &byte, 1), 0);
	CHECK_INT(faults->fail_data_after, 0);
	CHECK(emulator_error(r.emu) == NULL); /* a bus fault, not a protocol error */
	/* Set again, the count restarts. */
	faults->fail_data_after = 1;
	CHECK_INT(r.t.ops->data(r.t.context, &byte, 1), -EIO);
	emulator_free(r.emu);
}

static void transport_counters_and_temperature(void)
{
	struct rig r;
	struct transport moved;
	int celsius = 0;

	CHECK_INT(rig_open(&r, "waveshare-4in2-v2"), 0);
	CHECK(r.t.context == r.emu);
	CHECK_INT(r.t.spi_hz, SPI_HZ);
	CHECK_INT(r.t.ops->temperature(r.t.context, &celsius), 0);
	CHECK_INT(celsius, 21);
	CHECK_INT(ssd_init(&r), 0);
	CHECK_INT(r.t.bytes, 1);
	/* A second transport takes over the counting with the totals so far. */
	emulator_transport(r.emu, &moved);
	CHECK_INT(moved.bytes, 1);
	CHECK_INT(moved.ops->command(moved.context, 0x3C), 0);
	CHECK_INT(moved.bytes, 2);
	CHECK_INT(r.t.bytes, 1);
	r.t.ops->close(r.t.context); /* the emulator stays: its owner frees it */
	CHECK_INT(emulator_refresh_count(r.emu), 0);
	emulator_free(r.emu);
}

const struct test_case emulator_tests[] = {
    TEST_CASE(emulator, uc8179_full_refresh_follows_ddx),
    TEST_CASE(emulator, uc8179_partial_keeps_pixels_where_old_equals_new),
    TEST_CASE(emulator, uc8179_n2ocp_copies_new_to_old),
    TEST_CASE(emulator, uc8179_window_write_lands_in_window),
    TEST_CASE(emulator, uc8179_rejects_write_past_ram),
    TEST_CASE(emulator, uc8179_datasheet_rules),
    TEST_CASE(emulator, uc8179_rejects_bad_windows),
    TEST_CASE(emulator, uc8179_rejects_data_before_init),
    TEST_CASE(emulator, uc8179_rejects_refresh_while_powered_off),
    TEST_CASE(emulator, uc8179_deep_sleep_until_reset),
    TEST_CASE(emulator, uc8179_rejects_bad_parameters),
    TEST_CASE(emulator, uc8179_charges_busy_and_spi_time),
    TEST_CASE(emulator, ssd1683_full_refresh_shows_bw_ram),
    TEST_CASE(emulator, ssd1680_partial_keeps_pixels_where_red_equals_bw),
    TEST_CASE(emulator, ssd1683_fast_lut_after_forced_temperature),
    TEST_CASE(emulator, ssd1680_window_write_lands_in_window),
    TEST_CASE(emulator, ssd_rejects_bad_windows_and_modes),
    TEST_CASE(emulator, ssd1680_hardware_reset_is_a_register_reset),
    TEST_CASE(emulator, ssd_refresh_while_asleep),
    TEST_CASE(emulator, faults_busy_stuck_until_reset),
    TEST_CASE(emulator, faults_busy_longer_than_timeout),
    TEST_CASE(emulator, faults_max_transfer),
    TEST_CASE(emulator, faults_fail_data_after),
    TEST_CASE(emulator, transport_counters_and_temperature),
    {NULL, NULL, NULL},
};
