#!/usr/bin/env bash
# deb-install.sh: the Debian packages from 'make deb', installed with apt into a fresh minimal
# Debian root of the host's release (Debian 12 in CI), as on a new kiosk. Checks that apt resolves their dependencies; the program
# runs and draws from the installed content exactly what the tree's build draws; the system
# user exists in the gpio, spi and input groups; the service is enabled; a changed
# /etc/inkref/inkref.conf survives upgrades; a newer inkref-content installs alone without
# touching the program, an older one is refused; remove keeps only the changed configuration,
# and purge leaves nothing behind but the system user (Debian leaves users in place).
#
# The root comes from debootstrap (variant minbase) once and is kept in the build folder with
# its downloaded packages; every run installs into a fresh copy of it. Needs root (chroot).
# Usage: tests/deb-install.sh DEB_DIR REFERENCE_INKREF   e.g. build/deb build/inkref
# shellcheck disable=SC2016 # the dpkg-query formats and the hook's script are literal text
set -uo pipefail
deb_dir=$(realpath "$1")
reference=$(realpath "$2")
[ "$(id -u)" = 0 ] || exec sudo "$0" "$@"

# The host's release: the packages were built against its libraries.
suite=$(sed -n 's/^VERSION_CODENAME=//p' /etc/os-release)
suite=${suite:-bookworm}
mirror=http://deb.debian.org/debian
cache=$(realpath -m "$(dirname "$deb_dir")/deb-root")
base=$cache/base         # the pristine root, as debootstrap left it, with apt's lists
archives=$cache/archives # packages apt downloaded into the test roots, kept for the next run
root=$cache/root         # this run's copy of the base
work=$(mktemp -d)
passed=0
failed=0

pass() { passed=$((passed + 1)); echo "ok   deb.$1"; }
fail() { failed=$((failed + 1)); echo "FAIL deb.$1: $2" >&2; }
check() { # check NAME DETAIL -- command...: passes when the command succeeds
	local name=$1 detail=$2
	shift 3
	if "$@" >/dev/null; then pass "$name"; else fail "$name" "$detail"; fi
}
not() { ! "$@"; }

# unmount_under DIR: nothing may stay mounted in a root that rm -rf is about to delete.
unmount_under() {
	local mnt
	awk -v r="$1" 'index($2, r "/") == 1 { print $2 }' /proc/mounts | sort -r |
		while read -r mnt; do umount -l "$mnt"; done
}
cleanup() {
	unmount_under "$root"
	rm -rf "$work"
}
trap cleanup EXIT

in_root() {
	chroot "$root" /usr/bin/env -i PATH=/usr/sbin:/usr/bin:/sbin:/bin HOME=/root LC_ALL=C \
		DEBIAN_FRONTEND=noninteractive "$@"
}

# apt_log NAME apt-get-arguments...: runs apt-get in the root, its output in $work/NAME.log.
apt_log() {
	local name=$1
	shift
	# No pseudo-terminal for dpkg: the root has no /dev/pts.
	in_root apt-get -y -q -o Dpkg::Use-Pty=0 "$@" >"$work/$name.log" 2>&1
}

# A clean install, upgrade or removal: apt succeeded and dpkg did not complain.
apt_clean() {
	local name=$1
	shift
	if ! apt_log "$name" "$@"; then
		fail "$name" "apt-get $* failed: $(tail -5 "$work/$name.log")"
	elif grep -E "^dpkg: warning|^W: |^E: " "$work/$name.log" >"$work/$name.warnings"; then
		fail "$name" "$(cat "$work/$name.warnings")"
	else
		pass "$name"
	fi
}

pkg_version() { in_root dpkg-query -W -f='${Version}' "$1" 2>/dev/null; }
pkg_status() { in_root dpkg-query -W -f='${db:Status-Abbrev}' "$1" 2>/dev/null | tr -d ' '; }

# repack DEB VERSION [CONF_LINE]: a copy of DEB at VERSION, into $work; with CONF_LINE
# appended to the shipped /etc/inkref/inkref.conf. Prints the new file's path.
repack() {
	local deb=$1 version=$2 conf_line=${3:-} dir
	dir=$work/repack-$(basename "$deb" .deb)-$version
	dpkg-deb -R "$deb" "$dir"
	sed -i "s/^Version: .*/Version: $version/" "$dir/DEBIAN/control"
	if [ -n "$conf_line" ]; then
		echo "$conf_line" >>"$dir/etc/inkref/inkref.conf"
		(cd "$dir" && md5sum etc/inkref/inkref.conf) >"$work/conf.md5"
		sed -i "/ etc\/inkref\/inkref.conf$/d" "$dir/DEBIAN/md5sums"
		cat "$work/conf.md5" >>"$dir/DEBIAN/md5sums"
	fi
	local out
	out=$work/$(dpkg-deb -f "$deb" Package)_${version}_$(dpkg-deb -f "$deb" Architecture).deb
	dpkg-deb -b "$dir" "$out" >/dev/null
	echo "$out"
}

# copy_in FILE: puts a package where apt in the root reads it; prints its path in the root.
copy_in() {
	mkdir -p "$root/var/tmp/inkref-debs"
	install -m 0644 "$1" "$root/var/tmp/inkref-debs/"
	echo "/var/tmp/inkref-debs/$(basename "$1")"
}

program=$(ls "$deb_dir"/inkref_*.deb)
content=$(ls "$deb_dir"/inkref-content_*.deb)
version=$(dpkg-deb -f "$program" Version)

# The base root: made once, kept until the build folder is cleaned. The marker, which names the
# release, is written last, so a debootstrap that was interrupted is started again.
mkdir -p "$cache" "$archives"
unmount_under "$base"
if [ "$(cat "$base/.inkref-base-complete" 2>/dev/null)" != "$suite" ]; then
	echo "debootstrap: Debian $suite (minbase) into $base"
	rm -rf --one-file-system "$base"
	if ! debootstrap --variant=minbase "$suite" "$base" "$mirror" >"$work/debootstrap.log" 2>&1; then
		tail -20 "$work/debootstrap.log" >&2
		echo "0 passed, 1 failed: debootstrap failed"
		exit 1
	fi
	echo "$suite" >"$base/.inkref-base-complete"
fi

unmount_under "$root"
rm -rf --one-file-system "$root"
cp -a "$base" "$root"
rm "$root/.inkref-base-complete"
# The maintainer scripts act on services only on a running systemd (/run/systemd/system);
# here they see one, but the policy hook that deb-systemd-invoke asks first writes down what
# they asked for and refuses it (101), so nothing runs.
mkdir -p "$root/run/systemd/system"
printf '#!/bin/sh\necho "$1 $2" >>/var/tmp/service-actions\nexit 101\n' >"$root/usr/sbin/policy-rc.d"
chmod 0755 "$root/usr/sbin/policy-rc.d"
actions=$root/var/tmp/service-actions
# asked_list: what the maintainer scripts asked of inkref.service since $actions was cleared.
asked_list() { sed -n 's/^inkref\.service //p' "$actions" 2>/dev/null | paste -sd ' '; }
asked() { [ "$(asked_list)" = "$1" ]; }
# inkref finds its data directory through /proc/self/exe; without it, it uses the built-in one.
mount -t proc proc "$root/proc" || echo "note: no /proc in the root"
cp "$archives"/*.deb "$root/var/cache/apt/archives/" 2>/dev/null || true

check apt_update "apt-get update failed" -- apt_log update update

# Installing both packages with apt pulls in what they need from the Debian archive.
rm -f "$actions"
apt_clean install install "$(copy_in "$program")" "$(copy_in "$content")"
cp -n "$root"/var/cache/apt/archives/*.deb "$archives/" 2>/dev/null || true

got=$(in_root inkref --version 2>&1)
check version "--version says '$got'" -- [ "$got" = "inkref $version" ]
check content_gate "check-content failed on the installed database" -- \
	in_root inkref check-content /usr/share/inkref/content.db
check fonts_from_debian "the font links do not reach fonts-dejavu-core" -- \
	[ "$(in_root readlink -e /usr/share/inkref/fonts/DejaVuSans.ttf)" = \
	/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf ]

# Every screen on every panel, drawn by the packaged program from /usr/share/inkref (its
# content, the font links, the logo), is byte for byte what the tree's build draws.
in_root inkref render --out /var/tmp/screens --all >"$work/render.log" 2>&1
"$reference" render --out "$work/screens" --all >/dev/null 2>&1
n=$(find "$root/var/tmp/screens" -name '*.png' 2>/dev/null | wc -l)
if [ "$n" -lt 300 ]; then
	fail render_installed "$n screens: $(tail -3 "$work/render.log")"
elif ! diff -r "$root/var/tmp/screens" "$work/screens" >"$work/render.diff"; then
	fail render_installed "differs from the tree's build: $(head -3 "$work/render.diff")"
else
	pass render_installed
fi
rm -rf "$root/var/tmp/screens"

user=$(in_root getent passwd inkref)
groups=" $(in_root id -nG inkref 2>/dev/null) "
in_groups() { [[ $groups == *" gpio "* && $groups == *" spi "* && $groups == *" input "* ]]; }
check system_user "passwd: '$user'" -- [ "$(echo "$user" | cut -d: -f3)" -lt 1000 ]
check user_groups "groups:$groups" -- in_groups
link=$root/etc/systemd/system/multi-user.target.wants/inkref.service
check unit_enabled "$(ls -l "$link" 2>&1)" -- [ "$(readlink "$link")" = /lib/systemd/system/inkref.service ]
check unit_is_enabled "systemctl is-enabled: $(in_root systemctl --root=/ is-enabled inkref.service 2>&1)" -- \
	[ "$(in_root systemctl --root=/ is-enabled inkref.service 2>/dev/null)" = enabled ]
is_conffile() { in_root dpkg-query -W -f='${Conffiles}' inkref | grep '^ /etc/inkref/inkref.conf ' >/dev/null; }
check conffile "inkref.conf is not a conffile" -- is_conffile
check install_no_start "asked for: $(asked_list)" -- asked ""

# Upgrades keep a changed configuration: first with the same shipped file, then with a new one
# (which apt, told to keep the old, leaves beside it as inkref.conf.dpkg-dist).
sed -i 's/^idle_timeout_s = .*/idle_timeout_s = 300/' "$root/etc/inkref/inkref.conf"
conf_changed() { grep -q '^idle_timeout_s = 300$' "$root/etc/inkref/inkref.conf"; }
check conf_changed "could not change the configuration" -- conf_changed
rm -f "$actions"
apt_clean upgrade install "$(copy_in "$(repack "$program" "$version+up1")")"
check upgrade_try_restart "asked for: $(asked_list)" -- asked "try-restart"
check upgrade_version "inkref is $(pkg_version inkref)" -- [ "$(pkg_version inkref)" = "$version+up1" ]
check upgrade_keeps_conf "the changed inkref.conf was replaced" -- conf_changed
apt_clean upgrade_new_conf install -o Dpkg::Options::=--force-confdef \
	-o Dpkg::Options::=--force-confold \
	"$(copy_in "$(repack "$program" "$version+up2" "; shipped by $version+up2")")"
check upgrade_new_conf_keeps_conf "the changed inkref.conf was replaced" -- conf_changed
check upgrade_new_conf_beside "no inkref.conf.dpkg-dist with the new shipped file" -- \
	grep -q "shipped by $version+up2" "$root/etc/inkref/inkref.conf.dpkg-dist"
check upgrade_keeps_enabled "the unit is no longer enabled" -- [ -L "$link" ]

# A content-only update: inkref-content alone, the program untouched; the running kiosk would
# reread the content (the trigger).
before=$(stat -c '%i %Y' "$root/usr/bin/inkref")
program_version=$(pkg_version inkref)
rm -f "$actions"
apt_clean content_update install "$(copy_in "$(repack "$content" "$version+content1")")"
check content_update_version "inkref-content is $(pkg_version inkref-content)" -- \
	[ "$(pkg_version inkref-content)" = "$version+content1" ]
program_untouched() {
	[ "$(pkg_version inkref)" = "$program_version" ] &&
		[ "$(stat -c '%i %Y' "$root/usr/bin/inkref")" = "$before" ]
}
check content_update_program_untouched "inkref went from $program_version to $(pkg_version inkref)" -- \
	program_untouched
check content_update_no_program_unpack "apt unpacked or configured the program" -- \
	not grep -E "^(Unpacking|Setting up) inkref " "$work/content_update.log"
check content_update_trigger "the program's trigger did not run" -- \
	grep -q "^Processing triggers for inkref " "$work/content_update.log"
check content_update_reload "asked for: $(asked_list)" -- asked "try-reload-or-restart"

# Content older than the program does not satisfy its dependency: apt refuses, nothing changes.
older=$(copy_in "$(repack "$content" "0.0.1")")
if apt_log content_older install --no-remove --allow-downgrades "$older"; then
	fail content_older_refused "apt installed inkref-content 0.0.1 under inkref $program_version"
elif ! grep -q "remove is disabled" "$work/content_older.log"; then
	fail content_older_refused "apt did not refuse for the dependency: $(tail -3 "$work/content_older.log")"
elif [ "$(pkg_version inkref-content)" != "$version+content1" ] || [ "$(pkg_status inkref)" != ii ]; then
	fail content_older_refused "inkref $(pkg_status inkref), inkref-content $(pkg_version inkref-content)"
else
	pass content_older_refused
fi

# Remove: the program, its unit and the content go; the changed configuration stays.
rm -f "$actions"
apt_clean remove remove inkref inkref-content
check remove_stops "asked for: $(asked_list)" -- asked "stop"
check remove_program "/usr/bin/inkref is still there" -- [ ! -e "$root/usr/bin/inkref" ]
check remove_unit "the unit file is still there" -- [ ! -e "$root/lib/systemd/system/inkref.service" ]
check remove_content "/usr/share/inkref is still there" -- [ ! -e "$root/usr/share/inkref" ]
check remove_keeps_conf "the changed inkref.conf is gone" -- conf_changed
check remove_state "inkref is '$(pkg_status inkref)', wanted rc" -- [ "$(pkg_status inkref)" = rc ]

# Purge: nothing of inkref's is left, but the system user.
apt_clean purge purge inkref inkref-content
rm -rf "$root/var/tmp/inkref-debs"
check purge_conf "/etc/inkref is still there: $(ls -A "$root/etc/inkref" 2>&1)" -- [ ! -e "$root/etc/inkref" ]
check purge_enable_link "the multi-user.target.wants link is still there" -- [ ! -L "$link" ]
check purge_dpkg "dpkg still knows inkref: $(pkg_status inkref)" -- [ -z "$(pkg_status inkref)" ]
left=$(cd "$root" && find . -xdev -name '*inkref*' -not -path './var/cache/apt/*' \
	-not -path './var/lib/apt/*' -not -path './var/log/*' | head)
check purge_nothing_left "left: $left" -- [ -z "$left" ]
check purge_triggers "a trigger interest is left" -- not grep -rq inkref "$root/var/lib/dpkg/triggers"
check purge_keeps_user "the inkref user is gone" -- in_root getent passwd inkref

unmount_under "$root"
[ "$failed" = 0 ] && rm -rf --one-file-system "$root"
echo "$passed passed, $failed failed"
[ "$failed" = 0 ]
