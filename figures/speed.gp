# speed.gp - GFLOP/s of the matrix product against matrix size, one
# thread: the textbook loop, the loop order i-p-j the library's reference
# kernel uses, that loop blocked into tiles, the tuned kernel in C, and
# OpenBLAS (appendix "Speed").  The points are the tutorial's own
# products, placed at the size n of a square product with as many
# multiplications, (m k n)^(1/3).
# Data: bench/matmul.tsv (n, naive, loop_order, blocked, blas, tuned, in
# GFLOP/s; NaN where not measured) and bench/shapes.tsv (product, m, k, n,
# reference_gflops, mat_matmul_gflops, ...), both written by `make bench`.
W = 6.0; H = 4.6
load style
sq = dir.'/bench/matmul.tsv'
sh = dir.'/bench/shapes.tsv'

set logscale xy 2
set xrange [6:1400]
set yrange [0.25:4096]
set xtics (8, 16, 32, 64, 128, 256, 512, 1024)
set ytics (0.25, 0.5, 1, 2, 4, 8, 16, 32, 64, 128, 256)
set xlabel 'matrix size n  (C = A B, all n x n)'
set ylabel 'GFLOP/s, one thread'
# The key below the plot, clear of the curves.
set key outside bottom center horizontal maxcols 2 reverse Left samplen 2.5 font f8

neq(m, k, n) = (m * k * n)**(1.0 / 3)
plot sq skip 1 using 1:5 with linespoints lt 1 title 'OpenBLAS (cblas\_dgemm)', \
     sq skip 1 using 1:6 with linespoints lt 5 title 'tuned, in C (kern\_tuned)', \
     sq skip 1 using 1:4 with linespoints lt 2 title 'blocked, 64 x 64 tiles', \
     sq skip 1 using 1:3 with linespoints lt 3 title 'loop order i, p, j (mat\_matmul\_ref)', \
     sq skip 1 using 1:2 with linespoints lt 4 title 'textbook i, j, p', \
     sh skip 1 using (neq($2, $3, $4)):6 with points pt 6 ps 1.2 lc rgb '#1f3b73' \
        title "the tutorial's products, mat\\_matmul", \
     sh skip 1 using (neq($2, $3, $4)):5 with points pt 4 ps 1.2 lc rgb '#6fbf73' \
        title "the tutorial's products, reference loop"
