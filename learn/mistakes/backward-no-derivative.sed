# mistake: the sigmoid's derivative forgotten in the hidden error
# hint: derivative
/EXERCISE BEGIN backward/,/EXERCISE END backward/{
/act_backward(&w->dZh, &w->A, net->act);/d
}
