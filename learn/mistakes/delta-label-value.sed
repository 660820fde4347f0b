# mistake: the label itself subtracted, not its one-hot row
# hint: one-hot
/EXERCISE BEGIN delta/,/EXERCISE END delta/s|double y = k == labels\[i\] ? 1\.0 : 0\.0;|double y = labels[i];|
