# Hearth build. `make` builds build/hearth; `make run` and `make test` are the two commands
# in the README. Every dependency comes from pkg-config; nothing is downloaded but Debian
# packages (scripts/install-deps) and, for the browser tests, npm packages.

PKGS      := sqlite3 jansson libsodium libmicrohttpd libpq libxml-2.0 xlsxwriter libcurl openssl
CC        ?= cc
OPT       ?= -O2
WERROR    ?=
CPPFLAGS  += -Isrc -Ibuild/gen -D_GNU_SOURCE -D_FORTIFY_SOURCE=2
WARN      := -Wall -Wextra -Wshadow -Wformat=2 -Wno-unused-parameter $(if $(WERROR),-Werror)
CFLAGS    += -std=c11 $(OPT) -g $(WARN) -fstack-protector-strong -fPIE \
             $(shell pkg-config --cflags $(PKGS) 2>/dev/null)
LDFLAGS   += -pie -Wl,-z,relro,-z,now
LDLIBS    += $(shell pkg-config --libs $(PKGS) 2>/dev/null) -lz -lm -lpthread
SAN       := -fsanitize=address,undefined -fno-omit-frame-pointer -fno-sanitize-recover=all

LIB_SRC   := $(shell find src -name '*.c' ! -path 'src/cli/main.c' | sort)
MIGRATIONS:= $(sort $(wildcard src/store/migrations/*.sql))
GEN_SRC   := build/gen/migrations.c build/gen/openapi.c build/gen/assets.c
UNIT_SRC  := $(shell find tests/unit -name 'test_*.c' 2>/dev/null | sort)
UNIT_BINS := $(patsubst tests/unit/%.c,build/tests/%,$(UNIT_SRC))
ASAN_BINS := $(patsubst tests/unit/%.c,build/asan/tests/%,$(UNIT_SRC))

OBJ       := $(patsubst %.c,build/obj/%.o,$(LIB_SRC)) $(patsubst build/gen/%.c,build/obj/gen/%.o,$(GEN_SRC))
ASAN_OBJ  := $(patsubst %.c,build/asan/obj/%.o,$(LIB_SRC)) $(patsubst build/gen/%.c,build/asan/obj/gen/%.o,$(GEN_SRC))

# The web pages' static files, compiled in. GOV.UK Frontend comes from npm (package.json,
# package-lock.json); once node_modules is installed the build needs no network.
GOVUK     := node_modules/govuk-frontend/dist/govuk
ASSETS    := govuk-frontend.min.css=$(GOVUK)/govuk-frontend.min.css \
             govuk-frontend.min.js=$(GOVUK)/govuk-frontend.min.js \
             hearth.css=src/web/static/hearth.css hearth.js=src/web/static/hearth.js

.PHONY: all run test deps unit asan fault clean regress-update lint format bench fuzz fuzz-replay fuzz-build
all: build/hearth

deps:
	@scripts/install-deps

# The compiler flags are part of every object's inputs: a -Werror or sanitizer build
# rebuilds what it must instead of reusing objects built with other flags.
build/cflags.txt: FORCE
	@mkdir -p build
	@echo '$(CC) $(CPPFLAGS) $(CFLAGS)' | cmp -s - $@ || echo '$(CC) $(CPPFLAGS) $(CFLAGS)' > $@
FORCE:

build/gen/migrations.c: $(MIGRATIONS) scripts/embed-sql
	@mkdir -p $(@D)
	scripts/embed-sql $(MIGRATIONS) > $@

# docs/openapi.json, served at /api/openapi.json, is compiled in.
build/gen/openapi.c: docs/openapi.json scripts/embed-file
	@mkdir -p $(@D)
	scripts/embed-file web_openapi_json docs/openapi.json > $@

node_modules/.package-lock.json: package.json package-lock.json
	npm ci --no-audit --no-fund --loglevel=error
	@touch $@

build/gen/assets.c: node_modules/.package-lock.json src/web/static/hearth.css src/web/static/hearth.js \
		    scripts/embed-assets
	@mkdir -p $(@D)
	scripts/embed-assets $(ASSETS) > $@

build/obj/gen/%.o: build/gen/%.c build/cflags.txt
	@mkdir -p $(@D)
	$(CC) $(CPPFLAGS) $(CFLAGS) -MMD -MP -c $< -o $@

build/obj/%.o: %.c build/cflags.txt
	@mkdir -p $(@D)
	$(CC) $(CPPFLAGS) $(CFLAGS) -MMD -MP -c $< -o $@

build/libhearth.a: $(OBJ)
	@rm -f $@
	ar rcs $@ $^

build/hearth: build/obj/src/cli/main.o build/libhearth.a
	$(CC) $(LDFLAGS) -o $@ $^ $(LDLIBS)

# The benches (bench/README.md): hearth and the raw reference they measure it against, a
# reader of the same rows with prepared statements that links sqlite3 only. `bench/all` runs them.
bench: build/hearth build/raw_scan
build/raw_scan: bench/raw_scan.c build/cflags.txt
	$(CC) -std=c11 $(OPT) $(WARN) $(shell pkg-config --cflags sqlite3) -o $@ $< $(shell pkg-config --libs sqlite3)

build/tests/%: tests/unit/%.c build/libhearth.a
	@mkdir -p $(@D)
	$(CC) $(CPPFLAGS) $(CFLAGS) -Itests $(shell pkg-config --cflags cmocka) $< -o $@ \
	  $(LDFLAGS) build/libhearth.a $(LDLIBS) $(shell pkg-config --libs cmocka)

# ASan/UBSan: the same library and unit tests, built apart so they never mix with the above.
build/asan/obj/gen/%.o: build/gen/%.c build/cflags.txt
	@mkdir -p $(@D)
	$(CC) $(CPPFLAGS) $(CFLAGS) $(SAN) -MMD -MP -c $< -o $@

build/asan/obj/%.o: %.c build/cflags.txt
	@mkdir -p $(@D)
	$(CC) $(CPPFLAGS) $(CFLAGS) $(SAN) -MMD -MP -c $< -o $@

build/asan/libhearth.a: $(ASAN_OBJ)
	@rm -f $@
	ar rcs $@ $^

build/asan/tests/%: tests/unit/%.c build/asan/libhearth.a
	@mkdir -p $(@D)
	$(CC) $(CPPFLAGS) $(CFLAGS) $(SAN) -Itests $(shell pkg-config --cflags cmocka) $< -o $@ \
	  $(LDFLAGS) $(SAN) build/asan/libhearth.a $(LDLIBS) $(shell pkg-config --libs cmocka)

unit: $(UNIT_BINS)
asan: $(ASAN_BINS)

# The fault build (tests/cli/faults.sh): the same hearth with a SQLite VFS that fails the
# Nth read, write or sync on demand (src/store/fault.c). Only the two store files that
# differ are compiled again; given before the library, they stand in for its own.
FAULT_OBJ := build/fault/obj/src/store/fault.o build/fault/obj/src/store/sqlite.o
build/fault/obj/%.o: %.c build/cflags.txt
	@mkdir -p $(@D)
	$(CC) $(CPPFLAGS) -DHEARTH_FAULTS $(CFLAGS) -MMD -MP -c $< -o $@

build/fault/hearth: build/obj/src/cli/main.o $(FAULT_OBJ) build/libhearth.a
	$(CC) $(LDFLAGS) -o $@ $^ $(LDLIBS)

fault: build/fault/hearth

# Fuzzing (fuzz/): one harness per reader of outside input. fuzz-replay builds each with
# fuzz/replay.c's main under the normal compiler's ASan/UBSan, and tests/cli/fuzz_replay.sh
# replays every corpus file through it (part of `make test`). `make fuzz` builds them with
# clang's libFuzzer (a clang-instrumented copy of the library in build/fuzz/obj) and runs
# each for FUZZ_SECONDS; a crash is copied into fuzz/corpus/NAME/ (scripts/fuzz).
FUZZ_NAMES   := $(sort $(basename $(notdir $(filter-out fuzz/replay.c,$(wildcard fuzz/*.c)))))
FUZZ_REPLAY  := $(patsubst %,build/fuzz/replay/%,$(FUZZ_NAMES))
FUZZ_LF      := $(patsubst %,build/fuzz/lf/%,$(FUZZ_NAMES))
FUZZ_CC      ?= clang
FUZZ_SAN     := -fsanitize=fuzzer-no-link,address,undefined -fno-omit-frame-pointer -fno-sanitize-recover=all
FUZZ_OBJ     := $(patsubst %.c,build/fuzz/obj/%.o,$(LIB_SRC)) $(patsubst build/gen/%.c,build/fuzz/obj/gen/%.o,$(GEN_SRC))
FUZZ_SECONDS ?= 60
# clang warns where gcc does not (the gcc build is the one held to -Werror).
FUZZ_CFLAGS   = $(filter-out -Werror,$(CFLAGS))

build/fuzz/replay/%: fuzz/%.c fuzz/replay.c fuzz/fuzz.h fuzz/store.h build/asan/libhearth.a
	@mkdir -p $(@D)
	$(CC) $(CPPFLAGS) $(CFLAGS) $(SAN) -Ifuzz $< fuzz/replay.c -o $@ $(LDFLAGS) $(SAN) build/asan/libhearth.a $(LDLIBS)

build/fuzz/obj/gen/%.o: build/gen/%.c build/cflags.txt
	@mkdir -p $(@D)
	$(FUZZ_CC) $(CPPFLAGS) $(FUZZ_CFLAGS) $(FUZZ_SAN) -c $< -o $@

build/fuzz/obj/%.o: %.c build/cflags.txt
	@mkdir -p $(@D)
	$(FUZZ_CC) $(CPPFLAGS) $(FUZZ_CFLAGS) $(FUZZ_SAN) -MMD -MP -c $< -o $@

build/fuzz/libhearth.a: $(FUZZ_OBJ)
	@rm -f $@
	ar rcs $@ $^

build/fuzz/lf/%: fuzz/%.c fuzz/fuzz.h fuzz/store.h build/fuzz/libhearth.a
	@mkdir -p $(@D)
	$(FUZZ_CC) $(CPPFLAGS) $(FUZZ_CFLAGS) -fsanitize=fuzzer,address,undefined -fno-sanitize-recover=all -Ifuzz $< -o $@ \
	  $(LDFLAGS) build/fuzz/libhearth.a $(LDLIBS)

fuzz-replay: $(FUZZ_REPLAY)
fuzz-build: $(FUZZ_LF)
fuzz: deps
	@$(MAKE) --no-print-directory fuzz-build
	@FUZZ_SECONDS=$(FUZZ_SECONDS) scripts/fuzz $(FUZZ_NAMES)

# `make run`: install what is missing, build, make the demo county once, show it.
run: deps
	@$(MAKE) --no-print-directory all
	@scripts/run-demo

# `make test`: install what is missing, build everything with -Werror (and the sanitizer
# build), then run every suite. tests/run prints the closing "N passed, N failed, N skipped" line.
test: deps
	@scripts/lint
	@$(MAKE) --no-print-directory -j$$(nproc) WERROR=1 all unit asan fault fuzz-replay
	@tests/run

regress-update: all
	@HEARTH_REGRESS_UPDATE=1 tests/run golden

lint:
	@scripts/lint

format:
	clang-format -i $$(find src tests -name '*.[ch]')

clean:
	rm -rf build

-include $(shell find build -name '*.d' 2>/dev/null)
