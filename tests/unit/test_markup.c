/* SPDX-License-Identifier: MIT */
/* test_markup: page bodies parse into the blocks a writer meant, and mistakes name the line. */
#include "../test.h"
#include "markup.h"

static void parses_every_block_kind(void)
{
	const char *body =
	    "A paragraph\nthat continues.\n\n## Heading\n- Item one\n  continued\n"
	    "- Item two\n3. Third\n\n| Food | mg |\n|---|---|\n| Nuts | 80 |\n| Milk | 24–27 |\n";
	struct doc doc;
	struct inkref_error err;

	err_clear(&err);
	CHECK_INT(markup_parse(body, "t.txt", 1, &doc, &err), 0);
	CHECK_INT(doc.count, 6);
	if (doc.count != 6)
		return;
	CHECK_INT(doc.blocks[0].kind, BLOCK_PARAGRAPH);
	CHECK_STR(doc.blocks[0].text, "A paragraph that continues.");
	CHECK_INT(doc.blocks[1].kind, BLOCK_HEADING);
	CHECK_STR(doc.blocks[1].text, "Heading");
	CHECK_INT(doc.blocks[2].kind, BLOCK_BULLET);
	CHECK_STR(doc.blocks[2].text, "Item one continued");
	CHECK_INT(doc.blocks[3].kind, BLOCK_BULLET);
	CHECK_INT(doc.blocks[4].kind, BLOCK_NUMBERED);
	CHECK_INT(doc.blocks[4].number, 3);
	CHECK_INT(doc.blocks[5].kind, BLOCK_TABLE);
	CHECK_INT(doc.blocks[5].rows, 3);
	CHECK_INT(doc.blocks[5].cols, 2);
	CHECK_STR(block_cell(&doc.blocks[5], 1, 0), "Nuts");
	CHECK(!doc.blocks[5].numeric_column[0]);
	CHECK(doc.blocks[5].numeric_column[1]);
	CHECK_INT(doc.blocks[5].line, 10);
	markup_free(&doc);
}

static void warning_lines_join_into_one_block(void)
{
	const char *body = "Text.\n! **Call 911.** One leg\n! is swollen.\n! Still the same.\n"
			   "After.\n\n! Second warning.\n";
	struct doc doc;
	struct inkref_error err;

	err_clear(&err);
	CHECK_INT(markup_parse(body, "t.txt", 1, &doc, &err), 0);
	CHECK_INT(doc.count, 4);
	if (doc.count != 4)
		return;
	CHECK_INT(doc.blocks[1].kind, BLOCK_WARNING);
	CHECK_STR(doc.blocks[1].text, "**Call 911.** One leg is swollen. Still the same.");
	CHECK_INT(doc.blocks[1].line, 2);
	/* A line without '!' ends the warning. */
	CHECK_INT(doc.blocks[2].kind, BLOCK_PARAGRAPH);
	CHECK_STR(doc.blocks[2].text, "After.");
	CHECK_INT(doc.blocks[3].kind, BLOCK_WARNING);
	markup_free(&doc);
}

static void table_with_ragged_row_names_its_line(void)
{
	struct doc doc;
	struct inkref_error err;

	err_clear(&err);
	CHECK_INT(markup_parse("Intro.\n\n| a | b |\n| 1 | 2 | 3 |\n", "food.txt", 20, &doc, &err),
		  -1);
	CHECK_INT(err.code, EXIT_DATAERR);
	CHECK_STR(err.file, "food.txt");
	CHECK_INT(err.line, 23);
	CHECK(strstr(err.message, "3 cells") != NULL);
}

static void unclosed_bold_is_an_error(void)
{
	struct doc doc;
	struct inkref_error err;

	err_clear(&err);
	CHECK_INT(markup_parse("Line one\n\nThe **limit is 350 mg.\n", "dose.txt", 1, &doc, &err),
		  -1);
	CHECK_INT(err.line, 3);
	CHECK(strstr(err.message, "**") != NULL);
}

static void invalid_utf8_names_line_and_byte(void)
{
	struct doc doc;
	struct inkref_error err;

	err_clear(&err);
	CHECK_INT(markup_parse("fine\nbro\xc3ken\n", "x.txt", 5, &doc, &err), -1);
	CHECK_INT(err.line, 6);
	CHECK(strstr(err.message, "UTF-8") != NULL);
	CHECK(strstr(err.message, "byte 4") != NULL);
}

/* The longest address a QR code can hold is accepted; one byte more names its line. */
static void qr_address_longer_than_a_code_holds_is_an_error(void)
{
	char body[MARKUP_QR_MAX_BYTES + 32];
	struct doc doc;
	struct inkref_error err;
	int n;

	n = snprintf(body, sizeof(body), "Scan it.\n\n<qr https://example.org/");
	memset(body + n, 'a', (size_t)(MARKUP_QR_MAX_BYTES - 20));
	snprintf(body + n + MARKUP_QR_MAX_BYTES - 20, 4, ">\n");
	err_clear(&err);
	CHECK_INT(markup_parse(body, "qr.txt", 1, &doc, &err), 0);
	CHECK_INT(doc.count, 2);
	CHECK_INT(doc.count == 2 ? (long long)strlen(doc.blocks[1].text) : 0, MARKUP_QR_MAX_BYTES);
	markup_free(&doc);
	snprintf(body + n + MARKUP_QR_MAX_BYTES - 20, 5, "a>\n");
	CHECK_INT(markup_parse(body, "qr.txt", 1, &doc, &err), -1);
	CHECK_INT(err.line, 3);
	CHECK(strstr(err.message, "at most 2331 bytes") != NULL);
}

const struct test_case markup_tests[] = {
    TEST_CASE(markup, parses_every_block_kind),
    TEST_CASE(markup, warning_lines_join_into_one_block),
    TEST_CASE(markup, table_with_ragged_row_names_its_line),
    TEST_CASE(markup, unclosed_bold_is_an_error),
    TEST_CASE(markup, invalid_utf8_names_line_and_byte),
    TEST_CASE(markup, qr_address_longer_than_a_code_holds_is_an_error),
    {NULL, NULL, NULL},
};
