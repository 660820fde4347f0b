# sigmoid.gp - the sigmoid, its derivative and the Heaviside step
# (chapter 03).  Data: 03-forward/sigmoid.tsv (z, sigmoid, derivative);
# the step is drawn from the same z column.
W = 6.5; H = 3.0
load style
data = dir.'/03-forward/sigmoid.tsv'

# Where the sigmoid is within 0.01 of 0 or 1: |z| > log(99).
zs = log(99.0)
set object 1 rect from -8, graph 0 to -zs, graph 1 fc rgb '#eeeeee' \
    fs solid noborder behind
set object 2 rect from zs, graph 0 to 8, graph 1 fc rgb '#eeeeee' \
    fs solid noborder behind
set label 1 "flat: a < 0.01" at -8+0.2, graph 0.5 left font fs(8)
set label 2 "flat: a > 0.99" at 8-0.2, graph 0.5 right font fs(8)

set xlabel 'z (weighted input of a unit)'
set ylabel 'value'
set xrange [-8:8]
set yrange [0:1.05]
set xtics 2
set ytics 0.25
# The key above the plot, clear of the curves.
set tmargin 3.2
set key at screen 0.5, screen 0.995 center top horizontal samplen 2.5 \
    spacing 1.0 width 1 maxrows 1 font f8
plot data skip 1 using 1:2 with lines lt 1 title "sigmoid  a = 1/(1+e^{-z})", \
     data skip 1 using 1:3 with lines lt 2 title "derivative  a(1 - a)", \
     data skip 1 using 1:($1 > 0 ? 1 : 0) with steps lt 4 lw 1 title "Heaviside step"
