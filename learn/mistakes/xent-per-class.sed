# mistake: divided by the number of classes instead of the images
# hint: columns (classes)
/EXERCISE BEGIN xent/,/EXERCISE END xent/s|sum / Zo->rows|sum / Zo->cols|
