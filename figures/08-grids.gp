# 08-grids.gp - chapter 07's eta x lambda grid four times, side by side:
# the tutorial's SGD (chapter 07), the SGD with repairs (1)-(4), Adam as in
# row 7 and the final recipe, each cell the test accuracy of one network.
# A cell whose training diverged is framed in red.
# Data: 07-sweep/sweep.tsv (eta, lambda, accuracy, diverged, ...),
# 08-beyond/grid_sgd.tsv, grid_adam.tsv and grid_final.tsv (eta, lambda,
# accuracy, epochs, diverged, sklearn).
W = 7.0; H = 2.4
load style

unset grid
set border 15 lw 0.8
set size ratio -1
set xrange [-5.5:0.5]
set yrange [-5.5:0.5]
tl = "('10^{-5}' -5, '' -4, '10^{-3}' -3, '' -2, '10^{-1}' -1, '1' 0)"
blank = "('' -5, '' -4, '' -3, '' -2, '' -1, '' 0)"
set xtics @tl scale 0 font f7
set ytics @tl scale 0 font f7
set palette defined (0 '#ffffff', 0.3 '#cfdaea', 0.65 '#5b7fb5', 1 '#0b1f44')
set cbrange [0:1]
unset colorbox
x = '(log10($2))'
y = '(log10($1))'
dark(a) = a >= 0.6 ? 1 : 0
val(a) = sprintf('%.0f', 100 * a)   # per cent: four panels leave little room

set multiplot layout 1, 4 spacing 0.03, 0 margins 0.06, 0.99, 0.16, 0.88
do for [i = 1:4] {
    file = i == 1 ? dir.'/07-sweep/sweep.tsv' : \
           i == 2 ? dir.'/08-beyond/grid_sgd.tsv' : \
           i == 3 ? dir.'/08-beyond/grid_adam.tsv' : dir.'/08-beyond/grid_final.tsv'
    dv = i == 1 ? 4 : 5                 # the diverged column
    set title (i == 1 ? 'tutorial SGD (chapter 7)' : \
               i == 2 ? 'SGD, repairs (1)-(4)' : \
               i == 3 ? 'Adam, as row 7' : 'final recipe') \
        font f8
    set xlabel "λ" font f8
    if (i == 1) { set ylabel "η" font f8 } else { unset ylabel; set ytics @blank }
    plot file skip 1 using @x:@y:(column(dv) > 0 ? 0 : $3) with image pixels, \
         ''   skip 1 using @x:@y:((column(dv) > 0 || dark($3)) ? '' : val($3)) \
              with labels font fs(6) tc rgb '#000000', \
         ''   skip 1 using @x:@y:((column(dv) > 0 || !dark($3)) ? '' : val($3)) \
              with labels font fs(6) tc rgb '#ffffff', \
         ''   skip 1 using @x:@y:(column(dv) > 0 ? 0.42 : NaN):(column(dv) > 0 ? 0.42 : NaN) \
              with boxxyerror fs empty lc rgb '#b00000' lw 1.5 dt 1
}
unset multiplot
