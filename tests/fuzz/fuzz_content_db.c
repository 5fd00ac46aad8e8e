/* SPDX-License-Identifier: MIT */
/* fuzz_content_db: arbitrary bytes where the content database is expected. The real loader
 * opens them as a file; a file it refuses must be refused as bad data naming the file, and a
 * file it accepts must hold what the kiosk relies on and draw on the glass, screen by screen. */
#include <string.h>

#include "fuzz.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const char *path = fuzz_file(0, data, size);
	struct content content;
	struct inkref_error err;

	err_clear(&err);
	if (content_load(path, &content, &err) < 0) {
		FUZZ_CHECK(err.code == EXIT_DATAERR);
		FUZZ_CHECK(strcmp(err.file, path) == 0 && err.message[0]);
		return 0;
	}
	fuzz_check_content(&content);
	/* The last byte picks the panel, so mutations try them all. */
	fuzz_walk_content(&content, size ? data[size - 1] % FUZZ_PANEL_COUNT : 0, 48);
	content_free(&content);
	return 0;
}
