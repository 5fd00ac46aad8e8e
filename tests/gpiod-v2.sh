#!/usr/bin/env bash
# gpiod-v2.sh: builds inkref against libgpiod v2 (the API of Debian 13 and Raspberry Pi OS
# trixie) on a Debian 12 machine, whose own libgpiod-dev is v1. Debian's bookworm-backports
# suite carries v2 built for Debian 12: its packages are unpacked into a build-local prefix
# (the two -dev packages cannot be installed side by side), and the whole program is
# compiled and linked against it. Usage: tests/gpiod-v2.sh BUILD_DIR
set -euo pipefail
build=${1:-build}
prefix="$build/gpiod-v2"
sudo=""
[ "$(id -u)" = 0 ] || sudo="sudo"
if ! ls "$prefix"/usr/include/gpiod.h >/dev/null 2>&1; then
	if ! grep -rqs "bookworm-backports" /etc/apt/sources.list /etc/apt/sources.list.d/; then
		echo "deb http://deb.debian.org/debian bookworm-backports main" |
			$sudo tee /etc/apt/sources.list.d/inkref-backports.list >/dev/null
	fi
	$sudo apt-get update -qq
	mkdir -p "$prefix/debs"
	(cd "$prefix/debs" && apt-get download -qq libgpiod-dev/bookworm-backports libgpiod3/bookworm-backports)
	for deb in "$prefix"/debs/*.deb; do dpkg -x "$deb" "$prefix"; done
fi
multiarch=$(gcc -print-multiarch)
lib="$prefix/usr/lib/$multiarch"
version=$(sed -n 's/^Version: *//p' "$lib/pkgconfig/libgpiod.pc")
echo "building against libgpiod $version from $prefix"
# The Makefile's own build, in a folder of its own: pkg-config finds the v2 libgpiod first (so
# INKREF_GPIOD_V2 is set), its header comes before the system's, and it links the v2 library.
v2_build="$build/gpiod-v2/build"
make --no-print-directory BUILD="$v2_build" \
	PKG_CONFIG="env PKG_CONFIG_PATH=$lib/pkgconfig pkg-config" CPPFLAGS="-I$prefix/usr/include" \
	LDFLAGS="-L$lib -Wl,-rpath,$(realpath "$lib")" "$v2_build/inkref" >/dev/null
cp "$v2_build/inkref" "$build/inkref-gpiod-v2"
# The v2 binary runs: its GPIO layer reports the v2 API, and the kiosk renders.
LD_LIBRARY_PATH="$lib" "$build/inkref-gpiod-v2" render --out "$build/gpiod-v2-render" \
	--keys down,ok --panel waveshare-2in7-v2 --db "$build/content.db" >/dev/null
# grep reads all of ldd's output: with -q it would stop at the match, and ldd, cut off by the
# closed pipe, would fail the pipeline under pipefail on a run that links the right library.
ldd "$build/inkref-gpiod-v2" | grep "libgpiod.so.3" >/dev/null && echo "1 passed, 0 failed" || {
	echo "0 passed, 1 failed: not linked against libgpiod.so.3"
	exit 1
}
