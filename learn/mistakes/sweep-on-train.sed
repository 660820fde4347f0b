# mistake: each network scored on its training set (its predictions then
# overrun the test-sized buffer: reported as a crash, not named)
# hint: -
/EXERCISE BEGIN sweep/,/EXERCISE END sweep/s|train_evaluate(&d->net, test,|train_evaluate(\&d->net, train,|
