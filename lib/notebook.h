/* notebook.h - replaying the notebook's cells, so the stream lines up.
 *
 * The tutorial draws every random number from one stream, seeded once.  A
 * chapter that mirrors a later cell must first make the draws of all the
 * cells before it, or it would see different numbers from the notebook's.
 * These functions replay the cells in order; each chapter replays up to the
 * cell it is about and takes over from there.  Replaying costs milliseconds.
 *
 *   cell 1  np.random.seed(seed); choice(arange(N), size=5)
 *   cell 2  train_test_split(inputs, labels, train_size=0.8, test_size=0.2)
 *   cell 3  randn(D, H), randn(H, K): the first network's weights
 *   cell 5  1000 full-batch steps: no draws
 *   cell 7  NeuralNetwork(eta=0.1, lmbd=0.1).train(): randn weights and
 *           10 epochs x (N_train / 100) minibatch draws
 *   cell 9  the sweep (sweep.h)
 */
#ifndef NN_NOTEBOOK_H
#define NN_NOTEBOOK_H

#include <stdint.h>

#include "data.h"
#include "err.h"
#include "net.h"
#include "rng.h"

#define NB_SHOWN 5   /* images shown in cell 1 */
#define NB_HIDDEN 50 /* H */

typedef enum {
    NB_CELL1 = 1, /* data loaded, stream seeded, 5 indices drawn */
    NB_CELL2 = 2, /* and split */
    NB_CELL3 = 3, /* and the first network's weights drawn */
    NB_CELL7 = 7  /* and cell 7's network drawn and trained (draws only) */
} NbCell;

typedef struct {
    Rng rng;              /* the notebook's one stream */
    Dataset all;          /* (N, D) images and labels in file order */
    int shown[NB_SHOWN];  /* cell 1's random indices */
    Dataset train, test;  /* cell 2's split */
    int *train_idx;       /* (N_train) row of `all` behind each train row */
    int *test_idx;        /* (N_test) */
    Net net;              /* cell 3's network (D, H, K), sigmoid */
    NbCell cell;          /* the last cell replayed */
} Notebook;

/* Loads the data from path, seeds the stream with seed and replays the
 * cells up to and including upto.  Returns 0, or -1 with a message (bad
 * data file, too few images, out of memory); nb then holds nothing that
 * needs freeing.  */
int nb_replay(Notebook *nb, const char *path, uint32_t seed, NbCell upto,
              Error *err);

/* nb_replay on a copy of the images in all (N, D), already loaded: for a
 * program that replays several seeds and reads its --data file once (a
 * pipe or a FIFO can be read only once), and for a caller that has no
 * files (the HTML book's WebAssembly, book/wasm/).  all is not kept.
 * Returns 0, or -1 with a message as nb_replay. */
int nb_replay_data(Notebook *nb, const Dataset *all, uint32_t seed,
                   NbCell upto, Error *err);

/* Replays the cells after nb->cell up to and including upto (nothing when
 * upto <= nb->cell).  Returns 0, or -1 with a message; nb is then freed. */
int nb_advance(Notebook *nb, NbCell upto, Error *err);

/* Releases everything nb holds; a zeroed Notebook is a no-op. */
void nb_free(Notebook *nb);

#endif
