# mistake: 1.0 / 1.0 + exp(-z): the denominator without parentheses
# hint: parentheses
/EXERCISE BEGIN sigmoid/,/EXERCISE END sigmoid/s|1\.0 / (1\.0 + exp(-z\[i\]))|1.0 / 1.0 + exp(-z[i])|
