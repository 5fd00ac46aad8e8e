# cross.mk: inkref for the Raspberry Pi's architectures, built on an x86-64 Debian 12 machine
# with Debian's cross compilers, and the whole test suite run on those binaries under qemu-user.
# The Makefile includes it when ARCH is set; everything goes to build-ARCH.
#   make ARCH=arm64          64-bit Raspberry Pi OS (Pi 3, 4, 5, Zero 2 W)
#   make ARCH=armhf          32-bit Raspberry Pi OS (Pi 2 and later)
#   make check ARCH=arm64    check-content, unit tests and tests/cli.sh, all under qemu
#
# arm64 uses Debian's multiarch: arm64 is added to dpkg's architectures and the -dev packages
# are installed as :arm64 beside the host's. armhf gets a build-local sysroot instead
# (cross/sysroot.sh): its packages are fetched with a private apt configuration and unpacked
# into build-armhf/sysroot, and dpkg never hears of armhf. Two reasons: a foreign architecture
# whose index fails to download (mirrors have served stale armhf indexes of bookworm-security)
# makes every later 'apt-get update' on the machine fail, and so every other install; and
# Multi-Arch: same libraries must be at exactly the host's versions, which a half-updated index
# cannot provide.
#
# content.db is compiled by the target binary under qemu, not by a native build: the content
# compiler ships in the same program, so compiling the real content on the target's ABI
# (unsigned char, 32-bit long on armhf) is a test in itself, and the database the cross build
# tests against is the one that binary made.
#
# Debian 12's armhf libraries use a 32-bit time_t, and libgpiod v1 passes struct timespec
# across its API, so -D_TIME_BITS=64 would break that ABI: the compiler's default follows the
# distribution (Debian 13 moved armhf to 64-bit time_t as a whole). The code keeps time in
# int64_t milliseconds and double microseconds, never in time_t arithmetic.

CROSS_ARCHS := arm64 armhf
ifeq ($(filter $(ARCH),$(CROSS_ARCHS)),)
$(error ARCH=$(ARCH) is not one of: $(CROSS_ARCHS))
endif
ifneq ($(SANITIZE),)
$(error SANITIZE=1 and ARCH together are not set up (no target sanitizer runtimes); the sanitizers run on the native build: make check SANITIZE=1)
endif

# The libraries inkref links, as -dev packages of the target architecture. The toolchain is
# Debian's cross C compiler, not crossbuild-essential-ARCH, which adds C++ and dpkg-cross
# with its Perl: tens of MB a C program does not need.
CROSS_DEV_DEBS := libsqlite3-dev libfreetype-dev libpng-dev libqrencode-dev libgpiod-dev \
	libinih-dev libsystemd-dev zlib1g-dev libhyphen-dev
# Debian 12's libunibreak is not Multi-Arch: its arm64 package would replace the host's (and
# break the native build of everyone on the machine). It comes in a build-local sysroot on
# both architectures: armhf's own, and for arm64 one of its own beside the multiarch libraries.
UNIBREAK_DEBS := libunibreak-dev

ifeq ($(ARCH),arm64)
TRIPLET := aarch64-linux-gnu
CC := $(TRIPLET)-gcc
# The Cortex-A53 of the Pi 3 and Zero 2 W, the oldest 64-bit Pis: an instruction they lack
# fails here. The dynamic loader and libraries are the multiarch ones in /lib/$(TRIPLET).
# libunibreak is the one library from build-arm64/unibreak: linked from there, found there at
# run time.
UNIBREAK_ROOT := $(abspath build-arm64/unibreak)
PKG_CONFIG := PKG_CONFIG_LIBDIR=/usr/lib/$(TRIPLET)/pkgconfig:$(UNIBREAK_ROOT)/usr/lib/pkgconfig:/usr/share/pkgconfig pkg-config
CPPFLAGS += -idirafter $(UNIBREAK_ROOT)/usr/include
LDFLAGS += -L$(UNIBREAK_ROOT)/usr/lib
RUN := qemu-aarch64 -cpu cortex-a53 -E LD_LIBRARY_PATH=$(UNIBREAK_ROOT)/usr/lib
CROSS_DEBS := gcc-$(TRIPLET) libc6-dev-arm64-cross qemu-user $(CROSS_DEV_DEBS:%=%:arm64)
else
TRIPLET := arm-linux-gnueabihf
SYSROOT := $(abspath build-armhf/sysroot)
CC := $(TRIPLET)-gcc --sysroot=$(SYSROOT)
PKG_CONFIG := PKG_CONFIG_SYSROOT_DIR=$(SYSROOT) \
	PKG_CONFIG_LIBDIR=$(SYSROOT)/usr/lib/$(TRIPLET)/pkgconfig:$(SYSROOT)/usr/lib/pkgconfig:$(SYSROOT)/usr/share/pkgconfig \
	pkg-config
# The Cortex-A7 of the Pi 2, the oldest Pi that Debian's armhf (ARMv7) runs on. -L makes
# qemu look up the loader and every library in the sysroot first.
RUN := qemu-arm -cpu cortex-a7 -L $(SYSROOT)
# The C library comes with the sysroot: gcc is all the cross toolchain needed.
CROSS_DEBS := gcc-$(TRIPLET) qemu-user
endif

# make check runs this last: the cross build must behave exactly as the native one
# (tests/same-output.sh), so the native build is made too.
define CROSS_CHECK
$(MAKE) ARCH= all
INKREF_RUN="$(RUN)" tests/same-output.sh build $(BUILD)
endef

.DEFAULT_GOAL := cross-all

# Plain 'make ARCH=...' installs what the cross build needs first: the sub-make then finds the
# target's libraries through pkg-config (the flags are computed when the Makefile is read).
cross-all: deps
	$(MAKE) all

deps: cross-deps

cross-deps:
	@if [ "$(ARCH)" = arm64 ] && ! dpkg --print-foreign-architectures | grep -qx arm64; then \
		echo "Adding arm64 to dpkg's architectures"; \
		if [ "$$(id -u)" = 0 ]; then sudo=""; else sudo="sudo"; fi; \
		$$sudo dpkg --add-architecture arm64; \
	fi
	$(call install_debs,$(CROSS_DEBS))
	$(if $(SYSROOT),cross/sysroot.sh $(ARCH) $(SYSROOT) $(CROSS_DEV_DEBS) $(UNIBREAK_DEBS))
	$(if $(UNIBREAK_ROOT),cross/sysroot.sh $(ARCH) $(UNIBREAK_ROOT) $(UNIBREAK_DEBS))
