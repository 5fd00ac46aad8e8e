#!/usr/bin/env bash
# run.sh: make bench. Times inkref's per-key work (build the screen, draw it) on every screen
# of the 7.5" panel beside Pillow drawing the same display lists with the same fonts in 1-bit
# mode, counts instructions per key press with callgrind on representative screens, and
# measures peak memory of render --all. Prints one report; exits 0 even when a target is
# missed (it is a report, not a test), but says FAIL.
# usage: bench/run.sh BUILD_DIR
set -euo pipefail
build=${1:-build}
root=$(cd "$(dirname "$0")/.." && pwd)
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
panel=waveshare-7in5-v2
python=/usr/bin/python3 # Debian's, with python3-pil

echo "inkref bench: $panel (800x480), $(nproc) cores, $(date -u +%Y-%m-%d)"
mkdir -p "$tmp/ops"
"$build/bench" time "$panel" 50 "$tmp/ops" >"$tmp/ours.txt"
"$python" "$root/bench/pillow_peer.py" --repeats 20 --root "$root" "$tmp/ops" >"$tmp/pillow.txt"

# Callgrind on the home menu, a submenu, the four page screens with the most text, and the
# large-text versions of two of them: instructions of one key press, caches warm.
pages=$(ls -S "$tmp/ops" | grep -E '^page-.*\.ops$' | head -4 | sed 's/\.ops$//')
picked="$(sed -n 's/^screen=\(menu-01-[^ ]*\) .*/\1/p' "$tmp/ours.txt" | head -1)
$(sed -n 's/^screen=\(menu-[^ ]*\) .*/\1/p' "$tmp/ours.txt" | grep -v '^menu-01-' | head -1)
$pages
$(echo "$pages" | head -2 | sed 's/^/large-/')"
: >"$tmp/ir.txt"
for name in $picked; do
	valgrind --tool=callgrind --collect-atstart=no --toggle-collect=bench_measured_press \
		--callgrind-out-file="$tmp/cg.out" "$build/bench" one "$panel" "$name" 1 >/dev/null 2>&1
	ir=$(sed -n 's/^summary: *\([0-9]*\).*/\1/p; s/^totals: *\([0-9]*\).*/\1/p' "$tmp/cg.out" | head -1)
	echo "screen=$name ir=$ir" >>"$tmp/ir.txt"
done

# Peak resident memory of the headless renderer (GNU time's maximum resident set size).
peak() {
	/usr/bin/time -f '%M' -o "$tmp/peak" "$build/inkref" render --out "$tmp/all" "$@" 2>/dev/null
	cat "$tmp/peak"
}
peak_all=$(peak --all)
screens_all=$(find "$tmp/all" -name '*.png' | wc -l)
rm -rf "$tmp/all"
peak_one=$(peak --all --panel "$panel")
screens_one=$(find "$tmp/all" -name '*.png' | wc -l)

"$python" - "$tmp" "$peak_all" "$screens_all" "$peak_one" "$screens_one" <<'PY'
import statistics, sys
tmp, peak_all, n_all, peak_one, n_one = sys.argv[1], int(sys.argv[2]), sys.argv[3], int(sys.argv[4]), sys.argv[5]

def table(path):
    rows = {}
    for line in open(path):
        fields = dict(f.split("=", 1) for f in line.split())
        rows[fields.pop("screen")] = fields
    return rows

ours, pillow, ir = table(f"{tmp}/ours.txt"), table(f"{tmp}/pillow.txt"), table(f"{tmp}/ir.txt")
rows = []
for name, o in ours.items():
    render, layout = float(o["render_us"]), float(o["layout_us"])
    theirs = float(pillow[name]["pillow_us"])
    rows.append((name, render, layout, theirs, theirs / (render + layout), ir.get(name, {}).get("ir")))

print()
print(f"{'screen':44} {'inkref µs':>9} {'layout µs':>9} {'Pillow µs':>9} {'speed-up':>8} {'Ir/press':>10}")
for name, render, layout, theirs, speedup, instr in rows:
    if instr is None:
        continue
    print(f"{name[:44]:44} {render:9.1f} {layout:9.1f} {theirs:9.1f} {speedup:7.1f}x {int(instr):10,}")
renders = [r[1] for r in rows]
pillows = [r[3] for r in rows]
worst = min(rows, key=lambda r: r[4])
print()
print(f"all {len(rows)} screens (normal and large text, menus and pages):")
print(f"  inkref render µs: median {statistics.median(renders):.1f}, worst {max(renders):.1f}"
      f"  (cold page layout: worst {max(r[2] for r in rows):.1f} µs, done once per page)")
print(f"  Pillow µs:        median {statistics.median(pillows):.1f}, worst {max(pillows):.1f}")
print(f"  speed-up:         median {statistics.median(r[4] for r in rows):.1f}x,"
      f" least {worst[4]:.1f}x ({worst[0]})")
worst_ir = max(int(v["ir"]) for v in ir.values())
print(f"  instructions per key press (callgrind, {len(ir)} screens): worst {worst_ir:,}")
print(f"peak RSS, render --all, 3 panels ({n_all} screens): {peak_all} KiB")
print(f"peak RSS, render --all, {rows and 'waveshare-7in5-v2'} ({n_one} screens): {peak_one} KiB")
print()
def verdict(ok, text):
    print(("PASS " if ok else "FAIL ") + text)
verdict(worst[4] >= 10, f"every screen at least 10x faster than Pillow (least {worst[4]:.1f}x, render + cold layout)")
verdict(worst_ir <= 5_000_000, f"at most 5,000,000 instructions per 800x480 key press (worst {worst_ir:,})")
verdict(peak_one <= 8 * 1024, f"peak memory under 8 MiB ({peak_one} KiB for the 7.5\" panel, every screen)")
PY
