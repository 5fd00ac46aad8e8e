/* SPDX-License-Identifier: MIT */
/* replay: runs a fuzz target over files without libFuzzer, so make check (with gcc, and under
 * the sanitizers with SANITIZE=1) replays every seed and every regression input. A finding
 * aborts inside the target. Usage: fuzz-replay-TARGET FILE|DIR...
 * Prints one line per run: how many inputs went through. */
#include <dirent.h>
#include <errno.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "fuzz.h"

/* The sanitizers' hook for last words, present only in a sanitized build. */
extern void __sanitizer_set_death_callback(void (*callback)(void)) __attribute__((weak));

static const char *current; /* the input being replayed */

/* Names the input that failed: the report above it does not. */
static void say_which(void)
{
	static const char intro[] = "replay: the failing input is ";

	if (!current)
		return;
	if (write(STDERR_FILENO, intro, sizeof(intro) - 1) < 0 ||
	    write(STDERR_FILENO, current, strlen(current)) < 0 || write(STDERR_FILENO, "\n", 1) < 0)
		return;
}

static void on_fatal_signal(int sig)
{
	say_which();
	signal(sig, SIG_DFL);
	raise(sig);
}

static void name_failures(void)
{
	static const int fatal[] = {SIGABRT, SIGSEGV, SIGBUS, SIGFPE, SIGILL};
	size_t i;

	/* A sanitizer keeps its own signal handlers, for its reports; it calls back instead. */
	if (__sanitizer_set_death_callback) {
		__sanitizer_set_death_callback(say_which);
		return;
	}
	for (i = 0; i < sizeof(fatal) / sizeof(fatal[0]); i++)
		signal(fatal[i], on_fatal_signal);
}

static int replay_file(const char *path)
{
	FILE *f = fopen(path, "rb");
	struct stat st;
	uint8_t *data;
	size_t size;

	if (!f || fstat(fileno(f), &st) < 0) {
		fprintf(stderr, "replay: %s: %s\n", path, strerror(errno));
		if (f)
			fclose(f);
		return -1;
	}
	/* Exactly the file's bytes, so a read past the input is a read past an allocation. */
	size = (size_t)st.st_size;
	data = malloc(size ? size : 1);
	if (!data || fread(data, 1, size, f) != size) {
		fprintf(stderr, "replay: %s: cannot read\n", path);
		free(data);
		fclose(f);
		return -1;
	}
	fclose(f);
	current = path;
	LLVMFuzzerTestOneInput(data, size);
	current = NULL;
	free(data);
	return 0;
}

static int skip_hidden(const struct dirent *entry)
{
	return entry->d_name[0] != '.';
}

/* Files of a folder in name order, so runs are repeatable. */
static int replay_dir(const char *dir, int *count)
{
	struct dirent **names;
	int n = scandir(dir, &names, skip_hidden, alphasort), i, rc = 0;

	if (n < 0) {
		fprintf(stderr, "replay: %s: %s\n", dir, strerror(errno));
		return -1;
	}
	for (i = 0; i < n; i++) {
		char path[4096];
		struct stat st;
		snprintf(path, sizeof(path), "%s/%s", dir, names[i]->d_name);
		if (rc == 0 && stat(path, &st) == 0 && S_ISREG(st.st_mode)) {
			rc = replay_file(path);
			(*count)++;
		}
		free(names[i]);
	}
	free(names);
	return rc;
}

int main(int argc, char **argv)
{
	int i, count = 0;

	if (argc < 2) {
		fprintf(stderr, "usage: %s FILE|DIR...\n", argv[0]);
		return 64;
	}
	name_failures();
	for (i = 1; i < argc; i++) {
		struct stat st;
		int rc;
		if (stat(argv[i], &st) < 0) {
			fprintf(stderr, "replay: %s: %s\n", argv[i], strerror(errno));
			return 66;
		}
		if (S_ISDIR(st.st_mode)) {
			rc = replay_dir(argv[i], &count);
		} else {
			rc = replay_file(argv[i]);
			count++;
		}
		if (rc < 0)
			return 1;
	}
	printf("ok   %s: %d inputs\n", strrchr(argv[0], '/') ? strrchr(argv[0], '/') + 1 : argv[0],
	       count);
	return 0;
}
