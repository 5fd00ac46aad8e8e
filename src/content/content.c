/* SPDX-License-Identifier: MIT */
/* content: loads and checks the SQLite content database. */
#include "content.h"

#include <errno.h>
#include <signal.h>
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "utf8.h"

const char content_schema_sql[] =
    "CREATE TABLE meta(key TEXT PRIMARY KEY, value TEXT NOT NULL);\n"
    "CREATE TABLE sources(id INTEGER PRIMARY KEY, number INTEGER NOT NULL UNIQUE,\n"
    "  key TEXT NOT NULL UNIQUE, title TEXT NOT NULL, author TEXT NOT NULL,\n"
    "  published_in TEXT NOT NULL DEFAULT '', year TEXT NOT NULL DEFAULT '',\n"
    "  url TEXT NOT NULL DEFAULT '');\n"
    "CREATE TABLE pages(id INTEGER PRIMARY KEY, title TEXT NOT NULL, language TEXT NOT NULL,\n"
    "  body TEXT NOT NULL, source_file TEXT NOT NULL, source_line INTEGER NOT NULL);\n"
    "CREATE TABLE page_sources(page_id INTEGER NOT NULL REFERENCES pages(id),\n"
    "  source_id INTEGER NOT NULL REFERENCES sources(id), PRIMARY KEY(page_id, source_id));\n"
    "CREATE TABLE menu_items(id INTEGER PRIMARY KEY, parent_id INTEGER REFERENCES menu_items(id),\n"
    "  position INTEGER NOT NULL, title TEXT NOT NULL, language TEXT NOT NULL,\n"
    "  page_id INTEGER REFERENCES pages(id));\n"
    "CREATE TABLE hyphenation(word TEXT PRIMARY KEY, points INTEGER NOT NULL);\n"
    "CREATE TABLE interactions(medicine TEXT NOT NULL, partner TEXT NOT NULL,\n"
    "  PRIMARY KEY(medicine, partner));\n";

/* Note for anyone changing content_schema_sql: the loader compares each table's CREATE
 * statement, as SQLite keeps it, with this text (see check_schema); a change of it is a new
 * schema version. */

struct loader {
	sqlite3 *db;
	const char *path;
	struct content *content;
	struct inkref_error *err;
	long work;	  /* SQLite steps so far, counted by progress() */
	bool over_budget; /* the load took CONTENT_WORK_MAX steps and was stopped */
	bool interrupted; /* SIGTERM or SIGINT waits, blocked (the daemon): the load gave way */
	char record[96];  /* the record being read, for messages: "table pages, page 3" */
	bool has_interactions;		 /* the optional table is there (check_schema) */
	bool has_hyphenation;		 /* that one too */
	unsigned long failures_at_start; /* malloc_failures when the load began */
};

/* SQLite calls this every PROGRESS_STEPS steps of its virtual machine: a crafted database
 * whose queries would never end is stopped, and a kiosk told to stop is not kept waiting. */
#define PROGRESS_STEPS 100000

static int progress(void *user)
{
	struct loader *l = user;
	sigset_t pending;

	l->work += PROGRESS_STEPS;
	if (l->work > CONTENT_WORK_MAX) {
		l->over_budget = true;
		return 1;
	}
	if (sigpending(&pending) == 0 &&
	    (sigismember(&pending, SIGTERM) == 1 || sigismember(&pending, SIGINT) == 1)) {
		l->interrupted = true;
		return 1;
	}
	return 0;
}

/* SQLite says SQLITE_NOMEM both when malloc fails and when a damaged file asks for an
 * allocation it refuses outright (a size near 2 GiB never reaches malloc). Counting malloc's
 * own failures tells the two apart: only those are memory running out, a fault that clears. */
static sqlite3_mem_methods sqlite_malloc;
static bool counting_failures;
static unsigned long malloc_failures;

static void *counted_malloc(int bytes)
{
	void *p = sqlite_malloc.xMalloc(bytes);

	if (!p)
		malloc_failures++;
	return p;
}

static void *counted_realloc(void *old, int bytes)
{
	void *p = sqlite_malloc.xRealloc(old, bytes);

	if (!p)
		malloc_failures++;
	return p;
}

void content_sqlite_setup(void)
{
	static bool done;
	sqlite3_mem_methods counted;

	if (done)
		return;
	done = true;
	/* Only before SQLite's first use: later both calls fail, and every SQLITE_NOMEM is then
	 * taken for memory running out, as it was before the count. */
	if (sqlite3_config(SQLITE_CONFIG_GETMALLOC, &sqlite_malloc) != SQLITE_OK)
		return;
	counted = sqlite_malloc;
	counted.xMalloc = counted_malloc;
	counted.xRealloc = counted_realloc;
	counting_failures = sqlite3_config(SQLITE_CONFIG_MALLOC, &counted) == SQLITE_OK;
}

/* SQLITE_NOMEM since the load began, with malloc never failing: the file asked for it. */
static bool asked_the_impossible(const struct loader *l)
{
	return counting_failures && malloc_failures == l->failures_at_start;
}

static int out_of_memory(struct loader *l)
{
	if (asked_the_impossible(l)) {
		err_set(l->err, EXIT_DATAERR, l->path, 0,
			"the database is damaged: reading %s asked SQLite for more memory than any "
			"value may take; rebuild it with 'make' or restore a good copy",
			l->record[0] ? l->record : "it");
		return -1;
	}
	err_set(l->err, EXIT_SOFTWARE, l->path, 0, "out of memory while loading %s",
		l->record[0] ? l->record : "the content");
	l->err->reason = ERR_REASON_NO_MEMORY;
	return -1;
}

static int db_error(struct loader *l, const char *what)
{
	int code = sqlite3_errcode(l->db);

	if (l->interrupted) {
		err_set(l->err, EXIT_TEMPFAIL, l->path, 0, "%s: loading stopped for a signal",
			what);
		return -1;
	}
	if (l->over_budget) {
		err_set(l->err, EXIT_DATAERR, l->path, 0,
			"%s: reading it took more than %ld steps, far more than any content within "
			"the limits needs; refused",
			what, CONTENT_WORK_MAX);
		return -1;
	}
	if (code == SQLITE_NOMEM)
		return out_of_memory(l);
	if (code == SQLITE_BUSY || code == SQLITE_LOCKED) {
		/* Another program is writing it: nothing is wrong with the file itself. */
		err_set(l->err, EXIT_TEMPFAIL, l->path, 0,
			"%s: %s by another program; try again when it is done", what,
			sqlite3_errmsg(l->db));
		l->err->reason = ERR_REASON_LOCKED;
		return -1;
	}
	if (code == SQLITE_TOOBIG) {
		err_set(l->err, EXIT_DATAERR, l->path, 0,
			"%s: a value is longer than %ld bytes, the limit of any value", what,
			CONTENT_VALUE_MAX);
		return -1;
	}
	err_set(l->err, EXIT_DATAERR, l->path, 0,
		"%s: %s; rebuild it with 'make' or restore a good copy", what,
		sqlite3_errmsg(l->db));
	return -1;
}

static int prepare(struct loader *l, const char *sql, sqlite3_stmt **stmt)
{
	if (sqlite3_prepare_v2(l->db, sql, -1, stmt, NULL) != SQLITE_OK)
		return db_error(l, "not a readable inkref content database");
	return 0;
}

/* Every text column goes through here: at most max bytes, valid UTF-8 without NUL bytes, and,
 * for one-line fields (titles, names), no control characters, which would break a line on
 * screen or forge one in the journal. Returns a copy, or NULL with err filled. */
static char *dup_text(struct loader *l, sqlite3_stmt *stmt, int col, const char *field, long max,
		      bool one_line)
{
	const char *text = (const char *)sqlite3_column_text(stmt, col);
	long bytes = sqlite3_column_bytes(stmt, col), i;
	char *copy;

	if (!text) {
		if (sqlite3_errcode(l->db) == SQLITE_NOMEM) {
			out_of_memory(l);
			return NULL;
		}
		text = "";
		bytes = 0;
	}
	if (bytes > max) {
		err_set(l->err, EXIT_DATAERR, l->path, 0, "%s: %s is %ld bytes; the limit is %ld",
			l->record, field, bytes, max);
		return NULL;
	}
	if ((long)strlen(text) != bytes) {
		err_set(l->err, EXIT_DATAERR, l->path, 0, "%s: %s holds a NUL byte", l->record,
			field);
		return NULL;
	}
	if (utf8_find_invalid(text, (size_t)bytes) >= 0) {
		err_set(l->err, EXIT_DATAERR, l->path, 0, "%s: %s is not valid UTF-8", l->record,
			field);
		return NULL;
	}
	for (i = 0; one_line && i < bytes; i++) {
		unsigned char c = (unsigned char)text[i];
		if (c < 0x20 || c == 0x7f) {
			err_set(l->err, EXIT_DATAERR, l->path, 0,
				"%s: %s holds a control character: %.80s", l->record, field, text);
			return NULL;
		}
	}
	copy = malloc((size_t)bytes + 1);
	if (!copy) {
		out_of_memory(l);
		return NULL;
	}
	memcpy(copy, text, (size_t)bytes + 1);
	return copy;
}

/* An id or number column: an integer from 1 to CONTENT_ID_MAX, or NULL where nullable (then
 * *out is 0). Read as 64 bits: a value cut to an int would name another record. */
static int read_id(struct loader *l, sqlite3_stmt *stmt, int col, const char *field, bool nullable,
		   int *out)
{
	sqlite3_int64 v;

	*out = 0;
	if (sqlite3_column_type(stmt, col) == SQLITE_NULL && nullable)
		return 0;
	if (sqlite3_column_type(stmt, col) != SQLITE_INTEGER) {
		err_set(l->err, EXIT_DATAERR, l->path, 0, "%s: %s is not a whole number", l->record,
			field);
		return -1;
	}
	v = sqlite3_column_int64(stmt, col);
	if (v < 1 || v > CONTENT_ID_MAX) {
		err_set(l->err, EXIT_DATAERR, l->path, 0, "%s: %s %lld is out of range (1 to %ld)",
			l->record, field, (long long)v, (long)CONTENT_ID_MAX);
		return -1;
	}
	*out = (int)v;
	return 0;
}

/* The objects (tables and their automatic indexes) a database of this schema holds, as
 * sqlite_master lists them: made by the same SQL the builder runs, in memory, then compared.
 * A view, trigger, index or column the builder does not make is refused before any query
 * reads a table: a view named like a table can run any query at all. */
static const char schema_sql[] =
    "SELECT type, name, sql, tbl_name FROM sqlite_master ORDER BY name, type";

/* Tables a database may lack: those added to the schema after databases were made without
 * them (the loader reads it when it is there). */
static const char *const optional_tables[] = {"interactions", "hyphenation", NULL};

static bool optional(const char *table)
{
	int i;

	for (i = 0; optional_tables[i]; i++)
		if (strcmp(optional_tables[i], table) == 0)
			return true;
	return false;
}

static const char *column(sqlite3_stmt *stmt, int col)
{
	const char *text = (const char *)sqlite3_column_text(stmt, col);
	return text ? text : "";
}

/* Compares the next object of each side (w, h: their sqlite3_step results). Returns 0 when
 * they match, 1 when the file lacks an optional object (step want only), -1 with err set. */
static int schema_differs(struct loader *l, sqlite3_stmt *want, int w, sqlite3_stmt *have, int h,
			  bool first)
{
	int order;

	if (first && h != SQLITE_ROW) {
		err_set(l->err, EXIT_DATAERR, l->path, 0,
			"not an inkref content database: it holds no tables; build it with 'make'");
		return -1;
	}
	order = w != SQLITE_ROW	  ? -1
		: h != SQLITE_ROW ? 1
				  : strcmp(column(have, 1), column(want, 1));
	if (order > 0 && optional(column(want, 3)))
		return 1;
	if (order < 0) /* sorted by name: the file has one the schema lacks */
		err_set(l->err, EXIT_DATAERR, l->path, 0,
			"the database holds %s %.60s, which inkref does not make; rebuild it with "
			"'make'",
			column(have, 0), column(have, 1));
	else if (order > 0)
		err_set(l->err, EXIT_DATAERR, l->path, 0,
			"the database lacks %s %s; rebuild it with 'make'", column(want, 0),
			column(want, 1));
	else if (strcmp(column(have, 0), column(want, 0)) != 0)
		err_set(l->err, EXIT_DATAERR, l->path, 0,
			"%s is a%s %s, not a %s; this is not a database inkref made",
			column(have, 1), column(have, 0)[0] == 'i' ? "n" : "", column(have, 0),
			column(want, 0));
	else if (strcmp(column(have, 2), column(want, 2)) != 0)
		err_set(l->err, EXIT_DATAERR, l->path, 0,
			"%s %s is not the %s inkref makes (other columns or constraints); rebuild "
			"it with 'make'",
			column(have, 0), column(have, 1), column(have, 0));
	else
		return 0;
	return -1;
}

static int check_schema(struct loader *l)
{
	sqlite3 *expected = NULL;
	sqlite3_stmt *want = NULL, *have = NULL;
	int rc = -1, w, h, differs;
	bool first = true;

	snprintf(l->record, sizeof(l->record), "the schema");
	if (sqlite3_open_v2(":memory:", &expected, SQLITE_OPEN_READWRITE, NULL) != SQLITE_OK ||
	    sqlite3_exec(expected, content_schema_sql, NULL, NULL, NULL) != SQLITE_OK ||
	    sqlite3_prepare_v2(expected, schema_sql, -1, &want, NULL) != SQLITE_OK) {
		out_of_memory(l);
		goto out;
	}
	if (prepare(l, schema_sql, &have) < 0)
		goto out;
	w = sqlite3_step(want);
	h = sqlite3_step(have);
	while (w == SQLITE_ROW || h == SQLITE_ROW || first) {
		if (h != SQLITE_ROW && h != SQLITE_DONE) {
			db_error(l, "not a readable inkref content database");
			goto out;
		}
		differs = schema_differs(l, want, w, have, h, first);
		first = false;
		if (differs < 0)
			goto out;
		if (differs == 0 && h == SQLITE_ROW && strcmp(column(have, 3), "interactions") == 0)
			l->has_interactions = true;
		if (differs == 0 && h == SQLITE_ROW && strcmp(column(have, 3), "hyphenation") == 0)
			l->has_hyphenation = true;
		w = sqlite3_step(want);
		if (differs == 0)
			h = sqlite3_step(have);
	}
	rc = 0;
out:
	sqlite3_finalize(want);
	sqlite3_finalize(have);
	sqlite3_close(expected);
	return rc;
}

static int check_integrity(struct loader *l)
{
	sqlite3_stmt *stmt;
	int rc;

	/* integrity_check, not quick_check: the loader reads some columns through indexes
	 * (sources by number) and others from the tables, so an index out of step with its table
	 * would go unnoticed and the two reads disagree. A kiosk database is small: the full
	 * check takes a few milliseconds. */
	snprintf(l->record, sizeof(l->record), "the integrity check");
	if (prepare(l, "PRAGMA integrity_check(1)", &stmt) < 0)
		return -1;
	rc = sqlite3_step(stmt);
	if (rc != SQLITE_ROW) {
		sqlite3_finalize(stmt);
		return db_error(l, "the database is damaged");
	}
	if (strcmp(column(stmt, 0), "ok") != 0) {
		/* A page the check could not read for want of memory is reported in its text, as
		 * SQLite's error code 7 (SQLITE_NOMEM): the file may be fine. */
		const char *nomem = strstr(column(stmt, 0), "error code=7");
		if (nomem && (nomem[12] < '0' || nomem[12] > '9')) {
			sqlite3_finalize(stmt);
			return out_of_memory(l);
		}
		err_set(l->err, EXIT_DATAERR, l->path, 0,
			"the database is damaged (%.200s); rebuild it with 'make' or restore a "
			"good copy",
			column(stmt, 0));
		sqlite3_finalize(stmt);
		return -1;
	}
	sqlite3_finalize(stmt);
	return 0;
}

/* A real calendar date written YYYY-MM-DD: anything else would compare wrongly with today's
 * date (a review_by of "zzzz" is never due). */
static bool valid_date(const char *s)
{
	static const int days[12] = {31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
	int y, m, d, i;

	for (i = 0; i < 10; i++)
		if (i == 4 || i == 7 ? s[i] != '-' : (s[i] < '0' || s[i] > '9'))
			return false;
	if (s[10])
		return false;
	y = atoi(s);
	m = atoi(s + 5);
	d = atoi(s + 8);
	if (m < 1 || m > 12 || d < 1 || d > days[m - 1])
		return false;
	return m != 2 || d < 29 || (y % 4 == 0 && (y % 100 != 0 || y % 400 == 0));
}

static int load_meta(struct loader *l)
{
	struct content *c = l->content;
	sqlite3_stmt *stmt;
	int version = -1, rc;

	snprintf(l->record, sizeof(l->record), "table meta");
	if (prepare(l, "SELECT key, value FROM meta", &stmt) < 0)
		return -1;
	while ((rc = sqlite3_step(stmt)) == SQLITE_ROW) {
		const char *key = (const char *)sqlite3_column_text(stmt, 0);
		char **slot = NULL;
		if (!key)
			continue;
		if (strcmp(key, "schema_version") == 0) {
			sqlite3_int64 v = sqlite3_column_int64(stmt, 1);
			version = v > 0 && v < 1000 ? (int)v : -1;
		} else if (strcmp(key, "content_version") == 0)
			slot = &c->content_version;
		else if (strcmp(key, "language") == 0)
			slot = &c->language;
		else if (strcmp(key, "reviewed_on") == 0)
			slot = &c->reviewed_on;
		else if (strcmp(key, "review_by") == 0)
			slot = &c->review_by;
		else if (strcmp(key, "locale") == 0)
			slot = &c->locale;
		else if (strcmp(key, "reviewed_by") == 0)
			slot = &c->reviewed_by;
		if (slot) {
			free(*slot);
			*slot = dup_text(l, stmt, 1, key, CONTENT_FIELD_MAX, true);
			if (!*slot) {
				sqlite3_finalize(stmt);
				return -1;
			}
		}
	}
	if (sqlite3_finalize(stmt) != SQLITE_OK || rc != SQLITE_DONE)
		return db_error(l, "cannot read table meta");
	if (version != CONTENT_SCHEMA_VERSION) {
		err_set(
		    l->err, EXIT_DATAERR, l->path, 0,
		    "table meta: schema_version is %d, this inkref reads version %d; rebuild the "
		    "content with this version's 'make'",
		    version, CONTENT_SCHEMA_VERSION);
		l->err->reason = ERR_REASON_WRONG_VERSION;
		return -1;
	}
	/* Optional: databases made before editions named their locale and reviewer. */
	if (!c->locale)
		c->locale = strdup("");
	if (!c->reviewed_by)
		c->reviewed_by = strdup("");
	if (!c->locale || !c->reviewed_by) {
		err_set(l->err, EXIT_SOFTWARE, l->path, 0, "out of memory reading table meta");
		return -1;
	}
	if (!c->content_version || !c->language || !c->reviewed_on || !c->review_by) {
		err_set(l->err, EXIT_DATAERR, l->path, 0,
			"table meta lacks content_version, language, reviewed_on or review_by");
		return -1;
	}
	if (!valid_date(c->reviewed_on) || !valid_date(c->review_by)) {
		bool review_by = valid_date(c->reviewed_on);
		err_set(l->err, EXIT_DATAERR, l->path, 0,
			"table meta: %s is '%.40s', not a date (YYYY-MM-DD)",
			review_by ? "review_by" : "reviewed_on",
			review_by ? c->review_by : c->reviewed_on);
		return -1;
	}
	return 0;
}

/* The rows of a table, at most CONTENT_ROWS_MAX: the arrays are sized from it. */
static int count_rows(struct loader *l, const char *table, int *count)
{
	char sql[64];
	sqlite3_stmt *stmt;
	sqlite3_int64 n;

	snprintf(l->record, sizeof(l->record), "table %s", table);
	snprintf(sql, sizeof(sql), "SELECT count(*) FROM %s", table);
	if (prepare(l, sql, &stmt) < 0)
		return -1;
	if (sqlite3_step(stmt) != SQLITE_ROW) {
		sqlite3_finalize(stmt);
		return db_error(l, "cannot count rows");
	}
	n = sqlite3_column_int64(stmt, 0);
	sqlite3_finalize(stmt);
	if (n > CONTENT_ROWS_MAX) {
		err_set(l->err, EXIT_DATAERR, l->path, 0, "table %s has %lld rows; the limit is %d",
			table, (long long)n, CONTENT_ROWS_MAX);
		return -1;
	}
	*count = (int)n;
	return 0;
}

/* The end of a table's rows: SQLITE_DONE, or an error (the budget, a lock, damage). */
static int finish_rows(struct loader *l, sqlite3_stmt *stmt, int rc, const char *what)
{
	if (sqlite3_finalize(stmt) != SQLITE_OK || (rc != SQLITE_DONE && rc != SQLITE_ROW))
		return db_error(l, what);
	return 0;
}

/* The interaction pairs, when the database has the table (older ones do not). */
static int load_interactions(struct loader *l)
{
	struct content *c = l->content;
	sqlite3_stmt *stmt;
	int n = 0, rc = SQLITE_DONE;

	if (!l->has_interactions) /* a database made before the table */
		return 0;
	if (count_rows(l, "interactions", &c->interaction_count) < 0)
		return -1;
	c->interactions = calloc((size_t)c->interaction_count + 1, sizeof(*c->interactions));
	if (!c->interactions)
		return out_of_memory(l);
	if (prepare(l, "SELECT lower(medicine), lower(partner) FROM interactions ORDER BY rowid",
		    &stmt) < 0)
		return -1;
	while (n < c->interaction_count && (rc = sqlite3_step(stmt)) == SQLITE_ROW) {
		snprintf(l->record, sizeof(l->record), "table interactions, row %d", n + 1);
		c->interactions[n].medicine =
		    dup_text(l, stmt, 0, "medicine", CONTENT_FIELD_MAX, true);
		c->interactions[n].partner =
		    c->interactions[n].medicine
			? dup_text(l, stmt, 1, "partner", CONTENT_FIELD_MAX, true)
			: NULL;
		n++;
		if (!c->interactions[n - 1].partner) {
			c->interaction_count = n;
			sqlite3_finalize(stmt);
			return -1;
		}
	}
	if (finish_rows(l, stmt, rc, "cannot read table interactions") < 0)
		return -1;
	c->interaction_count = n;
	return 0;
}

static int load_sources(struct loader *l)
{
	struct content *c = l->content;
	sqlite3_stmt *stmt;
	int n = 0, rc = SQLITE_DONE;

	if (count_rows(l, "sources", &c->source_count) < 0)
		return -1;
	c->sources = calloc((size_t)c->source_count + 1, sizeof(*c->sources));
	if (!c->sources)
		return out_of_memory(l);
	if (prepare(l,
		    "SELECT number, key, title, author, published_in, year, url FROM sources "
		    "ORDER BY number",
		    &stmt) < 0)
		return -1;
	while (n < c->source_count && (rc = sqlite3_step(stmt)) == SQLITE_ROW) {
		struct source *s = &c->sources[n++];
		snprintf(l->record, sizeof(l->record), "table sources, source %d", n);
		if (read_id(l, stmt, 0, "number", false, &s->number) < 0 ||
		    !(s->key = dup_text(l, stmt, 1, "key", CONTENT_FIELD_MAX, true)) ||
		    !(s->title = dup_text(l, stmt, 2, "title", CONTENT_FIELD_MAX, true)) ||
		    !(s->author = dup_text(l, stmt, 3, "author", CONTENT_FIELD_MAX, true)) ||
		    !(s->published_in =
			  dup_text(l, stmt, 4, "published_in", CONTENT_FIELD_MAX, true)) ||
		    !(s->year = dup_text(l, stmt, 5, "year", CONTENT_FIELD_MAX, true)) ||
		    !(s->url = dup_text(l, stmt, 6, "url", CONTENT_FIELD_MAX, true))) {
			sqlite3_finalize(stmt);
			return -1;
		}
		if (s->number != n) {
			err_set(l->err, EXIT_DATAERR, l->path, 0,
				"table sources, key '%s': number %d breaks the sequence 1, 2, 3...",
				s->key, s->number);
			sqlite3_finalize(stmt);
			return -1;
		}
	}
	if (finish_rows(l, stmt, rc, "cannot read table sources") < 0)
		return -1;
	c->source_count = n;
	return 0;
}

/* Pages are loaded in id order: a binary search finds one, so loading stays n log n. */
static int find_page(const struct content *c, int id)
{
	int lo = 0, hi = c->page_count - 1;

	while (lo <= hi) {
		int mid = lo + (hi - lo) / 2;
		if (c->pages[mid].id == id)
			return mid;
		if (c->pages[mid].id < id)
			lo = mid + 1;
		else
			hi = mid - 1;
	}
	return -1;
}

static int load_page_row(struct loader *l, sqlite3_stmt *stmt, struct page *p)
{
	const char *body;
	char record[64];

	if (read_id(l, stmt, 0, "id", false, &p->id) < 0)
		return -1;
	snprintf(l->record, sizeof(l->record), "table pages, page %d", p->id);
	if (!(p->title = dup_text(l, stmt, 1, "title", CONTENT_TITLE_MAX, true)) ||
	    !(p->language = dup_text(l, stmt, 2, "language", CONTENT_FIELD_MAX, true)) ||
	    !(p->source_file = dup_text(l, stmt, 4, "source_file", CONTENT_FIELD_MAX, true)) ||
	    read_id(l, stmt, 5, "source_line", false, &p->source_line) < 0)
		return -1;
	body = (const char *)sqlite3_column_text(stmt, 3);
	if (sqlite3_column_bytes(stmt, 3) > CONTENT_BODY_MAX) {
		err_set(l->err, EXIT_DATAERR, l->path, 0, "%s: body is %d bytes; the limit is %d",
			l->record, sqlite3_column_bytes(stmt, 3), CONTENT_BODY_MAX);
		return -1;
	}
	if (body && (int)strlen(body) != sqlite3_column_bytes(stmt, 3)) {
		err_set(l->err, EXIT_DATAERR, l->path, 0, "%s: body holds a NUL byte", l->record);
		return -1;
	}
	snprintf(record, sizeof(record), "page %d body", p->id);
	/* The error names the database file and the page record at fault. */
	if (markup_parse(body ? body : "", record, 1, &p->doc, l->err) < 0) {
		char detail[sizeof(l->err->message) + 96];
		snprintf(detail, sizeof(detail), "table pages, %s line %ld: %s", record,
			 l->err->line, l->err->message);
		snprintf(l->err->file, sizeof(l->err->file), "%s", l->path);
		l->err->line = 0;
		memcpy(l->err->message, detail, sizeof(l->err->message) - 1);
		l->err->message[sizeof(l->err->message) - 1] = '\0';
		return -1;
	}
	return 0;
}

static int load_page_sources(struct loader *l)
{
	struct content *c = l->content;
	sqlite3_stmt *stmt;
	int rc;

	/* A LEFT JOIN: a row naming a source that does not exist is an error, not dropped. */
	snprintf(l->record, sizeof(l->record), "table page_sources");
	if (prepare(l,
		    "SELECT ps.page_id, ps.source_id, s.number FROM page_sources ps LEFT JOIN "
		    "sources s ON s.id = ps.source_id ORDER BY ps.page_id, s.number",
		    &stmt) < 0)
		return -1;
	while ((rc = sqlite3_step(stmt)) == SQLITE_ROW) {
		int page_id, source_id, number, index;
		struct page *p;
		int *grown;
		if (read_id(l, stmt, 0, "page_id", false, &page_id) < 0 ||
		    read_id(l, stmt, 1, "source_id", false, &source_id) < 0) {
			sqlite3_finalize(stmt);
			return -1;
		}
		index = find_page(c, page_id);
		if (index < 0 || sqlite3_column_type(stmt, 2) == SQLITE_NULL) {
			if (index < 0)
				err_set(l->err, EXIT_DATAERR, l->path, 0,
					"table page_sources names page %d, which does not exist",
					page_id);
			else
				err_set(
				    l->err, EXIT_DATAERR, l->path, 0,
				    "table page_sources: page %d names source %d, which does not "
				    "exist",
				    page_id, source_id);
			sqlite3_finalize(stmt);
			return -1;
		}
		p = &c->pages[index];
		if (read_id(l, stmt, 2, "the source's number", false, &number) < 0 ||
		    p->source_count == CONTENT_PAGE_SOURCES_MAX) {
			err_set(l->err, EXIT_DATAERR, l->path, 0,
				"table page_sources: page %d cites more than %d sources", page_id,
				CONTENT_PAGE_SOURCES_MAX);
			sqlite3_finalize(stmt);
			return -1;
		}
		grown = realloc(p->source_numbers, (size_t)(p->source_count + 1) * sizeof(int));
		if (!grown) {
			sqlite3_finalize(stmt);
			return out_of_memory(l);
		}
		p->source_numbers = grown;
		p->source_numbers[p->source_count++] = number;
	}
	return finish_rows(l, stmt, rc, "cannot read table page_sources");
}

static int load_pages(struct loader *l)
{
	struct content *c = l->content;
	sqlite3_stmt *stmt;
	int n = 0, rc = SQLITE_DONE;

	if (count_rows(l, "pages", &c->page_count) < 0)
		return -1;
	c->pages = calloc((size_t)c->page_count + 1, sizeof(*c->pages));
	if (!c->pages)
		return out_of_memory(l);
	if (prepare(
		l,
		"SELECT id, title, language, body, source_file, source_line FROM pages ORDER BY id",
		&stmt) < 0)
		return -1;
	while (n < c->page_count && (rc = sqlite3_step(stmt)) == SQLITE_ROW) {
		if (load_page_row(l, stmt, &c->pages[n++]) < 0) {
			sqlite3_finalize(stmt);
			return -1;
		}
	}
	if (finish_rows(l, stmt, rc, "cannot read table pages") < 0)
		return -1;
	c->page_count = n;
	return load_page_sources(l);
}

/* Menu items by id, for finding parents: sorted once, then a binary search each. */
struct item_id {
	int id, index;
};

static int compare_item_ids(const void *a, const void *b)
{
	const struct item_id *x = a, *y = b;
	return (x->id > y->id) - (x->id < y->id);
}

static int find_item(const struct item_id *ids, int n, int id)
{
	struct item_id key = {id, 0};
	const struct item_id *found = bsearch(&key, ids, (size_t)n, sizeof(*ids), compare_item_ids);
	return found ? found->index : -1;
}

static int load_menu_rows(struct loader *l, int *parent_ids)
{
	struct content *c = l->content;
	sqlite3_stmt *stmt;
	int n = 0, rc = SQLITE_DONE;

	if (prepare(l,
		    "SELECT id, parent_id, title, language, page_id FROM menu_items "
		    "ORDER BY parent_id, position",
		    &stmt) < 0)
		return -1;
	c->root = -1;
	while (n < c->item_count && (rc = sqlite3_step(stmt)) == SQLITE_ROW) {
		struct menu_item *m = &c->items[n];
		int page_id;
		m->page = -1;
		if (read_id(l, stmt, 0, "id", false, &m->id) < 0)
			goto fail;
		snprintf(l->record, sizeof(l->record), "table menu_items, item %d", m->id);
		if (read_id(l, stmt, 1, "parent_id", true, &parent_ids[n]) < 0 ||
		    !(m->title = dup_text(l, stmt, 2, "title", CONTENT_TITLE_MAX, true)) ||
		    !(m->language = dup_text(l, stmt, 3, "language", CONTENT_FIELD_MAX, true)) ||
		    read_id(l, stmt, 4, "page_id", true, &page_id) < 0)
			goto fail;
		if (page_id) {
			m->page = find_page(c, page_id);
			if (m->page < 0) {
				err_set(
				    l->err, EXIT_DATAERR, l->path, 0,
				    "table menu_items, item %d ('%s'): its page %d does not exist",
				    m->id, m->title, page_id);
				goto fail;
			}
		}
		if (parent_ids[n] == 0) {
			if (c->root >= 0) {
				err_set(l->err, EXIT_DATAERR, l->path, 0,
					"table menu_items: items %d and %d both claim to be the "
					"home menu",
					c->items[c->root].id, m->id);
				goto fail;
			}
			c->root = n;
		}
		n++;
	}
	c->item_count = n;
	return finish_rows(l, stmt, rc, "cannot read table menu_items");
fail:
	sqlite3_finalize(stmt);
	return -1;
}

/* Children to parents; rows came ordered by position within each parent. */
static int link_menu(struct loader *l, const int *parent_ids, struct item_id *ids)
{
	struct content *c = l->content;
	int n = c->item_count, i;

	for (i = 0; i < n; i++)
		ids[i] = (struct item_id){c->items[i].id, i};
	qsort(ids, (size_t)n, sizeof(*ids), compare_item_ids);
	for (i = 0; i < n; i++) {
		struct menu_item *child = &c->items[i], *parent;
		int j, *grown;
		child->parent = -1;
		if (parent_ids[i] == 0)
			continue;
		j = find_item(ids, n, parent_ids[i]);
		if (j < 0 || c->items[j].page >= 0) {
			err_set(l->err, EXIT_DATAERR, l->path, 0,
				"table menu_items, item %d ('%s'): parent %d is %s", child->id,
				child->title, parent_ids[i],
				j < 0 ? "missing" : "a page, not a menu");
			return -1;
		}
		child->parent = j;
		parent = &c->items[j];
		grown = realloc(parent->children, (size_t)(parent->child_count + 1) * sizeof(int));
		if (!grown)
			return out_of_memory(l);
		parent->children = grown;
		parent->children[parent->child_count++] = i;
	}
	return 0;
}

/* Every item within MENU_DEPTH_LIMIT levels below home, found by a walk down from home that
 * visits each item once: an item it never reaches hangs in a parent cycle. */
static int check_menu_reach(struct loader *l, int *depth, int *queue)
{
	struct content *c = l->content;
	int head = 0, tail = 0, i;

	for (i = 0; i < c->item_count; i++)
		depth[i] = -1;
	depth[c->root] = 0;
	queue[tail++] = c->root;
	while (head < tail) {
		const struct menu_item *m = &c->items[queue[head++]];
		for (i = 0; i < m->child_count; i++) {
			int child = m->children[i];
			if (depth[child] >= 0)
				continue;
			depth[child] = depth[queue[head - 1]] + 1;
			if (depth[child] > MENU_DEPTH_LIMIT) {
				err_set(
				    l->err, EXIT_DATAERR, l->path, 0,
				    "table menu_items, item %d ('%s') is %d levels below the home "
				    "menu; the limit is %d",
				    c->items[child].id, c->items[child].title, depth[child],
				    MENU_DEPTH_LIMIT);
				return -1;
			}
			queue[tail++] = child;
		}
	}
	for (i = 0; i < c->item_count; i++) {
		if (depth[i] < 0) {
			err_set(
			    l->err, EXIT_DATAERR, l->path, 0,
			    "table menu_items, item %d ('%s') cannot be reached from the home menu",
			    c->items[i].id, c->items[i].title);
			return -1;
		}
	}
	return 0;
}

static int load_menu(struct loader *l)
{
	struct content *c = l->content;
	int *parent_ids, *depth, *queue, i, rc = -1;
	struct item_id *ids;

	if (count_rows(l, "menu_items", &c->item_count) < 0)
		return -1;
	c->items = calloc((size_t)c->item_count + 1, sizeof(*c->items));
	parent_ids = calloc((size_t)c->item_count + 1, sizeof(int));
	depth = calloc((size_t)c->item_count + 1, sizeof(int));
	queue = calloc((size_t)c->item_count + 1, sizeof(int));
	ids = calloc((size_t)c->item_count + 1, sizeof(*ids));
	if (!c->items || !parent_ids || !depth || !queue || !ids) {
		out_of_memory(l);
		goto out;
	}
	if (load_menu_rows(l, parent_ids) < 0 || link_menu(l, parent_ids, ids) < 0)
		goto out;
	if (c->root < 0 || c->items[c->root].page >= 0 || c->items[c->root].child_count == 0) {
		err_set(l->err, EXIT_DATAERR, l->path, 0,
			"table menu_items has no home menu with topics in it");
		goto out;
	}
	for (i = 0; i < c->item_count; i++) {
		if (c->items[i].page < 0 && c->items[i].child_count == 0) {
			err_set(l->err, EXIT_DATAERR, l->path, 0,
				"table menu_items, item %d ('%s'): a menu with no entries",
				c->items[i].id, c->items[i].title);
			goto out;
		}
	}
	rc = check_menu_reach(l, depth, queue);
out:
	free(parent_ids);
	free(depth);
	free(queue);
	free(ids);
	return rc;
}

/* What SQLite may do for this file: no views, triggers or schema trusted to run functions,
 * no value longer than CONTENT_VALUE_MAX, and every query's work bounded (progress). */
static void restrict_database(struct loader *l)
{
	sqlite3_db_config(l->db, SQLITE_DBCONFIG_TRUSTED_SCHEMA, 0, (int *)NULL);
	sqlite3_db_config(l->db, SQLITE_DBCONFIG_ENABLE_VIEW, 0, (int *)NULL);
	sqlite3_db_config(l->db, SQLITE_DBCONFIG_ENABLE_TRIGGER, 0, (int *)NULL);
	sqlite3_db_config(l->db, SQLITE_DBCONFIG_DEFENSIVE, 1, (int *)NULL);
	sqlite3_limit(l->db, SQLITE_LIMIT_LENGTH, (int)CONTENT_VALUE_MAX);
	sqlite3_progress_handler(l->db, PROGRESS_STEPS, progress, l);
}

/* Where the content's words may take a hyphen, when the database has the table (older ones
 * do not: no hyphens). Sorted by word, as hyphen_lookup searches; a word longer than
 * HYPHEN_MAX_WORD or a point past its end is not data the compiler makes. */
static int load_hyphenation(struct loader *l)
{
	struct hyphen_table *t = &l->content->hyphens;
	sqlite3_stmt *stmt;
	int count = 0, rc = SQLITE_DONE;

	if (!l->has_hyphenation)
		return 0;
	if (count_rows(l, "hyphenation", &count) < 0)
		return -1;
	t->words = calloc((size_t)count + 1, sizeof(*t->words));
	if (!t->words)
		return out_of_memory(l);
	if (prepare(l, "SELECT word, points FROM hyphenation ORDER BY word", &stmt) < 0)
		return -1;
	while (t->count < count && (rc = sqlite3_step(stmt)) == SQLITE_ROW) {
		struct hyphen_word *w = &t->words[t->count];
		size_t len;
		snprintf(l->record, sizeof(l->record), "table hyphenation, row %d", t->count + 1);
		w->word = dup_text(l, stmt, 0, "word", HYPHEN_MAX_WORD, true);
		if (!w->word) {
			sqlite3_finalize(stmt);
			return -1;
		}
		t->count++;
		len = strlen(w->word);
		w->points = (uint64_t)sqlite3_column_int64(stmt, 1);
		if (len >= 64 || w->points >> len) {
			err_set(l->err, EXIT_DATAERR, l->path, 0,
				"%s ('%s'): a hyphenation point past the word's end", l->record,
				w->word);
			sqlite3_finalize(stmt);
			return -1;
		}
	}
	return finish_rows(l, stmt, rc, "cannot read table hyphenation");
}

int content_load(const char *path, struct content *content, struct inkref_error *err)
{
	struct loader l = {.path = path, .content = content, .err = err};
	struct stat st;
	int rc = -1;

	memset(content, 0, sizeof(*content));
	content->root = -1;
	if (stat(path, &st) < 0) {
		err_set(err, errno == ENOENT ? EXIT_NOINPUT : EXIT_IOERR, path, 0,
			"cannot open the content database: %s; build it with 'make'",
			strerror(errno));
		return -1;
	}
	if (!S_ISREG(st.st_mode)) {
		err_set(err, EXIT_NOINPUT, path, 0, "the content database is not a regular file");
		return -1;
	}
	if (st.st_size > CONTENT_FILE_MAX) {
		err_set(err, EXIT_DATAERR, path, 0,
			"the content database is %.1f MiB; the limit is %ld MiB",
			(double)st.st_size / (1 << 20), CONTENT_FILE_MAX >> 20);
		return -1;
	}
	content_sqlite_setup();
	l.failures_at_start = malloc_failures;
	if (sqlite3_open_v2(path, &l.db, SQLITE_OPEN_READONLY, NULL) != SQLITE_OK) {
		db_error(&l, "cannot open the content database");
		goto out;
	}
	restrict_database(&l);
	/* A writer's lock is brief: wait a little for it, never long enough to stall the kiosk. */
	sqlite3_busy_timeout(l.db, 200);
	if (check_schema(&l) < 0 || check_integrity(&l) < 0 || load_meta(&l) < 0 ||
	    load_sources(&l) < 0 || load_pages(&l) < 0 || load_menu(&l) < 0 ||
	    load_interactions(&l) < 0 || load_hyphenation(&l) < 0)
		goto out;
	content->path = strdup(path);
	rc = content->path ? 0 : out_of_memory(&l);
out:
	if (rc < 0 && !err->code)
		out_of_memory(&l);
	if (l.db)
		sqlite3_close(l.db);
	if (rc < 0)
		content_free(content);
	return rc;
}

void content_free(struct content *c)
{
	int i;

	for (i = 0; i < c->item_count; i++) {
		free(c->items[i].title);
		free(c->items[i].language);
		free(c->items[i].children);
	}
	free(c->items);
	for (i = 0; i < c->page_count; i++) {
		free(c->pages[i].title);
		free(c->pages[i].language);
		markup_free(&c->pages[i].doc);
		free(c->pages[i].source_file);
		free(c->pages[i].source_numbers);
	}
	free(c->pages);
	for (i = 0; i < c->source_count; i++) {
		free(c->sources[i].key);
		free(c->sources[i].title);
		free(c->sources[i].author);
		free(c->sources[i].published_in);
		free(c->sources[i].year);
		free(c->sources[i].url);
	}
	free(c->sources);
	for (i = 0; i < c->interaction_count; i++) {
		free(c->interactions[i].medicine);
		free(c->interactions[i].partner);
	}
	free(c->interactions);
	free(c->path);
	free(c->content_version);
	free(c->language);
	free(c->reviewed_on);
	free(c->review_by);
	free(c->locale);
	free(c->reviewed_by);
	for (i = 0; i < c->hyphens.count; i++)
		free(c->hyphens.words[i].word);
	free(c->hyphens.words);
	memset(c, 0, sizeof(*c));
	c->root = -1;
}
