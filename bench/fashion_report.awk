# bench/fashion_report.awk - the report of bench/fashion.sh, from
# bench/fashion_ref.py's TSV lines (side, dtype, threads, median seconds,
# best seconds, validation accuracy, median processor seconds; `peak`
# lines carry GFLOP/s) and the C program's numbers, given as variables:
# ours (median epoch seconds), ours_cpu (median processor seconds of an
# epoch), acc (its validation accuracy), ours2 and ours2_cpu (the same on
# two threads), same (1 when both trained the same parameters, bit for
# bit), n (training rows), v (validation rows), H, E (epochs), B
# (batch size), load (the load average at the end).
#
# The FLOP of an epoch, counting a multiply-add as two: the training's
# forward pass 2nH(D + K), its backward pass 2nH(D + 2K) (the gradients
# of Wh and Wo, and the error sent back through Wo; no error goes back to
# the pixels), and the scoring of the validation rows, 2vH(D + K).
BEGIN { FS = "\t"; D = 784; K = 10
        flop = 2 * n * H * (D + K) + 2 * n * H * (D + 2 * K) + \
               2 * v * H * (D + K)
        gf = flop / ours / 1e9 }
$1 == "peak" { peak = $4; next }
{ side[++m] = $1; dt[m] = $2; th[m] = $3; med[m] = $4; best[m] = $5
  va[m] = $6; cpu[m] = $7 }
END {
    printf "Chapter 9 network %d-%d-10, ReLU, Adam, batch %d, %d training images,\n", D, H, B, n
    printf "median of %d epochs (training steps + scoring 10,000 validation images).\n", E
    printf "FLOP per epoch: training 2nH(D + K) + 2nH(D + 2K), validation 2vH(D + K):\n%.4g GFLOP\n", flop / 1e9
    printf "load average at the end: %s (other work on the machine slows every side)\n\n", load
    printf "%-28s %8s %6s %8s %8s %6s %9s\n", "side", "epoch s", "ratio", "GFLOP/s", "cpu s", "ratio", "val. acc."
    printf "%-28s %8.3f %6s %8.2f %8.3f %6s %9.4f\n", "C (this library), 1 thread", ours, "1.00", gf, ours_cpu, "1.00", acc
    printf "%-28s %8.3f %6.2f %8.2f %8.3f %6.2f %9.4f\n", "C (this library), 2 threads", ours2, ours2 / ours, flop / ours2 / 1e9, ours2_cpu, ours2_cpu / ours_cpu, acc
    for (i = 1; i <= m; i++) {
        name = side[i] " " dt[i] ", " th[i] " thread" (th[i] > 1 ? "s" : "")
        printf "%-28s %8.3f %6.2f %8.2f %8.3f %6.2f %9.4f\n", name, med[i], med[i] / ours, flop / med[i] / 1e9, cpu[i], cpu[i] / ours_cpu, va[i]
        if (side[i] == "pytorch" && dt[i] == "float64" && th[i] == 1) c64 = cpu[i]
        if (side[i] == "pytorch" && dt[i] == "float32" && th[i] == 1) c32 = cpu[i]
        if (side[i] == "pytorch" && dt[i] == "float64" && th[i] == 1) t64 = med[i]
        if (side[i] == "pytorch" && dt[i] == "float64" && th[i] == 2) t64b = med[i]
        if (side[i] == "pytorch" && dt[i] == "float32" && th[i] == 1) t32 = med[i]
        if (side[i] == "sklearn") tsk = med[i]
    }
    printf "\nours on two threads: %.2f times as fast as on one, by the clock; the same\nparameters to the bit: %s\n", ours / ours2, same ? "yes" : "NO"
    printf "\nratio: the side's epoch time over ours (above 1: ours is faster), by the\n"
    printf "clock and by processor seconds (all threads: for two threads, their sum)\n"
    if (peak > 0)
        printf "one-core float64 peak (PyTorch, 2000x2000 products, best of 8): %.2f GFLOP/s;\nours runs the epoch at %.0f%% of it\n", peak, 100 * gf / peak
    printf "\nsummary: epoch_seconds=%.6g gflops=%.6g peak_gflops=%.6g peak_fraction=%.4g pytorch64_ratio=%.4g pytorch32_ratio=%.4g pytorch64_two_threads_speedup=%.4g sklearn_ratio=%.4g flop=%.6g epoch_cpu_seconds=%.6g pytorch64_cpu_ratio=%.4g pytorch32_cpu_ratio=%.4g two_threads_speedup=%.4g two_threads_same_bits=%d epoch2_seconds=%.6g pytorch64_two_threads_ratio=%.4g\n", ours, gf, peak, (peak > 0 ? gf / peak : 0), t64 / ours, t32 / ours, (t64b > 0 ? t64 / t64b : 0), tsk / ours, flop, ours_cpu, c64 / ours_cpu, c32 / ours_cpu, ours / ours2, same, ours2, (t64b > 0 ? t64b / ours2 : 0)
}
