# 08-schedule.gp - the final recipe's learning rate over its epochs, as
# its trainer computes it (train_rate): half a cosine from the starting
# rate down to 0.
# Data: teach/schedule.tsv (tools/teach): epoch, the rate at the epoch's
# first step and at its last.
W = 6.5; H = 2.5
load style
data = dir.'/teach/schedule.tsv'
stats data using 1:2 nooutput
E = STATS_max_x
eta0 = STATS_max_y
if (eta0 <= 0 || E <= 0) { print "08-schedule.gp: no rates in ".data; exit status 1 }

set xlabel 'epoch'
set ylabel "Adam's learning rate"
set xrange [0:E]
set yrange [0:eta0 * 1.1]
set label 1 sprintf('%g in epoch 1', eta0) at E * 0.02, eta0 * 1.04 left font f8
set label 2 'half of it at mid-run' at E / 2, eta0 / 2 offset 1, 0.6 left font f8
set arrow 1 from E / 2, 0 to E / 2, eta0 / 2 nohead dt 3 lc rgb '#888888'
plot data using 1:2 with lines lt 1 notitle
