/* SPDX-License-Identifier: MIT */
/* test_content: the content compiler and the database loader, on good input and on every
 * kind of bad input we can think of: each must fail with the file and the line or record. */
#include <sqlite3.h>
#include <stdlib.h>
#include <sys/stat.h>

#include "../test.h"
#include "content.h"
#include "content_build.h"

/* Builds the fixture content into a database in the scratch folder; returns its path. */
static const char *fixture_db(void)
{
	static char path[256];
	struct inkref_error err;

	if (path[0])
		return path;
	snprintf(path, sizeof(path), "%s/fixture.db", test_tmpdir());
	err_clear(&err);
	if (content_build(TEST_FIXTURES "/content", path, &err) < 0) {
		err_print(&err);
		path[0] = '\0';
	}
	return path;
}

static void copy_file(const char *from, const char *to, long max_bytes)
{
	FILE *in = fopen(from, "rb"), *out = fopen(to, "wb");
	char buf[4096];
	size_t n;
	long total = 0;

	while (in && out && (n = fread(buf, 1, sizeof(buf), in)) > 0 &&
	       (max_bytes < 0 || total < max_bytes)) {
		if (max_bytes >= 0 && total + (long)n > max_bytes)
			n = (size_t)(max_bytes - total);
		fwrite(buf, 1, n, out);
		total += (long)n;
	}
	if (in)
		fclose(in);
	if (out)
		fclose(out);
}

static void write_text(const char *path, const char *text)
{
	FILE *f = fopen(path, "w");

	if (f) {
		fputs(text, f);
		fclose(f);
	}
}

static void run_sql(const char *db_path, const char *sql)
{
	sqlite3 *db;

	CHECK_INT(sqlite3_open(db_path, &db), SQLITE_OK);
	CHECK_INT(sqlite3_exec(db, sql, NULL, NULL, NULL), SQLITE_OK);
	sqlite3_close(db);
}

static void fixture_compiles_into_the_menu_tree(void)
{
	struct content c;
	struct inkref_error err;
	const struct menu_item *home, *multi;

	err_clear(&err);
	CHECK(fixture_db()[0]);
	CHECK_INT(content_load(fixture_db(), &c, &err), 0);
	if (err.code)
		return;
	home = &c.items[c.root];
	CHECK_STR(home->title, "Home");
	CHECK_INT(home->child_count, 2);
	CHECK_STR(c.items[home->children[0]].title, "Single page topic");
	CHECK(c.items[home->children[0]].page >= 0); /* one page: a leaf */
	multi = &c.items[home->children[1]];
	CHECK_INT(multi->page, -1);
	CHECK_INT(multi->child_count, 3);
	CHECK_STR(c.items[multi->children[2]].title, "Third");
	CHECK_STR(c.items[multi->children[2]].language, "en");
	CHECK_INT(c.page_count, 4);
	CHECK_INT(c.source_count, 2);
	CHECK_INT(c.pages[1].source_count, 2);
	CHECK_INT(c.pages[1].source_numbers[1], 2);
	CHECK_STR(c.pages[3].doc.blocks[0].text, "Version test-1, reviewed 2026-01-01.");
	CHECK_STR(c.content_version, "test-1");
	CHECK_STR(c.review_by, "2026-07-01");
	CHECK_STR(c.sources[1].published_in, "Journal of Tests 1(2):3–4");
	content_free(&c);
}

static void missing_database_is_noinput(void)
{
	struct content c;
	struct inkref_error err;

	err_clear(&err);
	CHECK_INT(content_load("no/such/content.db", &c, &err), -1);
	CHECK_INT(err.code, EXIT_NOINPUT);
	CHECK_STR(err.file, "no/such/content.db");
}

static void expect_dataerr(const char *path, const char *needle)
{
	struct content c;
	struct inkref_error err;

	err_clear(&err);
	CHECK_INT(content_load(path, &c, &err), -1);
	CHECK_INT(err.code, EXIT_DATAERR);
	CHECK_STR(err.file, path);
	if (!strstr(err.message, needle)) {
		fprintf(stderr, "  message was: %s (wanted '%s')\n", err.message, needle);
		CHECK(strstr(err.message, needle) != NULL);
	}
}

static void not_a_database_is_dataerr(void)
{
	char path[256];

	snprintf(path, sizeof(path), "%s/garbage.db", test_tmpdir());
	write_text(path, "This is a text file, not SQLite.\n");
	expect_dataerr(path, "not a database");
	snprintf(path, sizeof(path), "%s/empty.db", test_tmpdir());
	write_text(path, "");
	expect_dataerr(path, "inkref content database");
}

static void truncated_database_is_dataerr(void)
{
	char path[256];
	struct stat st;

	CHECK(fixture_db()[0]);
	CHECK_INT(stat(fixture_db(), &st), 0);
	snprintf(path, sizeof(path), "%s/truncated.db", test_tmpdir());
	copy_file(fixture_db(), path, (long)st.st_size / 2);
	expect_dataerr(path, "");
}

static void wrong_schema_version_is_dataerr(void)
{
	char path[256];

	snprintf(path, sizeof(path), "%s/v99.db", test_tmpdir());
	copy_file(fixture_db(), path, -1);
	run_sql(path, "UPDATE meta SET value = '99' WHERE key = 'schema_version'");
	expect_dataerr(path, "schema_version is 99");
}

static void dangling_page_reference_names_the_record(void)
{
	char path[256];

	snprintf(path, sizeof(path), "%s/dangling.db", test_tmpdir());
	copy_file(fixture_db(), path, -1);
	run_sql(path, "DELETE FROM page_sources WHERE page_id = 1; DELETE FROM pages WHERE id = 1");
	expect_dataerr(path, "'Single page topic'");
}

static void broken_page_body_names_the_page(void)
{
	char path[256];

	snprintf(path, sizeof(path), "%s/body.db", test_tmpdir());
	copy_file(fixture_db(), path, -1);
	run_sql(
	    path,
	    "UPDATE pages SET body = 'ok' || char(10) || char(10) || '**unclosed' WHERE id = 2");
	expect_dataerr(path, "page 2 body line 3");
}

static void menu_cycle_is_dataerr(void)
{
	char path[256];

	snprintf(path, sizeof(path), "%s/cycle.db", test_tmpdir());
	copy_file(fixture_db(), path, -1);
	/* Make the multi-page topic its own grandparent: it can no longer be reached. */
	run_sql(
	    path,
	    "UPDATE menu_items SET parent_id = (SELECT id FROM menu_items WHERE title = 'First') "
	    "WHERE title = 'Three pages'");
	expect_dataerr(path, "menu_items");
}

/* Writes a content folder with one topic file and builds it; returns the error. */
static struct inkref_error build_topic(const char *topic_text, const char *sources_text)
{
	char dir[256], path[300], db[300];
	struct inkref_error err;

	snprintf(dir, sizeof(dir), "%s/src-%d", test_tmpdir(), rand());
	mkdir(dir, 0755);
	snprintf(path, sizeof(path), "%s/meta.txt", dir);
	write_text(
	    path,
	    "content-version: t\nlanguage: en\nreviewed-on: 2026-01-01\nreview-by: 2026-02-01\n");
	snprintf(path, sizeof(path), "%s/sources.txt", dir);
	write_text(path, sources_text ? sources_text : "[a]\ntitle: A\nby: B\n");
	snprintf(path, sizeof(path), "%s/01-topic.txt", dir);
	write_text(path, topic_text);
	snprintf(db, sizeof(db), "%s/out.db", dir);
	err_clear(&err);
	content_build(dir, db, &err);
	return err;
}

static void compiler_names_file_and_line(void)
{
	struct inkref_error err;

	err = build_topic("@topic T\n@page P\n@sources a\n\nText.\n\n| x | y |\n| 1 |\n", NULL);
	CHECK_INT(err.code, EXIT_DATAERR);
	CHECK(strstr(err.file, "01-topic.txt") != NULL);
	CHECK_INT(err.line, 8);

	err = build_topic("@topic T\n@page P\n@sources a, nope\n\nText.\n", NULL);
	CHECK_INT(err.code, EXIT_DATAERR);
	CHECK_INT(err.line, 3);
	CHECK(strstr(err.message, "'nope'") != NULL);

	err = build_topic("@topic T\n@page P\n\nText without sources.\n", NULL);
	CHECK_INT(err.code, EXIT_DATAERR);
	CHECK_INT(err.line, 2);
	CHECK(strstr(err.message, "no sources") != NULL);

	err = build_topic("@topic T\n@pgae P\n", NULL);
	CHECK_INT(err.line, 2);
	CHECK(strstr(err.message, "@pgae") != NULL);

	err = build_topic("Stray text\n@topic T\n", NULL);
	CHECK_INT(err.line, 1);

	err = build_topic("@topic T\n@page P\n@sources a\n\nbad \xff byte\n", NULL);
	CHECK_INT(err.line, 5);
	CHECK(strstr(err.message, "UTF-8") != NULL);
}

static void compiler_rejects_uncited_source(void)
{
	struct inkref_error err;

	err = build_topic("@topic T\n@page P\n@sources a\n\nText.\n",
			  "[a]\ntitle: A\nby: B\n\n[unused]\ntitle: U\nby: V\n");
	CHECK_INT(err.code, EXIT_DATAERR);
	CHECK(strstr(err.file, "sources.txt") != NULL);
	CHECK_INT(err.line, 5);
	CHECK(strstr(err.message, "not cited") != NULL);
}

static void compiler_accepts_good_topic(void)
{
	struct inkref_error err = build_topic("@topic T\n@page P\n@sources a\n\nText.\n", NULL);

	CHECK_INT(err.code, 0);
}

/* A source's own page keeps its year and its QR code however long its list of authors. */
static void generated_source_page_survives_a_long_author(void)
{
	char dir[256], path[300], db[300], sources[4096];
	struct inkref_error err;
	struct content c;
	int i, qr = 0, year = 0;

	snprintf(dir, sizeof(dir), "%s/long-author", test_tmpdir());
	mkdir(dir, 0755);
	snprintf(path, sizeof(path), "%s/meta.txt", dir);
	write_text(
	    path,
	    "content-version: t\nlanguage: en\nreviewed-on: 2026-01-01\nreview-by: 2026-02-01\n");
	/* Authors well past 2 KiB: the page used to be built in a 2,048-byte buffer. */
	i = snprintf(sources, sizeof(sources), "[a]\ntitle: A\nby: ");
	for (; i < 2300; i += 6)
		memcpy(sources + i, "Smith ", 6);
	snprintf(sources + i, sizeof(sources) - (size_t)i,
		 "\nyear: 2020\nurl: https://example.org/a\n");
	snprintf(path, sizeof(path), "%s/sources.txt", dir);
	write_text(path, sources);
	snprintf(path, sizeof(path), "%s/01-topic.txt", dir);
	write_text(path, "@topic T\n@page P\n@sources a\n\nText.\n");
	snprintf(path, sizeof(path), "%s/02-sources.txt", dir);
	write_text(path, "@topic Sources\n@page Sources\n@generate sources\n");
	snprintf(db, sizeof(db), "%s/out.db", dir);
	err_clear(&err);
	CHECK_INT(content_build(dir, db, &err), 0);
	err_clear(&err);
	if (content_load(db, &c, &err) < 0) {
		CHECK(0);
		return;
	}
	for (i = 0; i < c.page_count; i++) {
		const struct doc *doc = &c.pages[i].doc;
		int k;
		if (strcmp(c.pages[i].title, "A") != 0)
			continue;
		for (k = 0; k < doc->count; k++) {
			qr += doc->blocks[k].kind == BLOCK_QR &&
			      strcmp(doc->blocks[k].text, "https://example.org/a") == 0;
			year += doc->blocks[k].text && strstr(doc->blocks[k].text, "2020.") != NULL;
		}
	}
	CHECK_INT(qr, 1);
	CHECK_INT(year, 1);
	content_free(&c);
}

/* The compiler stores where the content's words may take a hyphen (Debian's patterns), and
 * never for a word on hyphenation-exceptions.txt; the loader reads them back. */
static void compiler_stores_hyphenation_points_but_not_for_exceptions(void)
{
	char dir[256], path[300], db[300];
	struct inkref_error err;
	struct content c;
	int points[HYPHEN_MAX_WORD];

	snprintf(dir, sizeof(dir), "%s/hyphens", test_tmpdir());
	mkdir(dir, 0755);
	snprintf(path, sizeof(path), "%s/meta.txt", dir);
	copy_file(TEST_FIXTURES "/content/meta.txt", path, 1 << 20);
	snprintf(path, sizeof(path), "%s/sources.txt", dir);
	copy_file(TEST_FIXTURES "/content/sources.txt", path, 1 << 20);
	snprintf(path, sizeof(path), "%s/01-t.txt", dir);
	write_text(path, "@topic Supplementation\n@page Pramipexole and supplementation\n"
			 "@sources alpha, beta\n\nAsk about supplementation and pramipexole.\n");
	snprintf(path, sizeof(path), "%s/hyphenation-exceptions.txt", dir);
	write_text(path, "# medicines\nPramipexole\n");
	snprintf(db, sizeof(db), "%s/hyphens.db", test_tmpdir());
	err_clear(&err);
	CHECK_INT(content_build(dir, db, &err), 0);
	if (err.code)
		err_print(&err);
	err_clear(&err);
	CHECK_INT(content_load(db, &c, &err), 0);
	CHECK(c.hyphens.count >= 1);
	/* "supplementation" breaks (sup-ple-men-ta-tion); the medicine never does. */
	CHECK(hyphen_lookup(&c.hyphens, "supplementation.", 16, points, HYPHEN_MAX_WORD) >= 2);
	CHECK_INT(hyphen_lookup(&c.hyphens, "pramipexole", 11, points, HYPHEN_MAX_WORD), 0);
	/* Never a number, an address or an abbreviation. */
	CHECK_INT(hyphen_lookup(&c.hyphens, "supplementation2", 16, points, HYPHEN_MAX_WORD), 0);
	CHECK_INT(hyphen_lookup(&c.hyphens, "SUPPLEMENTATION", 15, points, HYPHEN_MAX_WORD), 0);
	content_free(&c);
}

const struct test_case content_tests[] = {
    TEST_CASE(content, fixture_compiles_into_the_menu_tree),
    TEST_CASE(content, missing_database_is_noinput),
    TEST_CASE(content, not_a_database_is_dataerr),
    TEST_CASE(content, truncated_database_is_dataerr),
    TEST_CASE(content, wrong_schema_version_is_dataerr),
    TEST_CASE(content, dangling_page_reference_names_the_record),
    TEST_CASE(content, broken_page_body_names_the_page),
    TEST_CASE(content, menu_cycle_is_dataerr),
    TEST_CASE(content, compiler_names_file_and_line),
    TEST_CASE(content, compiler_rejects_uncited_source),
    TEST_CASE(content, compiler_accepts_good_topic),
    TEST_CASE(content, generated_source_page_survives_a_long_author),
    TEST_CASE(content, compiler_stores_hyphenation_points_but_not_for_exceptions),
    {NULL, NULL, NULL},
};
