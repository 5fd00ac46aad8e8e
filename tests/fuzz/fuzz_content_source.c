/* SPDX-License-Identifier: MIT */
/* fuzz_content_source: arbitrary content sources through the content compiler. The input is
 * the files of a content folder joined by NUL bytes (which no source may hold): meta.txt,
 * sources.txt, then the topic files 01-topic.txt, 02-topic.txt, ... A folder the compiler
 * refuses is refused as bad data naming a file it was given and a line that file has; a
 * folder it accepts gives a database the loader accepts, holding only valid UTF-8, whose
 * screens all draw. */
#include <stdio.h>
#include <string.h>
#include <unistd.h>
#include <sys/stat.h>

#include "content_build.h"
#include "fuzz.h"
#include "utf8.h"

#define MAX_FILES 18 /* meta, sources and 16 topics */

struct part {
	const uint8_t *bytes;
	size_t len;
};

static void write_file(const char *path, const struct part *part)
{
	FILE *f = fopen(path, "wb");

	FUZZ_CHECK(f != NULL);
	FUZZ_CHECK(fwrite(part->bytes, 1, part->len, f) == part->len);
	FUZZ_CHECK(fclose(f) == 0);
}

static void file_name(int index, char *out, size_t size)
{
	if (index == 0)
		snprintf(out, size, "meta.txt");
	else if (index == 1)
		snprintf(out, size, "sources.txt");
	else
		snprintf(out, size, "%02d-topic.txt", index - 1);
}

static long line_count(const struct part *part)
{
	long lines = 1;
	size_t i;

	for (i = 0; i < part->len; i++)
		lines += part->bytes[i] == '\n';
	return lines;
}

static void check_utf8(const char *s)
{
	FUZZ_CHECK(utf8_find_invalid(s, strlen(s)) < 0);
}

/* The compiler checks its input is UTF-8; what it writes must be too. */
static void check_text_is_utf8(const struct content *c)
{
	int i, b, cell;

	for (i = 0; i < c->item_count; i++)
		check_utf8(c->items[i].title);
	for (i = 0; i < c->source_count; i++) {
		check_utf8(c->sources[i].title);
		check_utf8(c->sources[i].author);
		check_utf8(c->sources[i].published_in);
		check_utf8(c->sources[i].year);
		check_utf8(c->sources[i].url);
	}
	for (i = 0; i < c->page_count; i++) {
		const struct doc *doc = &c->pages[i].doc;
		check_utf8(c->pages[i].title);
		for (b = 0; b < doc->count; b++) {
			if (doc->blocks[b].text)
				check_utf8(doc->blocks[b].text);
			for (cell = 0; doc->blocks[b].kind == BLOCK_TABLE &&
				       cell < doc->blocks[b].rows * doc->blocks[b].cols;
			     cell++)
				check_utf8(doc->blocks[b].cells[cell]);
		}
	}
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static int written; /* files the last input left in the folder */
	char dir[300], out[300], path[400], name[32];
	struct part parts[MAX_FILES];
	const uint8_t *at = data, *end = data + size;
	struct inkref_error err;
	struct content content;
	int count = 0, i;

	while (count < MAX_FILES) {
		const uint8_t *nul = memchr(at, '\0', (size_t)(end - at));
		parts[count].bytes = at;
		parts[count].len = (size_t)((nul ? nul : end) - at);
		count++;
		if (!nul)
			break;
		at = nul + 1;
	}
	snprintf(dir, sizeof(dir), "%s/content", fuzz_tmpdir());
	snprintf(out, sizeof(out), "%s/content.db", fuzz_tmpdir());
	if (mkdir(dir, 0700) < 0)
		FUZZ_CHECK(access(dir, W_OK) == 0);
	for (i = count; i < written; i++) {
		file_name(i, name, sizeof(name));
		snprintf(path, sizeof(path), "%s/%s", dir, name);
		unlink(path);
	}
	for (i = 0; i < count; i++) {
		file_name(i, name, sizeof(name));
		snprintf(path, sizeof(path), "%s/%s", dir, name);
		write_file(path, &parts[i]);
	}
	written = count;
	unlink(out);

	err_clear(&err);
	if (content_build(dir, out, &err) < 0) {
		/* Only a missing file (fewer than three given) is not bad data. */
		FUZZ_CHECK(err.code == EXIT_DATAERR || (err.code == EXIT_NOINPUT && count < 3));
		FUZZ_CHECK(err.message[0]);
		FUZZ_CHECK(strncmp(err.file, dir, strlen(dir)) == 0);
		for (i = 0; i < count; i++) {
			file_name(i, name, sizeof(name));
			snprintf(path, sizeof(path), "%s/%s", dir, name);
			if (strcmp(err.file, path) == 0)
				FUZZ_CHECK(err.line >= 0 && err.line <= line_count(&parts[i]));
		}
		/* A failed build leaves nothing behind, not even its temporary file. */
		FUZZ_CHECK(access(out, F_OK) < 0);
		snprintf(path, sizeof(path), "%s.tmp", out);
		FUZZ_CHECK(access(path, F_OK) < 0);
		return 0;
	}
	err_clear(&err);
	if (content_load(out, &content, &err) < 0) {
		err_print(&err);
		fuzz_fail(__FILE__, __LINE__, "the loader accepts what the compiler wrote");
	}
	fuzz_check_content(&content);
	check_text_is_utf8(&content);
	fuzz_walk_content(&content, 0, 32);
	content_free(&content);
	return 0;
}
