# 09-weights.gp - the input weights of the first 16 hidden units of chapter
# 9's network, each drawn as the 28x28 image it responds to (as
# hidden-weights.gp draws chapter 6's).  Data: 09-fashion/weights.tsv
# (unit, row, col, weight): 784 rows per unit after one header line.
W = 6.5; H = 1.9
load style
data = dir.'/09-fashion/weights.tsv'

stats data skip 1 using 4 nooutput
m = 2.5 * STATS_stddev
set palette defined (-1 '#1a1a1a', -0.5 '#3b4f7a', 0 '#bdbdbd', \
                     0.5 '#f2c57c', 1 '#ffffff')
set cbrange [-m:m]
unset colorbox
unset tics; unset grid
set border 15 lw 0.3 lc rgb '#888888'
set size ratio -1
set xrange [-0.5:27.5]
set yrange [27.5:-0.5]

set multiplot layout 2, 8 margins 0.01, 0.99, 0.01, 0.99 spacing 0.01, 0.02
do for [u = 0:15] {
    plot data skip 1 every ::(u*784)::(u*784+783) using 3:2:4 \
         with image
}
unset multiplot
