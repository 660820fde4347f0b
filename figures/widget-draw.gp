# widget-draw.gp - a still picture of the HTML book's draw-a-digit widget:
# one image of the data set as the network sees it (8 x 8, 0..16) and the
# ten probabilities chapter 8's network gives it.
# Data: widget/image.tsv (row, col, pixel, label, index: the image) and
# widget/predictions.tsv (tools/predict with chapter 8's network: index,
# label, predicted, p0..p9), both written by mk/wasm.mk.
W = 6.5; H = 2.4
load style
img = dir.'/widget/image.tsv'
pred = dir.'/widget/predictions.tsv'

stats img skip 1 every ::0::0 using 5 nooutput
n = int(STATS_min)
stats img skip 1 every ::0::0 using 4 nooutput
label = int(STATS_min)
stats pred skip 1 every ::n::n using 3 nooutput
guess = int(STATS_min)

set multiplot
# The 8 x 8 image, as the widget shows it.
set origin 0.02, 0.04; set size 0.3, 0.9
set palette gray negative
set cbrange [0:16]
unset colorbox
set border 15 lw 0.5 lc rgb '#888888'
unset tics; unset grid
set size ratio -1
set xrange [-0.5:7.5]
set yrange [7.5:-0.5]
set title sprintf("image %d (label %d)", n, label)
plot img skip 1 using 2:1:3 with image pixels

# The ten bars.
set origin 0.36, 0.04; set size 0.62, 0.9
set size noratio
set border 3 lw 0.8 lc rgb 'black'
set tics nomirror out scale 0.6
set xtics 1 nomirror
set ytics 0.25 nomirror
unset x2tics; unset y2tics
set grid ytics lw 0.5 lc rgb '#dddddd'
set xrange [-0.6:9.6]
set yrange [0:1]
set xlabel 'digit'
set ylabel 'probability'
set title sprintf("chapter 8's network: %d", guess)
set style fill solid 1.0 noborder
set boxwidth 0.7
plot for [k = 0:9] pred skip 1 every ::n::n using (k):(column(4 + k)) \
     with boxes lc rgb (k == guess ? '#1f3b73' : '#8fa3c7')
unset multiplot
