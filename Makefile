# jixiao - budget performance tables to print-ready Chinese reports.
#
#   make            build ./jixiao (installs missing Debian packages first)
#   make report     render the sample input into output/
#   make test       unit tests, end-to-end checks, README examples
#   make bench      whole-process timings and peak memory (medians)
#   make install    PREFIX=/usr/local DESTDIR=
#   make format     clang-format the sources

VERSION := 0.1.0
PREFIX ?= /usr/local
DESTDIR ?=
CC ?= cc
PKGS := pangocairo harfbuzz harfbuzz-subset glib-2.0 fontconfig
# BUILD holds objects and test binaries, BIN the program: the sanitizer
# build uses its own of both, so the two never mix.
BUILD ?= build
BIN ?= jixiao

# Dependencies come first: pkg-config below needs the -dev packages.
DEPS_OK := $(shell scripts/bootstrap --check >/dev/null 2>&1 && echo yes)
ifneq ($(DEPS_OK),yes)
  ifeq ($(filter format,$(MAKECMDGOALS)),)
    $(info jixiao: installing missing packages (scripts/bootstrap))
    BOOTSTRAP := $(shell scripts/bootstrap >&2 && echo ok)
    ifneq ($(BOOTSTRAP),ok)
      $(error scripts/bootstrap failed: install the packages it lists and run make again)
    endif
  endif
endif

PKG_CFLAGS := $(shell pkg-config --cflags $(PKGS))
PKG_LIBS := $(shell pkg-config --libs $(PKGS))
WARN := -Wall -Wextra -Wpedantic -Werror
CFLAGS ?= -O2 -g
ALL_CFLAGS := -std=c11 -D_POSIX_C_SOURCE=200809L $(WARN) $(CFLAGS) $(PKG_CFLAGS) \
              -DJX_VERSION='"$(VERSION)"' -Igenerator
LIBS := $(PKG_LIBS) -lhpdf -lcsv -lm

SRC := $(wildcard generator/*.c)
LIB_SRC := $(filter-out generator/main.c,$(SRC))
LIB_OBJ := $(LIB_SRC:generator/%.c=$(BUILD)/%.o)
TEST_SRC := $(wildcard tests/unit/test_*.c)
TEST_BIN := $(TEST_SRC:tests/unit/%.c=$(BUILD)/tests/%)

.PHONY: all report test unit e2e bench install format clean sanitize

all: $(BIN)

$(BUILD)/%.o: generator/%.c $(wildcard generator/*.h) | $(BUILD)
	@echo "  CC      $<"
	@$(CC) $(ALL_CFLAGS) -c $< -o $@

$(BUILD):
	mkdir -p $(BUILD)/tests

$(BIN): $(LIB_OBJ) $(BUILD)/main.o
	@echo "  LINK    $@"
	@$(CC) $(ALL_CFLAGS) $^ -o $@ $(LIBS) $(LDFLAGS)

$(BUILD)/tests/%: tests/unit/%.c $(LIB_OBJ) | $(BUILD)
	@echo "  LINK    $@"
	@$(CC) $(ALL_CFLAGS) -DJX_SOURCE_DIR='"$(CURDIR)"' $< $(LIB_OBJ) -o $@ $(LIBS) -lcmocka $(LDFLAGS)

# Until the renderer arrives, the report is the check and the normalized dump
# of the sample input.
report: jixiao
	@mkdir -p output
	./jixiao check input
	@./jixiao dump input > output/.sample.csv.tmp || { rm -f output/.sample.csv.tmp; exit 1; }
	@mv output/.sample.csv.tmp output/sample.csv
	@echo output/sample.csv

unit: $(TEST_BIN)
	@for t in $(TEST_BIN); do echo "== $$t"; $$t || exit 1; done

e2e: $(BIN)
	tests/cli/run.sh $(BIN)
	tests/cli/readme.sh $(BIN) README.md

test: unit e2e
	@echo "make test: all passed"

# The same tests built with AddressSanitizer and UBSan, apart from the
# normal build; any report fails the run.
SAN := -fsanitize=address,undefined -fno-sanitize-recover=all
sanitize:
	ASAN_OPTIONS=detect_leaks=1 UBSAN_OPTIONS=print_stacktrace=1 \
	$(MAKE) test BUILD=build/san BIN=build/san/jixiao \
	        CFLAGS="-O1 -g $(SAN) -fno-omit-frame-pointer" LDFLAGS="$(SAN)"

bench: jixiao
	tests/bench/run.sh ./jixiao

install: $(BIN)
	install -d $(DESTDIR)$(PREFIX)/bin
	install -m 755 jixiao $(DESTDIR)$(PREFIX)/bin/jixiao

format:
	clang-format -i generator/*.c generator/*.h tests/unit/*.c

clean:
	rm -rf build jixiao
