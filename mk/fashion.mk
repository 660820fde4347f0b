# mk/fashion.mk - chapter 9's data set (Fashion-MNIST) and its bench.
#
#   make bench-fashion   chapter 9's network against PyTorch (float64 and
#                        float32, one thread and two) and scikit-learn's
#                        MLPClassifier, one training epoch each; the report
#                        goes to $(BUILD)/out/bench-fashion/ (`make bench`
#                        runs it too)
#
# The data come from Debian's dataset-fashion-mnist (tools/install-deps),
# in FASHION_DIR; chapter 9 reads them there unless given --data DIR.

FASHION_DIR ?= /usr/share/datasets/fashion-mnist
FASHION_BENCH_OUT := $(BUILD)/out/bench-fashion

# Chapter 9's own modules (its recipe, data, outputs and progress line)
# live beside its main.c; chapter 10 builds the same network from
# fashion_recipe.h, linking FASHION_LIB with -I$(FASHION).
FASHION     := chapters/09-fashion
FASHION_SRC := $(filter-out $(FASHION)/main.c,$(wildcard $(FASHION)/*.c))
FASHION_LIB := $(BUILD)/libfashion.a

$(FASHION_LIB): $(FASHION_SRC:%.c=$(BUILD)/obj/%.o)
	rm -f $@ && $(AR) rcs $@ $^

$(BUILD)/bin/09-fashion: $(FASHION_LIB)

# The recipe's history: the validation accuracy of every candidate tried
# (chapters/09-fashion/candidates-*.tsv, written down from those runs),
# beside the run's own files, where the book's tables read them.
FASHION_HISTORY := $(patsubst $(FASHION)/%,$(BUILD)/out/09-fashion/%,\
                     $(wildcard $(FASHION)/candidates-*.tsv))
$(BUILD)/out/09-fashion/candidates-%.tsv: $(FASHION)/candidates-%.tsv
	@mkdir -p $(@D)
	cp $< $@
$(BUILD)/out/09-fashion/output.txt: $(FASHION_HISTORY)

.PHONY: bench-fashion

$(BUILD)/obj/tests/%.o: NN_CFLAGS += -DNN_FASHION_DIR='"$(FASHION_DIR)"'
# check_09.c tests chapter 9's modules directly (the refit's pieces).
$(BUILD)/obj/tests/check_09.o: NN_CFLAGS += -I$(FASHION)

bench-fashion: $(BUILD)/bin/09-fashion
	sh bench/fashion.sh $< $(FASHION_BENCH_OUT) $(FASHION_DIR)

bench: bench-fashion

# Chapter 9 trains on all the cores OpenMP finds (--threads).  Threads
# that wait for each other sleep instead of spinning: on a machine busy
# with other work a spinning thread takes the core its partner needs, and
# an epoch on two threads took three times as long as on one.
$(BUILD)/out/09-fashion/output.txt: export OMP_WAIT_POLICY ?= passive
