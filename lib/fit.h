/* fit.h - a training loop with a switch for each of the tutorial's choices.
 *
 * train.h keeps the tutorial's loop exactly.  This one can run it too:
 * with every switch in the tutorial's position it makes the same draws and
 * the same arithmetic as train_sgd.  Each switch can also replace one of
 * the tutorial's choices by a better one (book, chapter "Closing the
 * gap"):
 *
 *   mean_grad  false: g = sum_i dL_i + lambda W over the batch of B rows,
 *              the tutorial's code.  true: g = (sum_i dL_i + lambda W) / B,
 *              the 1/M of the tutorial's own formula and exactly what
 *              scikit-learn computes, so that lambda means its alpha.  The
 *              biases get sum_i dL_i / B.
 *   batches    FIT_CHOICE: an epoch is n / B steps, each drawing B rows
 *              with rng_choice_noreplace, as the tutorial; rows may be
 *              seen twice or never in one epoch.  FIT_SHUFFLE: an epoch
 *              permutes the row order (rng_permutation, applied to the
 *              last epoch's order, as scikit-learn's shuffle does) and
 *              walks it in consecutive batches of B, the last one shorter
 *              when B does not divide n: every row once.
 *   optimizer  OPTIM_SGD (p -= eta g) or OPTIM_ADAM (optim.h, lr = eta,
 *              scikit-learn's betas and eps).
 *   schedule   FIT_CONSTANT: the learning rate is eta throughout.
 *              FIT_COSINE: it falls from eta to 0 along half a cosine over
 *              max_epochs epochs, eta (1 + cos(pi t)) / 2, where t is the
 *              share of the run done before the step: (e - 1 + (s - 1) /
 *              S) / max_epochs at step s of S in epoch e.  Large steps
 *              early, while the network is far from a minimum; small ones
 *              late, so that it settles into one instead of hopping about.
 *   warp       off (all ranges 0): an epoch trains on the rows of train.
 *              On: train holds 2m rows, m originals followed by m rows
 *              that each epoch overwrites with a fresh warp of the
 *              originals, original i into row m + i (augment.h, drawn from
 *              r before the epoch's batches); the epoch trains on all 2m.
 *              fit_warp_data builds such a train from m originals, and
 *              fit_run writes its second half's pixels although train is
 *              const (the pixels are not).  A train not laid out so (an
 *              odd count, other than 8 x 8 images, labels of row m + i
 *              not those of row i) gets no warps: res->warped says which.
 *   stop       FIT_STOP_NONE: run max_epochs.
 *              FIT_STOP_VALIDATION: early stopping.  After every epoch the
 *              network is scored on a validation set; the best parameters
 *              so far are kept (fit_better), training stops once patience
 *              epochs in a row have not improved on them, and they are put
 *              back at the end.
 *              FIT_STOP_LOSS: scikit-learn's default rule.  An epoch whose
 *              training loss (fit_run's res->loss) is not below the best
 *              so far minus tol counts as flat, any other resets the
 *              count; training stops when more than patience epochs in a
 *              row were flat.  The last parameters are kept.
 *
 * Divergence, as in train.h: a step whose batch cost is NaN or infinite is
 * not taken and the run is marked diverged.  A FIT_CHOICE run without a
 * stopping rule still makes its remaining draws, so the stream ends where
 * the tutorial's does; any other run stops there.
 */
#ifndef NN_FIT_H
#define NN_FIT_H

#include <stdbool.h>

#include "augment.h"
#include "data.h"
#include "err.h"
#include "net.h"
#include "optim.h"
#include "rng.h"

typedef enum { FIT_CHOICE, FIT_SHUFFLE } Batches;
typedef enum { FIT_STOP_NONE, FIT_STOP_VALIDATION, FIT_STOP_LOSS } Stopping;
typedef enum { FIT_CONSTANT, FIT_COSINE } Schedule;

/* The names of the batchings ("choice", "shuffle"), of the stopping rules
 * ("none", "validation", "loss") and of the schedules ("constant",
 * "cosine"). */
const char *fit_batches_name(Batches b);
const char *fit_stop_name(Stopping s);
const char *fit_schedule_name(Schedule s);

/* Parse a name as the functions above spell it.  Return 0, or -1. */
int fit_batches_parse(Batches *b, const char *name);
int fit_stop_parse(Stopping *s, const char *name);
int fit_schedule_parse(Schedule *s, const char *name);

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
    double tol;          /* FIT_STOP_LOSS: the least improvement that counts */
    Schedule schedule;   /* the learning rate over the run */
    Warp warp;           /* warped copies of the images (see above) */
} FitConfig;

/* What one run did. */
typedef struct {
    bool diverged;
    int diverged_epoch, diverged_step; /* from 1; 0 if it did not */
    int epochs;          /* epochs trained before stopping or diverging */
    int best_epoch;      /* the epoch whose parameters were kept */
    bool warped;         /* the epochs trained on fresh warps (cfg->warp) */
    double loss;         /* training loss of the last epoch (see fit_run) */
    double val_cost;     /* validation cost and accuracy of the kept */
    double val_accuracy; /* parameters; NaN without FIT_STOP_VALIDATION */
} FitResult;

/* Buffers a run needs, allocated once: the gradient, the best parameters
 * so far, Adam's state, batch work space and the row order. */
typedef struct {
    Net grad;   /* shaped like the network */
    Net best;   /* likewise */
    Adam adam;  /* optim.h's defaults; lr set by each run */
    Work work;  /* batches and evaluation, up to cap rows */
    int *order; /* (n) row order of FIT_SHUFFLE */
    int *perm;  /* (n) a fresh permutation, or FIT_CHOICE's work space */
    int n;      /* training rows */
    double loss_sum; /* running sum of the epoch's batch losses x rows */
} Fitter;

/* Called after each epoch (from 1) with the network as it stands, the
 * epoch's training loss and, with FIT_STOP_VALIDATION, the validation cost
 * and accuracy (NaN otherwise). */
typedef void (*FitHook)(void *ctx, int epoch, const Net *net, double loss,
                        double val_cost, double val_accuracy);

/* Allocates a Fitter for net, n training rows, and batches or evaluation
 * passes of up to cap rows.  Returns 0 or -1 (out of memory). */
int fitter_init(Fitter *f, const Net *net, int n, int cap);

/* Releases a Fitter; NULL or an empty one is a no-op. */
void fitter_free(Fitter *f);

/* Does a validation result (cost, accuracy) improve on the best so far?
 * It must be more accurate, or as accurate at a lower cost: the accuracy
 * is what is wanted, and the cost breaks the ties that a validation set
 * of ~150 images makes frequent. */
bool fit_better(double cost, double accuracy, double best_cost,
                double best_accuracy);

/* Trains net on train under cfg, drawing batches from r; with
 * FIT_STOP_VALIDATION it scores val after every epoch (val must hold rows;
 * otherwise it may be NULL).  f was made for train->n rows and cap >= B
 * and >= val->n.  hook may be NULL.  The result goes to *res; its loss is
 * scikit-learn's: the mean over the epoch's rows of the batch cost
 * (mean cross-entropy + lambda / (2 b) sum W^2 for a batch of b rows, as
 * the parameters stood before the batch's step). */
void fit_run(Net *net, Fitter *f, const Dataset *train, const Dataset *val,
             Rng *r, const FitConfig *cfg, FitHook hook, void *ctx,
             FitResult *res);

/* Trains a copy of start: allocates *out (release it with net_free), sets
 * it to start and runs fit_run with cfg on train, drawing from a copy of
 * r, so the caller's stream does not move.  cfg->stop must not be
 * FIT_STOP_VALIDATION.  Returns 0, or -1 when memory runs out (out is then
 * empty). */
int fit_copy(Net *out, const Net *start, const Dataset *train,
             const FitConfig *cfg, Rng r, FitResult *res);

/* The learning rate of step s of S (both from 1) in epoch e (from 1)
 * under cfg->schedule (see above). */
double fit_rate(const FitConfig *cfg, int e, int s, int S);

/* For cfg->warp: out = the m rows of src followed by m rows for their
 * warps (zero until fit_run fills them), allocated here.  The images must
 * be the digits' 8 x 8.  Returns 0, or -1 with a message (other images,
 * out of memory; nothing then needs freeing). */
int fit_warp_data(Dataset *out, const Dataset *src, Error *err);

/* Splits src into fit (n - n_val rows) and val (n_val = ceil(fraction n)
 * rows) by one permutation of n drawn from r: val takes its first n_val
 * entries, fit the rest, in that order.  (scikit-learn's early stopping
 * draws a stratified split instead, so its draws differ.)  Both parts are
 * allocated here.  Returns 0, or -1 with a message (a part would be empty,
 * out of memory; nothing then needs freeing). */
int fit_split(Dataset *fit, Dataset *val, const Dataset *src,
              double fraction, Rng *r, Error *err);

#endif
