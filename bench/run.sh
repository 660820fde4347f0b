#!/bin/sh
# bench/run.sh - numpy and the library on the same work, in one run.
#
#   sh bench/run.sh BENCH_PROGRAM OUT_DIR DATA_FILE
#
# `make bench` calls it.  Runs bench/numpy_ref.py with Debian's numpy
# (/usr/bin/python3), then the bench program with numpy's times, and keeps
# everything in OUT_DIR: numpy.tsv, bench.tsv, matmul.tsv, shapes.tsv and
# output.txt (the printed report, ending in a `summary:` line).
#
# Both sides run one BLAS thread (OPENBLAS_NUM_THREADS=1) and the same
# OpenBLAS kernel.  Some machines set OPENBLAS_CORETYPE (and
# OPENBLAS_L2_SIZE) because old OpenBLAS builds fail on their processor;
# that slows numpy down, so this script, and only this script, unsets
# both and asks threadpoolctl which kernel OpenBLAS then picks.  OpenBLAS
# 0.3.21 falls back to its generic "Prescott" (SSE3) kernel on processors
# it does not know; on an AVX-512 machine the script then names SkylakeX
# for both sides, and says so.  BENCH_CORETYPE=NAME chooses by hand;
# BENCH_REPS=N sets the repetitions (default 5).
set -eu

if [ $# -ne 3 ]; then
    echo "usage: sh bench/run.sh BENCH_PROGRAM OUT_DIR DATA_FILE" >&2
    exit 2
fi
bin=$1 out=$2 data=$3
reps=${BENCH_REPS:-5}
py=/usr/bin/python3
mkdir -p "$out"

export OPENBLAS_NUM_THREADS=1
unset OPENBLAS_CORETYPE OPENBLAS_L2_SIZE

# The kernel OpenBLAS picks by itself, as threadpoolctl reports it.
core_of() {
    "$py" -c 'import numpy
from threadpoolctl import threadpool_info
print(" ".join(str(i.get("architecture")) for i in threadpool_info()
               if i.get("internal_api") == "openblas") or "none")' \
        2>/dev/null || echo unknown
}

if ! "$py" -c 'import numpy' 2>/dev/null; then
    echo "bench: $py has no numpy (apt-get install python3-numpy);" \
         "numpy's columns stay empty" >&2
    : > "$out/numpy.tsv"
else
    auto=$(core_of)
    if [ -n "${BENCH_CORETYPE:-}" ]; then
        export OPENBLAS_CORETYPE="$BENCH_CORETYPE"
        why="chosen by BENCH_CORETYPE"
    elif [ "$auto" = Prescott ] && grep -qw avx512f /proc/cpuinfo; then
        export OPENBLAS_CORETYPE=SkylakeX
        why="OpenBLAS picked Prescott on an AVX-512 processor it does not know"
    elif [ "$auto" = Prescott ] && grep -qw avx2 /proc/cpuinfo; then
        export OPENBLAS_CORETYPE=Haswell
        why="OpenBLAS picked Prescott on an AVX2 processor it does not know"
    else
        why="OpenBLAS's own choice"
    fi
    echo "bench: OpenBLAS alone picks '$auto'; timing with" \
         "'${OPENBLAS_CORETYPE:-$auto}' ($why), 1 thread, both sides"
    "$py" bench/numpy_ref.py "$data" "$reps" > "$out/numpy.tsv.tmp"
    mv "$out/numpy.tsv.tmp" "$out/numpy.tsv"
fi

"$bin" --data "$data" --out "$out" --numpy "$out/numpy.tsv" \
    --reps "$reps" > "$out/output.txt.tmp" || {
    cat "$out/output.txt.tmp"
    exit 1
}
mv "$out/output.txt.tmp" "$out/output.txt"
cat "$out/output.txt"
