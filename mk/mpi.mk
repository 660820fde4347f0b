# mk/mpi.mk - chapter 10 (chapters/10-parallel) and Open MPI.
#
#   make                   builds build/bin/10-parallel with the others
#   make run-parallel      the runs the book quotes: 1, 2 and 4 ranks
#                          (4 oversubscribed on fewer cores), both
#                          reductions, on the digits and on a slice of
#                          Fashion-MNIST, both sweeps on 2 ranks, and a
#                          rank that fails
#
# Open MPI comes from Debian (openmpi-bin, libopenmpi-dev; tools/install-deps
# installs both).  Its compiler flags come from pkg-config's ompi-c, or
# from `mpicc -showme` when that is missing; without either, building the
# chapter stops with a message naming the packages.  The chapter is several
# files (main.c and its parts), so its link rule is its own.
#
# mpirun refuses to run as root unless told it may: MPIRUN adds
# --allow-run-as-root then, and --oversubscribe always, since the book's
# 4-rank run needs more ranks than a small machine has cores.

MPI_CFLAGS := $(shell $(PKG_CONFIG) --cflags ompi-c 2>/dev/null || \
                mpicc -showme:compile 2>/dev/null)
MPI_LIBS   := $(shell $(PKG_CONFIG) --libs ompi-c 2>/dev/null || \
                mpicc -showme:link 2>/dev/null)
MPI_FOUND  := $(if $(strip $(MPI_LIBS)),yes)

PARALLEL     := $(BUILD)/bin/10-parallel
PARALLEL_SRC := $(wildcard chapters/10-parallel/*.c)
PARALLEL_OBJ := $(PARALLEL_SRC:%.c=$(BUILD)/obj/%.o)

# Chapter 9's network comes from its own modules (mk/fashion.mk).
$(PARALLEL_OBJ): NN_CFLAGS += $(MPI_CFLAGS) -I$(FASHION)
.SECONDARY: $(PARALLEL_OBJ)

$(PARALLEL): $(PARALLEL_OBJ) $(FASHION_LIB) $(LIB) | mpi-found
	@mkdir -p $(@D)
	$(CC) $(CFLAGS) $(LDFLAGS) $(PARALLEL_OBJ) $(FASHION_LIB) $(LIB) \
	    $(NN_LDLIBS) $(MPI_LIBS) -o $@

.PHONY: mpi-found run-parallel
mpi-found:
	@test -n "$(MPI_FOUND)" || { echo "chapter 10 needs Open MPI:" \
	    "apt-get install openmpi-bin libopenmpi-dev (or tools/install-deps)"; \
	    exit 1; }
$(PARALLEL_OBJ): | mpi-found

# The model (model.c) is plain arithmetic without MPI: the test runner
# links it, and suite 10 checks its formulas against values worked by hand.
# It also trains chapter 9's network in one process, from chapter 9's
# modules, to compare with the ranks'.
MODEL_OBJ := $(BUILD)/obj/chapters/10-parallel/model.o
$(RUNNER): $(MODEL_OBJ) $(FASHION_LIB)
TEST_LINK += $(MODEL_OBJ) $(FASHION_LIB)
$(BUILD)/obj/tests/check_10.o: NN_CFLAGS += -Ichapters/10-parallel \
                                            -I$(FASHION)

# Not under valgrind (mk/robust.mk): Open MPI keeps what MPI_Init
# allocates until exit and its shared-memory transport reads memory
# valgrind cannot follow, hundreds of records that would bury any of the
# program's own, even with Open MPI's own suppression file.  The sanitized
# run (check-asan) covers the program, with only Open MPI's leaks
# suppressed (chapters/10-parallel/lsan.c), and the test runner runs
# lib/blocks.c, its arithmetic, under valgrind (suite 10).
NO_VALGRIND += 10-parallel

MPIRUN := mpirun --oversubscribe \
          $(if $(filter 0,$(shell id -u)),--allow-run-as-root)

# ---- the runs the book quotes --------------------------------------------
# Each writes build/out/10-parallel-<name>/output.txt.  The timing runs
# take more epochs than the default 10, so that a time per epoch means
# something; the weights are checked equal across rank counts by the
# tests, not here.  Each timing run first notes the load average and the
# cores (load.tsv): the times mean little without them.
PARALLEL_EPOCHS ?= 30
PARALLEL_RUNS := np1 np2 np4 np1-plain np2-plain np4-plain sweep-np2
# Chapter 9's network on a slice of Fashion-MNIST: the first 6,000 images
# of each file (5,000 to train on, 1,000 held out, 6,000 test), one epoch
# of 50 steps (fashion-np1-b50: in blocks of 50 rows); its sweep, nine
# candidates on the first 3,000 (2,500 and 500), two epochs each.
PARALLEL_FASHION ?= --fashion --data $(FASHION_DIR) --limit 6000 --epochs 1
PARALLEL_FSWEEP  ?= --fashion --data $(FASHION_DIR) --limit 3000 --epochs 2
PARALLEL_RUNS += fashion-np1 fashion-np2 fashion-np4 fashion-np1-plain \
                 fashion-np2-plain fashion-np4-plain fashion-np1-b50 \
                 fashion-sweep-np2 fail
PARALLEL_OUT  := $(PARALLEL_RUNS:%=$(BUILD)/out/10-parallel-%/output.txt)

parallel_np = $(patsubst np%,%,$(firstword $(subst -, ,$(1))))
parallel_load = printf 'load1\tcores\n%s\t%s\n' \
    "$$(cut -d' ' -f1 /proc/loadavg)" "$$(nproc)" > $(1)/load.tsv
$(BUILD)/out/10-parallel-np%/output.txt: $(PARALLEL) data/digits.csv.gz
	@mkdir -p $(@D)
	@$(call parallel_load,$(@D))
	$(MPIRUN) -np $(call parallel_np,np$*) $(PARALLEL) --out $(@D) \
	    --epochs $(PARALLEL_EPOCHS) \
	    $(if $(findstring plain,$*),--reduce plain) > $@.tmp && mv $@.tmp $@
$(BUILD)/out/10-parallel-sweep-np2/output.txt: $(PARALLEL) data/digits.csv.gz
	@mkdir -p $(@D)
	$(MPIRUN) -np 2 $(PARALLEL) --out $(@D) --sweep > $@.tmp && mv $@.tmp $@
$(BUILD)/out/10-parallel-fashion-np%/output.txt: $(PARALLEL)
	@mkdir -p $(@D)
	@$(call parallel_load,$(@D))
	$(MPIRUN) -np $(call parallel_np,np$*) $(PARALLEL) --out $(@D) \
	    $(PARALLEL_FASHION) $(if $(findstring b50,$*),--block 50) \
	    $(if $(findstring plain,$*),--reduce plain) > $@.tmp && mv $@.tmp $@
$(BUILD)/out/10-parallel-fashion-sweep-np2/output.txt: $(PARALLEL)
	@mkdir -p $(@D)
	$(MPIRUN) -np 2 $(PARALLEL) --out $(@D) $(PARALLEL_FSWEEP) --sweep \
	    > $@.tmp && mv $@.tmp $@

# A rank that fails: the command, what it printed (stderr; stdout stays
# empty) and its exit status, which must be 2.  mpirun's own options for
# this machine are left out of the command shown.
PARALLEL_FAIL := -q -np 2 $(PARALLEL) --fail-rank 1
$(BUILD)/out/10-parallel-fail/output.txt: $(PARALLEL) data/digits.csv.gz
	@mkdir -p $(@D)
	@{ echo '$$ mpirun -q -np 2 build/bin/10-parallel --fail-rank 1'; \
	   $(MPIRUN) $(PARALLEL_FAIL) --out $(@D) 2>&1; \
	   echo "exit status $$?"; } > $@.tmp
	@grep -qx 'exit status 2' $@.tmp || { cat $@.tmp; rm -f $@.tmp; \
	    echo "10-parallel --fail-rank: expected exit status 2"; exit 1; }
	@mv $@.tmp $@

run-parallel: $(PARALLEL_OUT)

# The book quotes them (book/10-parallel.md), and its figure draws the
# model of the 1-rank runs with the plain reduction.
$(BOOK_HTML) $(BOOK_PDF): $(PARALLEL_OUT)
$(BUILD)/figures/10-allreduce.svg $(BUILD)/figures/10-allreduce.pdf: \
    $(BUILD)/out/10-parallel-np1-plain/output.txt \
    $(BUILD)/out/10-parallel-fashion-np1-plain/output.txt
