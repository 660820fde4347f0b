# digits.gp - the five images chapter 01 drew at random, with their labels.
# Data: 01-data/shown.tsv (panel, row, col, pixel, label, index), 64 rows
# per panel in row-major order after one header line.
W = 6.5; H = 1.9
load style
data = dir.'/01-data/shown.tsv'

array label[5]
array index[5]
do for [p = 0:4] {
    stats data skip 1 every ::(p*64)::(p*64) using 5 nooutput
    label[p+1] = int(STATS_min)
    stats data skip 1 every ::(p*64)::(p*64) using 6 nooutput
    index[p+1] = int(STATS_min)
}

set palette gray negative          # 0 white, 16 black, as cmap gray_r
set cbrange [0:16]
unset colorbox
set border 15 lw 0.5 lc rgb '#888888'   # the 8 x 8 frame
unset tics; unset grid
set size ratio -1
set xrange [-0.5:7.5]
set yrange [7.5:-0.5]              # row 0 at the top, as the image is seen

set multiplot layout 1, 5 margins 0.01, 0.99, 0.02, 0.80 spacing 0.03, 0
do for [p = 0:4] {
    set title sprintf("label %d\n(image %d)", label[p+1], index[p+1])
    plot data skip 1 every ::(p*64)::(p*64+63) using 3:2:4 with image pixels
}
unset multiplot
