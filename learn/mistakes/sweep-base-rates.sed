# mistake: the cell's eta and lambda never put into the configuration
# hint: base configuration's eta and lambda
/EXERCISE BEGIN sweep/,/EXERCISE END sweep/{
/cfg\.eta = cell->eta;/d
/cfg\.lambda = cell->lambda;/d
}
