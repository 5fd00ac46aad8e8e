/* SPDX-License-Identifier: MIT */
/* test_lint: the content linter passes clean content and fails on each planted error: a
 * known-wrong claim, a dose above the upper limit, an uncited page, an uncited source, a page
 * too long for the counter panel. */
#include <stdlib.h>

#include "../test.h"
#include "lint.h"
#include "session.h"

static void denied_phrases_are_found_in_any_dress(void)
{
	CHECK_STR(lint_denied_phrase("The AASM **recommends 300–600 mg** a day"), "recommends 300");
	CHECK_STR(lint_denied_phrase("This form is BEST ABSORBED"), "best absorbed");
	CHECK_STR(lint_denied_phrase("There is strong\nevidence that"), "strong evidence");
	CHECK(lint_denied_phrase("Dopamine medicines are no longer the first choice.") == NULL);
	CHECK(lint_denied_phrase("Citrate is better absorbed than oxide in small studies.") ==
	      NULL);
	CHECK(lint_denied_phrase("Doctors check for five signs.") == NULL);
}

static void doses_above_the_limit_are_found(void)
{
	CHECK_INT(lint_dose_above_limit("take 600 mg at night"), 600);
	CHECK_INT(lint_dose_above_limit("up to 5,000 mg a day"), 5000);
	CHECK_INT(lint_dose_above_limit("1200mg"), 1200);
	CHECK_INT(lint_dose_above_limit("200–400 mg"), 400);
	CHECK_INT(lint_dose_above_limit("no more than **350 mg** a day"), 0);
	CHECK_INT(lint_dose_above_limit("200 mg of magnesium as citrate"), 0);
	CHECK_INT(lint_dose_above_limit("| Men 31 and over | 420 |"), 0); /* an RDA, not a dose */
	CHECK_INT(lint_dose_above_limit("400 mcg"), 0);
	CHECK_INT(lint_dose_above_limit("version 2026.11.1"), 0);
	/* Too many digits for a long is still above the limit, not wrapped round below it. */
	CHECK(lint_dose_above_limit("take 18446744073709551616 mg") > LINT_UPPER_LIMIT_MG);
	CHECK(lint_dose_above_limit("take 99999999999999999999999 mg") > LINT_UPPER_LIMIT_MG);
}

/* Builds the fixture content, lets sql change it, lints it; returns the problem count and
 * leaves the linter's report in report. */
static int lint_fixture(const char *sql, char *report, size_t size)
{
	struct session s;
	int *screens;
	char *text = NULL;
	size_t len = 0;
	FILE *out;
	int problems;

	if (test_fixture_session(&s, sql, &panel_models[0]) < 0)
		return -1;
	screens = session_screen_counts(&s, false);
	CHECK(screens != NULL);
	out = open_memstream(&text, &len);
	problems = lint_content(session_content(&s), screens, out);
	fclose(out);
	free(screens);
	snprintf(report, size, "%s", text ? text : "");
	free(text);
	session_close(&s);
	return problems;
}

static void clean_content_passes(void)
{
	char report[4096];

	CHECK_INT(lint_fixture(NULL, report, sizeof(report)), 0);
	CHECK_STR(report, "");
}

static void planted_wrong_claim_fails(void)
{
	char report[4096];

	CHECK_INT(lint_fixture("UPDATE pages SET body = 'The AASM recommends 300–600 mg a day.' "
			       "WHERE title = 'Second'",
			       report, sizeof(report)),
		  2);
	CHECK(strstr(report, "'Second' (02-multi.txt:") != NULL);
	CHECK(strstr(report, "\"recommends 300\"") != NULL);
	CHECK(strstr(report, "600 mg is above the 350 mg upper limit") != NULL);
}

static void planted_uncited_page_fails(void)
{
	char report[4096];

	CHECK_INT(lint_fixture("DELETE FROM page_sources WHERE page_id = "
			       "(SELECT id FROM pages WHERE title = 'Third')",
			       report, sizeof(report)),
		  1);
	CHECK(strstr(report, "'Third'") != NULL);
	CHECK(strstr(report, "cites no source") != NULL);
}

static void uncited_source_fails(void)
{
	char report[4096];

	CHECK_INT(
	    lint_fixture("DELETE FROM page_sources WHERE source_id = 2", report, sizeof(report)),
	    2); /* page 'Second' cited only it */
	CHECK(strstr(report, "[beta] is cited by no page") != NULL);
}

static void overlong_page_fails(void)
{
	char report[4096];

	CHECK_INT(
	    lint_fixture("WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE "
			 "i < 60) UPDATE pages SET body = (SELECT group_concat('A sentence "
			 "of ordinary length that fills most of a line.', char(10) || "
			 "char(10)) FROM n) WHERE title = 'First'",
			 report, sizeof(report)),
	    1);
	CHECK(strstr(report, "screens on the 7.5\" panel") != NULL);
}

const struct test_case lint_tests[] = {
    TEST_CASE(lint, denied_phrases_are_found_in_any_dress),
    TEST_CASE(lint, doses_above_the_limit_are_found),
    TEST_CASE(lint, clean_content_passes),
    TEST_CASE(lint, planted_wrong_claim_fails),
    TEST_CASE(lint, planted_uncited_page_fails),
    TEST_CASE(lint, uncited_source_fails),
    TEST_CASE(lint, overlong_page_fails),
    {NULL, NULL, NULL},
};
