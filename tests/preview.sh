#!/usr/bin/env bash
# preview.sh: the desktop preview window, on a display server of its own (Xvfb). It opens;
# a scripted click on its Down button and a key press each change it; and once each refresh
# has played to its end, its panel area is pixel for pixel the screen that render --keys
# draws after the same keys. The kiosk binary links no SDL2. Usage: tests/preview.sh
# build/inkref (build/inkref-preview beside it).
set -u
build=$(realpath "$(dirname "$1")")
inkref=$(realpath "$1")
db=$build/content.db
tmp=$(mktemp -d)
xvfb=""
preview=""
cleanup() {
	[ -n "$preview" ] && kill "$preview" 2>/dev/null
	[ -n "$xvfb" ] && kill "$xvfb" 2>/dev/null
	[ -n "${KEEP:-}" ] && echo "kept $tmp" || rm -rf "$tmp"
}
trap cleanup EXIT
# shellcheck source=tests/lib.sh
. "$(dirname "$0")/lib.sh" preview
# check NAME DETAIL CONDITION: CONDITION is shell code, true for a pass.
check() { if eval "$3"; then pass "$1"; else fail "$1" "$2"; fi; }
# SDL and the X libraries keep allocations to the end on purpose.
[ -n "${INKREF_SANITIZED:-}" ] && export ASAN_OPTIONS=detect_leaks=0

check kiosk_links_no_sdl "$(ldd "$inkref" | grep -i sdl)" '! ldd "$inkref" | grep -qi libSDL2'
check preview_links_sdl "no SDL2 in $(basename "$build")/inkref-preview" \
	'ldd "$build/inkref-preview" | grep -qi libSDL2'
# A kiosk binary on its own, without the desktop build beside it, says where the window is.
cp "$inkref" "$tmp/inkref"
"$tmp/inkref" run --panel window:waveshare-7in5-v2 >/dev/null 2>"$tmp/err"
code=$?
check handover_without_preview "exit $code: $(cat "$tmp/err")" \
	'[ "$code" = 64 ] && grep -q "desktop build only" "$tmp/err"'
env -u DISPLAY -u WAYLAND_DISPLAY "$inkref" run --panel window:waveshare-7in5-v2 --db "$db" \
	>/dev/null 2>"$tmp/err"
code=$?
check no_display "exit $code: $(cat "$tmp/err")" '[ "$code" != 0 ] && grep -q "cannot open a window" "$tmp/err"'

# A display server of its own; -displayfd picks a free display number.
Xvfb -displayfd 3 -screen 0 1280x1024x24 -nolisten tcp 3>"$tmp/display" 2>/dev/null &
xvfb=$!
for _ in $(seq 100); do [ -s "$tmp/display" ] && break; sleep 0.1; done
export DISPLAY=":$(cat "$tmp/display")"
unset WAYLAND_DISPLAY

wait_for() { # wait_for PATTERN FILE: up to 30 s (a full refresh plays for 6 s)
	for _ in $(seq 300); do grep -q "$1" "$2" && return 0; sleep 0.1; done
	return 1
}
# shot NAME: the window's panel area as a PNG
shot() {
	import -window "$wid" "$tmp/window.png" &&
		convert "$tmp/window.png" -crop "$geometry" +repage -colorspace Gray "$tmp/$1.png"
}
# xdotool's --sync waits for ever on a window that is gone: every call gets 10 s.
xdo() { timeout 10 xdotool "$@"; }
# ends NAME PID: the preview quits on q within 5 s (else it is killed), with its exit code
ends() {
	for _ in $(seq 50); do kill -0 "$2" 2>/dev/null || break; sleep 0.1; done
	kill -0 "$2" 2>/dev/null && kill "$2"
	wait "$2"
}
differ() { compare -metric AE "$1" "$2" null: 2>&1; }
# locate PANEL LOG: the window (wid), its panel area (geometry) and its Down button, as the
# preview reported them
locate() {
	wid=$(xdo search --name "inkref preview: $1" | head -1)
	read -r x y w h down_x down_y <<<"$(sed -nE \
		's/^window: panel ([0-9]+),([0-9]+) ([0-9]+)x([0-9]+) .* down ([0-9]+),([0-9]+) .*/\1 \2 \3 \4 \5 \6/p' "$2")"
	geometry="${w}x${h}+${x}+${y}"
}

for panel in waveshare-7in5-v2 waveshare-2in7-v2; do
	log=$tmp/$panel.log
	"$inkref" render --out "$tmp/keys" --keys down,ok --panel "$panel" --db "$db" 2>/dev/null
	"$inkref" run --panel "window:$panel" --zoom 1 --db "$db" >"$log" 2>"$tmp/$panel.err" &
	preview=$!
	if ! wait_for "^shown 0 key=start" "$log"; then
		fail "${panel}_opens" "$(cat "$log" "$tmp/$panel.err")"
		kill "$preview"
		preview=""
		continue
	fi
	locate "$panel" "$log"
	shot start
	check "${panel}_opens" "window ${wid:-none}, panel $geometry" \
		'[ -n "$wid" ] && [ "$(differ "$tmp/start.png" "$tmp/keys/$panel/000-start.png")" = 0 ]'
	# The Down button, clicked where the window says it drew it.
	xdo mousemove --window "$wid" "$down_x" "$down_y" click 1
	wait_for "^shown 1 key=down mode=partial" "$log"
	shot down
	check "${panel}_click_down" "$(tail -1 "$log"); $(differ "$tmp/down.png" "$tmp/keys/$panel/001-down.png") pixels off" \
		'[ "$(differ "$tmp/down.png" "$tmp/keys/$panel/001-down.png")" = 0 ] &&
		[ "$(differ "$tmp/down.png" "$tmp/start.png")" != 0 ]'
	# A key press: Enter is OK.
	xdo windowfocus --sync "$wid" key Return
	wait_for "^shown 2 key=ok" "$log"
	shot ok
	check "${panel}_key_ok" "$(tail -1 "$log"); $(differ "$tmp/ok.png" "$tmp/keys/$panel/002-ok.png") pixels off" \
		'[ "$(differ "$tmp/ok.png" "$tmp/keys/$panel/002-ok.png")" = 0 ] &&
		[ "$(differ "$tmp/ok.png" "$tmp/down.png")" != 0 ]'
	xdo windowfocus --sync "$wid" key q
	ends "$panel" "$preview"
	code=$?
	preview=""
	check "${panel}_quits" "exit $code; $(cat "$tmp/$panel.err")" \
		'[ "$code" = 0 ] && ! grep -q "differs\|refused" "$tmp/$panel.err"'
done

# --watch: a saved edit rebuilds the content and the reader stays on their page; a mistake
# is shown over the panel and in the terminal with its file and line; the fix clears it.
cp -r content "$tmp/content"
log=$tmp/watch.log
"$inkref" run --panel window:waveshare-7in5-v2 --zoom 1 --instant --watch --content "$tmp/content" \
	>"$log" 2>"$tmp/watch.err" &
preview=$!
if wait_for "^shown 0 key=start" "$log"; then
	locate waveshare-7in5-v2 "$log"
	# OK until a page is open (the window says which, and where its text is written).
	keys=""
	for n in 1 2 3 4; do
		xdo windowfocus --sync "$wid" key Return
		wait_for "^shown $n " "$log"
		keys="$keys${keys:+,}ok"
		grep -q "^shown $n .* page=" "$log" && break
	done
	where=$(sed -n "s/^shown $n .* source=\([^ ]*\)$/\1/p" "$log")
	page=${where%%:*} at=${where##*:}
	# A new first paragraph: the first blank line after the page's @page line.
	awk -v at="$at" 'NR > at && !done && /^$/ {print; print "A paragraph added while watching."; done = 1} {print}' \
		"$tmp/content/$page" >"$tmp/edit" && cat "$tmp/edit" >"$tmp/content/$page"
	wait_for "^shown $((n + 1)) " "$log"
	"$inkref" build-content --out "$tmp/edited.db" "$tmp/content" 2>/dev/null
	"$inkref" render --out "$tmp/edited" --keys "$keys" --db "$tmp/edited.db" 2>/dev/null
	expected=$(ls "$tmp/edited/waveshare-7in5-v2/"*.png | tail -1)
	shot edited
	check watch_keeps_place "${where:-no page reached} after $keys: $(differ "$tmp/edited.png" "$expected") pixels off; $(tail -2 "$tmp/watch.err")" \
		'[ -n "$where" ] && grep -q "content rebuilt$" "$tmp/watch.err" &&
		grep -Eq "^shown $((n + 1)) key=start mode=(partial|fast|full) .* source=$where" "$log" &&
		[ "$(differ "$tmp/edited.png" "$expected")" = 0 ]'
	printf '| a broken row\n' >>"$tmp/content/$page"
	line=$(wc -l <"$tmp/content/$page")
	for _ in $(seq 100); do grep -q "$page:$line:" "$tmp/watch.err" && break; sleep 0.1; done
	sleep 0.3
	shot broken
	check watch_shows_error "$(tail -2 "$tmp/watch.err")" \
		'grep -q "$tmp/content/$page:$line: a table row must start and end" "$tmp/watch.err" &&
		[ "$(differ "$tmp/broken.png" "$tmp/edited.png")" != 0 ]'
	sed -i '$d' "$tmp/content/$page"
	for _ in $(seq 100); do [ "$(grep -c "content rebuilt$" "$tmp/watch.err")" -ge 2 ] && break; sleep 0.1; done
	sleep 0.3
	shot fixed
	check watch_fix_clears "$(tail -2 "$tmp/watch.err")" \
		'[ "$(differ "$tmp/fixed.png" "$tmp/edited.png")" = 0 ]'
	xdo windowfocus --sync "$wid" key q
	ends watch "$preview"
else
	fail watch_starts "$(cat "$log" "$tmp/watch.err")"
	kill "$preview"
fi
preview=""

summary
