#!/usr/bin/env bash
# The setup guide's wiring must be the code's: doc/wiring.svg, doc/buttons.svg and the two
# tables in README.md (between their "generated" markers) are written by build/wiring from
# the pin table the daemon uses. check: fail when any differs; update: rewrite them.
set -euo pipefail
wiring=$1 mode=${2:-check}
cd "$(dirname "$0")/.."
run=${INKREF_RUN:-}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

$run "$wiring" header-svg >"$tmp/wiring.svg"
$run "$wiring" buttons-svg >"$tmp/buttons.svg"
$run "$wiring" table >"$tmp/table.md"
$run "$wiring" buttons-table >"$tmp/buttons.md"

# README.md with the block after the line "<!-- generated: NAME -->" (up to the next blank
# line) replaced by FILE.
splice() { # NAME FILE IN OUT
	awk -v name="$1" -v file="$2" '
		skip && /^$/ { skip = 0 }
		skip { next }
		{ print }
		$0 == "<!-- generated: " name " -->" {
			while ((getline l < file) > 0) print l
			skip = 1; found = 1
		}
		END { if (!found) { print "no marker for " name > "/dev/stderr"; exit 1 } }' "$3" >"$4"
}
splice wiring-table "$tmp/table.md" README.md "$tmp/readme1"
splice buttons-table "$tmp/buttons.md" "$tmp/readme1" "$tmp/readme2"

if [ "$mode" = update ]; then
	cp "$tmp/wiring.svg" doc/wiring.svg
	cp "$tmp/buttons.svg" doc/buttons.svg
	cp "$tmp/readme2" README.md
	echo "doc/wiring.svg, doc/buttons.svg and README.md's tables rewritten"
	exit 0
fi
status=0
for f in wiring.svg buttons.svg; do
	if ! cmp -s "$tmp/$f" "doc/$f"; then
		echo "FAIL: doc/$f differs from the code's pin table: run make update-doc" >&2
		status=1
	fi
done
if ! diff -u README.md "$tmp/readme2" >&2; then
	echo "FAIL: README.md's wiring tables differ from the code's pin table: run make update-doc" >&2
	status=1
fi
# The pictures must be well-formed XML, or a browser shows nothing.
if command -v xmllint >/dev/null 2>&1; then
	xmllint --noout doc/wiring.svg doc/buttons.svg || status=1
fi
[ $status = 0 ] && echo "wiring guide: matches the code's pin table"
exit $status
