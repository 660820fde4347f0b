# mistake: Y - P instead of P - Y
# hint: wrong sign
/EXERCISE BEGIN delta/,/EXERCISE END delta/s|scale \* (P->data\[(long)i \* K + k\] - y)|scale * (y - P->data[(long)i * K + k])|
