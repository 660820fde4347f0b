# mistake: one permutation per epoch cut into consecutive batches
# hint: one permutation cut into consecutive batches
/EXERCISE BEGIN minibatch/,/EXERCISE END minibatch/{
/EXERCISE/!d
/EXERCISE BEGIN/a\
    int B = cfg->batch_size, per_epoch = n / B;\
    for (int s = 0; s < cfg->max_epochs * per_epoch; s++) {\
        if (s % per_epoch == 0)\
            rng_permutation(r, perm, n);\
        for (int b = 0; b < B; b++)\
            batches[(long)s * B + b] = perm[(s % per_epoch) * B + b];\
    }
}
