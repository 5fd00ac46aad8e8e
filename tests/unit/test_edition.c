/* SPDX-License-Identifier: MIT */
/* test_edition: what an edition's folder says about itself reaches the kiosk: the locale,
 * who reviewed it (or a plain statement that nobody has, never a made-up name), the Sources
 * menu's labels, and the interaction pairs the linter checks. */
#include <stdlib.h>
#include <sys/stat.h>

#include "../test.h"
#include "content.h"
#include "content_build.h"

static void put(const char *dir, const char *name, const char *text)
{
	char path[512];
	FILE *f;

	snprintf(path, sizeof(path), "%s/%s", dir, name);
	f = fopen(path, "w");
	CHECK(f != NULL);
	if (!f)
		return;
	fputs(text, f);
	fclose(f);
}

/* Builds a one-topic edition with meta.txt's extra lines and an interactions.txt (or none),
 * loads it into c; returns the build's error code (0 when it loaded). */
static int build_edition(const char *meta_extra, const char *interactions, struct content *c)
{
	static int serial;
	char dir[256], db[300], meta[512];
	struct inkref_error err;

	snprintf(dir, sizeof(dir), "%s/edition-src-%d", test_tmpdir(), serial++);
	mkdir(dir, 0755);
	snprintf(meta, sizeof(meta),
		 "content-version: t\nlanguage: en\nreviewed-on: 2026-01-01\nreview-by: "
		 "2026-02-01\n%s",
		 meta_extra);
	put(dir, "meta.txt", meta);
	put(dir, "sources.txt",
	    "[a]\ntitle: A notice\nby: A Regulator\nurl: https://example.org/a\nmenu: Regulator "
	    "2011: notice A\n\n[b]\ntitle: B notice\nby: A Regulator\nurl: "
	    "https://example.org/b\n");
	put(dir, "01-topic.txt", "@topic T\n@page P\n@sources a, b\n\n{reviewed-by}\n");
	put(dir, "02-sources.txt",
	    "@topic Sources\n@page Sources\n@sources all\n\n@generate sources\n");
	if (interactions)
		put(dir, "interactions.txt", interactions);
	snprintf(db, sizeof(db), "%s/out.db", dir);
	err_clear(&err);
	if (content_build(dir, db, &err) < 0) {
		if (getenv("TEST_VERBOSE"))
			err_print(&err);
		return err.code ? err.code : -1;
	}
	if (content_load(db, c, &err) < 0) {
		err_print(&err);
		return -1;
	}
	return 0;
}

static const char *first_page_text(const struct content *c, const char *title)
{
	int i;

	for (i = 0; i < c->page_count; i++)
		if (strcmp(c->pages[i].title, title) == 0 && c->pages[i].doc.count > 0)
			return c->pages[i].doc.blocks[0].text;
	return "";
}

static bool menu_has(const struct content *c, const char *title)
{
	int i;

	for (i = 0; i < c->item_count; i++)
		if (strcmp(c->items[i].title, title) == 0)
			return true;
	return false;
}

static void an_unreviewed_edition_says_so_plainly(void)
{
	struct content c;

	CHECK_INT(build_edition("locale: en-US\nreviewed-by:\n", NULL, &c), 0);
	CHECK_STR(c.locale, "en-US");
	CHECK_STR(c.reviewed_by, "");
	CHECK_STR(first_page_text(&c, "P"),
		  "No pharmacist at this site has reviewed this content yet.");
	CHECK_INT(c.interaction_count, 0);
	content_free(&c);
}

static void a_reviewer_is_named_as_written(void)
{
	struct content c;

	CHECK_INT(build_edition("reviewed-by: A. Person, PharmD, Example Pharmacy\n", NULL, &c), 0);
	CHECK_STR(first_page_text(&c, "P"), "Reviewed by A. Person, PharmD, Example Pharmacy.");
	/* No locale given: the edition's language stands for it. */
	CHECK_STR(c.locale, "en");
	content_free(&c);
}

static void look_alike_sources_get_their_menu_labels(void)
{
	struct content c;

	CHECK_INT(build_edition("", NULL, &c), 0);
	CHECK(menu_has(&c, "1. Regulator 2011: notice A"));
	CHECK(menu_has(&c, "2. A Regulator"));
	content_free(&c);
}

static void interaction_pairs_compile_and_load(void)
{
	struct content c;

	CHECK_INT(
	    build_edition("", "# pairs\nGabapentin: Magnesium\n\nomeprazole: magnesium\n", &c), 0);
	CHECK_INT(c.interaction_count, 2);
	if (c.interaction_count == 2) {
		CHECK_STR(c.interactions[0].medicine, "gabapentin");
		CHECK_STR(c.interactions[0].partner, "magnesium");
		CHECK_STR(c.interactions[1].medicine, "omeprazole");
	}
	content_free(&c);
	CHECK_INT(build_edition("", "gabapentin magnesium\n", &c), EXIT_DATAERR);
}

const struct test_case edition_tests[] = {
    TEST_CASE(edition, an_unreviewed_edition_says_so_plainly),
    TEST_CASE(edition, a_reviewer_is_named_as_written),
    TEST_CASE(edition, look_alike_sources_get_their_menu_labels),
    TEST_CASE(edition, interaction_pairs_compile_and_load),
    {NULL, NULL, NULL},
};
