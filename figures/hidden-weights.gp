# hidden-weights.gp - the input weights of the 50 hidden units of a trained
# network, each drawn as the 8x8 image it responds to.
# Data: <src>/hidden_weights.tsv (unit, row, col, weight): 64 rows per unit,
# row-major, after one header line.  src is the chapter, 06-sgd unless a
# script that loads this one sets it (sweep-weights.gp).
W = 6.5; H = 3.9
load style
if (!exists('src')) src = '06-sgd'
data = dir.'/'.src.'/hidden_weights.tsv'

stats data skip 1 using 4 nooutput
# A few units grow much larger weights than the rest; clip the colour
# scale at 2.5 standard deviations so the others stay visible.
m = 2.5 * STATS_stddev

# Dark = negative, light = positive, mid grey = 0: the sign survives grey.
# Weights beyond the clip take the end colours.
set palette defined (-1 '#1a1a1a', -0.5 '#3b4f7a', 0 '#bdbdbd', \
                     0.5 '#f2c57c', 1 '#ffffff')
set cbrange [-m:m]
unset colorbox
unset tics; unset grid
set border 15 lw 0.3 lc rgb '#888888'
set size ratio -1
set xrange [-0.5:7.5]
set yrange [7.5:-0.5]

# The 50 panels on the left, one colour bar for all of them on the right,
# with its zero marked: mid grey is a weight of 0.
set multiplot layout 5, 10 margins 0.01, 0.86, 0.01, 0.99 spacing 0.01, 0.01
do for [u = 0:49] {
    if (u == 49) {
        set colorbox user origin screen 0.9, screen 0.1 size screen 0.025, screen 0.8
        set cbtics (sprintf('%.1f', -m) -m, '0' 0, sprintf('%.1f', m) m) \
            scale 0.5 font f8
        set cblabel 'weight' font f8 offset -0.5, 0
    }
    plot data skip 1 every ::(u*64)::(u*64+63) using 3:2:4 with image pixels
}
unset multiplot
