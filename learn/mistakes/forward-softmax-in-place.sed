# mistake: the softmax run on Zo in place, P copied from it afterwards
# hint: softmax ran on Zo in place
/EXERCISE BEGIN forward/,/EXERCISE END forward/{
/memcpy(w->P.data, w->Zo.data/{
h
d
}
s|act_softmax(&w->P, w->lse);|act_softmax(\&w->Zo, w->lse);|
/act_softmax(&w->Zo, w->lse);/G
}
