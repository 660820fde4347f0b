# teach-softmax.gp - the ten probabilities the network of teach-curve
# gives one test image, before and after training.
# Data: teach/softmax.tsv (class, before, after); its header names the
# image and its label.
W = 6.5; H = 2.4
load style
data = dir.'/teach/softmax.tsv'
head = system(sprintf("head -1 '%s'", data))
label = int(word(head, words(head)))

set multiplot layout 1, 2 spacing 0.08, 0 margins 0.09, 0.99, 0.24, 0.84
set style fill solid 1.0 noborder
set boxwidth 0.7
set xrange [-0.7:9.7]
set xtics 1
set yrange [0:1]
set ytics 0.25
set grid noxtics ytics
set xlabel 'digit k'
set ylabel 'probability p_k'
set title 'before training' font fs(9)
plot data skip 1 using 1:2:($1 == label ? 0x1f3b73 : 0xaaaaaa) with boxes lc rgb variable
unset ylabel
set format y ''
set title 'after training' font fs(9)
plot data skip 1 using 1:3:($1 == label ? 0x1f3b73 : 0xaaaaaa) with boxes lc rgb variable
unset multiplot
