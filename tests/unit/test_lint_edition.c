/* SPDX-License-Identifier: MIT */
/* test_lint_edition: the edition rules of the linter, each on its own and each failing on a
 * fault planted in the fixture content: a source with no document address, a number parted
 * from its unit, another locale's spelling or units, an interaction left unsaid, and a
 * warning too long for one screen. */
#include <stdlib.h>

#include "../test.h"
#include "lint.h"
#include "lint_edition.h"
#include "session.h"

static void index_pages_and_missing_addresses_are_found(void)
{
	CHECK(strstr(lint_address_fault(""), "no DOI") != NULL);
	CHECK(strstr(lint_address_fault(NULL), "no DOI") != NULL);
	CHECK(strstr(lint_address_fault("www.fda.gov/x"), "not a web address") != NULL);
	CHECK(strstr(lint_address_fault("https://example.org"), "home page") != NULL);
	CHECK(strstr(lint_address_fault("https://example.org/"), "home page") != NULL);
	/* The index pages the pharmacist's review found. */
	CHECK(strstr(lint_address_fault("https://www.fda.gov/drugs/drug-safety-and-availability/"),
		     "index page") != NULL);
	CHECK(strstr(lint_address_fault("https://www.medicines.org.uk/emc/"), "index page") !=
	      NULL);
	CHECK(strstr(lint_address_fault("https://www.thoracic.org/patients/patient-resources/"),
		     "index page") != NULL);
	CHECK(
	    strstr(lint_address_fault(
		       "https://healthy.kaiserpermanente.org/health-wellness/health-encyclopedia/"),
		   "index page") != NULL);
	CHECK(strstr(lint_address_fault("https://doi.org/abc"), "not a DOI") != NULL);
	/* Documents. */
	CHECK(lint_address_fault("https://doi.org/10.1186/s12906-022-03814-8") == NULL);
	CHECK(lint_address_fault("https://pubmed.ncbi.nlm.nih.gov/38738598/") == NULL);
	CHECK(lint_address_fault(
		  "https://ods.od.nih.gov/factsheets/Magnesium-HealthProfessional/") == NULL);
	CHECK(lint_address_fault("https://www.nhs.uk/conditions/deep-vein-thrombosis-dvt/") ==
	      NULL);
	CHECK(lint_address_fault("https://dailymed.nlm.nih.gov/dailymed/drugInfo.cfm?setid=ee9a") ==
	      NULL);
}

static void numbers_parted_from_units_are_found(void)
{
	size_t len = 0;
	const char *at = lint_split_unit("No more than **350 mg a day**.", &len);

	CHECK(at != NULL);
	if (at)
		CHECK(strncmp(at, "350 mg", len) == 0 && len == 6);
	at = lint_split_unit("about 1,200 mg", &len);
	CHECK(at != NULL && len == 8);
	CHECK(lint_split_unit("ferritin 75 ng/mL", &len) != NULL);
	CHECK(lint_split_unit("1 oz (28\xc2\xa0g)", &len) != NULL);
	CHECK(lint_split_unit("No more than 350\xc2\xa0mg a day.", &len) == NULL);
	CHECK(lint_split_unit("About 1 in 10 go on.", &len) == NULL);
	CHECK(lint_split_unit("5 grams", &len) == NULL);
	CHECK(lint_split_unit("for 8 weeks", &len) == NULL);
}

static void spellings_and_units_of_another_locale_are_found(void)
{
	CHECK_STR(lint_foreign_usage("en-US", "It can cause diarrhoea."), "diarrhoea");
	CHECK_STR(lint_foreign_usage("en-US", "a randomised trial"), "randomis*");
	CHECK_STR(lint_foreign_usage("en-US", "Sleep Apnoea"), "apnoea");
	CHECK(lint_foreign_usage("en-US", "It can cause diarrhea, in a randomized trial.") == NULL);
	CHECK(lint_foreign_usage("en-US", "a laboratory test") == NULL);
	CHECK_STR(lint_foreign_usage("en-GB", "It can cause diarrhea."), "diarrhea");
	CHECK(lint_foreign_usage("en-GB", "It can cause diarrhoea.") == NULL);
	CHECK(lint_foreign_usage("en", "colour") == NULL);
	/* US units carry their metric value beside them. */
	CHECK(lint_foreign_usage("en-US", "1\xc2\xa0oz of nuts") != NULL);
	CHECK(lint_foreign_usage("en-US", "½ cup") != NULL);
	CHECK(lint_foreign_usage("en-US", "1\xc2\xa0oz (28\xc2\xa0g)") == NULL);
	CHECK(lint_foreign_usage("en-US", "ferritin 75\xc2\xa0ng/mL or lower") != NULL);
	CHECK(lint_foreign_usage("en-US", "75\xc2\xa0ng/mL (75\xc2\xa0µg/L)") == NULL);
}

/* Builds the fixture content, lets sql change it, runs rule on it (on panel, for the warning
 * rule); returns the problem count and leaves the report in report. */
static int run_rule(const char *sql, int (*rule)(const struct content *, FILE *),
		    const struct panel_model *panel, char *report, size_t size)
{
	struct session s;
	char *text = NULL;
	size_t len = 0;
	FILE *out;
	int problems;

	if (test_fixture_session(&s, sql, panel ? panel : &panel_models[0]) < 0)
		return -1;
	out = open_memstream(&text, &len);
	if (rule) {
		problems = rule(session_content(&s), out);
	} else {
		const struct content *c = session_content(&s);
		int *split[2], large, i;
		for (large = 0; large < 2; large++) {
			split[large] = calloc((size_t)c->page_count + 1, sizeof(int));
			for (i = 0; split[large] && i < c->page_count; i++)
				split[large][i] = view_split_warnings(session_view(&s), i, large);
		}
		problems = split[0] && split[1]
			       ? lint_warnings_whole(c, panel->name, (const int *const *)split, out)
			       : -1;
		free(split[0]);
		free(split[1]);
	}
	fclose(out);
	snprintf(report, size, "%s", text ? text : "");
	free(text);
	session_close(&s);
	return problems;
}

static void clean_fixture_passes_every_edition_rule(void)
{
	char report[4096];

	CHECK_INT(run_rule(NULL, lint_edition, NULL, report, sizeof(report)), 0);
	CHECK_STR(report, "");
	CHECK_INT(run_rule(NULL, NULL, &panel_models[2], report, sizeof(report)), 0);
}

static void planted_source_without_address_fails(void)
{
	char report[4096];

	CHECK_INT(run_rule("UPDATE sources SET url = '' WHERE key = 'alpha'", lint_source_addresses,
			   NULL, report, sizeof(report)),
		  1);
	CHECK(strstr(report, "source 1 [alpha]") != NULL);
	CHECK(strstr(report, "no DOI or document address") != NULL);
	CHECK_INT(run_rule("UPDATE sources SET url = 'https://www.medicines.org.uk/emc/' WHERE "
			   "key = 'beta'",
			   lint_source_addresses, NULL, report, sizeof(report)),
		  1);
	CHECK(strstr(report, "[beta]: its address https://www.medicines.org.uk/emc/ is an index") !=
	      NULL);
}

static void planted_split_unit_fails(void)
{
	char report[4096];

	CHECK_INT(run_rule("UPDATE pages SET body = 'No more than 350 mg a day.' WHERE title = "
			   "'Second'",
			   lint_units_kept_with_numbers, NULL, report, sizeof(report)),
		  1);
	CHECK(strstr(report, "'Second' (02-multi.txt:") != NULL);
	CHECK(strstr(report, "\"350 mg\" can break") != NULL);
}

static void planted_foreign_spelling_fails(void)
{
	char report[4096];

	/* The fixture names no locale of its own; this edition is US English. */
	CHECK_INT(run_rule("UPDATE pages SET body = 'Magnesium can cause diarrhoea.' WHERE title = "
			   "'Second'",
			   lint_one_locale, NULL, report, sizeof(report)),
		  0);
	CHECK_INT(run_rule("UPDATE meta SET value = 'en-US' WHERE key = 'locale'; UPDATE pages SET "
			   "body = 'Magnesium can cause diarrhoea.' WHERE title = 'Second'",
			   lint_one_locale, NULL, report, sizeof(report)),
		  1);
	CHECK(strstr(report, "\"diarrhoea\" belongs to another locale than this edition's en-US") !=
	      NULL);
}

static void planted_unmet_interaction_fails(void)
{
	char report[4096];

	CHECK_INT(
	    run_rule("INSERT INTO interactions VALUES('gabapentin', 'magnesium'); UPDATE "
		     "pages SET body = 'Gabapentin is a first choice.' WHERE title = 'Second'",
		     lint_interactions_met, NULL, report, sizeof(report)),
	    1);
	CHECK(strstr(report, "'Second'") != NULL);
	CHECK(strstr(report, "names gabapentin but not magnesium") != NULL);
	CHECK_INT(run_rule("INSERT INTO interactions VALUES('gabapentin', 'magnesium'); UPDATE "
			   "pages SET body = 'Take gabapentin 2 hours after a magnesium antacid.' "
			   "WHERE title = 'Second'",
			   lint_interactions_met, NULL, report, sizeof(report)),
		  0);
}

static void planted_overlong_warning_fails_on_the_small_panel(void)
{
	char report[4096];
	const char *sql =
	    "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 12) "
	    "UPDATE pages SET body = '! ' || (SELECT group_concat('Call 911 when this happens.', "
	    "' ') FROM n) WHERE title = 'Second'";

	CHECK(run_rule(sql, NULL, &panel_models[2], report, sizeof(report)) >= 1);
	CHECK(strstr(report, "'Second'") != NULL);
	CHECK(strstr(report, "too long for one screen on the waveshare-2in7-v2") != NULL);
	CHECK(strstr(report, "in normal text") != NULL);
	CHECK_INT(run_rule("UPDATE pages SET body = '! **Call 911.** A short warning.' WHERE "
			   "title = 'Second'",
			   NULL, &panel_models[2], report, sizeof(report)),
		  0);
}

const struct test_case lint_edition_tests[] = {
    TEST_CASE(lint_edition, index_pages_and_missing_addresses_are_found),
    TEST_CASE(lint_edition, numbers_parted_from_units_are_found),
    TEST_CASE(lint_edition, spellings_and_units_of_another_locale_are_found),
    TEST_CASE(lint_edition, clean_fixture_passes_every_edition_rule),
    TEST_CASE(lint_edition, planted_source_without_address_fails),
    TEST_CASE(lint_edition, planted_split_unit_fails),
    TEST_CASE(lint_edition, planted_foreign_spelling_fails),
    TEST_CASE(lint_edition, planted_unmet_interaction_fails),
    TEST_CASE(lint_edition, planted_overlong_warning_fails_on_the_small_panel),
    {NULL, NULL, NULL},
};
