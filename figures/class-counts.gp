# class-counts.gp - how many images of each digit went to each set (ch. 02).
# Data: 02-split/label_counts.tsv (class, train, test).
W = 6.5; H = 2.6
load style
data = dir.'/02-split/label_counts.tsv'

set style data histograms
set style histogram clustered gap 1
set style fill solid 1.0 border lt -1
set boxwidth 0.9
set xlabel 'digit (class)'
set ylabel 'images'
set yrange [0:*]
set grid noxtics ytics
set key outside top center horizontal box opaque
plot data skip 1 using 2:xtic(1) lt 1 lw 1 lc rgb '#1f3b73' title 'training set', \
     ''   skip 1 using 3 lt 1 lw 1 lc rgb '#f2c57c' title 'test set'
