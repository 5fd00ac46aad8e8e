#!/usr/bin/env bash
# cli.sh: the command-line contract, end to end: exit codes (sysexits.h), messages that
# name the file and line, render --all and --keys output, the desktop preview fed keys
# through stdin. Usage: tests/cli.sh build/inkref
# For a cross build, INKREF_RUN is the emulator prefix every run of the program goes through
# (qemu-aarch64 ...) and INKREF_ARCH the ARCH that make install builds for; make check ARCH=...
# sets both.
set -u
build=$(realpath "$(dirname "$1")")
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
binary=$(realpath "$1")
# shellcheck source=tests/lib.sh
. "$(dirname "$0")/lib.sh" cli
inkref=$(runner "$binary" "$tmp")

# expect NAME CODE PATTERN -- command...: exit code CODE and stderr matching PATTERN.
expect() {
	local name=$1 code=$2 pattern=$3
	shift 4
	"$@" >"$tmp/out" 2>"$tmp/err"
	local got=$?
	if [ "$got" != "$code" ]; then
		fail "$name" "exit $got, wanted $code; stderr: $(head -c 300 "$tmp/err")"
	elif [ -n "$pattern" ] && ! grep -qE -- "$pattern" "$tmp/err"; then
		fail "$name" "stderr lacks /$pattern/: $(head -c 300 "$tmp/err")"
	else
		pass "$name"
	fi
}

expect bad_option 64 "inkref render: no option '--bogus'" -- "$inkref" render --bogus
# Each command takes its own options: another command's is refused, not ignored.
expect option_of_another_command 64 "inkref build-content: no option '--stats'" -- \
	"$inkref" build-content --stats --naive --out "$tmp/x.db" content
expect run_refuses_sim_options 64 "inkref run: no option '--seed'" -- "$inkref" run --seed 3
expect render_refuses_sim_options 64 "no option '--stats'" -- "$inkref" render --all --out "$tmp/x" --stats
expect option_needs_value 64 "inkref sim: --panel needs a value" -- "$inkref" sim --panel
# inkref COMMAND --help: that command's options; inkref --help: every command's.
for command in run render sim check-content build-content; do
	"$inkref" "$command" --help >"$tmp/help" 2>&1
	if [ $? = 0 ] && grep -q "^usage: inkref \(\[run\]\|$command\)" "$tmp/help" && ! grep -q "^usage:.*--help" "$tmp/help"; then
		pass "help_$command"; else fail "help_$command" "$(head -3 "$tmp/help")"; fi
done
"$inkref" --help >"$tmp/help" && grep -q "inkref sim --panel MODEL" "$tmp/help" && grep -q "inkref build-content" "$tmp/help" &&
	pass help_lists_every_command || fail help_lists_every_command "$(cat "$tmp/help")"
"$inkref" sim --help | grep -q -- "--replay" && ! "$inkref" sim --help | grep -q -- "--review" &&
	pass help_sim_is_sims || fail help_sim_is_sims "$("$inkref" sim --help)"
expect render_needs_mode 64 "exactly one of --all, --keys LIST, --fault KIND" -- "$inkref" render --out "$tmp/x"
expect unknown_panel 64 "unknown panel 'epd-9in'" -- "$inkref" render --out "$tmp/x" --all --panel epd-9in
expect unknown_key 64 "unknown key 'sideways'" -- "$inkref" render --out "$tmp/x" --keys up,sideways
expect missing_db 66 "$tmp/none.db: cannot open" -- "$inkref" render --out "$tmp/x" --all --db "$tmp/none.db"
printf 'not a database at all' >"$tmp/corrupt.db"
expect corrupt_db 65 "$tmp/corrupt.db: .*not a database" -- "$inkref" render --out "$tmp/x" --all --db "$tmp/corrupt.db"
expect check_content_corrupt 65 "corrupt.db" -- "$inkref" check-content "$tmp/corrupt.db"
# A file past 2 GiB (sparse: no disk used) is judged, not refused by stat(): a 32-bit build
# without large file support gets EOVERFLOW from stat() on it, as on any file with an inode
# number past 32 bits (XFS, btrfs, overlayfs). It is then refused for its size.
truncate -s 3G "$tmp/huge.db"
expect check_content_huge_file 65 "huge.db: the content database is 3072.0 MiB; the limit is 8 MiB" -- "$inkref" check-content "$tmp/huge.db"

# A content source with a mistake on line 6 is reported with its file and line.
mkdir -p "$tmp/content"
cp tests/fixtures/content/meta.txt tests/fixtures/content/sources.txt "$tmp/content/"
printf '@topic T\n@page P\n@sources alpha, beta\n\nText.\n| a | b\n' >"$tmp/content/01-t.txt"
expect content_syntax_error 65 "01-t.txt:6: a table row must start and end" -- \
	"$inkref" build-content --out "$tmp/c.db" "$tmp/content"
[ ! -e "$tmp/c.db" ] && pass content_error_writes_nothing || fail content_error_writes_nothing "a database was left behind"

# The linter fails on a wrong claim planted in a copy of the real content, and names the
# content file and line of the page.
cp -r content "$tmp/planted"
printf '\nThe AASM guideline recommends 300–600 mg a day.\n' >>"$tmp/planted/10-evidence.txt"
"$inkref" build-content --out "$tmp/planted.db" "$tmp/planted" 2>"$tmp/err"
expect lint_planted_claim 65 "10-evidence.txt:[0-9]+\): says \"recommends 300\"" -- "$inkref" check-content "$tmp/planted.db"
grep -q "600 mg is above the 350 mg upper limit" "$tmp/err" && pass lint_planted_dose || fail lint_planted_dose "$(cat "$tmp/err")"
expect lint_shipped_content 0 "" -- "$inkref" check-content "$build/content.db"

# render --all: every panel, both sizes, a contact sheet that links every image.
expect render_all 0 "screens; contact sheet" -- "$inkref" render --out "$tmp/all" --all
pngs=$(find "$tmp/all" -name '*.png' | wc -l)
links=$(grep -o '<img src=' "$tmp/all/index.html" | wc -l)
if [ "$pngs" -gt 300 ] && [ "$pngs" = "$links" ]; then pass render_all_contact_sheet; else
	fail render_all_contact_sheet "$pngs PNGs, $links links"; fi
for panel in waveshare-7in5-v2:800x480 waveshare-4in2-v2:400x300 waveshare-2in7-v2:264x176; do
	name=${panel%%:*} size=${panel#*:}
	f=$(find "$tmp/all/$name/large" -name 'page-*.png' | head -1)
	if [ -n "$f" ] && file "$f" | grep -q "${size/x/ x } *, 1-bit"; then pass "render_size_$name"; else
		fail "render_size_$name" "$(file "$f")"; fi
done

# Every source with a web address has a screen whose QR code a phone can read, on every
# panel: decode them all and compare with the addresses in the content.
want=$(sed -n 's/^url: *//p' content/sources.txt | sort -u)
for panel in waveshare-7in5-v2 waveshare-4in2-v2 waveshare-2in7-v2; do
	got=$(zbarimg -q --raw "$tmp/all/$panel"/normal/page-*.png 2>/dev/null | sort -u)
	if [ -n "$want" ] && [ "$got" = "$want" ]; then pass "qr_codes_scan_$panel"; else
		fail "qr_codes_scan_$panel" "decoded: $(echo "$got" | wc -l), wanted $(echo "$want" | wc -l)"; fi
done

# render --keys: the start screen and one per key.
expect render_keys 0 "" -- "$inkref" render --out "$tmp/keys" --keys down,ok,long-ok,back --panel waveshare-4in2-v2
n=$(ls "$tmp/keys/waveshare-4in2-v2" | wc -l)
[ "$n" = 5 ] && pass render_keys_count || fail render_keys_count "$n files, wanted 5"
# One panel spec for every command: render takes the forms run takes, and draws the same.
for spec in sim:waveshare-4in2-v2 png:waveshare-4in2-v2; do
	expect "render_keys_${spec%%:*}" 0 "" -- "$inkref" render --out "$tmp/keys-${spec%%:*}" --keys down,ok,long-ok,back --panel "$spec"
	if diff -r "$tmp/keys/waveshare-4in2-v2" "$tmp/keys-${spec%%:*}/waveshare-4in2-v2" >/dev/null; then
		pass "render_same_${spec%%:*}"; else fail "render_same_${spec%%:*}" "$spec draws other screens"; fi
done

# The desktop preview, fed key names on stdin, rewrites the PNG and says where it is.
printf 'down\nok\nok\nbogus\n' | "$inkref" run --panel png:waveshare-2in7-v2 --input stdin --png "$tmp/screen.png" >"$tmp/out" 2>"$tmp/err"
if [ $? = 0 ] && grep -q "\[ok\] Why iron comes first" "$tmp/err" && grep -q "unknown key 'bogus'" "$tmp/err" &&
	file "$tmp/screen.png" | grep -q "264 x 176"; then pass run_stdin; else
	fail run_stdin "$(cat "$tmp/err")"; fi

# inkref sim: the daemon's refresh path on each emulated controller.
expect sim_needs_panel 64 "inkref sim: needs --panel" -- "$inkref" sim --keys down
expect sim_unknown_panel 64 "emulated controller" -- "$inkref" sim --panel png --keys down
"$inkref" sim --panel waveshare-7in5-v2 --keys down,down,ok,back --stats --spi-log "$tmp/spi.log" >"$tmp/stats" 2>"$tmp/err"
if [ $? = 0 ] && [ "$(grep -c '^key=' "$tmp/stats")" = 5 ] && grep -q '^total ' "$tmp/stats" &&
	grep '^key=down' "$tmp/stats" | head -1 | grep -Eq 'mode=partial .*x=[0-9]+ y=[0-9]+ w=[0-9]+ h=[0-9]+ .*spi_bytes=[0-9]+ spi_ms=[0-9.]+ panel_ms=[0-9]+ render_us=[0-9]+'; then
	pass sim_stats; else fail sim_stats "$(cat "$tmp/stats" "$tmp/err")"; fi
bad=$(grep -Evc '^(R|C [0-9a-f]{2}|D( [0-9a-f]{2})+|B [0-9]+)$' "$tmp/spi.log")
if [ "$bad" = 0 ] && grep -q '^C 12$' "$tmp/spi.log" && grep -q '^C 91$' "$tmp/spi.log"; then
	pass sim_spi_log; else fail sim_spi_log "$bad malformed lines"; fi
for panel in waveshare-7in5-v2 waveshare-4in2-v2 waveshare-2in7-v2; do
	expect "sim_random_$panel" 0 "" -- "$inkref" sim --panel "$panel" --random 300 --seed 9
done
# sim --replay: the daemon's own log replays clean, gzipped too, one refresh line each, a PNG each;
# the vendor's windowed 7.5" partial is refused at its line (exit 65).
gzip -c "$tmp/spi.log" >"$tmp/spi.log.gz"
"$inkref" sim --panel waveshare-7in5-v2 --replay "$tmp/spi.log" "$tmp/spi.log.gz" --out "$tmp/replay-png" >"$tmp/replay.txt" 2>"$tmp/err"
code=$?
refreshes=$(grep -c ': refresh [0-9]*: mode=' "$tmp/replay.txt")
if [ $code = 0 ] && [ "$refreshes" -ge 2 ] && [ -f "$tmp/replay-png/$(printf %03d "$refreshes").png" ] &&
	! grep -q ": refused:" "$tmp/replay.txt"; then
	pass sim_replay_own_log; else fail sim_replay_own_log "exit $code: $(cat "$tmp/replay.txt" "$tmp/err" | head -5)"; fi
streams=$(dirname "$0")/fixtures/panel-streams/7in5
"$inkref" sim --panel waveshare-7in5-v2 --replay "$streams"/0[12]_*.log.gz >"$tmp/replay.txt" 2>"$tmp/err"
code=$?
if [ $code = 65 ] && grep -q '02_part1.log.gz:17: refused: DTM2 data past the end of the 0x90 window' "$tmp/replay.txt"; then
	pass sim_replay_refused; else fail sim_replay_refused "exit $code: $(head -5 "$tmp/replay.txt")"; fi
expect sim_replay_missing 66 "no-such.log" -- "$inkref" sim --panel waveshare-7in5-v2 --replay "$tmp/no-such.log"
printf 'down\nok\nidle\ndown\nok\n' | "$inkref" run --panel sim:waveshare-4in2-v2 --input stdin --png "$tmp/sim.png" 2>"$tmp/err"
[ $? = 0 ] && ! grep -q fault "$tmp/err" && pass run_on_emulated_panel || fail run_on_emulated_panel "$(cat "$tmp/err")"

# inkref alone is the kiosk ('run'); without a configuration file it has no panel, takes keys
# from standard input here, and writes no screen image anywhere it was not asked to.
if [ ! -e /etc/inkref/inkref.conf ]; then
	mkdir -p "$tmp/empty"
	(cd "$tmp/empty" && printf 'down\n' | "$inkref" >"$tmp/out" 2>"$tmp/err")
	code=$?
	if [ $code = 0 ] && grep -q "^inkref: ready: " "$tmp/err" && [ -z "$(ls -A "$tmp/empty")" ]; then
		pass no_arguments_runs_the_kiosk_writes_nothing
	else
		fail no_arguments_runs_the_kiosk_writes_nothing "exit $code, files: $(ls "$tmp/empty"), $(head -c 300 "$tmp/err")"
	fi
fi

# The configuration: the shipped example loads; a bad line stops start-up with its line.
expect config_example_loads 0 "ready: content" -- "$inkref" run --config systemd/inkref.conf --panel png --input stdin --png "$tmp/c.png"
printf '[panel]\nmodel = png\n\n[keys]\nlong_press_ms = soon\n' >"$tmp/bad.conf"
expect config_bad_value 78 "bad.conf:5: long_press_ms takes a whole number" -- "$inkref" run --config "$tmp/bad.conf" --input stdin
printf '[panel]\nmodel = png\n[kiosk]\nidle = 5\n' >"$tmp/bad2.conf"
expect config_unknown_option 78 "bad2.conf:4: unknown option 'idle' in section \\[kiosk\\]" -- "$inkref" run --config "$tmp/bad2.conf" --input stdin
expect config_missing 66 "none.conf" -- "$inkref" run --config "$tmp/none.conf" --input stdin
# The first bad line is the one named, with its own message; a line too long for the parser is
# named rather than read as two.
printf '[panel]\nnot an ini line\nbogus = 1\n' >"$tmp/bad3.conf"
expect config_first_error 78 "bad3.conf:2: not an INI line" -- "$inkref" run --config "$tmp/bad3.conf" --input stdin
printf '[panel]\n; %0300d\nbogus = 1\n' 0 >"$tmp/bad4.conf"
expect config_long_line 78 "bad4.conf:2: the line is longer than" -- "$inkref" run --config "$tmp/bad4.conf" --input stdin
# Values only their module can judge (the panel, the input) are named at their line too, with
# exit 78, and the first mistake in the file is the one named.
printf '[panel]\nmodel = epd-9in\n' >"$tmp/bad5.conf"
expect config_unknown_panel 78 "bad5.conf:2: unknown panel 'epd-9in'" -- "$inkref" run --config "$tmp/bad5.conf" --input stdin
printf '[panel]\nmodel = png\n[keys]\ninput = bogus\n' >"$tmp/bad6.conf"
expect config_unknown_input 78 "bad6.conf:4: unknown input 'bogus'" -- "$inkref" run --config "$tmp/bad6.conf"
printf '[panel]\nmodel = epd-9in\n[keys]\nlong_press_ms = soon\n' >"$tmp/bad7.conf"
expect config_errors_in_file_order 78 "bad7.conf:2: unknown panel" -- "$inkref" run --config "$tmp/bad7.conf" --input stdin

# The daemon on the emulated panel, fed through a pipe that stays open, as a kiosk runs.
db="$build/content.db"
cp "$db" "$tmp/live.db"
mkfifo "$tmp/keypipe"
"$inkref" run --panel sim:waveshare-7in5-v2 --input stdin --db "$tmp/live.db" --png "$tmp/live.png" \
	--idle 1 <"$tmp/keypipe" 2>"$tmp/daemon.log" &
daemon=$!
exec 3>"$tmp/keypipe"
wait_for() { # wait_for PATTERN: up to 20 s (an emulated start is slow) for the log to show it
	for _ in $(seq 200); do grep -q "$1" "$tmp/daemon.log" && return 0; sleep 0.1; done
	return 1
}
echo down >&3
wait_for "\[down\]" && pass daemon_serves_keys || fail daemon_serves_keys "$(cat "$tmp/daemon.log")"
# Idle: after the 1 s timeout fires (home, panel asleep) nothing wakes it for 5 s.
# Under qemu-user (INKREF_RUN), $daemon is the emulator, whose main thread runs the program's
# only thread: a wake-up of the program is a context switch of that thread, so the count holds.
# Its VmRSS below is the emulator's, which holds the program's heap: a leak still shows, on
# top of the emulator's translated code, which stops growing once every path has run.
wait_for "\[idle\]" && sleep 0.5
switches() { awk '/ctxt_switches/ {n += $2} END {print n}' "/proc/$daemon/status"; }
before=$(switches); sleep 5; after=$(switches)
[ "$before" = "$after" ] && pass idle_no_wakeups || fail idle_no_wakeups "$before -> $after context switches in 5 s"
echo "idle: $before -> $after context switches over 5 s"
# SIGHUP with a corrupt database dropped in by rename: the old content stays.
printf 'not a database' >"$tmp/new.db" && mv "$tmp/new.db" "$tmp/live.db"
kill -HUP $daemon
wait_for "SIGHUP: keeping the content on screen" && kill -0 $daemon && pass sighup_corrupt_keeps_content ||
	fail sighup_corrupt_keeps_content "$(cat "$tmp/daemon.log")"
echo ok >&3
wait_for "\[ok\]" && pass daemon_serves_after_bad_reload || fail daemon_serves_after_bad_reload "$(tail -3 "$tmp/daemon.log")"
# And with a good one.
cp "$db" "$tmp/new.db" && mv "$tmp/new.db" "$tmp/live.db"
kill -HUP $daemon
wait_for "SIGHUP: content " && pass sighup_good_reloads || fail sighup_good_reloads "$(cat "$tmp/daemon.log")"
# A long session: memory stays flat. The daemon logs a line for each key it has read; each
# sample waits until it has read all the keys sent (an emulated run is much slower).
keys_read() { grep -c '^\[' "$tmp/daemon.log"; }
wait_keys() { # wait_keys N: up to 120 s for the daemon to have read N keys
	for _ in $(seq 1200); do [ "$(keys_read)" -ge "$1" ] && return 0; sleep 0.1; done
	fail daemon_reads_keys "read $(keys_read) keys, wanted $1"
}
rss() { awk '/VmRSS/ {print $2}' "/proc/$daemon/status"; }
start=$(keys_read)
for i in $(seq 500); do printf 'down\nok\nok\nback\nlong-ok\nup\nback\nlong-back\n'; done >&3
wait_keys $((start + 4000)); rss1=$(rss)
for i in $(seq 1000); do printf 'down\nok\nok\nback\nlong-ok\nup\nback\nlong-back\n'; done >&3
wait_keys $((start + 12000)); rss2=$(rss)
echo "memory: VmRSS $rss1 KiB after 4,000 keys, $rss2 KiB after 12,000"
if [ -n "${INKREF_SANITIZED:-}" ]; then
	echo "skip cli.daemon_memory_flat: AddressSanitizer holds freed memory in quarantine"
elif [ $((rss2 - rss1)) -le 256 ]; then pass daemon_memory_flat; else
	fail daemon_memory_flat "$rss1 -> $rss2 KiB"; fi
# SIGTERM: finish, panel to deep sleep, exit 0.
kill -TERM $daemon
wait $daemon; code=$?
[ $code = 0 ] && grep -q "stopping: panel to deep sleep" "$tmp/daemon.log" && pass sigterm_exits_cleanly ||
	fail sigterm_exits_cleanly "exit $code"
exec 3>&-

# A soak through the daemon on the rotated 2.7" panel (make bench runs 100,000 keys on the
# 7.5"): random keys through a pipe, the glass equal to the framebuffer after every refresh,
# memory flat within 64 KiB from key 1,000 to the last.
INKREF_SOAK_NO_MEMORY="${INKREF_SANITIZED:-}" INKREF_SOAK_BINARY="$inkref" bench/soak.sh "$build" 10000 3 \
	waveshare-2in7-v2 >"$tmp/soak" 2>&1 && pass daemon_soak || fail daemon_soak "$(tail -4 "$tmp/soak")"
grep "^VmRSS:" "$tmp/soak" || true

# make install into a staging root, then make uninstall leaves nothing behind. It installs
# the binary under test: the same architecture, the same sanitizers.
make_build=(${INKREF_ARCH:+ARCH=$INKREF_ARCH} ${INKREF_SANITIZED:+SANITIZE=1})
make -s install "${make_build[@]}" DESTDIR="$tmp/root" PREFIX=/usr SYSCONFDIR=/etc >/dev/null 2>&1
if [ -x "$tmp/root/usr/bin/inkref" ] && [ -f "$tmp/root/usr/share/inkref/content.db" ] &&
	[ -f "$tmp/root/usr/lib/systemd/system/inkref.service" ] && [ -f "$tmp/root/etc/inkref/inkref.conf" ] &&
	[ -f "$tmp/root/usr/share/man/man8/inkref.8" ] && cmp -s "$tmp/root/usr/bin/inkref" "$binary"; then pass make_install; else fail make_install "$(find "$tmp/root" | head)"; fi
# The install order the README gives, make and then make install PREFIX=/usr: the program
# installed must look for its data where install put it, not under the default /usr/local.
if grep -aq "/usr/share/inkref" "$tmp/root/usr/bin/inkref" &&
	! grep -aq "/usr/local/share/inkref" "$tmp/root/usr/bin/inkref"; then
	pass make_install_rebuilds_for_prefix
else
	fail make_install_rebuilds_for_prefix "the installed program looks for its data elsewhere"
fi
# An uninstall with another PREFIX than the install's removes nothing, and says why.
make -s uninstall "${make_build[@]}" DESTDIR="$tmp/root" PREFIX=/usr/local SYSCONFDIR=/etc >/dev/null 2>"$tmp/err"
if [ $? != 0 ] && grep -q "nothing is installed" "$tmp/err" && [ -f "$tmp/root/etc/inkref/inkref.conf" ] &&
	[ -x "$tmp/root/usr/bin/inkref" ]; then
	pass make_uninstall_other_prefix_removes_nothing
else
	fail make_uninstall_other_prefix_removes_nothing "$(cat "$tmp/err")"
fi
make -s uninstall "${make_build[@]}" DESTDIR="$tmp/root" PREFIX=/usr SYSCONFDIR=/etc >/dev/null 2>&1
left=$(find "$tmp/root" | wc -l)
[ "$left" = 1 ] && pass make_uninstall || fail make_uninstall "$((left - 1)) files and folders left: $(find "$tmp/root" | head -5)"
# Uninstall removes what install put there and no more: a file of someone else's in the data
# folder stays, and so does a configuration that was changed.
mkdir -p "$tmp/root/usr/share/inkref" "$tmp/root/etc/inkref"
echo mine >"$tmp/root/usr/share/inkref/mine.db"
make -s install "${make_build[@]}" DESTDIR="$tmp/root" PREFIX=/usr SYSCONFDIR=/etc >/dev/null 2>&1
echo "idle_timeout_s = 60" >>"$tmp/root/etc/inkref/inkref.conf"
make -s uninstall "${make_build[@]}" DESTDIR="$tmp/root" PREFIX=/usr SYSCONFDIR=/etc >"$tmp/out" 2>&1
left=$(cd "$tmp/root" && find . -type f | sort | tr '\n' ' ')
if [ "$left" = "./etc/inkref/inkref.conf ./usr/share/inkref/mine.db " ] && grep -q "keeping the changed" "$tmp/out"; then
	pass make_uninstall_keeps_others_and_changed_config
else
	fail make_uninstall_keeps_others_and_changed_config "left: $left"
fi

# tools/reading-level: one line per content page, with its grade; --max fails above it.
tools/reading-level content >"$tmp/grades" 2>"$tmp/err"
code=$?
lines=$(grep -c '  [0-9][0-9]-[a-z-]*\.txt:[0-9]*  ' "$tmp/grades")
if [ $code = 0 ] && [ "$lines" -gt 40 ] && grep -q "^highest grade" "$tmp/grades"; then
	pass reading_level_every_page
else
	fail reading_level_every_page "exit $code, $lines page lines: $(cat "$tmp/err")"
fi
tools/reading-level --max 1 content >/dev/null 2>&1
code=$?
if [ $code = 1 ]; then pass reading_level_max_fails_above; else
	fail reading_level_max_fails_above "exit $code, wanted 1"; fi

summary
