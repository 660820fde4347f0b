# 09-curves.gp - chapter 9's training run epoch by epoch: the training
# loss and the validation cost, and the validation accuracy.
# Data: 09-fashion/curves.tsv (epoch, loss, val_cost, val_accuracy,
# seconds).
W = 6.5; H = 3.0
load style
data = dir.'/09-fashion/curves.tsv'

set multiplot layout 1, 2 spacing 0.12, 0
set xlabel 'epoch'
set tmargin 3
set key at screen 0.5, screen 0.99 center top horizontal box opaque

set ylabel 'mean cross-entropy (nats)'
set yrange [0:*]
plot data skip 1 using 1:2 with linespoints lt 1 title 'training (during the epoch)', \
     ''   skip 1 using 1:3 with linespoints lt 2 title 'validation (after it)'

unset key
set ylabel 'validation accuracy'
set yrange [*:*]
plot data skip 1 using 1:4 with linespoints lt 2
unset multiplot
