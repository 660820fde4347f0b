# 08-warps.gp - what the final recipe of chapter 08 trains on: four
# training images (left column) and five random warps of each.
# Data: 08-beyond/warps.tsv (image, row, col, value), 64 rows per image,
# row-major, after one header line; image 6 i + c is copy c of image i,
# copy 0 the original.  Pixel values are 0..1 (the pixels / 16).
W = 6.5; H = 4.4
load style
data = dir.'/08-beyond/warps.tsv'

# Ink dark on white paper, as the digits were written.
set palette defined (0 '#ffffff', 1 '#111111')
set cbrange [0:1]
unset colorbox
unset tics; unset grid
set border 15 lw 0.3 lc rgb '#888888'
set size ratio -1
set xrange [-0.5:7.5]
set yrange [7.5:-0.5]

set multiplot layout 4, 6 margins 0.01, 0.99, 0.01, 0.99 spacing 0.02, 0.02
do for [u = 0:23] {
    plot data skip 1 every ::(u*64)::(u*64+63) using 3:2:4 with image pixels
}
unset multiplot
