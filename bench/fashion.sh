#!/bin/sh
# bench/fashion.sh - chapter 9's network against PyTorch and scikit-learn.
#
#   sh bench/fashion.sh CHAPTER9_PROGRAM OUT_DIR DATA_DIR
#
# `make bench` (and `make bench-fashion`) call it.  Trains the same
# 784-H-10 ReLU network with Adam, batches of B, on the same 50,000
# training images, for E epochs (BENCH_FASHION_EPOCHS, default 3): with
# the C program (one thread: lib/fast/blas.c keeps OpenBLAS to one), then with
# PyTorch in float64 and float32 on one thread and on two, then with
# scikit-learn's MLPClassifier (bench/fashion_ref.py).  Each side's epoch
# is its training steps plus the scoring of the 10,000 validation images;
# the median over the E epochs is compared.  Writes OUT_DIR/python.tsv and
# OUT_DIR/output.txt (the report, ending in a `summary:` line).
set -eu

if [ $# -ne 3 ]; then
    echo "usage: sh bench/fashion.sh CHAPTER9_PROGRAM OUT_DIR DATA_DIR" >&2
    exit 2
fi
bin=$1 out=$2 data=$3
E=${BENCH_FASHION_EPOCHS:-3} H=100 B=200
py=/usr/bin/python3
mkdir -p "$out"
unset OPENBLAS_CORETYPE OPENBLAS_L2_SIZE

OPENBLAS_NUM_THREADS=1 "$bin" --data "$data" --epochs "$E" --hidden "$H" \
    --batch-size "$B" --schedule constant --out "$out/ours" \
    > "$out/ours.txt" 2> "$out/ours.err" || { cat "$out/ours.err"; exit 1; }

: > "$out/python.tsv.tmp"
for t in 1 2; do
    OPENBLAS_NUM_THREADS=$t OMP_NUM_THREADS=$t "$py" bench/fashion_ref.py \
        "$data" "$E" "$H" "$B" "$t" >> "$out/python.tsv.tmp"
done
mv "$out/python.tsv.tmp" "$out/python.tsv"

summary() { sed -n 's/^summary: //p' "$out/ours.txt" | tr ' ' '\n' |
            sed -n "s/^$1=//p"; }
ours=$(summary epoch_seconds)
ours_cpu=$(summary epoch_cpu_seconds)
ours_acc=$(summary accuracy_validation)
n=$(summary train_rows)

awk -f bench/fashion_report.awk -v ours="$ours" -v ours_cpu="$ours_cpu" \
    -v acc="$ours_acc" \
    -v n="$n" -v H="$H" -v E="$E" -v B="$B" \
    -v load="$(cut -d' ' -f1 /proc/loadavg)" "$out/python.tsv" \
    > "$out/output.txt.tmp"
mv "$out/output.txt.tmp" "$out/output.txt"
cat "$out/output.txt"
