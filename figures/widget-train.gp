# widget-train.gp - a still picture of the HTML book's train-in-the-page
# widget after its default run: cost and accuracy after each epoch, on the
# training and the test set, as the page draws them.
# Data: 06-sgd/epochs.tsv (epoch, cost_train, accuracy_train, cost_test,
# accuracy_test): 06-sgd's run, which the page's run repeats bit for bit.
W = 6.5; H = 2.6
load style
data = dir.'/06-sgd/epochs.tsv'

set multiplot layout 1, 2 spacing 0.1, 0
set xlabel 'epoch'
set xrange [0.5:10.5]
set xtics 1
set tmargin 3
set key at screen 0.5, screen 0.99 center top horizontal box opaque

set ylabel 'cost (cross-entropy)'
set yrange [0:*]
plot data skip 1 using 1:2 with linespoints lt 1 title 'training set', \
     ''   skip 1 using 1:4 with linespoints lt 2 title 'test set'

set ylabel 'accuracy'
unset key
set yrange [0:1]
set ytics 0.2
plot data skip 1 using 1:3 with linespoints lt 1, \
     ''   skip 1 using 1:5 with linespoints lt 2
unset multiplot
