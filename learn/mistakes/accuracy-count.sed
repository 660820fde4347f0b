# mistake: returned the count of right answers, not the fraction
# hint: divide by n
/EXERCISE BEGIN accuracy/,/EXERCISE END accuracy/s|return (double)right / n;|return (double)right;|
