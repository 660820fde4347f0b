# mistake: walked from the front, i = 0 .. n-2 with j in [i, n)
# hint: from the front
/EXERCISE BEGIN permutation/,/EXERCISE END permutation/{
s|for (int i = n - 1; i >= 1; i--) {|for (int i = 0; i < n - 1; i++) {|
s|int j = (int)rng_interval(r, (uint32_t)i);|int j = i + (int)rng_interval(r, (uint32_t)(n - 1 - i));|
}
