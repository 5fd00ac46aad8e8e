/* SPDX-License-Identifier: MIT */
/* main: runs every test case, or those whose suite is named on the command line. */
#include <stdlib.h>
#include <unistd.h>

#include "../test.h"

int test_current_failed;

extern const struct test_case utf8_tests[], markup_tests[], content_tests[], menu_tests[],
    layout_tests[], screen_tests[], golden_tests[], lint_tests[], emulator_tests[], refresh_tests[],
    display_tests[], spidev_tests[], buttons_tests[], fault_tests[], wiring_tests[],
    hostile_tests[], panel_tests[], replay_tests[], lint_edition_tests[], edition_tests[],
    place_tests[], wrap_tests[];
static const struct test_case *const suites[] = {
    utf8_tests,		markup_tests,  content_tests, menu_tests,    layout_tests, screen_tests,
    golden_tests,	lint_tests,    refresh_tests, display_tests, spidev_tests, buttons_tests,
    emulator_tests,	fault_tests,   wiring_tests,  hostile_tests, panel_tests,  replay_tests,
    lint_edition_tests, edition_tests, place_tests,   wrap_tests,
};

const char *test_tmpdir(void)
{
	static char dir[64];

	if (!dir[0]) {
		snprintf(dir, sizeof(dir), "/tmp/inkref-test-XXXXXX");
		if (!mkdtemp(dir)) {
			perror("mkdtemp");
			exit(1);
		}
	}
	return dir;
}

static int wanted(const char *suite, int argc, char **argv)
{
	int i;

	if (argc < 2)
		return 1;
	for (i = 1; i < argc; i++)
		if (strcmp(argv[i], suite) == 0)
			return 1;
	return 0;
}

int main(int argc, char **argv)
{
	int passed = 0, failed = 0;
	size_t s;
	char cleanup[128];

	for (s = 0; s < sizeof(suites) / sizeof(suites[0]); s++) {
		const struct test_case *t;
		for (t = suites[s]; t->name; t++) {
			if (!wanted(t->suite, argc, argv))
				continue;
			test_current_failed = 0;
			t->run();
			if (test_current_failed) {
				failed++;
				fprintf(stderr, "FAIL %s.%s\n", t->suite, t->name);
			} else {
				passed++;
				printf("ok   %s.%s\n", t->suite, t->name);
			}
		}
	}
	if (test_tmpdir()[0]) {
		snprintf(cleanup, sizeof(cleanup), "rm -rf %s", test_tmpdir());
		if (system(cleanup) != 0)
			fprintf(stderr, "could not remove %s\n", test_tmpdir());
	}
	printf("%d passed, %d failed\n", passed, failed);
	return failed ? 1 : 0;
}
