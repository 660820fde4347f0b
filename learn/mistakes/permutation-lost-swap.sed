# mistake: a swap without a temporary, so one value is lost
# hint: appears twice
/EXERCISE BEGIN permutation/,/EXERCISE END permutation/s|out\[j\] = t;|out[j] = out[i];|
