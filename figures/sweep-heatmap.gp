# sweep-heatmap.gp - test accuracy of the 36 networks of chapter 07, one
# cell per (eta, lambda), the value written in the cell.  A cell whose
# training diverged is framed in red and says so; a * marks a cell whose
# value depends on round-off (eta >= 0.01: chaotic, see the chapter).
# Data: 07-sweep/sweep.tsv (eta, lambda, accuracy, diverged,
# diverged_epoch, diverged_step, chaotic), one row per network.
W = 6.0; H = 4.7
load style
data = dir.'/07-sweep/sweep.tsv'

unset grid
set border 15 lw 0.8
set size ratio -1
set xrange [-5.5:0.5]
set yrange [0.5:-5.5]            # eta = 1e-5 at the top, as printed
tl = "('10^{-5}' -5, '10^{-4}' -4, '10^{-3}' -3, '10^{-2}' -2, '10^{-1}' -1, '1' 0)"
set xtics @tl scale 0
set ytics @tl scale 0
set xlabel 'regularisation strength λ'
set ylabel 'learning rate η'
# White to dark blue: lightness alone tells the value, also in grey.
set palette defined (0 '#ffffff', 0.3 '#cfdaea', 0.65 '#5b7fb5', 1 '#0b1f44')
set cbrange [0:1]
set cblabel 'test accuracy' offset 1.5, 0
set cbtics 0.2

x = '(log10($2))'
y = '(log10($1))'
dark(a) = a >= 0.6 ? 1 : 0          # white text on the dark cells
cellval(a, ch) = sprintf('%.3f%s', a, ch > 0 ? '*' : '')
plot data skip 1 using @x:@y:($4 > 0 ? 0 : $3) with image pixels, \
     ''   skip 1 using @x:@y:((int($4) || dark($3)) ? '' : cellval($3, $7)) \
          with labels font fs(7.5) tc rgb '#000000', \
     ''   skip 1 using @x:@y:((int($4) || !dark($3)) ? '' : cellval($3, $7)) \
          with labels font fs(7.5) tc rgb '#ffffff', \
     ''   skip 1 using @x:@y:($4 > 0 ? 'diverged' : '') \
          with labels font fs(6.5) tc rgb '#b00000', \
     ''   skip 1 using @x:@y:($4 > 0 ? 0.42 : NaN):($4 > 0 ? 0.42 : NaN) \
          with boxxyerror fs empty lc rgb '#b00000' lw 1.5 dt 1
