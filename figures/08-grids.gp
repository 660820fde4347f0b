# 08-grids.gp - chapter 07's learning rate x lambda grid four times, two
# by two: the tutorial's SGD (chapter 07), the SGD with repairs (1)-(4),
# Adam as in row 7 and the final recipe, each cell the test accuracy of one
# network in per cent.  A cell whose training diverged is framed in red.
# The rate means a different thing in each panel, and its axis says so:
# the step on the summed gradient (tutorial), on the mean gradient
# (repaired SGD), Adam's learning rate, and the final recipe's starting
# rate.
# Data: 07-sweep/sweep.tsv (eta, lambda, accuracy, diverged, ...),
# 08-beyond/grid_sgd.tsv, grid_adam.tsv and grid_final.tsv (eta, lambda,
# accuracy, epochs, diverged, sklearn).
W = 6.5; H = 6.2
load style

unset grid
set border 15 lw 0.8
set size ratio -1
set xrange [-5.5:0.5]
set yrange [0.5:-5.5]                  # smallest rate at the top
tl = "('10^{-5}' -5, '10^{-4}' -4, '10^{-3}' -3, '10^{-2}' -2, '10^{-1}' -1, '1' 0)"
set xtics @tl scale 0 font f7
set ytics @tl scale 0 font f7
set palette defined (0 '#ffffff', 0.3 '#cfdaea', 0.65 '#5b7fb5', 1 '#0b1f44')
set cbrange [0:100]
unset colorbox
dark(a) = a >= 0.6 ? 1 : 0
val(a) = sprintf('%.0f', 100 * a)

set multiplot layout 2, 2 spacing 0.15, 0.09 margins 0.1, 0.85, 0.07, 0.95
do for [i = 1:4] {
    file = i == 1 ? dir.'/07-sweep/sweep.tsv' : \
           i == 2 ? dir.'/08-beyond/grid_sgd.tsv' : \
           i == 3 ? dir.'/08-beyond/grid_adam.tsv' : dir.'/08-beyond/grid_final.tsv'
    dv = i == 1 ? 4 : 5                 # the diverged column
    set title (i == 1 ? 'tutorial SGD (chapter 7)' : \
               i == 2 ? 'SGD with rows 1-4' : \
               i == 3 ? 'Adam, as row 7' : 'final recipe') font f8
    set xlabel "λ" font f8 offset 0, 0.4
    set ylabel (i == 1 ? "η (summed gradient)" : \
                i == 2 ? "η (mean gradient)" : \
                i == 3 ? "Adam: lr" : "lr at the start") \
        font f8 offset 1, 0
    if (i == 4) {
        set colorbox user origin screen 0.9, screen 0.2 size screen 0.025, screen 0.6
        set cbtics 20 font f7
        set cblabel 'test accuracy (%)' font f8
    }
    plot file skip 1 using (log10($2)):(log10($1)):(column(dv) > 0 ? 0 : 100 * $3) with image pixels, \
         ''   skip 1 using (log10($2)):(log10($1)):((column(dv) > 0 || dark($3)) ? '' : val($3)) \
              with labels font fs(7.5) tc rgb '#000000', \
         ''   skip 1 using (log10($2)):(log10($1)):((column(dv) > 0 || !dark($3)) ? '' : val($3)) \
              with labels font fs(7.5) tc rgb '#ffffff', \
         ''   skip 1 using (log10($2)):(log10($1)):(column(dv) > 0 ? 0.42 : NaN):(column(dv) > 0 ? 0.42 : NaN) \
              with boxxyerror fs empty lc rgb '#b00000' lw 1.5 dt 1
}
unset multiplot
