# mk/learn.mk - learner mode: write the chapters' code yourself (issue 16).
#
#   make exercise-03        copy the files holding chapter 3's exercises to
#                           mine/ with their bodies stubbed (never
#                           overwrites a file there); extras: exercise-matmul,
#                           exercise-twister
#   make check-03 MINE=1    build everything with mine/ files in place of
#                           the project's, in build/mine, on the plain path,
#                           and run chapter 3's suite and its exercise suite
#                           (check-exmatmul MINE=1 for an extra)
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

progress:
	@$(LEARN) progress

check-mistakes: $(BUILD)/learn-ci/tests/runner
	@MAKE='$(MAKE)' $(LEARN) check-mistakes $(BUILD)/learn-ci

# The CI's reference build for check-mistakes: plain path, no mine/.
$(BUILD)/learn-ci/tests/runner: FORCE_MINE
	@$(MAKE) --no-print-directory MINE=1 MINE_DIR=/nonexistent \
	    BUILD=$(BUILD)/learn-ci $@

ifeq ($(MINE),1)
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

# A file taken out of mine/ may still be named in an object's .d file.
$(MINE_DIR)/%.c: ;

# Crashes and endless loops must be reported per test, never end the run.
$(SUITES:%=check-%) check: export CK_FORK := yes
endif
