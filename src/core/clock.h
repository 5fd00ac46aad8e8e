/* SPDX-License-Identifier: MIT */
/* clock: the monotonic clock, in the two units the code measures in. Never the wall clock:
 * a kiosk's time of day can jump. */
#ifndef INKREF_CLOCK_H
#define INKREF_CLOCK_H

#include <stdint.h>

/* Milliseconds of CLOCK_MONOTONIC: deadlines and timers. */
int64_t clock_ms(void);
/* Microseconds of CLOCK_MONOTONIC: what a step of the work cost. */
double clock_us(void);

#endif
