# fullbatch-cost.gp - the training cost over the 1000 full-batch steps of
# chapter 05.  Data: 05-backprop/cost.tsv (step, cost): the cost before
# each step, then after the last one.
W = 6.5; H = 2.8
load style
data = dir.'/05-backprop/cost.tsv'

set xlabel 'gradient-descent step (full batch, η = 0.01, λ = 0.01)'
set ylabel 'mean cross-entropy (nats)'
set xrange [0:1000]
set yrange [0:*]
set xtics 100
# A network that guesses uniformly scores ln 10.
set arrow 1 from 0, log(10) to 1000, log(10) nohead dt 2 lw 1.5 lc rgb '#888888'
set label 1 'uniform guess, ln 10 = 2.30' at 990, log(10) right offset 0, 0.7 \
    font fs(8) tc rgb '#555555'
# One curve, named by the y axis: no key to cover it.
unset key
plot data skip 1 using 1:2 with lines lt 1 lw 1.2
