#!/bin/sh
# need.sh - check the tools the book needs; name the Debian package of each
# missing one.  Usage: sh book/need.sh html|pdf|wasm   (pdf checks html too).
#
#   html: pandoc (>= 2.17), gnuplot (gnuplot-nox), dot (graphviz),
#         fonts-dejavu-core
#   pdf:  the above, and texlive-latex-base, texlive-latex-recommended,
#         lmodern
#   wasm: the HTML book's WebAssembly (mk/wasm.mk): clang, wasm-ld (lld),
#         wasi-libc and clang's wasm32 runtime (libclang-rt-14-dev-wasm32)

missing=""
need() { missing="$missing $1"; }

if [ "$1" = wasm ]; then
    cc=${WASM_CC:-clang}
    if ! command -v "$cc" >/dev/null 2>&1; then
        need clang
    else
        command -v wasm-ld >/dev/null 2>&1 || need lld
        printf '#include <stdlib.h>\n' |
            "$cc" --target=wasm32-wasi -E -x c - >/dev/null 2>&1 ||
            need wasi-libc
        rt=$("$cc" --target=wasm32-wasi -print-libgcc-file-name 2>/dev/null)
        [ -f "$rt" ] || need libclang-rt-14-dev-wasm32
    fi
    if [ -n "$missing" ]; then
        echo "make wasm: missing Debian package(s):$missing" >&2
        echo "  install with: sudo apt-get install$missing" >&2
        exit 1
    fi
    exit 0
fi

command -v pandoc >/dev/null 2>&1 || need pandoc
command -v gnuplot >/dev/null 2>&1 || need gnuplot-nox
command -v dot >/dev/null 2>&1 || need graphviz
# Without a font, gnuplot's cairo terminal silently draws no text at all.
if command -v fc-list >/dev/null 2>&1; then
    fc-list 2>/dev/null | grep -q 'DejaVu Sans' || need fonts-dejavu-core
else
    [ -f /usr/share/fonts/truetype/dejavu/DejaVuSans.ttf ] ||
        need fonts-dejavu-core
fi

if [ "$1" = pdf ]; then
    command -v pdflatex >/dev/null 2>&1 || need texlive-latex-base
    if command -v kpsewhich >/dev/null 2>&1; then
        # fancyvrb (highlighted code) and float ship in -recommended
        [ -n "$(kpsewhich fancyvrb.sty)" ] || need texlive-latex-recommended
        [ -n "$(kpsewhich lmodern.sty)" ] || need lmodern
    fi
fi

if [ -n "$missing" ]; then
    echo "make $1: missing Debian package(s):$missing" >&2
    echo "  install with: sudo apt-get install$missing" >&2
    exit 1
fi

# The filters use Pandoc:walk, new in pandoc 2.17 (Debian 12 has 2.17.1.1).
v=$(pandoc --version | sed -n '1s/^pandoc[^0-9]*\([0-9][0-9.]*\).*/\1/p')
major=${v%%.*}
rest=${v#*.}
minor=${rest%%.*}
if [ "${major:-0}" -lt 2 ] ||
   { [ "$major" -eq 2 ] && [ "${minor:-0}" -lt 17 ]; }; then
    echo "make $1: pandoc $v is too old; the book needs pandoc 2.17 or later" >&2
    exit 1
fi
exit 0
