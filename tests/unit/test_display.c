/* SPDX-License-Identifier: MIT */
/* test_display: the refresh path end to end on the emulated controllers: random key
 * sequences keep the glass equal to the framebuffer; faults end reported and recovered;
 * the vendor drivers' known bugs are absent; the cursor-move budget holds. */
#include <errno.h>
#include <limits.h>
#include <stdlib.h>
#include <unistd.h>

#include "../test.h"
#include "display.h"
#include "session.h"

static const char *const panels[] = {"waveshare-7in5-v2", "waveshare-4in2-v2", "waveshare-2in7-v2"};

struct rig {
	struct panel_spec spec; /* the session points at its model */
	struct session s;
	struct display d;
	char *log_text;
	size_t log_len;
	FILE *log;
};

static int rig_open(struct rig *r, const char *panel_name, int temperature, bool log)
{
	struct session_options so = {TEST_DB,	 TEST_FONTS, TEST_LOGO,
				     GLYPH_MONO, false,	     "2026-12-01"};
	struct display_options dopt = {10000000, temperature, 6, NULL, false, false};
	struct inkref_error err;

	memset(r, 0, sizeof(*r));
	if (log) {
		r->log = tmpfile();
		dopt.spi_log = r->log;
	}
	err_clear(&err);
	err_clear(&err);
	if (panel_spec_parse(panel_name, &r->spec) < 0)
		return -1;
	if (session_open(&r->s, &r->spec.model, &so, &err) < 0 ||
	    display_open_emulated(&r->d, &r->spec.model, &dopt, &err) < 0) {
		err_print(&err);
		return -1;
	}
	return 0;
}

/* Reads the SPI log written so far into r->log_text (r->log_len bytes). */
static void read_log(struct rig *r)
{
	long size;

	fflush(r->log);
	size = ftell(r->log);
	free(r->log_text);
	r->log_text = calloc((size_t)size + 1, 1);
	r->log_len = 0;
	if (r->log_text && size > 0 && pread(fileno(r->log), r->log_text, (size_t)size, 0) == size)
		r->log_len = (size_t)size;
}

static void rig_close(struct rig *r)
{
	display_close(&r->d);
	session_close(&r->s);
	if (r->log)
		fclose(r->log);
	free(r->log_text);
}

/* Presses a key (KEY_NONE: show the current screen) and shows the result. */
static int step(struct rig *r, enum key key, struct display_step *st)
{
	enum menu_change change = key == KEY_NONE ? CHANGE_SCREEN : session_press(&r->s, key);

	if (session_draw(&r->s) < 0)
		return -1;
	return display_show(&r->d, session_frame(&r->s), change == CHANGE_HOME, st);
}

static void random_keys_keep_glass_equal_to_framebuffer(void)
{
	static const enum key keys[] = {KEY_UP,	  KEY_DOWN,	 KEY_OK,   KEY_BACK,
					KEY_DOWN, KEY_OK,	 KEY_DOWN, KEY_LONG_OK,
					KEY_UP,	  KEY_LONG_BACK, KEY_IDLE, KEY_BACK};
	size_t p;

	for (p = 0; p < 3; p++) {
		struct rig r;
		unsigned seed = 2026;
		long i, mismatched = -1, partials = 0, fulls = 0;
		struct display_step st;
		if (rig_open(&r, panels[p], 20, false) < 0) {
			CHECK(0);
			continue;
		}
		CHECK_INT(step(&r, KEY_NONE, &st), 0);
		for (i = 0; i < 10000; i++) {
			enum key key = keys[rand_r(&seed) % (sizeof(keys) / sizeof(keys[0]))];
			if (step(&r, key, &st) < 0 || emulator_error(r.d.emulator) ||
			    display_glass_mismatch(&r.d) != 0) {
				mismatched = i;
				break;
			}
			/* As the daemon does: deep sleep when idle, the booster off after a
			 * quiet time (here every 7th key). */
			if (key == KEY_IDLE)
				epd_sleep(&r.d.epd);
			else if (i % 7 == 3)
				epd_power_off(&r.d.epd);
			partials += st.mode_used == REFRESH_PARTIAL;
			fulls += st.mode_used == REFRESH_FAST || st.mode_used == REFRESH_FULL;
		}
		if (mismatched >= 0)
			fprintf(stderr, "  %s: key %ld: %s %s\n", panels[p], mismatched,
				emulator_error(r.d.emulator) ? emulator_error(r.d.emulator)
							     : "glass differs",
				r.d.epd.fault);
		CHECK_INT(mismatched, -1);
		CHECK(partials > 1000);
		CHECK(fulls > 100);
		rig_close(&r);
	}
}

static void cursor_move_is_one_small_partial(void)
{
	struct rig r;
	struct display_step st;

	if (rig_open(&r, "waveshare-7in5-v2", 20, false) < 0) {
		CHECK(0);
		return;
	}
	step(&r, KEY_NONE, &st);
	step(&r, KEY_DOWN, &st); /* the footer gains "Up" too */
	CHECK_INT(step(&r, KEY_DOWN, &st), 0);
	CHECK_INT(st.mode_used, REFRESH_PARTIAL);
	CHECK(st.spi_bytes * 100 <= 48000 * 15);
	/* Render, diff and transfer add little to the 450 ms waveform. */
	CHECK(st.spi_ms < 25);
	rig_close(&r);
}

static void stuck_busy_is_reset_and_retried(void)
{
	struct rig r;
	struct display_step st;
	struct emulator_faults *f;

	if (rig_open(&r, "waveshare-4in2-v2", 20, false) < 0) {
		CHECK(0);
		return;
	}
	CHECK_INT(step(&r, KEY_NONE, &st), 0);
	f = emulator_faults(r.d.emulator);
	f->busy_stuck = true;
	f->clear_on_reset = true; /* the panel comes back after a reset */
	CHECK_INT(step(&r, KEY_DOWN, &st), 0);
	CHECK_INT(r.d.epd.retries, 1);
	CHECK_INT(st.panel_ms >= 10000, 1); /* it waited its time-out once, not forever */
	CHECK_INT(display_glass_mismatch(&r.d), 0);
	rig_close(&r);
}

static void busy_that_never_releases_is_a_reported_fault(void)
{
	struct rig r;
	struct display_step st;
	struct emulator_faults *f;

	if (rig_open(&r, "waveshare-7in5-v2", 20, false) < 0) {
		CHECK(0);
		return;
	}
	CHECK_INT(step(&r, KEY_NONE, &st), 0);
	f = emulator_faults(r.d.emulator);
	f->busy_stuck = true;
	f->clear_on_reset = false;
	CHECK_INT(step(&r, KEY_DOWN, &st), -ETIMEDOUT);
	CHECK(strstr(r.d.epd.fault, "BUSY did not release") != NULL);
	CHECK(st.panel_ms <= 2 * 10000 + 1000); /* two bounded waits: the try and the retry */
	/* The fault clears (the HAT reseated): the next key recovers with a full refresh. */
	f->busy_stuck = false;
	CHECK_INT(step(&r, KEY_DOWN, &st), 0);
	CHECK_INT(st.mode_used, REFRESH_FULL);
	CHECK_INT(display_glass_mismatch(&r.d), 0);
	rig_close(&r);
}

static void spi_write_error_recovers(void)
{
	struct rig r;
	struct display_step st;

	if (rig_open(&r, "waveshare-2in7-v2", 20, false) < 0) {
		CHECK(0);
		return;
	}
	CHECK_INT(step(&r, KEY_NONE, &st), 0);
	emulator_faults(r.d.emulator)->fail_data_after = 2;
	CHECK_INT(step(&r, KEY_DOWN, &st), 0);
	CHECK_INT(r.d.epd.retries, 1);
	CHECK_INT(display_glass_mismatch(&r.d), 0);
	rig_close(&r);
}

static void cold_panel_gets_no_fast_waveforms(void)
{
	struct rig r;
	struct display_step st;
	int i;

	if (rig_open(&r, "waveshare-7in5-v2", 2, false) < 0) {
		CHECK(0);
		return;
	}
	CHECK_INT(step(&r, KEY_NONE, &st), 0);
	for (i = 0; i < 5; i++) {
		CHECK_INT(step(&r, i % 2 ? KEY_UP : KEY_DOWN, &st), 0);
		CHECK_INT(st.mode_used != REFRESH_NONE, 1);
		CHECK_INT(r.d.epd.retries, 0);
	}
	/* The planner asked for partials; at 2 °C every refresh used the normal waveform, and
	 * says so. */
	CHECK_INT(st.plan.mode, REFRESH_PARTIAL);
	CHECK_INT(st.mode_used, REFRESH_FULL);
	CHECK(st.panel_ms >= 5000);
	CHECK_INT(display_glass_mismatch(&r.d), 0);
	rig_close(&r);
}

/* The data bytes that followed the first `command` after from in the log, as text. */
static const char *data_after(const char *log, size_t log_len, size_t from, const char *command)
{
	const char *at;

	if (!log || from >= log_len)
		return NULL;
	at = strstr(log + from, command);
	return at ? strstr(at, "\nD ") : NULL;
}

static void window_end_at_256_is_not_wrapped(void)
{
	struct rig r;
	struct display_step st;
	struct fb *next;
	struct refresh_plan plan = {REFRESH_PARTIAL, 2, {{248, 8, 8, 16}, {504, 40, 8, 8}}, {0}, 0};
	const char *d;
	size_t before;

	if (rig_open(&r, "waveshare-7in5-v2", 20, true) < 0) {
		CHECK(0);
		return;
	}
	CHECK_INT(step(&r, KEY_NONE, &st), 0);
	read_log(&r);
	before = r.log_len;
	next = fb_new(800, 480);
	memcpy(next->bits, r.d.shown->bits, (size_t)next->stride * 480);
	fb_fill(next, (struct rect){248, 8, 8, 16}, true);
	fb_fill(next, (struct rect){504, 40, 8, 8}, true);
	CHECK_INT(epd_show(&r.d.epd, next, &plan), 0);
	CHECK(emulator_error(r.d.emulator) == NULL);
	read_log(&r);
	/* Window 248..255: the end is 0x00ff, not (256 % 256) - 1. */
	d = data_after(r.log_text, r.log_len, before, "C 90");
	CHECK(d && strncmp(d, "\nD 00 f8 00 ff 00 08 00 17 01", 29) == 0);
	CHECK(memcmp(emulator_glass(r.d.emulator)->bits, next->bits, (size_t)next->stride * 480) ==
	      0);
	fb_free(next);
	rig_close(&r);
}

static void ram_x_address_is_in_bytes(void)
{
	struct rig r;
	struct display_step st;
	struct fb *next;
	struct refresh_plan plan = {REFRESH_PARTIAL, 1, {{200, 16, 16, 8}}, {0}, 0};
	const char *d;
	size_t before;

	if (rig_open(&r, "waveshare-4in2-v2", 20, true) < 0) {
		CHECK(0);
		return;
	}
	CHECK_INT(step(&r, KEY_NONE, &st), 0);
	read_log(&r);
	before = r.log_len;
	next = fb_new(400, 300);
	memcpy(next->bits, r.d.shown->bits, (size_t)next->stride * 300);
	fb_fill(next, (struct rect){200, 16, 16, 8}, true);
	CHECK_INT(epd_show(&r.d.epd, next, &plan), 0);
	read_log(&r);
	d = data_after(r.log_text, r.log_len, before, "C 4e");
	CHECK(d && strncmp(d, "\nD 19\n", 6) == 0); /* x 200 px is byte 25 */
	CHECK(emulator_error(r.d.emulator) == NULL);
	CHECK(memcmp(emulator_glass(r.d.emulator)->bits, next->bits, (size_t)next->stride * 300) ==
	      0);
	fb_free(next);
	rig_close(&r);
}

static void frames_go_in_few_transfers(void)
{
	size_t p;

	for (p = 0; p < 3; p++) {
		struct rig r;
		struct display_step st;
		if (rig_open(&r, panels[p], 20, false) < 0) {
			CHECK(0);
			continue;
		}
		CHECK_INT(step(&r, KEY_NONE, &st), 0);
		/* A whole frame (and on SSD168x both RAMs) in a handful of data calls: never
		 * byte by byte, as the vendor's SSD168x C drivers send it. */
		CHECK(st.spi_bytes > 5000);
		CHECK(r.d.log.data_calls < 40);
		rig_close(&r);
	}
}

static void old_and_new_ram_stay_equal_on_ssd168x(void)
{
	struct rig r;
	struct display_step st;
	int i;

	if (rig_open(&r, "waveshare-2in7-v2", 20, false) < 0) {
		CHECK(0);
		return;
	}
	CHECK_INT(step(&r, KEY_NONE, &st), 0);
	/* Many partials in a row with no full refresh between: any drift between the RAMs
	 * shows up as glass that no longer matches. */
	r.d.policy.full_every = 0;
	for (i = 0; i < 60; i++) {
		CHECK_INT(step(&r, i % 7 == 6 ? KEY_OK : (i % 3 ? KEY_DOWN : KEY_UP), &st), 0);
		CHECK_INT(display_glass_mismatch(&r.d), 0);
	}
	rig_close(&r);
}

/* The daemon's check on emulated panels compares the glass with the reader's framebuffer
 * itself: pixels changed in the framebuffer but never sent are counted one by one, on every
 * panel (the 2.7" turned a quarter), where the planner's own frame still matches. */
static void glass_compared_with_the_framebuffer_itself(void)
{
	size_t p;

	for (p = 0; p < 3; p++) {
		struct rig r;
		struct display_step st;
		struct fb *native, *view;
		int i;
		if (rig_open(&r, panels[p], 20, false) < 0) {
			CHECK(0);
			continue;
		}
		native = fb_new(r.d.model.ram_width, r.d.model.ram_height);
		CHECK_INT(step(&r, KEY_NONE, &st), 0);
		/* A copy of the reader's frame, to change behind the planner's back. */
		view = fb_new(session_frame(&r.s)->width, session_frame(&r.s)->height);
		memcpy(view->bits, session_frame(&r.s)->bits,
		       (size_t)view->stride * (size_t)view->height);
		CHECK_INT(display_glass_mismatch_view(&r.d, view, native), 0);
		/* Six pixels in the reader's bottom-right corner, flipped and not shown. */
		for (i = 0; i < 6; i++) {
			int x = view->width - 1 - i % 3, y = view->height - 1 - i / 3;
			view->bits[y * view->stride + x / 8] ^= (uint8_t)(0x80 >> (x % 8));
		}
		CHECK_INT(display_glass_mismatch_view(&r.d, view, native), 6);
		CHECK_INT(display_glass_mismatch(&r.d), 0);
		CHECK_INT(display_show(&r.d, view, false, &st), 0);
		CHECK_INT(st.mode_used, REFRESH_PARTIAL);
		CHECK_INT(display_glass_mismatch_view(&r.d, view, native), 0);
		fb_free(native);
		fb_free(view);
		rig_close(&r);
	}
}

/* The booster stays on from one key to the next: a partial costs its waveform alone; after
 * the quiet time's power off the next pays the power on again; deep sleep always powers
 * off first. Emulated panel time, not a clock. */
static void booster_held_between_keys(void)
{
	struct rig r;
	struct display_step st;

	if (rig_open(&r, "waveshare-7in5-v2", 20, false) < 0) {
		CHECK(0);
		return;
	}
	CHECK_INT(step(&r, KEY_NONE, &st), 0);
	CHECK(emulator_powered(r.d.emulator));
	CHECK_INT(step(&r, KEY_DOWN, &st), 0);
	CHECK_INT(st.mode_used, REFRESH_PARTIAL);
	CHECK_INT((long)st.panel_ms, 450);
	CHECK_INT(epd_power_off(&r.d.epd), 0);
	CHECK(!emulator_powered(r.d.emulator));
	CHECK_INT(step(&r, KEY_DOWN, &st), 0);
	CHECK_INT((long)st.panel_ms, 140 + 450);
	CHECK(emulator_powered(r.d.emulator));
	CHECK_INT(epd_sleep(&r.d.epd), 0);
	CHECK(emulator_asleep(r.d.emulator));
	CHECK(!emulator_powered(r.d.emulator));
	CHECK(emulator_error(r.d.emulator) == NULL);
	rig_close(&r);
}

/* Occurrences of needle in the log from byte `from` on. */
static int count_in(const struct rig *r, size_t from, const char *needle)
{
	const char *at = r->log_text ? r->log_text + from : NULL;
	int n = 0;

	while (at && (at = strstr(at, needle)) != NULL) {
		n++;
		at += strlen(needle);
	}
	return n;
}

/* The UC8179's old RAM is written when nothing known is in it (power-up, after deep sleep),
 * and only then: N2OCP keeps it after that. */
static void uc8179_old_ram_written_when_unknown(void)
{
	struct rig r;
	struct display_step st;
	size_t mark;

	if (rig_open(&r, "waveshare-7in5-v2", 20, true) < 0) {
		CHECK(0);
		return;
	}
	CHECK_INT(step(&r, KEY_NONE, &st), 0);
	read_log(&r);
	CHECK_INT(count_in(&r, 0, "\nC 10\nD "), 1);
	mark = r.log_len;
	CHECK_INT(step(&r, KEY_DOWN, &st), 0);
	CHECK_INT(step(&r, KEY_LONG_OK, &st), 0);
	read_log(&r);
	CHECK_INT(count_in(&r, mark, "\nC 10\n"), 0);
	CHECK_INT(epd_sleep(&r.d.epd), 0);
	CHECK(!emulator_old_ram_known(r.d.emulator));
	mark = r.log_len;
	CHECK_INT(step(&r, KEY_DOWN, &st), 0);
	CHECK_INT(st.mode_used, REFRESH_FAST);
	read_log(&r);
	CHECK_INT(count_in(&r, mark, "\nC 10\nD "), 1);
	CHECK(emulator_old_ram_known(r.d.emulator));
	CHECK_INT(display_glass_mismatch(&r.d), 0);
	rig_close(&r);
}

/* The SSD168x fast waveform: the panel's forced temperature, both bytes, one activation; the
 * first frame initializes the controller once. */
static void ssd168x_fast_temperature_per_panel(void)
{
	static const struct {
		const char *panel, *bytes;
	} want[] = {{"waveshare-4in2-v2", "\nC 1a\nD 6e 00\nC 22\nD d4\nC 20\n"},
		    {"waveshare-2in7-v2", "\nC 1a\nD 64 00\nC 22\nD d4\nC 20\n"}};
	size_t i;

	for (i = 0; i < sizeof(want) / sizeof(want[0]); i++) {
		struct rig r;
		struct display_step st;
		if (rig_open(&r, want[i].panel, 20, true) < 0) {
			CHECK(0);
			continue;
		}
		CHECK_INT(step(&r, KEY_NONE, &st), 0);
		read_log(&r);
		CHECK_INT(count_in(&r, 0, "\nC 12\n"), 1);
		CHECK_INT(step(&r, KEY_OK, &st), 0);
		CHECK_INT(step(&r, KEY_BACK, &st), 0); /* home: a fast refresh */
		CHECK_INT(st.mode_used, REFRESH_FAST);
		read_log(&r);
		CHECK_INT(count_in(&r, 0, want[i].bytes), 1);
		CHECK(emulator_error(r.d.emulator) == NULL);
		CHECK_INT(display_glass_mismatch(&r.d), 0);
		rig_close(&r);
	}
}

/* A configured sensor file (sysfs millidegrees) decides the cold rule on hardware, where the
 * HAT reads no controller sensor; a file with no reading leaves the temperature unknown. */
static void temperature_from_a_sensor_file(void)
{
	static const struct {
		const char *text;
		int celsius;
	} cases[] = {{"21500\n", 22},	 {"2000\n", 2},	       {"-3500", -4},
		     {"hot\n", INT_MIN}, {"90000\n", INT_MIN}, {"", INT_MIN}};
	char path[256];
	struct rig r;
	struct display_step st;
	size_t i;

	snprintf(path, sizeof(path), "%s/temp", test_tmpdir());
	if (rig_open(&r, "waveshare-7in5-v2", 20, false) < 0) {
		CHECK(0);
		return;
	}
	r.d.epd.temperature_path = path;
	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		FILE *f = fopen(path, "w");
		CHECK(f != NULL);
		if (!f)
			break;
		fputs(cases[i].text, f);
		fclose(f);
		CHECK_INT(epd_temperature(&r.d.epd), cases[i].celsius);
	}
	unlink(path);
	CHECK_INT(epd_temperature(&r.d.epd), INT_MIN);
	/* 2 °C from the sensor, though the controller would say 20: no partial waveform. */
	CHECK_INT(step(&r, KEY_NONE, &st), 0);
	{
		FILE *f = fopen(path, "w");
		CHECK(f != NULL);
		if (f) {
			fputs("2000\n", f);
			fclose(f);
		}
	}
	CHECK_INT(step(&r, KEY_DOWN, &st), 0);
	CHECK_INT(st.plan.mode, REFRESH_PARTIAL);
	CHECK_INT(st.mode_used, REFRESH_FULL);
	CHECK_INT(display_glass_mismatch(&r.d), 0);
	unlink(path);
	r.d.epd.temperature_path = NULL;
	rig_close(&r);
}

const struct test_case display_tests[] = {
    TEST_CASE(display, temperature_from_a_sensor_file),
    TEST_CASE(display, booster_held_between_keys),
    TEST_CASE(display, uc8179_old_ram_written_when_unknown),
    TEST_CASE(display, ssd168x_fast_temperature_per_panel),
    TEST_CASE(display, random_keys_keep_glass_equal_to_framebuffer),
    TEST_CASE(display, cursor_move_is_one_small_partial),
    TEST_CASE(display, stuck_busy_is_reset_and_retried),
    TEST_CASE(display, busy_that_never_releases_is_a_reported_fault),
    TEST_CASE(display, spi_write_error_recovers),
    TEST_CASE(display, cold_panel_gets_no_fast_waveforms),
    TEST_CASE(display, window_end_at_256_is_not_wrapped),
    TEST_CASE(display, ram_x_address_is_in_bytes),
    TEST_CASE(display, frames_go_in_few_transfers),
    TEST_CASE(display, old_and_new_ram_stay_equal_on_ssd168x),
    TEST_CASE(display, glass_compared_with_the_framebuffer_itself),
    {NULL, NULL, NULL},
};
