/* SPDX-License-Identifier: MIT */
/* err: one error record that travels up to the place that reports it.
 * Every module fills it with the file, the line or record, and what to do. */
#ifndef INKREF_ERR_H
#define INKREF_ERR_H

#include <stdarg.h>
#include <stddef.h>

/* Exit codes from sysexits.h, as the command-line contract promises. */
enum exit_code {
	EXIT_OK = 0,
	EXIT_USAGE = 64,
	EXIT_DATAERR = 65,
	EXIT_NOINPUT = 66,
	EXIT_SOFTWARE = 70,
	EXIT_IOERR = 74,
	EXIT_TEMPFAIL = 75,
	EXIT_CONFIG = 78,
};

struct inkref_error {
	int code;	/* one of enum exit_code */
	char file[256]; /* the file at fault, "" when none */
	long line;	/* line or record number, 0 when not known */
	char message[512];
	int reason; /* a finer cause a caller acts on (enum err_reason), 0 when none */
};

/* Causes that change what the daemon shows, beyond the exit code. */
enum err_reason {
	ERR_REASON_NONE,
	ERR_REASON_LOCKED,	  /* another program holds a lock on the file: try again later */
	ERR_REASON_WRONG_VERSION, /* a file made for another version of inkref */
	ERR_REASON_NO_MEMORY,	  /* an allocation failed: nothing is wrong with the file */
};

/* Records the first error only: later errors are usually consequences. */
void err_set(struct inkref_error *err, int code, const char *file, long line, const char *fmt, ...)
    __attribute__((format(printf, 5, 6)));
void err_clear(struct inkref_error *err);
/* Checks that report what they find rather than fail (the linter) note here that memory ran
 * out, so that their command exits 70 saying so, not 65 as if the content were at fault. */
void err_note_out_of_memory(void);
int err_out_of_memory_noted(void);

/* Prints "inkref: FILE:LINE: MESSAGE" to stderr, on one line (see err_escape). */
void err_print(const struct inkref_error *err);

/* Copies text into out (size bytes, always terminated) with every control character written
 * as \n, \t, \r or \xNN: text from a file (a title, a path) can then never break a line of
 * a log or a terminal, nor start a forged one. */
void err_escape(const char *text, char *out, size_t size);

#endif
