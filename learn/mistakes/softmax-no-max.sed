# mistake: the row maximum not subtracted: exp(1000) overflows
# hint: subtract the row maximum
/EXERCISE BEGIN softmax/,/EXERCISE END softmax/{
s|z\[k\] = exp(z\[k\] - max);|z[k] = exp(z[k]);|
s|lse\[i\] = max + log(sum);|lse[i] = log(sum);|
}
