# inkref: an offline RLS and magnesium reference kiosk for e-paper panels.
# make            build build/inkref and build/content.db
# make run        the preview window (a desktop) or the kiosk in the terminal (none)
# make preview    build/inkref-preview, the desktop build (SDL2) of the preview window
# make check      unit, golden-image and layout tests
# make check-valgrind  memcheck: no memory error, no block left at exit
# make check-mutations  driver mistakes the tests must catch, each in a copy of the tree
# make bench      speed and memory against the targets and against Pillow
# make deb        the Debian packages in build/deb/; make check-deb installs them in a fresh root
# make check-vm   the packages in a virtual machine: Debian 12 kernel, systemd, a uinput keypad
# make update-golden, make format, make lint, make clean
# make reading-level  the Flesch-Kincaid grade of every content page
# make fuzz       libFuzzer targets (clang) in build-fuzz/; make check-fuzz FUZZ_SECONDS=N runs them
# make ARCH=arm64, make check ARCH=arm64 (and armhf): cross builds, tests under qemu (cross/cross.mk)

CC ?= cc
PKG_CONFIG ?= pkg-config
# make check SANITIZE=1: everything built with AddressSanitizer and UndefinedBehaviorSanitizer,
# in its own build folder.
SANITIZE ?=
PREFIX ?= /usr/local
DATADIR ?= $(PREFIX)/share/inkref
BUILD := build$(if $(ARCH),-$(ARCH))$(if $(SANITIZE),-sanitize)
# RUN: the prefix that runs a program of this build on this machine (qemu-user for ARCH).
RUN :=
ifneq ($(ARCH),)
include cross/cross.mk
endif
# The version has one home: the first line of debian/changelog.
VERSION := $(shell sed -n '1s/^[^(]*(\([^)]*\)).*/\1/p' debian/changelog)

# The layers, lowest first (doc/ARCHITECTURE.md); every header is found by its bare name.
SRC_DIRS := src/core src/content src/ui src/panel src/io src/app

PKGS := sqlite3 freetype2 libpng libqrencode libgpiod inih libsystemd zlib libunibreak
# libhyphen ships no pkg-config file. The content compiler reads its patterns from HYPHEN_DIR
# (where Debian's hyphen-en-us puts them, on a PC and on Raspberry Pi OS alike) and stores
# each word's hyphenation points in content.db: the kiosk never loads the patterns.
HYPHEN_LIBS := -lhyphen
HYPHEN_DIR ?= /usr/share/hyphen
CFLAGS ?= -O2 -g
ifneq ($(SANITIZE),)
CFLAGS := -O1 -g -fno-omit-frame-pointer -fsanitize=address,undefined -fno-sanitize-recover=all
LDFLAGS += -fsanitize=address,undefined
endif
WARNINGS := -Wall -Wextra -Werror -Wshadow -Wstrict-prototypes -Wvla
ALL_CFLAGS := $(SRC_DIRS:%=-I%) -std=c11 -D_GNU_SOURCE -D_FILE_OFFSET_BITS=64 $(WARNINGS) $(CPPFLAGS) $(CFLAGS) \
	-DINKREF_VERSION=\"$(VERSION)\" \
	$(shell $(PKG_CONFIG) --cflags $(PKGS) 2>/dev/null) \
	$(shell $(PKG_CONFIG) --atleast-version=2 libgpiod 2>/dev/null && echo -DINKREF_GPIOD_V2)
LIBS := $(shell $(PKG_CONFIG) --libs $(PKGS) 2>/dev/null) $(HYPHEN_LIBS)

# Debian packages each goal needs; 'make deps' installs the missing ones.
BUILD_DEBS := gcc make pkg-config libsqlite3-dev libfreetype-dev libpng-dev libqrencode-dev libgpiod-dev libinih-dev libsystemd-dev zlib1g-dev \
	libunibreak-dev libhyphen-dev hyphen-en-us
TEST_DEBS := file zbar-tools systemd sqlite3 time jq chromium poppler-utils python3
BENCH_DEBS := valgrind python3 python3-pil time
LINT_DEBS := clang-format cppcheck
DEB_DEBS := dpkg-dev debhelper lintian
DEB_CHECK_DEBS := debootstrap
VM_DEBS := debootstrap qemu-system-x86 e2fsprogs
# Debian 12's libclang-rt-14-dev holds libFuzzer's runtime; libfuzzer-14-dev is not needed.
FUZZ_DEBS := clang libclang-rt-14-dev

CORE_SRC := $(filter-out src/app/main.c,$(wildcard $(SRC_DIRS:%=%/*.c)))
CORE_OBJ := $(CORE_SRC:src/%.c=$(BUILD)/obj/%.o)
C_FILES := $(wildcard $(SRC_DIRS:%=%/*.c) $(SRC_DIRS:%=%/*.h)) tests/unit/*.c tests/*.h bench/*.c \
	tests/fuzz/*.c tests/fuzz/*.h tools/*.c tests/vm/*.c
TEST_SRC := $(wildcard tests/unit/*.c)
CONTENT := $(wildcard content/*.txt)

# The desktop build: build/inkref-preview, the preview window (SDL2), which "inkref run
# --panel window:MODEL" hands over to. It is a program of its own so that the kiosk binary,
# and the Debian package made from it, never link SDL2 or anything of a desktop.
DESKTOP_SRC := $(wildcard src/desktop/*.c)
DESKTOP_OBJ := $(DESKTOP_SRC:src/%.c=$(BUILD)/obj/%.o)
DESKTOP_DEBS := libsdl2-dev
# What the window's test needs: a display server of its own, a mouse and a camera.
DESKTOP_TEST_DEBS := xvfb xdotool imagemagick
C_FILES += $(wildcard src/desktop/*.c src/desktop/*.h)

# Fuzz targets (tests/fuzz): libFuzzer builds in build-fuzz/, and replays of their seeds and
# regression inputs, built like the tests, that make check runs.
FUZZ_TARGETS := content_db content_source layout config emulator_uc8179 emulator_ssd168x keys \
	content_schema font png
FUZZ_BUILD := build-fuzz
FUZZ_SECONDS ?= 20
FUZZ_CFLAGS := $(filter-out $(CFLAGS),$(ALL_CFLAGS)) -O1 -g -fno-omit-frame-pointer \
	-fsanitize=fuzzer-no-link,address,undefined -fno-sanitize-recover=all
FUZZ_OBJ := $(CORE_SRC:src/%.c=$(FUZZ_BUILD)/obj/%.o)
FUZZ_COMMON := tests/fuzz/fuzz_support.c tests/fuzz/fuzz.h
FUZZ_REPLAY := $(FUZZ_TARGETS:%=$(BUILD)/fuzz-replay-%)
.SECONDARY: $(FUZZ_OBJ)

.PHONY: all deps check-deps check-gpiod-v2 bench-deps run check bench update-golden format lint \
	clean install uninstall fuzz check-fuzz deb check-deb check-valgrind check-mutations cross-all \
	cross-deps update-doc check-vm FORCE

all: $(BUILD)/inkref $(BUILD)/content.db

# FORCE: a prerequisite that is always out of date, for files that decide for themselves.
FORCE:

# Installs what is missing, through sudo when not root. Does nothing when all is there.
define install_debs
	@missing=""; for p in $(1); do \
		dpkg-query -W -f='$${Status}' $$p 2>/dev/null | grep -q "install ok installed" || missing="$$missing $$p"; \
	done; \
	if [ -n "$$missing" ]; then \
		echo "Installing Debian packages:$$missing"; \
		if [ "$$(id -u)" = 0 ]; then sudo=""; else sudo="sudo"; fi; \
		$$sudo apt-get update -qq && DEBIAN_FRONTEND=noninteractive $$sudo apt-get install -y -qq $$missing; \
	fi
endef

deps:
	$(call install_debs,$(BUILD_DEBS))

check-deps: deps
	$(call install_debs,$(TEST_DEBS) $(if $(ARCH),,$(DESKTOP_DEBS) $(DESKTOP_TEST_DEBS)))

bench-deps: deps
	$(call install_debs,$(BENCH_DEBS))

# -MMD -MP: each object depends on the headers it includes, as the compiler saw them.
$(BUILD)/obj/%.o: src/%.c
	@mkdir -p $(@D)
	$(CC) $(ALL_CFLAGS) -MMD -MP -c $< -o $@

# The data directory is compiled into paths.o alone, which is rebuilt whenever it changes: a
# 'make install PREFIX=/usr' after a plain 'make' must not install a program that looks for
# its data under /usr/local.
$(BUILD)/datadir: FORCE
	@mkdir -p $(@D)
	@[ "$$(cat $@ 2>/dev/null)" = '$(DATADIR)' ] || echo '$(DATADIR)' >$@
$(BUILD)/obj/io/paths.o: $(BUILD)/datadir
$(BUILD)/obj/io/paths.o: ALL_CFLAGS += -DINKREF_DATA_DIR=\"$(DATADIR)\"
# Only the content compiler's side of hyphenation looks for the patterns.
$(BUILD)/obj/content/hyphenation.o: ALL_CFLAGS += -DINKREF_HYPHEN_DIR=\"$(HYPHEN_DIR)\"

# --version must follow a new debian/changelog entry.
$(BUILD)/obj/app/main.o: debian/changelog

$(BUILD)/inkref: $(BUILD)/obj/app/main.o $(CORE_OBJ)
	$(CC) $(ALL_CFLAGS) $(LDFLAGS) -o $@ $^ $(LIBS)

$(DESKTOP_OBJ): ALL_CFLAGS += -Isrc/desktop $(shell $(PKG_CONFIG) --cflags sdl2 2>/dev/null)

$(BUILD)/inkref-preview: $(DESKTOP_OBJ) $(CORE_OBJ)
	$(CC) $(ALL_CFLAGS) $(LDFLAGS) -o $@ $^ $(LIBS) $(shell $(PKG_CONFIG) --libs sdl2 2>/dev/null)

.PHONY: preview
preview: deps
	$(call install_debs,$(DESKTOP_DEBS))
	$(MAKE) all $(BUILD)/inkref-preview

$(BUILD)/content.db: $(BUILD)/inkref $(CONTENT)
	$(RUN) $(BUILD)/inkref build-content --out $@ content

# make run: on a desktop (DISPLAY or WAYLAND_DISPLAY set) the preview window, its content
# rebuilt whenever a file in content/ is saved; without one, the kiosk in this terminal.
RUN_PANEL ?= waveshare-7in5-v2
run: deps
	@if [ -n "$$DISPLAY$$WAYLAND_DISPLAY" ]; then \
		$(MAKE) --no-print-directory preview && \
		exec $(BUILD)/inkref run --panel window:$(RUN_PANEL) --watch --content content; \
	else \
		echo "make run: no display (DISPLAY and WAYLAND_DISPLAY are unset), so the kiosk runs in this terminal; its screen is $(BUILD)/screen.png"; \
		$(MAKE) --no-print-directory all && \
		exec $(RUN) $(BUILD)/inkref run --panel png:$(RUN_PANEL) --input tty --png $(BUILD)/screen.png; \
	fi

# The setup guide's wiring pictures and tables, drawn from the code's pin table.
$(BUILD)/wiring: tools/wiring.c $(CORE_OBJ)
	$(CC) $(ALL_CFLAGS) $(LDFLAGS) -o $@ $< $(CORE_OBJ) $(LIBS)

update-doc: $(BUILD)/wiring
	tests/doc-wiring.sh $(BUILD)/wiring update

$(BUILD)/test-unit: $(TEST_SRC) tests/test.h $(CORE_OBJ)
	$(CC) $(ALL_CFLAGS) $(LDFLAGS) -DTEST_BUILD=\"$(BUILD)\" -o $@ $(TEST_SRC) $(CORE_OBJ) $(LIBS)

check: check-deps
	$(MAKE) all $(BUILD)/test-unit $(FUZZ_REPLAY) $(BUILD)/wiring $(if $(ARCH),,$(BUILD)/inkref-preview)
	$(RUN) $(BUILD)/inkref check-content $(BUILD)/content.db
	INKREF_RUN="$(RUN)" tests/doc-wiring.sh $(BUILD)/wiring check
	INKREF_RUN="$(RUN)" tests/man-page.sh $(BUILD)/inkref
	cd tests && $(RUN) ../$(BUILD)/test-unit
	for t in $(FUZZ_TARGETS); do $(RUN) $(BUILD)/fuzz-replay-$$t tests/fuzz/corpus/$$t \
		$$(ls -d tests/fuzz/regressions/$$t 2>/dev/null) || exit 1; done
	$(if $(SANITIZE),INKREF_SANITIZED=1) $(if $(ARCH),INKREF_ARCH=$(ARCH) INKREF_RUN="$(RUN)") tests/cli.sh $(BUILD)/inkref
	$(if $(SANITIZE),INKREF_SANITIZED=1) $(if $(ARCH),INKREF_RUN="$(RUN)") tests/hostile.sh $(BUILD)/inkref
	$(if $(ARCH),INKREF_RUN="$(RUN)") tests/authoring.sh $(BUILD)/inkref
	@# The preview window is the desktop build's: not cross built.
	$(if $(ARCH),,$(if $(SANITIZE),INKREF_SANITIZED=1) tests/preview.sh $(BUILD)/inkref)
	$(CROSS_CHECK)
	systemd-analyze security --offline=true --threshold=10 systemd/inkref.service | tail -1

# The same source against libgpiod v2 (Debian 13, trixie), from Debian 12's backports.
check-gpiod-v2: check-deps
	$(MAKE) all
	tests/gpiod-v2.sh $(BUILD)

# The Debian packages inkref and inkref-content, built by dpkg-buildpackage from a copy of the
# tree (so the tree gets no debian/tmp, no ../*.deb) into build/deb/; lintian must report no error.
deb: deps
	$(call install_debs,$(DEB_DEBS))
	rm -rf build/deb && mkdir -p build/deb/src/inkref
	tar --exclude-vcs --exclude-vcs-ignores --exclude='./build*' -cf - . | \
		tar -C build/deb/src/inkref -xf -
	@# Our own make's variables stay out of the package build, which sets its own.
	cd build/deb/src/inkref && env -u MAKEFLAGS -u MAKELEVEL dpkg-buildpackage -us -uc -b
	mv build/deb/src/*.deb build/deb/src/*.buildinfo build/deb/src/*.changes build/deb/
	rm -rf build/deb/src
	lintian --display-info --fail-on error build/deb/*.changes

# Installs, upgrades, removes and purges those packages in a fresh root of the host's Debian
# release (debootstrap).
check-deb: deb all
	$(call install_debs,$(DEB_CHECK_DEBS))
	tests/deb-install.sh build/deb build/inkref

# Driver mutations the tests must catch (dropping 0x92, the whole refresh after a wake, the
# old-image rewrite): each is applied to a copy of the tree and must fail the display tests.
check-mutations: check-deps
	tests/mutations.sh

# The appliance in a virtual machine: Debian 12's kernel under qemu (software emulation), systemd
# as PID 1, the packages installed by apt, driven by a uinput keypad (tests/vm/run.sh). Needs
# root, for debootstrap and chroot; the guest's root is cached in $(BUILD)/vm/base.
check-vm: deb all $(BUILD)/vm-keypad
	$(call install_debs,$(VM_DEBS))
	tests/vm/run.sh build/deb $(BUILD)

$(BUILD)/vm-keypad: tests/vm/keypad.c
	$(CC) $(ALL_CFLAGS) $(LDFLAGS) -o $@ $<

# The main paths under valgrind's memcheck: any error or any block not freed at exit fails.
check-valgrind: deps
	$(call install_debs,valgrind)
	$(MAKE) all
	tests/valgrind.sh $(BUILD)/inkref

update-golden: all $(BUILD)/test-unit
	cd tests && INKREF_UPDATE_GOLDEN=1 ../$(BUILD)/test-unit golden

$(BUILD)/fuzz-replay-%: tests/fuzz/fuzz_%.c tests/fuzz/replay.c $(FUZZ_COMMON) $(CORE_OBJ)
	$(CC) $(ALL_CFLAGS) $(LDFLAGS) -o $@ tests/fuzz/fuzz_$*.c tests/fuzz/fuzz_support.c \
		tests/fuzz/replay.c $(CORE_OBJ) $(LIBS)

# libFuzzer with AddressSanitizer and UndefinedBehaviorSanitizer: its own objects, by clang.
fuzz: deps
	$(call install_debs,$(FUZZ_DEBS))
	$(MAKE) $(FUZZ_TARGETS:%=$(FUZZ_BUILD)/fuzz_%)

$(FUZZ_BUILD)/obj/%.o: src/%.c
	@mkdir -p $(@D)
	clang $(FUZZ_CFLAGS) -MMD -MP -c $< -o $@

$(FUZZ_BUILD)/fuzz_%: tests/fuzz/fuzz_%.c $(FUZZ_COMMON) $(FUZZ_OBJ)
	clang $(FUZZ_CFLAGS) -fsanitize=fuzzer -o $@ tests/fuzz/fuzz_$*.c tests/fuzz/fuzz_support.c \
		$(FUZZ_OBJ) $(LIBS)

# Each target for FUZZ_SECONDS from its seeds, into a working corpus in build-fuzz/; fails on
# the first crash, leak or time-out, leaving the input in build-fuzz/findings/.
check-fuzz: fuzz
	tests/fuzz/run.sh $(FUZZ_BUILD) $(FUZZ_SECONDS) $(FUZZ_TARGETS)

$(BUILD)/bench: bench/bench.c $(CORE_OBJ)
	$(CC) $(ALL_CFLAGS) -o $@ bench/bench.c $(CORE_OBJ) $(LIBS)

$(BUILD)/bench-transitions: bench/transitions.c $(CORE_OBJ)
	$(CC) $(ALL_CFLAGS) -o $@ bench/transitions.c $(CORE_OBJ) $(LIBS)

bench: bench-deps
	$(MAKE) all $(BUILD)/bench $(BUILD)/bench-transitions
	bench/run.sh $(BUILD)

# The Flesch-Kincaid grade of every content page (aim: 7 or lower; content/FORMAT.md).
.PHONY: reading-level
reading-level:
	tools/reading-level content

format:
	clang-format -i $(C_FILES)

lint:
	$(call install_debs,$(LINT_DEBS))
	clang-format --dry-run --Werror $(C_FILES)
	cppcheck --quiet --error-exitcode=1 --enable=warning,performance,portability \
		--std=c11 --inline-suppr -D__GNUC__ $(SRC_DIRS:%=-I%) src tests/unit bench tests/fuzz tools tests/vm
	@# The layers of doc/ARCHITECTURE.md: no include climbs.
	tests/layers.sh src

BINDIR := $(PREFIX)/bin
MANDIR := $(PREFIX)/share/man/man8
UNITDIR := $(PREFIX)/lib/systemd/system
SYSUSERSDIR := $(PREFIX)/lib/sysusers.d
SYSCONFDIR ?= /etc

# install writes down what it put where (DATADIR/install-manifest); uninstall removes exactly
# that, keeping a configuration that was changed (tools/install.sh).
INSTALL_VARS = BUILD=$(BUILD) DESTDIR=$(DESTDIR) BINDIR=$(BINDIR) DATADIR=$(DATADIR) \
	MANDIR=$(MANDIR) UNITDIR=$(UNITDIR) SYSUSERSDIR=$(SYSUSERSDIR) SYSCONFDIR=$(SYSCONFDIR)

install: all
	$(INSTALL_VARS) tools/install.sh install

uninstall:
	$(INSTALL_VARS) tools/install.sh uninstall

clean:
	rm -rf $(BUILD) $(FUZZ_BUILD)

-include $(CORE_OBJ:.o=.d) $(BUILD)/obj/app/main.d $(FUZZ_OBJ:.o=.d) $(DESKTOP_OBJ:.o=.d)
