# 09-confusion.gp - which Fashion-MNIST classes chapter 9's network
# confuses on the 10,000 test images: row = true class, column = predicted
# class.  Data: 09-fashion/confusion.tsv (true, predicted, count,
# true_name, predicted_name), 100 rows.
W = 6.0; H = 5.2
load style
data = dir.'/09-fashion/confusion.tsv'
array names[10] = ['T-shirt/top', 'Trouser', 'Pullover', 'Dress', 'Coat', \
                   'Sandal', 'Shirt', 'Sneaker', 'Bag', 'Ankle boot']

stats data skip 1 using 3 nooutput
top = STATS_max

unset grid
set border 15 lw 0.8
set size ratio -1
set xrange [-0.5:9.5]
set yrange [9.5:-0.5]
tf = fs(8)
set xtics rotate by 45 right scale 0 font tf
set ytics scale 0 font tf
set xtics ()
set ytics ()
do for [i = 0:9] {
    set xtics add (names[i + 1] i)
    set ytics add (names[i + 1] i)
}
set xlabel 'predicted'
set ylabel 'true'
set palette defined (0 '#ffffff', 0.3 '#cfdaea', 0.65 '#5b7fb5', 1 '#0b1f44')
set cbrange [0:top]
set cblabel 'test images'

plot data skip 1 using 2:1:3 with image pixels, \
     ''   skip 1 using 2:1:(($3 == 0 || $3 >= 0.6*top) ? '' : sprintf('%d', $3)) \
          with labels font fs(7) tc rgb '#000000', \
     ''   skip 1 using 2:1:($3 < 0.6*top ? '' : sprintf('%d', $3)) \
          with labels font fs(7) tc rgb '#ffffff'
