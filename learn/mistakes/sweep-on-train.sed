# mistake: each network scored on its training set
# hint: accuracies on the training set
/EXERCISE BEGIN sweep/,/EXERCISE END sweep/s|train_evaluate(&d->net, test,|train_evaluate(\&d->net, train,|
