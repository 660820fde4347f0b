# mk/bench.mk - `make bench`: the library against numpy (bench/).
#
#   make bench         numpy and ours on the tutorial's work, one thread (and
#                      the sweep with two), GFLOP/s against matrix size; the
#                      report and its TSVs go to $(BUILD)/out/bench/ (about
#                      a minute on a quiet machine)
#   make bench-quick   only GFLOP/s against size and the tutorial's shapes
#
# bench/run.sh says how numpy is run (Debian's /usr/bin/python3, one BLAS
# thread, the same OpenBLAS kernel as ours).  The bench is built with the
# project's flags and CFLAGS (default -O2; never -ffast-math).  BLAS=none
# benches the pure-C path, without the peak and BLAS columns.
#
# The book's speed appendix (book/speed.md) quotes $(BUILD)/out/bench/
# output.txt and draws figures/speed.gp from its TSVs, so the book waits
# for one bench run; `make bench` itself always runs again.

BENCH_SRC := $(filter-out bench/tuned.c,$(wildcard bench/*.c))
BENCH_OBJ := $(BENCH_SRC:%.c=$(BUILD)/obj/%.o) $(TUNED_OBJ)
BENCH_BIN := $(BUILD)/bench/bench
BENCH_OUT := $(BUILD)/out/bench
BENCH_RUN := sh bench/run.sh $(BENCH_BIN) $(BENCH_OUT) data/digits.csv.gz

.PHONY: bench bench-quick

# bench.c has a BLAS part (the peak, the BLAS curve): rebuild on BLAS=
# or FAST= (mk/fast.mk).
$(BUILD)/obj/bench/bench.o: $(BUILD)/fast.stamp

$(BENCH_BIN): $(BENCH_OBJ) $(LIB)
	@mkdir -p $(@D)
	$(CC) $(CFLAGS) $(LDFLAGS) $(BENCH_OBJ) $(LIB) $(NN_LDLIBS) -o $@

bench: $(BENCH_BIN) data/digits.csv.gz
	$(BENCH_RUN)

bench-quick: $(BENCH_BIN)
	OPENBLAS_NUM_THREADS=1 $(BENCH_BIN) --quick --out $(BENCH_OUT)

# One run for the book (run.sh writes the TSVs before output.txt).
$(BENCH_OUT)/output.txt: $(BENCH_BIN) bench/run.sh bench/numpy_ref.py \
                         data/digits.csv.gz
	$(BENCH_RUN)

$(BUILD)/figures/speed.svg $(BUILD)/figures/speed.pdf: $(BENCH_OUT)/output.txt
ifneq ($(wildcard book/speed.md),)
$(BUILD)/book.html $(BUILD)/book.pdf: $(BENCH_OUT)/output.txt
endif
