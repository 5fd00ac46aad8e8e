#!/usr/bin/env bash
# same-output.sh: a cross build behaves exactly as the native build of the same source. Char
# signedness, 32-bit long and size_t, alignment and the C library's differences must not
# show: the content compiler writes the same database bytes, every screen on every panel
# renders to the same image, and a seeded random session on each emulated controller sends
# the same bytes over SPI and plans the same refreshes. The seed is above 2^32, where a long
# of 32 bits would cut it. Usage: INKREF_RUN="qemu-aarch64 ..." tests/same-output.sh build build-arm64
set -uo pipefail
native=$(realpath "$1")
cross=$(realpath "$2")
run=${INKREF_RUN:?the emulator prefix that runs the cross build}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
# shellcheck source=tests/lib.sh
. "$(dirname "$0")/lib.sh" same

# side NAME ARGS...: runs inkref ARGS natively and emulated, in $tmp/native and $tmp/cross,
# where each run's relative output paths land.
side() {
	local name=$1
	shift
	mkdir -p "$tmp/native/$name" "$tmp/cross/$name"
	(cd "$tmp/native/$name" && "$native/inkref" "$@" >stdout 2>stderr) || fail "$name" "native run failed: $(cat "$tmp/native/$name/stderr")"
	# shellcheck disable=SC2086
	(cd "$tmp/cross/$name" && $run "$cross/inkref" "$@" >stdout 2>stderr) || fail "$name" "emulated run failed: $(cat "$tmp/cross/$name/stderr")"
}

if cmp -s "$native/content.db" "$cross/content.db"; then pass content_db_bytes; else
	fail content_db_bytes "$cross/content.db differs from $native/content.db"; fi

side render_all render --out screens --all --today 2026-12-01 --db "$native/content.db"
count=$(find "$tmp/native/render_all/screens" -name '*.png' | wc -l)
if [ "$count" -gt 300 ] && diff -r "$tmp/native/render_all/screens" "$tmp/cross/render_all/screens" >"$tmp/diff"; then
	pass "render_all_identical"
	echo "  $count screens, byte for byte"
else
	fail render_all_identical "$count screens; $(head -5 "$tmp/diff")"
fi

for panel in waveshare-7in5-v2 waveshare-4in2-v2 waveshare-2in7-v2; do
	side "sim_$panel" sim --panel "$panel" --random 300 --seed 4294967311 --stats --spi-log spi.log \
		--db "$native/content.db"
	# The plan and the bytes per key, without the two fields that are measured times.
	for side_dir in native cross; do
		sed -E 's/ (render_us|diff_us)=[0-9.]+//g' "$tmp/$side_dir/sim_$panel/stdout" >"$tmp/$side_dir/sim_$panel/plan"
	done
	keys=$(grep -c '^key=' "$tmp/native/sim_$panel/plan")
	if [ "$keys" = 301 ] && cmp -s "$tmp/native/sim_$panel/plan" "$tmp/cross/sim_$panel/plan" &&
		cmp -s "$tmp/native/sim_$panel/spi.log" "$tmp/cross/sim_$panel/spi.log"; then
		pass "sim_$panel"
	else
		fail "sim_$panel" "$keys steps; $(diff "$tmp/native/sim_$panel/plan" "$tmp/cross/sim_$panel/plan" | head -4)"
	fi
done

summary
