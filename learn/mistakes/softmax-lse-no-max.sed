# mistake: the log-sum-exp without the maximum added back
# hint: lse lacks the row maximum
/EXERCISE BEGIN softmax/,/EXERCISE END softmax/s|lse\[i\] = max + log(sum);|lse[i] = log(sum);|
