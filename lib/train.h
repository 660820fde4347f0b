/* train.h - the training loop: one trainer, one step, one configuration.
 *
 * A TrainConfig holds every choice the loop makes.  train_cell7() is the
 * tutorial's NeuralNetwork class as cell 7 runs it (10 epochs of minibatch
 * SGD, eta = lambda = 0.1, batches of 100 drawn with
 * np.random.choice(n, B, replace=False), summed gradients); chapter 8's
 * repairs are its other fields (book, chapter "Closing the gap"):
 *
 *   mean_grad  false: g = sum_i dL_i + lambda W over the batch of B rows,
 *              the tutorial's code.  true: g = (sum_i dL_i + lambda W) / B,
 *              the 1/M of the tutorial's own formula and exactly what
 *              scikit-learn computes, so that lambda means its alpha.  The
 *              biases get sum_i dL_i / B.
 *   batches    BATCH_CHOICE: an epoch is n / B steps, each drawing B rows
 *              with rng_choice_noreplace, as the tutorial; rows may be
 *              seen twice or never in one epoch.  BATCH_SHUFFLE: an epoch
 *              permutes the row order (rng_permutation, applied to the
 *              last epoch's order, as scikit-learn's shuffle does) and
 *              walks it in consecutive batches of B, the last one shorter
 *              when B does not divide n: every row once.
 *   optimizer  OPTIM_SGD (p -= eta g) or OPTIM_ADAM (optim.h, lr = eta,
 *              scikit-learn's betas and eps).
 *   schedule   RATE_CONSTANT: the learning rate is eta throughout.
 *              RATE_COSINE: it falls from eta to 0 along half a cosine over
 *              max_epochs epochs, eta (1 + cos(pi t)) / 2, where t is the
 *              share of the run done before the step: (e - 1 + (s - 1) /
 *              S) / max_epochs at step s of S in epoch e.  Large steps
 *              early, while the network is far from a minimum; small ones
 *              late, so that it settles into one instead of hopping about.
 *   warp       off (all ranges 0): an epoch trains on the rows of train.
 *              On: before each epoch's batches, every row i of train is
 *              warped afresh (augment.h, drawn from r) into row m + i of
 *              the caller's buffer data->warped (made by train_warp_alloc:
 *              the m rows of train, then room for their m warps), and the
 *              epoch trains on all 2m rows of that buffer.
 *   grad_block 0: each batch's gradient in one pass, as the tutorial.
 *              b > 0: the batch cut into blocks of b rows, each block's
 *              gradient computed alone and the blocks added over a fixed
 *              tree (blocks.h): the order of additions chapter 10's ranks
 *              share, so that any number of them gives these bits.  The
 *              trainer needs trainer_init_blocks.
 *   stop       STOP_NONE: run max_epochs.
 *              STOP_VALIDATION: early stopping.  After every epoch the
 *              network is scored on data->val; the best parameters so far
 *              are kept (train_better), training stops once patience
 *              epochs in a row have not improved on them, and they are
 *              put back at the end.
 *              STOP_LOSS: scikit-learn's default rule.  An epoch whose
 *              training loss (res->loss) is not below the best so far
 *              minus tol counts as flat, any other resets the count;
 *              training stops when more than patience epochs in a row
 *              were flat.  The last parameters are kept.
 *
 * Divergence: every step computes the batch's cost from the forward pass it
 * already made.  When the cost is NaN or infinite the network has
 * diverged: the step is not taken and the run is marked diverged.  A
 * BATCH_CHOICE run without a stopping rule still makes its remaining
 * minibatch draws, so whatever is drawn next from the stream is what the
 * notebook drew; any other run stops there.
 *
 * Nothing here assumes the digits: the rows, features, classes and (for
 * warps) the square image side come from the data and the network.
 */
#ifndef NN_TRAIN_H
#define NN_TRAIN_H

#include <stdbool.h>

#include "augment.h"
#include "blocks.h"
#include "data.h"
#include "err.h"
#include "net.h"
#include "optim.h"
#include "rng.h"

typedef enum { BATCH_CHOICE, BATCH_SHUFFLE } Batches;
typedef enum { STOP_NONE, STOP_VALIDATION, STOP_LOSS } Stopping;
typedef enum { RATE_CONSTANT, RATE_COSINE } Schedule;

/* The names of the batchings ("choice", "shuffle"), of the stopping rules
 * ("none", "validation", "loss") and of the schedules ("constant",
 * "cosine"). */
const char *train_batches_name(Batches b);
const char *train_stop_name(Stopping s);
const char *train_schedule_name(Schedule s);

/* Parse a name as the functions above spell it.  Return 0, or -1. */
int train_batches_parse(Batches *b, const char *name);
int train_stop_parse(Stopping *s, const char *name);
int train_schedule_parse(Schedule *s, const char *name);

typedef struct {
    int max_epochs;      /* epochs, or the most epochs with a stop rule */
    int batch_size;      /* B */
    double eta;          /* learning rate, for SGD or Adam */
    double lambda;       /* L2 strength (see mean_grad) */
    bool mean_grad;      /* divide the gradient by B (see above) */
    Batches batches;     /* how an epoch picks its batches */
    Optimizer optimizer; /* update rule */
    Stopping stop;       /* when to stop before max_epochs */
    int patience;        /* flat epochs the stop rule tolerates */
    double tol;          /* STOP_LOSS: the least improvement that counts */
    Schedule schedule;   /* the learning rate over the run */
    Warp warp;           /* warped copies of the images (see above) */
    int grad_block;      /* rows per gradient block, 0: none (see above) */
} TrainConfig;

/* The tutorial's cell 7: 10 epochs, B = 100, eta = lambda = 0.1, summed
 * gradients, batches drawn with choice, SGD, no stop rule (patience 10
 * and tol 1e-4, scikit-learn's, for when a stop rule is switched on). */
TrainConfig train_cell7(void);

/* What a run trains on.  Only train is required. */
typedef struct {
    const Dataset *train; /* (n, D) the training rows */
    const Dataset *val;   /* STOP_VALIDATION: scored after every epoch */
    Dataset *warped;      /* warps on: (2n, D) from train_warp_alloc,
                           * owned by the caller; rows n..2n-1 are
                           * overwritten every epoch */
    const int *batches;   /* BATCH_CHOICE: (max_epochs * (n / B), B) the
                           * batches as train_draw_batches drew them, used
                           * instead of drawing from the stream; or NULL */
} TrainData;

/* What one run did. */
typedef struct {
    bool diverged;
    int diverged_epoch, diverged_step; /* from 1; 0 if it did not */
    double cost;         /* the last finite batch cost (mean cross-entropy) */
    int epochs;          /* epochs trained before stopping or diverging */
    int best_epoch;      /* the epoch whose parameters were kept */
    bool warped;         /* the epochs trained on fresh warps (cfg->warp) */
    double loss;         /* training loss of the last epoch (see train_run) */
    double val_cost;     /* validation cost and accuracy of the kept */
    double val_accuracy; /* parameters; NaN without STOP_VALIDATION */
} TrainResult;

/* Computes, into node (n_params + 1), the value blocks_node_sum gives
 * the root of the tree over the blocks of the batch X (rows, D) with
 * labels (rows): the summed gradient, then the summed cross-entropy.
 * Chapter 10's ranks share the work and return those very bits. */
typedef void (*BlockSum)(void *ctx, double *node, const Net *net,
                         const Matrix *X, const int *labels);

/* Buffers a run needs, allocated once: the gradient, the best parameters
 * so far, Adam's state, batch work space and the row order. */
typedef struct {
    Net grad;   /* shaped like the network */
    Net best;   /* likewise */
    Adam adam;  /* optim.h's defaults; lr set by each run */
    Work work;  /* batches and evaluation passes, up to cap rows */
    int *order; /* (n) row order of BATCH_SHUFFLE */
    int *perm;  /* (n) a fresh permutation, or BATCH_CHOICE's work space */
    int n;      /* rows trained on (2n of train with warps) */
    double loss_sum; /* running sum of the epoch's batch losses x rows */
    BlockWork blocks; /* for cfg->grad_block > 0 (trainer_init_blocks) */
    double *node;     /* (n_params + 1) the batch's summed blocks, or NULL */
    BlockSum sum;     /* NULL: the trainer walks the tree itself; else it
                       * calls sum(sum_ctx, ...) for each batch's root */
    void *sum_ctx;
} Trainer;

/* Called after each epoch (from 1) with the network as it stands, the
 * epoch's training loss and, with STOP_VALIDATION, the validation cost
 * and accuracy (NaN otherwise). */
typedef void (*TrainHook)(void *ctx, int epoch, const Net *net, double loss,
                          double val_cost, double val_accuracy);

/* Allocates a Trainer for net, n rows trained on (data->warped->n with
 * warps, else data->train->n), and batches or evaluation passes of up to
 * cap rows.  Returns 0 or -1 (out of memory). */
int trainer_init(Trainer *t, const Net *net, int n, int cap);

/* Adds to t what training with grad_block = b > 0 needs, for batches of
 * up to B rows.  Returns 0 or -1 (out of memory; trainer_free still
 * releases t). */
int trainer_init_blocks(Trainer *t, const Net *net, int B, int b);

/* Releases a Trainer; NULL or an empty one is a no-op. */
void trainer_free(Trainer *t);

/* Trains net on data under cfg, drawing from r (which may be NULL when
 * data->batches gives every batch and nothing else is drawn).  t was made
 * for the rows trained on and cap >= B (and >= val->n with
 * STOP_VALIDATION).  hook may be NULL.  The result goes to *res; its loss
 * is scikit-learn's: the mean over the epoch's rows of the batch cost
 * (mean cross-entropy + lambda / (2 b) sum W^2 for a batch of b rows, as
 * the parameters stood before the batch's step).  Returns 0, or -1 with a
 * message when the data do not fit cfg (BATCH_CHOICE with B larger than
 * the rows, warps without a warped buffer of 2n rows, STOP_VALIDATION
 * without val rows, a trainer made for fewer rows or smaller batches);
 * net is then untouched.
 *
 * In short, for a network net and a Dataset train:
 *   TrainConfig cfg = train_cell7();          then change fields
 *   Trainer t;  trainer_init(&t, &net, train.n, cfg.batch_size);
 *   TrainData data = {.train = &train};
 *   train_run(&net, &t, &data, &rng, &cfg, NULL, NULL, &res, &err);
 *   train_evaluate(&net, &test, &t.work, &cost, &accuracy, NULL);
 *   trainer_free(&t); */
int train_run(Net *net, Trainer *t, const TrainData *data, Rng *r,
              const TrainConfig *cfg, TrainHook hook, void *ctx,
              TrainResult *res, Error *err);

/* Trains a copy of start: allocates *out (release it with net_free), sets
 * it to start and runs train_run with cfg on train, drawing from a copy
 * of r, so the caller's stream does not move.  cfg->stop must not be
 * STOP_VALIDATION nor cfg->warp on.  Returns 0, or -1 with a message (out
 * is then empty). */
int train_copy(Net *out, const Net *start, const Dataset *train,
               const TrainConfig *cfg, Rng r, TrainResult *res, Error *err);

/* Cell 5: steps of full-batch gradient descent on all of train (t->work
 * has cap >= train->n), gradient summed over the rows, + lambda W, then
 * p -= eta g: the step of train_run with cell 7's other settings.  cost
 * (steps + 1, may be NULL) receives the mean cross-entropy before each
 * step and after the last. */
void train_full_batch(Net *net, Trainer *t, const Dataset *train, int steps,
                      double eta, double lambda, double *cost,
                      TrainResult *res);

/* The learning rate of step s of S (both from 1) in epoch e (from 1)
 * under cfg->schedule (see above). */
double train_rate(const TrainConfig *cfg, int e, int s, int S);

/* Does a validation result (cost, accuracy) improve on the best so far?
 * It must be more accurate, or as accurate at a lower cost: the accuracy
 * is what is wanted, and the cost breaks the ties that a small validation
 * set makes frequent. */
bool train_better(double cost, double accuracy, double best_cost,
                  double best_accuracy);

/* Checks --batch-size against n training images and that epochs x (n / B)
 * steps, counted in an int, fit one: the product is taken in 64 bits.
 * Returns 0, or -1 with a message naming --batch-size, or --epochs and
 * --batch-size. */
int train_check_steps(int epochs, int batch_size, int n, Error *err);

/* ---- the stream without the arithmetic ------------------------------- */

/* Makes exactly the draws a BATCH_CHOICE run of cfg on n rows makes,
 * without any arithmetic. */
void train_skip_draws(Rng *r, int n, const TrainConfig *cfg);

/* Makes those draws and keeps the minibatches: batches (steps, B)
 * receives the rows of each step, steps = cfg->max_epochs * (n / B).
 * perm (n) is scratch.  Lets the draws be made apart from the training
 * (sweep.h, TrainData.batches). */
void train_draw_batches(int *batches, Rng *r, int n, const TrainConfig *cfg,
                        int *perm);

/* ---- data for the loop ----------------------------------------------- */

/* For cfg->warp: out = the m rows of src followed by m rows for their
 * warps (zero until train_run fills them), allocated here.  The rows must
 * be square images (D = side * side).  Returns 0, or -1 with a message
 * (not square, out of memory; nothing then needs freeing). */
int train_warp_alloc(Dataset *out, const Dataset *src, Error *err);

/* Splits src into fit (n - n_val rows) and val (n_val = ceil(fraction n)
 * rows) by one permutation of n drawn from r: val takes its first n_val
 * entries, fit the rest, in that order.  (scikit-learn's early stopping
 * draws a stratified split instead, so its draws differ.)  Both parts are
 * allocated here.  Returns 0, or -1 with a message (a part would be empty,
 * out of memory; nothing then needs freeing). */
int train_split_val(Dataset *fit, Dataset *val, const Dataset *src,
                    double fraction, Rng *r, Error *err);

/* Mean cross-entropy and accuracy of net on all of ds, fed in pieces of
 * w->cap rows; pred (ds->n) receives the predictions when not NULL. */
void train_evaluate(const Net *net, const Dataset *ds, Work *w,
                    double *cost, double *accuracy, int *pred);

#endif
