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
# shellcheck source=tests/lib.sh
. "$(dirname "$0")/lib.sh" hostile
inkref=$(runner "$binary" "$tmp")
daemon=""
trap '[ -n "$daemon" ] && kill "$daemon" 2>/dev/null; rm -rf "$tmp"' EXIT
limit_memory=1
[ -z "${INKREF_SANITIZED:-}" ] && [ -z "${INKREF_RUN:-}" ] || limit_memory=""
[ -n "$limit_memory" ] || echo "hostile: memory bounds skipped (sanitized or emulated build)"

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

# ---- Content databases ---------------------------------------------------------------------
# crafted NAME SQL: a copy of the shipped database changed by SQL, as $tmp/NAME.db.
crafted() {
	cp "$db" "$tmp/$1.db"
	sqlite3 "$tmp/$1.db" "$2" || fail "$1" "the sqlite3 shell refused the crafted SQL"
}
# check NAME PATTERN: check-content refuses $tmp/NAME.db as bad data (65), naming the file.
refused() {
	attack "$1" 65 "$tmp/$1.db: $2" "$MEM_KB" 10 -- "$inkref" check-content "$tmp/$1.db"
}
# A view where a table belongs, whose recursive query never ends: refused by the schema check,
# and every query's work is bounded besides.
crafted view_recursive "DROP TABLE pages; CREATE VIEW pages AS WITH RECURSIVE r(i) AS
	(SELECT 1 UNION ALL SELECT i + 1 FROM r) SELECT i AS id, 't' AS title, 'en' AS language,
	'b' AS body, 'f' AS source_file, 1 AS source_line FROM r;"
refused view_recursive "pages is a view"
# The daemon with it: out of service at once, still answering (here: its input ends).
attack view_recursive_daemon 0 "out of service \(content-damaged\): .*pages is a view" "$MEM_KB" 10 -- \
	"$inkref" run --panel png --input stdin --db "$tmp/view_recursive.db" --png "$tmp/s.png"
# A generated column that makes a 900 MB string from a few bytes.
crafted generated_column "CREATE TABLE m2(key TEXT PRIMARY KEY, value TEXT NOT NULL,
	big TEXT GENERATED ALWAYS AS (printf('%.*c', 900000000, 'x')));
	INSERT INTO m2(key, value) SELECT key, value FROM meta; DROP TABLE meta;
	ALTER TABLE m2 RENAME TO meta;"
refused generated_column "table meta is not the table inkref makes"
# A database file past the size limit.
cp "$db" "$tmp/oversized.db" && truncate -s 9M "$tmp/oversized.db"
refused oversized "the content database is 9.0 MiB; the limit is 8 MiB"
# 64-bit ids: 4294967297 is not page 1.
crafted id_past_32_bits "UPDATE menu_items SET page_id = page_id + 4294967296
	WHERE id = (SELECT min(id) FROM menu_items WHERE page_id IS NOT NULL);"
refused id_past_32_bits "table menu_items, item [0-9]+: page_id 42949672[0-9]+ is out of range"
# 100,000 pages, a 100,000-deep menu chain, a chain 9 menus deep, a 2 MB body.
crafted pages_100000 "WITH RECURSIVE r(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM r WHERE i < 100000)
	INSERT INTO pages SELECT 100000 + i, 't', 'en', 'b', 'f', 1 FROM r;"
refused pages_100000 "table pages has 1000[0-9]{2} rows; the limit is 10000"
crafted menu_chain_100000 "WITH RECURSIVE r(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM r WHERE i < 100000)
	INSERT INTO menu_items SELECT 100000 + i, CASE i WHEN 1 THEN (SELECT id FROM menu_items
	WHERE parent_id IS NULL) ELSE 100000 + i - 1 END, 1, 'm', 'en',
	CASE i WHEN 100000 THEN (SELECT min(id) FROM pages) END FROM r;"
refused menu_chain_100000 "table menu_items has 1000[0-9]{2} rows; the limit is 10000"
crafted menu_too_deep "WITH RECURSIVE r(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM r WHERE i < 9)
	INSERT INTO menu_items SELECT 100000 + i, CASE i WHEN 1 THEN (SELECT id FROM menu_items
	WHERE parent_id IS NULL) ELSE 100000 + i - 1 END, 1, 'm', 'en',
	CASE i WHEN 9 THEN (SELECT min(id) FROM pages) END FROM r;"
refused menu_too_deep "table menu_items, item 100009 \('m'\) is 9 levels below the home menu; the limit is 8"
crafted body_2mb "UPDATE pages SET body = body || printf('%.*c', 2000000, 'y')
	WHERE id = (SELECT min(id) FROM pages);"
refused body_2mb "table pages, page [0-9]+: body is 200[0-9]{4} bytes; the limit is 65536"
# Text that is not text: invalid UTF-8 in a title, a NUL byte in a source, control characters.
crafted title_bad_utf8 "UPDATE menu_items SET title = CAST(X'41C328' AS TEXT)
	WHERE id = (SELECT min(id) FROM menu_items WHERE parent_id IS NOT NULL);"
refused title_bad_utf8 "table menu_items, item [0-9]+: title is not valid UTF-8"
crafted source_nul "UPDATE sources SET title = CAST(X'41004200' AS TEXT) WHERE number = 1;"
refused source_nul "table sources, source 1: title holds a NUL byte"
crafted review_by_zzzz "UPDATE meta SET value = 'zzzz' WHERE key = 'review_by';"
refused review_by_zzzz "table meta: review_by is 'zzzz', not a date \(YYYY-MM-DD\)"
crafted dangling_source "INSERT INTO page_sources VALUES ((SELECT min(id) FROM pages), 9999);"
refused dangling_source "table page_sources: page [0-9]+ names source 9999, which does not exist"
# A newline in content text must not forge a journal line of its own priority.
crafted log_forgery "UPDATE menu_items SET title = 'x' || char(10) || '<0>forged'
	WHERE id = (SELECT min(id) FROM menu_items WHERE parent_id IS NOT NULL);"
printf 'down\nup\n' >"$tmp/down-up"
stdin_from=$tmp/down-up
attack log_forgery_daemon 0 'title holds a control character' "$MEM_KB" 10 -- \
	env JOURNAL_STREAM=8:1 "$inkref" run --panel png --input stdin --db "$tmp/log_forgery.db" --png "$tmp/s.png"
stdin_from=/dev/null
! grep -q '^<0>' "$tmp/err" && pass log_forgery_no_forged_line ||
	fail log_forgery_no_forged_line "$(cat "$tmp/err")"
refused log_forgery 'table menu_items, item [0-9]+: title holds a control character: x\\n<0>forged'

# ---- Fonts, images, files that are not files ---------------------------------------------
# data_dir DIR: a data folder (content.db, fonts/, assets/) made from the shipped one.
data_dir() {
	rm -rf "$1" && mkdir -p "$1/fonts" "$1/assets"
	cp "$db" "$1/content.db"
	cp fonts/DejaVuSans.ttf fonts/DejaVuSans-Bold.ttf "$1/fonts/"
	cp assets/logo.png "$1/assets/"
}
# A font rewritten in place while the kiosk runs (cp over it truncates it first): the kiosk
# reads its fonts into memory and goes on with the font it opened; SIGHUP then reopens them
# and finds the new file is no font, so the old content stays on screen.
data_dir "$tmp/data"
rm -f "$tmp/keys" && mkfifo "$tmp/keys"
"$inkref" run --panel png:waveshare-7in5-v2 --input stdin --data "$tmp/data" --png "$tmp/s.png" \
	--idle 0 <"$tmp/keys" 2>"$tmp/daemon.log" &
daemon=$!
exec 3>"$tmp/keys"
# wait_log PATTERN: up to 60 s (a start under qemu-user or the sanitizers is slow) for the log.
wait_log() { for _ in $(seq 600); do grep -qE -- "$1" "$tmp/daemon.log" && return 0; sleep 0.1; done; return 1; }
wait_log "ready: content"
cp assets/logo.png "$tmp/data/fonts/DejaVuSans.ttf"
: >"$tmp/data/fonts/DejaVuSans-Bold.ttf"
printf 'down\nok\nok\nlong-ok\nback\ndown\nok\n' >&3
wait_log "\[ok\].*large text" && kill -0 $daemon && pass font_rewritten_keeps_serving ||
	fail font_rewritten_keeps_serving "$(tail -3 "$tmp/daemon.log")"
kill -HUP $daemon
wait_log "SIGHUP: keeping the content on screen: .*DejaVuSans(-Bold)?.ttf: not a font" && pass font_rewritten_reload_keeps_content ||
	fail font_rewritten_reload_keeps_content "$(tail -3 "$tmp/daemon.log")"
exec 3>&-
wait $daemon
code=$?
daemon=""
[ $code = 0 ] && pass font_rewritten_exit "exit 0" || fail font_rewritten_exit "exit $code: $(tail -3 "$tmp/daemon.log")"
# A FIFO where a font, the logo or a topic file belongs: refused at once, not waited on.
data_dir "$tmp/data"
rm "$tmp/data/fonts/DejaVuSans.ttf" && mkfifo "$tmp/data/fonts/DejaVuSans.ttf"
attack font_fifo 0 "out of service \(font\): .*DejaVuSans.ttf: not a font: not a regular file" "$MEM_KB" 10 -- \
	"$inkref" run --panel png --input stdin --data "$tmp/data" --png "$tmp/s.png"
data_dir "$tmp/data"
rm "$tmp/data/assets/logo.png" && mkfifo "$tmp/data/assets/logo.png"
attack logo_fifo 0 "out of service \(asset\): .*logo.png: cannot read the image: not a regular file" "$MEM_KB" 10 -- \
	"$inkref" run --panel png --input stdin --data "$tmp/data" --png "$tmp/s.png"
cp -r content "$tmp/fifo-content" && mkfifo "$tmp/fifo-content/12-fifo.txt"
attack topic_fifo 65 "12-fifo.txt: not a regular file" "$MEM_KB" 10 -- \
	"$inkref" build-content --out "$tmp/fifo.db" "$tmp/fifo-content"
# A logo of 30000×30000 pixels in a few hundred bytes: refused from its header.
python3 -c "
import struct, zlib, sys
def chunk(t, d): return struct.pack('>I', len(d)) + t + d + struct.pack('>I', zlib.crc32(t + d) & 0xffffffff)
sys.stdout.buffer.write(b'\x89PNG\r\n\x1a\n' + chunk(b'IHDR', struct.pack('>IIBBBBB', 30000, 30000, 8, 0, 0, 0, 0))
	+ chunk(b'IDAT', zlib.compress(b'', 9)) + chunk(b'IEND', b''))" >"$tmp/huge-logo.png"
data_dir "$tmp/data"
cp "$tmp/huge-logo.png" "$tmp/data/assets/logo.png"
attack logo_30000px 0 "out of service \(asset\): .*logo.png: the image is 30000×30000 pixels; the limit is 2048×2048" "$MEM_KB" 10 -- \
	"$inkref" run --panel png --input stdin --data "$tmp/data" --png "$tmp/s.png"
attack logo_30000px_render 65 "logo.png: the image is 30000×30000 pixels" "$MEM_KB" 10 -- \
	"$inkref" render --out "$tmp/r" --keys down --panel waveshare-2in7-v2 --data "$tmp/data"
# A logo whose text chunk claims 1.9 GB in a file of 60 bytes: a damaged image, told as one
# (libpng would allocate what the chunk claims, and the kiosk would call that memory running out).
python3 -c "
import struct, zlib, sys
def chunk(t, d): return struct.pack('>I', len(d)) + t + d + struct.pack('>I', zlib.crc32(t + d) & 0xffffffff)
sys.stdout.buffer.write(b'\x89PNG\r\n\x1a\n' + chunk(b'IHDR', struct.pack('>IIBBBBB', 20, 12, 8, 0, 0, 0, 0))
	+ struct.pack('>I', 0x74000000) + b'tEXtdate:2026')" >"$tmp/claiming-logo.png"
data_dir "$tmp/data"
cp "$tmp/claiming-logo.png" "$tmp/data/assets/logo.png"
attack logo_chunk_claims_gigabytes 0 "out of service \(asset\): .*logo.png: cannot read the image: the chunk \"tEXt\" at byte 33 says it holds 1946157056 bytes" "$MEM_KB" 10 -- \
	"$inkref" run --panel png --input stdin --data "$tmp/data" --png "$tmp/s.png"
# The screen image's temporary file: a link planted there is never written through.
echo "not to be overwritten" >"$tmp/victim"
mkdir -p "$tmp/shared" && ln -s "$tmp/victim" "$tmp/shared/screen.png.tmp"
stdin_from=$tmp/down-up
attack png_tmp_symlink 0 "" "$MEM_KB" 10 -- \
	"$inkref" run --panel png:waveshare-2in7-v2 --input stdin --png "$tmp/shared/screen.png" --idle 0
stdin_from=/dev/null
[ "$(cat "$tmp/victim")" = "not to be overwritten" ] && file "$tmp/shared/screen.png" | grep -q "264 x 176" &&
	[ ! -e "$tmp/shared/screen.png.tmp" ] && pass png_tmp_symlink_not_followed ||
	fail png_tmp_symlink_not_followed "victim: $(head -c 40 "$tmp/victim" | tr -c '[:print:]' '?'); $(file "$tmp/shared/screen.png")"
# The configuration: an endless line (/dev/zero) is cut off at the line limit, in bounded memory.
attack config_dev_zero 78 "/dev/zero:1: the line (holds a NUL byte|is longer than)" "$MEM_KB" 5 -- \
	"$inkref" run --config /dev/zero --input stdin
long=$tmp/$(printf 'd%.0s' $(seq 120))/$(printf 'e%.0s' $(seq 150))
attack png_path_too_long 64 "--png: the path is longer than 255 bytes" "$MEM_KB" 5 -- \
	"$inkref" run --panel png --input stdin --png "$long.png"
attack db_path_too_long 64 "--db: the path is longer than 255 bytes" "$MEM_KB" 5 -- \
	"$inkref" run --panel png --input stdin --db "$long.db" --png "$tmp/s.png"

# ---- A load that takes long ------------------------------------------------------------------
# A reload of a hundred times today's content (about a second of work here, several on a Pi)
# with SIGTERM right behind it: the kiosk stops without finishing the load.
bench/scale.sh --make 100 "$tmp/x100.db" "$build"
rm -f "$tmp/keys" && mkfifo "$tmp/keys"
"$inkref" run --panel png:waveshare-7in5-v2 --input stdin --db "$tmp/x100.db" --png "$tmp/s.png" \
	--idle 0 <"$tmp/keys" 2>"$tmp/daemon.log" &
daemon=$!
exec 3>"$tmp/keys"
if wait_log "ready: content"; then
	kill -HUP $daemon
	sleep 0.05
	kill -TERM $daemon
	stopped=""
	for _ in $(seq 100); do kill -0 $daemon 2>/dev/null || { stopped=1; break; }; sleep 0.1; done
	wait $daemon
	code=$?
	[ -n "$stopped" ] && [ $code = 0 ] && pass sigterm_during_reload "exit 0" ||
		fail sigterm_during_reload "still running 10 s after SIGTERM, or exit $code: $(tail -3 "$tmp/daemon.log")"
else
	kill $daemon
	wait $daemon
	fail sigterm_during_reload "the 100x content did not load: $(tail -3 "$tmp/daemon.log")"
fi
exec 3>&-
daemon=""

# ---- Memory running out ------------------------------------------------------------------
# Every allocation failure is an error that says so: from the address space where the program
# barely starts up to where it runs, each run ends with success or with "out of memory"
# (exit 70, or 65/66 where a file is at fault), never with a signal or a wrong diagnosis.
# out_of_memory_sweep NAME FROM TO STEP -- COMMAND...
out_of_memory_sweep() {
	local name=$1 from=$2 to=$3 step=$4 v got bad="" runs=0
	shift 5
	if [ -z "$limit_memory" ]; then
		echo "skip hostile.$name: no ulimit -v in this build"
		return
	fi
	for ((v = from; v <= to; v += step)); do
		(
			ulimit -v "$v"
			exec timeout -k 2 20 "$@"
		) </dev/null >"$tmp/out" 2>"$tmp/err"
		got=$?
		runs=$((runs + 1))
		if grep -q "error while loading shared libraries" "$tmp/err"; then
			continue # the dynamic loader, before any of inkref's code runs
		fi
		if grep -qE "out of service \((content|font|asset)" "$tmp/err"; then
			bad="at $v KiB: the files are fine, yet: $(grep -m1 "out of service" "$tmp/err")"
			break
		elif [ "$got" = 0 ]; then
			continue
		elif [ "$got" = 70 ] && grep -q "out of memory" "$tmp/err"; then
			continue
		fi
		bad="at $v KiB: exit $got, $(head -c 200 "$tmp/err")"
		break
	done
	[ -z "$bad" ] && pass "$name" "$runs runs from $from to $to KiB" || fail "$name" "$bad"
}
out_of_memory_sweep oom_check_content 9000 24000 250 -- "$inkref" check-content "$db"
out_of_memory_sweep oom_render 9000 26000 250 -- \
	"$inkref" render --out "$tmp/oom" --keys down,ok,ok,long-ok --panel waveshare-7in5-v2 --db "$db"
out_of_memory_sweep oom_daemon 9000 26000 250 -- \
	"$inkref" run --panel png:waveshare-7in5-v2 --input stdin --db "$db" --png "$tmp/s.png" --idle 0

# ---- The fault suite ----------------------------------------------------------------------
# Every fault injected into a running kiosk (tests/faults.sh checks each one's log line, screen
# and recovery), the whole suite bounded in time and in each process's address space.
if [ -n "${HOSTILE_SKIP_FAULTS:-}" ]; then
	echo "$passed passed, $failed failed (the fault suite skipped)"
	[ "$failed" = 0 ]
	exit
fi
# Under qemu-user every run of the program is several times slower: so is the bound.
suite_seconds=600
[ -z "${INKREF_RUN:-}" ] || suite_seconds=2400
echo "hostile: the fault suite, each process within $((MEM_KB * 4)) KiB, all within $suite_seconds s"
(
	[ -z "$limit_memory" ] || ulimit -v $((MEM_KB * 4))
	exec timeout -k 5 "$suite_seconds" tests/faults.sh "$binary"
)
code=$?
[ "$code" = 0 ] && pass fault_suite ||
	fail fault_suite "tests/faults.sh exit $code (124: did not finish in $suite_seconds s)"

summary
