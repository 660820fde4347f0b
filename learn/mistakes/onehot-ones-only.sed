# mistake: only the 1s written; the other entries keep what Y held
# hint: still hold what Y held before
/EXERCISE BEGIN onehot/,/EXERCISE END onehot/s|Y->data\[(long)i \* Y->cols + k\] = labels\[i\] == k ? 1.0 : 0.0;|if (labels[i] == k) Y->data[(long)i * Y->cols + k] = 1.0;|
