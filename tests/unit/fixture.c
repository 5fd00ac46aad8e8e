/* SPDX-License-Identifier: MIT */
/* fixture: what several unit tests share: a session on the test content (tests/fixtures/
 * content), built afresh and changed by a test's SQL, for the tests that plant a mistake and
 * look for the rule that finds it; and the ink in part of a framebuffer. */
#include <sqlite3.h>

#include "../test.h"
#include "content_build.h"
#include "fb.h"
#include "session.h"

int test_fixture_session(struct session *s, const char *sql, const struct panel_model *panel)
{
	static int serial;
	char db[256];
	struct inkref_error err;
	struct session_options options = {NULL,	      TEST_FONTS, TEST_LOGO,
					  GLYPH_MONO, false,	  "2026-01-02"};

	snprintf(db, sizeof(db), "%s/fixture-%d.db", test_tmpdir(), serial++);
	err_clear(&err);
	if (content_build(TEST_FIXTURES "/content", db, &err) < 0) {
		err_print(&err);
		return -1;
	}
	if (sql) {
		sqlite3 *handle;
		CHECK_INT(sqlite3_open(db, &handle), SQLITE_OK);
		CHECK_INT(sqlite3_exec(handle, sql, NULL, NULL, NULL), SQLITE_OK);
		sqlite3_close(handle);
	}
	options.db_path = db;
	if (session_open(s, panel, &options, &err) < 0) {
		err_print(&err);
		return -1;
	}
	return 0;
}

long test_ink(const struct fb *fb, struct rect r)
{
	long ink = 0;
	int x, y;

	for (y = r.y; y < r.y + r.h; y++)
		for (x = r.x; x < r.x + r.w; x++)
			ink += fb_pixel(fb, x, y);
	return ink;
}
