# mistake: exp(z) for exp(-z): the sigmoid of -z
# hint: minus sign
/EXERCISE BEGIN sigmoid/,/EXERCISE END sigmoid/s|exp(-z\[i\])|exp(z[i])|
