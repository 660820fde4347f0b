# mistake: every word twisted from the old state, as if it were a copy
# hint: from 227 on
/EXERCISE BEGIN twist/,/EXERCISE END twist/{
/uint32_t \*k = r->key;/a\
    uint32_t old[RNG_N];\
    memcpy(old, k, sizeof old);
s|k\[i + M - N\]|old[i + M - N]|
s|k\[M - 1\]);|old[M - 1]);|
}
