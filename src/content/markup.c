/* SPDX-License-Identifier: MIT */
/* markup: a line-oriented parser; each block remembers its first line for messages. */
#include "markup.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>

#include "utf8.h"

struct parser {
	struct doc *doc;
	const char *file;
	struct inkref_error *err;
	int capacity;
	/* The block being filled from consecutive lines, or NULL. */
	struct block *open;
	size_t open_len;
	size_t open_cap;
};

static struct block *new_block(struct parser *p, enum block_kind kind, long line)
{
	struct block *b;

	if (p->doc->count == p->capacity) {
		int cap = p->capacity ? p->capacity * 2 : 16;
		struct block *grown = realloc(p->doc->blocks, (size_t)cap * sizeof(*grown));
		if (!grown)
			return NULL;
		p->doc->blocks = grown;
		p->capacity = cap;
	}
	b = &p->doc->blocks[p->doc->count++];
	memset(b, 0, sizeof(*b));
	b->kind = kind;
	b->line = line;
	return b;
}

/* Appends text to the open block, folding white space to single spaces. */
static int append_text(struct parser *p, const char *s, size_t len)
{
	struct block *b = p->open;
	size_t i;

	if (!b->text) {
		p->open_cap = len + 16;
		b->text = malloc(p->open_cap);
		if (!b->text)
			return -1;
		p->open_len = 0;
		b->text[0] = '\0';
	}
	if (p->open_len + len + 2 > p->open_cap) {
		char *grown;
		p->open_cap = (p->open_len + len + 2) * 2;
		grown = realloc(b->text, p->open_cap);
		if (!grown)
			return -1;
		b->text = grown;
	}
	for (i = 0; i < len; i++) {
		char c = s[i];
		if (c == '\t' || c == '\r' || c == '\n')
			c = ' ';
		if (c == ' ' && (p->open_len == 0 || b->text[p->open_len - 1] == ' '))
			continue;
		b->text[p->open_len++] = c;
	}
	/* A line break inside a paragraph is a word break. */
	if (p->open_len > 0 && b->text[p->open_len - 1] != ' ')
		b->text[p->open_len++] = ' ';
	b->text[p->open_len] = '\0';
	return 0;
}

static bool bold_markers_balanced(const char *s)
{
	int markers = 0;
	const char *at = s;

	while ((at = strstr(at, "**")) != NULL) {
		markers++;
		at += 2;
	}
	return markers % 2 == 0;
}

static int close_open(struct parser *p)
{
	struct block *b = p->open;

	if (!b)
		return 0;
	p->open = NULL;
	if (b->text && p->open_len > 0 && b->text[p->open_len - 1] == ' ')
		b->text[--p->open_len] = '\0';
	if (b->text && !bold_markers_balanced(b->text)) {
		err_set(p->err, EXIT_DATAERR, p->file, b->line,
			"a '**' bold marker is not closed in this block; add the closing '**'");
		return -1;
	}
	return 0;
}

static bool looks_numeric(const char *cell)
{
	const unsigned char *u = (const unsigned char *)cell;

	if (*u == '~' || *u == '<' || *u == '>')
		u++;
	else if (strncmp(cell, "≤", 3) == 0 || strncmp(cell, "≥", 3) == 0)
		u += 3;
	return isdigit(*u) != 0;
}

static char *trimmed_copy(const char *s, size_t len)
{
	char *out;

	while (len > 0 && isspace((unsigned char)*s)) {
		s++;
		len--;
	}
	while (len > 0 && isspace((unsigned char)s[len - 1]))
		len--;
	out = malloc(len + 1);
	if (!out)
		return NULL;
	memcpy(out, s, len);
	out[len] = '\0';
	return out;
}

static bool is_separator_row(const char *line, size_t len)
{
	size_t i;

	for (i = 0; i < len; i++)
		if (!strchr("|-: \t", line[i]))
			return false;
	return true;
}

/* Splits "| a | b |" into cells and adds them to the table being built. */
static int add_table_row(struct parser *p, const char *line, size_t len, long lineno)
{
	struct block *b = p->open;
	const char *cells[64];
	size_t lens[64];
	int n = 0, c;
	size_t i, start;

	while (len > 0 && isspace((unsigned char)line[len - 1]))
		len--;
	if (len < 2 || line[len - 1] != '|') {
		err_set(p->err, EXIT_DATAERR, p->file, lineno,
			"a table row must start and end with '|'");
		return -1;
	}
	start = 1;
	for (i = 1; i < len; i++) {
		if (line[i] != '|')
			continue;
		if (n == 64) {
			err_set(p->err, EXIT_DATAERR, p->file, lineno,
				"a table row has more than 64 cells");
			return -1;
		}
		cells[n] = line + start;
		lens[n++] = i - start;
		start = i + 1;
	}
	if (b->rows == 0) {
		b->cols = n;
	} else if (n != b->cols) {
		err_set(p->err, EXIT_DATAERR, p->file, lineno,
			"this table row has %d cells but the header row has %d", n, b->cols);
		return -1;
	}
	{
		char **grown =
		    realloc(b->cells, (size_t)(b->rows + 1) * (size_t)n * sizeof(char *));
		if (!grown)
			return -1;
		b->cells = grown;
	}
	for (c = 0; c < n; c++) {
		char *cell = trimmed_copy(cells[c], lens[c]);
		if (!cell)
			return -1;
		b->cells[b->rows * n + c] = cell;
		if (!bold_markers_balanced(cell)) {
			err_set(p->err, EXIT_DATAERR, p->file, lineno,
				"a '**' bold marker is not closed in cell %d", c + 1);
			b->rows++;
			for (c = c + 1; c < n; c++)
				b->cells[(b->rows - 1) * n + c] = NULL;
			return -1;
		}
	}
	b->rows++;
	return 0;
}

static int finish_table(struct parser *p)
{
	struct block *b = p->open;
	int r, c;

	b->numeric_column = calloc((size_t)b->cols, sizeof(bool));
	if (!b->numeric_column)
		return -1;
	for (c = 0; c < b->cols; c++) {
		bool numeric = b->rows > 1;
		for (r = 1; r < b->rows; r++)
			if (!looks_numeric(block_cell(b, r, c)))
				numeric = false;
		b->numeric_column[c] = numeric;
	}
	p->open = NULL;
	return 0;
}

static int numbered_prefix(const char *line, size_t len, int *number)
{
	size_t i = 0;
	int value = 0;

	while (i < len && i < 3 && isdigit((unsigned char)line[i]))
		value = value * 10 + (line[i++] - '0');
	if (i == 0 || i + 1 >= len || line[i] != '.' || line[i + 1] != ' ')
		return 0;
	*number = value;
	return (int)i + 2;
}

static int parse_line(struct parser *p, const char *line, size_t len, long lineno)
{
	int number = 0, skip;

	if (len > 0 && line[len - 1] == '\r')
		len--;
	if (utf8_find_invalid(line, len) >= 0) {
		err_set(p->err, EXIT_DATAERR, p->file, lineno,
			"invalid UTF-8 at byte %ld of this line; save the file as UTF-8",
			utf8_find_invalid(line, len) + 1);
		return -1;
	}
	{
		size_t i = 0;
		while (i < len && isspace((unsigned char)line[i]))
			i++;
		if (i == len) { /* blank line ends whatever was open */
			if (p->open && p->open->kind == BLOCK_TABLE)
				return finish_table(p);
			return close_open(p);
		}
	}
	if (line[0] == '|') {
		if (p->open && p->open->kind != BLOCK_TABLE && close_open(p) < 0)
			return -1;
		if (!p->open) {
			p->open = new_block(p, BLOCK_TABLE, lineno);
			if (!p->open)
				return -1;
		}
		if (p->open->rows > 0 && is_separator_row(line, len))
			return 0;
		return add_table_row(p, line, len, lineno);
	}
	if (p->open && p->open->kind == BLOCK_TABLE && finish_table(p) < 0)
		return -1;
	if (len > 5 && strncmp(line, "<qr ", 4) == 0) {
		size_t end = len;
		while (end > 0 && isspace((unsigned char)line[end - 1]))
			end--;
		if (line[end - 1] != '>' || end < 6 || memchr(line + 4, ' ', end - 5)) {
			err_set(p->err, EXIT_DATAERR, p->file, lineno,
				"a QR code is written <qr ADDRESS>, one address with no spaces");
			return -1;
		}
		if (end - 5 > MARKUP_QR_MAX_BYTES) {
			err_set(p->err, EXIT_DATAERR, p->file, lineno,
				"a QR code holds at most %d bytes of address; this one has %zu",
				MARKUP_QR_MAX_BYTES, end - 5);
			return -1;
		}
		if (close_open(p) < 0)
			return -1;
		p->open = new_block(p, BLOCK_QR, lineno);
		if (!p->open || append_text(p, line + 4, end - 5) < 0)
			return -1;
		return close_open(p);
	}
	if (len > 3 && strncmp(line, "## ", 3) == 0) {
		if (close_open(p) < 0)
			return -1;
		p->open = new_block(p, BLOCK_HEADING, lineno);
		if (!p->open || append_text(p, line + 3, len - 3) < 0)
			return -1;
		return close_open(p);
	}
	if (len > 2 && strncmp(line, "! ", 2) == 0) {
		/* Consecutive warning lines are one warning: layout keeps it on one screen. */
		if (p->open && p->open->kind == BLOCK_WARNING)
			return append_text(p, line + 2, len - 2);
		if (close_open(p) < 0)
			return -1;
		p->open = new_block(p, BLOCK_WARNING, lineno);
		return p->open ? append_text(p, line + 2, len - 2) : -1;
	}
	if (len > 2 && strncmp(line, "- ", 2) == 0) {
		if (close_open(p) < 0)
			return -1;
		p->open = new_block(p, BLOCK_BULLET, lineno);
		return p->open ? append_text(p, line + 2, len - 2) : -1;
	}
	if ((skip = numbered_prefix(line, len, &number)) > 0) {
		if (close_open(p) < 0)
			return -1;
		p->open = new_block(p, BLOCK_NUMBERED, lineno);
		if (!p->open)
			return -1;
		p->open->number = number;
		return append_text(p, line + skip, len - (size_t)skip);
	}
	if (isspace((unsigned char)line[0]) && p->open &&
	    (p->open->kind == BLOCK_BULLET || p->open->kind == BLOCK_NUMBERED))
		return append_text(p, line, len);
	if (p->open && p->open->kind != BLOCK_PARAGRAPH && close_open(p) < 0)
		return -1;
	if (!p->open) {
		p->open = new_block(p, BLOCK_PARAGRAPH, lineno);
		if (!p->open)
			return -1;
	}
	return append_text(p, line, len);
}

int markup_parse(const char *text, const char *file, long first_line, struct doc *doc,
		 struct inkref_error *err)
{
	struct parser p = {.doc = doc, .file = file, .err = err};
	const char *at = text;
	long lineno = first_line;

	doc->blocks = NULL;
	doc->count = 0;
	while (*at) {
		const char *end = strchr(at, '\n');
		size_t len = end ? (size_t)(end - at) : strlen(at);
		if (parse_line(&p, at, len, lineno) < 0)
			goto fail;
		lineno++;
		at += len + (end ? 1 : 0);
	}
	if (p.open && p.open->kind == BLOCK_TABLE) {
		if (finish_table(&p) < 0)
			goto fail;
	} else if (close_open(&p) < 0) {
		goto fail;
	}
	return 0;
fail:
	if (!err->code) {
		err_set(err, EXIT_SOFTWARE, file, lineno,
			"out of memory while reading the page body");
		err->reason = ERR_REASON_NO_MEMORY;
	}
	markup_free(doc);
	return -1;
}

void markup_free(struct doc *doc)
{
	int i, c;

	for (i = 0; i < doc->count; i++) {
		struct block *b = &doc->blocks[i];
		free(b->text);
		if (b->cells) {
			for (c = 0; c < b->rows * b->cols; c++)
				free(b->cells[c]);
			free(b->cells);
		}
		free(b->numeric_column);
	}
	free(doc->blocks);
	doc->blocks = NULL;
	doc->count = 0;
}
