# mistake: j drawn from [0, i) instead of [0, i]: an off-by-one
# hint: j never equals i
/EXERCISE BEGIN permutation/,/EXERCISE END permutation/s|rng_interval(r, (uint32_t)i)|rng_interval(r, (uint32_t)(i - 1))|
