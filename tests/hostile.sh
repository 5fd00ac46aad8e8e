#!/usr/bin/env bash
# hostile.sh: the hostile-input suite. Every attack of the red-team run against inkref, replayed
# with what must happen now: the exit code, the line that names the fault, and bounds on time
# and memory enforced by this script's own limits (ulimit -v on the address space, and a
# timeout that is a failure: a run still going when it fires has hung). No time is measured
# and compared: a bound either holds or the run is killed. The fault suite (tests/faults.sh)
# runs last, under the same kind of limits.
# Usage: tests/hostile.sh build/inkref
# INKREF_SANITIZED: a sanitized build, whose shadow memory no ulimit -v allows: the memory
# bounds are skipped, the time bounds kept. INKREF_RUN: the emulator prefix of a cross build
# (qemu-user reserves the guest's address space up front: memory bounds skipped there too).
set -u
binary=$(realpath "$1")
build=$(dirname "$binary")
db=$build/content.db
tmp=$(mktemp -d)
inkref=$binary
if [ -n "${INKREF_RUN:-}" ]; then
	printf '#!/bin/sh\nexec %s %q "$@"\n' "$INKREF_RUN" "$binary" >"$tmp/inkref"
	chmod +x "$tmp/inkref"
	inkref=$tmp/inkref
fi
daemon=""
trap '[ -n "$daemon" ] && kill "$daemon" 2>/dev/null; rm -rf "$tmp"' EXIT
limit_memory=1
[ -z "${INKREF_SANITIZED:-}" ] && [ -z "${INKREF_RUN:-}" ] || limit_memory=""
[ -n "$limit_memory" ] || echo "hostile: memory bounds skipped (sanitized or emulated build)"
passed=0
failed=0

pass() { passed=$((passed + 1)); echo "ok   hostile.$1${2:+ ($2)}"; }
fail() { failed=$((failed + 1)); echo "FAIL hostile.$1: $2" >&2; }

# The address space every case gets unless it says otherwise: the program, its libraries and
# today's content take about 20 MiB; an attack that makes it take gigabytes fails inside it.
MEM_KB=${MEM_KB:-65536}
stdin_from=/dev/null

# attack NAME CODE PATTERN MEM_KB SECONDS -- COMMAND...: COMMAND (with stdin from $stdin_from)
# must exit CODE within SECONDS, inside MEM_KB KiB of address space, with PATTERN (an ERE) on
# standard error. The report shows what it took (GNU time, peak resident memory), for the
# record only.
attack() {
	local name=$1 code=$2 pattern=$3 mem=$4 seconds=$5 got usage=""
	shift 6
	local measure=()
	[ ! -x /usr/bin/time ] || measure=(/usr/bin/time -o "$tmp/usage" -f '%e s, %M KiB')
	rm -f "$tmp/usage"
	(
		[ -z "$limit_memory" ] || ulimit -v "$mem"
		exec "${measure[@]}" timeout -k 2 "$seconds" "$@"
	) <"$stdin_from" >"$tmp/out" 2>"$tmp/err"
	got=$?
	[ ! -f "$tmp/usage" ] || usage=$(tail -1 "$tmp/usage")
	if [ "$got" = 124 ] || [ "$got" = 137 ]; then
		fail "$name" "still running after $seconds s: hung or spinning; stderr: $(head -c 300 "$tmp/err")"
	elif [ "$got" -gt 128 ] && [ "$code" -lt 128 ]; then
		fail "$name" "killed by signal $((got - 128)); stderr: $(tail -c 300 "$tmp/err")"
	elif [ "$got" != "$code" ]; then
		fail "$name" "exit $got, wanted $code; stderr: $(head -c 400 "$tmp/err")"
	elif [ -n "$pattern" ] && ! grep -qE -- "$pattern" "$tmp/err"; then
		fail "$name" "stderr lacks /$pattern/: $(head -c 400 "$tmp/err")"
	else
		pass "$name" "exit $got, $usage"
	fi
}

# ---- Keys --------------------------------------------------------------------------------
# Keys from standard input are never dropped, however fast they come.
yes up | head -3000 >"$tmp/3000-keys"
stdin_from=$tmp/3000-keys
attack stdin_keys_all_read 0 "" "$MEM_KB" 60 -- \
	"$inkref" run --panel png:waveshare-2in7-v2 --input stdin --png "$tmp/s.png" --idle 0
n=$(grep -c '^\[up\]' "$tmp/err")
[ "$n" = 3000 ] && pass stdin_keys_count "3000 of 3000" || fail stdin_keys_count "$n of 3000 keys read"
stdin_from=/dev/null
# An evdev path that is not an input device: refused at once, not read in a busy loop.
attack evdev_not_input_device 66 "/dev/null: not an input device" "$MEM_KB" 5 -- \
	"$inkref" run --panel png --input evdev:/dev/null --png "$tmp/s.png"
mkfifo "$tmp/fake-event"
attack evdev_fifo 66 "fake-event: not an input device" "$MEM_KB" 5 -- \
	"$inkref" run --panel png --input evdev:"$tmp/fake-event" --png "$tmp/s.png"
# An input that fails while the kiosk runs never ends it with success (systemd restarts a
# failure, not a success): standard input that cannot be read (a folder) is such a fault.
stdin_from=/
attack stdin_read_fault_fails 74 "standard input: cannot read the keys: Is a directory" "$MEM_KB" 5 -- \
	"$inkref" run --panel png --input stdin --png "$tmp/s.png" --idle 0
stdin_from=/dev/null

# ---- The fault suite ----------------------------------------------------------------------
# Every fault injected into a running kiosk (tests/faults.sh checks each one's log line, screen
# and recovery), the whole suite bounded in time and in each process's address space.
echo "hostile: the fault suite, each process within $((MEM_KB * 4)) KiB, all within 600 s"
(
	[ -z "$limit_memory" ] || ulimit -v $((MEM_KB * 4))
	exec timeout -k 5 600 tests/faults.sh "$binary"
)
code=$?
[ "$code" = 0 ] && pass fault_suite || fail fault_suite "tests/faults.sh exit $code (124: did not finish in 600 s)"

echo "$passed passed, $failed failed"
[ "$failed" = 0 ]
