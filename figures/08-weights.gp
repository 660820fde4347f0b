# 08-weights.gp - the hidden units' input weights of chapter 08's final
# network (on the run's seed), drawn like chapter 06's (hidden-weights.gp).
src = '08-beyond'
load 'figures/hidden-weights.gp'
