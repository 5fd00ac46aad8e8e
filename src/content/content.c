/* SPDX-License-Identifier: MIT */
/* content: loads and checks the SQLite content database. */
#include "content.h"

#include <errno.h>
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

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

struct loader {
	sqlite3 *db;
	const char *path;
	struct content *content;
	struct inkref_error *err;
};

static char *dup_column(sqlite3_stmt *stmt, int col)
{
	const unsigned char *text = sqlite3_column_text(stmt, col);
	return strdup(text ? (const char *)text : "");
}

static int db_error(struct loader *l, const char *what)
{
	int code = sqlite3_errcode(l->db);

	if (code == SQLITE_BUSY || code == SQLITE_LOCKED) {
		/* Another program is writing it: nothing is wrong with the file itself. */
		err_set(l->err, EXIT_TEMPFAIL, l->path, 0,
			"%s: %s by another program; try again when it is done", what,
			sqlite3_errmsg(l->db));
		l->err->reason = ERR_REASON_LOCKED;
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

static int check_integrity(struct loader *l)
{
	sqlite3_stmt *stmt;
	int rc;

	/* integrity_check, not quick_check: the loader reads some columns through indexes
	 * (sources by number) and others from the tables, so an index out of step with its table
	 * would go unnoticed and the two reads disagree. A kiosk database is small: the full
	 * check takes a few milliseconds. */
	if (prepare(l, "PRAGMA integrity_check(1)", &stmt) < 0)
		return -1;
	rc = sqlite3_step(stmt);
	if (rc != SQLITE_ROW) {
		sqlite3_finalize(stmt);
		return db_error(l, "the database is damaged");
	}
	if (strcmp((const char *)sqlite3_column_text(stmt, 0), "ok") != 0) {
		err_set(
		    l->err, EXIT_DATAERR, l->path, 0,
		    "the database is damaged (%s); rebuild it with 'make' or restore a good copy",
		    (const char *)sqlite3_column_text(stmt, 0));
		sqlite3_finalize(stmt);
		return -1;
	}
	sqlite3_finalize(stmt);
	return 0;
}

static int load_meta(struct loader *l)
{
	struct content *c = l->content;
	sqlite3_stmt *stmt;
	int version = -1;

	if (prepare(l, "SELECT key, value FROM meta", &stmt) < 0)
		return -1;
	while (sqlite3_step(stmt) == SQLITE_ROW) {
		const char *key = (const char *)sqlite3_column_text(stmt, 0);
		char **slot = NULL;
		if (!key)
			continue;
		if (strcmp(key, "schema_version") == 0)
			version = sqlite3_column_int(stmt, 1);
		else if (strcmp(key, "content_version") == 0)
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
			*slot = dup_column(stmt, 1);
		}
	}
	if (sqlite3_finalize(stmt) != SQLITE_OK)
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
	return 0;
}

static int count_rows(struct loader *l, const char *sql, int *count)
{
	sqlite3_stmt *stmt;

	if (prepare(l, sql, &stmt) < 0)
		return -1;
	if (sqlite3_step(stmt) != SQLITE_ROW) {
		sqlite3_finalize(stmt);
		return db_error(l, "cannot count rows");
	}
	*count = sqlite3_column_int(stmt, 0);
	sqlite3_finalize(stmt);
	return 0;
}

/* The interaction pairs, when the database has the table (older ones do not). */
static int load_interactions(struct loader *l)
{
	struct content *c = l->content;
	sqlite3_stmt *stmt;
	int tables = 0, n = 0;

	if (count_rows(l,
		       "SELECT count(*) FROM sqlite_master WHERE type = 'table' AND "
		       "name = 'interactions'",
		       &tables) < 0)
		return -1;
	if (tables == 0)
		return 0;
	if (count_rows(l, "SELECT count(*) FROM interactions", &c->interaction_count) < 0)
		return -1;
	c->interactions = calloc((size_t)c->interaction_count + 1, sizeof(*c->interactions));
	if (!c->interactions)
		return -1;
	if (prepare(l, "SELECT lower(medicine), lower(partner) FROM interactions ORDER BY rowid",
		    &stmt) < 0)
		return -1;
	while (n < c->interaction_count && sqlite3_step(stmt) == SQLITE_ROW) {
		c->interactions[n].medicine = dup_column(stmt, 0);
		c->interactions[n].partner = dup_column(stmt, 1);
		if (!c->interactions[n].medicine || !c->interactions[n].partner) {
			sqlite3_finalize(stmt);
			return -1;
		}
		n++;
	}
	if (sqlite3_finalize(stmt) != SQLITE_OK)
		return db_error(l, "cannot read table interactions");
	c->interaction_count = n;
	return 0;
}

static int load_sources(struct loader *l)
{
	struct content *c = l->content;
	sqlite3_stmt *stmt;
	int n = 0;

	if (count_rows(l, "SELECT count(*) FROM sources", &c->source_count) < 0)
		return -1;
	c->sources = calloc((size_t)c->source_count + 1, sizeof(*c->sources));
	if (!c->sources)
		return -1;
	if (prepare(l,
		    "SELECT number, key, title, author, published_in, year, url FROM sources "
		    "ORDER BY number",
		    &stmt) < 0)
		return -1;
	while (n < c->source_count && sqlite3_step(stmt) == SQLITE_ROW) {
		struct source *s = &c->sources[n++];
		s->number = sqlite3_column_int(stmt, 0);
		s->key = dup_column(stmt, 1);
		s->title = dup_column(stmt, 2);
		s->author = dup_column(stmt, 3);
		s->published_in = dup_column(stmt, 4);
		s->year = dup_column(stmt, 5);
		s->url = dup_column(stmt, 6);
		if (s->number != n) {
			err_set(l->err, EXIT_DATAERR, l->path, 0,
				"table sources, key '%s': number %d breaks the sequence 1, 2, 3...",
				s->key, s->number);
			sqlite3_finalize(stmt);
			return -1;
		}
	}
	if (sqlite3_finalize(stmt) != SQLITE_OK)
		return db_error(l, "cannot read table sources");
	c->source_count = n;
	return 0;
}

static int find_page(const struct content *c, int id)
{
	int i;

	for (i = 0; i < c->page_count; i++)
		if (c->pages[i].id == id)
			return i;
	return -1;
}

static int load_pages(struct loader *l)
{
	struct content *c = l->content;
	sqlite3_stmt *stmt;
	int n = 0;

	if (count_rows(l, "SELECT count(*) FROM pages", &c->page_count) < 0)
		return -1;
	c->pages = calloc((size_t)c->page_count + 1, sizeof(*c->pages));
	if (!c->pages)
		return -1;
	if (prepare(
		l,
		"SELECT id, title, language, body, source_file, source_line FROM pages ORDER BY id",
		&stmt) < 0)
		return -1;
	while (n < c->page_count && sqlite3_step(stmt) == SQLITE_ROW) {
		struct page *p = &c->pages[n++];
		char record[64];
		const char *body = (const char *)sqlite3_column_text(stmt, 3);
		p->id = sqlite3_column_int(stmt, 0);
		p->title = dup_column(stmt, 1);
		p->language = dup_column(stmt, 2);
		p->source_file = dup_column(stmt, 4);
		p->source_line = sqlite3_column_int(stmt, 5);
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
			sqlite3_finalize(stmt);
			return -1;
		}
	}
	if (sqlite3_finalize(stmt) != SQLITE_OK)
		return db_error(l, "cannot read table pages");
	c->page_count = n;

	if (prepare(l,
		    "SELECT ps.page_id, s.number FROM page_sources ps JOIN sources s "
		    "ON s.id = ps.source_id ORDER BY ps.page_id, s.number",
		    &stmt) < 0)
		return -1;
	while (sqlite3_step(stmt) == SQLITE_ROW) {
		int index = find_page(c, sqlite3_column_int(stmt, 0));
		struct page *p;
		int *grown;
		if (index < 0) {
			err_set(l->err, EXIT_DATAERR, l->path, 0,
				"table page_sources names page %d, which does not exist",
				sqlite3_column_int(stmt, 0));
			sqlite3_finalize(stmt);
			return -1;
		}
		p = &c->pages[index];
		grown = realloc(p->source_numbers, (size_t)(p->source_count + 1) * sizeof(int));
		if (!grown) {
			sqlite3_finalize(stmt);
			return -1;
		}
		p->source_numbers = grown;
		p->source_numbers[p->source_count++] = sqlite3_column_int(stmt, 1);
	}
	if (sqlite3_finalize(stmt) != SQLITE_OK)
		return db_error(l, "cannot read table page_sources");
	return 0;
}

static int load_menu(struct loader *l)
{
	struct content *c = l->content;
	sqlite3_stmt *stmt;
	int *parent_ids;
	int n = 0, i, j;

	if (count_rows(l, "SELECT count(*) FROM menu_items", &c->item_count) < 0)
		return -1;
	c->items = calloc((size_t)c->item_count + 1, sizeof(*c->items));
	parent_ids = calloc((size_t)c->item_count + 1, sizeof(int));
	if (!c->items || !parent_ids) {
		free(parent_ids);
		return -1;
	}
	if (prepare(l,
		    "SELECT id, parent_id, title, language, page_id FROM menu_items "
		    "ORDER BY parent_id, position",
		    &stmt) < 0) {
		free(parent_ids);
		return -1;
	}
	c->root = -1;
	while (n < c->item_count && sqlite3_step(stmt) == SQLITE_ROW) {
		struct menu_item *m = &c->items[n];
		m->id = sqlite3_column_int(stmt, 0);
		parent_ids[n] =
		    sqlite3_column_type(stmt, 1) == SQLITE_NULL ? 0 : sqlite3_column_int(stmt, 1);
		m->title = dup_column(stmt, 2);
		m->language = dup_column(stmt, 3);
		m->page = -1;
		if (sqlite3_column_type(stmt, 4) != SQLITE_NULL) {
			m->page = find_page(c, sqlite3_column_int(stmt, 4));
			if (m->page < 0) {
				err_set(
				    l->err, EXIT_DATAERR, l->path, 0,
				    "table menu_items, item %d ('%s'): its page %d does not exist",
				    m->id, m->title, sqlite3_column_int(stmt, 4));
				sqlite3_finalize(stmt);
				free(parent_ids);
				return -1;
			}
		}
		if (parent_ids[n] == 0) {
			if (c->root >= 0) {
				err_set(l->err, EXIT_DATAERR, l->path, 0,
					"table menu_items: items %d and %d both claim to be the "
					"home menu",
					c->items[c->root].id, m->id);
				sqlite3_finalize(stmt);
				free(parent_ids);
				return -1;
			}
			c->root = n;
		}
		n++;
	}
	if (sqlite3_finalize(stmt) != SQLITE_OK) {
		free(parent_ids);
		return db_error(l, "cannot read table menu_items");
	}
	c->item_count = n;
	/* Link children to parents; rows came ordered by position within each parent. */
	for (i = 0; i < n; i++) {
		struct menu_item *child = &c->items[i];
		child->parent = -1;
		if (parent_ids[i] == 0)
			continue;
		for (j = 0; j < n; j++)
			if (c->items[j].id == parent_ids[i])
				break;
		if (j == n || c->items[j].page >= 0) {
			err_set(l->err, EXIT_DATAERR, l->path, 0,
				"table menu_items, item %d ('%s'): parent %d is %s", child->id,
				child->title, parent_ids[i],
				j == n ? "missing" : "a page, not a menu");
			free(parent_ids);
			return -1;
		}
		child->parent = j;
		{
			struct menu_item *parent = &c->items[j];
			int *grown = realloc(parent->children,
					     (size_t)(parent->child_count + 1) * sizeof(int));
			if (!grown) {
				free(parent_ids);
				return -1;
			}
			parent->children = grown;
			parent->children[parent->child_count++] = i;
		}
	}
	free(parent_ids);
	if (c->root < 0 || c->items[c->root].page >= 0 || c->items[c->root].child_count == 0) {
		err_set(l->err, EXIT_DATAERR, l->path, 0,
			"table menu_items has no home menu with topics in it");
		return -1;
	}
	for (i = 0; i < n; i++) {
		if (c->items[i].page < 0 && c->items[i].child_count == 0) {
			err_set(l->err, EXIT_DATAERR, l->path, 0,
				"table menu_items, item %d ('%s'): a menu with no entries",
				c->items[i].id, c->items[i].title);
			return -1;
		}
	}
	/* A parent cycle would make a menu unreachable from home: every item must climb to root. */
	for (i = 0; i < n; i++) {
		int at = i, steps = 0;
		while (at != c->root && at >= 0 && steps <= n) {
			at = c->items[at].parent;
			steps++;
		}
		if (at != c->root) {
			err_set(
			    l->err, EXIT_DATAERR, l->path, 0,
			    "table menu_items, item %d ('%s') cannot be reached from the home menu",
			    c->items[i].id, c->items[i].title);
			return -1;
		}
	}
	return 0;
}

/* Where the content's words may take a hyphen (an older database has no such table: no
 * hyphens). Sorted as hyphen_lookup searches. */
static int load_hyphenation(struct loader *l)
{
	struct hyphen_table *t = &l->content->hyphens;
	sqlite3_stmt *stmt;
	int count = 0, rc;

	if (sqlite3_prepare_v2(l->db, "SELECT count(*) FROM hyphenation", -1, &stmt, NULL) !=
	    SQLITE_OK)
		return 0;
	if (sqlite3_step(stmt) == SQLITE_ROW)
		count = sqlite3_column_int(stmt, 0);
	sqlite3_finalize(stmt);
	if (count <= 0)
		return 0;
	t->words = calloc((size_t)count, sizeof(*t->words));
	if (!t->words ||
	    prepare(l, "SELECT word, points FROM hyphenation ORDER BY word", &stmt) < 0)
		return -1;
	while ((rc = sqlite3_step(stmt)) == SQLITE_ROW && t->count < count) {
		struct hyphen_word *w = &t->words[t->count];
		w->word = dup_column(stmt, 0);
		if (!w->word) {
			sqlite3_finalize(stmt);
			return -1;
		}
		w->points = (uint64_t)sqlite3_column_int64(stmt, 1);
		t->count++;
	}
	if (sqlite3_finalize(stmt) != SQLITE_OK)
		return db_error(l, "cannot read table hyphenation");
	return 0;
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
	if (sqlite3_open_v2(path, &l.db, SQLITE_OPEN_READONLY, NULL) != SQLITE_OK) {
		db_error(&l, "cannot open the content database");
		goto out;
	}
	/* A writer's lock is brief: wait a little for it, never long enough to stall the kiosk. */
	sqlite3_busy_timeout(l.db, 200);
	if (check_integrity(&l) < 0 || load_meta(&l) < 0 || load_sources(&l) < 0 ||
	    load_pages(&l) < 0 || load_menu(&l) < 0 || load_interactions(&l) < 0 ||
	    load_hyphenation(&l) < 0)
		goto out;
	content->path = strdup(path);
	rc = content->path ? 0 : -1;
out:
	if (rc < 0 && !err->code)
		err_set(err, EXIT_SOFTWARE, path, 0, "out of memory while loading content");
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
