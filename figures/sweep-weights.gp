# sweep-weights.gp - the hidden units' input weights of the best network of
# chapter 07's sweep, drawn like chapter 06's (hidden-weights.gp).
src = '07-sweep'
load 'figures/hidden-weights.gp'
