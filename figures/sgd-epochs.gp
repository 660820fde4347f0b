# sgd-epochs.gp - cost and accuracy after each epoch of chapter 06's
# minibatch SGD, on the training and the test set.
# Data: 06-sgd/epochs.tsv (epoch, cost_train, accuracy_train, cost_test,
# accuracy_test).
W = 6.5; H = 3.0
load style
data = dir.'/06-sgd/epochs.tsv'

set multiplot layout 1, 2 spacing 0.1, 0
set xlabel 'epoch'
set xrange [0.5:10.5]
set xtics 1
# One key for both panels, centred above them; equal top margins keep the
# two plots the same height.
set tmargin 3
set key at screen 0.5, screen 0.99 center top horizontal box opaque

set ylabel 'mean cross-entropy (nats)'
set yrange [0:*]
plot data skip 1 using 1:2 with linespoints lt 1 title 'training', \
     ''   skip 1 using 1:4 with linespoints lt 2 title 'test'

set ylabel 'accuracy'
unset key
set yrange [0:1]
set ytics 0.2
set arrow 1 from 0.5, 0.1 to 10.5, 0.1 nohead dt 3 lw 1.5 lc rgb '#888888'
set label 1 'chance, 0.1' at 10.4, 0.1 right offset 0, 0.7 font fs(8) \
    tc rgb '#555555'
plot data skip 1 using 1:3 with linespoints lt 1 title 'training', \
     ''   skip 1 using 1:5 with linespoints lt 2 title 'test'
unset multiplot
