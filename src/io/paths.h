/* SPDX-License-Identifier: MIT */
/* paths: where the content database, fonts and assets are. A binary in a build tree uses the
 * tree's own files; an installed one uses INKREF_DATA_DIR. */
#ifndef INKREF_PATHS_H
#define INKREF_PATHS_H

#include <stddef.h>

/* Writes the path of a data file (e.g. "content.db", "fonts/DejaVuSans.ttf") into out. */
void paths_data_file(const char *name, char *out, size_t size);

/* --data DIR: take every data file from dir and nowhere else (a content package under test,
 * a kiosk with its fonts taken away). NULL: back to the search above. */
void paths_set_data_dir(const char *dir);

#endif
