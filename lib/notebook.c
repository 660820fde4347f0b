/* notebook.c - replaying the notebook's cells (see notebook.h). */
#include "notebook.h"

#include <stdlib.h>
#include <string.h>

#include "train.h"

/* Cell 1: seed the stream, then choice(arange(N), size=5). */
static void cell1(Notebook *nb, uint32_t seed)
{
    rng_seed(&nb->rng, seed);
    rng_choice(&nb->rng, nb->shown, NB_SHOWN, nb->all.n);
}

/* Cell 2: scikit-learn's train_test_split on the global stream. */
static int cell2(Notebook *nb, Error *err)
{
    int n_train, n_test;
    data_split_sizes(nb->all.n, &n_train, &n_test);
    nb->train_idx = malloc(((size_t)n_train + 1) * sizeof *nb->train_idx);
    nb->test_idx = malloc(((size_t)n_test + 1) * sizeof *nb->test_idx);
    if (!nb->train_idx || !nb->test_idx)
        return err_set(err, "out of memory");
    return data_split(&nb->train, &nb->test, nb->train_idx, nb->test_idx,
                      &nb->all, &nb->rng, err);
}

/* Cell 3: the first network, randn weights and biases of 0.01. */
static int cell3(Notebook *nb, Error *err)
{
    if (net_init(&nb->net, nb->all.X.cols, NB_HIDDEN, DATA_CLASSES,
                 ACT_SIGMOID) != 0)
        return err_set(err, "out of memory");
    net_init_tutorial(&nb->net, &nb->rng);
    return 0;
}

/* Cell 7: a second network's weights and its minibatch draws.  Only the
 * draws matter to the cells after it, so no arithmetic is done. */
static int cell7(Notebook *nb, Error *err)
{
    TrainConfig cfg = train_cell7();
    if (nb->train.n < cfg.batch_size)
        return err_set(err, "%d training images are fewer than the batches "
                       "of %d that the notebook's cell 7 draws before the "
                       "sweep: --data needs a file of at least %d images",
                       nb->train.n, cfg.batch_size, cfg.batch_size * 5 / 4);
    long weights = (long)nb->net.D * nb->net.H + (long)nb->net.H * nb->net.K;
    for (long i = 0; i < weights; i++)
        (void)rng_gauss(&nb->rng);
    train_skip_draws(&nb->rng, nb->train.n, &cfg);
    return 0;
}

/* Replays from cell 1 on the images nb->all already holds. */
static int replay(Notebook *nb, uint32_t seed, NbCell upto, Error *err)
{
    cell1(nb, seed);
    nb->cell = NB_CELL1;
    return nb_advance(nb, upto, err);
}

int nb_replay(Notebook *nb, const char *path, uint32_t seed, NbCell upto,
              Error *err)
{
    memset(nb, 0, sizeof *nb);
    if (data_load(&nb->all, path, err) != 0)
        return -1;
    return replay(nb, seed, upto, err);
}

int nb_replay_data(Notebook *nb, const Dataset *all, uint32_t seed,
                   NbCell upto, Error *err)
{
    memset(nb, 0, sizeof *nb);
    if (all->n < 1)
        return err_set(err, "no images; expected the digits");
    if (data_alloc(&nb->all, all->n, all->X.cols) != 0)
        return err_set(err, "out of memory");
    memcpy(nb->all.X.data, all->X.data,
           (size_t)all->n * all->X.cols * sizeof *all->X.data);
    memcpy(nb->all.labels, all->labels, (size_t)all->n * sizeof *all->labels);
    return replay(nb, seed, upto, err);
}

int nb_advance(Notebook *nb, NbCell upto, Error *err)
{
    int status = 0;
    if (nb->cell < NB_CELL2 && upto >= NB_CELL2)
        status = cell2(nb, err);
    if (status == 0 && nb->cell < NB_CELL3 && upto >= NB_CELL3)
        status = cell3(nb, err);
    if (status == 0 && nb->cell < NB_CELL7 && upto >= NB_CELL7)
        status = cell7(nb, err);
    if (status != 0) {
        nb_free(nb);
        return -1;
    }
    if (upto > nb->cell)
        nb->cell = upto;
    return 0;
}

void nb_free(Notebook *nb)
{
    data_free(&nb->all);
    data_free(&nb->train);
    data_free(&nb->test);
    free(nb->train_idx);
    free(nb->test_idx);
    net_free(&nb->net);
    memset(nb, 0, sizeof *nb);
}
