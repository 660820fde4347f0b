# teach-gd.gp - gradient descent on C(w) = w^2/2 with three step sizes.
# Data: teach/gd.tsv (eta, step, w, cost), one block per step size.
W = 6.5; H = 2.5
load style
data = dir.'/teach/gd.tsv'

set multiplot layout 1, 3 spacing 0.06, 0 margins 0.1, 0.99, 0.22, 0.84
set xrange [-8:8]
set yrange [0:26]
set xtics 4
set ytics 5
set xlabel "w" offset 0, 0.3
set samples 200
titles = "'too small: eta = 0.3' 'about right: eta = 0.9' 'too large: eta = 2.1'"
do for [b = 0:2] {
    set title word(titles, b + 1) font fs(9)
    if (b == 0) { set ylabel 'C(w) = w^2/2' } else { unset ylabel; set format y '' }
    plot x**2 / 2 with lines lt 4 lw 1 dt 1 lc rgb '#999999', \
         data index b using 3:4 with linespoints lt 5 pt 7 ps 0.5, \
         data index b using 3:($2 == 0 ? $4 : NaN) with points pt 6 ps 1.6 lc rgb '#000000'
}
unset multiplot
