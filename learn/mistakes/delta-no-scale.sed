# mistake: the scale left out: P - Y, whatever s is
# hint: scale
/EXERCISE BEGIN delta/,/EXERCISE END delta/s|scale \* (P->data\[(long)i \* K + k\] - y)|(P->data[(long)i * K + k] - y)|
