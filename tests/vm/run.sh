#!/usr/bin/env bash
# vm/run.sh: the appliance as it runs on a kiosk, in a virtual machine: Debian 12's own kernel
# (linux-image-amd64) booted by qemu with systemd as PID 1, on a root made by debootstrap in
# which apt installs the packages from 'make deb'. Inside, tests/vm/inside.sh drives the
# installed service with a virtual keypad made with the kernel's uinput and reports each check
# over the serial console, which this script reads back.
#
# The root is built once (debootstrap, systemd, the kernel, the libraries inkref needs) and
# kept in the build folder; every run copies it, installs the packages into the copy with apt,
# and fills a fresh ext4 image from the copy with mke2fs -d (no loop device, no mount). qemu
# runs with software emulation (TCG): nested KVM hangs on the machines CI uses.
# Needs root (chroot). Usage: tests/vm/run.sh DEB_DIR BUILD_DIR   e.g. build/deb build
set -uo pipefail
deb_dir=$(realpath "$1")
build=$(realpath "$2")
[ "$(id -u)" = 0 ] || exec sudo "$0" "$@"
here=$(realpath "$(dirname "$0")")
tree=$(realpath "$here/../..")

suite=bookworm
mirror=http://deb.debian.org/debian
cache=$build/vm
base=$cache/base   # debootstrap's root with systemd, the kernel and inkref's libraries
root=$cache/root   # this run's copy, with the packages installed
disk=$cache/disk.img
console=$cache/console.log
# What the guest needs beyond minbase: systemd as init, udev for /dev/input, the kernel and
# its initramfs, and the libraries the packages depend on (apt would fetch them each run).
guest_debs="systemd systemd-sysv udev kmod linux-image-amd64 initramfs-tools
	libsqlite3-0 libfreetype6 libpng16-16 libqrencode4 libgpiod2 libinih1 libsystemd0
	fonts-dejavu-core"
# The whole run, boot to power-off, may not take longer than this.
timeout_s=${INKREF_VM_TIMEOUT:-1200}

unmount_under() {
	local mnt
	awk -v r="$1" 'index($2, r "/") == 1 { print $2 }' /proc/mounts | sort -r |
		while read -r mnt; do umount -l "$mnt"; done
}
cleanup() {
	unmount_under "$base"
	unmount_under "$root"
}
trap cleanup EXIT
in_chroot() { # DIR command...
	local dir=$1
	shift
	chroot "$dir" /usr/bin/env -i PATH=/usr/sbin:/usr/bin:/sbin:/bin HOME=/root LC_ALL=C \
		DEBIAN_FRONTEND=noninteractive "$@"
}
die() {
	echo "vm: $*" >&2
	echo "0 passed, 1 failed"
	exit 1
}
started=$(date +%s)

# 1. The base root, once. The marker is written last: an interrupted build starts again.
mkdir -p "$cache"
unmount_under "$base"
want_marker="$suite $(echo $guest_debs)"
if [ "$(cat "$base/.inkref-vm-base" 2>/dev/null)" != "$want_marker" ]; then
	echo "vm: building the guest's root in $base (once)"
	rm -rf --one-file-system "$base"
	debootstrap --variant=minbase "$suite" "$base" "$mirror" >"$cache/debootstrap.log" 2>&1 ||
		{ tail -20 "$cache/debootstrap.log" >&2; die "debootstrap failed"; }
	mount -t proc proc "$base/proc"
	mount --bind /dev "$base/dev"
	# shellcheck disable=SC2086 # the package list is words
	in_chroot "$base" apt-get install -y -q --no-install-recommends -o Dpkg::Use-Pty=0 \
		$guest_debs >"$cache/guest-debs.log" 2>&1 ||
		{ tail -20 "$cache/guest-debs.log" >&2; die "installing the guest's packages failed"; }
	in_chroot "$base" apt-get clean
	unmount_under "$base"
	echo "$want_marker" >"$base/.inkref-vm-base"
fi
echo "vm: base root ready after $(($(date +%s) - started)) s"

# 2. This run's root: a copy of the base with the packages installed by apt.
unmount_under "$root"
rm -rf --one-file-system "$root"
cp -a "$base" "$root"
mkdir -p "$root/var/tmp/inkref-debs"
cp "$deb_dir"/inkref_*.deb "$deb_dir"/inkref-content_*.deb "$root/var/tmp/inkref-debs/"
mount -t proc proc "$root/proc"
in_chroot "$root" sh -c 'apt-get install -y -q --no-install-recommends -o Dpkg::Use-Pty=0 \
	/var/tmp/inkref-debs/*.deb' >"$cache/install.log" 2>&1 ||
	{ tail -20 "$cache/install.log" >&2; die "apt could not install the packages"; }
unmount_under "$root"
rm -rf "$root/var/tmp/inkref-debs"

# The guest's own setup: the root disk, no login on the console (the tests own it), the test
# programs and their unit, a second content database for the reload test.
echo "/dev/vda / ext4 defaults 0 1" >"$root/etc/fstab"
echo inkref-vm >"$root/etc/hostname"
ln -sf /dev/null "$root/etc/systemd/system/serial-getty@ttyS0.service"
ln -sf /dev/null "$root/etc/systemd/system/getty@tty1.service"
install -m 0755 "$build/vm-keypad" "$root/usr/local/bin/inkref-vm-keypad"
install -m 0755 "$here/inside.sh" "$root/usr/local/bin/inkref-vm-tests"
install -D -m 0644 "$here/inkref-vm-tests.service" \
	"$root/etc/systemd/system/inkref-vm-tests.service"
ln -sf ../inkref-vm-tests.service \
	"$root/etc/systemd/system/multi-user.target.wants/inkref-vm-tests.service"
install -D -m 0644 "$here/keypad.rules" "$root/etc/udev/rules.d/60-inkref-vm-keypad.rules"
mkdir -p "$root/var/tmp/vm"
other=$cache/other-content
rm -rf "$other" && cp -r "$tree/content" "$other"
sed -i 's/^content-version: .*/content-version: vm-reload-test/' "$other/meta.txt"
"$build/inkref" build-content --out "$root/var/tmp/vm/other.db" "$other" >/dev/null ||
	die "could not build the second content database"

rm -f "$disk"
mke2fs -q -t ext4 -d "$root" -F "$disk" 2G || die "mke2fs failed"
echo "vm: disk image ready after $(($(date +%s) - started)) s"

# 3. Boot. The guest powers off when its tests end; the console log holds their lines.
kernel=$(ls "$root"/boot/vmlinuz-* | tail -1)
initrd=$(ls "$root"/boot/initrd.img-* | tail -1)
rm -f "$console"
timeout "$timeout_s" nice -n 10 qemu-system-x86_64 -accel tcg -m 1024 -smp 2 -nographic \
	-no-reboot -kernel "$kernel" -initrd "$initrd" \
	-drive "file=$disk,format=raw,if=virtio" -nic none \
	-append "root=/dev/vda rw console=ttyS0 quiet systemd.show_status=0" \
	-serial "file:$console" -monitor none </dev/null >/dev/null 2>&1
rc=$?
[ $rc = 124 ] && echo "vm: FAIL: the guest did not power off within $timeout_s s" >&2
echo "vm: guest ran, $(($(date +%s) - started)) s in all"

# 4. The guest's verdict: its ok/FAIL lines, then its summary line.
tr -d '\r' <"$console" | grep -E "^(ok|FAIL|note) +vm\.|^vm-info:" || true
summary=$(tr -d '\r' <"$console" | grep -E "^[0-9]+ passed, [0-9]+ failed$" | tail -1)
if [ -z "$summary" ] || [ $rc != 0 ]; then
	echo "vm: no verdict from the guest; the end of its console:" >&2
	tr -d '\r' <"$console" | tail -40 >&2
	echo "0 passed, 1 failed"
	exit 1
fi
echo "$summary"
case $summary in *" 0 failed") exit 0 ;; *) exit 1 ;; esac
