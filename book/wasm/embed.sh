#!/bin/sh
# embed.sh - writes the HTML that the book's last page carries (mk/wasm.mk):
# the module, both networks and the digits, each gzip-compressed and
# base64-encoded in a non-running <script> block, what 06-sgd printed (as
# JSON), and book/nn.js, which unpacks them.
#
#   sh book/wasm/embed.sh DIR book/nn.js > embed.html
#
# DIR holds nn.wasm, ch6.nnet, ch8.nnet, digits.txt and 06-sgd.txt, what
# 06-sgd printed while it trained ch6.nnet.
set -eu
dir=$1
js=$2
for p in "$dir/nn.wasm" "$dir/ch6.nnet" "$dir/ch8.nnet" "$dir/digits.txt" \
         "$dir/06-sgd.txt" "$js"; do
    [ -s "$p" ] || { echo "embed.sh: $p is missing or empty" >&2; exit 1; }
done
accuracy() {
    a=$(sed -n 's/^summary:.* accuracy_test=\([^ ]*\).*/\1/p' "$1")
    [ -n "$a" ] || { echo "embed.sh: $1 has no accuracy_test" >&2; exit 1; }
    echo "$a"
}
sgd=$(accuracy "$dir/06-sgd.txt")

block() { # id file
    printf '<script type="application/octet-stream" id="%s">' "$1"
    gzip -9nc "$dir/$2" | base64 -w 0
    printf '</script>\n'
}
block nn-wasm nn.wasm
block nn-net6 ch6.nnet
block nn-net8 ch8.nnet
block nn-data digits.txt
printf '<script type="application/json" id="nn-facts">'
printf '{"accuracy_test": "%s"}</script>\n' "$sgd"
printf '<script>\n'
cat "$js"
printf '</script>\n'
