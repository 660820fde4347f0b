# 09-misclassified.gp - the first misclassified test images of chapter 9's
# network, each titled with its true class and, below, the predicted one.
# Data: 09-fashion/misclassified.tsv (image, row, col, value, test_index,
# true, predicted, true_name, predicted_name): 784 rows per image.
W = 6.5; H = 3.6
load style
data = dir.'/09-fashion/misclassified.tsv'
array names[10] = ['T-shirt/top', 'Trouser', 'Pullover', 'Dress', 'Coat', \
                   'Sandal', 'Shirt', 'Sneaker', 'Bag', 'Ankle boot']
stats data skip 1 using 1 nooutput
n = int(STATS_max) + 1
n = n > 16 ? 16 : n
array truth[16]
array guess[16]
do for [p = 0:n-1] {
    stats data skip 1 every ::(p*784)::(p*784) using 6 nooutput
    truth[p+1] = int(STATS_min)
    stats data skip 1 every ::(p*784)::(p*784) using 7 nooutput
    guess[p+1] = int(STATS_min)
}

set palette gray negative
set cbrange [0:1]
unset colorbox
set border 15 lw 0.5 lc rgb '#888888'
unset tics; unset grid
set size ratio -1
set xrange [-0.5:27.5]
set yrange [27.5:-0.5]

set multiplot layout 2, 8 margins 0.01, 0.99, 0.01, 0.90 spacing 0.015, 0.12
do for [p = 0:n-1] {
    set title sprintf("%s\n→ %s", names[truth[p+1] + 1], \
                      names[guess[p+1] + 1]) font fs(6.5)
    plot data skip 1 every ::(p*784)::(p*784+783) using 3:2:4 \
         with image
}
unset multiplot
