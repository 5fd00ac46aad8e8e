/* SPDX-License-Identifier: MIT */
/* content_build: compiles the human-edited text files of content/ into the SQLite database
 * the kiosk reads. A mistake in a text file stops the build with its file and line. */
#ifndef INKREF_CONTENT_BUILD_H
#define INKREF_CONTENT_BUILD_H

#include "err.h"

/* Reads dir/meta.txt, dir/sources.txt and dir/NN-*.txt, writes out_path atomically
 * (a temporary file renamed into place). Returns 0, or -1 with err filled. */
int content_build(const char *dir, const char *out_path, struct inkref_error *err);

#endif
