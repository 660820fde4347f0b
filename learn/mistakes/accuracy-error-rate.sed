# mistake: counted the mistakes, not the right answers
# hint: fraction of mistakes
/EXERCISE BEGIN accuracy/,/EXERCISE END accuracy/s|right += pred\[i\] == labels\[i\];|right += pred[i] != labels[i];|
