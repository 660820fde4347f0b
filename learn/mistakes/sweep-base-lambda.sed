# mistake: the cell's lambda never put into the configuration
# hint: base lambda
/EXERCISE BEGIN sweep/,/EXERCISE END sweep/{
/cfg\.lambda = cell->lambda;/d
}
