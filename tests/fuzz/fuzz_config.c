/* SPDX-License-Identifier: MIT */
/* fuzz_config: arbitrary text as /etc/inkref/inkref.conf. A file that is refused names the
 * file and the line at fault: the same lines up to that one are refused with the same line and
 * message. A file that is accepted leaves every option in its range and every string
 * terminated inside its field. */
#include <string.h>

#include "config.h"
#include "fuzz.h"

/* Bytes of data up to the end of line `line` (1-based), its newline included. */
static size_t first_lines(const uint8_t *data, size_t size, long line)
{
	size_t i;

	for (i = 0; i < size && line > 0; i++)
		if (data[i] == '\n')
			line--;
	return i;
}

static bool terminated(const char *field, size_t size)
{
	return memchr(field, '\0', size) != NULL;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const char *path = fuzz_file(0, data, size);
	struct config c;
	struct inkref_error err;
	struct panel_spec spec;
	long lines = 1;
	size_t i;
	int k;

	for (i = 0; i < size; i++)
		lines += data[i] == '\n';
	config_defaults(&c);
	err_clear(&err);
	if (config_load(path, &c, &err) < 0) {
		FUZZ_CHECK(err.code == EXIT_CONFIG);
		FUZZ_CHECK(strcmp(err.file, path) == 0 && err.message[0]);
		FUZZ_CHECK(err.line >= 0 && err.line <= lines);
		if (err.line > 0) {
			/* The message must be about the line it names, not a later one. */
			struct inkref_error again;
			size_t prefix = first_lines(data, size, err.line);
			path = fuzz_file(1, data, prefix);
			config_defaults(&c);
			err_clear(&again);
			FUZZ_CHECK(config_load(path, &c, &again) < 0);
			FUZZ_CHECK(again.line == err.line);
			FUZZ_CHECK(strcmp(again.message, err.message) == 0);
		}
		return 0;
	}
	FUZZ_CHECK(terminated(c.panel, sizeof(c.panel)));
	FUZZ_CHECK(terminated(c.spi_device, sizeof(c.spi_device)));
	FUZZ_CHECK(terminated(c.gpio_chip, sizeof(c.gpio_chip)));
	FUZZ_CHECK(terminated(c.input, sizeof(c.input)));
	FUZZ_CHECK(terminated(c.content, sizeof(c.content)));
	FUZZ_CHECK(terminated(c.png, sizeof(c.png)));
	FUZZ_CHECK(c.spi_speed_hz >= 100000 && c.spi_speed_hz <= 50000000);
	FUZZ_CHECK(c.full_every >= 0 && c.full_every <= 1000);
	FUZZ_CHECK(c.pin_dc <= 63 && c.pin_rst <= 63 && c.pin_busy <= 63 && c.pin_pwr <= 63);
	for (k = 0; k < 4; k++)
		FUZZ_CHECK(c.key_pins[k] <= 63);
	FUZZ_CHECK(c.long_press_ms >= 200 && c.long_press_ms <= 5000);
	FUZZ_CHECK(c.repeat_delay_ms >= 100 && c.repeat_delay_ms <= 5000);
	FUZZ_CHECK(c.repeat_interval_ms >= 50 && c.repeat_interval_ms <= 5000);
	FUZZ_CHECK(c.debounce_ms >= 0 && c.debounce_ms <= 200);
	FUZZ_CHECK(c.idle_timeout_s >= 0 && c.idle_timeout_s <= 86400);
	/* What the daemon does next with the panel name. */
	(void)panel_spec_parse(c.panel, &spec);
	return 0;
}
