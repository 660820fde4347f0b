# Building Neural Networks in C - the build.
#
#   make            build the library and every chapter program
#   make run        run every chapter, output in build/out/<chapter>/
#   make check      run every Check suite (make check-03, check-rng: one)
#   make help       list the targets
#
# Your CFLAGS and LDFLAGS stay yours; the flags the project needs are in
# NN_CFLAGS.  Never build with -ffast-math or -Ofast: the book's numbers
# depend on IEEE arithmetic without fused multiply-adds (-ffp-contract=off).

CC      ?= cc
CFLAGS  ?= -O2 -g
LDFLAGS ?=
PKG_CONFIG ?= pkg-config

# MINE=1: learner mode (mk/learn.mk), the learner's files from mine/ in
# their own build directory, on the plain path.
ifeq ($(MINE),1)
BUILD   := build/mine
FAST    := 0
else
BUILD   := build
endif
REPO    := $(abspath .)

NN_CFLAGS := -std=c11 -D_POSIX_C_SOURCE=200809L -ffp-contract=off \
             -Wall -Wextra -MMD -MP -Ilib -fopenmp \
             -DNN_REPO_DIR='"$(REPO)"'
NN_LDLIBS := -lz -lm -fopenmp

CHECK_CFLAGS := $(shell $(PKG_CONFIG) --cflags check 2>/dev/null)
CHECK_LIBS   := $(shell $(PKG_CONFIG) --libs check 2>/dev/null)

LIB_SRC  := $(wildcard lib/*.c)
LIB_OBJ  := $(LIB_SRC:%.c=$(BUILD)/obj/%.o)
LIB      := $(BUILD)/libnn.a

# Chapter 8's own modules (recipes, the ablation, its tables) live beside
# its main.c; tools/recipe-cv and the tests use them too.
BEYOND     := chapters/08-beyond
BEYOND_SRC := $(filter-out $(BEYOND)/main.c,$(wildcard $(BEYOND)/*.c))
BEYOND_LIB := $(BUILD)/libbeyond.a

CHAPTERS := $(patsubst chapters/%/main.c,%,$(wildcard chapters/[0-9][0-9]-*/main.c))
BINS     := $(CHAPTERS:%=$(BUILD)/bin/%)

# tests/check_fast.c compares lib/fast/ with lib/: not in a FAST=0 build.
TEST_SRC := $(filter-out $(if $(filter 0,$(FAST)),tests/check_fast.c),\
              $(wildcard tests/*.c))
TEST_OBJ := $(TEST_SRC:%.c=$(BUILD)/obj/%.o)
SUITES   := $(patsubst tests/check_%.c,%,$(filter tests/check_%,$(TEST_SRC)))
RUNNER   := $(BUILD)/tests/runner

.PHONY: all run check check-lib-map help clean $(SUITES:%=check-%)

all: $(BINS)

$(BUILD)/obj/%.o: %.c
	@mkdir -p $(@D)
	$(CC) $(NN_CFLAGS) $(CFLAGS) -c $< -o $@

# The library starts afresh: a FAST=0 build must not keep lib/fast/'s
# objects from an earlier FAST=1 build (mk/fast.mk adds them).
$(LIB): $(LIB_OBJ)
	rm -f $@ && $(AR) rcs $@ $(filter %.o,$^)

$(BEYOND_LIB): $(BEYOND_SRC:%.c=$(BUILD)/obj/%.o)
	$(AR) rcs $@ $^

# The chapters' objects are intermediate files to make; keep them, or every
# build after `make run` would compile them again.
.SECONDARY: $(CHAPTERS:%=$(BUILD)/obj/chapters/%/main.o)

# A program links its own archives (any prerequisite .a but the library)
# before the library, whose modules they call: LIB, or for chapters 1 to 6
# in a FAST=1 build the plain copy PLAIN_LIB (mk/fast.mk says why).
$(BUILD)/bin/%: $(BUILD)/obj/chapters/%/main.o $(LIB)
	@mkdir -p $(@D)
	$(CC) $(CFLAGS) $(LDFLAGS) $< \
	    $(filter-out $(LIB) $(PLAIN_LIB),$(filter %.a,$^)) \
	    $(if $(filter $(PLAIN_LIB),$^),$(PLAIN_LIB),$(LIB)) \
	    $(NN_LDLIBS) -o $@
$(BUILD)/bin/08-beyond: $(BEYOND_LIB)

# ---- the speed appendix's tuned kernel -----------------------------------
# bench/tuned.c is compiled once for each level of x86-64 with its own
# vector width, AVX-512 (x86-64-v4) and AVX2 (x86-64-v3), where the
# compiler knows them, and once for the baseline processor, under three
# names; bench/kernels.c calls the fastest the processor runs.
TUNED_LEVELS := $(if $(shell $(CC) -march=x86-64-v4 -E -x c /dev/null \
                  >/dev/null 2>&1 && echo yes),v4 v3)
TUNED_OBJ := $(TUNED_LEVELS:%=$(BUILD)/obj/bench/tuned-%.o) \
             $(BUILD)/obj/bench/tuned-v1.o

$(BUILD)/obj/bench/tuned-v4.o: TUNED_ARCH := -march=x86-64-v4
$(BUILD)/obj/bench/tuned-v3.o: TUNED_ARCH := -march=x86-64-v3
$(TUNED_OBJ): $(BUILD)/obj/bench/tuned-%.o: bench/tuned.c
	@mkdir -p $(@D)
	$(CC) $(NN_CFLAGS) $(CFLAGS) $(TUNED_ARCH) -DTUNED_NAME=kern_tuned_$* \
	    -c $< -o $@
$(BUILD)/obj/bench/kernels.o: NN_CFLAGS += \
    $(if $(TUNED_LEVELS),-DHAVE_TUNED_V4 -DHAVE_TUNED_V3)

# ---- tests ---------------------------------------------------------------
# The runner's suite table is generated from the file names: every
# tests/check_NAME.c defines `Suite *suite_NAME(void)`.
$(BUILD)/tests/suites.inc: $(TEST_SRC) Makefile
	@mkdir -p $(@D)
	@printf 'SUITE(%s)\n' $(SUITES) > $@.tmp && mv $@.tmp $@

$(BUILD)/obj/tests/%.o: NN_CFLAGS += $(CHECK_CFLAGS) -I$(BUILD)/tests -Ibench \
	-I$(BEYOND) \
	-DNN_BIN_DIR='"$(REPO)/$(BUILD)/bin"'
$(BUILD)/obj/tests/runner.o: $(BUILD)/tests/suites.inc

# The kernels suite tests the speed appendix's kernels (bench/kernels.c,
# bench/tuned.c).
TEST_LINK := $(TEST_OBJ) $(BUILD)/obj/bench/kernels.o $(TUNED_OBJ)

$(RUNNER): $(TEST_LINK) $(BEYOND_LIB) $(LIB)
	@mkdir -p $(@D)
	$(CC) $(CFLAGS) $(LDFLAGS) $(TEST_LINK) $(PLAIN_OBJ) $(BEYOND_LIB) $(LIB) \
	    $(CHECK_LIBS) \
	    $(NN_LDLIBS) -o $@

check: $(BINS) $(RUNNER) check-lib-map
	$(RUNNER)

# lib/README.md's map of the modules against lib/'s include graph.
check-lib-map:
	@sh tests/lib_map.sh

$(SUITES:%=check-%): check-%: $(BINS) $(RUNNER)
	$(RUNNER) $* $(filter ex$*,$(SUITES))

# ---- running the chapters ------------------------------------------------
# Each chapter's printed output is kept beside its data files, for the book.
OUTPUTS := $(CHAPTERS:%=$(BUILD)/out/%/output.txt)

run: $(OUTPUTS)

$(BUILD)/out/%/output.txt: $(BUILD)/bin/% data/digits.csv.gz
	@mkdir -p $(@D)
	$< --out $(@D) > $@.tmp && mv $@.tmp $@

help:
	@echo 'make              build every chapter program (and predict)'
	@echo 'make run          run every chapter (output in build/out/)'
	@echo 'make check        run all tests; make check-NAME runs one suite:'
	@echo '                  $(SUITES)'
	@echo 'make book         run everything and build build/book.html and .pdf'
	@echo 'make html, pdf    build one of the two; make figures: the figures'
	@echo 'make check-lib-map  lib/README.md against the include graph'
	@echo 'make check-book   build the book from a clean copy and check it'
	@echo 'make bench        time the library against numpy (build/out/bench/)'
	@echo 'make check-asan   all tests and programs with ASan and UBSan'
	@echo 'make check-valgrind  the programs and tests under valgrind'
	@echo 'make exercise-NN  learner mode: write chapter NN, graded by'
	@echo '                  make check-NN MINE=1; progress, solution-NN'
	@echo 'make fuzz         fuzz the file loaders (FUZZ_SECONDS=60 each)'
	@echo 'make FAST=0       build the plain code alone (no SIMD versions, no BLAS)'
	@echo 'make check-plain  every test on the plain code (FAST=0, in build/plain)'
	@echo 'make BLAS=none    the SIMD versions without OpenBLAS (mk/fast.mk)'
	@echo 'make clean        remove build/'

clean:
	rm -rf $(BUILD)

-include $(wildcard mk/*.mk)
-include $(shell find $(BUILD)/obj -name '*.d' 2>/dev/null)
