/* SPDX-License-Identifier: MIT */
/* fuzz_layout: arbitrary UTF-8 and markup through the page parser, the layout engine and the
 * renderer. The input is a page: its title on the first line, its source numbers (comma
 * separated) on the second, its body after. A body the parser accepts is laid out at both
 * text sizes on every panel and each of its screens drawn. */
#include <stdlib.h>
#include <string.h>

#include "fuzz.h"
#include "markup.h"

#define MAX_SOURCES 16

/* The next line of the input as a C string (it ends at a NUL byte too). */
static char *take_line(const uint8_t **at, const uint8_t *end)
{
	const uint8_t *nl = memchr(*at, '\n', (size_t)(end - *at));
	size_t len = (size_t)((nl ? nl : end) - *at);
	char *line = malloc(len + 1);

	FUZZ_CHECK(line != NULL);
	memcpy(line, *at, len);
	line[len] = '\0';
	*at = nl ? nl + 1 : end;
	return line;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const uint8_t *at = data, *end = data + size;
	char *title = take_line(&at, end), *numbers = take_line(&at, end);
	char *body, *cursor;
	int source_numbers[MAX_SOURCES], source_count = 0;
	struct inkref_error err;
	struct page page;

	body = malloc((size_t)(end - at) + 1);
	FUZZ_CHECK(body != NULL);
	memcpy(body, at, (size_t)(end - at));
	body[end - at] = '\0';
	for (cursor = numbers; *cursor && source_count < MAX_SOURCES;) {
		char *next;
		long n = strtol(cursor, &next, 10);
		if (next == cursor) {
			cursor++;
			continue;
		}
		source_numbers[source_count++] = (int)(n % 100000);
		cursor = next;
	}
	memset(&page, 0, sizeof(page));
	err_clear(&err);
	if (markup_parse(body, "page.txt", 3, &page.doc, &err) < 0) {
		FUZZ_CHECK(err.code == EXIT_DATAERR && err.message[0]);
		FUZZ_CHECK(strcmp(err.file, "page.txt") == 0 && err.line >= 3);
		FUZZ_CHECK(page.doc.count == 0 && page.doc.blocks == NULL);
	} else {
		page.id = 1;
		page.title = title;
		page.language = "en";
		page.source_numbers = source_numbers;
		page.source_count = source_count;
		page.source_file = "page.txt";
		page.source_line = 1;
		fuzz_walk_page(&page, 24);
		markup_free(&page.doc);
	}
	free(title);
	free(numbers);
	free(body);
	return 0;
}
