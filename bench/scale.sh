#!/usr/bin/env bash
# scale.sh: how start-up grows with the content. Makes databases holding 1, 10 and 100 copies
# of the shipped content (every page, source and menu entry repeated under new ids, each
# copy's topics on the home menu), then starts the daemon on each (load, check, lay out every
# page in both text sizes, draw the home screen, stop at the end of its empty input) RUNS
# times, and prints the median wall time and peak resident memory per factor, and per copy of
# the content: flat figures per copy mean linear growth. Also prints the SQLite steps the
# loader took (the figure CONTENT_WORK_MAX in content.h is set far above).
# usage: bench/scale.sh BUILD_DIR [RUNS]
#        bench/scale.sh --make FACTOR OUT [BUILD_DIR]: only make the database of FACTOR copies
set -euo pipefail
make_only=""
if [ "${1:-}" = --make ]; then
	make_only=1
	factor=$2 out=$3
	shift 3
fi
build=${1:-build}
runs=${2:-5}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
db=$build/content.db

# scaled FACTOR OUT: FACTOR copies of $db in OUT. Copy k's ids are the originals plus k times
# a stride past every id in use; sources are numbered on (k × count + number), keys made
# unique with the copy's number.
scaled() {
	local factor=$1 out=$2
	cp "$db" "$out"
	sqlite3 "$out" <<SQL
CREATE TEMP TABLE k(k INTEGER);
WITH RECURSIVE r(k) AS (SELECT 1 UNION ALL SELECT k + 1 FROM r WHERE k < $factor - 1)
INSERT INTO k SELECT k FROM r WHERE $factor > 1;
CREATE TEMP TABLE s AS SELECT (SELECT max(id) FROM (SELECT max(id) AS id FROM pages
	UNION ALL SELECT max(id) FROM sources UNION ALL SELECT max(id) FROM menu_items)) + 1 AS stride,
	(SELECT count(*) FROM sources) AS sources, (SELECT id FROM menu_items WHERE parent_id IS NULL) AS home;
INSERT INTO pages SELECT p.id + k * stride, p.title, p.language, p.body, p.source_file, p.source_line
	FROM pages p, k, s WHERE p.id < stride;
INSERT INTO sources SELECT x.id + k * stride, x.number + k * sources, x.key || '-' || k, x.title,
	x.author, x.published_in, x.year, x.url FROM sources x, k, s WHERE x.id < stride;
INSERT INTO page_sources SELECT ps.page_id + k * stride, ps.source_id + k * stride
	FROM page_sources ps, k, s WHERE ps.page_id < stride;
INSERT INTO menu_items SELECT m.id + k * stride,
	CASE m.parent_id WHEN home THEN home ELSE m.parent_id + k * stride END,
	m.position + k * 1000, m.title, m.language, m.page_id + k * stride
	FROM menu_items m, k, s WHERE m.id < stride AND m.parent_id IS NOT NULL;
SQL
}

if [ -n "$make_only" ]; then
	scaled "$factor" "$out"
	exit
fi

printf '%-7s %7s %9s %8s %12s %14s %16s\n' factor pages "db KiB" "time ms" "peak KiB" "ms per copy" "KiB per copy"
base_kib=""
for factor in 1 10 100; do
	scaled "$factor" "$tmp/x$factor.db"
	pages=$(sqlite3 "$tmp/x$factor.db" "SELECT count(*) FROM pages")
	size=$(($(stat -c %s "$tmp/x$factor.db") / 1024))
	: >"$tmp/samples"
	for _ in $(seq "$runs"); do
		/usr/bin/time -f '%e %M' -o "$tmp/usage" "$build/inkref" run --panel png:waveshare-7in5-v2 \
			--input stdin --db "$tmp/x$factor.db" --png "$tmp/screen.png" --idle 0 </dev/null 2>"$tmp/log" ||
			{ cat "$tmp/log" >&2; exit 1; }
		tail -1 "$tmp/usage" >>"$tmp/samples"
	done
	median() { cut -d' ' -f"$1" "$tmp/samples" | sort -n | sed -n "$(((runs + 1) / 2))p"; }
	secs=$(median 1)
	kib=$(median 2)
	[ -n "$base_kib" ] || base_kib=$kib
	awk -v f="$factor" -v p="$pages" -v s="$size" -v t="$secs" -v k="$kib" -v b="$base_kib" 'BEGIN {
		printf "%-7s %7d %9d %8.0f %12d %14.1f %16.0f\n", f "x", p, s, t * 1000, k, t * 1000 / f,
			(f > 1 ? (k - b) / (f - 1) : 0) }' | tee -a "$tmp/table"
done
echo "(median of $runs runs each; KiB per copy: the peak's growth over 1x, per added copy)"
# Linear: from 10x to 100x, time and memory per copy grow by at most half (a quadratic step
# would multiply them by ten).
awk '$1 == "10x" {t10 = $6; m10 = $7} $1 == "100x" {t100 = $6; m100 = $7} END {
	ok = t100 <= 1.5 * t10 && m100 <= 1.5 * m10
	printf "%s start-up grows linearly with the content: per copy %.1f -> %.1f ms, %d -> %d KiB from 10x to 100x\n",
		ok ? "PASS" : "FAIL", t10, t100, m10, m100 }' "$tmp/table"
