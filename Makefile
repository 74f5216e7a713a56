# jixiao - budget performance tables to print-ready Chinese reports.
#
#   make            build ./jixiao (installs missing Debian packages first)
#   make report     render the sample input into output/
#   make test       unit tests, end-to-end checks, README examples
#   make bench      whole-process timings and peak memory (medians)
#   make fuzz       each libFuzzer target for FUZZ_SECONDS (default 300)
#   make install    PREFIX=/usr/local DESTDIR=
#   make format     clang-format the sources

VERSION := 0.1.0
PREFIX ?= /usr/local
DESTDIR ?=
CC ?= cc
PKGS := pangocairo pangoft2 harfbuzz harfbuzz-subset glib-2.0 fontconfig cairo-pdf cairo-svg cairo-png \
        libzip libxml-2.0 libcrypto libqpdf libwoff2enc libpng16
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
# where jixiao finds fonts/fonts.conf: this folder, or the installed copy
FONTDIR ?= $(CURDIR)/fonts
TEMPLATEDIR ?= $(CURDIR)/templates
ALL_CFLAGS := -std=c11 -D_POSIX_C_SOURCE=200809L $(WARN) $(CFLAGS) $(PKG_CFLAGS) \
              -DJX_VERSION='"$(VERSION)"' -DJX_FONT_DIR='"$(FONTDIR)"' \
              -DJX_TEMPLATE_DIR='"$(TEMPLATEDIR)"' -Igenerator
# -lstdc++: the woff2 encoder is C++ (generator/render/woff2.cc)
LIBS := $(PKG_LIBS) -lhpdf -lcsv -lfreexl -lstdc++ -lm

SRC := $(wildcard generator/*.c generator/*/*.c)
HDR := $(wildcard generator/*/*.h)
LIB_SRC := $(filter-out generator/main.c generator/layout/fontprep.c,$(SRC))
LIB_OBJ := $(LIB_SRC:generator/%.c=$(BUILD)/%.o) $(BUILD)/render/woff2.o
TEST_SRC := $(wildcard tests/unit/test_*.c)
TEST_BIN := $(TEST_SRC:tests/unit/%.c=$(BUILD)/tests/%)

.PHONY: all fonts report test unit glyphs compare e2e e2e-core e2e-render validate browser wordproc memcheck scale sanitize-errors bench install format clean sanitize fuzz fuzz-smoke fuzz-build

all: $(BIN) fonts

# The faces jixiao typesets with, prepared from the Debian font packages:
# Noto CJK SC desubroutinized (cairo 1.16 loses glyphs of the original in
# PDFs; see generator/layout/fontprep.c), Liberation for Latin letters and digits.
NOTO := /usr/share/fonts/opentype/noto
LIBERATION := /usr/share/fonts/truetype/liberation2
PREPARED := fonts/prepared
CJK := NotoSerifCJKsc-Regular NotoSerifCJKsc-Bold NotoSansCJKsc-Regular NotoSansCJKsc-Bold
FACES := $(CJK:%=$(PREPARED)/%.otf) $(CJK:%=$(PREPARED)/%-rare.otf) \
         $(PREPARED)/LiberationSerif-Regular.ttf $(PREPARED)/LiberationSerif-Bold.ttf \
         $(PREPARED)/LiberationSans-Regular.ttf $(PREPARED)/LiberationSans-Bold.ttf
fonts: $(FACES)

build/fontprep: generator/layout/fontprep.c
	@mkdir -p build
	@echo "  LINK    $@"
	@$(CC) -std=c11 $(WARN) -O2 $< -o $@ $(shell pkg-config --cflags --libs harfbuzz-subset glib-2.0)

$(PREPARED)/NotoSerifCJKsc-%-rare.otf: $(NOTO)/NotoSerifCJK-%.ttc build/fontprep
	@mkdir -p $(PREPARED)
	@echo "  FONT    $@"
	@build/fontprep $< "Noto Serif CJK SC" $@ rare

$(PREPARED)/NotoSansCJKsc-%-rare.otf: $(NOTO)/NotoSansCJK-%.ttc build/fontprep
	@mkdir -p $(PREPARED)
	@echo "  FONT    $@"
	@build/fontprep $< "Noto Sans CJK SC" $@ rare

$(PREPARED)/NotoSerifCJKsc-%.otf: $(NOTO)/NotoSerifCJK-%.ttc build/fontprep
	@mkdir -p $(PREPARED)
	@echo "  FONT    $@"
	@build/fontprep $< "Noto Serif CJK SC" $@ common

$(PREPARED)/NotoSansCJKsc-%.otf: $(NOTO)/NotoSansCJK-%.ttc build/fontprep
	@mkdir -p $(PREPARED)
	@echo "  FONT    $@"
	@build/fontprep $< "Noto Sans CJK SC" $@ common

$(PREPARED)/Liberation%.ttf: $(LIBERATION)/Liberation%.ttf
	@mkdir -p $(PREPARED)
	@cp $< $@

$(BUILD)/%.o: generator/%.c $(HDR) | $(BUILD)
	@mkdir -p $(@D)
	@echo "  CC      $<"
	@$(CC) $(ALL_CFLAGS) -c $< -o $@

# the one C++ file: the C face of the woff2 library's encoder
$(BUILD)/render/woff2.o: generator/render/woff2.cc generator/render/woff2.h | $(BUILD)
	@mkdir -p $(@D)
	@echo "  CXX     $<"
	@$(CXX) -std=c++11 $(WARN) $(CFLAGS) $(shell pkg-config --cflags libwoff2enc) -Igenerator \
	        -c $< -o $@

$(BUILD):
	mkdir -p $(BUILD)/tests

$(BIN): $(LIB_OBJ) $(BUILD)/main.o
	@echo "  LINK    $@"
	@$(CC) $(ALL_CFLAGS) $^ -o $@ $(LIBS) $(LDFLAGS)

# compares rasters for the engines' parity test
$(BUILD)/tools/pgmdiff: tests/tools/pgmdiff.c
	@mkdir -p $(BUILD)/tools
	@echo "  CC      $@"
	@$(CC) $(ALL_CFLAGS) $< -o $@ $(shell pkg-config --libs cairo) $(LDFLAGS)

# sets paragraphs as the reports do, for make compare
$(BUILD)/tools/paragraphs: tests/tools/paragraphs.c $(LIB_OBJ) | $(BUILD)
	@mkdir -p $(BUILD)/tools
	@echo "  LINK    $@"
	@$(CC) $(ALL_CFLAGS) $< $(LIB_OBJ) -o $@ $(LIBS) $(LDFLAGS)

$(BUILD)/tests/%: tests/unit/%.c $(LIB_OBJ) | $(BUILD)
	@echo "  LINK    $@"
	@$(CC) $(ALL_CFLAGS) -DJX_SOURCE_DIR='"$(CURDIR)"' $< $(LIB_OBJ) -o $@ $(LIBS) -lcmocka $(LDFLAGS)

# The sample input's reports, with their site (output/index.html), and its
# normalized table.
report: jixiao fonts
	@mkdir -p output
	./jixiao render -o output -f pdf,svg,html input
	./jixiao render -t monthly --period 2024-09 -o output -f pdf,html input
	./jixiao render -t targets -o output -f pdf,html input
	./jixiao render -t official -o output -f pdf,html input
	@./jixiao dump input > output/.sample.csv.tmp || { rm -f output/.sample.csv.tmp; exit 1; }
	@mv output/.sample.csv.tmp output/sample.csv
	@echo output/sample.csv

# UNIT_SKIP: unit tests left out of a run (by name)
unit: $(TEST_BIN) fonts
	@for t in $(filter-out $(UNIT_SKIP:%=$(BUILD)/tests/%),$(TEST_BIN)); do echo "== $$t"; $$t || exit 1; done

# no glyph lost on the way into a PDF (tests/unit/test_glyphs.c)
glyphs: $(BUILD)/tests/test_glyphs fonts
	$(BUILD)/tests/test_glyphs

# the checks of reading, batches, faults and untrusted data
e2e-core: $(BIN) fonts
	tests/cli/run.sh $(BIN)
	tests/cli/forms.sh $(BIN)
	tests/cli/printed.sh $(BIN)
	tests/cli/office.sh $(BIN)
	tests/cli/batch.sh $(BIN)
	tests/cli/faults.sh $(BIN)
	tests/cli/untrusted.sh $(BIN)
	tests/cli/sign.sh $(BIN)
	tests/cli/district.sh $(BIN)
	tests/cli/web.sh $(BIN)
	tests/cli/docx.sh $(BIN)

e2e: e2e-core $(BUILD)/tools/pgmdiff
	tests/cli/render.sh $(BIN)
	tests/cli/haru.sh $(BIN) $(BUILD)/tools/pgmdiff
	tests/cli/man.sh $(BIN) doc/jixiao.1
	tests/cli/install.sh
	tests/cli/readme.sh $(BIN) README.md
	tests/cli/readme.sh $(BIN) docs/input.md
	tests/cli/readme.sh $(BIN) docs/templates.md
	tests/cli/readme.sh $(BIN) docs/district.md
	tests/cli/readme.sh $(BIN) docs/web.md
	tests/cli/readme.sh $(BIN) docs/scale.md
	tests/cli/readme.sh $(BIN) docs/word.md

# the checks that mostly time a validator (Apache PDFBox Preflight, a JVM):
# not again in the sanitizer build
validate: $(BIN) fonts
	tests/cli/pdfa.sh $(BIN)

# the web outputs in headless chromium (mostly times the browser: not
# again in the sanitizer build)
browser: $(BIN) fonts $(BUILD)/tools/pgmdiff
	tests/cli/browser.sh $(BIN) $(BUILD)/tools/pgmdiff

# the Word documents in LibreOffice (mostly times LibreOffice: not again
# in the sanitizer build)
wordproc: $(BIN) fonts
	tests/cli/wordproc.sh $(BIN)

# the sample under valgrind memcheck (not in the sanitizer build: the two
# do not run together)
memcheck: $(BIN) fonts
	tests/cli/memcheck.sh $(BIN)

# pathological input grows linearly (ratios of times, so not under the
# sanitizers either)
scale: $(BIN) fonts
	tests/cli/scale.sh $(BIN)

# Builds use both cores; the checks run one at a time (some stop
# processes, some time themselves), but for Preflight (a JVM), valgrind's
# memcheck (one core), the short fuzz (a fixed time a target), the glyph
# check (pdftoppm over every hanzi) and chromium side by side, which time
# nothing.
test:
	@$(MAKE) --no-print-directory -j2 $(BIN) $(TEST_BIN) $(BUILD)/tools/pgmdiff
	@$(MAKE) --no-print-directory UNIT_SKIP=test_glyphs unit e2e
	@$(MAKE) --no-print-directory -j4 validate memcheck fuzz-smoke glyphs browser wordproc
	@$(MAKE) --no-print-directory scale sanitize-errors
	@echo "make test: all passed"

# The same tests built with AddressSanitizer and UBSan, apart from the
# normal build; any report fails the run.
SAN := -fsanitize=address,undefined -fno-sanitize-recover=all
# leaks are looked for with full stacks (slow: every allocation is unwound),
# so that tests/lsan.supp can name the library frames
SAN_LEAKS ?= detect_leaks=1:fast_unwind_on_malloc=0
SAN_RUN = ASAN_OPTIONS=$(SAN_LEAKS) \
	LSAN_OPTIONS=suppressions=$(CURDIR)/tests/lsan.supp:print_suppressions=0 \
	UBSAN_OPTIONS=print_stacktrace=1 \
	$(MAKE) BUILD=build/san BIN=build/san/jixiao \
	        CFLAGS="-O1 -g $(SAN) -fno-omit-frame-pointer" LDFLAGS="$(SAN)"
sanitize:
	$(SAN_RUN) -j2 build/san/jixiao $(TEST_BIN:$(BUILD)/%=build/san/%) build/san/tools/pgmdiff
	$(SAN_RUN) unit e2e

# what make test runs in the sanitizer build: every unit check and the
# end-to-end checks of jixiao's own work, for memory errors and undefined
# behaviour; leaks are memcheck's part of make test, and make sanitize (CI)
# looks for them in every check.  Left to make sanitize: test_glyphs (it
# mostly times pdftoppm over every hanzi), haru.sh (pdftoppm and raster
# comparisons), and the man page's, the install's and the docs' examples,
# which run what the other checks run.
sanitize-errors: SAN_LEAKS = detect_leaks=0
sanitize-errors:
	$(SAN_RUN) -j2 build/san/jixiao $(TEST_BIN:$(BUILD)/%=build/san/%)
	$(SAN_RUN) UNIT_SKIP=test_glyphs unit e2e-core
	$(SAN_RUN) e2e-render

# the rendering checks of e2e, by themselves for the sanitizer pass
e2e-render: $(BIN) fonts
	tests/cli/render.sh $(BIN)

# the sample's paragraphs set by jixiao and by XeLaTeX + ctex, side by side
# (tests/compare/paragraphs.sh): lines and widest gaps, the PDFs and their
# first pages in output/compare
compare: jixiao fonts $(BUILD)/tools/paragraphs
	@scripts/bootstrap --compare
	tests/compare/paragraphs.sh ./jixiao $(BUILD)/tools/paragraphs output/compare

bench: jixiao fonts
	tests/bench/run.sh ./jixiao
	PDFA_FULL=1 tests/cli/pdfa.sh ./jixiao

# libFuzzer targets (tests/fuzz/fuzz_*.c), built by clang with ASan and
# UBSan apart from the other builds.  Each starts from the seeds of
# tests/fuzz/run.sh; what it finds is written to tests/fuzz/found/ and
# becomes a case in tests/fuzz/cases/, which every run replays first.
FUZZ_SRC := $(wildcard tests/fuzz/fuzz_*.c)
FUZZ_NAMES := $(FUZZ_SRC:tests/fuzz/%.c=%)
FUZZ_SECONDS ?= 300
FUZZ_SAN := -fsanitize=address,undefined -fno-sanitize-recover=all -fno-omit-frame-pointer

$(BUILD)/fuzz/%: tests/fuzz/%.c $(LIB_OBJ)
	@mkdir -p $(BUILD)/fuzz
	@echo "  LINK    $@"
	@$(CC) $(ALL_CFLAGS) -DJX_SOURCE_DIR='"$(CURDIR)"' $< $(LIB_OBJ) -o $@ $(LIBS) \
	       -fsanitize=fuzzer $(LDFLAGS)

fuzz-build:
	@command -v clang >/dev/null || scripts/bootstrap
	@$(MAKE) --no-print-directory -j2 BUILD=build/fuzz CC=clang CXX=clang++ WARN="-Wall -Wextra" \
	        CFLAGS="-O1 -g -fsanitize=fuzzer-no-link $(FUZZ_SAN)" LDFLAGS="$(FUZZ_SAN)" \
	        $(FUZZ_NAMES:%=build/fuzz/fuzz/%)

fuzz: fuzz-build fonts
	tests/fuzz/run.sh build/fuzz/fuzz $(FUZZ_SECONDS) $(FUZZ_NAMES)

# a short run of each target, for make test
fuzz-smoke: fuzz-build fonts
	tests/fuzz/run.sh build/fuzz/fuzz 3 $(FUZZ_NAMES)

# The installed program reads its fonts and templates from $(PREFIX)/share/jixiao.
install: fonts
	$(MAKE) BUILD=build/install BIN=build/install/jixiao FONTDIR=$(PREFIX)/share/jixiao/fonts \
	        TEMPLATEDIR=$(PREFIX)/share/jixiao/templates build/install/jixiao
	install -d $(DESTDIR)$(PREFIX)/bin $(DESTDIR)$(PREFIX)/share/jixiao/fonts/prepared
	install -m 755 build/install/jixiao $(DESTDIR)$(PREFIX)/bin/jixiao
	install -d $(DESTDIR)$(PREFIX)/share/jixiao/templates
	install -m 644 templates/*.ini $(DESTDIR)$(PREFIX)/share/jixiao/templates/
	install -m 644 fonts/fonts.conf $(DESTDIR)$(PREFIX)/share/jixiao/fonts/
	install -m 644 $(FACES) $(DESTDIR)$(PREFIX)/share/jixiao/fonts/prepared/
	install -d $(DESTDIR)$(PREFIX)/share/man/man1 $(DESTDIR)$(PREFIX)/share/bash-completion/completions
	install -m 644 doc/jixiao.1 $(DESTDIR)$(PREFIX)/share/man/man1/jixiao.1
	sed 's#@TEMPLATEDIR@#$(PREFIX)/share/jixiao/templates#' completions/jixiao \
	    >$(DESTDIR)$(PREFIX)/share/bash-completion/completions/jixiao

format:
	clang-format -i generator/*.c generator/*/*.c $(HDR) tests/unit/*.c tests/fuzz/*.c

clean:
	rm -rf build jixiao fonts/cache
