/* 09-fashion: the same network on Fashion-MNIST, 70,000 images of 28x28.
 *
 * Loads the 60,000 training and 10,000 test images (fashion_data.h),
 * holds out 10,000 training images for validation, trains a 784-H-10
 * network with the library's training loop (lib/train.h) under the recipe
 * chosen on the validation images (fashion_recipe.h), then refits: trains
 * the same recipe afresh on all 60,000 training images, and scores that
 * final network on the test images, once (--no-refit: scores the network
 * of the validated run instead).  Writes the figures' data
 * (fashion_outputs.h): sample images, the per-epoch curves (of the
 * validated run), the confusion matrix, first-layer weights and
 * misclassified test images (of the network scored).  Book: chapter "A
 * real-size data set".
 */
#include <math.h>
#include <omp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <unistd.h>
#include <zlib.h>

#include "cli.h"
#include "fashion_data.h"
#include "fashion_outputs.h"
#include "fashion_progress.h"
#include "fashion_recipe.h"
#include "summary.h"
#include "train.h"

#define FASHION_DIR "/usr/share/datasets/fashion-mnist"
#define MAX_EPOCHS 1000

/* ---- the run ------------------------------------------------------------- */

/* Trains net on f->train under rc; fills p and res. */
static int train(Net *net, Fashion *f, const FashionRecipe *rc, Rng *r,
                 Progress *p, TrainResult *res, Error *err)
{
    Trainer trainer;
    TrainConfig cfg;
    fashion_train_config(&cfg, rc);
    if (p->refit) /* no validation images: every epoch, the last kept */
        cfg.stop = STOP_NONE;
    /* The validation images are scored in pieces of up to cap rows. */
    int cap = fashion_eval_rows(rc);
    TrainData data = {.train = &f->train, .val = p->refit ? NULL : &f->val};
    if (trainer_init(&trainer, net, f->train.n, cap) != 0)
        return err_set(err, "out of memory");
    if (p->augment) /* for epoch 1 */
        fashion_augment(p->augment, p->train, &p->augment_rng);
    p->start = p->last = p->quiet ? 0.0 : progress_now();
    p->cpu_last = p->quiet ? 0.0 : progress_cpu_now();
    int status = train_run(net, &trainer, &data, r, &cfg, progress_on_epoch,
                           p, res, err);
    trainer_free(&trainer);
    if (status != 0)
        return -1;
    if (!p->quiet && p->tty && res->epochs < rc->epochs)
        fputc('\n', stderr); /* end the bar of a run cut short */
    return 0;
}

//> fit
/* One training run of rc on f->train from Glorot's start, drawn from r:
 * the validated run (f->val scored after every epoch, the best epoch's
 * network kept) or, with p->refit, the refit (every epoch, the last
 * network kept).  The augmentation draws from a stream seeded afresh from
 * seed, and the images are put back as loaded at the end.  Fills p
 * (whose arrays the caller set) and res. */
static int fit(Net *net, Fashion *f, const FashionRecipe *rc, uint32_t seed,
               Rng *r, Progress *p, TrainResult *res, Error *err)
{
    FashionAugment aug;
    p->epochs = rc->epochs, p->rows = f->train.n, p->train = &f->train;
    rng_seed(&p->augment_rng, seed ^ FASHION_AUGMENT_SEED);
    if (fashion_augment_init(&aug, &f->train, f->side, rc, err) != 0)
        return -1;
    p->augment = fashion_augment_on(&aug) ? &aug : NULL;
    fashion_init_glorot(net, r);
    int status = train(net, f, rc, r, p, res, err);
    fashion_augment_undo(&aug, &f->train);
    fashion_augment_free(&aug);
    return status;
}
//< fit

/* A Progress for fit that records into c: the training loss, the
 * validation cost and accuracy, the seconds and the processor seconds of
 * each epoch. */
static Progress progress_into(double c[5][MAX_EPOCHS], bool quiet,
                              bool refit)
{
    return (Progress){.quiet = quiet, .tty = isatty(2), .refit = refit,
                      .loss = c[0], .val_cost = c[1], .val_acc = c[2],
                      .secs = c[3], .cpu = c[4]};
}

/* A CRC-32 of the trained parameters' bytes: two runs trained the same
 * network exactly when they print the same one. */
static unsigned long params_crc(const Net *net)
{
    const unsigned char *b = (const unsigned char *)net->params;
    size_t left = net->n_params * sizeof *net->params;
    uLong crc = crc32(0L, Z_NULL, 0);
    while (left > 0) { /* zlib takes at most UINT_MAX bytes a call */
        uInt piece = left > (1u << 30) ? (1u << 30) : (uInt)left;
        crc = crc32(crc, b, piece);
        b += piece, left -= piece;
    }
    return crc;
}

/* ---- memory ---------------------------------------------------------- */

#define BASE_BYTES 8e6 /* the program, its libraries and their buffers */

/* The bytes the run needs beyond the images f already holds, in double so
 * that no product wraps: the network, and the trainer's gradient, best
 * copy and Adam's two moments (5 sets of P parameters); its row orders;
 * the rows it scores at once through the layers (D + 2H + 2K values a
 * row); the augmentation's byte copy of the training images; the test
 * predictions.  One run trains at a time, on at most rows images (the
 * refit's, when it follows: the validation images rejoin the training
 * images in the storage they left, fashion_rejoin).  The name of what it
 * depends on goes to what (160 bytes), for the messages of cli.h. */
static double extra_bytes(const Fashion *f, const FashionRecipe *rc,
                          int rows_trained, char *what)
{
    double D = f->train.X.cols, H = rc->hidden, K = DATA_CLASSES;
    double P = D * H + H + H * K + K, n = rows_trained;
    double rows = fashion_eval_rows(rc);
    double aug = rc->flips || rc->shifts ? n * D : 0.0;
    snprintf(what, 160, "--hidden %d, --batch-size %d and %d training "
             "images", rc->hidden, rc->batch, rows_trained);
    return 5 * 8 * P + 2 * 8 * n + 8 * rows * (D + 2 * H + 2 * K) + aug +
           4.0 * f->test.n;
}

/* The bytes of the images f holds: pixels as doubles, labels as ints. */
static double data_bytes(const Fashion *f)
{
    double rows = (double)f->train.n + f->val.n + f->test.n;
    return rows * (8.0 * f->train.X.cols + 4);
}

/* The summary line; refit is NULL when none ran (--no-refit). */
static void print_summary(const FashionRecipe *rc, const Fashion *f,
                          const TrainResult *res, const Progress *p,
                          const Progress *refit, const Net *net,
                          double test_acc, double need)
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
    summary_int("shifts", rc->shifts);
    summary_int("epochs", rc->epochs);
    summary_int("best_epoch", res->best_epoch);
    summary_int("train_rows", p->rows);
    summary_int("validation_rows", f->val.n);
    summary_int("test_rows", f->test.n);
    summary_double("accuracy_test", test_acc);
    summary_int("params_crc32", (long)params_crc(net));
    summary_double("accuracy_validation", res->val_accuracy);
    summary_double("train_seconds", p->last - p->start);
    summary_double("epoch_seconds", n ? progress_median(wall, n) : NAN);
    summary_double("epoch_cpu_seconds", n ? progress_median(cpu, n) : NAN);
    summary_int("refit_rows", refit ? refit->rows : 0);
    summary_double("refit_seconds", refit ? refit->last - refit->start : 0);
    struct rusage ru; /* the most memory held at once, so far */
    bool rss = !p->quiet && getrusage(RUSAGE_SELF, &ru) == 0;
    summary_int("memory_mb", (long)ceil(need / 1e6));
    summary_double("max_rss_mb", rss ? ru.ru_maxrss / 1024.0 : 0.0);
    summary_end();
}

static int run(const Cli *cli, const char *dir, const FashionRecipe *rc,
               long limit, bool quiet, bool refit)
{
    Error err;
    Fashion f;
    Net net = {0};
    TrainResult res, refit_res;
    int *pred = NULL, counts[DATA_CLASSES * DATA_CLASSES], status = 2;
    double curves[5][MAX_EPOCHS], refit_curves[5][MAX_EPOCHS];
    Rng r, refit_r;
    OutSet set; /* the run's files, written together at the end */
    out_set_init(&set);
    rng_seed(&r, cli->seed);
    if (fashion_load(&f, dir, limit, rc->batch, &r, &err) != 0)
        return cli_fail(cli, &err);
    fashion_print_shapes(&f, dir);
    refit_r = r; /* the refit starts from the same weights */
    char what[160];
    int most_rows = f.train.n + (refit ? f.val.n : 0);
    double extra = extra_bytes(&f, rc, most_rows, what);
    double need = BASE_BYTES + data_bytes(&f) + extra;
    if (cli_memory_check(extra, what, &err) != 0) /* before the network */
        goto out;
    if (fashion_write_samples(&set, cli->out, &f, &err) != 0) /* as loaded */
        goto out;
    Progress p = progress_into(curves, quiet, false);
    Progress q = progress_into(refit_curves, quiet, true);
    pred = malloc((size_t)f.test.n * sizeof *pred);
    if (!pred || net_init(&net, f.train.X.cols, rc->hidden, DATA_CLASSES,
                          rc->act) != 0) {
        cli_out_of_memory(extra, what, &err);
        goto out;
    }
    printf("\n%d-%d-%d network, %s, %s, %s schedule,\n"
           "eta %g, lambda %g, batch %d, %d epochs, %s\n", net.D, net.H,
           net.K, act_name(rc->act), optim_name(rc->optimizer),
           train_schedule_name(rc->schedule), rc->eta, rc->lambda, rc->batch,
           rc->epochs, rc->shifts ? (rc->flips ? "images mirrored and shifted"
                                  : "images shifted")
           : rc->flips ? "images mirrored" : "no augmentation");
    if (fit(&net, &f, rc, cli->seed, &r, &p, &res, &err) != 0)
        goto failed;
    printf("best validation accuracy %.4f after epoch %d of %d%s\n",
           res.val_accuracy, res.best_epoch, res.epochs,
           res.diverged ? " (then diverged)" : "");
    if (refit) { /* the final network: the same recipe on every image */
        fashion_rejoin(&f);
        if (fit(&net, &f, rc, cli->seed, &refit_r, &q, &refit_res,
                &err) != 0)
            goto failed;
        printf("refit on all %d training images, %d epochs%s: training "
               "loss %.4f\n", f.train.n, refit_res.epochs,
               refit_res.diverged ? " (then diverged)" : "",
               refit_res.loss);
    }
    double test_cost, test_acc;
    Work w;
    if (work_init(&w, &net, FASHION_EVAL_ROWS) != 0) {
        err_set(&err, "out of memory");
        goto out;
    }
    train_evaluate(&net, &f.test, &w, &test_cost, &test_acc, pred);
    work_free(&w);
    printf("test accuracy %.4f (cost %.4f), scored once\n\n", test_acc,
           test_cost);
    fashion_confusion(counts, pred, f.test.labels, f.test.n);
    for (int c = 0; c < DATA_CLASSES; c++) /* two lines of five */
        printf("%s%d %s", c == 0 ? "classes: " : c == 5 ? ",\n         "
               : ", ", c, fashion_class_name(c));
    printf("\n\n");
    const double *cols[4] = {curves[0], curves[1], curves[2], curves[3]};
    if (fashion_write_curves(&set, cli->out, cols, res.epochs, &err) ||
        fashion_write_confusion(&set, cli->out, counts, &err) ||
        fashion_write_weights(&set, cli->out, &net, f.side, &err) ||
        fashion_write_gallery(&set, cli->out, &f.test, pred, f.side, &err) ||
        out_set_commit(&set, &err)) /* the run's files, together */
        goto out;
    print_summary(rc, &f, &res, &p, refit ? &q : NULL, &net, test_acc,
                  need);
    status = 0;
    goto out;
failed:
    if (strstr(err.msg, "out of memory")) /* say what it needed */
        cli_out_of_memory(extra, what, &err);
out:
    out_set_free(&set);
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
                            FASHION_DIR ")",
               .notes = "memory: after loading the images the run computes "
                        "what the network and\nits trainer need from "
                        "--hidden and --batch-size, refuses a run that "
                        "cannot\nfit, and states the whole need in its "
                        "summary as memory_mb (megabytes of\n10^6 bytes), "
                        "which covers the refit.\n\n"
                        "Two runs: the validated run trains on the training "
                        "images less the\nvalidation images and keeps its "
                        "best epoch on them; the refit then trains\nthe "
                        "same recipe afresh, from the same start, on all "
                        "the training images\n(validation images "
                        "included) and keeps its last epoch.  The test "
                        "images\nscore the refit's network (--no-refit: "
                        "the validated run's), once.\n"
                        "summary: train_rows, train_seconds, epoch_seconds,"
                        " epoch_cpu_seconds,\nbest_epoch and "
                        "accuracy_validation are the validated run's (rows"
                        " one\nepoch trains on, the whole training's "
                        "seconds, an epoch's median seconds);\nrefit_rows "
                        "and refit_seconds the refit's (0 with --no-refit);"
                        "\naccuracy_test and params_crc32 the network "
                        "scored on the test images."};
    FashionRecipe rc = fashion_recipe();
    int limit = 0;
    const char *act = act_name(rc.act), *opt = optim_name(rc.optimizer);
    const char *sched = train_schedule_name(rc.schedule);
    int quiet = 0, threads = 0, no_refit = 0;
    CliOption opts[] = {
        {"--epochs", OPT_INT, &rc.epochs, 1, MAX_EPOCHS, "epochs (30)"},
        {"--hidden", OPT_INT, &rc.hidden, 1, 4096, "hidden units H (512)"},
        {"--limit", OPT_INT, &limit, 0, 1e7,
         "use the first N images of each file (0: all)"},
        {"--batch-size", OPT_INT, &rc.batch, 1, 60000, "images per step (100)"},
        {"--eta", OPT_DOUBLE, &rc.eta, 1e-9, 1e3, "learning rate (0.002)"},
        {"--lambda", OPT_DOUBLE, &rc.lambda, 0, 1e3, "L2 strength (0.0001)"},
        {"--activation", OPT_STRING, &act, 0, 0, "sigmoid, tanh or relu (relu)"},
        {"--optimizer", OPT_STRING, &opt, 0, 0, "sgd or adam (adam)"},
        {"--schedule", OPT_STRING, &sched, 0, 0, "constant or cosine (cosine)"},
        {"--flips", OPT_INT, &rc.flips, 0, 1,
         "1: mirror a random half of the images each epoch (0)"},
        {"--shifts", OPT_INT, &rc.shifts, 0, 1,
         "1: move each image by up to a pixel each way, each epoch (0)"},
        {"--threads", OPT_INT, &threads, 0, 256,
         "threads for the large products and updates (0: OpenMP's "
         "default); the results are the same for any number"},
        {"--no-refit", OPT_FLAG, &no_refit, 0, 0,
         "score the validated run's network on the test images, not the "
         "refit's"},
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
    if (threads > 0)
        omp_set_num_threads(threads);
    const char *dir = cli.data == cli.data_buf ? FASHION_DIR : cli.data;
    return cli_finish(&cli, run(&cli, dir, &rc, limit, quiet, !no_refit));
}
