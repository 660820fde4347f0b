# mistake: exp(z) / (1 + exp(z)), which is inf / inf for large z
# hint: overflow
/EXERCISE BEGIN sigmoid/,/EXERCISE END sigmoid/s|1\.0 / (1\.0 + exp(-z\[i\]))|exp(z[i]) / (1.0 + exp(z[i]))|
