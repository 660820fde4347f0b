#!/usr/bin/env bash
# filter-failures.sh - the book's filters must refuse what they cannot find.
#
# Usage: tests/book/filter-failures.sh BUILD_DIR   (from the repository root,
# after `make run` has filled BUILD_DIR/out).  Each case below is a tiny
# markdown file that asks for something missing or wrong; pandoc must fail
# and its message must name the culprit.  A last case checks that an
# optional fragment that is absent is simply left out.  Exits 1 if any case
# behaves otherwise.
set -uo pipefail

build=${1:?usage: filter-failures.sh BUILD_DIR}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
failed=0

run_pandoc() {
    pandoc --from markdown --metadata build-dir="$build" \
        --lua-filter filters/fragments.lua --lua-filter filters/literate.lua \
        --lua-filter filters/figures.lua --lua-filter filters/appendix.lua \
        --to html5 "$1" -o "$tmp/out.html" 2>"$tmp/err"
}

# must_fail NAME EXPECTED-TEXT MARKDOWN
must_fail() {
    printf '%s\n' "$3" > "$tmp/case.md"
    if run_pandoc "$tmp/case.md"; then
        echo "not ok - $1: the build succeeded"
        failed=1
    elif ! grep -qF -- "$2" "$tmp/err"; then
        echo "not ok - $1: the message does not say '$2':"
        sed 's/^/    /' "$tmp/err"
        failed=1
    else
        echo "ok - $1: $(grep -F -- "$2" "$tmp/err" | head -1)"
    fi
}

must_fail "missing region" "no region 'no-such-region'" \
'```{.c include=chapters/01-data/main.c region=no-such-region}
```'

must_fail "missing function" "no definition of function 'no_such_function'" \
'```{.c include=lib/mat.c function=no_such_function}
```'

must_fail "missing declaration" "no declaration of 'no_such_decl'" \
'```{.c include=lib/mat.h decl=no_such_decl}
```'

must_fail "missing type" "no typedef named 'NoSuchType'" \
'```{.c include=lib/mat.h type=NoSuchType}
```'

must_fail "missing source file" "lib/no-such-file.c" \
'```{.c include=lib/no-such-file.c}
```'

must_fail "missing summary key" "no key 'no_such_key'" \
'A number: [03-forward/no_such_key]{.v}.'

# The conclusion chapter 8 draws from two runs of recipe-cv, reversed.
must_fail "comparison the run contradicts" "(above=)" \
'Worse: [recipe-cv/cv_errors]{.v above="recipe-cv-gain1/cv_errors"}.'

must_fail "missing program output" "99-no-such-chapter/output.txt" \
'```{.output chapter=99-no-such-chapter}
```'

must_fail "missing TSV column" "no column 'no_such_column'" \
'A cell: [07-sweep/sweep.tsv:no_such_column]{.v where="eta=1"}.'

must_fail "number that contradicts the text" "but the text around it says 99" \
'The guess: [03-forward/prediction0]{.v expect=99}.'

must_fail "missing required fragment" "book/no-such-fragment.md is missing" \
'::: {.include file=book/no-such-fragment.md}
:::'

must_fail "missing figure" "no-such-figure" \
'# A chapter

![A figure that was never drawn.](no-such-figure){alt="Nothing."}'

must_fail "figure without alt text" "has no alt text" \
'# A chapter

![The sigmoid.](sigmoid)'

must_fail "figure with TeX in its alt text" "holds TeX" \
'# A chapter

![The sigmoid.](sigmoid){alt="The curve $\\sigma$."}'

must_fail "figure without a caption" "has no caption" \
'# A chapter

![](sigmoid){alt="The sigmoid."}'

must_fail "figure inside a paragraph" "not alone in its paragraph" \
'# A chapter

Text and ![The sigmoid.](sigmoid){alt="The sigmoid."} more text.'

must_fail "figure in an unnumbered chapter" "unnumbered chapter" \
'# Preface {-}

![The sigmoid.](sigmoid){alt="The sigmoid."}'

must_fail "table column that does not exist" "no column 'no_such_column'" \
'```{.table chapter=07-sweep file=sweep.tsv columns="eta no_such_column"}
```'

# A table cell that is not a number, in a data file made for the test.
mkdir -p "$tmp/run/out/t"
printf 'name\tvalue\nfirst\t0.5\nsecond\tnan\n' > "$tmp/run/out/t/t.tsv"
printf '%s\n' '```{.table chapter=t file=t.tsv columns="name value" fmt="%s %.3f"}
```' > "$tmp/case.md"
if pandoc --from markdown --metadata build-dir="$tmp/run" \
        --lua-filter filters/literate.lua --to html5 "$tmp/case.md" \
        -o "$tmp/out.html" 2>"$tmp/err"; then
    echo "not ok - table cell that is not a number: the build succeeded"
    failed=1
elif grep -qF "'nan' is not a number" "$tmp/err"; then
    echo "ok - table cell that is not a number: $(head -1 "$tmp/err")"
else
    echo "not ok - table cell that is not a number: the message says:"
    sed 's/^/    /' "$tmp/err"
    failed=1
fi

must_fail "empty code block" "empty code block" \
'```c
```'

must_fail "hand-written text in an include block" "must be empty" \
'```{.c include=lib/mat.h decl=mat_init}
int mat_init(Matrix *m, int rows, int cols);
```'

# A region that is opened and never closed, in a C file made for the test.
mkdir -p "$tmp/src"
printf 'int f(void)\n{\n    //> half\n    return 0;\n}\n' > "$tmp/src/bad.c"
must_fail "unclosed region marker" "region 'half' is never closed" \
"\`\`\`{.c include=$tmp/src/bad.c region=half}
\`\`\`"

# The optional fragments may be absent: the build goes on without them.
printf '%s\n' '::: {.include file=book/no-such-optional.md optional=true}
:::

Text after it.' > "$tmp/case.md"
if run_pandoc "$tmp/case.md" && grep -q 'Text after it' "$tmp/out.html"; then
    echo "ok - absent optional fragment is left out"
else
    echo "not ok - absent optional fragment broke the build:"
    sed 's/^/    /' "$tmp/err"
    failed=1
fi

exit $failed
