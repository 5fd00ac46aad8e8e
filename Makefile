# inkref: an offline RLS and magnesium reference kiosk for e-paper panels.
# make            build build/inkref and build/content.db
# make run        the kiosk on the desktop: arrow keys in the terminal, PNG of the screen
# make check      unit, golden-image and layout tests
# make bench      speed and memory against the targets and against Pillow
# make update-golden, make format, make lint, make clean
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

PKGS := sqlite3 freetype2 libpng libqrencode libgpiod inih libsystemd
CFLAGS ?= -O2 -g
ifneq ($(SANITIZE),)
CFLAGS := -O1 -g -fno-omit-frame-pointer -fsanitize=address,undefined -fno-sanitize-recover=all
LDFLAGS += -fsanitize=address,undefined
endif
WARNINGS := -Wall -Wextra -Werror -Wshadow -Wstrict-prototypes -Wvla
ALL_CFLAGS := -Isrc -std=c11 -D_GNU_SOURCE -D_FILE_OFFSET_BITS=64 $(WARNINGS) $(CFLAGS) \
	-DINKREF_DATA_DIR=\"$(DATADIR)\" $(shell $(PKG_CONFIG) --cflags $(PKGS) 2>/dev/null) \
	$(shell $(PKG_CONFIG) --atleast-version=2 libgpiod 2>/dev/null && echo -DINKREF_GPIOD_V2)
LIBS := $(shell $(PKG_CONFIG) --libs $(PKGS) 2>/dev/null)

# Debian packages each goal needs; 'make deps' installs the missing ones.
BUILD_DEBS := gcc make pkg-config libsqlite3-dev libfreetype-dev libpng-dev libqrencode-dev libgpiod-dev libinih-dev libsystemd-dev
TEST_DEBS := file zbar-tools systemd
BENCH_DEBS := valgrind python3 python3-pil time
LINT_DEBS := clang-format cppcheck

CORE_SRC := $(filter-out src/main.c,$(wildcard src/*.c))
CORE_OBJ := $(CORE_SRC:src/%.c=$(BUILD)/obj/%.o)
TEST_SRC := $(wildcard tests/unit/*.c)
CONTENT := $(wildcard content/*.txt)

.PHONY: all deps check-deps check-gpiod-v2 bench-deps run check bench update-golden format lint clean install uninstall

all: $(BUILD)/inkref $(BUILD)/content.db

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
	$(call install_debs,$(TEST_DEBS))

bench-deps: deps
	$(call install_debs,$(BENCH_DEBS))

$(BUILD)/obj/%.o: src/%.c $(wildcard src/*.h) | $(BUILD)/obj
	$(CC) $(ALL_CFLAGS) -c $< -o $@

$(BUILD)/obj:
	mkdir -p $@

$(BUILD)/inkref: $(BUILD)/obj/main.o $(CORE_OBJ)
	$(CC) $(ALL_CFLAGS) $(LDFLAGS) -o $@ $^ $(LIBS)

$(BUILD)/content.db: $(BUILD)/inkref $(CONTENT)
	$(RUN) $(BUILD)/inkref build-content --out $@ content

run: deps
	$(MAKE) all
	$(RUN) $(BUILD)/inkref run --panel png:waveshare-7in5-v2 --input tty --png $(BUILD)/screen.png

$(BUILD)/test-unit: $(TEST_SRC) tests/test.h $(CORE_OBJ)
	$(CC) $(ALL_CFLAGS) $(LDFLAGS) -DTEST_BUILD=\"$(BUILD)\" -o $@ $(TEST_SRC) $(CORE_OBJ) $(LIBS)

check: check-deps
	$(MAKE) all $(BUILD)/test-unit
	$(RUN) $(BUILD)/inkref check-content $(BUILD)/content.db
	cd tests && $(RUN) ../$(BUILD)/test-unit
	$(if $(SANITIZE),INKREF_SANITIZED=1) $(if $(ARCH),INKREF_ARCH=$(ARCH) INKREF_RUN="$(RUN)") tests/cli.sh $(BUILD)/inkref
	$(CROSS_CHECK)
	systemd-analyze security --offline=true --threshold=10 systemd/inkref.service | tail -1

# The same source against libgpiod v2 (Debian 13, trixie), from Debian 12's backports.
check-gpiod-v2: check-deps
	$(MAKE) all
	tests/gpiod-v2.sh $(BUILD)

update-golden: all $(BUILD)/test-unit
	cd tests && INKREF_UPDATE_GOLDEN=1 ../$(BUILD)/test-unit golden

$(BUILD)/bench: bench/bench.c $(CORE_OBJ)
	$(CC) $(ALL_CFLAGS) -o $@ bench/bench.c $(CORE_OBJ) $(LIBS)

bench: bench-deps
	$(MAKE) all $(BUILD)/bench
	bench/run.sh $(BUILD)

format:
	clang-format -i src/*.c src/*.h tests/unit/*.c tests/*.h bench/*.c

lint:
	$(call install_debs,$(LINT_DEBS))
	clang-format --dry-run --Werror src/*.c src/*.h tests/unit/*.c tests/*.h bench/*.c
	cppcheck --quiet --error-exitcode=1 --enable=warning,performance,portability \
		--std=c11 --inline-suppr -D__GNUC__ src tests/unit bench

BINDIR := $(PREFIX)/bin
MANDIR := $(PREFIX)/share/man/man8
UNITDIR := $(PREFIX)/lib/systemd/system
SYSUSERSDIR := $(PREFIX)/lib/sysusers.d
SYSCONFDIR ?= /etc

install: all
	install -D -m 0755 $(BUILD)/inkref $(DESTDIR)$(BINDIR)/inkref
	install -D -m 0644 $(BUILD)/content.db $(DESTDIR)$(DATADIR)/content.db
	install -D -m 0644 -t $(DESTDIR)$(DATADIR)/fonts fonts/DejaVuSans.ttf fonts/DejaVuSans-Bold.ttf fonts/LICENSE-DejaVu.txt
	install -D -m 0644 assets/logo.png $(DESTDIR)$(DATADIR)/assets/logo.png
	install -D -m 0644 doc/inkref.8 $(DESTDIR)$(MANDIR)/inkref.8
	install -D -m 0644 systemd/inkref.sysusers $(DESTDIR)$(SYSUSERSDIR)/inkref.conf
	install -d $(DESTDIR)$(UNITDIR)
	sed 's|/usr/bin/inkref|$(BINDIR)/inkref|' systemd/inkref.service >$(DESTDIR)$(UNITDIR)/inkref.service
	@# A configuration someone changed is theirs: never overwrite it.
	@if [ -e $(DESTDIR)$(SYSCONFDIR)/inkref/inkref.conf ]; then \
		echo "keeping $(DESTDIR)$(SYSCONFDIR)/inkref/inkref.conf"; \
	else install -D -m 0644 systemd/inkref.conf $(DESTDIR)$(SYSCONFDIR)/inkref/inkref.conf; fi

uninstall:
	rm -f $(DESTDIR)$(BINDIR)/inkref $(DESTDIR)$(MANDIR)/inkref.8
	rm -f $(DESTDIR)$(UNITDIR)/inkref.service $(DESTDIR)$(SYSUSERSDIR)/inkref.conf
	rm -rf $(DESTDIR)$(DATADIR)
	@# The configuration goes only if it is still the shipped one.
	@if cmp -s systemd/inkref.conf $(DESTDIR)$(SYSCONFDIR)/inkref/inkref.conf; then \
		rm -f $(DESTDIR)$(SYSCONFDIR)/inkref/inkref.conf; \
		rmdir $(DESTDIR)$(SYSCONFDIR)/inkref 2>/dev/null || true; \
	else [ ! -e $(DESTDIR)$(SYSCONFDIR)/inkref/inkref.conf ] || echo "keeping the changed $(DESTDIR)$(SYSCONFDIR)/inkref/inkref.conf"; fi

clean:
	rm -rf $(BUILD)
