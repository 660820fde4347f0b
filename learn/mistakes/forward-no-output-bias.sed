# mistake: the output bias bo never added
# hint: output bias bo
/EXERCISE BEGIN forward/,/EXERCISE END forward/{
/mat_add_row(&w->Zo, net->bo);/d
}
