# SPDX-License-Identifier: GPL-3.0-or-later
# Thin wrapper: installs what a fresh Debian 12 machine lacks, then drives meson.

BUILD      ?= build
ASAN_BUILD ?= build-asan
SUDO       := $(shell [ "$$(id -u)" = 0 ] || echo sudo)
SAMPLE     ?= $(BUILD)/sample.pkws

DEBS := meson ninja-build pkg-config gettext gcc libc6-dev \
        libglib2.0-dev libglib2.0-bin libgtk-4-dev libadwaita-1-dev libshumate-dev \
        libsqlite3-dev libspatialite-dev libpq-dev postgresql-15 postgresql-15-postgis-3 libsecret-1-dev libproj-dev libgeos-dev libpoppler-glib-dev libqpdf-dev libjpeg-dev libexif-dev \
        libjson-glib-dev libicu-dev libcairo2-dev libpango1.0-dev \
        xvfb xauth dbus dbus-daemon at-spi2-core locales fonts-noto-core appstream desktop-file-utils \
        poppler-utils qpdf python3 \
        python3-pil python3-reportlab img2pdf imagemagick ghostscript libtiff-tools libopenjp2-tools

FUZZ_BUILD   ?= build-fuzz
FUZZ_SECONDS ?= 60
FUZZ_TARGETS := import fields doc-check mbtiles zone case-json

.PHONY: all deps build run test bench fuzz clean

all: build

# Only calls apt-get when a package is really missing, so repeated runs stay fast.
deps:
	@missing=$$(dpkg-query -W -f='$${Package} $${Status}\n' $(DEBS) 2>/dev/null | \
	   awk '$$NF=="installed"{print $$1}' | sort > .deps-ok; \
	   for p in $(DEBS); do grep -qx "$$p" .deps-ok || echo $$p; done); rm -f .deps-ok; \
	if [ -n "$$missing" ]; then \
	  echo "Installing missing Debian packages: $$missing"; \
	  $(SUDO) apt-get update -qq && \
	  DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -qq --no-install-recommends $$missing; \
	fi
	@locale -a 2>/dev/null | grep -qi '^fa_IR.utf8$$' || \
	  { echo "Creating the fa_IR.UTF-8 locale"; $(SUDO) localedef -i fa_IR -c -f UTF-8 fa_IR.UTF-8; }

$(BUILD)/build.ninja:
	meson setup $(BUILD) --buildtype=debugoptimized

build: deps $(BUILD)/build.ninja
	meson compile -C $(BUILD)

run: build
	@[ -f "$(SAMPLE)" ] || $(BUILD)/src/cli/pishkhan-cli workspace create --sample "$(SAMPLE)"
	@# Without a session bus GTK warns at every start; a desktop session has one already.
	$(if $(DBUS_SESSION_BUS_ADDRESS),,dbus-run-session --) \
	  meson devenv -C $(BUILD) $(abspath $(BUILD))/src/gui/pishkhan "$(abspath $(SAMPLE))"

$(ASAN_BUILD)/build.ninja:
	meson setup $(ASAN_BUILD) --buildtype=debug -Db_sanitize=address,undefined -Dgui=false

test: build $(ASAN_BUILD)/build.ninja
	meson compile -C $(ASAN_BUILD)
	@rc=0; \
	meson test -C $(BUILD) --print-errorlogs --num-processes 2 || rc=1; \
	meson test -C $(ASAN_BUILD) --print-errorlogs --num-processes 2 || rc=1; \
	python3 tests/summary.py $(BUILD)/meson-logs/testlog.json $(ASAN_BUILD)/meson-logs/testlog.json || rc=1; \
	exit $$rc

bench: build
	meson compile -C $(BUILD) bench-run
	meson compile -C $(BUILD) bench-doc-run
	meson compile -C $(BUILD) bench-map-run
	meson compile -C $(BUILD) bench-stall-run
	meson compile -C $(BUILD) bench-start-run
	meson compile -C $(BUILD) bench-server-run
	meson compile -C $(BUILD) bench-pages-run

# libFuzzer (clang, which brings libclang-rt-14-dev): each harness for FUZZ_SECONDS,
# new inputs kept in $(FUZZ_BUILD)/corpus, crashes written to tests/fuzz/crashes/NAME/
# (commit them: make test replays every crash ever found).
fuzz: deps
	@dpkg-query -W -f='$${Status}\n' clang 2>/dev/null | grep -q 'ok installed' || \
	  { $(SUDO) apt-get update -qq && DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -qq --no-install-recommends clang libclang-rt-14-dev; }
	@[ -f $(FUZZ_BUILD)/build.ninja ] || CC=clang meson setup $(FUZZ_BUILD) --buildtype=debugoptimized \
	  -Dgui=false -Dfuzzing=true -Db_sanitize=address,undefined -Db_lundef=false
	meson compile -C $(FUZZ_BUILD)
	@for t in $(FUZZ_TARGETS); do \
	  mkdir -p $(FUZZ_BUILD)/corpus/$$t tests/fuzz/crashes/$$t; \
	  echo "fuzz-$$t: $(FUZZ_SECONDS) s"; \
	  LSAN_OPTIONS=suppressions=$(CURDIR)/tests/lsan.supp:print_suppressions=0 \
	  $(FUZZ_BUILD)/tests/fuzz/fuzz-$$t -max_total_time=$(FUZZ_SECONDS) -rss_limit_mb=4096 -timeout=30 \
	    -artifact_prefix=tests/fuzz/crashes/$$t/ $(FUZZ_BUILD)/corpus/$$t tests/fuzz/corpus/$$t \
	    2>&1 | grep -E '^(#[0-9]+.*DONE|==[0-9]+==|SUMMARY|artifact_prefix|Test unit written)' || true; \
	done

clean:
	rm -rf $(BUILD) $(ASAN_BUILD) $(FUZZ_BUILD)
