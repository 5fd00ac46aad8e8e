/* SPDX-License-Identifier: MIT */
/* fuzz_emulator_uc8179: arbitrary reset, command, data, BUSY and fault streams into the
 * emulated UC8179 (the 7.5" panel's controller); see fuzz_emulator() for the encoding. */
#include "fuzz.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	fuzz_emulator("waveshare-7in5-v2", data, size);
	return 0;
}
