# shellcheck shell=bash
# lib.sh: what the shell suites share: the tally of their checks, and how they run the program
# under test. A suite sources it with its name, which its lines start with:
#   . "$(dirname "$0")/lib.sh" cli
suite=$1
passed=0
failed=0
# pass NAME [DETAIL], fail NAME WHY: one line each, "ok   SUITE.NAME" or "FAIL SUITE.NAME: WHY".
pass() { passed=$((passed + 1)); echo "ok   $suite.$1${2:+ ($2)}"; }
fail() { failed=$((failed + 1)); echo "FAIL $suite.$1: $2" >&2; }
# summary: the tally's last line; its status is the suite's (0 when nothing failed).
summary() {
	echo "$passed passed, $failed failed"
	[ "$failed" = 0 ]
}
# runner BINARY DIR: prints the command that runs BINARY. For a cross build (INKREF_RUN, the
# emulator prefix: qemu-aarch64 ...) it is a wrapper written in DIR that execs the emulator,
# so that a run in the background has the emulator itself as its $!, whose CPU ticks and exit
# code are the program's.
runner() {
	if [ -n "${INKREF_RUN:-}" ]; then
		printf '#!/bin/sh\nexec %s %q "$@"\n' "$INKREF_RUN" "$1" >"$2/inkref"
		chmod +x "$2/inkref"
		echo "$2/inkref"
	else
		echo "$1"
	fi
}
