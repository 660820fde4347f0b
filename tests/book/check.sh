#!/usr/bin/env bash
# check.sh - `make check-book`: build the book from a clean copy of the
# tree and check what came out.
#
#   1. Copy the tracked files (as they are in the working tree: uncommitted
#      edits count, untracked files and build directories do not) to a
#      temporary directory and run `make book` there: the book builds from
#      a clean tree.
#   2. The filters refuse a missing region, function, key, fragment or
#      figure, with a message naming it (filter-failures.sh).
#   3. Every figure the book references exists, as SVG and PDF, non-empty.
#   4. The HTML is self-contained: MathML <math> elements, every image a
#      data: URI, no external link to a stylesheet or script.
#   5. Headless Chromium opens it: no broken image, the math laid out as
#      MathML (DOM dump), no superscript drawn into its base (measured),
#      a screenshot and a picture of every displayed formula
#      (math-shots.py) for people to look at.
#   6. The widgets (book/nn.js) in Chromium, through tests/book/widgets.py:
#      nn.predict equals build/bin/predict on every test image, strokes
#      drawn with pointer events, nn.train equals 06-sgd, bad input gets
#      a clear error; the timings; a screenshot of each widget.  The
#      embedded module and data stay under 400 kB.
#   7. The PDF has a table of contents and as many chapters and appendices
#      as book.md and its fragments define, and points to the HTML book
#      for the widgets.
#   8. Honest text and clean pages: every figure has a number, a caption
#      and an alt text in words; the prose uses none of the phrases in
#      tests/book/phrases.txt (sentences about one machine or about the
#      code's history); no "nan" anywhere in the text; no LaTeX overfull
#      box wider than 5 pt; no line of code or output wider than the page.
#   9. Changing a line of C and running `make html` changes the book.
#
# The screenshot, the DOM dump and the logs are kept in
# $BUILD/book-check/ of this repository.  Needs, beyond what `make book`
# needs: chromium and poppler-utils.  Exits 1 if any check fails.
set -uo pipefail

repo=$(cd "$(dirname "$0")/../.." && pwd)
build=${BUILD:-build}
keep="$repo/$build/book-check"
chromium=${CHROMIUM:-chromium}
work=$(mktemp -d /tmp/book-check.XXXXXX)
trap 'rm -rf "$work"' EXIT
rm -rf "$keep"
mkdir -p "$keep"
failed=0
ok()     { echo "ok - $*"; }
not_ok() { echo "not ok - $*"; failed=1; }

for tool in pandoc gnuplot pdflatex "$chromium" pdfinfo pdftotext; do
    if ! command -v "$tool" >/dev/null 2>&1; then
        case $tool in
            pdfinfo|pdftotext) pkg=poppler-utils ;;
            pdflatex) pkg=texlive-latex-base ;;
            gnuplot) pkg=gnuplot-nox ;;
            *) pkg=$tool ;;
        esac
        echo "check-book: $tool is missing (Debian package $pkg)" >&2
        exit 1
    fi
done

# ---- 1. a clean build ---------------------------------------------------
echo "# copying the tree to $work/tree"
mkdir -p "$work/tree"
(cd "$repo" && git ls-files -z --cached |
    while IFS= read -r -d '' f; do [ -e "$f" ] && printf '%s\0' "$f"; done |
    xargs -0 cp --parents -t "$work/tree") ||
    { echo "check-book: cannot copy the tree" >&2; exit 1; }
tree="$work/tree"
cd "$tree"
echo "# make book (log: $keep/make.log)"
# MAKEFLAGS would pass BUILD=... of the outer make on to this one.
unset MAKEFLAGS MFLAGS MAKELEVEL
if make -j"$(nproc 2>/dev/null || echo 2)" BUILD=build book > "$keep/make.log" 2>&1; then
    ok "make book builds from a clean tree"
else
    not_ok "make book failed in a clean tree; last lines:"
    tail -20 "$keep/make.log" | sed 's/^/    /'
    exit 1
fi
html="$tree/build/book.html"
pdf="$tree/build/book.pdf"
for f in "$html" "$pdf"; do
    if [ -s "$f" ]; then ok "$(basename "$f") exists ($(wc -c < "$f") bytes)"
    else not_ok "$(basename "$f") is missing or empty"; fi
done
cp "$html" "$pdf" "$keep/" 2>/dev/null

# ---- 2. the filters fail loudly -----------------------------------------
if bash "$repo/tests/book/filter-failures.sh" build; then
    ok "the filters refuse what they cannot find, naming it"
else
    not_ok "a filter accepted something missing (see above)"
fi

# ---- 3. figures ---------------------------------------------------------
figs=$(cat book.md book/*.md 2>/dev/null | grep -oE '\]\([A-Za-z0-9_-]+\)' | tr -d '])(' | sort -u)
nfig=0
for name in $figs; do
    nfig=$((nfig + 1))
    for ext in svg pdf; do
        f="build/figures/$name.$ext"
        if [ -s "$f" ]; then :; else not_ok "figure $f is missing or empty"; fi
    done
    # Drawn by gnuplot, by Graphviz, or from a graph a program writes.
    [ -f "figures/$name.gp" ] || [ -f "figures/$name.dot" ] ||
        grep -q "figures/$name\.svg" mk/*.mk ||
        not_ok "figure $name has no figures/$name.gp or .dot"
done
ok "$nfig figures referenced, each drawn as SVG and PDF"
for gp in figures/*.gp figures/*.dot; do
    name=$(basename "${gp%.*}")
    echo "$figs" | grep -qx "$name" ||
        echo "# note: figures/$name.gp is not used by the book"
done

# ---- 4. a self-contained HTML file --------------------------------------
nmath=$(grep -oE '<math[ >]' "$html" | wc -l)
if [ "$nmath" -gt 50 ]; then ok "HTML holds $nmath <math> elements"
else not_ok "HTML holds only $nmath <math> elements"; fi
nimg=$(grep -o '<img ' "$html" | wc -l)
ndata=$(grep -o '<img [^>]*src="data:image/svg+xml;base64,' "$html" | wc -l)
if [ "$nimg" -eq "$nfig" ] && [ "$ndata" -eq "$nimg" ]; then
    ok "HTML embeds all $nimg figures as data: URIs"
else
    not_ok "HTML has $nimg <img>, $ndata of them data: URIs, for $nfig figures"
fi
if grep -qE '<(link[^>]*href|script[^>]*src)="(https?:)?//' "$html"; then
    not_ok "HTML refers to an external stylesheet or script"
else
    ok "HTML loads nothing from the network"
fi
# A block the filters never saw (pandoc 2.17 reads a fence as text when an
# attribute value starts with a space) shows up raw.
# (The book's own description of the syntax sits in a <pre> block, with
# its fences; a leaked block is a paragraph of inline code.)
raw=$(grep -oE '<p><code>\{\.(output|c) [^<]*' "$html" | head -3 |
      tr '\n' ' ')
if [ -z "$raw" ]; then
    ok "HTML shows no unprocessed {.output} or {.c} blocks"
else
    not_ok "HTML shows unprocessed markup: $raw"
fi

# ---- 5. headless Chromium -----------------------------------------------
export HOME="$work/home"
mkdir -p "$HOME"
chrome() {
    "$chromium" --headless --no-sandbox --disable-gpu \
        --disable-background-networking --no-first-run --log-level=3 \
        --user-data-dir="$work/profile" "$@" 2>>"$keep/chromium.log"
}
{ sed '/<\/body>/,$d' "$html"       # everything before </body>
  echo '<script>'
  cat "$repo/tests/book/render-check.js"
  echo '</script></body></html>'; } > "$work/probe.html"
if ! grep -q '</body>' "$html"; then not_ok "HTML has no </body>"; fi
chrome --virtual-time-budget=20000 --dump-dom "file://$work/probe.html" \
    > "$keep/dom.html"
report=$(sed -n '/<pre id="book-check">/,/<\/pre>/p' "$keep/dom.html" |
         sed 's/<[^>]*>//g')
echo "# chromium: $(echo $report)"
read -r _ images _ broken <<< "$(echo "$report" | grep '^images')"
read -r _ math _ block _ laid _ unstyled <<< "$(echo "$report" | grep '^math')"
read -r _ scripts _ collide <<< "$(echo "$report" | grep '^scripts')"
if [ -z "${images:-}" ]; then
    not_ok "chromium did not run the check (see $keep/chromium.log)"
else
    if [ "$images" -eq "$nfig" ] && [ "$broken" -eq 0 ]; then
        ok "chromium decodes all $images images"
    else
        not_ok "chromium: $images images, $broken broken (expected $nfig)"
    fi
    if [ "$math" -eq "$nmath" ] && [ "$laid" -eq "$math" ] &&
       [ "$unstyled" -eq 0 ] && [ "$block" -gt 0 ]; then
        ok "chromium lays out all $math formulas as MathML ($block displayed)"
    else
        not_ok "chromium: $math math, $laid laid out, $unstyled not MathML"
    fi
    if [ -n "${scripts:-}" ] && [ "${collide:-1}" -eq 0 ]; then
        ok "no superscript runs into its base ($scripts measured)"
    else
        not_ok "chromium: ${collide:-?} of ${scripts:-?} superscripts run" \
               "into their base (book/mathml.pl):"
        echo "$report" | grep '^collides' | cut -c1-150 | head -5 |
            sed 's/^/    /'
    fi
fi
# Pictures of every displayed formula, for people to look at.
if python3 "$repo/tests/book/math-shots.py" "$html" "$keep" "$chromium" \
       > "$keep/math-shots.log" 2>&1; then
    ok "$(tail -1 "$keep/math-shots.log") pictured ($keep/math-*.png)"
else
    not_ok "math-shots.py failed (see $keep/math-shots.log)"
fi
chrome --window-size=1100,1600 --hide-scrollbars --virtual-time-budget=20000 \
    --screenshot="$keep/screenshot.png" "file://$html" >/dev/null
chrome --window-size=390,1600 --hide-scrollbars --virtual-time-budget=20000 \
    --screenshot="$keep/screenshot-phone.png" "file://$html" >/dev/null
for shot in screenshot screenshot-phone; do
    size=$(wc -c < "$keep/$shot.png" 2>/dev/null || echo 0)
    # A blank page compresses to a few kilobytes; the book's first screen
    # is well over 50 kB.
    if [ "$size" -gt 50000 ]; then ok "$shot.png taken ($size bytes)"
    else not_ok "$shot.png is missing or blank ($size bytes)"; fi
done

# ---- 6. the widgets ----------------------------------------------------
# What the widgets add to the HTML: the embedded module, networks, data
# and script, their still pictures (base64: 4 bytes for 3) and their text.
embed=$(wc -c < build/wasm/embed.html 2>/dev/null || echo 0)
wasm=$(wc -c < build/wasm/nn.wasm 2>/dev/null || echo 0)
stills=$(cat build/figures/widget-*.svg 2>/dev/null | wc -c)
text=$(cat book/widget-*.md | wc -c)
grow=$((embed + (stills + 2) / 3 * 4 + text))
if [ "$embed" -gt 0 ] && [ "$grow" -le 400000 ]; then
    ok "the widgets add about $grow bytes to the HTML ($embed embedded," \
       "module $wasm bytes)"
else
    not_ok "the widgets add about $grow bytes to the HTML (at most 400000)"
fi
if grep -q '<script[^>]*src=' "$html"; then
    not_ok "HTML loads a script from a file"
else
    ok "every script is inside the HTML"
fi
if python3 "$repo/tests/book/widgets.py" "$html" "$tree" "$keep" \
       "$chromium" > "$keep/widgets.log" 2>&1; then
    sed 's/^/    /' "$keep/widgets.log" | grep -v '^    ok' || true
    ok "the widgets pass $(grep -c '^ok' "$keep/widgets.log") checks in" \
       "Chromium (log: $keep/widgets.log)"
else
    sed 's/^/    /' "$keep/widgets.log"
    not_ok "the widgets fail in Chromium (see above)"
fi

# ---- 7. the PDF ---------------------------------------------------------
pages=$(pdfinfo "$pdf" 2>/dev/null | sed -n 's/^Pages: *//p')
pdftotext -layout "$pdf" "$keep/book.txt"
counts=$(pandoc --from markdown --lua-filter filters/fragments.lua \
         --lua-filter "$repo/tests/book/count-chapters.lua" book.md \
         -t plain -o /dev/null 2>&1 | grep '^chapters')
read -r _ want_ch _ want_app <<< "$counts"
got_ch=$(grep -cE $'^[\f ]*Chapter [0-9]+ *$' "$keep/book.txt")
got_app=$(grep -cE $'^[\f ]*Appendix [A-Z] *$' "$keep/book.txt")
if [ "${pages:-0}" -gt 20 ]; then ok "PDF has $pages pages"
else not_ok "PDF has ${pages:-no} pages"; fi
if grep -qE $'^[\f ]*Contents *$' "$keep/book.txt"; then ok "PDF has a table of contents"
else not_ok "PDF has no table of contents"; fi
if [ "$got_ch" -eq "$want_ch" ] && [ "$got_app" -eq "$want_app" ]; then
    ok "PDF has $got_ch chapters and $got_app appendices, as book.md defines"
else
    not_ok "PDF has $got_ch chapters and $got_app appendices;" \
           "book.md defines $want_ch and $want_app"
fi

n=$(grep -c 'build/book.html' "$keep/book.txt")
if [ "$n" -ge 3 ]; then ok "the PDF points to the HTML book for the widgets"
else not_ok "the PDF names build/book.html $n times (3 widgets)"; fi

# ---- 8. honest text, clean pages ----------------------------------------
# a. Numbers, captions and alt texts.
nfigure=$(grep -o '<figcaption>' "$html" | wc -l)
nnumbered=$(grep -oE '<figcaption>Figure [0-9A-Z]+\.[0-9]+:' "$html" | wc -l)
npdfcap=$(grep -cE '^[[:space:]]*Figure [0-9A-Z]+\.[0-9]+: ' "$keep/book.txt")
if [ "$nfigure" -eq "$nimg" ] && [ "$nnumbered" -eq "$nimg" ] &&
   [ "$npdfcap" -eq "$nimg" ]; then
    ok "all $nimg figures numbered and captioned in the HTML and the PDF"
else
    not_ok "$nimg images: $nfigure captions, $nnumbered of them numbered" \
           "in the HTML, $npdfcap in the PDF"
fi
badalt=$(grep -oE '<img [^>]*>' "$html" | sed 's/src="[^"]*"//' |
         grep -vE 'alt="[^"\\$]*[A-Za-z][^"\\$]*"' | head -3)
if [ -z "$badalt" ]; then ok "every figure has an alt text in words"
else not_ok "figures without an alt text in words: $badalt"; fi

# b. Machine and history phrases in the prose.
pandoc --from markdown --lua-filter filters/fragments.lua \
    --lua-filter "$repo/tests/book/prose.lua" book.md -t plain --wrap=none \
    -o "$keep/prose.txt" 2>/dev/null
grep -v '^#' "$repo/tests/book/phrases.txt" | grep . > "$work/phrases"
if grep -inF -f "$work/phrases" "$keep/prose.txt" > "$keep/phrases.log"; then
    not_ok "the prose tells of a machine or of the code's history" \
           "(phrases from tests/book/phrases.txt):"
    cut -c1-150 "$keep/phrases.log" | head -10 | sed 's/^/    /'
else
    ok "the prose names no machine and tells no history"
fi

# c. A "nan" printed where a number belongs.
if grep -nE '(^|[^A-Za-z])-?nan(x|%)?([^A-Za-z]|$)' "$keep/book.txt" \
        > "$keep/nan.log"; then
    not_ok "the book prints nan:"
    head -5 "$keep/nan.log" | sed 's/^/    /'
else
    ok "no nan in the book"
fi

# d. Overfull boxes, from the LaTeX log of the build.
grep -E '^Overfull \\hbox \(' build/book-pdf.log 2>/dev/null | sort -u |
    awk '{ w = $3; sub(/^\(/, "", w); sub(/pt$/, "", w);
           if (w + 0 > 5) print }' > "$keep/overfull.log"
if [ ! -s build/book-pdf.log ]; then
    not_ok "no LaTeX log in build/book-pdf.log"
elif [ -s "$keep/overfull.log" ]; then
    not_ok "$(wc -l < "$keep/overfull.log") overfull boxes over 5 pt" \
           "(build/book-pdf.log):"
    head -5 "$keep/overfull.log" | sed 's/^/    /'
else
    ok "no overfull box over 5 pt in the PDF"
fi

# e. Lines of code or output wider than the PDF's text.
pandoc --from markdown --metadata build-dir=build \
    --lua-filter filters/fragments.lua --lua-filter filters/literate.lua \
    --lua-filter "$repo/tests/book/long-lines.lua" book.md -t native \
    -o /dev/null 2>&1 | grep '^long line' > "$keep/long-lines.log"
if [ -s "$keep/long-lines.log" ]; then
    not_ok "$(wc -l < "$keep/long-lines.log") lines of code or output" \
           "wider than the page:"
    cut -c1-120 "$keep/long-lines.log" | head -5 | sed 's/^/    /'
else
    ok "every line of code and output fits the page"
fi

# ---- 9. the book follows the code ---------------------------------------
marker="book-check marker $$"
sed -i "s|^    //> shapes|    //> shapes\n    /* $marker */|" \
    chapters/01-data/main.c
if make BUILD=build html > "$keep/remake.log" 2>&1 && grep -q "$marker" build/book.html
then
    ok "a changed line of C appears in the rebuilt book"
else
    not_ok "after changing chapters/01-data/main.c the book did not change"
fi

if [ "$failed" -eq 0 ]; then
    echo "check-book: all checks passed (screenshots in $keep)"
else
    echo "check-book: FAILED (logs in $keep)"
fi
exit $failed
