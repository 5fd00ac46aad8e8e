/* SPDX-License-Identifier: MIT */
/* markup: the page body language (headings, paragraphs, bullet and numbered lists, tables,
 * warnings, **bold**) parsed into blocks. The content compiler and the database loader share it, so
 * a body that compiled is a body the kiosk can show. */
#ifndef INKREF_MARKUP_H
#define INKREF_MARKUP_H

#include <stdbool.h>

#include "err.h"

enum block_kind {
	BLOCK_HEADING,
	BLOCK_PARAGRAPH,
	BLOCK_BULLET,
	BLOCK_NUMBERED,
	BLOCK_TABLE,
	BLOCK_QR,      /* a QR code of the address in text, written <qr https://...> */
	BLOCK_WARNING, /* lines that start "! ": a red flag and its action, shown whole */
};

/* The longest <qr> address: what the largest QR code (version 40) holds in byte mode at the
 * error correction level the layout uses (M). A longer one could not be drawn. */
#define MARKUP_QR_MAX_BYTES 2331

struct block {
	enum block_kind kind;
	long line;  /* where the block starts in its source, for messages */
	char *text; /* whitespace folded to single spaces; may hold ** markers */
	int number; /* BLOCK_NUMBERED: the item's number */
	/* BLOCK_TABLE: rows x cols cells, row 0 the header. */
	int rows, cols;
	char **cells;
	bool *numeric_column; /* cols entries: right-align this column */
};

struct doc {
	struct block *blocks;
	int count;
};

/* Parses body text. file and first_line only label error messages.
 * Returns 0, or -1 with err filled (EXIT_DATAERR). */
int markup_parse(const char *text, const char *file, long first_line, struct doc *doc,
		 struct inkref_error *err);
void markup_free(struct doc *doc);

/* Cell (row, col) of a table block. */
static inline const char *block_cell(const struct block *b, int row, int col)
{
	return b->cells[row * b->cols + col];
}

#endif
