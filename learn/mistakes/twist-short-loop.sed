# mistake: the first loop stops one word early (i < N - M - 1)
# hint: from 226 on
/EXERCISE BEGIN twist/,/EXERCISE END twist/s|for (int i = 0; i < N - M; i++)|for (int i = 0; i < N - M - 1; i++)|
