# mistake: the biases penalised as well
# hint: biases were penalised
/EXERCISE BEGIN l2grad/,/EXERCISE END l2grad/{
/grad->Wo.data\[i\] += lambda \* net->Wo.data\[i\];/a\
    for (int i = 0; i < net->H; i++)\
        grad->bh[i] += lambda * net->bh[i];\
    for (int i = 0; i < net->K; i++)\
        grad->bo[i] += lambda * net->bo[i];
}
