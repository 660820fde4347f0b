#!/bin/sh
# bench/fashion.sh - chapter 9's network against PyTorch and scikit-learn.
#
#   sh bench/fashion.sh CHAPTER9_PROGRAM OUT_DIR DATA_DIR
#
# `make bench` (and `make bench-fashion`) call it.  Trains the same
# 784-H-10 ReLU network with Adam, batches of B, on the same 50,000
# training images, for E epochs (BENCH_FASHION_EPOCHS, default 3; the C
# program with --no-refit, since only these epochs are timed): with
# the C program on one thread and on two (--threads: lib/fast/blas.c
# shares the large products out, each piece on one OpenBLAS thread; the
# two runs train the same bits, which the report checks), then with
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

for t in 1 2; do
    OPENBLAS_NUM_THREADS=1 "$bin" --data "$data" --epochs "$E" --hidden "$H" \
        --no-refit --batch-size "$B" --schedule constant --eta 0.001 \
        --threads $t --out "$out/ours$t" \
        > "$out/ours$t.txt" 2> "$out/ours$t.err" ||
        { cat "$out/ours$t.err"; exit 1; }
done

: > "$out/python.tsv.tmp"
for t in 1 2; do
    OPENBLAS_NUM_THREADS=$t OMP_NUM_THREADS=$t "$py" bench/fashion_ref.py \
        "$data" "$E" "$H" "$B" "$t" >> "$out/python.tsv.tmp"
done
mv "$out/python.tsv.tmp" "$out/python.tsv"

summary() { sed -n 's/^summary: //p' "$out/ours${2:-1}.txt" | tr ' ' '\n' |
            sed -n "s/^$1=//p"; }
ours=$(summary epoch_seconds)
ours_cpu=$(summary epoch_cpu_seconds)
ours_acc=$(summary accuracy_validation)
ours2=$(summary epoch_seconds 2)
ours2_cpu=$(summary epoch_cpu_seconds 2)
same=0
[ "$(summary params_crc32)" = "$(summary params_crc32 2)" ] && same=1
n=$(summary train_rows)
v=$(summary validation_rows)

awk -f bench/fashion_report.awk -v ours="$ours" -v ours_cpu="$ours_cpu" \
    -v acc="$ours_acc" -v ours2="$ours2" -v ours2_cpu="$ours2_cpu" \
    -v same="$same" \
    -v n="$n" -v v="$v" -v H="$H" -v E="$E" -v B="$B" \
    -v load="$(cut -d' ' -f1 /proc/loadavg)" "$out/python.tsv" \
    > "$out/output.txt.tmp"
mv "$out/output.txt.tmp" "$out/output.txt"
cat "$out/output.txt"
[ "$same" = 1 ] || { echo "bench/fashion.sh: one thread and two trained different parameters" >&2; exit 1; }
