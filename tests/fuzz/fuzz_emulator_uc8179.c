/* SPDX-License-Identifier: MIT */
/* fuzz_emulator_uc8179: arbitrary reset, command, data, BUSY and fault streams into the
 * emulated UC8179 (the 7.5" panel's controller); see fuzz_emulator() for the encoding. */
#include "fuzz.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	fuzz_emulator(EMULATED_UC8179, data, size);
	return 0;
}
