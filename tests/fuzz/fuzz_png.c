/* SPDX-License-Identifier: MIT */
/* fuzz_png: arbitrary bytes as the logo, read through pngio.c as the kiosk reads it: the
 * header judged against the limits, decoded, scaled to a height and cut to 1 bit. The last
 * byte picks the height (0: the image's own). A file that is refused names the file as bad
 * data; one that is read gives a bitmap within the limits, its stride and bits as it says. */
#include <string.h>

#include "fuzz.h"
#include "pngio.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const char *path = fuzz_file(0, data, size);
	int height = size ? data[size - 1] % 160 : 0;
	struct inkref_error err;
	struct bitmap bm;

	err_clear(&err);
	if (png_read_bitmap(path, height, &bm, &err) < 0) {
		FUZZ_CHECK(err.code == EXIT_DATAERR);
		FUZZ_CHECK(strcmp(err.file, path) == 0 && err.message[0]);
		FUZZ_CHECK(bm.bits == NULL);
		return 0;
	}
	FUZZ_CHECK(bm.height >= 1 && bm.height <= PNG_SIDE_MAX);
	FUZZ_CHECK(height == 0 || bm.height == height);
	FUZZ_CHECK(bm.width >= 1 && bm.width <= PNG_SIDE_MAX);
	FUZZ_CHECK(bm.stride == (bm.width + 7) / 8 && bm.bits != NULL);
	{
		/* Every byte is there: the last row's last byte reads without a fault. */
		volatile uint8_t last = bm.bits[(size_t)bm.stride * (size_t)bm.height - 1];
		(void)last;
	}
	bitmap_free(&bm);
	return 0;
}
