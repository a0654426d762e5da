# Zhixiao (质效) — build with GNU make and pkg-config.
#
#   make            release build: build/zhixiao and build/libzx.a
#   make check      THE command to run before every commit: ASan+UBSan build, unit tests,
#                   CLI tests, the API suite (node's test runner against a live server), the
#                   browser suite (playwright-core + Chromium) and the fuzz-corpus replay.
#                   Prints "check: N passed, N failed" (test cases) at the end.
#   make check-tsan the threaded code's tests under ThreadSanitizer (build-tsan/)
#   make fuzz       libFuzzer targets (clang), each run for FUZZ_SECONDS
#   make demo       generate a demo province, import it, show the summary
#   make bench      benchmarks (bench/), never part of check
#   make format     clang-format every source file; make format-check fails on drift
#   make lint       cppcheck over src/; make lint-js checks web/js (scripts/check-js.mjs)
#
# scripts/test.sh (CI) runs format-check, lint, lint-js, check, check-tsan and fuzz.
#
# Sources are found by wildcard: src/<domain>/*.c form libzx, src/cli/*.c the CLI,
# tests/<domain>/test_*.c one test binary each.

CC      ?= cc
PKGS    := sqlite3 jansson xlsxwriter libmicrohttpd libsodium libzip icu-uc icu-i18n libpq
PKG_CFLAGS := $(shell pkg-config --cflags $(PKGS))
PKG_LIBS   := $(shell pkg-config --libs $(PKGS))
TEST_LIBS  := $(shell pkg-config --libs cmocka 2>/dev/null)

WARN    := -Wall -Wextra -Werror -Wshadow -Wpointer-arith -Wstrict-prototypes \
           -Wmissing-prototypes -Wvla -Wformat=2 -Wno-format-nonliteral
CFLAGS_BASE := -std=c17 -D_GNU_SOURCE -Isrc $(WARN) $(PKG_CFLAGS) -pthread
OPT     ?= -O2 -g
SAN     := -O1 -g -fsanitize=address,undefined -fno-sanitize-recover=all -fno-omit-frame-pointer
TSAN    := -O1 -g -fsanitize=thread -fno-omit-frame-pointer

LIB_SRC  := $(filter-out src/cli/%,$(wildcard src/*/*.c))
CLI_SRC  := $(wildcard src/cli/*.c)
CLI_TEST_OBJ := $(patsubst %.c,%.o,$(filter-out src/cli/main.c src/cli/cmd_%,$(CLI_SRC)))
TEST_SRC := $(wildcard tests/*/test_*.c)
FUZZ_SRC := $(wildcard fuzz/fuzz_*.c)

# The shipped data files (data/**/*.json, *.txt), compiled into libzx by util/datafile.c
# through a table scripts/embed-data.py writes into each build folder.
DATA_FILES := $(shell cd data && find . -type f \( -name '*.json' -o -name '*.txt' \) | sed 's|^\./||' | LC_ALL=C sort)

# build/ = release, build-san/ = sanitizers (used by make check)
define variant
$(1)/obj/%.o: %.c
	@mkdir -p $$(dir $$@)
	$$(CC) $$(CFLAGS_BASE) $(2) -MMD -MP -c $$< -o $$@
$(1)/gen/data_embedded.c: scripts/embed-data.py $$(DATA_FILES:%=data/%)
	python3 scripts/embed-data.py $$@ data $$(DATA_FILES)
$(1)/obj/gen/data_embedded.o: $(1)/gen/data_embedded.c
	@mkdir -p $$(dir $$@)
	$$(CC) $$(CFLAGS_BASE) $(2) -c $$< -o $$@
$(1)/libzx.a: $$(LIB_SRC:%.c=$(1)/obj/%.o) $(1)/obj/gen/data_embedded.o
	@rm -f $$@
	ar rcs $$@ $$^
$(1)/zhixiao: $$(CLI_SRC:%.c=$(1)/obj/%.o) $(1)/libzx.a
	$$(CC) $(2) -pthread -o $$@ $$^ $$(PKG_LIBS) -lm
$(1)/tests/%: $(1)/obj/tests/%.o $(1)/libzx.a
	@mkdir -p $$(dir $$@)
	$$(CC) $(2) -pthread -o $$@ $$^ $$(PKG_LIBS) $$(TEST_LIBS) -lm
# tests/cli/test_*.c test the CLI's own modules (not main.c nor the commands): link those too
$(1)/tests/cli/%: $(1)/obj/tests/cli/%.o $$(CLI_TEST_OBJ:%=$(1)/obj/%) $(1)/libzx.a
	@mkdir -p $$(dir $$@)
	$$(CC) $(2) -pthread -o $$@ $$^ $$(PKG_LIBS) $$(TEST_LIBS) -lm
endef

$(eval $(call variant,build,$(OPT)))
$(eval $(call variant,build-san,$(SAN)))
$(eval $(call variant,build-tsan,$(TSAN)))

.PHONY: all check check-tsan unit-tests deps fuzz demo bench format format-check clean lint
all: build/zhixiao

TEST_BINS := $(patsubst tests/%.c,build-san/tests/%,$(TEST_SRC))

deps:
	scripts/install-deps.sh

check: build-san/zhixiao $(TEST_BINS) build/zhixiao build-san/fuzz-replay
	tests/run.sh build-san build

# The threaded code (import writer, engine and review passes, the server's pool) under
# ThreadSanitizer: tests/run-tsan.sh says which tests run, tests/tsan.supp what is suppressed.
TSAN_BINS := $(patsubst tests/%.c,build-tsan/tests/%,$(TEST_SRC))
check-tsan: build-tsan/zhixiao $(TSAN_BINS) build/zhixiao
	tests/run-tsan.sh build-tsan build

# Replays every fuzz corpus file through the fuzz entry points with a plain main().
FUZZ_REPLAY_OBJ := $(FUZZ_SRC:%.c=build-san/obj/%.o) build-san/obj/fuzz/replay_main.o
build-san/fuzz-replay: $(FUZZ_SRC) fuzz/replay_main.c build-san/libzx.a
	@mkdir -p build-san/fuzz-bin
	@for f in $(FUZZ_SRC); do n=$$(basename $$f .c); \
	  $(CC) $(CFLAGS_BASE) $(SAN) -DZX_FUZZ_NAME=$$n -c $$f -o build-san/fuzz-bin/$$n.o && \
	  $(CC) $(CFLAGS_BASE) $(SAN) -c fuzz/replay_main.c -o build-san/fuzz-bin/main.o && \
	  $(CC) $(SAN) -pthread -o build-san/fuzz-bin/$$n build-san/fuzz-bin/$$n.o \
	    build-san/fuzz-bin/main.o build-san/libzx.a $(PKG_LIBS) -lm || exit 1; done
	@touch $@

FUZZ_SECONDS ?= 20
FUZZ_FLAGS := -O1 -g -fsanitize=fuzzer,address,undefined -fno-sanitize-recover=undefined -fno-omit-frame-pointer
# build-fuzz/ = the library instrumented for libFuzzer (clang), built once for every target
FUZZ_LIB := -O1 -g -fsanitize=fuzzer-no-link,address,undefined -fno-sanitize-recover=undefined \
            -fno-omit-frame-pointer
$(eval $(call variant,build-fuzz,$(FUZZ_LIB)))
build-fuzz/libzx.a: CC := clang
fuzz: build-fuzz/libzx.a $(FUZZ_SRC)
	@for f in $(FUZZ_SRC); do n=$$(basename $$f .c); \
	  clang $(CFLAGS_BASE) $(FUZZ_FLAGS) -o build-fuzz/$$n $$f build-fuzz/libzx.a $(PKG_LIBS) -lm || exit 1; \
	  mkdir -p fuzz/$$n-corpus-run; \
	  build-fuzz/$$n -max_total_time=$(FUZZ_SECONDS) -rss_limit_mb=4096 \
	    fuzz/$$n-corpus-run fuzz/$$n-corpus || exit 1; done

demo: build/zhixiao
	scripts/demo.sh

bench: build/zhixiao
	bench/import/run.sh

FMT_FILES := $(wildcard src/*/*.c src/*/*.h tests/*/*.c fuzz/*.c)
format:
	clang-format -i $(FMT_FILES)
format-check:
	clang-format --dry-run --Werror $(FMT_FILES)

# web/js: syntax and the CSP rules (scripts/check-js.mjs); no npm linter is installed
.PHONY: lint-js
lint-js:
	node scripts/check-js.mjs web

lint:
	cppcheck --quiet --error-exitcode=1 --enable=warning,performance,portability \
	  --inline-suppr -Isrc --suppress=missingIncludeSystem $(LIB_SRC) $(CLI_SRC)

# Web platform tests (issue 4): cmocka tests of auth/session/CSRF/zip logic run with the other
# unit tests; these add the API tests (node's test runner against a live server) and the
# browser tests (playwright-core + Debian's Chromium). Both use the sanitizer build.
.PHONY: check-web check-api check-browser bench-http
check-api: build-san/zhixiao
	ZX=$(CURDIR)/build-san/zhixiao tests/api/run.sh
check-browser: build-san/zhixiao
	ZX=$(CURDIR)/build-san/zhixiao tests/browser/run.sh
check-web: build-san/tests/web/test_auth check-api check-browser
	build-san/tests/web/test_auth
bench-http: build/zhixiao
	bench/http/run.sh

clean:
	rm -rf build build-san build-tsan build-fuzz

-include $(shell find build build-san build-tsan build-fuzz -name '*.d' -type f 2>/dev/null)

# bench/indicators: the indicator engine against DuckDB and SQLite (never part of check).
# bench/indicators/zxbench is the zhixiao driver, linked against the release libzx.a.
build/bench/zxbench: bench/indicators/zxbench.c build/libzx.a
	@mkdir -p $(dir $@)
	$(CC) $(CFLAGS_BASE) $(OPT) -o $@ $< build/libzx.a $(PKG_LIBS) -lm
.PHONY: bench-indicators
bench-indicators: build/zhixiao build/bench/zxbench
	bench/indicators/run.sh

# bench/monitor: the process monitor against DuckDB and SQLite (never part of check).
build/bench/zxbench_monitor: bench/monitor/zxbench_monitor.c build/libzx.a
	@mkdir -p $(dir $@)
	$(CC) $(CFLAGS_BASE) $(OPT) -o $@ $< build/libzx.a $(PKG_LIBS) -lm
.PHONY: bench-monitor
bench-monitor: build/zhixiao build/bench/zxbench_monitor
	bench/monitor/run.sh
