# 08-schedule.gp - the final recipe's learning rate over its epochs: half
# a cosine from the starting rate down to 0 (fit_rate in chapter 8).
# Data: the recipe 08-beyond/output.txt prints under "the recipe of the
# options" (its --eta and --epochs).
W = 6.5; H = 2.5
load style
data = dir.'/08-beyond/output.txt'
eta0 = real(system(sprintf("sed -n 's/.*--eta \\([0-9.e+-]*\\).*/\\1/p' '%s' | head -1", data)))
E = real(system(sprintf("sed -n 's/.*--epochs \\([0-9]*\\).*/\\1/p' '%s' | head -1", data)))
if (eta0 <= 0 || E <= 0) { print "08-schedule.gp: no --eta or --epochs in ".data; exit status 1 }

rate(t) = eta0 * 0.5 * (1 + cos(pi * t / E))
set xlabel 'epoch'
set ylabel "Adam's learning rate"
set xrange [0:E]
set yrange [0:eta0 * 1.1]
set samples 301
set label 1 sprintf('%g at the start', eta0) at E * 0.02, eta0 * 1.04 left font f8
set label 2 'half of it at mid-run' at E / 2, eta0 / 2 offset 1, 0.6 left font f8
set arrow 1 from E / 2, 0 to E / 2, eta0 / 2 nohead dt 3 lc rgb '#888888'
plot rate(x) with lines lt 1 notitle
