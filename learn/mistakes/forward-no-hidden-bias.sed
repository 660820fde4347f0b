# mistake: the hidden bias bh never added
# hint: hidden bias bh
/EXERCISE BEGIN forward/,/EXERCISE END forward/{
/mat_add_row(&w->A, net->bh);/d
}
