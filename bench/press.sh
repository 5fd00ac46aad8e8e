#!/usr/bin/env bash
# press.sh: part of make bench. Per panel: the panel time of every partial refresh over a
# random 500-key session and of the 7.5" cursor move (emulated controller: waveform, booster,
# LUT loads), and the instructions of one whole key press (menu, view, render, diff, plan,
# driver; the emulated controller not counted) over every screen transition a person can
# reach, by callgrind. Prints worst and median; exits 0 (a report), saying PASS or FAIL.
# usage: bench/press.sh BUILD_DIR [PANEL...]
set -euo pipefail
build=${1:-build}
shift || true
panels=("$@")
[ ${#panels[@]} -gt 0 ] || panels=(waveshare-7in5-v2 waveshare-4in2-v2 waveshare-2in7-v2)
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

verdict() { if [ "$1" = 1 ]; then echo "PASS $2"; else echo "FAIL $2"; fi; }
# median and worst of the numbers on stdin: "MEDIAN WORST COUNT"
stats() { sort -n | awk '{a[NR] = $1} END {if (NR) print a[int((NR + 1) / 2)], a[NR], NR; else print 0, 0, 0}'; }

echo "panel time per partial refresh (inkref sim --random 500 --stats, emulated, SPI 10 MHz):"
for p in "${panels[@]}"; do
	"$build/inkref" sim --panel "$p" --random 500 --seed 14 --stats >"$tmp/random-$p.txt"
	read -r median worst n < <(sed -n 's/^key=.* mode=partial .*panel_ms=\([0-9]*\).*/\1/p' "$tmp/random-$p.txt" | stats)
	echo "  $p: $n partials, panel ms median $median, worst $worst"
	if [ "$p" = waveshare-7in5-v2 ]; then
		verdict $((worst <= 475)) "every partial of a random 500-key session on the 7.5\" within 475 ms of panel time (worst $worst ms)"
		# The cursor move: down, down in the home menu (the second is the pure cursor move).
		"$build/inkref" sim --panel "$p" --keys down,down,down,up --stats >"$tmp/cursor.txt"
		cursor=$(sed -n '3,5s/^key=.* mode=partial .*panel_ms=\([0-9]*\).*/\1/p' "$tmp/cursor.txt" | sort -n | tail -1)
		verdict $((${cursor:-9999} <= 475)) "a cursor move on the 7.5\" within 475 ms of panel time (waveform 450 ms + 25; $cursor ms)"
	fi
done

echo
echo "instructions per whole key press, every reachable screen transition (callgrind):"
for p in "${panels[@]}"; do
	rm -rf "$tmp/cg"
	mkdir "$tmp/cg"
	# Collected inside each press only, and not inside the emulated controller's functions
	# (each toggle flips collection on entry and back on exit).
	nice -n 10 valgrind --tool=callgrind --collect-atstart=no \
		--toggle-collect=bench_measured_press --toggle-collect='emu_*' \
		--callgrind-out-file="$tmp/cg/out" "$build/bench-transitions" "$p" \
		>"$tmp/transitions.txt" 2>/dev/null
	read -r median worst n < <(cat "$tmp"/cg/out.* | sed -n 's/^totals: *\([0-9]*\).*/\1/p' | stats)
	echo "  $p: $(cat "$tmp/transitions.txt"): median $median, worst $worst"
	verdict $((worst <= 5000000)) "$p: every key press at most 5,000,000 instructions (worst $worst)"
done
