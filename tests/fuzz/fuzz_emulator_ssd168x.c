/* SPDX-License-Identifier: MIT */
/* fuzz_emulator_ssd168x: arbitrary reset, command, data, BUSY and fault streams into the
 * emulated SSD1683 (4.2") or SSD1680 (2.7"), chosen by the first byte; see fuzz_emulator()
 * for the encoding of the rest. */
#include "fuzz.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	if (size == 0)
		return 0;
	fuzz_emulator(data[0] & 1 ? "waveshare-2in7-v2" : "waveshare-4in2-v2", data + 1, size - 1);
	return 0;
}
