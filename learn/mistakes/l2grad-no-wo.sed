# mistake: only Wh penalised
# hint: only Wh
/EXERCISE BEGIN l2grad/,/EXERCISE END l2grad/{
/grad->Wo.data\[i\] += lambda \* net->Wo.data\[i\];/d
/for (long i = 0; i < (long)net->H \* net->K; i++)/d
}
