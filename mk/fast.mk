# mk/fast.mk - the plain code, or the fast code beside it (lib/fast/).
#
#   make                 FAST=1: lib/fast/'s SIMD versions, and OpenBLAS (or
#                        another cblas) behind mat_matmul when pkg-config
#                        finds one, for chapter 7 on, the tools and the
#                        tests; chapters 1 to 6 link a plain copy of lib/
#   make FAST=0          the plain versions in lib/ alone: no SIMD versions,
#                        no BLAS (the code the book's chapters show)
#   make BLAS=none       FAST=1 without a BLAS: mat_matmul is the triple loop
#   make BLAS=openblas   insists on a pkg-config package by that name
#
# Each file in lib/fast/ holds faster versions of functions of a lib/
# module, under the same names; the lib/ file keeps its plain versions
# inside #ifndef NN_FAST (or #ifndef NN_BLAS for the matrix product), so
# that exactly one of each is built.  The results are the same bits, but
# for the sigmoid and softmax (a few ulp) and the BLAS (its summation
# order); tests/check_fast.c compares the two on the same work.  The build
# directory records the choice (BUILD/fast.stamp), so switching FAST= or
# BLAS= rebuilds everything that depends on it.

FAST ?= 1
ifeq ($(filter 0 1,$(FAST)),)
$(error FAST=$(FAST): use FAST=1 (the default) or FAST=0)
endif

ifeq ($(FAST),0)
ifeq ($(origin BLAS),command line)
ifneq ($(BLAS),none)
$(error BLAS=$(BLAS) with FAST=0: the plain build has no BLAS)
endif
endif
BLAS := none
endif

ifeq ($(origin BLAS),undefined)
BLAS := $(firstword $(foreach p,openblas cblas,\
          $(if $(shell $(PKG_CONFIG) --exists $(p) && echo yes),$(p))))
endif
ifeq ($(BLAS),)
BLAS := none
endif

ifneq ($(BLAS),none)
BLAS_CFLAGS := $(shell $(PKG_CONFIG) --cflags $(BLAS))
BLAS_LIBS   := $(shell $(PKG_CONFIG) --libs $(BLAS))
ifeq ($(BLAS_LIBS),)
$(error BLAS=$(BLAS): pkg-config knows no package '$(BLAS)'; use BLAS=none)
endif
NN_CFLAGS += -DNN_BLAS $(BLAS_CFLAGS)
NN_LDLIBS += $(BLAS_LIBS)
endif

# The fast files join the library; blas.c only with a BLAS.
ifeq ($(FAST),1)
NN_CFLAGS += -DNN_FAST
FAST_SRC := $(filter-out $(if $(filter none,$(BLAS)),lib/fast/blas.c),\
              $(wildcard lib/fast/*.c))
endif
FAST_OBJ := $(FAST_SRC:%.c=$(BUILD)/obj/%.o)
$(LIB): $(FAST_OBJ)

# exp_lanes.c selects with comparisons; GCC runs those in SIMD lanes only
# when it may assume that no floating-point exception traps.  No value
# changes (lib/fast/exp_lanes.c).
$(BUILD)/obj/lib/fast/exp_lanes.o: NN_CFLAGS += -fno-trapping-math

# optim_lanes.c's Adam takes a square root of every element.  C's sqrt may
# set errno (on a negative argument), and GCC keeps that call out of SIMD
# lanes unless told errno need not be set: the step then ran one element
# at a time, 3.7 ns each, against 1.1 in lanes.  sqrt is correctly rounded
# either way, so no value changes; Adam's v is never negative.
$(BUILD)/obj/lib/fast/optim_lanes.o: NN_CFLAGS += -fno-math-errno

# ---- the plain copy: chapters 1 to 6, and the twins of tests/check_fast.c --
# A FAST=1 build also compiles every lib/ file without NN_FAST and
# NN_BLAS, into $(BUILD)/obj/plain-copy/, for two uses.
#
# Chapters 1 to 6 are the code the book teaches, and their runs are chaotic
# (chapter 5): another order of additions in a sum ends on another accuracy.
# They link that plain copy, $(BUILD)/libnn-plain.a, in every build, so
# their printed numbers are the plain code's on any processor and with any
# BLAS, and the HTML book's WebAssembly (mk/wasm.mk) gives the same.
# Chapter 7 on link the default library, with lib/fast/ and the BLAS.
#
# The test runner also holds lib/'s plain versions, under the names
# plain_*: each object of a lib/ file with a twin is copied with its twins
# renamed and every other global symbol made local, so that only the
# plain_* functions are seen outside it.
PLAIN_CHAPTERS := $(filter 01-% 02-% 03-% 04-% 05-% 06-%,$(CHAPTERS))
TWINS_act      := act_forward act_backward act_softmax
TWINS_backprop := net_output_delta net_add_l2 net_grad_mean
TWINS_optim    := optim_sgd optim_adam
TWINS_rng      := rng_permutation rng_skip_permutation
TWINS_loss     := loss_sum_squares
TWINS_mat      := mat_add_row mat_col_sums mat_gather_rows \
                  $(if $(filter none,$(BLAS)),,mat_matmul mat_backend)
ifeq ($(FAST),1)
PLAIN_LIB := $(BUILD)/libnn-plain.a
PLAIN_OBJ := $(patsubst %,$(BUILD)/obj/twin/lib/%.o,\
                         act backprop loss optim rng mat)
else
PLAIN_LIB := $(LIB)
endif

$(PLAIN_CHAPTERS:%=$(BUILD)/bin/%): $(PLAIN_LIB)
$(RUNNER): $(PLAIN_OBJ)

$(BUILD)/libnn-plain.a: $(LIB_SRC:%.c=$(BUILD)/obj/plain-copy/%.o)
	rm -f $@ && $(AR) rcs $@ $^

$(BUILD)/obj/plain-copy/lib/%.o: lib/%.c $(BUILD)/fast.stamp
	@mkdir -p $(@D)
	$(CC) $(NN_CFLAGS) $(CFLAGS) -UNN_FAST -UNN_BLAS -c $< -o $@

$(BUILD)/obj/twin/lib/%.o: $(BUILD)/obj/plain-copy/lib/%.o
	@mkdir -p $(@D)
	$(OBJCOPY) $(foreach f,$(TWINS_$*),--redefine-sym $(f)=plain_$(f)) \
	    $< $@.tmp
	$(OBJCOPY) -w --keep-global-symbol='plain_*' $@.tmp $@
	rm -f $@.tmp

OBJCOPY ?= objcopy

# Everything compiled depends on the choice.
$(BUILD)/fast.stamp: FORCE_FAST_STAMP
	@mkdir -p $(@D)
	@echo 'FAST=$(FAST) BLAS=$(BLAS)' | cmp -s - $@ || \
	    echo 'FAST=$(FAST) BLAS=$(BLAS)' > $@
$(LIB_OBJ) $(FAST_OBJ) $(TEST_OBJ) $(BUILD)/tests/suites.inc: \
    $(BUILD)/fast.stamp
.PHONY: FORCE_FAST_STAMP

# ---- check-plain: the plain build passes every test ------------------------
# `make check-plain` fails if a file directly in lib/ holds speed work (the
# marks below belong in lib/fast/), then builds FAST=0 in $(BUILD)/plain
# and runs the tests there: every suite, or those PLAIN_SUITES names (CI
# leaves out the slowest, which train with the triple loop for minutes).
PLAIN_SUITES ?=
SPEED_MARKS := NN_LANES|target_clones|omp simd|cblas_
SPEED_MARKS := $(SPEED_MARKS)|__builtin_cpu_supports|immintrin|_mm(256|512)?_

.PHONY: check-plain
check-plain:
	@if grep -nE '$(SPEED_MARKS)' lib/*.c lib/*.h; then \
	    echo "check-plain: speed work directly in lib/ (move it to lib/fast/)"; \
	    exit 1; fi
	$(MAKE) --no-print-directory FAST=0 BUILD=$(BUILD)/plain all \
	    $(BUILD)/plain/tests/runner
	$(BUILD)/plain/tests/runner $(PLAIN_SUITES)
