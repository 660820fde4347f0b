# 10-allreduce.gp - chapter 10's alpha-beta model: the speedup of
# data-parallel SGD on 1..64 machines when the gradient is combined by a
# ring or a tree all-reduce, on 10 and on 100 Gbit/s, for the measured
# arithmetic of one step of 100 images and for a batch ten times larger.
# Data: 10-parallel/model.tsv (machines, then for each network ring, tree,
# ring with the larger batch, tree with the larger batch).
W = 6.5; H = 3.2
load style
data = dir.'/10-parallel/model.tsv'

set multiplot layout 1, 2 spacing 0.1, 0
set xlabel 'machines'
set logscale xy 2
set xrange [1:64]
set yrange [0.25:512]
set xtics (1, 2, 4, 8, 16, 32, 64)
set ytics (0.25, 1, 4, 16, 64)
# One key, in the first panel's empty upper left corner.
set key at graph 0.02, graph 0.98 left top Left reverse samplen 2 \
    spacing 0.9 box opaque font f8

set ylabel 'speedup over one machine'
set title '10 Gbit/s' font fs(9)
plot x with lines lt 4 title 'ideal', \
     data skip 1 using 1:2 with lines lt 1 title 'ring, batch 100', \
     ''   skip 1 using 1:3 with lines lt 2 title 'tree, batch 100', \
     ''   skip 1 using 1:4 with lines lt 3 title 'ring, batch 1000', \
     ''   skip 1 using 1:5 with lines lt 5 title 'tree, batch 1000'

unset key
set ylabel ''
set title '100 Gbit/s' font fs(9)
plot x with lines lt 4, \
     data skip 1 using 1:6 with lines lt 1, \
     ''   skip 1 using 1:7 with lines lt 2, \
     ''   skip 1 using 1:8 with lines lt 3, \
     ''   skip 1 using 1:9 with lines lt 5
unset multiplot
