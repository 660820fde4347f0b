# teach-split.gp - where chapter 2's split sends each image (seed 0).
# Data: teach/split.tsv (index, label, part: 0 test / 1 train, row).
# Every image of the data file is a square, in file order, 60 to a line.
W = 6.5; H = 3.3
load style
data = dir.'/teach/split.tsv'
per = 60

stats data skip 1 using 3 nooutput
n = STATS_records
stats data skip 1 using (1 - $3) nooutput
ntest = int(STATS_sum)

unset grid
set border 0
unset xtics
set ytics out scale 0.3
set ylabel 'first image of the line' font fs(8)
set yrange [(n - 1) / per + 0.7:-0.7]
set xrange [-0.7:per - 0.3]
set ytics 0, 5
set ytics format ''
do for [r = 0:int((n - 1) / per):5] { set ytics add (sprintf('%d', r * per) r) }
set key at screen 0.5, screen 0.995 center top horizontal samplen 1 \
    font f8
set tmargin 2.2
set style fill solid 1.0 noborder
plot data skip 1 using (int($1) % per):(int($1) / per):(0.42):(0.42):($3 > 0 ? 0x1f3b73 : 0xe08a1e) \
         with boxxyerror lc rgb variable notitle, \
     NaN with boxes lc rgb '#1f3b73' title sprintf('training (%d images)', n - ntest), \
     NaN with boxes lc rgb '#e08a1e' title sprintf('test (%d images)', ntest)
