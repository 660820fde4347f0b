# sigmoid.gp - the sigmoid and its derivative (chapter 03).
# Data: 03-forward/sigmoid.tsv (z, sigmoid, derivative).
W = 6.5; H = 2.8
load style
data = dir.'/03-forward/sigmoid.tsv'

# Where the sigmoid is within 0.01 of 0 or 1: |z| > log(99).
zs = log(99.0)
set object 1 rect from -8, graph 0 to -zs, graph 1 fc rgb '#eeeeee' \
    fs solid noborder behind
set object 2 rect from zs, graph 0 to 8, graph 1 fc rgb '#eeeeee' \
    fs solid noborder behind
set label 1 "flat: a < 0.01" at -8+0.2, graph 0.93 left font fs(8)
set label 2 "flat: a > 0.99" at 8-0.2, graph 0.93 right font fs(8)

set xlabel 'z (weighted input of a hidden unit)'
set ylabel 'value'
set xrange [-8:8]
set yrange [0:1.05]
set xtics 2
set ytics 0.25
set key at graph 0.97, graph 0.66 right top box opaque samplen 3 spacing 1.1
plot data skip 1 using 1:2 with lines lt 1 title "sigmoid  a = 1/(1+e^{-z})", \
     data skip 1 using 1:3 with lines lt 2 title "derivative  a(1 - a)"
