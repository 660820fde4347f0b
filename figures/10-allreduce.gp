# 10-allreduce.gp - chapter 10's alpha-beta model: the speedup of
# data-parallel training on 1..64 machines when the gradient is combined
# by a ring or a tree all-reduce, on 10 and on 100 Gbit/s, for the
# measured arithmetic of one step of 100 images and for a batch ten times
# larger; chapter 6's network on the digits (top) and chapter 9's on
# Fashion-MNIST (bottom).
# Both from one rank's run with the plain reduction, whose arithmetic is
# the one-pass gradient a ring or a tree would combine.
# Data: 10-parallel-np1-plain/model.tsv and
# 10-parallel-fashion-np1-plain/model.tsv (machines, then for each network
# ring, tree, ring with the larger batch, tree with the larger batch).
W = 6.5; H = 5.6
load style
digits = dir.'/10-parallel-np1-plain/model.tsv'
fashion = dir.'/10-parallel-fashion-np1-plain/model.tsv'

set multiplot layout 2, 2 spacing 0.1, 0.12
set xlabel 'machines'
set logscale xy 2
set xrange [1:64]
set yrange [0.25:4096] # room above the curves for the key
set xtics (1, 2, 4, 8, 16, 32, 64)
set ytics (0.25, 1, 4, 16, 64)

# Panel (data file, first column of the link): ideal, ring and tree for
# batches of 100 and of 1000.
panel(f, c) = sprintf("plot x with lines lt 4 title 'ideal', " . \
    "'%s' skip 1 using 1:%d with lines lt 1 title 'ring, batch 100', " . \
    "'' skip 1 using 1:%d with lines lt 2 title 'tree, batch 100', " . \
    "'' skip 1 using 1:%d with lines lt 3 title 'ring, batch 1000', " . \
    "'' skip 1 using 1:%d with lines lt 5 title 'tree, batch 1000'", \
    f, c, c + 1, c + 2, c + 3)

# One key, above the curves of the first panel.
set key at graph 0.02, graph 0.98 left top Left reverse samplen 2 \
    spacing 0.9 box opaque font f8
set ylabel 'speedup, 64-50-10'
set title 'digits, 10 Gbit/s' font fs(9)
eval panel(digits, 2)
unset key
set ylabel ''
set title 'digits, 100 Gbit/s' font fs(9)
eval panel(digits, 6)
set ylabel 'speedup, 784-512-10'
set title 'Fashion-MNIST, 10 Gbit/s' font fs(9)
eval panel(fashion, 2)
set ylabel ''
set title 'Fashion-MNIST, 100 Gbit/s' font fs(9)
eval panel(fashion, 6)
unset multiplot
