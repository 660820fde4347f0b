# mistake: batch s written at batches + s instead of batches + s * B
# hint: batch s starts at
/EXERCISE BEGIN minibatch/,/EXERCISE END minibatch/s|batches + (long)s \* B|batches + s|
