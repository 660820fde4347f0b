# 09-samples.gp - the first training image of each Fashion-MNIST class,
# with the class name.  Data: 09-fashion/samples.tsv (image, row, col,
# value, label, name): 784 rows per image, row-major, after one header.
W = 6.5; H = 1.7
load style
data = dir.'/09-fashion/samples.tsv'
array names[10] = ['T-shirt/top', 'Trouser', 'Pullover', 'Dress', 'Coat', \
                   'Sandal', 'Shirt', 'Sneaker', 'Bag', 'Ankle boot']
array label[10]
do for [p = 0:9] {
    stats data skip 1 every ::(p*784)::(p*784) using 5 nooutput
    label[p+1] = int(STATS_min)
}

set palette gray negative          # 0 white, 1 black
set cbrange [0:1]
unset colorbox
set border 15 lw 0.5 lc rgb '#888888'
unset tics; unset grid
set size ratio -1
set xrange [-0.5:27.5]
set yrange [27.5:-0.5]             # row 0 at the top

set multiplot layout 1, 10 margins 0.01, 0.99, 0.02, 0.80 spacing 0.015, 0
do for [p = 0:9] {
    set title names[label[p+1] + 1] font fs(7)
    plot data skip 1 every ::(p*784)::(p*784+783) using 3:2:4 \
         with image
}
unset multiplot
