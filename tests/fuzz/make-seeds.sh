#!/usr/bin/env bash
# make-seeds.sh: rewrites the seed corpora in tests/fuzz/corpus/ from the project itself: the
# content sources, databases compiled from them, the example configuration, pages of the real
# content, and driver byte streams recorded by 'inkref sim --spi-log'. Run it after a change
# of format, then commit what changed. Needs build/inkref (make), the sqlite3 shell and perl.
# Usage: tests/fuzz/make-seeds.sh
set -euo pipefail
cd "$(dirname "$0")/../.."
inkref=build/inkref
corpus=tests/fuzz/corpus
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
[ -x "$inkref" ] || { echo "make-seeds.sh: build $inkref first (make)" >&2; exit 66; }
rm -rf "$corpus"
mkdir -p "$corpus"/{content_db,content_source,layout,config,emulator_uc8179,emulator_ssd168x}
mkdir -p "$corpus"/{keys,content_schema,font,png}

# ---- content_source: a content folder, its files joined by NUL bytes ----
# folder_seed DIR OUT: meta.txt, sources.txt, then the topic files in name order.
folder_seed() {
	local dir=$1 out=$2 f
	{
		cat "$dir/meta.txt"
		printf '\0'
		cat "$dir/sources.txt"
		for f in "$dir"/[0-9][0-9]-*.txt; do
			printf '\0'
			cat "$f"
		done
	} >"$out"
}
folder_seed tests/fixtures/content "$corpus/content_source/fixtures"
folder_seed content "$corpus/content_source/content"
fixture_meta=$(cat tests/fixtures/content/meta.txt)
fixture_sources=$(cat tests/fixtures/content/sources.txt)
# Mistakes the compiler must name: a broken table row, a page without sources, an unknown
# source key, an unknown directive, an unclosed bold marker, a source page with a QR code.
source_variant() {
	printf '%s\n\0%s\n\0%b' "$fixture_meta" "$fixture_sources" "$2" >"$corpus/content_source/$1"
}
source_variant table-row '@topic T\n@page P\n@sources alpha, beta\n\nText.\n| a | b\n'
source_variant no-sources '@topic T\n@page P\n\nText.\n'
source_variant unknown-key '@topic T\n@page P\n@sources alpha, gamma\n\nText.\n'
source_variant directive '@topic T\n@page P\n@sources all\n@figure x\n'
source_variant bold '@topic T\n@page P\n@sources alpha, beta\n\nSome **bold text.\n'
source_variant generated '@topic T\n@page P\n@sources alpha, beta\n\nText.\n\0@topic Sources\n@page Sources\n@generate sources\n'

# ---- content_db: small databases (512-byte pages) and broken ones ----
# small_db SRC OUT [SQL]: compiled from SRC, changed by SQL, vacuumed into small pages.
small_db() {
	local db="$tmp/$(basename "$2").db"
	rm -f "$db"
	"$inkref" build-content --out "$db" "$1"
	sqlite3 "$db" "${3:-SELECT 1;}" >/dev/null
	sqlite3 "$db" "PRAGMA page_size=512; VACUUM;"
	cp "$db" "$2"
}
small_db tests/fixtures/content "$corpus/content_db/fixtures"
small_db content "$corpus/content_db/content"
small_db tests/fixtures/content "$corpus/content_db/schema-2" \
	"UPDATE meta SET value = '2' WHERE key = 'schema_version';"
small_db tests/fixtures/content "$corpus/content_db/dangling-page" \
	"INSERT INTO page_sources VALUES(99, 1);"
small_db tests/fixtures/content "$corpus/content_db/menu-cycle" \
	"UPDATE menu_items SET parent_id = 3 WHERE id = 3;"
small_db tests/fixtures/content "$corpus/content_db/bad-body" \
	"UPDATE pages SET body = '| a | b' WHERE id = 1;"
# A menu inside a menu inside a menu: the pages of topic 3 under a submenu of their own.
small_db tests/fixtures/content "$corpus/content_db/nested" \
	"INSERT INTO menu_items VALUES(10, 3, 0, 'Nested', 'en', NULL);
	 UPDATE menu_items SET parent_id = 10 WHERE parent_id = 3;"
head -c 2048 "$corpus/content_db/fixtures" >"$corpus/content_db/truncated"
printf 'not a database at all' >"$corpus/content_db/text"

# ---- layout: each page of the real content as title, source numbers, body ----
sqlite3 "$corpus/content_db/content" "SELECT id FROM pages;" | while read -r id; do
	sqlite3 -newline '' "$corpus/content_db/content" "
		SELECT title || char(10) ||
		       coalesce((SELECT group_concat(s.number, ', ') FROM page_sources ps
		                 JOIN sources s ON s.id = ps.source_id WHERE ps.page_id = p.id), '') ||
		       char(10) || body
		FROM pages p WHERE id = $id;" >"$corpus/layout/page-$(printf %02d "$id")"
done
layout_seed() { printf '%b' "$2" >"$corpus/layout/$1"; }
layout_seed wide-table 'A wide table\n1\n| a | b | c | d | e | f | g | h |\n|---|---|---|---|---|---|---|---|\n| alpha beta gamma | delta epsilon | zeta eta theta | iota | kappa lambda mu | nu xi | omicron pi | rho sigma tau |\n| 1 | 2 | 3 | 4 | 5 | 6 | 7 | 8 |\n'
layout_seed long-word 'Long words\n1, 2\nMagnesiumglycinatebisglycinatechelateaminoacidcomplexwithoutspaces and **bold**text**again** in ~200 ≤ 350 mg.\n'
layout_seed qr 'A code\n3\nScan it.\n\n<qr https://example.org/a/long/path/to/a/page?with=query&and=more>\n\n- Item\n'
layout_seed scripts 'Zeichen • Ελληνικά • Кириллица\n1\n## Überschrift\n\nÄÖÜ ß é ñ ç — “quotes” … €, 한국어, العربية, 😀, combining: e\xcc\x81 a\xcc\x88.\n\n100. A numbered item with a three-digit number.\n'

# ---- config: the example and variants ----
cp systemd/inkref.conf "$corpus/config/example"
printf '[panel]\nmodel = sim:waveshare-2in7-v2\n[keys]\ninput = stdin\n' >"$corpus/config/sim"
printf '[panel]\nmodel = png:1024x600\n[kiosk]\npng = /run/screen.png\nlarge_text = yes\nidle_timeout_s = 0\n' \
	>"$corpus/config/png"
printf '\xef\xbb\xbf; comment\n# comment\n[keys]\ninput = evdev:/dev/input/event0 ; inline\nup = 0\ndown = 63\nlong_press_ms = 5000\n' \
	>"$corpus/config/bounds"
printf '[gpio]\nuse_pwr = false\nchip_label = pinctrl-bcm2711\n[panel]\nfull_refresh_every = 1000\nspi_speed_hz = 50000000\n' \
	>"$corpus/config/gpio"
printf '[panel]\nmodel = waveshare-4in2-v2\n  continued\nbogus = 1\n[nowhere]\nx = y\nnot an ini line\n' \
	>"$corpus/config/errors"

# ---- emulators: what the drivers sent, as fuzz_emulator() operations ----
# Reset, command and BUSY map one to one; data goes as runs of one byte (fills) and literal
# chunks, at most 128 literal bytes of each transfer, so a seed stays small but keeps every command.
spi_to_ops() {
	perl -e '
		binmode STDOUT;
		while (<STDIN>) {
			my ($kind, @rest) = split;
			next unless defined $kind;
			if ($kind eq "R") { print chr(0); }
			elsif ($kind eq "C") { print chr(1), chr(hex $rest[0]); }
			elsif ($kind eq "B") { print chr(4), chr(100); }
			elsif ($kind eq "D") {
				my @bytes = map { hex } @rest;
				my ($i, $literal, $sent) = (0, "", 0);
				my $flush = sub {
					while (length $literal) {
						my $chunk = substr($literal, 0, 255, "");
						print chr(2), chr(length $chunk), $chunk;
					}
				};
				while ($i < @bytes && $sent < 128) {
					my $j = $i;
					$j++ while $j < @bytes && $bytes[$j] == $bytes[$i];
					my $run = $j - $i;
					if ($run >= 64) {
						$flush->();
						my $n = int($run / 64) > 256 ? 256 : int($run / 64);
						print chr(3), chr($n - 1), chr($bytes[$i]);
						$i += $n * 64;
					} else {
						$literal .= chr($bytes[$i]);
						$i++;
						$sent++;
					}
				}
				$flush->();
			}
		}'
}
# sim_seed PANEL TARGET NAME PREFIX KEYS [OPTIONS...]
sim_seed() {
	local panel=$1 target=$2 name=$3 prefix=$4 keys=$5
	shift 5
	"$inkref" sim --panel "$panel" --keys "$keys" --spi-log "$tmp/spi.txt" "$@" >/dev/null
	{
		printf '%b' "$prefix"
		spi_to_ops <"$tmp/spi.txt"
	} >"$corpus/$target/$name"
}
for p in "waveshare-7in5-v2 emulator_uc8179 " "waveshare-4in2-v2 emulator_ssd168x \x00" \
	"waveshare-2in7-v2 emulator_ssd168x \x01"; do
	read -r panel target prefix <<<"$p"
	short=${panel#waveshare-}
	sim_seed "$panel" "$target" "$short-cursor" "$prefix" down,down,up
	sim_seed "$panel" "$target" "$short-pages" "$prefix" down,ok,ok,back
	sim_seed "$panel" "$target" "$short-large" "$prefix" long-ok,down,ok,idle
	sim_seed "$panel" "$target" "$short-cold" "$prefix" down,ok --temperature 2
	sim_seed "$panel" "$target" "$short-naive" "$prefix" down,ok --naive
done
# ---- keys: the first byte picks the source (low 2 bits: stdin, tty, evdev) and how many
# keys a read may return; the rest is what the source delivers ----
printf '\x00up\ndown\nok\nback\nlong-ok\nlong-back\nidle\n' >"$corpus/keys/stdin-keys"
printf '\xfcdown\nfault:busy-stuck\nok\nbogus\n\nup\x00x\nfault:none\nback' >"$corpus/keys/stdin-faults"
printf '\x01\x1b[A\x1b[B\r\x7f\x1b[C\x1b[Dlh\x1bq' >"$corpus/keys/tty-keys"
python3 - "$corpus/keys/evdev-presses" <<'PY'
import struct, sys
def ev(sec, usec, kind, code, value): return struct.pack('llHHi', sec, usec, kind, code, value)
out, t = b'\x02', 0
for code in (108, 28, 103, 14):  # KEY_DOWN, KEY_ENTER, KEY_UP, KEY_BACKSPACE
    out += ev(1, t, 1, code, 1) + ev(1, t, 0, 0, 0); t += 100000
    out += ev(1, t, 1, code, 0) + ev(1, t, 0, 0, 0); t += 100000
out += ev(3, 0, 1, 28, 1) + ev(3, 0, 1, 28, 2) + ev(4, 0, 1, 28, 0)  # held OK: a long press
open(sys.argv[1], 'wb').write(out)
PY

# ---- content_schema: the SQL of a database (.dump), and the same with each crafted change
# of the hostile-input suite ----
"$inkref" build-content --out "$tmp/fixture.db" tests/fixtures/content
sqlite3 "$tmp/fixture.db" .dump >"$corpus/content_schema/fixtures"
schema_variant() { { cat "$corpus/content_schema/fixtures"; printf '%s\n' "$2"; } >"$corpus/content_schema/$1"; }
schema_variant view "DROP TABLE pages; CREATE VIEW pages AS WITH RECURSIVE r(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM r) SELECT i AS id, 't' AS title, 'en' AS language, 'b' AS body, 'f' AS source_file, 1 AS source_line FROM r;"
schema_variant generated "CREATE TABLE m2(key TEXT PRIMARY KEY, value TEXT NOT NULL, big TEXT GENERATED ALWAYS AS (hex(zeroblob(900000000)))); INSERT INTO m2(key, value) SELECT key, value FROM meta; DROP TABLE meta; ALTER TABLE m2 RENAME TO meta;"
schema_variant trigger "CREATE TRIGGER t AFTER INSERT ON pages BEGIN SELECT 1; END;"
schema_variant index "CREATE INDEX extra ON pages(title);"
schema_variant id64 "UPDATE menu_items SET page_id = page_id + 4294967296 WHERE id = (SELECT min(id) FROM menu_items WHERE page_id IS NOT NULL);"
schema_variant deep "WITH RECURSIVE r(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM r WHERE i < 9) INSERT INTO menu_items SELECT 1000 + i, CASE i WHEN 1 THEN (SELECT id FROM menu_items WHERE parent_id IS NULL) ELSE 1000 + i - 1 END, 1, 'm', 'en', CASE i WHEN 9 THEN (SELECT min(id) FROM pages) END FROM r;"
schema_variant utf8 "UPDATE menu_items SET title = CAST(X'41C328' AS TEXT) WHERE id = (SELECT max(id) FROM menu_items);"
schema_variant dates "UPDATE meta SET value = 'zzzz' WHERE key = 'review_by';"
schema_variant dangling "INSERT INTO page_sources VALUES ((SELECT min(id) FROM pages), 9999);"
schema_variant writable "PRAGMA writable_schema = ON; UPDATE sqlite_master SET sql = replace(sql, 'body TEXT', 'body BLOB') WHERE name = 'pages';"

# ---- font: a tiny TrueType font (three glyphs, a cmap, a kerning pair), and it cut short ----
python3 tests/fuzz/make-font-seed.py "$corpus/font/tiny"
head -c 300 "$corpus/font/tiny" >"$corpus/font/tiny-cut"

# ---- png: the logo, small images of each colour type and depth, interlaced, and a header
# that claims 30000×30000 pixels ----
cp assets/logo.png "$corpus/png/logo"
convert -size 24x16 gradient:black-white -depth 1 "png:$corpus/png/gray1"
convert -size 24x16 gradient:black-white -depth 16 "png:$corpus/png/gray16"
convert -size 16x16 plasma:fractal -seed 1 -colors 8 -type Palette "png8:$corpus/png/palette"
convert -size 16x16 xc:none -fill black -draw 'circle 8,8 8,2' "png32:$corpus/png/rgba"
convert -size 20x12 gradient:white-black -interlace PNG "png:$corpus/png/interlaced"
python3 - "$corpus/png/huge-header" <<'PY'
import struct, sys, zlib
def chunk(kind, data): return struct.pack('>I', len(data)) + kind + data + struct.pack('>I', zlib.crc32(kind + data))
open(sys.argv[1], 'wb').write(b'\x89PNG\r\n\x1a\n' + chunk(b'IHDR', struct.pack('>IIBBBBB', 30000, 30000, 8, 0, 0, 0, 0))
    + chunk(b'IDAT', zlib.compress(b'', 9)) + chunk(b'IEND', b''))
PY

ls -l "$corpus"/*
