# mistake: the last word, which wraps to k[0], never renewed
# hint: only the last word
/EXERCISE BEGIN twist/,/EXERCISE END twist/{
/k\[N - 1\] = twist_word(k\[N - 1\], k\[0\], k\[M - 1\]);/d
}
