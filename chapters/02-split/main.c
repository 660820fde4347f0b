/* 02-split: 80% of the images to learn from, 20% to test on (cell 2).
 *
 * The notebook splits with scikit-learn's train_test_split, which shuffles
 * the row indices once and cuts the shuffled list: the first 20% become the
 * test set, the next 80% the training set.  It also shows a numpy version,
 * train_test_split_numpy, which shuffles the images and the labels with two
 * separate shuffles: almost every image ends up with another image's label.
 * This program does the first and measures the second.  Book: chapter
 * "Training and test sets".
 */
#include <stdio.h>
#include <stdlib.h>

#include "cli.h"
#include "notebook.h"
#include "out.h"
#include "summary.h"

/* Counts per class of n labels into counts (K). */
static void count_labels(int *counts, const int *labels, int n)
{
    for (int k = 0; k < DATA_CLASSES; k++)
        counts[k] = 0;
    for (int i = 0; i < n; i++)
        counts[labels[i]]++;
}

//> numpy-split
/* The tutorial's train_test_split_numpy on a copy of the stream as it was
 * after cell 1, so the notebook's own stream is left alone.  Shuffling the
 * images moves image perm_x[i] to row i; shuffling the labels moves label
 * perm_y[i] there.  A row keeps its true label only if perm_x[i] ==
 * perm_y[i], or by luck if the two images share a class. */
static int numpy_split(int *intact, int *lucky, int rows, Rng copy,
                       const Dataset *all)
{
    int *perm_x = malloc((size_t)all->n * sizeof *perm_x);
    int *perm_y = malloc((size_t)all->n * sizeof *perm_y);
    if (!perm_x || !perm_y) {
        free(perm_x);
        free(perm_y);
        return -1;
    }
    rng_permutation(&copy, perm_x, all->n); /* np.random.shuffle(inputs) */
    rng_permutation(&copy, perm_y, all->n); /* np.random.shuffle(labels) */
    *intact = *lucky = 0;
    for (int i = 0; i < rows; i++) {
        *intact += perm_x[i] == perm_y[i];
        *lucky += all->labels[perm_x[i]] == all->labels[perm_y[i]];
    }
    free(perm_x);
    free(perm_y);
    return 0;
}
//< numpy-split

static int write_counts(const int *train, const int *test, const char *dir,
                        Error *err)
{
    OutFile o;
    if (out_open(&o, dir, "label_counts.tsv", err) != 0)
        return -1;
    fprintf(o.f, "class\ttrain\ttest\n");
    for (int k = 0; k < DATA_CLASSES; k++)
        fprintf(o.f, "%d\t%d\t%d\n", k, train[k], test[k]);
    return out_commit(&o, err);
}

int main(int argc, char **argv)
{
    Cli cli = {.program = "02-split",
               .purpose = "Split the digits 80/20 as scikit-learn does and "
                          "measure the tutorial's numpy split (cell 2)."};
    Error err;
    int rc = cli_parse(&cli, argc, argv, NULL, 0, stdout, &err);
    if (rc != 0)
        return rc > 0 ? 0 : cli_fail(&cli, &err);
    rc = -1; /* until the end is reached */

    Notebook nb = {0};
    if (nb_replay(&nb, cli.data, cli.seed, NB_CELL1, &err) != 0)
        goto out;
    Rng after_cell1 = nb.rng; /* a copy, for the numpy split below */
    if (nb_advance(&nb, NB_CELL2, &err) != 0)
        goto out;

    int train_counts[DATA_CLASSES], test_counts[DATA_CLASSES];
    count_labels(train_counts, nb.train.labels, nb.train.n);
    count_labels(test_counts, nb.test.labels, nb.test.n);
    printf("X_train = (%d, %d)  Y_train = (%d,)\n", nb.train.X.rows,
           nb.train.X.cols, nb.train.n);
    printf("X_test  = (%d, %d)  Y_test  = (%d,)\n", nb.test.X.rows,
           nb.test.X.cols, nb.test.n);
    printf("\nclass  train  test\n");
    for (int k = 0; k < DATA_CLASSES; k++)
        printf("%5d  %5d  %4d\n", k, train_counts[k], test_counts[k]);

    int intact_all, lucky_all, intact_train, lucky_train;
    if (numpy_split(&intact_all, &lucky_all, nb.all.n, after_cell1,
                    &nb.all) != 0 ||
        numpy_split(&intact_train, &lucky_train, nb.train.n, after_cell1,
                    &nb.all) != 0) {
        err_set(&err, "out of memory");
        goto out;
    }
    printf("\nThe tutorial's train_test_split_numpy shuffles images and "
           "labels apart:\n");
    printf("  rows whose image kept its own label: %d of %d\n", intact_all,
           nb.all.n);
    printf("  rows whose label is right by luck:   %d of %d (%.1f%%)\n",
           lucky_all, nb.all.n, 100.0 * lucky_all / nb.all.n);
    printf("  in its training part: %d intact, %d right of %d\n",
           intact_train, lucky_train, nb.train.n);

    if (write_counts(train_counts, test_counts, cli.out, &err) != 0)
        goto out;
    int first = nb.test.n < 10 ? nb.test.n : 10;
    printf("\n");
    summary_begin();
    summary_int("train", nb.train.n);
    summary_int("test", nb.test.n);
    summary_ints("train_labels", nb.train.labels, first);
    summary_ints("test_labels", nb.test.labels, first);
    summary_int("numpy_split_intact", intact_all);
    summary_int("numpy_split_right", lucky_all);
    summary_int("numpy_split_intact_train", intact_train);
    summary_int("numpy_split_right_train", lucky_train);
    summary_end();
    rc = 0;
out:
    nb_free(&nb);
    return rc == 0 ? 0 : cli_fail(&cli, &err);
}
