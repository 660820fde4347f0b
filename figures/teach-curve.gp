# teach-curve.gp - a network that learns: cost and accuracy after each
# epoch (epoch 0: before training), training and test.
# Data: teach/epochs.tsv (epoch, cost_train, accuracy_train, cost_test,
# accuracy_test).
W = 6.5; H = 3.0
load style
data = dir.'/teach/epochs.tsv'
stats data skip 1 using 1 nooutput
E = STATS_max

set multiplot layout 1, 2 spacing 0.1, 0
set xlabel 'epoch'
set xrange [0:E]
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
plot data skip 1 using 1:3 with linespoints lt 1, \
     ''   skip 1 using 1:5 with linespoints lt 2
unset multiplot
