#!/usr/bin/env bash
# valgrind.sh: the program's main paths under valgrind's memcheck: compiling and checking the
# content, render --all on every panel, 10,000 random keys through sim on each emulated
# controller, and the daemon on an emulated panel with the shipped configuration, fed keys
# (idle, an unknown name, deep sleep and wake included) and writing its PNG. Each run fails
# on any memory error and on any block not freed at exit, still-reachable ones included.
# No suppressions: nothing in the libraries needed one.
# usage: tests/valgrind.sh build/inkref
set -euo pipefail
inkref=$(realpath "$1")
root=$(cd "$(dirname "$0")/.." && pwd)
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
passed=0
failed=0

# memcheck NAME [< INPUT] -- command...: one run; a report line with its time and results.
memcheck() {
	local name=$1 input=/dev/null
	shift
	if [ "$1" = "<" ]; then
		input=$2
		shift 2
	fi
	shift # --
	local log="$tmp/$name.log" start end status=0
	start=$(date +%s.%N)
	valgrind --tool=memcheck --leak-check=full --show-leak-kinds=all \
		--errors-for-leak-kinds=all --error-exitcode=99 --log-file="$log" \
		"$@" <"$input" >"$tmp/$name.out" 2>"$tmp/$name.err" || status=$?
	end=$(date +%s.%N)
	local errors in_use
	errors=$(sed -n 's/.*ERROR SUMMARY: \([0-9,]*\) errors.*/\1/p' "$log" | tail -1)
	in_use=$(sed -n 's/.*in use at exit: \(.*\)$/\1/p' "$log" | tail -1)
	printf '%-28s %6.1f s  errors %s, in use at exit: %s, exit %d\n' "$name" \
		"$(awk -v a="$start" -v b="$end" 'BEGIN {print b - a}')" "${errors:-?}" \
		"${in_use:-?}" "$status"
	if [ "$status" = 0 ] && [ "$errors" = 0 ] && [ "$in_use" = "0 bytes in 0 blocks" ]; then
		passed=$((passed + 1))
	else
		failed=$((failed + 1))
		echo "FAIL valgrind.$name:" >&2
		grep -A12 -E "^==[0-9]+== (Invalid|Conditional|Use of|Syscall|Mismatched|.*lost|.*reachable)" \
			"$log" | head -60 >&2 || true
		tail -5 "$tmp/$name.err" >&2
	fi
}

echo "valgrind memcheck, $(valgrind --version)"
memcheck build-content -- "$inkref" build-content --out "$tmp/content.db" "$root/content"
memcheck check-content -- "$inkref" check-content "$tmp/content.db"
memcheck render-all -- "$inkref" render --out "$tmp/all" --all --db "$tmp/content.db"
for panel in waveshare-7in5-v2 waveshare-4in2-v2 waveshare-2in7-v2; do
	memcheck "sim-$panel" -- "$inkref" sim --panel "$panel" --random 10000 --seed 6 \
		--db "$tmp/content.db"
done
# Key names from a seeded generator; "idle" puts the panel to sleep and the next key wakes it.
awk 'BEGIN {
	split("up down ok back long-ok long-back idle down ok", name, " ")
	s = 7
	for (i = 0; i < 1000; i++) { s = (s * 16807) % 2147483647; print name[s % 9 + 1] }
	print "sideways"
}' >"$tmp/keys.txt"
memcheck daemon "<" "$tmp/keys.txt" -- "$inkref" run --config "$root/systemd/inkref.conf" \
	--panel sim:waveshare-4in2-v2 --input stdin --db "$tmp/content.db" --png "$tmp/screen.png"
grep -q "0 mismatches" "$tmp/daemon.err" || {
	failed=$((failed + 1))
	echo "FAIL valgrind.daemon: no glass summary: $(tail -3 "$tmp/daemon.err")" >&2
}

echo "$passed passed, $failed failed"
[ "$failed" = 0 ]
