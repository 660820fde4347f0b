#!/bin/sh
# netio-demo.sh - the worked example of the appendix "The network file".
#
#   sh book/netio-demo.sh BIN DIR
#
# In DIR: trains chapter 6's network with BIN/06-sgd --save, shows the
# first bytes of the file and its last four (od), then damages copies of
# it in four ways and shows what BIN/predict says about each.  Prints the
# commands (after "$ ", as typed in DIR) and their output, then a summary
# line for the book (messages are folded to fit the page):
#   summary: bytes=... params=... crc=... refused=4
# Exits 1, naming the case, if a step fails or a damaged file is accepted:
# the appendix must not show a refusal that did not happen.
set -u
bin=$(cd "${1:?usage: netio-demo.sh BIN DIR}" && pwd)
dir=${2:?usage: netio-demo.sh BIN DIR}
mkdir -p "$dir" && cd "$dir" || exit 1
rm -f ./*.nnet

fail() { echo "netio-demo.sh: $*" >&2; exit 1; }
show() { echo "\$ $*"; sh -c "$*" || fail "'$*' failed"; }

echo "\$ 06-sgd --save net.nnet > run.txt"
"$bin/06-sgd" --out run --save net.nnet > run.txt || fail "06-sgd failed"
show "od -A d -t x1 -N 64 net.nnet"
show "od -A d -t u8 -j 28 -N 8 net.nnet"
show "od -A d -t f8 -j 36 -N 24 net.nnet"
show "tail -c 4 net.nnet | od -A n -t x1"
show "wc -c < net.nnet"

# refuse NAME: predict must exit 2 with one line naming NAME.
refused=0
refuse() {
    echo "\$ predict --model $1"
    msg=$("$bin/predict" --model "$1" --out run 2>&1 >/dev/null)
    rc=$?
    [ "$rc" -eq 2 ] || fail "predict accepted $1 (exit $rc)"
    [ "$(printf '%s\n' "$msg" | wc -l)" -eq 1 ] ||
        fail "predict said more than one line about $1"
    printf '%s\n' "$msg" | fold -s -w 74 | sed 's/ *$//; 2,$s/^/    /'
    refused=$((refused + 1))
}
echo
# A byte in the middle of the parameters changed.
cp net.nnet flipped.nnet
printf 'A' | dd of=flipped.nnet bs=1 seek=5000 conv=notrunc 2>/dev/null
# The file cut short, as by a full disk or an interrupted copy.
head -c 1000 net.nnet > short.nnet
# A later version of the format, with an intact length.
cp net.nnet v2.nnet
printf '\002' | dd of=v2.nnet bs=1 seek=8 conv=notrunc 2>/dev/null
# Not a network file at all.
cp run.txt text.nnet
echo "\$ printf 'A' | dd of=flipped.nnet bs=1 seek=5000 conv=notrunc"
refuse flipped.nnet
echo "\$ head -c 1000 net.nnet > short.nnet"
refuse short.nnet
echo "\$ printf '\\\\002' | dd of=v2.nnet bs=1 seek=8 conv=notrunc"
refuse v2.nnet
echo "\$ cp run.txt text.nnet"
refuse text.nnet

bytes=$(wc -c < net.nnet | tr -d ' ')
params=$(od -A n -t u8 -j 28 -N 8 net.nnet | tr -d ' ')
crc=$(tail -c 4 net.nnet | od -A n -t x4 | tr -d ' ')
[ "$bytes" -eq $((48 + 8 * params)) ] ||
    fail "net.nnet has $bytes bytes for $params parameters"
echo
echo "summary: bytes=$bytes params=$params crc=$crc refused=$refused"
