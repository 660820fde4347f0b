# mistake: the hidden layer's activation forgotten (A = Zh)
# hint: no activation
/EXERCISE BEGIN forward/,/EXERCISE END forward/{
/act_forward(&w->A, net->act);/d
}
