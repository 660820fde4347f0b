# confusion.gp - which digits the best network of chapter 07's sweep
# confuses: row = true digit, column = predicted digit, the count of test
# images written in each cell.  Data: 07-sweep/confusion.tsv (true,
# predicted, count), 100 rows.
W = 5.2; H = 4.6
load style
data = dir.'/07-sweep/confusion.tsv'

stats data skip 1 using 3 nooutput
top = STATS_max

unset grid
set border 15 lw 0.8
set size ratio -1
set xrange [-0.5:9.5]
set yrange [9.5:-0.5]            # true digit 0 at the top
set xtics 1 scale 0
set ytics 1 scale 0
set x2tics 1 scale 0 format ''
set xlabel 'predicted digit'
set ylabel 'true digit'
set palette defined (0 '#ffffff', 0.3 '#cfdaea', 0.65 '#5b7fb5', 1 '#0b1f44')
set cbrange [0:top]
set cblabel 'test images' offset 1.5, 0

plot data skip 1 using 2:1:3 with image pixels, \
     ''   skip 1 using 2:1:(($3 == 0 || $3 >= 0.6*top) ? '' : sprintf('%d', $3)) \
          with labels font fs(7.5) tc rgb '#000000', \
     ''   skip 1 using 2:1:($3 < 0.6*top ? '' : sprintf('%d', $3)) \
          with labels font fs(7.5) tc rgb '#ffffff'
