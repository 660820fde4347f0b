# mistake: the last tempering step forgotten
# hint: y ^= y >> 18, is missing
/EXERCISE BEGIN temper/,/EXERCISE END temper/{
/y ^= y >> 18;/d
}
