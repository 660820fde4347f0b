# mistake: the first step shifts left
# hint: shifts left
/EXERCISE BEGIN temper/,/EXERCISE END temper/s|y ^= y >> 11;|y ^= y << 11;|
