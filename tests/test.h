/* SPDX-License-Identifier: MIT */
/* test: a minimal test harness. CHECK records a failure and carries on, so one run shows
 * every broken expectation; the run ends with "N passed, N failed". */
#ifndef INKREF_TEST_H
#define INKREF_TEST_H

#include <stdio.h>
#include <string.h>

extern int test_current_failed;

#define CHECK(cond)                                                                              \
	do {                                                                                     \
		if (!(cond)) {                                                                   \
			fprintf(stderr, "%s:%d: CHECK failed: %s\n", __FILE__, __LINE__, #cond); \
			test_current_failed = 1;                                                 \
		}                                                                                \
	} while (0)

#define CHECK_INT(a, b)                                                                   \
	do {                                                                              \
		long long check_a_ = (long long)(a), check_b_ = (long long)(b);           \
		if (check_a_ != check_b_) {                                               \
			fprintf(stderr, "%s:%d: CHECK failed: %s == %s (%lld != %lld)\n", \
				__FILE__, __LINE__, #a, #b, check_a_, check_b_);          \
			test_current_failed = 1;                                          \
		}                                                                         \
	} while (0)

#define CHECK_STR(a, b)                                                                       \
	do {                                                                                  \
		const char *check_a_ = (a), *check_b_ = (b);                                  \
		if (!check_a_ || !check_b_ || strcmp(check_a_, check_b_) != 0) {              \
			fprintf(stderr, "%s:%d: CHECK failed: %s == %s (\"%s\" != \"%s\")\n", \
				__FILE__, __LINE__, #a, #b, check_a_ ? check_a_ : "(null)",   \
				check_b_ ? check_b_ : "(null)");                              \
			test_current_failed = 1;                                              \
		}                                                                             \
	} while (0)

struct test_case {
	const char *suite;
	const char *name;
	void (*run)(void);
};

/* Each test file lists its cases in a table named after its suite. */
#define TEST_CASE(suite, fn)    \
	{                       \
#suite, #fn, fn \
	}

/* Paths the tests share: run from tests/. */
#ifndef TEST_BUILD
#define TEST_BUILD "build"
#endif
#define TEST_DB	      "../" TEST_BUILD "/content.db"
#define TEST_FONTS    "../fonts"
#define TEST_LOGO     "../assets/logo.png"
#define TEST_FIXTURES "fixtures"

/* A scratch folder made once per run. */
const char *test_tmpdir(void);

/* Opens s on panel over the test content built into a fresh database and changed by sql
 * (NULL: as written). Returns 0, or -1 (said). */
struct session;
struct panel_model;
int test_fixture_session(struct session *s, const char *sql, const struct panel_model *panel);

/* How many pixels of r are ink (r inside fb). */
struct fb;
struct rect;
long test_ink(const struct fb *fb, struct rect r);

#endif
