#!/usr/bin/env bash
# layers.sh: each folder of src/ includes only the headers of the layers below it
# (doc/ARCHITECTURE.md): core nothing but core; content core and io; panel core and io; io core and
# the panel description (the configuration checks a panel spec); ui everything but app; app
# anything but desktop (the preview window's own program, above it all). An include that climbs is named with its file and line. Usage: tests/layers.sh [SRC]
set -uo pipefail
src=${1:-src}
declare -A allowed=(
	[core]="core"
	[content]="core io content"
	[io]="core io panel/panel.h"
	[panel]="core io panel"
	[ui]="core content io panel ui"
	[app]="core content io panel ui app"
	[desktop]="core content io panel ui app desktop"
)
declare -A home=()
for path in "$src"/*/*.[ch]; do
	home[$(basename "$path")]=$(basename "$(dirname "$path")")
done
bad=0
for path in "$src"/*/*.[ch]; do
	layer=$(basename "$(dirname "$path")")
	if [ -z "${allowed[$layer]+x}" ]; then
		echo "$path: the folder '$layer' is no layer of doc/ARCHITECTURE.md" >&2
		bad=$((bad + 1))
		continue
	fi
	while IFS=: read -r line header; do
		header=${header#*\"}
		header=${header%%\"*}
		target=${home[$header]:-}
		[ -n "$target" ] || continue
		ok=0
		for a in ${allowed[$layer]}; do
			if [ "$a" = "$target" ] || [ "$a" = "$target/$header" ]; then ok=1; fi
		done
		if [ $ok = 0 ]; then
			echo "$path:$line: $layer includes $target/$header, a layer above it" >&2
			bad=$((bad + 1))
		fi
	done < <(grep -n '^#include "' "$path")
done
if [ $bad = 0 ]; then echo "layers: every include goes down"; fi
[ $bad = 0 ]
