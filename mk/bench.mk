# mk/bench.mk - `make bench`: the library against numpy (bench/).
#
#   make bench         numpy and ours on the tutorial's work, one thread,
#                      report and TSVs in $(BUILD)/out/bench/ (~1 minute)
#   make bench-quick   only GFLOP/s against matrix size (matmul.tsv) and
#                      the tutorial's shapes, for the speed appendix
#
# The bench is built with the same flags as everything else (CFLAGS,
# default -O2; never -ffast-math).  BLAS=none benches the pure-C path.

BENCH_SRC := $(wildcard bench/*.c)
BENCH_OBJ := $(BENCH_SRC:%.c=$(BUILD)/obj/%.o)
BENCH_BIN := $(BUILD)/bench/bench
BENCH_OUT := $(BUILD)/out/bench

.PHONY: bench bench-quick

$(BENCH_BIN): $(BENCH_OBJ) $(LIB)
	@mkdir -p $(@D)
	$(CC) $(CFLAGS) $(LDFLAGS) $(BENCH_OBJ) $(LIB) $(NN_LDLIBS) -o $@

bench: $(BENCH_BIN) data/digits.csv.gz
	sh bench/run.sh $(BENCH_BIN) $(BENCH_OUT) data/digits.csv.gz

bench-quick: $(BENCH_BIN)
	OPENBLAS_NUM_THREADS=1 $(BENCH_BIN) --quick --out $(BENCH_OUT)
