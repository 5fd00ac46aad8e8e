#!/usr/bin/env bash
# authoring.sh: the tools for the people who write and review the content: render --text
# (every screen's text as JSON), render --page (one page's screens) and render --review (the
# review sheet, printed to PDF by headless Chromium). Usage: tests/authoring.sh build/inkref
set -u
build=$(realpath "$(dirname "$1")")
db=$build/content.db
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
# shellcheck source=tests/lib.sh
. "$(dirname "$0")/lib.sh" authoring
inkref=$(runner "$(realpath "$1")" "$tmp")
# check NAME DETAIL CONDITION: CONDITION is shell code, true for a pass.
check() { if eval "$3"; then pass "$1"; else fail "$1" "$2"; fi; }

# --- render --text -----------------------------------------------------------------------
"$inkref" render --text "$tmp/text.json" --db "$db" 2>"$tmp/err"
check text_writes "$(cat "$tmp/err")" 'jq -e '\''length > 0'\'' "$tmp/text.json" >/dev/null'
# Every page on every panel at both sizes, its screens numbered 1..N with none missing.
pages=$(sqlite3 "$db" 'SELECT count(*) FROM pages')
got=$(jq '[.[] | select(.kind == "page") | "\(.panel) \(.text_size) \(.page)"] | unique | length' "$tmp/text.json")
check text_every_page "$got page and panel pairs, wanted $((pages * 6))" '[ "$got" = $((pages * 6)) ]'
gaps=$(jq '[group_by([.panel, .text_size, .kind, .page, .menu])[] |
	select([.[].screen] != [range(1; .[0].screens + 1)])] | length' "$tmp/text.json")
check text_screens_numbered "$gaps pages or menus with screens missing or repeated" '[ "$gaps" = 0 ]'
# Each menu screen once, not once per cursor position: the home menu on the 7.5" in normal
# text is one object per screen of its list, and it lists every topic.
home=$(jq -r '[.[] | select(.panel == "waveshare-7in5-v2" and .text_size == "normal" and
	.kind == "menu" and .menu == 1)] | length' "$tmp/text.json")
topics=$(sqlite3 "$db" 'SELECT count(*) FROM menu_items WHERE parent_id = 1')
entries=$(jq -r '[.[] | select(.panel == "waveshare-7in5-v2" and .text_size == "normal" and
	.kind == "menu" and .menu == 1) | .lines[]] | length' "$tmp/text.json")
check text_menus_once "home: $home objects, $entries lines for $topics topics" '[ "$home" -ge 1 ] && [ "$home" -le 2 ] && [ "$entries" = "$topics" ]'
# A reader's rule, on every panel and size: a page's last screen carries its sources line.
bad=$(jq -r '.[] | select(.kind == "page" and .screen == .screens) |
	select([.lines[] | test("^Sources? [0-9]")] | any | not) |
	"\(.panel) \(.text_size) page \(.page) (\(.file):\(.line))"' "$tmp/text.json")
check text_sources_last "$(echo "$bad" | head -3)" '[ -z "$bad" ]'
# Runs that touch make one word, runs apart a space; the file and line of each page.
mkdir -p "$tmp/content"
cp tests/fixtures/content/meta.txt tests/fixtures/content/sources.txt "$tmp/content/"
printf '@topic T\n@page Joined\n@sources alpha, beta\n\nA **B**C d.\n' >"$tmp/content/01-t.txt"
"$inkref" build-content --out "$tmp/t.db" "$tmp/content" 2>/dev/null
"$inkref" render --text - --db "$tmp/t.db" --panel waveshare-7in5-v2 >"$tmp/t.json" 2>/dev/null
line=$(jq -r '[.[] | select(.kind == "page" and .text_size == "normal")][0] |
	"\(.lines[1])|\(.file):\(.line)|\(.header[0])"' "$tmp/t.json")
check text_joins_runs "got '$line'" '[ "$line" = "A BC d.|01-t.txt:2|Home" ]'
# Errors: a page that does not exist, a file that cannot be written.
"$inkref" render --text - --page 'No such page' --db "$db" >/dev/null 2>"$tmp/err"
code=$?
check text_unknown_page "exit $code: $(cat "$tmp/err")" '[ "$code" = 64 ] && grep -q "no page has the id or title '\''No such page'\''" "$tmp/err"'
"$inkref" render --text "$tmp/none/t.json" --db "$db" 2>"$tmp/err"
code=$?
check text_unwritable "exit $code: $(cat "$tmp/err")" '[ "$code" = 74 ] && grep -q "none/t.json" "$tmp/err"'

# --- render --page -----------------------------------------------------------------------
# By title (any case) and by id: just that page's screens, the same pixels as render --all.
id=$(sqlite3 "$db" "SELECT id FROM pages WHERE title = 'The upper limit'")
"$inkref" render --out "$tmp/page" --page 'the UPPER limit' --db "$db" --panel waveshare-4in2-v2 2>"$tmp/err"
want=$(jq "[.[] | select(.panel == \"waveshare-4in2-v2\" and .page == $id)] | length" "$tmp/text.json")
n=$(find "$tmp/page" -name '*.png' | wc -l)
check page_by_title "$n PNGs, wanted $want: $(cat "$tmp/err")" '[ "$n" = "$want" ] && [ "$n" -gt 1 ]'
"$inkref" render --out "$tmp/all" --all --db "$db" --panel waveshare-4in2-v2 2>/dev/null
same=0
for f in $(cd "$tmp/page" && find . -name '*.png'); do cmp -s "$tmp/page/$f" "$tmp/all/$f" && same=$((same + 1)); done
check page_same_pixels "$same of $n identical to render --all" '[ "$same" = "$n" ]'
"$inkref" render --text - --page "$id" --db "$db" >"$tmp/one.json" 2>/dev/null
others=$(jq "[.[] | select(.page != $id)] | length" "$tmp/one.json")
count=$(jq 'length' "$tmp/one.json")
check text_one_page "$count objects, $others of other pages" '[ "$others" = 0 ] && [ "$count" -gt 0 ]'

# --- render --review ---------------------------------------------------------------------
cp -r content "$tmp/planted"
printf '\nThe AASM guideline recommends 300–600 mg a day.\n' >>"$tmp/planted/10-evidence.txt"
"$inkref" build-content --out "$tmp/planted.db" "$tmp/planted" 2>/dev/null
"$inkref" render --review "$tmp/review" --db "$db" --content content 2>"$tmp/err"
code=$?
topics=$(sqlite3 "$db" 'SELECT count(*) FROM menu_items WHERE parent_id = 1')
check review_writes "exit $code: $(cat "$tmp/err")" \
	'[ "$code" = 0 ] && [ "$(ls "$tmp/review"/topic-*.html | wc -l)" = "$topics" ]'
missing=0
for f in "$tmp/review"/*.html; do
	for src in $(grep -o 'src="[^"]*"' "$f" | sed 's/^src="//; s/"$//' | sort -u); do
		[ -f "$tmp/review/$src" ] || missing=$((missing + 1))
	done
done
check review_images_exist "$missing images missing" '[ "$missing" = 0 ]'
# Each menu once: the home menu's screens on the 7.5" in normal text, not one per entry.
home_pngs=$(ls "$tmp/review/img/waveshare-7in5-v2/normal/" | grep -c '^menu-1-')
check review_menu_once "$home_pngs screens of the home menu" '[ "$home_pngs" = "$home" ]'
# A page's text as written, from its file and line; its sources with their addresses.
f=$(grep -l '>The upper limit</h2>' "$tmp/review"/topic-*.html)
check review_source_text "in ${f:-no topic file}" \
	'grep -q "06-dose-and-safety.txt:[0-9]*<" "$f" && grep -q "@page The upper limit" "$f" &&
	grep -q "href=\"https://ods.od.nih.gov/" "$f"'
# The panel and size chosen on the command line are the ones shown (and printed) first.
"$inkref" render --review "$tmp/review2" --db "$db" --panel waveshare-2in7-v2 --large 2>/dev/null
check review_chosen_panel "$(grep -o '<input[^>]*checked>' "$tmp/review2/index.html")" \
	'grep -q "id=p2 checked" "$tmp/review2/index.html" && grep -q "id=z1 checked" "$tmp/review2/index.html"'
"$inkref" render --review "$tmp/review3" --db "$db" --panel png 2>"$tmp/err"
check review_real_panels "exit $?" 'grep -q "not '\''png'\''" "$tmp/err"'
# The linter's findings sit beside the page they are about.
"$inkref" render --review "$tmp/planted-review" --db "$tmp/planted.db" --content "$tmp/planted" 2>/dev/null
f=$(grep -l 'says &quot;recommends 300&quot;' "$tmp/planted-review"/topic-*.html)
check review_findings "planted claim in ${f:-no topic file}" \
	'[ -n "$f" ] && grep -q "10-evidence.txt" "$f" && ! grep -q "recommends 300" "$tmp/review/index.html"'

# Printed by a real browser on A4 and on Letter (the sheet sets no paper size of its own: a
# printer's own paper is used): each topic from a new sheet, in order, each ending with its line
# to sign before the next begins; every page title on paper.
print_checks() {
	local paper=$1 pdf=$tmp/review-$1.pdf sheets order got ok prev_sheet sheet what expected
	local seq_got absent size
	# The sheet as printed on this paper: the same file with the paper named.
	sed "s|</head>|<style>@page{size:$paper}</style></head>|" "$tmp/review/print.html" \
		>"$tmp/review/print-$paper.html"
	chromium --headless --no-sandbox --disable-gpu --no-pdf-header-footer \
		--print-to-pdf="$pdf" "file://$tmp/review/print-$paper.html" >/dev/null 2>&1
	sheets=$(pdfinfo "$pdf" 2>/dev/null | awk '/^Pages:/ {print $2}')
	size=$(pdfinfo "$pdf" 2>/dev/null | sed -n 's/^Page size: *//p')
	echo "review sheet on $paper ($size): ${sheets:-no} printed pages for $topics topics and $pages pages"
	check "review_prints_$paper" "${sheets:-no} sheets of ${size:-no size} for $topics topics and $pages pages" \
		'[ -n "$sheets" ] && [ "$sheets" -gt "$topics" ] && [ "$sheets" -le $((pages + 1)) ] &&
		case $paper in A4) [[ $size == *"(A4)"* ]] ;; letter) [[ $size == *"(letter)"* ]] ;; esac'
	rm -f "$tmp/events"
	for i in $(seq 1 "${sheets:-0}"); do
		pdftotext -f "$i" -l "$i" "$pdf" - 2>/dev/null |
			grep -oiE '^topic [0-9]+ of [0-9]+$|I have read the text' |
			sed -E "s/^[Tt][Oo][Pp][Ii][Cc] ([0-9]+) .*/$i:T\1/; s/^I have.*/$i:S/" >>"$tmp/events"
	done
	got=$(tr '\n' ' ' <"$tmp/events")
	ok=1 prev_sheet=1
	while read -r ev; do
		sheet=${ev%%:*} what=${ev#*:}
		# A topic starts on a sheet after the one that ended the topic before.
		[ "${what#T}" != "$what" ] && { [ "$sheet" -gt "$prev_sheet" ] || ok=0; }
		prev_sheet=$sheet
	done <"$tmp/events"
	expected=$(for i in $(seq 1 "$topics"); do printf 'T%d S ' "$i"; done)
	seq_got=$(sed 's/^[0-9]*://' "$tmp/events" | tr '\n' ' ')
	check "review_topic_per_sheet_$paper" "events: $got" '[ "$ok" = 1 ] && [ "$seq_got" = "$expected" ]'
	pdftotext "$pdf" - 2>/dev/null | tr -s ' \n' ' ' >"$tmp/review.txt"
	absent=$(sqlite3 "$db" 'SELECT title FROM pages' | while read -r title; do
		grep -qF -- "$title" "$tmp/review.txt" || echo "$title"; done)
	check "review_titles_printed_$paper" "missing: $(echo "$absent" | head -3)" '[ -z "$absent" ]'
}
print_checks A4
print_checks letter

# --- render --watch ----------------------------------------------------------------------
# Rendered again after each save; a mistake named with its file and line; stopped by SIGINT,
# leaving no database of its own behind.
cp -r content "$tmp/watched"
export XDG_RUNTIME_DIR=$tmp/runtime
mkdir -p "$XDG_RUNTIME_DIR"
"$inkref" render --text "$tmp/watched.json" --watch --content "$tmp/watched" --panel waveshare-4in2-v2 \
	2>"$tmp/watch.err" &
watcher=$!
wait_for() { for _ in $(seq 100); do eval "$1" && return 0; sleep 0.1; done; return 1; }
wait_for '[ "$(grep -c "the next save" "$tmp/watch.err")" -ge 1 ]'
first=$(ls "$tmp/watched"/[0-9]*.txt | head -1)
title=$(sed -n 's/^@page //p' "$first" | head -1)
sed -i "s/^@page $title\$/@page $title, edited/" "$first"
wait_for '[ "$(grep -c "the next save" "$tmp/watch.err")" -ge 2 ]'
check watch_renders_again "$(tail -2 "$tmp/watch.err")" \
	'jq -e --arg t "$title, edited" "[.[] | select(.title == \$t)] | length > 0" "$tmp/watched.json" >/dev/null'
printf '@page\n' >>"$first"
line=$(wc -l <"$first")
wait_for '[ "$(grep -c "the next save" "$tmp/watch.err")" -ge 3 ]'
check watch_names_line "$(tail -3 "$tmp/watch.err")" \
	'grep -q "$first:$line: " "$tmp/watch.err" && jq -e "length > 0" "$tmp/watched.json" >/dev/null'
kill -INT "$watcher"
wait "$watcher"
code=$?
check watch_stops_clean "exit $code; left: $(ls "$XDG_RUNTIME_DIR")" \
	'[ "$code" = 0 ] && [ -z "$(ls "$XDG_RUNTIME_DIR")" ]'

summary
