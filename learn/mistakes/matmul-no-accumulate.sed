# mistake: accumulate ignored: C is always overwritten
# hint: dropped although accumulate
/EXERCISE BEGIN matmul/,/EXERCISE END matmul/s|if (!accumulate)|if (!accumulate \|\| accumulate)|
