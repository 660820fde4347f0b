# mk/teach.mk - tools/teach: the data of the book's teaching figures.
#
#   make teach       build $(BUILD)/bin/teach (also part of `all`)
#
# The book runs it once; its output and files go to $(BUILD)/out/teach/.
# Figures drawn from them (figures/teach-*.gp) and the worked example's
# graph (worked.dot, which teach writes) depend on that run.  Diagrams
# that are not plots are Graphviz files, figures/NAME.dot, drawn by dot.

TEACH := $(BUILD)/bin/teach
.PHONY: teach
teach: $(TEACH)
all: $(TEACH)
check $(SUITES:%=check-%): $(TEACH)

# It takes chapter 8's final recipe from chapters/08-beyond (schedule.tsv).
$(BUILD)/obj/tools/teach/main.o: NN_CFLAGS += -I$(BEYOND)
$(TEACH): $(BUILD)/obj/tools/teach/main.o $(BEYOND_LIB) $(LIB)
	@mkdir -p $(@D)
	$(CC) $(CFLAGS) $(LDFLAGS) $< $(BEYOND_LIB) $(LIB) $(NN_LDLIBS) -o $@

TEACH_OUT := $(BUILD)/out/teach/output.txt
$(TEACH_OUT): $(TEACH) data/digits.csv.gz
	@mkdir -p $(@D)
	$< --out $(@D) > $@.tmp && mv $@.tmp $@

# Every gnuplot figure may read teach's files.
$(FIG_SVG) $(FIG_PDF): $(TEACH_OUT)
$(BOOK_HTML) $(BOOK_PDF): $(TEACH_OUT)

# Graphviz diagrams: figures/NAME.dot, or a graph a program writes.
DOT ?= dot
define dot_rule
	@mkdir -p $(@D)
	$(DOT) -T$(1) $< -o $@.tmp && mv $@.tmp $@
endef
$(BUILD)/figures/%.svg: figures/%.dot | book-tools-html
	$(call dot_rule,svg)
$(BUILD)/figures/%.pdf: figures/%.dot | book-tools-html
	$(call dot_rule,pdf)
$(BUILD)/figures/worked.svg: $(TEACH_OUT) | book-tools-html
	@mkdir -p $(@D)
	$(DOT) -Tsvg $(BUILD)/out/teach/worked.dot -o $@.tmp && mv $@.tmp $@
$(BUILD)/figures/worked.pdf: $(TEACH_OUT) | book-tools-html
	@mkdir -p $(@D)
	$(DOT) -Tpdf $(BUILD)/out/teach/worked.dot -o $@.tmp && mv $@.tmp $@

# check-asan and check-valgrind run it too (mk/robust.mk).
run-chapters-checked: $(TEACH)
