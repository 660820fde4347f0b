/* init.h - the network's starting weights.
 *
 * Two ways to draw them, both from an explicit stream r:
 *   randn   the tutorial's: every weight from N(0, 1), every bias 0.01
 *           (net_init_tutorial in net.h);
 *   glorot  Glorot and Bengio (2010), "Understanding the difficulty of
 *           training deep feedforward neural networks": every weight and
 *           bias of a layer with fan_in inputs and fan_out outputs from
 *           U(-b, b), b = sqrt(c / (fan_in + fan_out)), with c = 6 as in
 *           the paper, or c = 2 for the sigmoid, whose slope at 0 is 1/4
 *           (scikit-learn's MLPClassifier makes the same choice).
 * For the 64-50-10 sigmoid network b is 0.133 for the hidden layer and
 * 0.183 for the output layer (book, chapter "Closing the gap", section
 * "Initialisation").
 *
 * Draw order for glorot, the order scikit-learn draws in: Wh (D, H) row by
 * row, bh (H), Wo (H, K), bo (K), each value numpy's uniform(-b, b), that
 * is -b + 2b u with u = rng_double.  So a stream seeded with s gives the
 * weights MLPClassifier(random_state=s) starts from.
 */
#ifndef NN_INIT_H
#define NN_INIT_H

#include "net.h"
#include "rng.h"

typedef enum { INIT_RANDN, INIT_GLOROT } Init;

/* The scheme's name ("randn", "glorot"). */
const char *init_name(Init s);

/* Parses a name as init_name spells it.  Returns 0, or -1 if unknown. */
int init_parse(Init *s, const char *name);

/* The Glorot bound b for a layer of fan_in inputs and fan_out outputs
 * feeding activation f (see above). */
double init_glorot_bound(int fan_in, int fan_out, Activation f);

/* Draws every parameter of net from r by scheme s (see above); glorot
 * uses net->act for the hidden layer and c = 6 for the output layer only
 * when the hidden activation is not the sigmoid, as scikit-learn does
 * (it decides once, from the hidden activation). */
void init_net(Net *net, Init s, Rng *r);

/* init_net with glorot's bounds multiplied by gain (randn ignores it):
 * the same draws, uniform on a wider or narrower interval. */
void init_net_gain(Net *net, Init s, double gain, Rng *r);

#endif
