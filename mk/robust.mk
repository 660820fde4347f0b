# mk/robust.mk - bad input, sanitizers, valgrind, fuzzing, predict (issue 7).
#
#   make predict          build $(BUILD)/bin/predict (also part of `all`)
#   make check-asan       rebuild everything with AddressSanitizer and
#                         UBSan in $(BUILD)/asan; run every test and every
#                         chapter program there
#   make check-valgrind   run every chapter program, predict and the tests
#                         (CK_FORK=no) under valgrind; the programs again
#                         natively, whose outputs must be the same
#   make fuzz             run each libFuzzer harness in fuzz/ for
#                         FUZZ_SECONDS seconds (default 60); needs clang
#   make fuzz-regress     replay the seed corpus and the kept crashers once
#
# Included by the main Makefile, after its own rules.

PREDICT := $(BUILD)/bin/predict

.PHONY: predict check-asan check-valgrind run-chapters-checked fuzz \
        fuzz-build fuzz-regress

predict: $(PREDICT)
all: $(PREDICT)
check $(SUITES:%=check-%): $(PREDICT)

$(PREDICT): $(BUILD)/obj/tools/predict/main.o $(LIB)
	@mkdir -p $(@D)
	$(CC) $(CFLAGS) $(LDFLAGS) $< $(LIB) $(NN_LDLIBS) -o $@

# recipe-cv: chapter 8's recipes cross-validated on training images only
# (tools/recipe-cv/main.c); the recipe suite runs it.
RECIPE_CV := $(BUILD)/bin/recipe-cv
.PHONY: recipe-cv
recipe-cv: $(RECIPE_CV)
all: $(RECIPE_CV)
check $(SUITES:%=check-%): $(RECIPE_CV)

$(BUILD)/obj/tools/recipe-cv/main.o: NN_CFLAGS += -I$(BEYOND)
$(RECIPE_CV): $(BUILD)/obj/tools/recipe-cv/main.o $(BEYOND_LIB) $(LIB)
	@mkdir -p $(@D)
	$(CC) $(CFLAGS) $(LDFLAGS) $< $(BEYOND_LIB) $(LIB) $(NN_LDLIBS) -o $@

# ---- running every program once, under a wrapper -------------------------
# Each chapter with its default options (and CHAPTER_ARGS_<name> when set),
# then predict on the network chapter 06 saves, when it can save one.
# RUN_WRAP is prepended to every command (valgrind, or nothing).
# The options keep the slow chapters quick (they still run every code
# path): the same list as tests/check_robust.c.
RUN_WRAP ?=
CHAPTER_ARGS_05-backprop ?= --steps 30
CHAPTER_ARGS_07-sweep ?= --epochs 1
CHAPTER_ARGS_08-beyond ?= --seeds 0 --no-grids --epochs 1

define run_checked
@echo "run $(1) $(CHAPTER_ARGS_$(1))"; \
$(RUN_WRAP) $(BUILD)/bin/$(1) --out $(BUILD)/checked/$(1) \
    $(CHAPTER_ARGS_$(1)) > $(BUILD)/checked/$(1).txt 2>&1 || \
    { tail -40 $(BUILD)/checked/$(1).txt; echo "FAILED: $(1)"; exit 1; }

endef

run-chapters-checked: $(BINS) $(PREDICT)
	@rm -rf $(BUILD)/checked && mkdir -p $(BUILD)/checked
	$(foreach c,$(CHAPTERS),$(call run_checked,$(c)))
	@if [ -x $(BUILD)/bin/06-sgd ] && \
	   $(BUILD)/bin/06-sgd --help | grep -q -e '--save'; then \
	    echo "run predict"; \
	    $(BUILD)/bin/06-sgd --out $(BUILD)/checked/06-sgd-save \
	        --save $(BUILD)/checked/net.nnet > /dev/null && \
	    $(RUN_WRAP) $(PREDICT) --model $(BUILD)/checked/net.nnet \
	        --out $(BUILD)/checked/predict > $(BUILD)/checked/predict.txt \
	        2>&1 || { tail -5 $(BUILD)/checked/predict.txt; \
	                  echo "FAILED: predict"; exit 1; }; \
	fi
	@echo "all programs ran cleanly"

# ---- AddressSanitizer + UndefinedBehaviorSanitizer -------------------------
# -fno-sanitize-recover makes UBSan stop with a non-zero status instead of
# printing and going on.  The tests run the chapter programs of the same
# (sanitized) build, because the runner is built with BUILD=$(BUILD)/asan.
SAN_FLAGS := -fsanitize=address,undefined -fno-sanitize-recover=all \
             -fno-omit-frame-pointer
export ASAN_OPTIONS ?= detect_leaks=1:abort_on_error=0:strict_string_checks=1
export UBSAN_OPTIONS ?= print_stacktrace=1:halt_on_error=1

ASAN_MAKE = $(MAKE) --no-print-directory BUILD=$(BUILD)/asan \
            CFLAGS='-O1 -g $(SAN_FLAGS)' LDFLAGS='$(SAN_FLAGS)'

check-asan:
	$(ASAN_MAKE) all $(BUILD)/asan/tests/runner
	$(BUILD)/asan/tests/runner
	$(ASAN_MAKE) run-chapters-checked
	@echo "check-asan: clean"

# ---- valgrind ------------------------------------------------------------
# libgomp keeps its thread pool until exit: "still reachable", and at most
# "possibly lost" for the threads' own storage; only memory that is
# definitely or indirectly lost counts as a leak here.
# Valgrind runs one thread at a time, so threads that spin while they wait
# (libgomp's default, OpenBLAS's workers) make it crawl: OpenMP waits
# passively and the BLAS keeps to one thread here.
VALGRIND ?= valgrind -q --error-exitcode=1 --leak-check=full \
            --errors-for-leak-kinds=definite,indirect \
            --show-leak-kinds=definite,indirect
VALGRIND_ENV := OMP_WAIT_POLICY=passive OPENBLAS_NUM_THREADS=1

# VALGRIND_SUITES names the Check suites to run (default: all).  CI leaves
# out the few whose finite-difference loops take minutes under valgrind;
# the chapters above still run that code (05's gradient check) under it.
VALGRIND_SUITES ?=

# The programs run twice, under valgrind and then natively, and their
# outputs (numbers to 17 digits) must be identical.  Valgrind's processor
# has no AVX-512, so there every NN_LANES function (lib/fast/lanes.h) runs its
# x86-64-v3 version, and natively, on a processor with AVX-512, its v4
# version: the two must give the same bits.  (Without AVX-512 both runs
# use v3, and the make says so.)  OpenBLAS would pick different kernels
# in the two runs, so both get its AVX2 one (Haswell) where the processor
# has AVX2.
LANES_ENV := $(if $(shell grep -qw avx2 /proc/cpuinfo 2>/dev/null && \
                   echo y),OPENBLAS_CORETYPE=Haswell)

check-valgrind: $(BINS) $(RUNNER) $(PREDICT)
	$(VALGRIND_ENV) $(LANES_ENV) $(MAKE) --no-print-directory \
	    RUN_WRAP='$(VALGRIND)' run-chapters-checked
	@rm -rf $(BUILD)/checked-valgrind
	@mv $(BUILD)/checked $(BUILD)/checked-valgrind
	$(VALGRIND_ENV) $(LANES_ENV) $(MAKE) --no-print-directory \
	    run-chapters-checked
	diff -r $(BUILD)/checked-valgrind $(BUILD)/checked
	@echo "the programs' outputs are the same natively and under valgrind"
	@grep -qw avx512f /proc/cpuinfo 2>/dev/null || echo "(no AVX-512" \
	    "here: both runs used the same versions of the SIMD loops)"
	$(VALGRIND_ENV) CK_FORK=no $(VALGRIND) $(RUNNER) $(VALGRIND_SUITES)
	@echo "check-valgrind: clean"

# ---- fuzzing ---------------------------------------------------------------
# Each fuzz/NAME.c is a libFuzzer harness, built with clang against its own
# sanitized copy of the library (without OpenMP: clang's libomp is not
# needed).  Seeds: fuzz/corpus/NAME/; inputs that once crashed a loader:
# fuzz/regress/NAME/ (replayed by fuzz-regress, which fuzz runs first).
FUZZ_SECONDS ?= 60
FUZZ_CC ?= clang
FUZZ_BUILD := $(BUILD)/fuzz
FUZZ_FLAGS := -g -O1 $(SAN_FLAGS)
FUZZ_CFLAGS := -std=c11 -D_POSIX_C_SOURCE=200809L -ffp-contract=off -Ilib \
               -MMD -MP $(FUZZ_FLAGS)
FUZZ_NAMES := $(patsubst fuzz/%.c,%,$(wildcard fuzz/*.c))
FUZZ_BINS := $(FUZZ_NAMES:%=$(FUZZ_BUILD)/bin/%)
FUZZ_LIB := $(FUZZ_BUILD)/libnn.a

$(FUZZ_BUILD)/obj/%.o: %.c
	@mkdir -p $(@D)
	$(FUZZ_CC) $(FUZZ_CFLAGS) -fsanitize=fuzzer-no-link -c $< -o $@

# Only the modules the loaders need (and what they call).
FUZZ_LIB_SRC := lib/act.c lib/data.c lib/err.c lib/mat.c lib/names.c lib/net.c \
                lib/netio.c lib/out.c lib/rng.c

$(FUZZ_LIB): $(FUZZ_LIB_SRC:%.c=$(FUZZ_BUILD)/obj/%.o)
	$(AR) rcs $@ $^

$(FUZZ_BUILD)/bin/%: $(FUZZ_BUILD)/obj/fuzz/%.o $(FUZZ_LIB)
	@mkdir -p $(@D)
	$(FUZZ_CC) $(FUZZ_FLAGS) -fsanitize=fuzzer $< $(FUZZ_LIB) -lz -lm -o $@

# Keep the objects make would otherwise delete as intermediate.
.SECONDARY: $(FUZZ_NAMES:%=$(FUZZ_BUILD)/obj/fuzz/%.o) \
            $(BUILD)/obj/tools/predict/main.o

fuzz-build: $(FUZZ_BINS)

fuzz-regress: $(FUZZ_BINS)
	@set -e; for h in $(FUZZ_NAMES); do \
	    files=$$(find fuzz/corpus/$$h fuzz/regress/$$h -type f \
	             2>/dev/null || true); \
	    echo "fuzz-regress $$h: $$(echo $$files | wc -w) inputs"; \
	    $(FUZZ_BUILD)/bin/$$h $$files > $(FUZZ_BUILD)/$$h.regress.log \
	        2>&1 || { tail -40 $(FUZZ_BUILD)/$$h.regress.log; exit 1; }; \
	done

fuzz: fuzz-regress
	@set -e; for h in $(FUZZ_NAMES); do \
	    mkdir -p $(FUZZ_BUILD)/corpus/$$h $(FUZZ_BUILD)/crashes/$$h; \
	    log=$(FUZZ_BUILD)/$$h.log; \
	    echo "fuzz $$h for $(FUZZ_SECONDS) s"; \
	    $(FUZZ_BUILD)/bin/$$h -max_total_time=$(FUZZ_SECONDS) \
	        -print_final_stats=1 -max_len=20000 -timeout=10 \
	        -artifact_prefix=$(FUZZ_BUILD)/crashes/$$h/ \
	        $(FUZZ_BUILD)/corpus/$$h fuzz/corpus/$$h > $$log 2>&1 || \
	        { tail -60 $$log; echo "fuzz $$h: FOUND A CRASH, input in" \
	          "$(FUZZ_BUILD)/crashes/$$h/"; exit 1; }; \
	    grep -E 'stat::number_of_executed_units|Done [0-9]+ runs' $$log; \
	done

-include $(shell find $(FUZZ_BUILD)/obj -name '*.d' 2>/dev/null)
