#!/bin/bash
# vm/inside.sh: the checks made inside the virtual machine (tests/vm/run.sh), on the packages
# as apt installed them, under the systemd that will run them on a kiosk. Each check prints
# "ok vm.NAME" or "FAIL vm.NAME: why" on the serial console, then a summary line; figures for
# the report are printed as "vm-info: ...". The machine powers off when this ends.
set -u
export LC_ALL=C SYSTEMD_PAGER= SYSTEMD_COLORS=0
passed=0
failed=0
work=/var/tmp/vm
screen=/var/lib/inkref/screen.png
dropin=/etc/systemd/system/inkref.service.d
pass() {
	passed=$((passed + 1))
	echo "ok   vm.$1"
}
fail() {
	failed=$((failed + 1))
	echo "FAIL vm.$1: $2"
}
info() { echo "vm-info: $*"; }
prop() { systemctl show -P "$1" inkref; }
# The service's journal lines since the cursor mark() last saved, at PRIORITY (a range).
mark() { cursor=$(journalctl -u inkref -n 0 --show-cursor -q | sed -n 's/^-- cursor: //p'); }
lines_since() { journalctl -u inkref -q -o cat --no-pager ${cursor:+--after-cursor="$cursor"} "$@"; }
# wait_for SECONDS command...: polls until the command succeeds.
wait_for() {
	local limit=$(($(date +%s) + $1))
	shift
	until "$@"; do
		[ "$(date +%s)" -lt "$limit" ] || return 1
		sleep 0.5
	done
}
logged() { lines_since "${@:2}" | grep -q -- "$1"; }
# A line since the mark at priority err. (journalctl -p with --after-cursor finds nothing when
# the cursor's own entry has another priority: the priority is read from each entry instead.)
logged_err() { lines_since -o json | grep '"PRIORITY":"3"' | grep -q -- "$1"; }
active_running() { [ "$(prop ActiveState)/$(prop SubState)" = active/running ]; }
sum() { md5sum "$screen" 2>/dev/null | cut -d' ' -f1; }

# The keypad: a coprocess that answers each command once it has happened.
keypad() {
	local reply
	echo "$*" >&"${KP[1]}"
	read -r -t 30 reply <&"${KP[0]}" || reply="no answer"
	[ "$reply" = done ] || echo "note vm.keypad: '$*': $reply"
}
# press ARGS...: a keypad command, then waits for the screen it brings: the PNG changes, then
# stays the same for a second and a half (auto-repeat draws several screens).
press() {
	local before now last
	before=$(sum)
	keypad "$@"
	wait_for 30 sh -c "[ \"\$(md5sum $screen 2>/dev/null | cut -d' ' -f1)\" != '$before' ]" ||
		return 1
	last=$(sum)
	while sleep 1.5; now=$(sum); [ "$now" != "$last" ]; do last=$now; done
}

modprobe uinput
mkdir -p "$work/screens"
info "kernel $(uname -r), $(systemctl --version | head -1)"

# 1. The shipped configuration on a machine with no panel and no GPIO chip at all: the kiosk
# must keep running, not exit (it used to exit 78, and systemd gave up after five restarts).
wait_for 60 sh -c '[ "$(systemctl show -P ActiveState inkref)" != activating ]'
sleep 5
if active_running && [ "$(prop NRestarts)" = 0 ]; then
	pass shipped-config-no-panel-no-gpio-chip
else
	fail shipped-config-no-panel-no-gpio-chip \
		"$(prop ActiveState)/$(prop SubState), $(prop NRestarts) restarts: $(journalctl -u inkref -q -o cat | tail -3 | tr '\n' '|')"
fi
if journalctl -u inkref -q -o cat | grep -q "no GPIO chip"; then
	if [ "$(journalctl -u inkref -q -o cat -b | grep -c "no GPIO chip")" = 1 ]; then
		pass gpio-fault-logged-once
	else
		fail gpio-fault-logged-once "$(journalctl -u inkref -q -o cat | grep -c "no GPIO chip") lines"
	fi
else
	fail gpio-fault-logged-once "no line names the missing GPIO chip"
fi

# The emulated 7.5" panel and the virtual keypad, by a drop-in; the screen PNG in the state
# folder, the one place the shipped unit lets the service write; a short watchdog and restart
# delay so the watchdog test is quick.
coproc KP { /usr/local/bin/inkref-vm-keypad; }
read -r -t 20 reply <&"${KP[0]}" || reply="no answer"
[ "$reply" = ready ] || fail keypad "the uinput keypad did not start: $reply"
wait_for 20 test -e /dev/input/inkref-keypad || fail keypad "udev made no /dev/input/inkref-keypad"
mkdir -p "$dropin"
cat >"$dropin/vm.conf" <<EOF
[Service]
ExecStart=
ExecStart=/usr/bin/inkref run --config /etc/inkref/inkref.conf --panel sim:waveshare-7in5-v2 --input evdev:/dev/input/inkref-keypad --png $screen
WatchdogSec=10
RestartSec=1
EOF
systemctl daemon-reload
systemctl reset-failed inkref

# 2. READY only once the first frame is drawn: "systemctl restart" returns when systemd has
# READY=1, and by then the first screen must exist.
mark
systemctl restart inkref
if active_running && [ -s "$screen" ] && logged "^ready: " -p info; then
	pass ready-after-first-frame
else
	fail ready-after-first-frame "$(prop ActiveState)/$(prop SubState), screen $(ls -l $screen 2>&1)"
fi
cp "$screen" "$work/screens/000-start.png"

# 3. The keypad, through the kernel's input layer: short presses, two long presses of OK
# (large text on, then off), Down held for auto-repeat to the end of the menu.
steps="down down ok back long-ok long-ok"
n=0
for step in $steps; do
	n=$((n + 1))
	case $step in
	long-ok) press hold ok 1500 ;;
	*) press tap "$step" ;;
	esac || fail "keypad-$n-$step" "the screen did not change"
	cp "$screen" "$(printf "%s/screens/%03d-%s.png" "$work" "$n" "$step")"
done
# Held for 4 s: the first repeat after 0.5 s, then one every 0.15 s, enough to reach the last
# of the home menu's entries; the reference presses Down more often than can matter.
press hold down 4000 || fail keypad-repeat "the screen did not change"
cp "$screen" "$work/screens/repeat.png"
refs=$work/ref
rm -rf "$refs"
inkref render --out "$refs" --panel waveshare-7in5-v2 \
	--keys "$(echo $steps | tr ' ' ,),down,down,down,down,down,down,down,down,down,down,down,down" \
	>/dev/null 2>&1 || fail screens "inkref render --keys failed"
mismatch=""
for f in "$work"/screens/0*.png; do
	cmp -s "$f" "$refs/waveshare-7in5-v2/$(basename "$f")" || mismatch="$mismatch $(basename "$f")"
done
last_ref=$(ls "$refs"/waveshare-7in5-v2/*.png | tail -1)
cmp -s "$work/screens/repeat.png" "$last_ref" || mismatch="$mismatch repeat.png"
# Without auto-repeat the hold is a single Down: that screen must differ from the last one, or
# the comparison proves nothing.
if cmp -s "$refs/waveshare-7in5-v2/007-down.png" "$last_ref"; then
	mismatch="$mismatch (one Down already shows the last entry)"
fi
if [ -z "$mismatch" ]; then
	pass screens-match-render-keys
else
	fail screens-match-render-keys "differ:$mismatch"
fi

# 4. Reload: a new database by rename, then SIGHUP by systemctl reload, swaps the content; a
# corrupt one keeps the old content on screen and says why, at priority err.
db=/usr/share/inkref/content.db
mark
cp "$work/other.db" "$db.new" && mv "$db.new" "$db"
systemctl reload inkref
if wait_for 30 logged "content vm-reload-test" -p info; then
	pass reload-swaps-content
else
	fail reload-swaps-content "no 'content vm-reload-test' line: $(lines_since | tail -2 | tr '\n' '|')"
fi
mark
cp "$screen" "$work/screens/last.png"
head -c 8192 /dev/urandom >"$db.new" && mv "$db.new" "$db"
systemctl reload inkref
if ! wait_for 30 logged_err "keeping the content on screen"; then
	fail reload-corrupt-keeps-content "no such line at priority err: $(lines_since -o short-monotonic | tail -2 | tr '\n' '|')"
elif ! wait_for 10 active_running; then
	fail reload-corrupt-keeps-content "$(prop ActiveState)/$(prop SubState) after the reload"
elif ! cmp -s "$screen" "$work/screens/last.png"; then
	fail reload-corrupt-keeps-content "the screen changed"
else
	pass reload-corrupt-keeps-content
fi
cp "$work/other.db" "$db.new" && mv "$db.new" "$db"

# 5. A hung daemon (SIGSTOP) stops pinging: systemd's watchdog kills and restarts it.
pid=$(prop MainPID)
restarts=$(prop NRestarts)
kill -STOP "$pid"
if wait_for 60 sh -c "[ \"\$(systemctl show -P NRestarts inkref)\" -gt $restarts ]" &&
	wait_for 30 active_running && [ "$(prop MainPID)" != "$pid" ] &&
	journalctl -u inkref -q -o cat | grep -q "Watchdog timeout"; then
	pass watchdog-restarts-a-stopped-daemon
else
	fail watchdog-restarts-a-stopped-daemon "pid $pid -> $(prop MainPID), restarts $restarts -> $(prop NRestarts), $(prop ActiveState)"
fi

# 6. The keypad unplugged and plugged in again: the kiosk keeps showing its screen, says so
# once, and takes keys again from the new device.
wait_for 30 active_running
mark
keypad unplug
sleep 8
if active_running && [ "$(lines_since | grep -ci "unplugged\|keypad")" -ge 1 ]; then
	pass keypad-unplugged-survived
else
	fail keypad-unplugged-survived "$(prop ActiveState)/$(prop SubState): $(lines_since | tail -2 | tr '\n' '|')"
fi
keypad plug
wait_for 20 test -e /dev/input/inkref-keypad
sleep 6 # the next retry of the back-off
if press tap down; then
	pass keypad-plugged-again-works
else
	fail keypad-plugged-again-works "no screen after a key on the new keypad: $(lines_since | tail -2 | tr '\n' '|')"
fi

# 7. No GPIO chip for the buttons, on the emulated panel: kept running, logged once.
sed -i 's|--input evdev:[^ ]*|--input gpio|' "$dropin/vm.conf"
systemctl daemon-reload
mark
systemctl restart inkref
sleep 15
if active_running && [ "$(lines_since | grep -c "no GPIO chip")" = 1 ]; then
	pass no-gpio-chip-survived-logged-once
else
	fail no-gpio-chip-survived-logged-once "$(prop ActiveState)/$(prop SubState), $(lines_since | grep -c "no GPIO chip") lines: $(lines_since | tail -2 | tr '\n' '|')"
fi

# 8. The journal keeps each line's priority: faults at err or warning, the rest at info.
errs=$(journalctl -u inkref -q -o cat -p err..err)
infos=$(journalctl -u inkref -q -o cat -p info..info)
if grep -q "keeping the content on screen" <<<"$errs" && grep -q "^panel fault: " <<<"$errs" &&
	grep -q "^keys: .*no GPIO chip" <<<"$errs" && grep -q "^keys: the keypad was unplugged" <<<"$errs" &&
	grep -q "^ready: " <<<"$infos" && grep -q "^keys from evdev:.* again" <<<"$infos" &&
	! grep -q "keeping the content\|^keys: \|fault" <<<"$infos"; then
	pass journal-priorities
else
	fail journal-priorities "$(journalctl -u inkref -q -o short-monotonic | tail -4 | tr '\n' '|')"
fi

# 9. The sandbox as systemd scores it on the running system.
line=$(systemd-analyze security inkref 2>/dev/null | grep "Overall exposure level")
info "$line"
score=$(echo "$line" | sed -n 's/.*: \([0-9.]*\) .*/\1/p')
if [ -n "$score" ] && awk -v s="$score" 'BEGIN { exit !(s <= 1.0) }'; then
	pass security-exposure-at-most-1.0
else
	fail security-exposure-at-most-1.0 "$line"
fi

# 10. Stop: the panel goes to deep sleep and the process exits 0.
mark
systemctl stop inkref
if [ "$(prop ExecMainStatus)" = 0 ] && [ "$(prop Result)" = success ] &&
	logged "panel to deep sleep"; then
	pass stop-sleeps-panel-exits-0
else
	fail stop-sleeps-panel-exits-0 "status $(prop ExecMainStatus), result $(prop Result)"
fi

info "guest uptime $(cut -d' ' -f1 /proc/uptime) s"
echo "$passed passed, $failed failed"
