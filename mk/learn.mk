# mk/learn.mk - learner mode: write the chapters' code yourself (issue 16).
#
#   make exercise-03        copy the files holding chapter 3's exercises to
#                           mine/ with their bodies stubbed (never
#                           overwrites a file there); extras: exercise-matmul,
#                           exercise-twister
#   make check-03 MINE=1    build everything with mine/ files in place of
#                           the project's, in build/mine, on the plain path,
#                           and run chapter 3's suite and its exercise suite
#                           (check-matmul MINE=1 for an extra)
#   make progress           every exercise: not started, failing, passing
#   make solution-03        the difference between mine/ and the reference
#   make check-mistakes     every catalogued mistake (learn/mistakes/) and
#                           every stub must fail, naming the hint (CI)
#
# learn/exercises.tsv lists the exercises; learn/learn.sh does the work.
# Only the files listed there are taken from mine/.  MINE_DIR (default
# mine) is where they are; check-mistakes points it at a scratch copy.

MINE_DIR ?= mine
LEARN    := sh learn/learn.sh
EX_SETS  := $(sort $(shell awk -F'\t' '!/^\#/ && NF >= 7 { print $$2 }' \
                                learn/exercises.tsv))
EX_FILES := $(sort $(shell awk -F'\t' '!/^\#/ && NF >= 7 { print $$3 }' \
                                 learn/exercises.tsv))

.PHONY: progress check-mistakes $(EX_SETS:%=exercise-%) \
        $(EX_SETS:%=solution-%) FORCE_MINE

$(EX_SETS:%=exercise-%): exercise-%:
	@$(LEARN) exercise $*

$(EX_SETS:%=solution-%): solution-%:
	@$(LEARN) solution $*

# The extras are graded by their suite: check-matmul is check-exmatmul.
EX_EXTRAS := $(filter-out 0% 1% 2% 3% 4% 5% 6% 7% 8% 9%,$(EX_SETS))
.PHONY: $(EX_EXTRAS:%=check-%)
$(EX_EXTRAS:%=check-%): check-%: check-ex%

progress:
	@$(LEARN) progress

check-mistakes: FORCE_MINE
	@$(MAKE) --no-print-directory MINE=1 MINE_DIR=/nonexistent \
	    BUILD=$(BUILD)/learn-ci $(BUILD)/learn-ci/tests/runner \
	    $(BUILD)/learn-ci/commands.sh
	@$(LEARN) check-mistakes $(BUILD)/learn-ci

ifeq ($(MINE),1)
# check-mistakes grades each mistake with these two commands, without
# make's start-up each time: compile SOURCE OBJECT (the rule below), and
# link LIBRARY RUNNER (the Makefile's rule for $(RUNNER): keep the two
# alike; check-mistakes first links the reference and stops if that fails).
$(BUILD)/commands.sh: FORCE_MINE
	$(file >$@,compile() { $(CC) $(NN_CFLAGS) -I$$(dirname "$$1") $(CFLAGS) -c "$$1" -o "$$2"; })
	$(file >>$@,link() { $(CC) $(CFLAGS) $(LDFLAGS) $(TEST_LINK) $(PLAIN_OBJ) $(BEYOND_LIB) "$$1" $(CHECK_LIBS) $(NN_LDLIBS) -o "$$2"; })

# Each file with exercises is compiled from mine/ when it is there; a
# stamp per file records which copy was built last, so removing a file
# from mine/ (to start over) rebuilds it from the reference.
define mine_source
$(BUILD)/which/$(1): FORCE_MINE
	@mkdir -p $$(@D)
	@echo '$(2)' | cmp -s - $$@ || echo '$(2)' > $$@
$(BUILD)/obj/$(1:.c=.o): $(2) $(BUILD)/which/$(1)
	@mkdir -p $$(@D)
	$$(CC) $$(NN_CFLAGS) -I$(dir $(1)) $$(CFLAGS) -c $(2) -o $$@
endef
$(foreach f,$(EX_FILES),$(eval $(call mine_source,$(f),$(if \
    $(wildcard $(MINE_DIR)/$(f)),$(MINE_DIR)/$(f),$(f)))))

# A file taken out of mine/ (or a scratch copy, check-mistakes) may still
# be named in an object's .d file.
$(foreach f,$(EX_FILES),$(eval %/$(f): ;))

# Crashes and endless loops must be reported per test, never end the run.
$(SUITES:%=check-%) check: export CK_FORK := yes
endif

# ---- the runs the answers quote ------------------------------------------
# Each chapter's questions (book/exercises-NN.md) ask the reader to predict
# what a run shows; the answers (book/appendix-answers.md) quote these runs
# as [NAME/key]{.v}.  LEARN_RUN_NAME is the chapter program and its options.
LEARN_RUN_q01-seed1      := 01-data --seed 1
LEARN_RUN_q03-seed7      := 03-forward --seed 7
LEARN_RUN_q05-small-eta  := 05-backprop --eta 0.00001
LEARN_RUN_q06-eta0       := 06-sgd --eta 0
LEARN_RUN_q06-full-batch := 06-sgd --batch-size 1437
LEARN_RUN_q07-one-epoch  := 07-sweep --epochs 1
LEARN_RUNS := $(patsubst LEARN_RUN_%,%,$(filter LEARN_RUN_%,$(.VARIABLES)))
LEARN_OUTS := $(LEARN_RUNS:%=$(BUILD)/out/%/output.txt)

define learn_run
$(BUILD)/out/$(1)/output.txt: $(BUILD)/bin/$(firstword $(LEARN_RUN_$(1))) \
                              data/digits.csv.gz mk/learn.mk
	@mkdir -p $$(@D)
	$(BUILD)/bin/$(LEARN_RUN_$(1)) --out $$(@D) > $$@.tmp && mv $$@.tmp $$@
endef
$(foreach r,$(LEARN_RUNS),$(eval $(call learn_run,$(r))))

.PHONY: learn-runs
learn-runs: $(LEARN_OUTS)
$(BOOK_HTML) $(BOOK_PDF): $(LEARN_OUTS)
