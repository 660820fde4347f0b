/* 09-fashion: the same network on Fashion-MNIST, 70,000 images of 28x28.
 *
 * Loads the 60,000 training and 10,000 test images (IDX files, lib/idx.h),
 * holds out 10,000 training images for validation, trains a 784-H-10
 * network with the library's training loop (lib/train.h) under the recipe
 * chosen on the validation images, and scores the test images once.
 * Writes the figures' data: sample images, the per-epoch curves, the
 * confusion matrix, first-layer weights and misclassified test images.
 * Book: chapter "A real-size data set".
 */
#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "cli.h"
#include "idx.h"
#include "out.h"
#include "summary.h"
#include "train.h"

#define FASHION_DIR "/usr/share/datasets/fashion-mnist"
#define MAX_EPOCHS 1000
#define SHOWN_UNITS 16   /* hidden units whose weights are written */
#define GALLERY 24       /* misclassified test images written */

static const char *const class_names[DATA_CLASSES] = {
    "T-shirt/top", "Trouser", "Pullover", "Dress", "Coat",
    "Sandal", "Shirt", "Sneaker", "Bag", "Ankle boot"};

/* ---- the recipe --------------------------------------------------------- */

//> recipe
/* The recipe, every value chosen on the validation images (book, section
 * "Choosing on validation images"); each is an option. */
typedef struct {
    int hidden;           /* H */
    Activation act;
    Optimizer optimizer;
    Schedule schedule;
    int epochs, batch;
    double eta, lambda;
    int flips;            /* 1: mirror a random half of the images each
                           * epoch (see flip_half) */
    int limit;            /* 0: every image; N: the first N of each file */
    int val;              /* validation images: a sixth of the training */
} Recipe9;

static Recipe9 recipe_default(void)
{
    return (Recipe9){.hidden = 512, .act = ACT_RELU,
                     .optimizer = OPTIM_ADAM, .schedule = RATE_COSINE,
                     .epochs = 30, .batch = 100, .eta = 1e-3, .lambda = 1e-4,
                     .flips = 0};
}
//< recipe

/* ---- the data ------------------------------------------------------------ */

typedef struct {
    Dataset train, val, test;
    int side; /* images are side x side */
} Fashion;

static void fashion_free(Fashion *f)
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

//> flips
/* Mirrors, left to right, each training image whose coin (from r) comes
 * up heads.  Called before every epoch, it leaves each image mirrored or
 * not with even odds, whatever it was before: a T-shirt seen in a mirror
 * is still a T-shirt, so the network sees twice the variety of images. */
static void flip_half(Dataset *train, int side, Rng *r)
{
    for (int i = 0; i < train->n; i++) {
        if (rng_next32(r) & 1)
            continue;
        double *img = train->X.data + (long)i * side * side;
        for (int row = 0; row < side; row++) {
            double *px = img + row * side;
            for (int a = 0, b = side - 1; a < b; a++, b--) {
                double t = px[a];
                px[a] = px[b], px[b] = t;
            }
        }
    }
}
//< flips

static int load_fashion(Fashion *f, const char *dir, const Recipe9 *rc,
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
    if (load_pair(&f->train, &tr, dir, "train", rc->limit, err) != 0 ||
        load_pair(&f->test, &te, dir, "t10k", rc->limit, err) != 0)
        goto fail;
    if (tr.rows != te.rows || tr.cols != te.cols || tr.rows != tr.cols) {
        err_set(err, "%s: training images of %dx%d, test images of %dx%d; "
                "expected the same square size", dir, tr.rows, tr.cols,
                te.rows, te.cols);
        goto fail;
    }
    f->side = tr.rows;
    int n_val = (f->train.n + 5) / 6; /* 10,000 of 60,000 */
    if (f->train.n - n_val < rc->batch) {
        err_set(err, "%d training images leave %d after validation, fewer "
                "than a batch of %d", f->train.n, f->train.n - n_val,
                rc->batch);
        goto fail;
    }
    if (hold_out(&f->train, &f->val, n_val, r, err) != 0)
        goto fail;
    return 0;
fail:
    fashion_free(f);
    return -1;
}

/* ---- the starting weights --------------------------------------------- */

/* Glorot and Bengio's uniform start (chapter 8, "Initialisation"): every
 * weight and bias of a layer with fan_in inputs and fan_out outputs from
 * U(-b, b), b = sqrt(6 / (fan_in + fan_out)), drawn in the order Wh (row
 * by row), bh, Wo, bo, each as -b + 2b u. */
static void fill_uniform(double *p, long n, double b, Rng *r)
{
    for (long i = 0; i < n; i++)
        p[i] = -b + 2.0 * b * rng_double(r);
}

static void init_glorot(Net *net, Rng *r)
{
    double bh = sqrt(6.0 / (net->D + net->H));
    double bo = sqrt(6.0 / (net->H + net->K));
    fill_uniform(net->Wh.data, (long)net->D * net->H, bh, r);
    fill_uniform(net->bh, net->H, bh, r);
    fill_uniform(net->Wo.data, (long)net->H * net->K, bo, r);
    fill_uniform(net->bo, net->K, bo, r);
}

/* ---- output files ------------------------------------------------------- */

/* Writes images (rows of X given by idx, n of them) as a TSV: image, row,
 * col, value, then the extra columns of each image in meta (n lines,
 * already tab-led). */
static int write_images(const char *dir, const char *name, const Matrix *X,
                        const int *idx, int n, int side, char meta[][96],
                        const char *meta_header, Error *err)
{
    OutFile o;
    if (out_open(&o, dir, name, err) != 0)
        return -1;
    fprintf(o.f, "image\trow\tcol\tvalue%s\n", meta_header);
    for (int k = 0; k < n; k++)
        for (int p = 0; p < side * side; p++)
            fprintf(o.f, "%d\t%d\t%d\t%.6g%s\n", k, p / side, p % side,
                    mat_at(X, idx[k], p), meta[k]);
    return out_commit(&o, err);
}

/* The first training image of each class. */
static int write_samples(const char *dir, const Fashion *f, Error *err)
{
    int idx[DATA_CLASSES], n = 0;
    char meta[DATA_CLASSES][96];
    for (int c = 0; c < DATA_CLASSES; c++)
        for (int i = 0; i < f->train.n; i++)
            if (f->train.labels[i] == c) {
                snprintf(meta[n], sizeof meta[n], "\t%d\t%s", c,
                         class_names[c]);
                idx[n++] = i;
                break;
            }
    return write_images(dir, "samples.tsv", &f->train.X, idx, n, f->side,
                        meta, "\tlabel\tname", err);
}

/* Weights of the first SHOWN_UNITS hidden units, as side x side images. */
static int write_weights(const char *dir, const Net *net, int side,
                         Error *err)
{
    OutFile o;
    if (out_open(&o, dir, "weights.tsv", err) != 0)
        return -1;
    fprintf(o.f, "unit\trow\tcol\tweight\n");
    for (int u = 0; u < SHOWN_UNITS && u < net->H; u++)
        for (int p = 0; p < net->D; p++)
            fprintf(o.f, "%d\t%d\t%d\t%.6g\n", u, p / side, p % side,
                    mat_at(&net->Wh, p, u));
    return out_commit(&o, err);
}

/* counts (K * K, row-major) = how many test images of true class t
 * (row) were predicted p (column); printed with the class numbers along
 * both sides. */
static void confusion(int *counts, const int *pred, const int *labels,
                      int n)
{
    memset(counts, 0, DATA_CLASSES * DATA_CLASSES * sizeof *counts);
    for (int i = 0; i < n; i++)
        counts[labels[i] * DATA_CLASSES + pred[i]]++;
    printf("Confusion matrix of the test images (rows: true class, "
           "columns: predicted)\n");
    printf("true\\predicted");
    for (int p = 0; p < DATA_CLASSES; p++)
        printf("%5d", p);
    printf("\n");
    for (int t = 0; t < DATA_CLASSES; t++) {
        printf("%14d", t);
        for (int p = 0; p < DATA_CLASSES; p++)
            printf("%5d", counts[t * DATA_CLASSES + p]);
        printf("\n");
    }
}

/* The per-epoch curves: epoch, loss, val_cost, val_accuracy, seconds. */
static int write_curves(const char *dir, const double *const *v, int n,
                        Error *err)
{
    OutFile o;
    if (out_open(&o, dir, "curves.tsv", err) != 0)
        return -1;
    fprintf(o.f, "epoch\tloss\tval_cost\tval_accuracy\tseconds\n");
    for (int e = 0; e < n; e++)
        fprintf(o.f, "%d\t%.17g\t%.17g\t%.17g\t%.6g\n", e + 1, v[0][e],
                v[1][e], v[2][e], v[3][e]);
    return out_commit(&o, err);
}

/* The confusion matrix, with the class names. */
static int write_confusion(const char *dir, const int *counts, Error *err)
{
    OutFile o;
    if (out_open(&o, dir, "confusion.tsv", err) != 0)
        return -1;
    fprintf(o.f, "true\tpredicted\tcount\ttrue_name\tpredicted_name\n");
    for (int t = 0; t < DATA_CLASSES; t++)
        for (int p = 0; p < DATA_CLASSES; p++)
            fprintf(o.f, "%d\t%d\t%d\t%s\t%s\n", t, p,
                    counts[t * DATA_CLASSES + p], class_names[t],
                    class_names[p]);
    return out_commit(&o, err);
}

/* The first GALLERY misclassified test images. */
static int write_gallery(const char *dir, const Dataset *test,
                         const int *pred, int side, Error *err)
{
    int idx[GALLERY], n = 0;
    char meta[GALLERY][96];
    for (int i = 0; i < test->n && n < GALLERY; i++)
        if (pred[i] != test->labels[i]) {
            snprintf(meta[n], sizeof meta[n], "\t%d\t%d\t%d\t%s\t%s", i,
                     test->labels[i], pred[i], class_names[test->labels[i]],
                     class_names[pred[i]]);
            idx[n++] = i;
        }
    return write_images(dir, "misclassified.tsv", &test->X, idx, n, side,
                        meta, "\ttest_index\ttrue\tpredicted\ttrue_name\t"
                        "predicted_name", err);
}

/* ---- progress ------------------------------------------------------------ */

static int cmp_double(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;
    return (x > y) - (x < y);
}

static double now(void)
{
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return t.tv_sec + 1e-9 * t.tv_nsec;
}

/* Processor seconds this process has used: on a busy machine, closer to
 * what a run on a quiet one takes than the clock on the wall. */
static double cpu_now(void)
{
    struct timespec t;
    clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &t);
    return t.tv_sec + 1e-9 * t.tv_nsec;
}

/* The median of v (n > 0 values); v is reordered. */
static double median(double *v, int n)
{
    qsort(v, (size_t)n, sizeof *v, cmp_double);
    return n % 2 ? v[n / 2] : 0.5 * (v[n / 2 - 1] + v[n / 2]);
}

/* What the epoch hook records. */
typedef struct {
    int epochs, rows;      /* planned epochs, rows one epoch trains on */
    bool quiet, tty;       /* no clock and no progress line; stderr a tty */
    double start, last;    /* clock at the start, after the last epoch */
    double cpu_last;       /* processor seconds after the last epoch */
    double *loss, *val_cost, *val_acc, *secs; /* (epochs) per epoch */
    double *cpu;           /* (epochs) processor seconds per epoch */
    Dataset *flip;         /* images to mirror between epochs, or NULL */
    int side;
    Rng flip_rng;          /* the mirrors' own stream */
} Progress;

/* After each epoch: keep the curves, print the progress line. */
static void on_epoch(void *ctx, int e, const Net *net, double loss,
                     double val_cost, double val_acc)
{
    (void)net;
    Progress *p = ctx;
    double t = p->quiet ? 0.0 : now(), c = p->quiet ? 0.0 : cpu_now();
    p->cpu[e - 1] = c - p->cpu_last, p->cpu_last = c;
    p->loss[e - 1] = loss, p->val_cost[e - 1] = val_cost;
    p->val_acc[e - 1] = val_acc, p->secs[e - 1] = t - p->last;
    p->last = t;
    if (p->flip && e < p->epochs)
        flip_half(p->flip, p->side, &p->flip_rng); /* for epoch e + 1 */
    if (p->quiet)
        return;
    double left = (t - p->start) / e * (p->epochs - e);
    fprintf(stderr, "%sepoch %d/%d  %.0f images/s  cost %.4f  validation "
            "%.4f  %.0f s left%s", p->tty ? "\r" : "", e, p->epochs,
            p->rows / p->secs[e - 1], loss, val_acc, left,
            p->tty ? (e == p->epochs ? "\n" : "  ") : "\n");
    fflush(stderr);
}

/* ---- the run ------------------------------------------------------------- */

static void print_shapes(const Fashion *f, const char *dir)
{
    int counts[DATA_CLASSES] = {0};
    for (int i = 0; i < f->train.n; i++)
        counts[f->train.labels[i]]++;
    printf("Fashion-MNIST from %s\n", dir);
    printf("images %dx%d, D = %d pixels scaled to [0, 1]\n", f->side,
           f->side, f->train.X.cols);
    printf("training %d, validation %d (held out), test %d\n", f->train.n,
           f->val.n, f->test.n);
    printf("training images per class:\n");
    for (int c = 0; c < DATA_CLASSES; c++)
        printf("  %d %-12s %5d\n", c, class_names[c], counts[c]);
}

/* Trains net on f under rc; fills p and res. */
static int train(Net *net, Fashion *f, const Recipe9 *rc, Rng *r,
                 Progress *p, TrainResult *res, Error *err)
{
    Trainer trainer;
    TrainConfig cfg = {
        .max_epochs = rc->epochs, .batch_size = rc->batch, .eta = rc->eta,
        .lambda = rc->lambda, .mean_grad = true, .batches = BATCH_SHUFFLE,
        .optimizer = rc->optimizer, .stop = STOP_VALIDATION,
        .patience = rc->epochs, .schedule = rc->schedule};
    /* The validation images are scored in pieces of up to cap rows. */
    int cap = rc->batch > 1000 ? rc->batch : 1000;
    TrainData data = {.train = &f->train, .val = &f->val};
    if (trainer_init(&trainer, net, f->train.n, cap) != 0)
        return err_set(err, "out of memory");
    if (p->flip)
        flip_half(p->flip, p->side, &p->flip_rng); /* for epoch 1 */
    p->start = p->last = p->quiet ? 0.0 : now();
    p->cpu_last = p->quiet ? 0.0 : cpu_now();
    int status = train_run(net, &trainer, &data, r, &cfg, on_epoch, p, res,
                           err);
    trainer_free(&trainer);
    if (status != 0)
        return -1;
    if (!p->quiet && p->tty && res->epochs < rc->epochs)
        fputc('\n', stderr); /* end the bar of a run cut short */
    return 0;
}

static void print_summary(const Recipe9 *rc, const Fashion *f,
                          const TrainResult *res, const Progress *p,
                          double test_acc, double train_secs)
{
    double wall[MAX_EPOCHS], cpu[MAX_EPOCHS];
    int n = res->epochs;
    memcpy(wall, p->secs, (size_t)n * sizeof *wall);
    memcpy(cpu, p->cpu, (size_t)n * sizeof *cpu);
    summary_begin();
    summary_int("hidden", rc->hidden);
    summary_text("activation", act_name(rc->act));
    summary_text("optimizer", optim_name(rc->optimizer));
    summary_text("schedule", train_schedule_name(rc->schedule));
    summary_double("eta", rc->eta);
    summary_double("lambda", rc->lambda);
    summary_int("batch", rc->batch);
    summary_int("flips", rc->flips);
    summary_int("epochs", rc->epochs);
    summary_int("best_epoch", res->best_epoch);
    summary_int("train_rows", f->train.n);
    summary_int("validation_rows", f->val.n);
    summary_int("test_rows", f->test.n);
    summary_double("accuracy_test", test_acc);
    summary_double("accuracy_validation", res->val_accuracy);
    summary_double("train_seconds", train_secs);
    summary_double("epoch_seconds", n ? median(wall, n) : NAN);
    summary_double("epoch_cpu_seconds", n ? median(cpu, n) : NAN);
    summary_end();
}

static int run(const Cli *cli, const char *dir, const Recipe9 *rc,
               bool quiet)
{
    Error err;
    Fashion f;
    Net net = {0};
    TrainResult res;
    int *pred = NULL, counts[DATA_CLASSES * DATA_CLASSES], status = 2;
    double curves[5][MAX_EPOCHS];
    Rng r;
    rng_seed(&r, cli->seed);
    if (load_fashion(&f, dir, rc, &r, &err) != 0)
        return cli_fail(cli, &err);
    print_shapes(&f, dir);
    if (write_samples(cli->out, &f, &err) != 0) /* before any mirroring */
        goto out;
    Progress p = {.epochs = rc->epochs, .rows = f.train.n, .quiet = quiet,
                  .tty = isatty(2), .loss = curves[0],
                  .val_cost = curves[1], .val_acc = curves[2],
                  .secs = curves[3], .cpu = curves[4], .flip = rc->flips ? &f.train : NULL,
                  .side = f.side};
    rng_seed(&p.flip_rng, cli->seed ^ 0x9e3779b9u);
    pred = malloc((size_t)f.test.n * sizeof *pred);
    if (!pred || net_init(&net, f.train.X.cols, rc->hidden, DATA_CLASSES,
                          rc->act) != 0) {
        err_set(&err, "out of memory");
        goto out;
    }
    init_glorot(&net, &r);
    printf("\n%d-%d-%d network, %s, %s, %s schedule,\n"
           "eta %g, lambda %g, batch %d, %d epochs, %s\n", net.D, net.H,
           net.K, act_name(rc->act), optim_name(rc->optimizer),
           train_schedule_name(rc->schedule), rc->eta, rc->lambda, rc->batch,
           rc->epochs, rc->flips ? "mirrored images" : "no mirroring");
    if (train(&net, &f, rc, &r, &p, &res, &err) != 0)
        goto out;
    double train_secs = quiet ? 0.0 : now() - p.start;
    printf("best validation accuracy %.4f after epoch %d of %d%s\n",
           res.val_accuracy, res.best_epoch, res.epochs,
           res.diverged ? " (then diverged)" : "");
    double test_cost, test_acc;
    Work w;
    if (work_init(&w, &net, 1000) != 0) {
        err_set(&err, "out of memory");
        goto out;
    }
    train_evaluate(&net, &f.test, &w, &test_cost, &test_acc, pred);
    work_free(&w);
    printf("test accuracy %.4f (cost %.4f), scored once\n\n", test_acc,
           test_cost);
    confusion(counts, pred, f.test.labels, f.test.n);
    for (int c = 0; c < DATA_CLASSES; c++) /* two lines of five */
        printf("%s%d %s", c == 0 ? "classes: " : c == 5 ? ",\n         "
               : ", ", c, class_names[c]);
    printf("\n\n");
    const double *cols[4] = {curves[0], curves[1], curves[2], curves[3]};
    if (write_curves(cli->out, cols, res.epochs, &err) ||
        write_confusion(cli->out, counts, &err) ||
        write_weights(cli->out, &net, f.side, &err) ||
        write_gallery(cli->out, &f.test, pred, f.side, &err))
        goto out;
    print_summary(rc, &f, &res, &p, test_acc, train_secs);
    status = 0;
out:
    net_free(&net);
    free(pred);
    fashion_free(&f);
    return status ? cli_fail(cli, &err) : 0;
}

/* ---- main ----------------------------------------------------------------- */

int main(int argc, char **argv)
{
    Cli cli = {.program = "09-fashion",
               .purpose = "The 784-H-10 network on Fashion-MNIST (--data "
                          "DIR: its four IDX files, default " FASHION_DIR
                          ").",
               .data_help = "DIR    the four IDX files (default "
                            FASHION_DIR ")"};
    Recipe9 rc = recipe_default();
    const char *act = act_name(rc.act), *opt = optim_name(rc.optimizer);
    const char *sched = train_schedule_name(rc.schedule);
    int quiet = 0;
    CliOption opts[] = {
        {"--epochs", OPT_INT, &rc.epochs, 1, MAX_EPOCHS, "epochs (30)"},
        {"--hidden", OPT_INT, &rc.hidden, 1, 4096, "hidden units H (512)"},
        {"--limit", OPT_INT, &rc.limit, 0, 1e7,
         "use the first N images of each file (0: all)"},
        {"--batch-size", OPT_INT, &rc.batch, 1, 60000, "images per step (100)"},
        {"--eta", OPT_DOUBLE, &rc.eta, 1e-9, 1e3, "learning rate (0.001)"},
        {"--lambda", OPT_DOUBLE, &rc.lambda, 0, 1e3, "L2 strength (0.0001)"},
        {"--activation", OPT_STRING, &act, 0, 0, "sigmoid, tanh or relu (relu)"},
        {"--optimizer", OPT_STRING, &opt, 0, 0, "sgd or adam (adam)"},
        {"--schedule", OPT_STRING, &sched, 0, 0, "constant or cosine (cosine)"},
        {"--flips", OPT_INT, &rc.flips, 0, 1,
         "1: mirror a random half of the images each epoch (0)"},
        {"--quiet", OPT_FLAG, &quiet, 0, 0,
         "no progress line and no clock (times 0)"}};
    Error err;
    int status = cli_parse(&cli, argc, argv, opts, CLI_COUNT(opts), stdout,
                           &err);
    if (status != 0)
        return status > 0 ? cli_finish(&cli, 0) : cli_fail(&cli, &err);
    if (act_parse(&rc.act, act) != 0)
        err_set(&err, "--activation: expected sigmoid, tanh or relu, got "
                "'%.40s'", act), status = -1;
    else if (optim_parse(&rc.optimizer, opt) != 0)
        err_set(&err, "--optimizer: expected sgd or adam, got '%.40s'", opt),
            status = -1;
    else if (train_schedule_parse(&rc.schedule, sched) != 0)
        err_set(&err, "--schedule: expected constant or cosine, got '%.40s'",
                sched), status = -1;
    if (status != 0)
        return cli_fail(&cli, &err);
    const char *dir = cli.data == cli.data_buf ? FASHION_DIR : cli.data;
    return cli_finish(&cli, run(&cli, dir, &rc, quiet));
}
