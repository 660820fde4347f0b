#!/bin/sh
# bench/fashion.sh - chapter 9's network against PyTorch and scikit-learn.
#
#   sh bench/fashion.sh CHAPTER9_PROGRAM OUT_DIR DATA_DIR
#
# `make bench` (and `make bench-fashion`) call it.  Trains the same
# 784-H-10 ReLU network with Adam, batches of B, on the same 50,000
# training images, for E epochs (BENCH_FASHION_EPOCHS, default 3): with
# the C program (one thread: lib/mat.c keeps OpenBLAS to one), then with
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
ours_acc=$(summary accuracy_validation)
n=$(summary train_rows)

awk -v ours="$ours" -v acc="$ours_acc" -v n="$n" -v H="$H" -v E="$E" \
    -v B="$B" -v load="$(cut -d' ' -f1 /proc/loadavg)" '
BEGIN { FS = "\t"; D = 784; K = 10
        flop = 6 * n * H * (D + K)   # forward 2nH(D+K), backward 4nH(D+K)
        gf = flop / ours / 1e9 }
$1 == "peak" { peak = $4; next }
{ side[++m] = $1; dt[m] = $2; th[m] = $3; med[m] = $4; best[m] = $5
  va[m] = $6 }
END {
    printf "Chapter 9 network %d-%d-10, ReLU, Adam, batch %d, %d training images,\n", D, H, B, n
    printf "median of %d epochs (training steps + scoring 10,000 validation images).\n", E
    printf "FLOP per epoch (training only): 6 n H (D + K) = %.4g GFLOP\n", flop / 1e9
    printf "load average at the end: %s (other work on the machine slows every side)\n\n", load
    printf "%-28s %9s %9s %8s %12s\n", "side", "epoch s", "ratio", "GFLOP/s", "val. acc."
    printf "%-28s %9.3f %9s %8.2f %12.4f\n", "C (this library), 1 thread", ours, "1.00", gf, acc
    for (i = 1; i <= m; i++) {
        name = side[i] " " dt[i] ", " th[i] " thread" (th[i] > 1 ? "s" : "")
        printf "%-28s %9.3f %9.2f %8.2f %12.4f\n", name, med[i], med[i] / ours, flop / med[i] / 1e9, va[i]
        if (side[i] == "pytorch" && dt[i] == "float64" && th[i] == 1) t64 = med[i]
        if (side[i] == "pytorch" && dt[i] == "float64" && th[i] == 2) t64b = med[i]
        if (side[i] == "pytorch" && dt[i] == "float32" && th[i] == 1) t32 = med[i]
        if (side[i] == "sklearn") tsk = med[i]
    }
    printf "\nratio: the side'"'"'s epoch time over ours (above 1: ours is faster)\n"
    if (peak > 0)
        printf "one-core float64 peak (PyTorch, 2000x2000 products, best of 8): %.2f GFLOP/s;\nours runs the epoch at %.0f%% of it\n", peak, 100 * gf / peak
    printf "\nsummary: epoch_seconds=%.6g gflops=%.6g peak_gflops=%.6g peak_fraction=%.4g pytorch64_ratio=%.4g pytorch32_ratio=%.4g pytorch64_two_threads_speedup=%.4g sklearn_ratio=%.4g flop=%.6g\n", ours, gf, peak, peak > 0 ? gf / peak : 0, t64 / ours, t32 / ours, t64 / t64b, tsk / ours, flop
}' "$out/python.tsv" > "$out/output.txt.tmp"
mv "$out/output.txt.tmp" "$out/output.txt"
cat "$out/output.txt"
