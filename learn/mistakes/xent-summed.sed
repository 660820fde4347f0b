# mistake: the sum over the rows, not the mean
# hint: not the mean
/EXERCISE BEGIN xent/,/EXERCISE END xent/s|return sum / Zo->rows;|return sum;|
