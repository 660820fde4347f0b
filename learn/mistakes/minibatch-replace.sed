# mistake: rows drawn with replacement (rng_choice)
# hint: with replacement
/EXERCISE BEGIN minibatch/,/EXERCISE END minibatch/s|rng_choice_noreplace(r, batches + (long)s \* B, B, n, perm);|rng_choice(r, batches + (long)s * B, B, n);|
