# mistake: z_y - lse instead of lse - z_y
# hint: wrong sign
/EXERCISE BEGIN xent/,/EXERCISE END xent/s|sum += lse\[i\] - Zo->data\[(long)i \* Zo->cols + labels\[i\]\];|sum += Zo->data[(long)i * Zo->cols + labels[i]] - lse[i];|
