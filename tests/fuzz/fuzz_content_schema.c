/* SPDX-License-Identifier: MIT */
/* fuzz_content_schema: arbitrary SQL run into an empty database, which the real loader then
 * opens: crafted schemas (views and triggers named like tables, generated columns, tables of
 * other columns, indexes, a writable schema), crafted rows (ids past 32 bits, text that is
 * not UTF-8, menus in cycles or too deep), everything a byte-level fuzzer of the file would
 * take years to build. The SQL itself runs with a step budget and value limit, so only the
 * loader's work is at stake. What must hold: the loader ends (libFuzzer's time-out catches a
 * hang), refuses as bad data naming the file, or accepts a content the kiosk can walk. */
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "fuzz.h"

static int budget(void *steps)
{
	return ++*(long *)steps > 2000; /* 2000 calls of 1000 steps: enough for any seed */
}

/* No other file is touched (no ATTACH, no VACUUM INTO), and no printf() or format(): a width
 * of a billion is formatted in full before any limit applies, seconds inside one step where
 * no progress handler runs. This limits the SQL that makes inputs, not the loader under test. */
static int authorise(void *user, int action, const char *a, const char *b, const char *c,
		     const char *d)
{
	(void)user, (void)a, (void)c, (void)d;
	if (action == SQLITE_ATTACH || action == SQLITE_DETACH)
		return SQLITE_DENY;
	if (action == SQLITE_FUNCTION && b && (!strcmp(b, "printf") || !strcmp(b, "format")))
		return SQLITE_DENY;
	return SQLITE_OK;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char path[320], *sql;
	struct content content;
	struct inkref_error err;
	sqlite3 *db;
	long steps = 0;

	snprintf(path, sizeof(path), "%s/schema.db", fuzz_tmpdir());
	unlink(path);
	content_sqlite_setup(); /* before this harness's own first use of SQLite */
	if (sqlite3_open(path, &db) != SQLITE_OK) {
		sqlite3_close(db);
		return 0;
	}
	sql = malloc(size + 1);
	FUZZ_CHECK(sql != NULL);
	memcpy(sql, data, size);
	sql[size] = '\0';
	sqlite3_limit(db, SQLITE_LIMIT_LENGTH, 1 << 20);
	sqlite3_progress_handler(db, 1000, budget, &steps);
	sqlite3_set_authorizer(db, authorise, NULL);
	sqlite3_exec(db, "PRAGMA journal_mode = OFF; PRAGMA synchronous = OFF", NULL, NULL, NULL);
	sqlite3_exec(db, sql, NULL, NULL, NULL); /* what runs, runs; an error just stops it */
	free(sql);
	sqlite3_close(db);

	err_clear(&err);
	if (content_load(path, &content, &err) < 0) {
		FUZZ_CHECK(err.code == EXIT_DATAERR || err.code == EXIT_TEMPFAIL);
		FUZZ_CHECK(strcmp(err.file, path) == 0 && err.message[0]);
		return 0;
	}
	fuzz_check_content(&content);
	fuzz_walk_content(&content, (int)(size % FUZZ_PANEL_COUNT), 24);
	content_free(&content);
	return 0;
}
