# 08-ablation.gp - test accuracy after each step of chapter 08's ablation,
# from the tutorial's cell 7 (top) to the final recipe and its two other
# activations: a bar to the mean over the seeds, a line from the worst to
# the best seed, a dot per seed, and a diamond for scikit-learn's twin
# (same draws, mean over the same seeds) where there is one.  The right
# panel magnifies the last rows.
# Data: 08-beyond/ablation.tsv (name, step, mean, sd, min, max, epochs,
# sat0, sat1, sklearn) and 08-beyond/ablation_seeds.tsv (step, seed,
# accuracy, epochs, sklearn).
W = 7.0; H = 3.8
load style
rows = dir.'/08-beyond/ablation.tsv'
seeds = dir.'/08-beyond/ablation_seeds.tsv'

stats rows skip 1 using 2 nooutput
last = STATS_max

set grid xtics noytics
set border 1
set xlabel 'test accuracy' offset 0, 0.3
set ytics scale 0 font f8
# The key sits in the right panel, above its bars.
set key at graph 0.04, graph 0.97 left top vertical Left reverse font f8 \
    samplen 1.5 opaque
h = 0.32                                # half the height of a bar

set multiplot
set tmargin at screen 0.97
set bmargin at screen 0.16
set lmargin at screen 0.31
set rmargin at screen 0.62
set xrange [0:1]
set xtics 0.2
set yrange [last + 0.6:-0.6]           # step 0 at the top
plot rows  skip 1 using ($3 / 2):2:($3 / 2):(h):ytic(1) \
           with boxxyerror fs solid 0.35 noborder lc rgb '#5b7fb5', \
     ''    skip 1 using 3:2:5:6 with xerrorbars lt 1 lc rgb '#0b1f44' \
           lw 1.5 pt 7 ps 0, \
     seeds skip 1 using 3:1 with points pt 7 ps 0.35 lc rgb '#1f3b73', \
     rows  skip 1 using 10:2 with points pt 13 ps 1.1 lc rgb '#e08a1e'

set lmargin at screen 0.70
set rmargin at screen 0.98
set xrange [0.94:1]
set xtics 0.02
set format y ''
set yrange [last + 0.6:-0.6]
lo = 0.94
plot rows  skip 1 using (($3 + lo) / 2):2:($3 > lo ? ($3 - lo) / 2 : NaN):(h) \
           with boxxyerror fs solid 0.35 noborder lc rgb '#5b7fb5' \
           title 'mean over the seeds', \
     ''    skip 1 using 3:2:5:6 with xerrorbars lt 1 lc rgb '#0b1f44' \
           lw 1.5 pt 7 ps 0 title 'worst to best seed', \
     seeds skip 1 using 3:1 with points pt 7 ps 0.35 lc rgb '#1f3b73' \
           title 'one seed', \
     rows  skip 1 using 10:2 with points pt 13 ps 1.1 lc rgb '#e08a1e' \
           title 'scikit-learn twin'
unset multiplot
