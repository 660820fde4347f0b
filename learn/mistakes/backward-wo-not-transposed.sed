# mistake: dZo Wo instead of dZo Wo^T
# hint: not transposed
/EXERCISE BEGIN backward/,/EXERCISE END backward/s|mat_matmul(&w->dZh, &w->dZo, false, &net->Wo, true, false);|mat_matmul(\&w->dZh, \&w->dZo, false, \&net->Wo, false, false);|
