# mistake: only the weight matrices updated, the biases left out
# hint: biases did not move
/EXERCISE BEGIN sgd/,/EXERCISE END sgd/{
/EXERCISE/!d
/EXERCISE BEGIN/a\
    for (long i = 0; i < (long)net->D * net->H; i++)\
        net->Wh.data[i] -= eta * grad->Wh.data[i];\
    for (long i = 0; i < (long)net->H * net->K; i++)\
        net->Wo.data[i] -= eta * grad->Wo.data[i];
}
