#!/usr/bin/env bash
# run.sh: runs each libFuzzer target for a bounded time, one after the other, from its seeds
# (tests/fuzz/corpus/TARGET) into a working corpus (BUILD/corpus/TARGET) that later runs start
# from. Fails on the first crash, leak or time-out; libFuzzer leaves the input that failed in
# BUILD/findings/TARGET/ and its log in BUILD/findings/TARGET.log. Prints per target the
# executions, the edges covered and the corpus size, and appends them to BUILD/runs.txt.
# Usage: tests/fuzz/run.sh BUILD SECONDS TARGET...
set -euo pipefail
build=$1
seconds=$2
shift 2

# The longest input worth trying: a little above the largest seed of each kind.
max_len() {
	case $1 in
	content_db | content_schema) echo 131072 ;;
	font | png) echo 65536 ;;
	content_source) echo 65536 ;;
	layout) echo 16384 ;;
	config | keys) echo 4096 ;;
	*) echo 32768 ;;
	esac
}

for t in "$@"; do
	mkdir -p "$build/corpus/$t" "$build/findings/$t"
	log="$build/findings/$t.log"
	dict=()
	[ ! -f "tests/fuzz/$t.dict" ] || dict=("-dict=tests/fuzz/$t.dict")
	start=$(date +%s)
	if ! "$build/fuzz_$t" -max_total_time="$seconds" -timeout=10 -rss_limit_mb=2048 \
		-max_len="$(max_len "$t")" -print_final_stats=1 -artifact_prefix="$build/findings/$t/" \
		"${dict[@]}" "$build/corpus/$t" "tests/fuzz/corpus/$t" >"$log" 2>&1; then
		tail -n 40 "$log" >&2
		echo "FAIL fuzz.$t: the input is in $build/findings/$t/, the log in $log" >&2
		exit 1
	fi
	wall=$(($(date +%s) - start))
	execs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$log")
	cov=$(grep -o 'cov: [0-9]*' "$log" | tail -n 1 | cut -d' ' -f2)
	corpus=$(find "$build/corpus/$t" -type f | wc -l)
	echo "ok   fuzz.$t: ${wall}s, $execs executions, $cov edges, $corpus inputs in the corpus"
	echo "$(date -u +%FT%TZ) $t seconds=$wall executions=$execs edges=$cov corpus=$corpus" \
		>>"$build/runs.txt"
done
