# mistake: an integer division, right / n
# hint: rounds down
/EXERCISE BEGIN accuracy/,/EXERCISE END accuracy/s|return (double)right / n;|return right / n;|
