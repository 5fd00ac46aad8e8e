#!/usr/bin/env bash
# soak.sh: random keys through the kiosk's own event loop (inkref run) on an emulated panel,
# fed through a pipe that stays open as a kiosk's input does, with the shipped configuration.
# On an emulated panel the daemon compares the glass with the framebuffer after every refresh
# and exits non-zero on any mismatch. The daemon's memory (VmRSS, VmHWM, RssAnon from
# /proc) is sampled at 1,000 keys, at every tenth of the run and at the end.
# Passes when no sample of any of the three is more than 64 KiB above its value at 1,000
# keys, the daemon exits 0 and no frame mismatched. Prints one report; exits 1 on a failure.
# usage: bench/soak.sh BUILD_DIR [KEYS [SEED [PANEL]]]
#        INKREF_SOAK_NO_MEMORY=1: no memory verdict (AddressSanitizer keeps freed memory)
set -euo pipefail
build=${1:-build}
keys=${2:-100000}
seed=${3:-1}
panel=${4:-waveshare-7in5-v2}
limit_kib=64
root=$(cd "$(dirname "$0")/.." && pwd)
# INKREF_SOAK_BINARY: the program to run, when it is not $build/inkref itself (a wrapper
# that runs a cross build under qemu).
inkref=${INKREF_SOAK_BINARY:-$(realpath "$build/inkref")}
tmp=$(mktemp -d)
daemon=""
cleanup() {
	[ -z "$daemon" ] || kill "$daemon" 2>/dev/null || true
	rm -rf "$tmp"
}
trap cleanup EXIT

if [ "$keys" -lt 2000 ]; then
	echo "soak.sh: at least 2000 keys, so that there is a run after the first 1000" >&2
	exit 64
fi

# Key names from a seeded Park-Miller generator: the same keys on every machine and every
# awk (its products stay below 2^53, exact in awk's doubles).
awk -v n="$keys" -v seed="$seed" 'BEGIN {
	split("up down ok back long-ok long-back", name, " ")
	s = seed % 2147483646 + 1
	for (i = 0; i < n; i++) {
		s = (s * 16807) % 2147483647
		print name[s % 6 + 1]
	}
}' >"$tmp/keys.txt"

mkfifo "$tmp/pipe"
"$inkref" run --config "$root/systemd/inkref.conf" --panel "sim:$panel" --input stdin \
	--db "$(realpath "$build/content.db")" --idle 0 <"$tmp/pipe" 2>"$tmp/log" &
daemon=$!
exec 3>"$tmp/pipe"

now() { date +%s.%N; }
# cpu_ticks: the daemon's user + system time in clock ticks.
cpu_ticks() { awk '{sub(/^.*\) /, ""); print $12 + $13}' "/proc/$daemon/stat"; }
field() { awk -v f="$1:" '$1 == f {print $2}' "/proc/$daemon/status"; }
# wait_keys N: until the daemon has answered N keys (one "[key] ..." line each).
wait_keys() {
	while [ "$(grep -c '^\[' "$tmp/log")" -lt "$1" ]; do
		if ! kill -0 "$daemon" 2>/dev/null; then
			echo "soak.sh: the daemon stopped early:" >&2
			tail -5 "$tmp/log" >&2
			exit 1
		fi
		sleep 0.02
	done
}

until grep -q "ready:" "$tmp/log"; do
	kill -0 "$daemon" 2>/dev/null || { cat "$tmp/log" >&2; exit 1; }
	sleep 0.02
done

checkpoints="1000 $(seq $((keys / 10)) $((keys / 10)) "$keys" | awk '$1 > 1000') $keys"
checkpoints=$(echo "$checkpoints" | tr ' ' '\n' | sort -nu)
echo "soak: $keys random keys (seed $seed) through inkref run on the emulated $panel"
printf '%8s %10s %10s %12s\n' keys "VmRSS KiB" "VmHWM KiB" "RssAnon KiB"
sent=0
start=$(now)
cpu_start=$(cpu_ticks)
: >"$tmp/samples"
for at in $checkpoints; do
	sed -n "$((sent + 1)),${at}p" "$tmp/keys.txt" >&3
	sent=$at
	wait_keys "$at"
	read -r rss hwm anon <<<"$(field VmRSS) $(field VmHWM) $(field RssAnon)"
	echo "$at $rss $hwm $anon" >>"$tmp/samples"
	printf '%8d %10d %10d %12d\n' "$at" "$rss" "$hwm" "$anon"
done
end=$(now)
cpu_end=$(cpu_ticks)
exec 3>&- # the end of the script: the daemon stops as it does on SIGTERM
status=0
wait "$daemon" || status=$?
daemon=""

mismatches=$(grep -c "differs from the framebuffer" "$tmp/log" || true)
frames=$(sed -n 's/.*glass compared with the framebuffer after \([0-9]*\) frames.*/\1/p' "$tmp/log")
refused=$(grep -c "refused the command stream" "$tmp/log" || true)
awk -v keys="$keys" -v start="$start" -v end="$end" -v ticks=$((cpu_end - cpu_start)) \
	-v hz="$(getconf CLK_TCK)" -v limit="$limit_kib" -v no_memory="${INKREF_SOAK_NO_MEMORY:-}" \
	-v frames="${frames:-0}" -v mismatches="$mismatches" -v refused="$refused" \
	-v status="$status" '
	NR == 1 { for (i = 2; i <= 4; i++) first[i] = last[i] = $i }
	NR > 1 { for (i = 2; i <= 4; i++) { last[i] = $i; if ($i - first[i] > most[i]) most[i] = $i - first[i] } }
	END {
		split("- VmRSS VmHWM RssAnon", label, " ")
		seconds = end - start
		printf "time: %.1f s for %d keys, %.0f keys/s; daemon CPU %.2f ms per key\n",
			seconds, keys, keys / seconds, ticks / hz * 1000 / keys
		growth = 0
		for (i = 2; i <= 4; i++) {
			printf "%s: %d KiB at 1000 keys, %d KiB at %d keys: %+d KiB (largest rise %+d KiB)\n",
				label[i], first[i], last[i], keys, last[i] - first[i], most[i]
			if (most[i] > growth) growth = most[i]
		}
		printf "glass: compared with the framebuffer after %d frames, %d mismatches, %d refused commands; daemon exit %d\n",
			frames, mismatches, refused, status
		ok = 1
		if (no_memory != "")
			print "skip memory flat (INKREF_SOAK_NO_MEMORY)"
		else if (growth <= limit)
			printf "PASS memory flat within %d KiB from 1000 keys to %d (largest rise %+d KiB)\n", limit, keys, growth
		else {
			printf "FAIL memory flat within %d KiB from 1000 keys to %d (largest rise %+d KiB)\n", limit, keys, growth
			ok = 0
		}
		if (status == 0 && frames > 0 && mismatches == 0 && refused == 0)
			printf "PASS the emulated glass equal to the framebuffer after all %d refreshes\n", frames
		else {
			printf "FAIL the emulated glass equal to the framebuffer after every refresh\n"
			ok = 0
		}
		exit ok ? 0 : 1
	}' "$tmp/samples"
