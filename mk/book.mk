# mk/book.mk - the book: book.md -> $(BUILD)/book.html and $(BUILD)/book.pdf
#
#   make book        run the chapters, draw the figures, build both files
#   make html        only the self-contained HTML book
#   make pdf         only the PDF (through pdflatex)
#   make figures     only the figures (SVG and PDF) in $(BUILD)/figures/
#   make check-book  build the book from a clean copy of the tree and test it
#                    (needs chromium and poppler-utils as well)
#
# The main Makefile includes this file; it uses BUILD, CHAPTERS and OUTPUTS
# from there.  Pandoc runs four Lua filters in order (see each file's
# opening comment): fragments.lua splices in book/*.md files, literate.lua
# pulls code, output and numbers from the sources and the runs,
# figures.lua points figures at $(BUILD)/figures, appendix.lua letters the
# appendices.  A filter that cannot find what the book asks for stops the
# build with a message naming it.

PANDOC  ?= pandoc
GNUPLOT ?= gnuplot

BOOK_HTML := $(BUILD)/book.html
BOOK_PDF  := $(BUILD)/book.pdf

# One gnuplot script per figure, figures/NAME.gp, drawn twice (SVG, PDF).
# Only the figures the text uses are drawn: those written ![...](NAME) in
# book.md or a book/*.md fragment (a bare name in parentheses after `]` is
# taken for a figure; links always carry a `#` or a `/`).  Every figure
# depends on all chapter outputs; a figure that needs other data adds the
# prerequisite in its own mk/*.mk, e.g.
#   $(BUILD)/figures/speed.svg $(BUILD)/figures/speed.pdf: $(BUILD)/out/bench/matmul.tsv
BOOK_TEXT := book.md $(wildcard book/*.md)
FIG_NAMES := $(sort $(shell grep -ohE '\]\([A-Za-z0-9_-]+\)' $(BOOK_TEXT) \
                            | tr -d '[]()'))
FIG_SVG   := $(FIG_NAMES:%=$(BUILD)/figures/%.svg)
FIG_PDF   := $(FIG_NAMES:%=$(BUILD)/figures/%.pdf)

# What the filters read.  make cannot see inside a filter, so everything it
# might include is a prerequisite: the text, the filters, every C source
# and header, and every chapter's output.
BOOK_FILTERS := filters/fragments.lua filters/literate.lua \
                filters/figures.lua filters/appendix.lua
BOOK_CODE    := $(wildcard lib/*.c lib/*.h lib/fast/*.c lib/fast/*.h \
                  chapters/*/*.c chapters/*/*.h tools/*/*.c)
# Chapter 8 quotes two runs of tools/recipe-cv: the final recipe, and the
# same with scikit-learn's starting interval (--init-gain 1).
# Appendix E shows a saved network's bytes and the loader's refusals
# (book/netio-demo.sh).
BOOK_RUNS    := $(BUILD)/out/recipe-cv/output.txt \
                $(BUILD)/out/recipe-cv-gain1/output.txt \
                $(BUILD)/out/netio/output.txt
BOOK_DEPS    := $(BOOK_TEXT) $(BOOK_FILTERS) $(BOOK_CODE) $(OUTPUTS) \
                $(BOOK_RUNS) book/need.sh mk/book.mk

$(BUILD)/out/recipe-cv-gain1/output.txt: $(BUILD)/bin/recipe-cv \
                                         data/digits.csv.gz
	@mkdir -p $(@D)
	$< --init-gain 1 > $@.tmp && mv $@.tmp $@

$(BUILD)/out/netio/output.txt: book/netio-demo.sh $(BUILD)/bin/06-sgd \
                               $(BUILD)/bin/predict data/digits.csv.gz
	@mkdir -p $(@D)
	sh book/netio-demo.sh $(BUILD)/bin $(@D)/work > $@.tmp && mv $@.tmp $@

PANDOC_FLAGS := --from markdown --standalone --toc --toc-depth=2 \
                --number-sections --top-level-division=chapter \
                --highlight-style=pygments \
                --metadata build-dir=$(BUILD) \
                $(BOOK_FILTERS:%=--lua-filter %)

.PHONY: book html pdf figures check-book book-tools-html book-tools-pdf

book: html pdf

html: $(BOOK_HTML)

pdf: $(BOOK_PDF)

figures: $(FIG_SVG) $(FIG_PDF)

# Say which Debian package is missing before anything else fails.
book-tools-html:
	@sh book/need.sh html
book-tools-pdf:
	@sh book/need.sh pdf

$(BUILD)/figures/%.svg: figures/%.gp book/figure-style.gp $(OUTPUTS) \
                        | book-tools-html
	@mkdir -p $(@D)
	$(GNUPLOT) -e "term='svg'; out='$@.tmp'; dir='$(BUILD)/out'; \
	    style='book/figure-style.gp'" $< && mv $@.tmp $@

$(BUILD)/figures/%.pdf: figures/%.gp book/figure-style.gp $(OUTPUTS) \
                        | book-tools-html
	@mkdir -p $(@D)
	$(GNUPLOT) -e "term='pdf'; out='$@.tmp'; dir='$(BUILD)/out'; \
	    style='book/figure-style.gp'" $< && mv $@.tmp $@

# --self-contained embeds the stylesheet and every figure as a data: URI;
# --mathml writes the equations as MathML, which browsers draw offline;
# book/mathml.pl then repairs what Chromium would draw badly.
# BOOK_HTML_FLAGS: what other mk/*.mk files add (mk/wasm.mk: the widgets).
$(BOOK_HTML): $(BOOK_DEPS) $(FIG_SVG) book/book.css book/mathml.pl \
              | book-tools-html
	$(PANDOC) $(PANDOC_FLAGS) --to html5 --self-contained --mathml --fail-if-warnings \
	    --css book/book.css --metadata pagetitle="Neural networks in C" \
	    $(BOOK_HTML_FLAGS) book.md -o $@.tmp.html
	perl book/mathml.pl < $@.tmp.html > $@.tmp2.html && rm $@.tmp.html && \
	    mv $@.tmp2.html $@

# --fail-if-warnings: a figure LaTeX cannot find is only a warning there.
# --verbose keeps LaTeX's own messages in $(BUILD)/book-pdf.log, where
# check-book looks for overfull lines.
BOOK_PDF_LOG := $(BUILD)/book-pdf.log
$(BOOK_PDF): $(BOOK_DEPS) $(FIG_PDF) book/latex-header.tex | book-tools-pdf
	@if $(PANDOC) $(PANDOC_FLAGS) --to latex --pdf-engine=pdflatex \
	    --fail-if-warnings --include-in-header book/latex-header.tex \
	    --verbose book.md -o $@.tmp.pdf 2> $(BOOK_PDF_LOG); then \
	    mv $@.tmp.pdf $@; echo "pandoc: $@ (LaTeX log: $(BOOK_PDF_LOG))"; \
	else \
	    grep -v '^\[' $(BOOK_PDF_LOG) | tail -30 >&2; exit 1; \
	fi

# The checks build everything again from a copy of the tracked files (with
# their uncommitted edits), so they prove a clean build works.
check-book:
	BUILD=$(BUILD) bash tests/book/check.sh
