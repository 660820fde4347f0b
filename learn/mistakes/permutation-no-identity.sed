# mistake: out not filled with 0..n-1 before the swaps
# hint: was out filled
/EXERCISE BEGIN permutation/,/EXERCISE END permutation/{
/for (int i = 0; i < n; i++)$/d
/out\[i\] = i;/d
}
