#!/usr/bin/env bash
# mutations.sh: proof that the tests catch the driver mistakes that matter on real glass. Each
# mutation is applied to a copy of the tree, which is built and run through the display tests
# (random keys on every emulated panel, deep sleep and power cycles included); every mutation
# must make them fail. Usage: tests/mutations.sh (from the top folder; make check-mutations).
set -u
top=$(pwd)
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
failed=0

# name|file|sed expression
mutations=(
	"drop_0x92|src/panel/epd_uc8179.c|s/rc = epd_cmd(epd, 0x92, NULL, 0);/rc = 0;/"
	"drop_full_refresh_after_wake|src/panel/display.c|s/if (d->epd.asleep \&\& step->plan.mode == REFRESH_PARTIAL) {/if (0) {/"
	"skip_red_rewrite_ssd168x|src/panel/epd_ssd168x.c|s/rc = write_ram(epd, 0x26, frame, windows\[i\]);/rc = 0;/"
	"skip_old_copy_uc8179|src/panel/epd_uc8179.c|s/#define CDI_FULL    0x18/#define CDI_FULL    0x10/;s/#define CDI_PARTIAL 0x98/#define CDI_PARTIAL 0x90/"
)

for m in "${mutations[@]}"; do
	IFS='|' read -r name file expr <<<"$m"
	rm -rf "$tmp/tree"
	mkdir -p "$tmp/tree"
	git -C "$top" ls-files -z | (cd "$top" && xargs -0 cp --parents -t "$tmp/tree")
	sed -i "$expr" "$tmp/tree/$file"
	if cmp -s "$top/$file" "$tmp/tree/$file"; then
		echo "FAIL mutation.$name: the mutation did not apply to $file" >&2
		failed=$((failed + 1))
		continue
	fi
	if ! make -C "$tmp/tree" -s all build/test-unit >"$tmp/build.txt" 2>&1; then
		echo "FAIL mutation.$name: the mutated tree does not build: $(tail -3 "$tmp/build.txt")" >&2
		failed=$((failed + 1))
		continue
	fi
	if (cd "$tmp/tree/tests" && ../build/test-unit display >"$tmp/test.txt" 2>&1); then
		echo "FAIL mutation.$name: the display tests passed with the mutation" >&2
		failed=$((failed + 1))
	else
		echo "ok   mutation.$name caught: $(grep -m1 -E 'CHECK failed|FAIL' "$tmp/test.txt")"
	fi
done
[ "$failed" = 0 ]
