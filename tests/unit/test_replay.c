/* SPDX-License-Identifier: MIT */
/* test_replay: the panel vendor's own byte streams (tests/fixtures/panel-streams) replayed step by
 * step into the emulated controllers: each step shows its intended image exactly, and where the
 * vendor's stream breaks a datasheet rule the refusal names it. Also the replay's own errors. */
#include <stdlib.h>

#include "../test.h"
#include "pngio.h"
#include "replay.h"

#define STREAMS "fixtures/panel-streams/"

struct vendor_step {
	const char *log;     /* in the panel's folder */
	const char *image;   /* what the glass must show after it */
	const char *refusal; /* NULL: every command accepted; else the report line's tail */
};

/* Pixels where the glass and the vendor's intended image (black = 0) differ; -1 if unreadable. */
static long differs_from(const struct fb *glass, const char *path)
{
	struct inkref_error err;
	struct bitmap want;
	long differ = 0;
	int x, y;

	err_clear(&err);
	if (png_read_bitmap(path, 0, &want, &err) < 0) {
		fprintf(stderr, "%s: %s\n", path, err.message);
		return -1;
	}
	if (want.width != glass->width || want.height != glass->height) {
		bitmap_free(&want);
		return -1;
	}
	for (y = 0; y < glass->height; y++)
		for (x = 0; x < glass->width; x++)
			differ += fb_pixel(glass, x, y) !=
				  (bool)((want.bits[y * want.stride + x / 8] >> (7 - x % 8)) & 1);
	bitmap_free(&want);
	return differ;
}

/* Replays the steps in order on one controller, checking the glass and the report after each. */
static void replay_vendor(const char *model, const char *folder, const struct vendor_step *steps)
{
	struct inkref_error err;
	struct replay r;
	int i;

	err_clear(&err);
	CHECK_INT(replay_open(&r, panel_model_find(model), NULL, NULL, &err), 0);
	for (i = 0; steps[i].log; i++) {
		char log[256], png[256], *report = NULL;
		size_t report_len = 0;
		FILE *out = open_memstream(&report, &report_len);
		int rc;
		snprintf(log, sizeof(log), STREAMS "%s/%s", folder, steps[i].log);
		snprintf(png, sizeof(png), STREAMS "%s/%s", folder, steps[i].image);
		r.report = out;
		rc = replay_file(&r, log, &err);
		fclose(out);
		if (steps[i].refusal) {
			CHECK_INT(rc, 1);
			CHECK(strstr(report, steps[i].refusal) != NULL);
			CHECK(strncmp(report, log, strlen(log)) == 0);
		} else {
			CHECK_INT(rc, 0);
			CHECK(strstr(report, "refused") == NULL);
		}
		if (rc < 0 || (steps[i].refusal == NULL) != (strstr(report, "refused") == NULL))
			fprintf(stderr, "%s:\n%s%s\n", log, report, err.message);
		CHECK_INT(differs_from(emulator_glass(r.emu), png), 0);
		free(report);
	}
	replay_close(&r);
}

/* The vendor's example, step by step (full, two partials, fast, sleep, full again after the
 * wake), and the glass each step leaves: every step accepted. */
static const struct vendor_step vendor_sequence[] = {
    {"01_init_full.log.gz", "A.png", NULL},
    {"02_part1.log.gz", "B1.png", NULL},
    {"03_part2.log.gz", "B2.png", NULL},
    {"04_fast.log.gz", "C.png", NULL},
    {"05_sleep.log.gz", "C.png", NULL},
    {"06_wake_full.log.gz", "A.png", NULL},
    {NULL, NULL, NULL},
};

static void vendor_7in5_v2(void)
{
	/* The vendor's windowed display_Partial sends its whole 48,000-byte buffer (the window's
	 * bytes first, then white padding) after PTL, where the datasheet lets DTM2 fill the 0x90
	 * window only. The glass is right only because the window's bytes come first: a
	 * controller that wrapped would show padding. The whole-screen window (step 7, the
	 * vendor example's own partial) is clean. */
	static const struct vendor_step steps[] = {
	    {"01_init_full.log.gz", "A.png", NULL},
	    {"02_part1.log.gz", "B1.png",
	     "02_part1.log.gz:17: refused: DTM2 data past the end of the 0x90 window (1000 bytes)"},
	    {"03_part2.log.gz", "B2.png",
	     "03_part2.log.gz:7: refused: DTM2 data past the end of the 0x90 window (1792 bytes)"},
	    {"04_fast.log.gz", "C.png", NULL},
	    {"05_sleep.log.gz", "C.png", NULL},
	    {"06_wake_full.log.gz", "A.png", NULL},
	    {"07_part_whole.log.gz", "B1.png", NULL},
	    {NULL, NULL, NULL},
	};
	replay_vendor("waveshare-7in5-v2", "7in5", steps);
}

static void vendor_4in2_v2(void)
{
	replay_vendor("waveshare-4in2-v2", "4in2", vendor_sequence);
}

static void vendor_2in7_v2(void)
{
	/* The partial path resets the controller and writes no 0x12: the registers are at their
	 * reset values, RAM kept. The full path sends no gate count: the reset one, 296. */
	replay_vendor("waveshare-2in7-v2", "2in7", vendor_sequence);
}

/* A log with something else in it is named at its line; a missing log is a missing input. */
static void replay_rejects_what_is_not_a_log(void)
{
	char path[256];
	struct inkref_error err;
	struct replay r;
	FILE *f;

	snprintf(path, sizeof(path), "%s/not-a-log.txt", test_tmpdir());
	f = fopen(path, "w");
	CHECK(f != NULL);
	if (!f)
		return;
	fputs("R\nC 12\nB 0\nD 0x12\n", f);
	fclose(f);
	err_clear(&err);
	CHECK_INT(replay_open(&r, panel_model_find("waveshare-4in2-v2"), NULL, NULL, &err), 0);
	CHECK_INT(replay_file(&r, path, &err), -1);
	CHECK_INT(err.code, EXIT_DATAERR);
	CHECK_INT(err.line, 4);
	CHECK_STR(err.file, path);
	err_clear(&err);
	CHECK_INT(replay_file(&r, "no-such-log.gz", &err), -1);
	CHECK_INT(err.code, EXIT_NOINPUT);
	replay_close(&r);
}

const struct test_case replay_tests[] = {
    TEST_CASE(replay, vendor_7in5_v2),
    TEST_CASE(replay, vendor_4in2_v2),
    TEST_CASE(replay, vendor_2in7_v2),
    TEST_CASE(replay, replay_rejects_what_is_not_a_log),
    {NULL, NULL, NULL},
};
