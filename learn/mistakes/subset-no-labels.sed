# mistake: the pixels copied, the labels forgotten
# hint: labels are all 0
/EXERCISE BEGIN subset/,/EXERCISE END subset/s|out->labels\[i\] = src->labels\[idx\[i\]\];|;|
