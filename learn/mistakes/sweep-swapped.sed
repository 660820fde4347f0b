# mistake: eta and lambda swapped when put into the configuration
# hint: eta and lambda swapped
/EXERCISE BEGIN sweep/,/EXERCISE END sweep/{
s|cfg\.eta = cell->eta;|cfg.eta = cell->lambda;|
s|cfg\.lambda = cell->lambda;|cfg.lambda = cell->eta;|
}
