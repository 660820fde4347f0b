# figure-style.gp - the look every figure shares; loaded by figures/*.gp.
#
# The Makefile calls each figure script as
#   gnuplot -e "term='svg'; out='build/figures/x.svg'; dir='build/out'; \
#               style='book/figure-style.gp'" figures/x.gp
# and the script sets W and H (its size in inches) before `load style`.
# SVG goes into the HTML book, PDF (cairo) into the LaTeX one.
#
# Colours are chosen so that the figures still read in grey: the lines
# differ in lightness and in dash pattern, and the colour maps run from
# dark to light.

if (term eq 'svg') {
    set terminal svg size W*96, H*96 font 'DejaVu Sans,12' \
        background rgb 'white' linewidth 1.2
} else {
    set terminal pdfcairo size W, H font 'DejaVu Sans,9' fontscale 1.0 \
        linewidth 1.5
}
set output out
set datafile separator tab
set encoding utf8
set border 3 lw 0.8
set tics nomirror out scale 0.6
set grid lw 0.5 lc rgb '#dddddd'
set key noautotitle

# Dark blue solid, orange dashed, light green dotted, black dash-dot,
# red solid.
set linetype 1 lc rgb '#1f3b73' lw 2 dt 1 pt 7 ps 0.6
set linetype 2 lc rgb '#e08a1e' lw 2 dt 2 pt 5 ps 0.6
set linetype 3 lc rgb '#6fbf73' lw 2 dt 3 pt 9 ps 0.7
set linetype 4 lc rgb '#000000' lw 1.5 dt 4 pt 13 ps 0.7
set linetype 5 lc rgb '#b2182b' lw 2 dt 1 pt 11 ps 0.7

# fs(n): a font-size string for n points in the PDF, scaled to match in
# the SVG (whose sizes are pixels at 96 per inch, the PDF's points at 72).
fs(n) = sprintf(',%g', term eq 'svg' ? n * 4.0 / 3.0 : n)
# `set key ... font` takes a string variable but not a function call, so
# two sizes are ready made:  set key font f8
f8 = fs(8)
f7 = fs(7)
