/* SPDX-License-Identifier: MIT */
/* config: one table of options drives parsing, so every option is checked the same way. */
#include "config.h"

#include <errno.h>
#include <ini.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "input.h"
#include "panel.h"

void config_defaults(struct config *c)
{
	memset(c, 0, sizeof(*c));
	snprintf(c->panel, sizeof(c->panel), "waveshare-7in5-v2");
	snprintf(c->spi_device, sizeof(c->spi_device), "/dev/spidev0.0");
	c->spi_speed_hz = 10000000;
	c->full_every = 6;
	c->power_hold_ms = 3000;
	c->pin_dc = 25;
	c->pin_rst = 17;
	c->pin_busy = 24;
	c->pin_pwr = 18;
	c->has_pwr = true;
	snprintf(c->input, sizeof(c->input), "gpio");
	c->key_pins[0] = 5;
	c->key_pins[1] = 6;
	c->key_pins[2] = 13;
	c->key_pins[3] = 19;
	c->long_press_ms = 800;
	c->repeat_delay_ms = 500;
	c->repeat_interval_ms = 150;
	c->debounce_ms = 20;
	c->idle_timeout_s = 120;
}

enum kind { TEXT, PATH, NUMBER, BOOLEAN };

struct option {
	const char *section, *name;
	enum kind kind;
	size_t offset, size; /* TEXT: the buffer; NUMBER/BOOLEAN: the field */
	long min, max;
};

#define TEXT_OPT(s, n, f)                                                                     \
	{                                                                                     \
		s, n, TEXT, offsetof(struct config, f), sizeof(((struct config *)0)->f), 0, 0 \
	}
#define PATH_OPT(s, n, f)                                                                     \
	{                                                                                     \
		s, n, PATH, offsetof(struct config, f), sizeof(((struct config *)0)->f), 0, 0 \
	}
#define NUM_OPT(s, n, f, lo, hi)                                                                  \
	{                                                                                         \
		s, n, NUMBER, offsetof(struct config, f), sizeof(((struct config *)0)->f), lo, hi \
	}
#define BOOL_OPT(s, n, f)                                                     \
	{                                                                     \
		s, n, BOOLEAN, offsetof(struct config, f), sizeof(bool), 0, 1 \
	}

static const struct option options[] = {
    TEXT_OPT("panel", "model", panel),
    PATH_OPT("panel", "spi_device", spi_device),
    NUM_OPT("panel", "spi_speed_hz", spi_speed_hz, 100000, 50000000),
    NUM_OPT("panel", "full_refresh_every", full_every, 0, 1000),
    NUM_OPT("panel", "power_hold_ms", power_hold_ms, 0, 10000),
    TEXT_OPT("panel", "temperature_path", temperature_path),
    TEXT_OPT("gpio", "chip_label", gpio_chip),
    NUM_OPT("gpio", "dc", pin_dc, 0, 63),
    NUM_OPT("gpio", "rst", pin_rst, 0, 63),
    NUM_OPT("gpio", "busy", pin_busy, 0, 63),
    NUM_OPT("gpio", "pwr", pin_pwr, 0, 63),
    BOOL_OPT("gpio", "use_pwr", has_pwr),
    TEXT_OPT("keys", "input", input),
    NUM_OPT("keys", "up", key_pins[0], 0, 63),
    NUM_OPT("keys", "down", key_pins[1], 0, 63),
    NUM_OPT("keys", "ok", key_pins[2], 0, 63),
    NUM_OPT("keys", "back", key_pins[3], 0, 63),
    NUM_OPT("keys", "long_press_ms", long_press_ms, 200, 5000),
    NUM_OPT("keys", "repeat_delay_ms", repeat_delay_ms, 100, 5000),
    NUM_OPT("keys", "repeat_interval_ms", repeat_interval_ms, 50, 5000),
    NUM_OPT("keys", "debounce_ms", debounce_ms, 0, 200),
    NUM_OPT("kiosk", "idle_timeout_s", idle_timeout_s, 0, 86400),
    BOOL_OPT("kiosk", "large_text", large_text),
    PATH_OPT("kiosk", "content", content),
    PATH_OPT("kiosk", "png", png),
};

/* libinih gets the file one whole line per call from read_line, so its line numbers are the
 * file's and the handler knows which line it is on. A line libinih would split in two (too
 * long for its buffer, or holding a NUL byte) ends the parse instead, and is reported. A line
 * is read at most CONFIG_LINE_MAX bytes past libinih's buffer: an endless one (/dev/zero)
 * costs no more memory than that, and a file as a whole at most CONFIG_FILE_MAX bytes. */
#define CONFIG_LINE_MAX 4096
#define CONFIG_FILE_MAX (1L << 20)

struct line_reader {
	FILE *file;
	long line;	  /* lines handed to libinih so far */
	long bytes;	  /* read so far */
	char problem[64]; /* what is wrong with line + 1, or "" */
};

static char *read_line(char *buf, int size, void *stream)
{
	struct line_reader *r = stream;
	int len = 0, c = EOF;
	bool nul = false;

	if (r->problem[0])
		return NULL;
	while (len <= CONFIG_LINE_MAX && (c = getc(r->file)) != EOF && c != '\n') {
		nul |= c == '\0';
		if (len < size)
			buf[len] = (char)c;
		len++;
	}
	r->bytes += len + 1;
	if (c == EOF && len == 0)
		return NULL;
	if (nul) {
		snprintf(r->problem, sizeof(r->problem), "the line holds a NUL byte");
		return NULL;
	}
	if (len >= size) {
		snprintf(r->problem, sizeof(r->problem), "the line is longer than %d characters",
			 size - 1);
		return NULL;
	}
	if (r->bytes > CONFIG_FILE_MAX) {
		snprintf(r->problem, sizeof(r->problem), "the file is longer than %ld bytes",
			 CONFIG_FILE_MAX);
		return NULL;
	}
	buf[len] = '\0';
	r->line++;
	return buf;
}

struct parse {
	struct config *config;
	const struct line_reader *reader;
	char message[256];
	/* libinih carries on after an error and returns the first one's line: keep its message. */
	long first_line;
	char first_message[256];
};

static int set_option(struct parse *p, const struct option *o, const char *value)
{
	char *field = (char *)p->config + o->offset;

	if (o->kind == TEXT || o->kind == PATH) {
		/* Never cut: a shortened path names another file. */
		if (strlen(value) >= o->size) {
			if (o->kind == PATH)
				snprintf(p->message, sizeof(p->message),
					 "the path is longer than %zu bytes", o->size - 1);
			else
				snprintf(p->message, sizeof(p->message),
					 "%s is longer than %zu bytes", o->name, o->size - 1);
			return 0;
		}
		memcpy(field, value, strlen(value) + 1);
		return 1;
	}
	if (o->kind == BOOLEAN) {
		bool v;
		if (!strcmp(value, "true") || !strcmp(value, "yes") || !strcmp(value, "1"))
			v = true;
		else if (!strcmp(value, "false") || !strcmp(value, "no") || !strcmp(value, "0"))
			v = false;
		else {
			snprintf(p->message, sizeof(p->message), "%s takes true or false, not '%s'",
				 o->name, value);
			return 0;
		}
		memcpy(field, &v, sizeof(v));
		return 1;
	}
	{
		char *end;
		long v;
		errno = 0;
		v = strtol(value, &end, 10);
		if (errno || end == value || *end || v < o->min || v > o->max) {
			snprintf(p->message, sizeof(p->message),
				 "%s takes a whole number from %ld to %ld, not '%s'", o->name,
				 o->min, o->max, value);
			return 0;
		}
		if (o->size == sizeof(int)) {
			int i = (int)v;
			memcpy(field, &i, sizeof(i));
		} else {
			unsigned u = (unsigned)v;
			memcpy(field, &u, sizeof(u));
		}
	}
	return 1;
}

static int set_named_option(struct parse *p, const char *section, const char *name,
			    const char *value)
{
	size_t i;

	for (i = 0; i < sizeof(options) / sizeof(options[0]); i++)
		if (!strcmp(options[i].section, section) && !strcmp(options[i].name, name))
			return set_option(p, &options[i], value);
	snprintf(p->message, sizeof(p->message), "unknown option '%s' in section [%s]", name,
		 section);
	return 0;
}

/* Values whose form only their own module knows: checked here, so a mistake is reported at
 * its line, in file order with every other mistake, and not when the daemon starts. */
static int check_value(struct parse *p, const char *section, const char *name, const char *value)
{
	struct panel_spec spec;

	if (!strcmp(section, "panel") && !strcmp(name, "model") && panel_spec_parse(value, &spec)) {
		snprintf(p->message, sizeof(p->message),
			 "unknown panel '%s'; use " PANEL_SPEC_FORMS
			 ", MODEL being " PANEL_MODEL_NAMES,
			 value);
		return 0;
	}
	if (!strcmp(section, "keys") && !strcmp(name, "input") && !input_spec_valid(value)) {
		snprintf(p->message, sizeof(p->message),
			 "unknown input '%s'; use " INPUT_SPEC_FORMS, value);
		return 0;
	}
	return 1;
}

static int handle(void *user, const char *section, const char *name, const char *value)
{
	struct parse *p = user;

	if (set_named_option(p, section, name, value) && check_value(p, section, name, value))
		return 1;
	if (!p->first_line) {
		p->first_line = p->reader->line;
		memcpy(p->first_message, p->message, sizeof(p->first_message));
	}
	return 0;
}

int config_set(struct config *config, const char *section, const char *name, const char *value,
	       const char *flag, struct inkref_error *err)
{
	struct parse p = {config, NULL, "", 0, ""};

	if (set_named_option(&p, section, name, value))
		return 0;
	err_set(err, EXIT_USAGE, "", 0, "%s: %s", flag, p.message);
	return -1;
}

int config_load(const char *path, struct config *config, struct inkref_error *err)
{
	struct line_reader reader = {NULL, 0, 0, ""};
	struct parse p = {config, &reader, "", 0, ""};
	struct stat st;
	int line;

	if (stat(path, &st) < 0) {
		err_set(err, EXIT_NOINPUT, path, 0, "cannot read the configuration: %s",
			strerror(errno));
		return -1;
	}
	reader.file = fopen(path, "r");
	if (!reader.file) {
		err_set(err, EXIT_CONFIG, path, 0, "cannot read the configuration: %s",
			strerror(errno));
		return -1;
	}
	line = ini_parse_stream(read_line, &reader, handle, &p);
	if (ferror(reader.file))
		line = -1;
	fclose(reader.file);
	if (line < 0) {
		err_set(err, EXIT_CONFIG, path, 0, "cannot read the configuration");
		return -1;
	}
	if (line == 0 && reader.problem[0]) {
		err_set(err, EXIT_CONFIG, path, reader.line + 1, "%s", reader.problem);
		return -1;
	}
	if (line > 0) {
		/* The first error may be a line that is not INI at all, which calls no handler. */
		err_set(err, EXIT_CONFIG, path, line, "%s",
			p.first_line == line
			    ? p.first_message
			    : "not an INI line: expected [section], name = value or a ; comment");
		return -1;
	}
	return 0;
}
