/* optim.c - parameter updates (see optim.h). */
#include "optim.h"

void optim_sgd(Net *net, const Net *grad, double eta)
{
    for (size_t i = 0; i < net->n_params; i++)
        net->params[i] -= eta * grad->params[i];
}
