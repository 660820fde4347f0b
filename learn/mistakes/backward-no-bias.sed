# mistake: the bias gradients never written
# hint: bias gradients keep
/EXERCISE BEGIN backward/,/EXERCISE END backward/{
/mat_col_sums(grad->b[oh], &w->dZ[oh]);/d
}
