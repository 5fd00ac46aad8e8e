/* SPDX-License-Identifier: MIT */
/* fuzz_keys: arbitrary bytes as each source of keys reads them. The first byte picks the
 * source and how many keys a read may return; the rest is what the source delivers, through a
 * pipe as the daemon's descriptor would: key names one per line (stdin, with its fault:
 * commands), terminal bytes (tty), or input_event records (an evdev keypad, through the
 * debouncer). What must hold: a read never returns more keys than asked, every key is a real
 * one, the end of the bytes ends the source (and never as a success for evdev), and no key
 * name that arrived whole is lost. */
#include <fcntl.h>
#include <string.h>
#include <unistd.h>

#include "fuzz.h"
#include "input.h"
#include "input_tty.h"

static bool real_key(enum key k)
{
	return k > KEY_NONE && key_name(k) && key_name(k)[0];
}

/* The key names a stdin source must deliver: whole lines that name a key, up to the last
 * newline; a line longer than the reader keeps is cut, and then names no key. */
static int expected_keys(const uint8_t *data, size_t size, size_t line_max)
{
	size_t start = 0, i;
	int count = 0;

	for (i = 0; i < size; i++) {
		char line[300];
		size_t len = i - start;
		if (data[i] != '\n')
			continue;
		if (len < line_max && len < sizeof(line)) {
			memcpy(line, data + start, len);
			line[len] = '\0';
			if (!memchr(line, '\0', len) && key_from_name(line) != KEY_NONE)
				count++;
		}
		start = i + 1;
	}
	return count;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct input in;
	struct buttons b;
	enum key keys[64];
	int fds[2], max, total = 0, rounds = 0;
	bool quit = false;

	if (size < 1 || size > 60000) /* a pipe holds 64 KiB: the writer never blocks */
		return 0;
	max = 1 + (data[0] >> 2) % 64;
	if (pipe2(fds, O_NONBLOCK) < 0)
		return 0;
	FUZZ_CHECK(write(fds[1], data + 1, size - 1) == (ssize_t)(size - 1));
	close(fds[1]);
	memset(&in, 0, sizeof(in));
	in.fd = fds[0];
	in.kind = (data[0] & 3) == 0 ? INPUT_STDIN : (data[0] & 3) == 1 ? INPUT_TTY : INPUT_EVDEV;
	buttons_init(&b, &(struct buttons_config){20, 800, 500, 150});
	/* Every read takes at least one byte or ends the source: size reads are more than
	 * enough, and more would be a loop that never ends. */
	while (!in.closed || in.pending_len > 0) {
		int n, i;
		FUZZ_CHECK(rounds++ <= (int)size + 2);
		n = input_read(&in, &b, rounds * 1000, keys, max, &quit);
		FUZZ_CHECK(n >= 0 && n <= max);
		for (i = 0; i < n; i++)
			FUZZ_CHECK(real_key(keys[i]));
		FUZZ_CHECK(memchr(in.command, '\0', sizeof(in.command)) != NULL);
		total += n;
		if (quit)
			break;
	}
	if (in.kind == INPUT_STDIN)
		FUZZ_CHECK(total == expected_keys(data + 1, size - 1, sizeof(in.line)));
	if (in.kind == INPUT_EVDEV && !quit)
		FUZZ_CHECK(in.failed); /* a keypad's end is always a fault */
	close(fds[0]);
	return 0;
}
