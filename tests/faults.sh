#!/usr/bin/env bash
# faults.sh: the fault suite. Each fault is injected on purpose into a running kiosk (the
# daemon, fed keys through a pipe as on a counter): a content database missing, truncated,
# locked or of another schema version; fonts missing or not fonts; no panel; a BUSY line that
# never releases; SPI failing mid-frame, once and for good; the log on a full disk; the screen
# image's folder gone. For each it checks the one log line that names the fault, the
# out-of-service screen where the panel still works, that the kiosk neither exits nor spins,
# and that it recovers once the fault is cleared. Usage: tests/faults.sh build/inkref
# For a cross build, INKREF_RUN is the emulator prefix (qemu-aarch64 ...) the program runs under.
set -u
binary=$(realpath "$1")
db="$(dirname "$binary")/content.db"
tmp=$(mktemp -d)
# shellcheck source=tests/lib.sh
. "$(dirname "$0")/lib.sh" faults
inkref=$(runner "$binary" "$tmp")
daemon=""
trap 'exec 3>&- 2>/dev/null; [ -n "$daemon" ] && kill "$daemon" 2>/dev/null; rm -rf "$tmp"' EXIT
check() { # check NAME CONDITION-COMMAND...: pass when the command succeeds, else show the log
	local name=$1
	shift
	if "$@"; then pass "$name"; else fail "$name" "$(tail -5 "$tmp/log" 2>/dev/null)"; fi
}

# start ARGS...: the kiosk on the emulated 7.5" panel, keys from the pipe on fd 3, log in
# $tmp/log, screen in $tmp/screen.png.
start() {
	rm -f "$tmp/keys" "$tmp/log" "$tmp/screen.png"
	mkfifo "$tmp/keys"
	"$inkref" run --input stdin --png "$tmp/screen.png" --idle 0 "$@" <"$tmp/keys" 2>"$tmp/log" &
	daemon=$!
	exec 3>"$tmp/keys"
}
stop() { # closes the pipe: the end of input ends the kiosk; its exit code must be 0
	exec 3>&-
	wait "$daemon"
	local code=$?
	daemon=""
	return $code
}
key() { echo "$1" >&3; }
wait_for() { # wait_for PATTERN: up to 10 s for the log to show it
	for _ in $(seq 100); do grep -qE -- "$1" "$tmp/log" && return 0; sleep 0.1; done
	return 1
}
count() { grep -cE -- "$1" "$tmp/log"; }
alive() { kill -0 "$daemon" 2>/dev/null; }
# CPU ticks the kiosk used: a kiosk waiting for a fault to clear must not spin.
ticks() { awk '{print $14 + $15}' "/proc/$daemon/stat"; }
no_spin() { # over 3 s, at most 10 ticks (0.1 s) of CPU: a busy loop would use all 300
	local before after
	before=$(ticks)
	sleep 3
	after=$(ticks)
	echo "  cpu while waiting: $((after - before)) ticks over 3 s"
	[ $((after - before)) -le 10 ]
}
# The screen the kiosk shows equals what 'render --fault' draws for that fault.
"$inkref" render --out "$tmp/oos" --fault all --panel waveshare-7in5-v2 2>/dev/null
shows_fault() { # shows_fault KIND: the published screen is the out-of-service screen of KIND
	for _ in $(seq 50); do
		cmp -s "$tmp/screen.png" "$tmp/oos/out-of-service-$1-waveshare-7in5-v2.png" && return 0
		sleep 0.1
	done
	return 1
}
"$inkref" render --out "$tmp/home" --keys up --db "$db" 2>/dev/null
shows_home() {
	for _ in $(seq 50); do cmp -s "$tmp/screen.png" "$tmp/home/waveshare-7in5-v2/001-up.png" && return 0; sleep 0.1; done
	return 1
}
# Waits for the kiosk to serve keys again: a key press retries, at most once a second.
recovers() {
	for _ in $(seq 10); do
		key up
		grep -q "back in service" "$tmp/log" && return 0
		sleep 1.1
	done
	return 1
}
# Puts a file in place the way a content update does: write beside it, then rename.
put() { cp "$1" "$2.new" && mv "$2.new" "$2"; }

# 1. The content database is missing at start: out of service, one line, no spinning, and
# back in service once a database arrives.
start --panel sim:waveshare-7in5-v2 --db "$tmp/c.db"
check content_missing_logged wait_for "out of service \(content-missing\): $tmp/c.db: cannot open"
check content_missing_screen shows_fault content-missing
key down && sleep 1.1 && key down && sleep 1.1 && key down
check content_missing_no_spin no_spin
check content_missing_logged_once [ "$(count "out of service \\(")" = 1 ]
put "$db" "$tmp/c.db"
check content_missing_recovers recovers
check content_missing_home shows_home
check content_missing_exit stop

# 2. Truncated, as by a copy cut short: damaged. SIGHUP after a good copy brings it back.
head -c 20000 "$db" >"$tmp/c.db"
start --panel sim:waveshare-7in5-v2 --db "$tmp/c.db"
check content_truncated_logged wait_for "out of service \(content-damaged\): $tmp/c.db: "
check content_truncated_screen shows_fault content-damaged
put "$db" "$tmp/c.db"
kill -HUP "$daemon"
check content_truncated_recovers_on_sighup wait_for "back in service"
check content_truncated_exit stop

# 3. Locked by a program writing it: out of service while the lock is held, then back.
cp "$db" "$tmp/c.db"
(
	echo "BEGIN EXCLUSIVE;"
	while [ ! -e "$tmp/unlock" ]; do sleep 0.1; done
	echo "COMMIT;"
) | sqlite3 "$tmp/c.db" &
locker=$!
sleep 0.5
start --panel sim:waveshare-7in5-v2 --db "$tmp/c.db"
check content_locked_logged wait_for "out of service \(content-locked\): $tmp/c.db: .*locked"
check content_locked_screen shows_fault content-locked
touch "$tmp/unlock"
wait $locker
check content_locked_recovers recovers
check content_locked_exit stop

# 4. Built for another schema version.
cp "$db" "$tmp/c.db"
sqlite3 "$tmp/c.db" "UPDATE meta SET value = '99' WHERE key = 'schema_version';"
start --panel sim:waveshare-7in5-v2 --db "$tmp/c.db"
check content_version_logged wait_for "out of service \(content-version\): $tmp/c.db: table meta: schema_version is 99"
check content_version_screen shows_fault content-version
put "$db" "$tmp/c.db"
kill -HUP "$daemon"
check content_version_recovers wait_for "back in service"
check content_version_exit stop

# 5. Fonts missing: the out-of-service screen in the built-in alphabet.
mkdir -p "$tmp/data/assets" "$tmp/data/fonts"
cp assets/logo.png "$tmp/data/assets/"
start --panel sim:waveshare-7in5-v2 --db "$db" --data "$tmp/data"
check font_missing_logged wait_for "out of service \(font\): $tmp/data/fonts/DejaVuSans.ttf: "
check font_missing_screen shows_fault font
check font_missing_no_spin no_spin
cp fonts/DejaVuSans.ttf fonts/DejaVuSans-Bold.ttf "$tmp/data/fonts/"
check font_missing_recovers recovers
check font_missing_exit stop

# 6. Fonts that are not fonts.
printf 'not a font' >"$tmp/data/fonts/DejaVuSans.ttf"
start --panel sim:waveshare-7in5-v2 --db "$db" --data "$tmp/data"
check font_corrupt_logged wait_for "out of service \(font\): $tmp/data/fonts/DejaVuSans.ttf: "
check font_corrupt_screen shows_fault font
put fonts/DejaVuSans.ttf "$tmp/data/fonts/DejaVuSans.ttf"
check font_corrupt_recovers recovers
check font_corrupt_exit stop

# 7. No panel: the SPI device is not there (SPI not enabled, HAT missing). The kiosk goes on
# with its screen image and keys, and retries the panel without logging each try.
printf '[panel]\nmodel = waveshare-7in5-v2\nspi_device = %s\n' "$tmp/no-spidev" >"$tmp/nopanel.conf"
start --config "$tmp/nopanel.conf" --db "$db"
check no_panel_logged wait_for "panel fault: .*no-spidev.*going on without the panel"
key down
check no_panel_keys_served wait_for "\[down\]"
sleep 2.5 # past the first retry
check no_panel_logged_once [ "$(count "panel fault")" = 1 ]
check no_panel_alive alive
check no_panel_exit stop

# 8. BUSY never releases (a panel that stopped answering): logged once, keys still served,
# the panel is retried and comes back.
start --panel sim:waveshare-7in5-v2 --db "$db"
key fault:busy-stuck
key down
check busy_stuck_logged wait_for "panel fault: waveshare-7in5-v2 .*BUSY did not release"
key down
key down
check busy_stuck_keys_served wait_for "\[down\].*Causes and triggers"
check busy_stuck_logged_once [ "$(count "panel fault")" = 1 ]
check busy_stuck_no_spin no_spin
key fault:none
check busy_stuck_recovers wait_for "panel answers again"
check busy_stuck_exit stop

# 9. SPI fails mid-frame: once (the driver's reset and retry cover it), then for good.
start --panel sim:waveshare-7in5-v2 --db "$db"
key fault:spi-once
key down
check spi_once_recovered_by_reset wait_for "panel fault cleared by a reset.*Input/output error"
check spi_once_panel_kept [ "$(count "going on without the panel")" = 0 ]
key fault:spi-broken
key down
check spi_broken_logged wait_for "panel fault: .*Input/output error.*going on without the panel"
key fault:none
check spi_broken_recovers wait_for "panel answers again"
check spi_exit stop

# 10. The log on a full disk: the kiosk works on, silently, and exits cleanly.
"$inkref" render --out "$tmp/keys-ref" --keys down,ok --db "$db" 2>/dev/null
printf 'down\nok\n' | "$inkref" run --panel sim:waveshare-7in5-v2 --input stdin --db "$db" \
	--png "$tmp/full.png" --idle 0 2>/dev/full
code=$?
[ $code = 0 ] && cmp -s "$tmp/full.png" "$tmp/keys-ref/waveshare-7in5-v2/002-ok.png" && pass log_disk_full_serves ||
	fail log_disk_full_serves "exit $code, or the screen is not the one after down, ok"

# 11. The screen image cannot be written (its folder is gone): one line, and one when it
# is written again.
start --panel sim:waveshare-7in5-v2 --db "$db" --png "$tmp/gone/screen.png"
key down
key down
key down
check png_unwritable_logged wait_for "gone/screen.png.tmp: .*the panel is not affected"
sleep 0.3
check png_unwritable_logged_once [ "$(count "not affected")" = 1 ]
mkdir "$tmp/gone"
key up
check png_writable_again wait_for "written again"
check png_exit stop

# 12. The keys' hardware is not there: no GPIO chip for the buttons (as on any machine but a
# Pi), a keypad path with no device behind it. Like a panel fault: the kiosk shows its screen,
# logs the fault once, retries without spinning, and a stop is still a clean exit 0.
start_keys() { # start_keys INPUT: the kiosk on the emulated panel, keys from INPUT
	rm -f "$tmp/log" "$tmp/screen.png"
	"$inkref" run --panel sim:waveshare-7in5-v2 --db "$db" --input "$1" --png "$tmp/screen.png" \
		--idle 0 </dev/null 2>"$tmp/log" &
	daemon=$!
}
stop_term() { # SIGTERM, as systemctl stop sends it: exit 0
	kill -TERM "$daemon"
	wait "$daemon"
	local code=$?
	daemon=""
	return $code
}
if ! ls /dev/gpiochip* >/dev/null 2>&1; then
	start_keys gpio
	check no_gpio_chip_logged wait_for "keys: .*no GPIO chip.*going on without them, retrying"
	check no_gpio_chip_shows_home shows_home
	check no_gpio_chip_no_spin no_spin
	sleep 3 # past the second retry
	check no_gpio_chip_alive alive
	check no_gpio_chip_logged_once [ "$(count "no GPIO chip")" = 1 ]
	check no_gpio_chip_exit stop_term
fi
start_keys "evdev:$tmp/no-keypad"
check keypad_missing_logged wait_for "keys: .*no-keypad: cannot open the input device"
check keypad_missing_shows_home shows_home
check keypad_missing_no_spin no_spin
check keypad_missing_alive alive
check keypad_missing_logged_once [ "$(count "cannot open the input device")" = 1 ]
check keypad_missing_exit stop_term

summary
