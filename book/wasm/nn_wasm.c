/* nn_wasm.c - the entry points the HTML book's widgets call: lib/ itself,
 * compiled to WebAssembly (mk/wasm.mk), behind a few exported functions.
 *
 * Everything here is bookkeeping between the page and lib/: the forward
 * pass, the split, the initialisation and the training loop are lib/'s
 * own functions, so the page computes what the chapter programs compute.
 * book/nn.js is the other side: it copies bytes in and numbers out of the
 * module's memory and draws the widgets.
 *
 * All state lives in one Ctx the page creates once (no globals).  A
 * function that can fail returns -1 and leaves a one-line message that
 * nn_error returns.  Shapes: D = 64 pixels, H hidden units, K = 10.
 */
#include <math.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "data.h"
#include "netio.h"
#include "notebook.h"
#include "train.h"
#include "zlib.h"

#define EXPORT(name) __attribute__((export_name(#name)))

#define NN_NETS 2          /* the embedded networks: chapter 6's, 8's */
#define NN_MAX_HIDDEN 1000 /* largest H a widget shows */
#define NN_MAX_EPOCHS 1000 /* the page trains at most this many epochs */
#define NN_ROW (DATA_FEATURES + 1) /* bytes of one image in nn_set_data */

typedef struct {
    Error err;
    Dataset all;                /* (N, D) the digits, file order */
    Notebook split;             /* seed 0 replayed to cell 2: the test set */
    Net net[NN_NETS];           /* trained networks, as loaded */
    double scale[NN_NETS];      /* each one's input scale (netio.h) */
    Work one[NN_NETS];          /* each one's forward pass of one row */
    double x[DATA_FEATURES];    /* (D) the page writes the pixels here */
    double in[DATA_FEATURES];   /* (D) the pixels times the input scale */
    double probs[DATA_CLASSES]; /* (K) nn_predict's probabilities */
    double hidden[NN_MAX_HIDDEN]; /* (H) and hidden activations */
    /* a training run, from nn_train_begin to nn_train_end */
    Notebook nb;
    Net tnet;
    Trainer tr;
    bool training, trainer_made;
    TrainConfig cfg; /* the run's settings, max_epochs = 1 (one a call) */
    int epochs;      /* epochs asked for */
    int epoch;       /* epochs done */
    int diverged_epoch, diverged_step; /* from 1; 0 while it has not */
    double stats[4]; /* after the last epoch: cost, accuracy on train;
                      * cost, accuracy on test */
} Ctx;

/* ---- zlib's CRC-32, which lib/netio.c checks files with ----------------- */

uLong crc32(uLong crc, const Bytef *buf, uInt len)
{
    uint32_t c = ~(uint32_t)crc;
    for (uInt i = 0; i < len; i++) {
        c ^= buf[i];
        for (int k = 0; k < 8; k++)
            c = (c >> 1) ^ (0xEDB88320u & (0u - (c & 1u)));
    }
    return ~c;
}

/* ---- memory the page writes into ---------------------------------------- */

EXPORT(nn_alloc) void *nn_alloc(size_t n) { return malloc(n ? n : 1); }
EXPORT(nn_release) void nn_release(void *p) { free(p); }

EXPORT(nn_error) const char *nn_error(Ctx *c) { return c->err.msg; }
EXPORT(nn_pixels) double *nn_pixels(Ctx *c) { return c->x; }
EXPORT(nn_probs) double *nn_probs(Ctx *c) { return c->probs; }
EXPORT(nn_hidden) double *nn_hidden(Ctx *c) { return c->hidden; }
EXPORT(nn_stats) double *nn_stats(Ctx *c) { return c->stats; }

/* ---- set-up ------------------------------------------------------------- */

/* A context with no data and no networks, or NULL (out of memory). */
EXPORT(nn_create) Ctx *nn_create(void) { return calloc(1, sizeof(Ctx)); }

/* The digits, n images of NN_ROW bytes: 64 pixels as the letters 'A'
 * (0) to 'Q' (16), then the label as '0'..'9' (mk/wasm.mk writes them
 * from data/digits.csv.gz).  Replays seed 0's split for the test images.
 * Returns 0 or -1. */
EXPORT(nn_set_data) int nn_set_data(Ctx *c, const unsigned char *rows, int n)
{
    data_free(&c->all);
    nb_free(&c->split);
    if (n < 1 || n > DATA_MAX_ROWS)
        return err_set(&c->err, "data: %d images; expected 1..%d", n,
                       DATA_MAX_ROWS);
    if (data_alloc(&c->all, n, DATA_FEATURES) != 0)
        return err_set(&c->err, "data: out of memory");
    for (long i = 0; i < (long)n * NN_ROW; i++) {
        int f = (int)(i % NN_ROW), v = rows[i];
        bool pixel = f < DATA_FEATURES;
        v -= pixel ? 'A' : '0';
        if (v < 0 || v > (pixel ? DATA_MAX_PIXEL : DATA_CLASSES - 1)) {
            data_free(&c->all);
            return err_set(&c->err, "data: image %ld, byte %d is 0x%02x; "
                           "expected %s", i / NN_ROW, f, rows[i],
                           pixel ? "'A'..'Q'" : "'0'..'9'");
        }
        if (pixel)
            c->all.X.data[i / NN_ROW * DATA_FEATURES + f] = v;
        else
            c->all.labels[i / NN_ROW] = v;
    }
    if (nb_replay_data(&c->split, &c->all, 0, NB_CELL2, &c->err) != 0) {
        data_free(&c->all);
        return -1;
    }
    return 0;
}

/* Network `slot` from a network file image (lib/netio.h) of len bytes,
 * checked as netio_load checks a file.  Returns 0 or -1. */
EXPORT(nn_load_net)
int nn_load_net(Ctx *c, int slot, const unsigned char *buf, size_t len,
                const char *name)
{
    if (slot < 0 || slot >= NN_NETS)
        return err_set(&c->err, "network %d; expected 0..%d", slot,
                       NN_NETS - 1);
    net_free(&c->net[slot]);
    if (netio_decode(&c->net[slot], &c->scale[slot], buf, len, name,
                     DATA_FEATURES, DATA_CLASSES, &c->err) != 0)
        return -1;
    if (c->net[slot].H > NN_MAX_HIDDEN) {
        net_free(&c->net[slot]);
        return err_set(&c->err, "%s: %d hidden units; the page shows at "
                       "most %d", name, c->net[slot].H, NN_MAX_HIDDEN);
    }
    work_free(&c->one[slot]);
    if (work_init(&c->one[slot], &c->net[slot], 1) != 0) {
        net_free(&c->net[slot]);
        return err_set(&c->err, "%s: out of memory", name);
    }
    return 0;
}

EXPORT(nn_hidden_units) int nn_hidden_units(Ctx *c, int slot)
{
    return slot >= 0 && slot < NN_NETS ? c->net[slot].H : 0;
}

/* ---- the test images --------------------------------------------------- */

EXPORT(nn_test_count) int nn_test_count(Ctx *c) { return c->split.test.n; }

/* Copies test image i of seed 0's split into the pixels; returns its
 * label, or -1 when there is no such image. */
EXPORT(nn_test_image) int nn_test_image(Ctx *c, int i)
{
    if (i < 0 || i >= c->split.test.n)
        return err_set(&c->err, "test image %d; expected 0..%d", i,
                       c->split.test.n - 1);
    memcpy(c->x, c->split.test.X.data + (long)i * DATA_FEATURES,
           sizeof c->x);
    return c->split.test.labels[i];
}

/* The line of the data file (from 0) behind test image i, or -1. */
EXPORT(nn_test_index) int nn_test_index(Ctx *c, int i)
{
    return i >= 0 && i < c->split.test.n ? c->split.test_idx[i] : -1;
}

/* ---- a prediction ------------------------------------------------------- */

/* Feeds the 64 pixels in nn_pixels (0..16, row by row) to network slot,
 * scaled as it was trained (as tools/predict feeds it): the probabilities
 * go to nn_probs (K), the hidden activations to nn_hidden (H).  Returns
 * the predicted class, or -1 (no such network, a pixel not in 0..16). */
EXPORT(nn_predict) int nn_predict(Ctx *c, int slot)
{
    if (slot < 0 || slot >= NN_NETS || !c->net[slot].params)
        return err_set(&c->err, "network %d is not loaded", slot);
    const Net *net = &c->net[slot];
    for (int j = 0; j < DATA_FEATURES; j++) {
        if (!(c->x[j] >= 0 && c->x[j] <= DATA_MAX_PIXEL))
            return err_set(&c->err, "pixel %d is %g; expected a number "
                           "0..%d", j, c->x[j], DATA_MAX_PIXEL);
        c->in[j] = c->x[j] * c->scale[slot];
    }
    Matrix X = mat_view(c->in, 1, DATA_FEATURES);
    Work *w = &c->one[slot];
    net_forward(w, net, &X);
    memcpy(c->probs, w->P.data, DATA_CLASSES * sizeof *c->probs);
    memcpy(c->hidden, w->A.data, (size_t)net->H * sizeof *c->hidden);
    return mat_row_argmax(&w->P, 0);
}

/* ---- training, one epoch per call --------------------------------------- */

EXPORT(nn_train_end) void nn_train_end(Ctx *c)
{
    if (c->trainer_made)
        trainer_free(&c->tr);
    net_free(&c->tnet);
    nb_free(&c->nb);
    c->training = c->trainer_made = false;
}

/* Checks one setting: a finite number in lo..hi, whole when integer. */
static int check(Ctx *c, const char *name, double v, double lo, double hi,
                 bool integer)
{
    if (!(v >= lo && v <= hi) || (integer && v != floor(v)))
        return err_set(&c->err, "%s is %.15g; expected %s %.15g..%.15g",
                       name, v, integer ? "an integer" : "a number", lo, hi);
    return 0;
}

/* Starts chapter 6's run (06-sgd) with these settings: the notebook
 * replayed on seed to cell 3, a fresh network drawn by the tutorial's
 * initialisation.  Returns 0, or -1 naming the setting out of range. */
EXPORT(nn_train_begin)
int nn_train_begin(Ctx *c, double seed, double eta, double lambda,
                   double epochs, double batch)
{
    nn_train_end(c);
    if (check(c, "seed", seed, 0, UINT32_MAX, true) ||
        check(c, "eta", eta, 0, 1e6, false) ||
        check(c, "lambda", lambda, 0, 1e6, false) ||
        check(c, "epochs", epochs, 1, NN_MAX_EPOCHS, true) ||
        check(c, "batch", batch, 1, DATA_MAX_ROWS, true))
        return -1;
    if (nb_replay_data(&c->nb, &c->all, (uint32_t)seed, NB_CELL3,
                       &c->err) != 0)
        return -1;
    c->cfg = train_cell7();
    c->cfg.eta = eta, c->cfg.lambda = lambda, c->cfg.batch_size = (int)batch;
    c->cfg.max_epochs = 1;
    c->epochs = (int)epochs, c->epoch = 0;
    c->diverged_epoch = c->diverged_step = 0;
    int n = c->nb.train.n;
    if (c->cfg.batch_size > n) {
        nb_free(&c->nb);
        return err_set(&c->err, "batch is %d; expected 1..%d (the training "
                       "images)", c->cfg.batch_size, n);
    }
    int cap = c->nb.test.n > c->cfg.batch_size ? c->nb.test.n
                                                : c->cfg.batch_size;
    if (net_init(&c->tnet, DATA_FEATURES, NB_HIDDEN, DATA_CLASSES,
                 ACT_SIGMOID) != 0 ||
        trainer_init(&c->tr, &c->tnet, c->nb.train.n, cap) != 0) {
        nn_train_end(c);
        return err_set(&c->err, "out of memory");
    }
    c->trainer_made = c->training = true;
    net_init_tutorial(&c->tnet, &c->nb.rng); /* NeuralNetwork.__init__ */
    return 0;
}

/* One more epoch of train_run, the same steps 06-sgd takes (its stream
 * carries over from call to call), then cost and accuracy on both sets
 * into nn_stats.  Returns the epochs done, or -1 (no run going, all
 * epochs done).  After a divergence nn_diverged says where. */
EXPORT(nn_train_epoch) int nn_train_epoch(Ctx *c)
{
    if (!c->training || c->epoch >= c->epochs)
        return err_set(&c->err, "no training run is going");
    if (!c->diverged_epoch) {
        TrainData data = {.train = &c->nb.train};
        TrainResult res;
        if (train_run(&c->tnet, &c->tr, &data, &c->nb.rng, &c->cfg, NULL,
                      NULL, &res, &c->err) != 0)
            return -1;
        if (res.diverged)
            c->diverged_epoch = c->epoch + 1,
            c->diverged_step = res.diverged_step;
    }
    c->epoch++;
    for (int k = 0; k < 4; k++)
        c->stats[k] = NAN;
    if (!c->diverged_epoch) {
        train_evaluate(&c->tnet, &c->nb.train, &c->tr.work, &c->stats[0],
                       &c->stats[1], NULL);
        train_evaluate(&c->tnet, &c->nb.test, &c->tr.work, &c->stats[2],
                       &c->stats[3], NULL);
    }
    return c->epoch;
}

/* The epoch (from 1) the run diverged in, 0 when it did not; *step
 * receives the step. */
EXPORT(nn_diverged) int nn_diverged(Ctx *c, int *step)
{
    *step = c->diverged_step;
    return c->diverged_epoch;
}
