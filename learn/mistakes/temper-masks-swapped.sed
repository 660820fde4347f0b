# mistake: the two masks swapped
# hint: masks are swapped
/EXERCISE BEGIN temper/,/EXERCISE END temper/{
s|0x9d2c5680u|MASK_A|
s|0xefc60000u|0x9d2c5680u|
s|MASK_A|0xefc60000u|
}
