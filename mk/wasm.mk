# mk/wasm.mk - lib/ compiled to WebAssembly, for the HTML book's widgets.
#
#   make wasm    $(BUILD)/wasm/embed.html: what the HTML book embeds
#
# The widgets (book/widget-*.md, book/nn.js) run the library itself in the
# page.  clang's wasm32-wasi target, wasm-ld (Debian lld) and wasi-libc
# (Debian wasi-libc and libclang-rt-14-dev-wasm32) compile every lib/*.c
# but out.c (it writes files; WASI has no chmod) and cli.c (the programs'
# command lines; it asks for process limits WASI has not got), and
# book/wasm/nn_wasm.c, the entry points the page calls.  It is lib/'s plain C path, the plain
# copy chapters 1 to 6 link (mk/fast.mk): no lib/fast/, no BLAS, no OpenMP
# (the `omp simd` pragmas are ignored), so a training run in the page
# makes 06-sgd's operations in 06-sgd's order.  The linker keeps only what
# the entry points reach, so lib/data.c's file reading (zlib, which has no
# wasm32 build in Debian) is left out; book/wasm/zlib.h says what stands in.
#
# The page embeds, each gzip-compressed and base64-encoded: the module,
# chapter 6's and chapter 8's trained networks (06-sgd --save and
# 08-beyond --save, trained here) and the digits (65 letters a row); and
# the test accuracy 06-sgd printed, so the page can compare its own run.

WASM_CC     ?= clang
# 128-bit SIMD (every current browser has it): the matrix product's inner
# loop runs two columns at a time, each column's sum in the same order.
WASM_OPT    ?= -O2 -msimd128
WASM_TARGET := --target=wasm32-wasi
WASM_CFLAGS := $(WASM_TARGET) $(WASM_OPT) -std=c11 -D_POSIX_C_SOURCE=200809L \
               -ffp-contract=off -Wall -Wextra -Wno-unknown-pragmas \
               -MMD -MP -Ibook/wasm -Ilib -DNN_REPO_DIR='"."'
WASM_LDFLAGS := $(WASM_TARGET) -mexec-model=reactor -Wl,--strip-all

WASM_SRC := $(filter-out lib/out.c lib/cli.c,$(LIB_SRC)) book/wasm/nn_wasm.c
WASM_OBJ := $(WASM_SRC:%.c=$(BUILD)/wasm/obj/%.o)
WASM_DIR := $(BUILD)/wasm
WASM     := $(WASM_DIR)/nn.wasm
WASM_EMBED := $(WASM_DIR)/embed.html

.PHONY: wasm wasm-tools

wasm: $(WASM_EMBED)

# Say which Debian package is missing before anything else fails.
wasm-tools:
	@sh book/need.sh wasm

$(WASM_DIR)/obj/%.o: %.c mk/wasm.mk | wasm-tools
	@mkdir -p $(@D)
	$(WASM_CC) $(WASM_CFLAGS) -c $< -o $@

$(WASM): $(WASM_OBJ)
	$(WASM_CC) $(WASM_LDFLAGS) $(WASM_OBJ) -o $@

# The two networks the draw-a-digit widget offers, trained as the chapters
# train them: chapter 6's on seed 0 (what 06-sgd prints), chapter 8's
# final recipe on seed 0 (the first network 08-beyond prints).
$(WASM_DIR)/ch6.nnet: $(BUILD)/bin/06-sgd data/digits.csv.gz
	@mkdir -p $(@D)
	$< --out $(WASM_DIR)/06-sgd --save $@ > $(WASM_DIR)/06-sgd.txt

$(WASM_DIR)/ch8.nnet: $(BUILD)/bin/08-beyond data/digits.csv.gz
	@mkdir -p $(@D)
	$< --seeds 0 --no-grids --out $(WASM_DIR)/08-beyond --save $@ \
	    > $(WASM_DIR)/08-beyond.txt

# The train widget's text quotes 06-sgd with a learning rate a hundred
# times smaller.
$(BUILD)/out/widget-eta/output.txt: $(BUILD)/bin/06-sgd data/digits.csv.gz
	@mkdir -p $(@D)
	$< --eta 0.001 --out $(@D) > $@.tmp && mv $@.tmp $@
$(BOOK_HTML) $(BOOK_PDF): $(BUILD)/out/widget-eta/output.txt

# The digits as text the module reads without zlib: a row is 64 letters,
# 'A' + pixel, then the label's digit (book/wasm/nn_wasm.c, nn_set_data).
$(WASM_DIR)/digits.txt: data/digits.csv.gz
	@mkdir -p $(@D)
	gzip -dc $< | tr -d '\r' | awk -F, 'NF != 65 { exit 1 } \
	    { for (i = 1; i <= 64; i++) printf "%c", 65 + $$i; \
	      printf "%d", $$65 }' > $@.tmp && mv $@.tmp $@

$(WASM_EMBED): book/wasm/embed.sh book/nn.js $(WASM) $(WASM_DIR)/ch6.nnet \
               $(WASM_DIR)/ch8.nnet $(WASM_DIR)/digits.txt
	sh book/wasm/embed.sh $(WASM_DIR) book/nn.js > $@.tmp && mv $@.tmp $@

# The PDF shows a still picture of each widget (figures/widget-*.gp): an
# image the network is unsure of, and 06-sgd's run.
WIDGET_IMAGE := 19
$(BUILD)/out/widget/image.tsv: data/digits.csv.gz mk/wasm.mk
	@mkdir -p $(@D)
	gzip -dc $< | tr -d '\r' | awk -F, -v n=$(WIDGET_IMAGE) 'NR == n + 1 { \
	    print "row\tcol\tpixel\tlabel\tindex"; \
	    for (i = 0; i < 64; i++) \
	        printf "%d\t%d\t%d\t%d\t%d\n", i / 8, i % 8, $$(i + 1), $$65, n }' \
	    > $@.tmp && mv $@.tmp $@
$(BUILD)/out/widget/predictions.tsv: $(BUILD)/bin/predict \
                                     $(WASM_DIR)/ch8.nnet data/digits.csv.gz
	$< --model $(WASM_DIR)/ch8.nnet --out $(@D) > /dev/null
$(BUILD)/figures/widget-draw.svg $(BUILD)/figures/widget-draw.pdf: \
    $(BUILD)/out/widget/image.tsv $(BUILD)/out/widget/predictions.tsv
$(BUILD)/figures/widget-train.svg $(BUILD)/figures/widget-train.pdf: \
    $(BUILD)/out/06-sgd/output.txt

# The HTML book carries the widgets.
BOOK_HTML_FLAGS += --include-after-body $(WASM_EMBED)
$(BOOK_HTML): $(WASM_EMBED)

-include $(shell find $(WASM_DIR)/obj -name '*.d' 2>/dev/null)
