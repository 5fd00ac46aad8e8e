/* SPDX-License-Identifier: MIT */
/* fuzz: what the fuzz targets share: fuzz bytes as a file the real loaders open, the fonts and
 * views opened once per process, a bounded walk over a content's screens, and the checks whose
 * failure is a finding. Each target is one LLVMFuzzerTestOneInput; libFuzzer links it for
 * fuzzing, tests/fuzz/replay.c for replaying the corpus and the regressions in make check. */
#ifndef INKREF_FUZZ_H
#define INKREF_FUZZ_H

#include <stddef.h>
#include <stdint.h>

#include "content.h"
#include "emulator.h"
#include "panel.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* A broken promise: says which, then aborts, so that libFuzzer records the input as a crash
 * and the replay fails. Quiet otherwise: targets never print per input. */
#define FUZZ_CHECK(cond)                                      \
	do {                                                  \
		if (!(cond))                                  \
			fuzz_fail(__FILE__, __LINE__, #cond); \
	} while (0)

void fuzz_fail(const char *file, int line, const char *what) __attribute__((noreturn));

/* A scratch folder for this process (in /dev/shm when there is one), removed at exit. */
const char *fuzz_tmpdir(void);

/* The bytes as the contents of a file in fuzz_tmpdir(), rewritten for each input (one file per
 * slot, so a target may hold a few at once). Returns its path. A memfd would be quicker, but
 * SQLite resolves the /proc/self/fd link to a name it cannot open. */
const char *fuzz_file(int slot, const uint8_t *data, size_t size);

/* The panels every target draws on: the three real ones and the smallest free size. */
#define FUZZ_PANEL_COUNT 4
const struct panel_model *fuzz_panel(int index);

/* Checks what the menu, view and layout rely on in a content the loader accepted: every index
 * in range, every menu reachable from home within MENU_DEPTH_LIMIT, text NUL-free C strings. */
void fuzz_check_content(const struct content *content);

/* Draws up to max_screens reachable screens of content on panel (fonts and views are opened
 * once per process), then drives the menu with a fixed key script, checking that every screen
 * builds and that layouts keep their promises. */
void fuzz_walk_content(const struct content *content, int panel, int max_screens);

/* Lays out one page at both text sizes on every panel and draws up to max_screens of its
 * screens on each. */
void fuzz_walk_page(const struct page *page, int max_screens);

/* Feeds a transport-operation stream decoded from data into a new emulated controller. */
void fuzz_emulator(const char *model, const uint8_t *data, size_t size);

#endif
