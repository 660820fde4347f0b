# mistake: p += eta g, a step up the slope
# hint: a step up the slope
/EXERCISE BEGIN sgd/,/EXERCISE END sgd/s|net->params\[i\] -= eta \* grad->params\[i\];|net->params[i] += eta * grad->params[i];|
