# mistake: p -= g, the learning rate left out
# hint: learning rate eta is missing
/EXERCISE BEGIN sgd/,/EXERCISE END sgd/s|-= eta \* grad->params\[i\];|-= grad->params[i];|
