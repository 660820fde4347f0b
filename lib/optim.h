/* optim.h - parameter updates.
 *
 * An optimiser walks the network's parameters and their gradient as two
 * flat arrays of n_params doubles (net.h keeps both contiguous).
 */
#ifndef NN_OPTIM_H
#define NN_OPTIM_H

#include "net.h"

/* Plain gradient descent, the tutorial's update: p -= eta * g for every
 * parameter p and its gradient g. */
void optim_sgd(Net *net, const Net *grad, double eta);

#endif
