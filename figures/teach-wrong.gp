# teach-wrong.gp - the test images the trained network of teach-curve
# still gets wrong, each titled with its true label and the prediction.
# Data: teach/wrong.tsv (k, image, label, predicted, row, col, pixel),
# 64 rows per image after one header line.

data = dir.'/teach/wrong.tsv'
stats data skip 1 using 1 nooutput
n = int(STATS_max) + 1
per = 8
lines = int((n + per - 1) / per)
W = 6.5; H = 1.05 * lines + 0.1
load style
array title[n]
do for [k = 0:n-1] {
    stats data skip 1 every ::(k*64)::(k*64) using 3 nooutput
    t = int(STATS_min)
    stats data skip 1 every ::(k*64)::(k*64) using 4 nooutput
    title[k+1] = sprintf('%d read as %d', t, int(STATS_min))
}

set palette gray negative
set cbrange [0:16]
unset colorbox
set border 15 lw 0.5 lc rgb '#888888'
unset tics; unset grid
set size ratio -1
set xrange [-0.5:7.5]
set yrange [7.5:-0.5]
set multiplot layout lines, per margins 0.01, 0.99, 0.01, 0.93 spacing 0.02, 0.09
do for [k = 0:n-1] {
    set title title[k+1] font fs(8) offset 0, -0.6
    plot data skip 1 every ::(k*64)::(k*64+63) using 6:5:7 with image pixels
}
unset multiplot
