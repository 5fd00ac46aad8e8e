/* SPDX-License-Identifier: MIT */
/* content_build: parses topic files, checks every reference, writes content.db. */
#include "content_build.h"

#include <ctype.h>
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <sqlite3.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "content.h"
#include "hyphenation.h"
#include "log.h"
#include "markup.h"
#include "utf8.h"

#define MAX_SOURCES 64
#define MAX_TOPICS  64

struct src_entry {
	char key[64];
	char *title, *author, *published_in, *year, *url;
	char *menu; /* the Sources menu's label, when the author alone would not tell it apart */
	long line;
	int cited;
};

struct builder {
	const char *dir;
	struct inkref_error *err;
	sqlite3 *db;
	char content_version[64], language[16], reviewed_on[16], review_by[16];
	char locale[16];	    /* the one locale of an edition: en-US, en-GB */
	char reviewed_by[256];	    /* name, qualification, organisation; "" when nobody has */
	char review_statement[300]; /* what {reviewed-by} becomes on screen */
	char *no_hyphenation; /* words of hyphenation-exceptions.txt, one space apart, or NULL */
	struct hyphenator *hyphenator; /* NULL: no patterns installed, no hyphens */
	struct src_entry sources[MAX_SOURCES];
	int source_count;
	int next_page_id;
	int next_item_id;
};

/* A content source file: a regular file (opened without blocking, so a FIFO in its place is
 * refused rather than waited on) of at most CONTENT_SOURCE_FILE_MAX bytes. */
static char *read_file(const char *path, struct inkref_error *err)
{
	int fd = open(path, O_RDONLY | O_CLOEXEC | O_NONBLOCK);
	struct stat st;
	FILE *f;
	char *buf;
	long size;

	if (fd < 0) {
		err_set(err, errno == ENOENT ? EXIT_NOINPUT : EXIT_IOERR, path, 0,
			"cannot read: %s", strerror(errno));
		return NULL;
	}
	if (fstat(fd, &st) < 0 || !S_ISREG(st.st_mode) || st.st_size > CONTENT_SOURCE_FILE_MAX) {
		if (S_ISREG(st.st_mode))
			err_set(err, EXIT_DATAERR, path, 0,
				"the file is %lld bytes; the limit is %ld", (long long)st.st_size,
				CONTENT_SOURCE_FILE_MAX);
		else
			err_set(err, EXIT_DATAERR, path, 0, "not a regular file");
		close(fd);
		return NULL;
	}
	size = (long)st.st_size;
	f = fdopen(fd, "rb");
	if (!f) {
		err_set(err, EXIT_SOFTWARE, path, 0, "out of memory");
		close(fd);
		return NULL;
	}
	buf = malloc((size_t)size + 1);
	if (!buf || fread(buf, 1, (size_t)size, f) != (size_t)size) {
		err_set(err, EXIT_IOERR, path, 0, "cannot read the whole file");
		free(buf);
		fclose(f);
		return NULL;
	}
	buf[size] = '\0';
	fclose(f);
	if (strlen(buf) != (size_t)size) {
		err_set(err, EXIT_DATAERR, path, 0,
			"the file holds a NUL byte; save it as plain text");
		free(buf);
		return NULL;
	}
	return buf;
}

/* Splits text into lines in place; returns the line count, lines[] point into text. */
static int split_lines(char *text, char ***lines_out)
{
	int count = 1, n = 0;
	char *at;
	char **lines;

	for (at = text; *at; at++)
		if (*at == '\n')
			count++;
	lines = malloc((size_t)count * sizeof(char *));
	if (!lines)
		return -1;
	at = text;
	while (n < count) {
		char *end = strchr(at, '\n');
		lines[n++] = at;
		if (!end)
			break;
		*end = '\0';
		if (end > at && end[-1] == '\r')
			end[-1] = '\0';
		at = end + 1;
	}
	*lines_out = lines;
	return n;
}

static char *trim(char *s)
{
	char *end;

	while (isspace((unsigned char)*s))
		s++;
	end = s + strlen(s);
	while (end > s && isspace((unsigned char)end[-1]))
		*--end = '\0';
	return s;
}

/* Copies text into a title buffer of size bytes, cut at a character boundary when it is
 * longer: the text is valid UTF-8 and so must the copy be. */
static void copy_title(char *out, size_t size, const char *text)
{
	size_t len = strlen(text);

	if (len >= size) {
		len = size - 1;
		while (len > 0 && ((unsigned char)text[len] & 0xc0) == 0x80)
			len--;
	}
	memcpy(out, text, len);
	out[len] = '\0';
}

/* Every line of a source file is valid UTF-8 without control characters: a tab or a stray
 * control byte in a title would be refused by the loader (it breaks a line on screen and can
 * forge one in the journal), so it is refused here, at its line. */
static int check_lines(struct builder *b, const char *path, char **lines, int count)
{
	int i;

	for (i = 0; i < count; i++) {
		long bad = utf8_find_invalid(lines[i], strlen(lines[i])), at;
		if (bad >= 0) {
			err_set(b->err, EXIT_DATAERR, path, i + 1,
				"invalid UTF-8 at byte %ld of this line; save the file as UTF-8",
				bad + 1);
			return -1;
		}
		for (at = 0; lines[i][at]; at++) {
			unsigned char c = (unsigned char)lines[i][at];
			if (c < 0x20 || c == 0x7f) {
				err_set(b->err, EXIT_DATAERR, path, i + 1,
					"a tab or control character at byte %ld of this line; use "
					"spaces",
					at + 1);
				return -1;
			}
		}
	}
	return 0;
}

/* A source file in memory, cut into its lines in place. */
struct source_lines {
	char *text;
	size_t size; /* of the file, in bytes */
	char **lines;
	int count;
};

static void free_lines(struct source_lines *s)
{
	free(s->lines);
	free(s->text);
	s->lines = NULL;
	s->text = NULL;
}

/* Reads a source file (read_file), cuts it into lines (split_lines) and checks every one
 * (check_lines): what each reader of a source file does first. Returns 0, or -1 with
 * b->err set and nothing left to free. */
static int read_lines(struct builder *b, const char *path, struct source_lines *out)
{
	memset(out, 0, sizeof(*out));
	out->text = read_file(path, b->err);
	if (!out->text)
		return -1;
	out->size = strlen(out->text);
	out->count = split_lines(out->text, &out->lines);
	if (out->count < 0)
		err_set(b->err, EXIT_SOFTWARE, path, 0, "out of memory");
	else if (check_lines(b, path, out->lines, out->count) == 0)
		return 0;
	free_lines(out);
	return -1;
}

/* Splits "key: value"; returns 0 or -1 when the line has no colon. */
static int split_pair(char *line, char **key, char **value)
{
	char *colon = strchr(line, ':');

	if (!colon)
		return -1;
	*colon = '\0';
	*key = trim(line);
	*value = trim(colon + 1);
	return 0;
}

static bool is_date(const char *s)
{
	int i;

	if (strlen(s) != 10 || s[4] != '-' || s[7] != '-')
		return false;
	for (i = 0; i < 10; i++)
		if (i != 4 && i != 7 && !isdigit((unsigned char)s[i]))
			return false;
	return true;
}

static int read_meta(struct builder *b)
{
	char path[4096];
	struct source_lines src;
	int i, rc = -1;

	snprintf(path, sizeof(path), "%s/meta.txt", b->dir);
	if (read_lines(b, path, &src) < 0)
		return -1;
	for (i = 0; i < src.count; i++) {
		char *line = trim(src.lines[i]), *key, *value, *slot = NULL;
		size_t size = 0;
		if (!*line || *line == '#')
			continue;
		if (split_pair(line, &key, &value) < 0) {
			err_set(b->err, EXIT_DATAERR, path, i + 1, "expected 'key: value'");
			goto out;
		}
		if (strcmp(key, "content-version") == 0)
			slot = b->content_version, size = sizeof(b->content_version);
		else if (strcmp(key, "language") == 0)
			slot = b->language, size = sizeof(b->language);
		else if (strcmp(key, "reviewed-on") == 0)
			slot = b->reviewed_on, size = sizeof(b->reviewed_on);
		else if (strcmp(key, "review-by") == 0)
			slot = b->review_by, size = sizeof(b->review_by);
		else if (strcmp(key, "locale") == 0)
			slot = b->locale, size = sizeof(b->locale);
		else if (strcmp(key, "reviewed-by") == 0)
			slot = b->reviewed_by, size = sizeof(b->reviewed_by);
		if (!slot) {
			err_set(b->err, EXIT_DATAERR, path, i + 1,
				"unknown key '%s'; known: content-version, language, locale, "
				"reviewed-on, review-by, reviewed-by",
				key);
			goto out;
		}
		/* Nobody having reviewed the content is a fact to show, not a mistake. */
		if ((strlen(value) == 0 && slot != b->reviewed_by) || strlen(value) >= size) {
			err_set(b->err, EXIT_DATAERR, path, i + 1,
				"the value of '%s' is empty or too long", key);
			goto out;
		}
		if ((slot == b->reviewed_on || slot == b->review_by) && !is_date(value)) {
			err_set(b->err, EXIT_DATAERR, path, i + 1,
				"'%s' must be a date as YYYY-MM-DD", key);
			goto out;
		}
		snprintf(slot, size, "%s", value);
	}
	if (!b->content_version[0] || !b->language[0] || !b->reviewed_on[0] || !b->review_by[0]) {
		err_set(b->err, EXIT_DATAERR, path, 0,
			"needs content-version, language, reviewed-on and review-by");
		goto out;
	}
	if (!b->locale[0])
		snprintf(b->locale, sizeof(b->locale), "%s", b->language);
	if (b->reviewed_by[0])
		snprintf(b->review_statement, sizeof(b->review_statement), "Reviewed by %s.",
			 b->reviewed_by);
	else
		snprintf(b->review_statement, sizeof(b->review_statement),
			 "No pharmacist at this site has reviewed this content yet.");
	if (strcmp(b->reviewed_on, b->review_by) >= 0) {
		err_set(b->err, EXIT_DATAERR, path, 0, "review-by must come after reviewed-on");
		goto out;
	}
	rc = 0;
out:
	free_lines(&src);
	return rc;
}

static int find_source(const struct builder *b, const char *key)
{
	int i;

	for (i = 0; i < b->source_count; i++)
		if (strcmp(b->sources[i].key, key) == 0)
			return i;
	return -1;
}

static int finish_source(struct builder *b, const char *path)
{
	struct src_entry *s;

	if (b->source_count == 0)
		return 0;
	s = &b->sources[b->source_count - 1];
	if (!s->title || !s->author) {
		err_set(b->err, EXIT_DATAERR, path, s->line,
			"source [%s] needs at least a title and a 'by'", s->key);
		return -1;
	}
	return 0;
}

static int read_sources(struct builder *b)
{
	char path[4096];
	struct source_lines src;
	int i, rc = -1;

	snprintf(path, sizeof(path), "%s/sources.txt", b->dir);
	if (read_lines(b, path, &src) < 0)
		return -1;
	for (i = 0; i < src.count; i++) {
		char *line = trim(src.lines[i]), *key, *value, **slot = NULL;
		struct src_entry *s;
		if (!*line || *line == '#')
			continue;
		if (*line == '[') {
			size_t len = strlen(line);
			if (finish_source(b, path) < 0)
				goto out;
			if (line[len - 1] != ']' || len < 3 || len - 2 >= sizeof(s->key)) {
				err_set(b->err, EXIT_DATAERR, path, i + 1,
					"expected a source key as [key]");
				goto out;
			}
			if (b->source_count == MAX_SOURCES) {
				err_set(b->err, EXIT_DATAERR, path, i + 1, "more than %d sources",
					MAX_SOURCES);
				goto out;
			}
			line[len - 1] = '\0';
			if (find_source(b, line + 1) >= 0) {
				err_set(b->err, EXIT_DATAERR, path, i + 1,
					"source [%s] is listed twice", line + 1);
				goto out;
			}
			s = &b->sources[b->source_count++];
			snprintf(s->key, sizeof(s->key), "%s", line + 1);
			s->line = i + 1;
			continue;
		}
		if (b->source_count == 0) {
			err_set(b->err, EXIT_DATAERR, path, i + 1, "a source starts with [key]");
			goto out;
		}
		s = &b->sources[b->source_count - 1];
		if (split_pair(line, &key, &value) < 0) {
			err_set(b->err, EXIT_DATAERR, path, i + 1, "expected 'key: value'");
			goto out;
		}
		if (strcmp(key, "title") == 0)
			slot = &s->title;
		else if (strcmp(key, "by") == 0)
			slot = &s->author;
		else if (strcmp(key, "in") == 0)
			slot = &s->published_in;
		else if (strcmp(key, "year") == 0)
			slot = &s->year;
		else if (strcmp(key, "url") == 0)
			slot = &s->url;
		else if (strcmp(key, "menu") == 0)
			slot = &s->menu;
		if (!slot) {
			err_set(b->err, EXIT_DATAERR, path, i + 1,
				"unknown field '%s'; known: title, by, in, year, url, menu", key);
			goto out;
		}
		if (*slot) {
			err_set(b->err, EXIT_DATAERR, path, i + 1, "field '%s' given twice", key);
			goto out;
		}
		*slot = strdup(value);
		if (!*slot)
			goto out;
	}
	if (finish_source(b, path) < 0)
		goto out;
	if (b->source_count == 0) {
		err_set(b->err, EXIT_DATAERR, path, 0, "lists no sources");
		goto out;
	}
	rc = 0;
out:
	free_lines(&src);
	return rc;
}

/* Appends s to a growing buffer, replacing {content-version}, {reviewed-on}, {review-by},
 * {reviewed-by} (who reviewed it, or a plain statement that nobody has). */
static int append_substituted(struct builder *b, char **buf, size_t *len, size_t *cap,
			      const char *s)
{
	while (*s) {
		const char *piece = s;
		size_t piece_len = 1;
		if (*s == '{') {
			static const char *names[] = {"{content-version}", "{reviewed-on}",
						      "{review-by}", "{reviewed-by}"};
			const char *values[] = {b->content_version, b->reviewed_on, b->review_by,
						b->review_statement};
			size_t k;
			for (k = 0; k < 4; k++) {
				if (strncmp(s, names[k], strlen(names[k])) == 0) {
					piece = values[k];
					piece_len = strlen(values[k]);
					s += strlen(names[k]) - 1;
					break;
				}
			}
		}
		if (*len + piece_len + 2 > *cap) {
			char *grown;
			*cap = (*len + piece_len + 2) * 2 + 256;
			grown = realloc(*buf, *cap);
			if (!grown)
				return -1;
			*buf = grown;
		}
		memcpy(*buf + *len, piece, piece_len);
		*len += piece_len;
		(*buf)[*len] = '\0';
		s++;
	}
	return 0;
}

static int exec_sql(struct builder *b, const char *sql)
{
	char *message = NULL;

	if (sqlite3_exec(b->db, sql, NULL, NULL, &message) != SQLITE_OK) {
		err_set(b->err, EXIT_IOERR, "", 0, "cannot write the content database: %s",
			message ? message : "unknown error");
		sqlite3_free(message);
		return -1;
	}
	return 0;
}

static int insert_menu_item(struct builder *b, int parent_id, int position, const char *title,
			    int page_id)
{
	sqlite3_stmt *stmt;
	int id = ++b->next_item_id, rc;

	if (sqlite3_prepare_v2(
		b->db,
		"INSERT INTO menu_items(id, parent_id, position, title, language, page_id) "
		"VALUES(?, ?, ?, ?, ?, ?)",
		-1, &stmt, NULL) != SQLITE_OK)
		return -1;
	sqlite3_bind_int(stmt, 1, id);
	if (parent_id)
		sqlite3_bind_int(stmt, 2, parent_id);
	else
		sqlite3_bind_null(stmt, 2);
	sqlite3_bind_int(stmt, 3, position);
	sqlite3_bind_text(stmt, 4, title, -1, SQLITE_STATIC);
	sqlite3_bind_text(stmt, 5, b->language, -1, SQLITE_STATIC);
	if (page_id)
		sqlite3_bind_int(stmt, 6, page_id);
	else
		sqlite3_bind_null(stmt, 6);
	rc = sqlite3_step(stmt);
	sqlite3_finalize(stmt);
	return rc == SQLITE_DONE ? id : -1;
}

/* Appends printf-style text to a growing buffer, with the substitutions of
 * append_substituted. */
static int append_formatted(struct builder *b, char **buf, size_t *len, size_t *cap,
			    const char *fmt, ...) __attribute__((format(printf, 5, 6)));

static int append_formatted(struct builder *b, char **buf, size_t *len, size_t *cap,
			    const char *fmt, ...)
{
	char *text;
	va_list ap;
	int rc;

	va_start(ap, fmt);
	rc = vasprintf(&text, fmt, ap);
	va_end(ap);
	if (rc < 0)
		return -1;
	rc = append_substituted(b, buf, len, cap, text);
	free(text);
	return rc;
}

/* The body of source i's own page: who, where, when, the web address's host (so a reader
 * knows where the code leads) and a QR code of the address. Built in a growing buffer: a
 * source's fields have no length limit. */
static char *source_body(struct builder *b, int i)
{
	const struct src_entry *s = &b->sources[i];
	char *buf = NULL;
	size_t len = 0, cap = 0;
	int rc;

	rc = append_formatted(b, &buf, &len, &cap, "%s\n\n", s->author);
	if (rc == 0 && s->published_in && s->year)
		rc = append_formatted(b, &buf, &len, &cap, "%s, %s.\n\n", s->published_in, s->year);
	else if (rc == 0 && (s->published_in || s->year))
		rc = append_formatted(b, &buf, &len, &cap, "%s.\n\n",
				      s->published_in ? s->published_in : s->year);
	if (rc == 0 && s->url && strstr(s->url, "://")) {
		const char *host = strstr(s->url, "://") + 3;
		rc = append_formatted(b, &buf, &len, &cap,
				      "Scan the code to read it at %.*s.\n\n<qr %s>\n",
				      (int)strcspn(host, "/"), host, s->url);
	}
	if (rc < 0) {
		free(buf);
		return NULL;
	}
	return buf;
}

/* A source's own page is made from its fields, so a mistake in it (an address with a space,
 * an unclosed '**' in an author) is the source's: it is named in sources.txt at the source,
 * not at a line of the topic file that does not hold it. */
static int check_source_page(struct builder *b, int i, const char *body)
{
	struct inkref_error page_err;
	struct doc doc;
	char path[4096];

	err_clear(&page_err);
	if (markup_parse(body, "", 1, &doc, &page_err) == 0) {
		markup_free(&doc);
		return 0;
	}
	snprintf(path, sizeof(path), "%s/sources.txt", b->dir);
	err_set(b->err, page_err.code, path, b->sources[i].line,
		"source [%s] cannot make its own page: %s", b->sources[i].key, page_err.message);
	return -1;
}

struct pending_page {
	char title[256];
	long line;	/* of its @page line */
	long body_line; /* first line of its body */
	char *body;
	size_t body_len, body_cap;
	int source_idx[MAX_SOURCES];
	int source_n;
	bool sources_given, generated;
};

static int store_page(struct builder *b, const char *path, struct pending_page *p)
{
	struct doc doc;
	sqlite3_stmt *stmt;
	int id, i, rc;

	if (!p->sources_given) {
		err_set(b->err, EXIT_DATAERR, path, p->line,
			"page '%s' names no sources; add a line '@sources key, key'", p->title);
		return -1;
	}
	if (!p->body || !*trim(p->body)) {
		err_set(b->err, EXIT_DATAERR, path, p->line, "page '%s' has no text", p->title);
		return -1;
	}
	/* Parse now, so a mistake is reported against the text file, not the database. */
	if (markup_parse(p->body, path, p->body_line, &doc, b->err) < 0)
		return -1;
	markup_free(&doc);
	id = ++b->next_page_id;
	if (sqlite3_prepare_v2(
		b->db,
		"INSERT INTO pages(id, title, language, body, source_file, source_line) "
		"VALUES(?, ?, ?, ?, ?, ?)",
		-1, &stmt, NULL) != SQLITE_OK)
		return -1;
	sqlite3_bind_int(stmt, 1, id);
	sqlite3_bind_text(stmt, 2, p->title, -1, SQLITE_STATIC);
	sqlite3_bind_text(stmt, 3, b->language, -1, SQLITE_STATIC);
	sqlite3_bind_text(stmt, 4, p->body, -1, SQLITE_STATIC);
	sqlite3_bind_text(stmt, 5, strrchr(path, '/') ? strrchr(path, '/') + 1 : path, -1,
			  SQLITE_STATIC);
	sqlite3_bind_int64(stmt, 6, p->line);
	rc = sqlite3_step(stmt);
	sqlite3_finalize(stmt);
	if (rc != SQLITE_DONE)
		return -1;
	for (i = 0; i < p->source_n; i++) {
		char sql[128];
		snprintf(sql, sizeof(sql), "INSERT INTO page_sources VALUES(%d, %d)", id,
			 p->source_idx[i] + 1);
		if (exec_sql(b, sql) < 0)
			return -1;
	}
	return id;
}

static int parse_sources_line(struct builder *b, const char *path, long lineno, char *list,
			      struct pending_page *p)
{
	char *save = NULL, *key;

	if (p->sources_given) {
		err_set(b->err, EXIT_DATAERR, path, lineno, "a page has one '@sources' line");
		return -1;
	}
	p->sources_given = true;
	if (strcmp(trim(list), "all") == 0) {
		int i;
		for (i = 0; i < b->source_count; i++)
			p->source_idx[p->source_n++] = i;
		return 0;
	}
	for (key = strtok_r(list, ",", &save); key; key = strtok_r(NULL, ",", &save)) {
		int idx, j;
		key = trim(key);
		idx = find_source(b, key);
		if (idx < 0) {
			err_set(b->err, EXIT_DATAERR, path, lineno,
				"source key '%s' is not in sources.txt", key);
			return -1;
		}
		for (j = 0; j < p->source_n; j++)
			if (p->source_idx[j] == idx)
				break;
		if (j == p->source_n)
			p->source_idx[p->source_n++] = idx;
		b->sources[idx].cited++;
	}
	if (p->source_n == 0) {
		err_set(b->err, EXIT_DATAERR, path, lineno, "'@sources' lists no keys");
		return -1;
	}
	return 0;
}

static int read_topic(struct builder *b, const char *path, int position)
{
	char topic[256] = "";
	struct source_lines src;
	struct pending_page pages[32];
	int page_n = 0, i, rc = -1, topic_id;
	long topic_line = 0;

	memset(pages, 0, sizeof(pages));
	if (read_lines(b, path, &src) < 0)
		return -1;
	for (i = 0; i < src.count; i++) {
		char *line = src.lines[i];
		long lineno = i + 1;
		struct pending_page *p = page_n ? &pages[page_n - 1] : NULL;
		if (line[0] == '@') {
			char *arg = line + strcspn(line, " \t");
			char *directive = line + 1;
			if (*arg)
				*arg++ = '\0';
			arg = trim(arg);
			if (strcmp(directive, "topic") == 0) {
				if (topic[0] || page_n) {
					err_set(b->err, EXIT_DATAERR, path, lineno,
						"'@topic' comes once, before the first '@page'");
					goto out;
				}
				copy_title(topic, sizeof(topic), arg);
				topic_line = lineno;
			} else if (strcmp(directive, "page") == 0) {
				if (page_n == 32) {
					err_set(b->err, EXIT_DATAERR, path, lineno,
						"more than 32 pages in a topic");
					goto out;
				}
				p = &pages[page_n++];
				{
					size_t l = 0, c = 0;
					char *title = NULL;
					if (append_substituted(b, &title, &l, &c, arg) < 0)
						goto out;
					copy_title(p->title, sizeof(p->title), title ? title : "");
					free(title);
				}
				p->line = lineno;
				p->body_line = lineno + 1;
			} else if (strcmp(directive, "sources") == 0 && p) {
				if (parse_sources_line(b, path, lineno, arg, p) < 0)
					goto out;
			} else if (strcmp(directive, "generate") == 0 && p &&
				   strcmp(arg, "sources") == 0) {
				p->generated = true;
			} else {
				err_set(b->err, EXIT_DATAERR, path, lineno,
					"unknown or misplaced directive '@%s'; known: @topic, then "
					"@page, "
					"@sources, @generate sources",
					directive);
				goto out;
			}
			if (!*arg && strcmp(directive, "generate") != 0) {
				err_set(b->err, EXIT_DATAERR, path, lineno, "'@%s' needs a value",
					directive);
				goto out;
			}
			/* Keep body line numbers right: a directive inside a body is a blank line.
			 */
			if (p && p->body &&
			    append_substituted(b, &p->body, &p->body_len, &p->body_cap, "\n") < 0)
				goto out;
			if (p && !p->body && strcmp(directive, "page") != 0)
				p->body_line = lineno + 1;
			continue;
		}
		if (!p) {
			char *t = trim(line);
			if (*t && *t != '#') {
				err_set(b->err, EXIT_DATAERR, path, lineno,
					"text before the first '@page'; start a page with '@page "
					"Title'");
				goto out;
			}
			continue;
		}
		if (!p->body && !*trim(line)) {
			p->body_line = lineno + 1;
			continue;
		}
		if (append_substituted(b, &p->body, &p->body_len, &p->body_cap, line) < 0 ||
		    append_substituted(b, &p->body, &p->body_len, &p->body_cap, "\n") < 0)
			goto out;
	}
	if (!topic[0]) {
		err_set(b->err, EXIT_DATAERR, path, 1, "the file has no '@topic Title' line");
		goto out;
	}
	if (page_n == 0) {
		err_set(b->err, EXIT_DATAERR, path, topic_line, "topic '%s' has no '@page'", topic);
		goto out;
	}
	if (page_n == 1 && pages[0].generated) {
		/* '@generate sources': a menu with one page per source, each citing itself. */
		topic_id = insert_menu_item(b, 1, position, topic, 0);
		if (topic_id < 0)
			goto out;
		for (i = 0; i < b->source_count; i++) {
			struct pending_page *g = &pages[1];
			char menu_title[300];
			int page_id, n;
			memset(g, 0, sizeof(*g));
			copy_title(g->title, sizeof(g->title), b->sources[i].title);
			g->line = pages[0].line;
			g->body_line = pages[0].line;
			g->sources_given = true;
			g->source_idx[g->source_n++] = i;
			g->body = source_body(b, i);
			page_id = g->body && check_source_page(b, i, g->body) == 0
				      ? store_page(b, path, g)
				      : -1;
			free(g->body);
			g->body = NULL;
			n = snprintf(menu_title, sizeof(menu_title), "%d. ", i + 1);
			copy_title(menu_title + n, sizeof(menu_title) - (size_t)n,
				   b->sources[i].menu ? b->sources[i].menu : b->sources[i].author);
			if (page_id < 0 ||
			    insert_menu_item(b, topic_id, i + 1, menu_title, page_id) < 0)
				goto out;
		}
	} else if (page_n == 1) {
		int page_id = store_page(b, path, &pages[0]);
		if (page_id < 0 || insert_menu_item(b, 1, position, topic, page_id) < 0)
			goto out;
	} else {
		topic_id = insert_menu_item(b, 1, position, topic, 0);
		if (topic_id < 0)
			goto out;
		for (i = 0; i < page_n; i++) {
			int page_id = store_page(b, path, &pages[i]);
			if (page_id < 0 ||
			    insert_menu_item(b, topic_id, i + 1, pages[i].title, page_id) < 0)
				goto out;
		}
	}
	rc = 0;
out:
	for (i = 0; i < page_n; i++)
		free(pages[i].body);
	free_lines(&src);
	if (rc < 0 && !b->err->code)
		err_set(b->err, EXIT_IOERR, path, 0, "cannot store this topic: %s",
			sqlite3_errmsg(b->db));
	return rc;
}

static int is_topic_file(const struct dirent *entry)
{
	const char *name = entry->d_name;
	size_t len = strlen(name);

	return isdigit((unsigned char)name[0]) && isdigit((unsigned char)name[1]) &&
	       name[2] == '-' && len > 7 && strcmp(name + len - 4, ".txt") == 0;
}

/* hyphenation-exceptions.txt (optional): one word a line that the kiosk never hyphenates at a
 * line end; # starts a comment. Names of medicines belong here. */
static int read_hyphenation_exceptions(struct builder *b)
{
	char path[4096];
	struct source_lines src;
	size_t used = 0;
	int i, rc = -1;

	snprintf(path, sizeof(path), "%s/hyphenation-exceptions.txt", b->dir);
	if (access(path, F_OK) < 0)
		return 0;
	if (read_lines(b, path, &src) < 0)
		return -1;
	/* The words with a space each fit in the file's own length. */
	b->no_hyphenation = malloc(src.size + 2);
	if (!b->no_hyphenation) {
		err_set(b->err, EXIT_SOFTWARE, path, 0, "out of memory");
		goto out;
	}
	b->no_hyphenation[0] = '\0';
	for (i = 0; i < src.count; i++) {
		char *word = trim(src.lines[i]);
		size_t len = strlen(word);
		if (!*word || *word == '#')
			continue;
		if (strpbrk(word, " \t") || len > HYPHEN_MAX_WORD) {
			err_set(b->err, EXIT_DATAERR, path, i + 1,
				"one word a line, of at most %d bytes", HYPHEN_MAX_WORD);
			goto out;
		}
		used += (size_t)sprintf(b->no_hyphenation + used, "%s%s", used ? " " : "", word);
	}
	rc = 0;
out:
	free_lines(&src);
	return rc;
}

static int write_sources_and_meta(struct builder *b)
{
	sqlite3_stmt *stmt;
	int i;
	const char *keys[] = {"content_version", "language", "reviewed_on",
			      "review_by",	 "locale",   "reviewed_by"};
	const char *values[] = {b->content_version, b->language, b->reviewed_on,
				b->review_by,	    b->locale,	 b->reviewed_by};
	char version[16];

	snprintf(version, sizeof(version), "%d", CONTENT_SCHEMA_VERSION);
	if (sqlite3_prepare_v2(b->db, "INSERT INTO meta VALUES(?, ?)", -1, &stmt, NULL) !=
	    SQLITE_OK)
		return -1;
	sqlite3_bind_text(stmt, 1, "schema_version", -1, SQLITE_STATIC);
	sqlite3_bind_text(stmt, 2, version, -1, SQLITE_STATIC);
	if (sqlite3_step(stmt) != SQLITE_DONE) {
		sqlite3_finalize(stmt);
		return -1;
	}
	for (i = 0; i < (int)(sizeof(keys) / sizeof(keys[0])); i++) {
		sqlite3_reset(stmt);
		sqlite3_bind_text(stmt, 1, keys[i], -1, SQLITE_STATIC);
		sqlite3_bind_text(stmt, 2, values[i], -1, SQLITE_STATIC);
		if (sqlite3_step(stmt) != SQLITE_DONE) {
			sqlite3_finalize(stmt);
			return -1;
		}
	}
	sqlite3_finalize(stmt);
	if (sqlite3_prepare_v2(b->db, "INSERT INTO sources VALUES(?, ?, ?, ?, ?, ?, ?, ?)", -1,
			       &stmt, NULL) != SQLITE_OK)
		return -1;
	for (i = 0; i < b->source_count; i++) {
		const struct src_entry *s = &b->sources[i];
		sqlite3_reset(stmt);
		sqlite3_bind_int(stmt, 1, i + 1);
		sqlite3_bind_int(stmt, 2, i + 1);
		sqlite3_bind_text(stmt, 3, s->key, -1, SQLITE_STATIC);
		sqlite3_bind_text(stmt, 4, s->title, -1, SQLITE_STATIC);
		sqlite3_bind_text(stmt, 5, s->author, -1, SQLITE_STATIC);
		sqlite3_bind_text(stmt, 6, s->published_in ? s->published_in : "", -1,
				  SQLITE_STATIC);
		sqlite3_bind_text(stmt, 7, s->year ? s->year : "", -1, SQLITE_STATIC);
		sqlite3_bind_text(stmt, 8, s->url ? s->url : "", -1, SQLITE_STATIC);
		if (sqlite3_step(stmt) != SQLITE_DONE) {
			sqlite3_finalize(stmt);
			return -1;
		}
	}
	sqlite3_finalize(stmt);
	return 0;
}

/* Every word of the pages' titles and bodies that may take a hyphen, with where: the kiosk
 * looks words up in this table instead of loading the patterns. */
static int write_hyphenation(struct builder *b)
{
	sqlite3_stmt *pages = NULL, *insert = NULL;
	int rc = -1;

	if (!b->hyphenator)
		return 0;
	if (sqlite3_prepare_v2(b->db, "SELECT title, body FROM pages", -1, &pages, NULL) !=
		SQLITE_OK ||
	    sqlite3_prepare_v2(b->db, "INSERT OR IGNORE INTO hyphenation VALUES(?, ?)", -1, &insert,
			       NULL) != SQLITE_OK)
		goto out;
	while (sqlite3_step(pages) == SQLITE_ROW) {
		int col;
		for (col = 0; col < 2; col++) {
			const char *at = (const char *)sqlite3_column_text(pages, col);
			while (at && *at) {
				const char *start;
				uint64_t points;
				char key[HYPHEN_MAX_WORD + 1];
				size_t len, i;
				if (!isalpha((unsigned char)*at)) {
					at++;
					continue;
				}
				for (start = at; isalpha((unsigned char)*at); at++)
					;
				len = (size_t)(at - start);
				points = hyphen_points(b->hyphenator, start, len);
				if (!points)
					continue;
				for (i = 0; i < len; i++)
					key[i] = (char)tolower((unsigned char)start[i]);
				sqlite3_reset(insert);
				sqlite3_bind_text(insert, 1, key, (int)len, SQLITE_TRANSIENT);
				sqlite3_bind_int64(insert, 2, (sqlite3_int64)points);
				if (sqlite3_step(insert) != SQLITE_DONE)
					goto out;
			}
		}
	}
	rc = 0;
out:
	sqlite3_finalize(pages);
	sqlite3_finalize(insert);
	return rc;
}

/* interactions.txt (optional): "medicine: partner" lines, '#' comments. A page that names
 * the medicine must name the partner too; the linter checks it. */
static int write_interactions(struct builder *b)
{
	char path[4096];
	struct source_lines src;
	sqlite3_stmt *stmt = NULL;
	int i, rc = -1;

	snprintf(path, sizeof(path), "%s/interactions.txt", b->dir);
	if (access(path, F_OK) < 0 && errno == ENOENT)
		return 0;
	if (read_lines(b, path, &src) < 0)
		return -1;
	if (sqlite3_prepare_v2(b->db,
			       "INSERT OR IGNORE INTO interactions VALUES(lower(?), lower(?))", -1,
			       &stmt, NULL) != SQLITE_OK)
		goto out;
	for (i = 0; i < src.count; i++) {
		char *line = trim(src.lines[i]), *medicine, *partner;
		if (!*line || *line == '#')
			continue;
		if (split_pair(line, &medicine, &partner) < 0 || !*medicine || !*partner) {
			err_set(b->err, EXIT_DATAERR, path, i + 1,
				"expected 'medicine: what it interacts with'");
			goto out;
		}
		sqlite3_reset(stmt);
		sqlite3_bind_text(stmt, 1, medicine, -1, SQLITE_STATIC);
		sqlite3_bind_text(stmt, 2, partner, -1, SQLITE_STATIC);
		if (sqlite3_step(stmt) != SQLITE_DONE)
			goto out;
	}
	rc = 0;
out:
	sqlite3_finalize(stmt);
	free_lines(&src);
	return rc;
}

int content_build(const char *dir, const char *out_path, struct inkref_error *err)
{
	struct builder b = {.dir = dir, .err = err};
	struct dirent **topics = NULL;
	char tmp_path[4096];
	int topic_count = 0, i, rc = -1;

	if (read_meta(&b) < 0 || read_hyphenation_exceptions(&b) < 0 || read_sources(&b) < 0)
		goto out;
	{
		/* Content builds without the patterns, only never with a hyphen: say so. */
		char dict[4096];
		struct inkref_error missing;
		err_clear(&missing);
		hyphen_dict_path(b.language, dict, sizeof(dict));
		b.hyphenator = hyphen_open(dict, b.no_hyphenation, &missing);
		if (!b.hyphenator)
			LOG_WARN_MSG("%s: %s; lines will break without hyphens", missing.file,
				     missing.message);
	}
	topic_count = scandir(dir, &topics, is_topic_file, alphasort);
	if (topic_count <= 0) {
		err_set(err, EXIT_NOINPUT, dir, 0, "no topic files (NN-name.txt) in this folder");
		goto out;
	}
	snprintf(tmp_path, sizeof(tmp_path), "%s.tmp", out_path);
	unlink(tmp_path);
	content_sqlite_setup(); /* before SQLite's first use: the same process may load it after */
	if (sqlite3_open(tmp_path, &b.db) != SQLITE_OK) {
		err_set(err, EXIT_IOERR, tmp_path, 0, "cannot create: %s", sqlite3_errmsg(b.db));
		goto out;
	}
	if (exec_sql(&b, "BEGIN") < 0 || exec_sql(&b, content_schema_sql) < 0 ||
	    write_sources_and_meta(&b) < 0 || write_interactions(&b) < 0)
		goto out;
	if (insert_menu_item(&b, 0, 0, "Home", 0) != 1)
		goto out;
	for (i = 0; i < topic_count; i++) {
		char path[4096];
		snprintf(path, sizeof(path), "%s/%s", dir, topics[i]->d_name);
		if (read_topic(&b, path, i + 1) < 0)
			goto out;
	}
	for (i = 0; i < b.source_count; i++) {
		char path[4096];
		if (b.sources[i].cited)
			continue;
		snprintf(path, sizeof(path), "%s/sources.txt", dir);
		err_set(err, EXIT_DATAERR, path, b.sources[i].line,
			"source [%s] is not cited by any page; cite it or remove it",
			b.sources[i].key);
		goto out;
	}
	if (write_hyphenation(&b) < 0 || exec_sql(&b, "COMMIT") < 0)
		goto out;
	if (sqlite3_close(b.db) != SQLITE_OK) {
		err_set(err, EXIT_IOERR, tmp_path, 0, "cannot finish writing the database");
		b.db = NULL;
		goto out;
	}
	b.db = NULL;
	if (rename(tmp_path, out_path) < 0) {
		err_set(err, EXIT_IOERR, out_path, 0, "cannot move the new database into place: %s",
			strerror(errno));
		goto out;
	}
	rc = 0;
out:
	if (rc < 0 && !err->code)
		err_set(err, EXIT_IOERR, out_path, 0, "cannot write the content database: %s",
			b.db ? sqlite3_errmsg(b.db) : "out of memory");
	if (b.db) {
		sqlite3_close(b.db);
		unlink(tmp_path);
	}
	for (i = 0; i < topic_count; i++)
		free(topics[i]);
	free(topics);
	free(b.no_hyphenation);
	hyphen_close(b.hyphenator);
	for (i = 0; i < b.source_count; i++) {
		free(b.sources[i].title);
		free(b.sources[i].author);
		free(b.sources[i].published_in);
		free(b.sources[i].year);
		free(b.sources[i].url);
		free(b.sources[i].menu);
	}
	return rc;
}
