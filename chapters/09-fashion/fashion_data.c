/* fashion_data.c - chapter 9's images (fashion_data.h). */
#include "fashion_data.h"

#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "idx.h"

static const char *const class_names[DATA_CLASSES] = {
    "T-shirt/top", "Trouser", "Pullover", "Dress", "Coat",
    "Sandal", "Shirt", "Sneaker", "Bag", "Ankle boot"};

const char *fashion_class_name(int c)
{
    return c >= 0 && c < DATA_CLASSES ? class_names[c] : "?";
}

void fashion_free(Fashion *f)
{
    data_free(&f->train);
    data_free(&f->val);
    data_free(&f->test);
}

/* Loads dir/<prefix>-images-idx3-ubyte.gz and its labels. */
static int load_pair(Dataset *ds, IdxInfo *info, const char *dir,
                     const char *prefix, long limit, Error *err)
{
    char im[PATH_MAX], lb[PATH_MAX];
    if (snprintf(im, sizeof im, "%s/%s-images-idx3-ubyte.gz", dir, prefix) >=
            (int)sizeof im ||
        snprintf(lb, sizeof lb, "%s/%s-labels-idx1-ubyte.gz", dir, prefix) >=
            (int)sizeof lb)
        return err_set(err, "--data: the path is too long");
    return idx_load(ds, info, im, lb, limit, err);
}

//> holdout
/* Moves n_val images chosen by one permutation drawn from r out of train
 * into val (in the permutation's order); the others stay in train, in
 * their file order, compacted in place: no second copy of the pixels. */
static int hold_out(Dataset *train, Dataset *val, int n_val, Rng *r,
                    Error *err)
{
    int n = train->n, D = train->X.cols;
    int *perm = malloc((size_t)n * sizeof *perm);
    char *out = calloc((size_t)n, 1);
    int status = 0;
    if (perm)
        rng_permutation(r, perm, n);
    if (!perm || !out || data_subset(val, train, perm, n_val) != 0) {
        status = err_set(err, "out of memory");
        goto done;
    }
    for (int i = 0; i < n_val; i++)
        out[perm[i]] = 1;
    int kept = 0;
    for (int i = 0; i < n; i++) {
        if (out[i])
            continue;
        if (kept != i)
            memcpy(train->X.data + (long)kept * D,
                   train->X.data + (long)i * D, (size_t)D * sizeof(double));
        train->labels[kept++] = train->labels[i];
    }
    train->n = train->X.rows = kept;
done:
    free(perm);
    free(out);
    return status;
}
//< holdout

//> rejoin
/* The validation images back behind the training images, into the room
 * the hold-out left (fashion_data.h). */
void fashion_rejoin(Fashion *f)
{
    int n = f->train.n, D = f->train.X.cols;
    memcpy(f->train.X.data + (long)n * D, f->val.X.data,
           (size_t)f->val.n * D * sizeof(double));
    memcpy(f->train.labels + n, f->val.labels,
           (size_t)f->val.n * sizeof *f->val.labels);
    f->train.n = f->train.X.rows = n + f->val.n;
}
//< rejoin

int fashion_load(Fashion *f, const char *dir, long limit, int min_train,
                 Rng *r, Error *err)
{
    IdxInfo tr, te;
    struct stat st;
    memset(f, 0, sizeof *f);
    if (stat(dir, &st) != 0)
        return err_set(err, "%s: %s", dir, strerror(errno));
    if (!S_ISDIR(st.st_mode))
        return err_set(err, "%s: not a directory; expected the one that "
                       "holds the four IDX files", dir);
    if (load_pair(&f->train, &tr, dir, "train", limit, err) != 0 ||
        load_pair(&f->test, &te, dir, "t10k", limit, err) != 0)
        goto fail;
    if (tr.rows != te.rows || tr.cols != te.cols || tr.rows != tr.cols) {
        err_set(err, "%s: training images of %dx%d, test images of %dx%d; "
                "expected the same square size", dir, tr.rows, tr.cols,
                te.rows, te.cols);
        goto fail;
    }
    f->side = tr.rows;
    int n_val = (f->train.n + 5) / 6; /* 10,000 of 60,000 */
    if (f->train.n - n_val < min_train) {
        err_set(err, "%d training images leave %d after validation, fewer "
                "than a batch of %d", f->train.n, f->train.n - n_val,
                min_train);
        goto fail;
    }
    if (hold_out(&f->train, &f->val, n_val, r, err) != 0)
        goto fail;
    return 0;
fail:
    fashion_free(f);
    return -1;
}
