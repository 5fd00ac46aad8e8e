#!/usr/bin/env bash
# sysroot.sh: a build-local sysroot of Debian 12 (bookworm) packages for a foreign
# architecture, for cross builds that must not go through dpkg's multiarch (see cross.mk).
# The packages named, the C library and every library they depend on are fetched with a
# private apt configuration (Debian 12's main suite only; lists, cache and an empty package
# status beside the sysroot) and unpacked with dpkg-deb -x. The machine's dpkg database and apt
# sources are never touched, so a foreign index that fails to download cannot break anyone's
# apt-get update. Runs again only when the package list changes.
# Usage: cross/sysroot.sh ARCH SYSROOT PACKAGE...   (DEBIAN_MIRROR overrides deb.debian.org)
set -euo pipefail
arch=$1 sysroot=$2
shift 2
packages="libc6-dev $*"
mirror=${DEBIAN_MIRROR:-http://deb.debian.org/debian}
stamp="$sysroot/.packages"
if [ "$(cat "$stamp" 2>/dev/null)" = "$arch $packages" ]; then
	exit 0
fi
apt_dir="$(dirname "$sysroot")/apt"
rm -rf "$sysroot" "$apt_dir"
mkdir -p "$apt_dir/state/lists/partial" "$apt_dir/cache/archives/partial" "$apt_dir/parts" "$sysroot"
: >"$apt_dir/state/status"
echo "deb [arch=$arch signed-by=/usr/share/keyrings/debian-archive-keyring.gpg] $mirror bookworm main" \
	>"$apt_dir/sources.list"
apt_options=(
	-o "APT::Architecture=$arch" -o "APT::Architectures=$arch"
	-o "Dir::Etc::SourceList=$apt_dir/sources.list" -o "Dir::Etc::SourceParts=$apt_dir/parts"
	-o "Dir::Etc::Preferences=$apt_dir/parts/none" -o "Dir::Etc::PreferencesParts=$apt_dir/parts"
	-o "Dir::State=$apt_dir/state" -o "Dir::State::Status=$apt_dir/state/status"
	-o "Dir::Cache=$apt_dir/cache"
	# Private lists and cache need no lock on the machine's; as root, apt would otherwise
	# download as the _apt user, who cannot write into this build folder.
	-o Debug::NoLocking=true -o APT::Sandbox::User="$(id -un)"
	-qq
)
echo "Fetching Debian 12 $arch packages into $sysroot: $packages"
apt-get "${apt_options[@]}" update
# shellcheck disable=SC2086
apt-get "${apt_options[@]}" install --download-only --no-install-recommends -y $packages
for deb in "$apt_dir"/cache/archives/*.deb; do
	dpkg-deb -x "$deb" "$sysroot"
done
# Absolute symbolic links would point at this machine's own files: make them relative, inside.
find "$sysroot" -type l -lname '/*' | while read -r link; do
	ln -sfn "$(realpath -m --relative-to="$(dirname "$link")" "$sysroot$(readlink "$link")")" "$link"
done
echo "$arch $packages" >"$stamp"
echo "sysroot: $(find "$apt_dir"/cache/archives -name '*.deb' | wc -l) packages unpacked"
