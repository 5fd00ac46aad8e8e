/* SPDX-License-Identifier: MIT */
/* test_utf8: the strict decoder accepts every valid form and rejects every invalid one. */
#include "../test.h"
#include "utf8.h"

static void decodes_each_length(void)
{
	uint32_t cp = 0;

	CHECK_INT(utf8_decode("A", 1, &cp), 1);
	CHECK_INT(cp, 'A');
	CHECK_INT(utf8_decode("\xc2\xbd", 2, &cp), 2); /* ½ */
	CHECK_INT(cp, 0xbd);
	CHECK_INT(utf8_decode("\xe2\x89\xa4", 3, &cp), 3); /* ≤ */
	CHECK_INT(cp, 0x2264);
	CHECK_INT(utf8_decode("\xf0\x9f\x98\x80", 4, &cp), 4);
	CHECK_INT(cp, 0x1f600);
}

static void rejects_invalid_forms(void)
{
	uint32_t cp;

	CHECK_INT(utf8_decode("\x80", 1, &cp), -1);		/* lone continuation */
	CHECK_INT(utf8_decode("\xc0\xaf", 2, &cp), -1);		/* overlong '/' */
	CHECK_INT(utf8_decode("\xe0\x80\xaf", 3, &cp), -1);	/* overlong, 3 bytes */
	CHECK_INT(utf8_decode("\xed\xa0\x80", 3, &cp), -1);	/* UTF-16 surrogate */
	CHECK_INT(utf8_decode("\xf4\x90\x80\x80", 4, &cp), -1); /* past U+10FFFF */
	CHECK_INT(utf8_decode("\xe2\x89", 2, &cp), -1);		/* truncated */
	CHECK_INT(utf8_decode("\xe2\x41\xa4", 3, &cp), -1);	/* bad continuation */
	CHECK_INT(utf8_decode("\xff", 1, &cp), -1);
}

static void finds_first_invalid_byte(void)
{
	const char ok[] = "Magnesium ≤ 350 mg";
	const char bad[] = "abc\xe2\x89xyz";

	CHECK_INT(utf8_find_invalid(ok, strlen(ok)), -1);
	CHECK_INT(utf8_find_invalid(bad, strlen(bad)), 3);
}

static void encode_round_trips(void)
{
	uint32_t samples[] = {0x41, 0xbd, 0x2264, 0x1f600, 0x10ffff}, cp;
	char buf[4];
	size_t i;

	for (i = 0; i < sizeof(samples) / sizeof(samples[0]); i++) {
		int n = utf8_encode(samples[i], buf);
		CHECK_INT(utf8_decode(buf, (size_t)n, &cp), n);
		CHECK_INT(cp, samples[i]);
	}
}

const struct test_case utf8_tests[] = {
    TEST_CASE(utf8, decodes_each_length),
    TEST_CASE(utf8, rejects_invalid_forms),
    TEST_CASE(utf8, finds_first_invalid_byte),
    TEST_CASE(utf8, encode_round_trips),
    {NULL, NULL, NULL},
};
