/* SPDX-License-Identifier: MIT */
/* test_faults: the out-of-service screen fits every panel for every fault, with the fonts and
 * with the built-in alphabet; a failed content load names the right fault; a log that cannot
 * be written counts its lost lines and reports them once it can. */
#include <errno.h>
#include <fcntl.h>
#include <sqlite3.h>
#include <stdlib.h>
#include <unistd.h>

#include "../test.h"
#include "content.h"
#include "fb.h"
#include "log.h"
#include "outofservice.h"
#include "panel.h"

static const struct oos_fonts test_fonts = {TEST_FONTS "/DejaVuSans.ttf",
					    TEST_FONTS "/DejaVuSans-Bold.ttf", GLYPH_MONO};

/* Ink in the right margin (past half the margin) means a line ran past its column. */
static long ink_in_right_margin(const struct fb *fb, const struct panel_model *panel, int top)
{
	int left = panel->width - panel->margin / 2;

	return test_ink(fb, (struct rect){left, top, panel->width - left, fb->height - top});
}

static void every_fault_fits_every_panel(void)
{
	int p, f;

	for (p = 0; p < panel_model_count; p++) {
		const struct panel_model *panel = &panel_models[p];
		struct fb *fb = fb_new(panel->width, panel->height);
		for (f = FAULT_NONE + 1; f < FAULT_COUNT; f++) {
			struct oos_result r = oos_draw(fb, panel, (enum fault_kind)f, &test_fonts);
			CHECK(r.with_fonts);
			CHECK(r.fits);
			CHECK_INT(ink_in_right_margin(fb, panel, panel->large_body_px * 8 / 5), 0);
			/* The band is black with white letters in it; the notice below has ink. */
			CHECK(test_ink(fb, (struct rect){0, 0, panel->width, 4}) ==
			      panel->width * 4);
			CHECK(test_ink(fb, (struct rect){0, panel->large_body_px * 8 / 5,
							 panel->width, panel->height / 3}) > 0);
			if (!r.fits)
				fprintf(stderr, "%s on %s does not fit\n",
					fault_name((enum fault_kind)f), panel->name);
		}
		fb_free(fb);
	}
}

static void builtin_alphabet_fits_every_panel(void)
{
	int p, f;

	for (p = 0; p < panel_model_count; p++) {
		const struct panel_model *panel = &panel_models[p];
		struct fb *fb = fb_new(panel->width, panel->height);
		for (f = FAULT_NONE + 1; f < FAULT_COUNT; f++) {
			struct oos_result r = oos_draw_builtin(fb, panel, (enum fault_kind)f);
			CHECK(!r.with_fonts);
			CHECK(r.fits);
			CHECK_INT(ink_in_right_margin(fb, panel, fb->height / 3), 0);
		}
		fb_free(fb);
	}
}

static void missing_fonts_fall_back_to_builtin(void)
{
	const struct panel_model *panel = &panel_models[0];
	struct oos_fonts none = {"no-such-dir/a.ttf", "no-such-dir/b.ttf", GLYPH_MONO};
	struct fb *drawn = fb_new(panel->width, panel->height);
	struct fb *builtin = fb_new(panel->width, panel->height);
	struct oos_result r = oos_draw(drawn, panel, FAULT_FONT, &none);

	CHECK(!r.with_fonts);
	oos_draw_builtin(builtin, panel, FAULT_FONT);
	CHECK(memcmp(drawn->bits, builtin->bits, (size_t)drawn->stride * drawn->height) == 0);
	/* One font left is enough for the full screen. */
	none.bold = test_fonts.bold;
	r = oos_draw(drawn, panel, FAULT_FONT, &none);
	CHECK(r.with_fonts);
	CHECK(memcmp(drawn->bits, builtin->bits, (size_t)drawn->stride * drawn->height) != 0);
	fb_free(drawn);
	fb_free(builtin);
}

static void fault_names_round_trip(void)
{
	int f;

	for (f = FAULT_NONE + 1; f < FAULT_COUNT; f++)
		CHECK_INT(fault_from_name(fault_name((enum fault_kind)f)), f);
	CHECK_INT(fault_from_name("sideways"), FAULT_NONE);
}

static int copy_file(const char *from, const char *to)
{
	char buf[65536];
	size_t n;
	FILE *in = fopen(from, "rb"), *out = fopen(to, "wb");
	int rc = in && out ? 0 : -1;

	while (rc == 0 && (n = fread(buf, 1, sizeof(buf), in)) > 0)
		if (fwrite(buf, 1, n, out) != n)
			rc = -1;
	if (in)
		fclose(in);
	if (out && fclose(out) != 0)
		rc = -1;
	return rc;
}

static enum fault_kind load_fault(const char *path)
{
	struct content c;
	struct inkref_error err;
	enum fault_kind fault = FAULT_NONE;

	err_clear(&err);
	if (content_load(path, &c, &err) < 0)
		fault = fault_from_content_error(&err);
	else
		content_free(&c);
	return fault;
}

static void content_errors_name_their_fault(void)
{
	char path[300], garbage[300];
	sqlite3 *db = NULL, *locker = NULL;
	FILE *f;

	snprintf(path, sizeof(path), "%s/fault.db", test_tmpdir());
	snprintf(garbage, sizeof(garbage), "%s/garbage.db", test_tmpdir());
	unlink(path);
	CHECK_INT(load_fault(path), FAULT_CONTENT_MISSING);
	f = fopen(garbage, "w");
	if (f) {
		fputs("SQLite format 3 and then nothing useful at all", f);
		fclose(f);
	}
	CHECK_INT(load_fault(garbage), FAULT_CONTENT_DAMAGED);
	CHECK_INT(copy_file(TEST_DB, path), 0);
	CHECK_INT(load_fault(path), FAULT_NONE);

	/* A writer holding its lock: another connection, as another program would be. */
	CHECK_INT(sqlite3_open(path, &locker), SQLITE_OK);
	CHECK_INT(sqlite3_exec(locker, "BEGIN EXCLUSIVE", NULL, NULL, NULL), SQLITE_OK);
	CHECK_INT(load_fault(path), FAULT_CONTENT_LOCKED);
	CHECK_INT(sqlite3_exec(locker, "COMMIT", NULL, NULL, NULL), SQLITE_OK);
	sqlite3_close(locker);
	CHECK_INT(load_fault(path), FAULT_NONE);

	CHECK_INT(sqlite3_open(path, &db), SQLITE_OK);
	CHECK_INT(sqlite3_exec(db, "UPDATE meta SET value = '99' WHERE key = 'schema_version'",
			       NULL, NULL, NULL),
		  SQLITE_OK);
	sqlite3_close(db);
	CHECK_INT(load_fault(path), FAULT_CONTENT_VERSION);
}

static void log_counts_lines_it_could_not_write(void)
{
	int full = open("/dev/full", O_WRONLY | O_CLOEXEC), pipe_fds[2], why = 0;
	char got[1024];
	ssize_t n;

	CHECK(full >= 0);
	CHECK_INT(pipe(pipe_fds), 0);
	log_set_fd(full);
	log_msg(LOG_ERR, "first %d", 1);
	log_msg(LOG_ERR, "second");
	log_msg(LOG_INFO, "third");
	CHECK_INT(log_lost_lines(&why), 3);
	CHECK_INT(why, ENOSPC);
	log_set_fd(pipe_fds[1]);
	log_msg(LOG_INFO, "the log works again");
	log_set_fd(2);
	CHECK_INT(log_lost_lines(NULL), 0);
	n = read(pipe_fds[0], got, sizeof(got) - 1);
	got[n > 0 ? n : 0] = '\0';
	CHECK(strstr(got, "3 log lines could not be written: No space left on device\n") != NULL);
	CHECK(strstr(got, "the log works again\n") != NULL);
	CHECK(strstr(got, "first") == NULL);
	close(full);
	close(pipe_fds[0]);
	close(pipe_fds[1]);
}

const struct test_case fault_tests[] = {
    TEST_CASE(faults, every_fault_fits_every_panel),
    TEST_CASE(faults, builtin_alphabet_fits_every_panel),
    TEST_CASE(faults, missing_fonts_fall_back_to_builtin),
    TEST_CASE(faults, fault_names_round_trip),
    TEST_CASE(faults, content_errors_name_their_fault),
    TEST_CASE(faults, log_counts_lines_it_could_not_write),
    {NULL, NULL, NULL},
};
