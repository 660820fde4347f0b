/* 08-beyond: closing the gap to scikit-learn, one measured repair at a time.
 *
 * Trains the network the options describe (by default the final recipe)
 * and cell 7's on this seed's split; shows that a step of the tutorial is
 * a step of scikit-learn's SGD; runs the ablation from cell 7 to the final
 * recipe over several seeds; reruns chapter 7's grid with the repaired SGD
 * and with the final recipe; prints scikit-learn's numbers
 * (tests/golden/sklearn.txt) beside ours.  Book: chapter "Closing the gap".
 * --save FILE keeps the network of the options (lib/netio.h), for
 * tools/predict and the HTML book's draw-a-digit widget.
 */
#define _XOPEN_SOURCE 700 /* realpath */
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#ifdef _OPENMP
#include <omp.h>
#endif

#include "ablation.h"
#include "cli.h"
#include "init.h"
#include "kv.h"
#include "notebook.h"
#include "recipe_cli.h"
#include "sections.h"
#include "train.h"

#define MAX_SEEDS 100

/* ---- like for like ---------------------------------------------------- */

//> one-step
/* From cell 7's network (drawn from the stream at cell 3), one step on its
 * first batch: the tutorial's (summed, eta) and scikit-learn's (mean,
 * lr = eta B), same lambda.  d[0] = the largest change of a parameter,
 * d[1] = the largest difference between the two results. */
static int one_step(double d[2], const Dataset *train, Rng rng,
                    Error *err)
{
    TrainConfig cfg = train_cell7();
    int B = cfg.batch_size;
    Net start = {0}, a = {0}, b = {0};
    Dataset batch = {0};
    TrainResult res;
    int status = -1;
    int *idx = malloc((size_t)B * sizeof *idx);
    int *perm = malloc((size_t)train->n * sizeof *perm);
    if (!idx || !perm || net_init(&start, train->X.cols, NB_HIDDEN,
                                  DATA_CLASSES, ACT_SIGMOID) != 0) {
        err_set(err, "out of memory");
        goto out;
    }
    init_net(&start, INIT_RANDN, &rng); /* cell 7's weights */
    rng_choice_noreplace(&rng, idx, B, train->n, perm);
    if (data_subset(&batch, train, idx, B) != 0) {
        err_set(err, "out of memory");
        goto out;
    }
    cfg.max_epochs = 1;
    cfg.batches = BATCH_SHUFFLE; /* the one batch, whole */
    if (train_copy(&a, &start, &batch, &cfg, rng, &res, err) != 0)
        goto out;
    cfg.mean_grad = true; /* scikit-learn's step: mean, lr = eta B */
    cfg.eta *= B;
    if (train_copy(&b, &start, &batch, &cfg, rng, &res, err) != 0)
        goto out;
    d[0] = net_max_diff(&a, &start);
    d[1] = net_max_diff(&a, &b);
    status = 0;
out:
    net_free(&a);
    net_free(&b);
    net_free(&start);
    data_free(&batch);
    free(perm);
    free(idx);
    return status;
}
//< one-step



/* One step of the tutorial against one of scikit-learn's SGD (one_step),
 * with the reference's numbers for the same step. */
static int show_one_step(const Cli *cli, const Notebook *nb,
                         const KvFile *kv, Summary *s, Error *err)
{
    if (one_step(s->step, &nb->train, nb->rng, err) != 0)
        return -1;
    kv_get_seeded(kv, "step", cli->seed, s->sk_step, 2);
    printf("\n== Like for like ==\nOne step from cell 7's network on its "
           "first batch of 100:\n  tutorial      p -= eta (sum g + lambda "
           "W)       eta 0.1, lambda 0.1\n  scikit-learn  p -= lr (sum g + "
           "alpha W) / B   lr = 100 eta = 10, alpha 0.1\n");
    printf("largest change of a parameter %10.4g (scikit-learn: %.4g)\n"
           "largest difference of the two %10.4g (scikit-learn: %.4g)\n",
           s->step[0], s->sk_step[0], s->step[1], s->sk_step[1]);
    return 0;
}


/* The ablation over n seeds from cli->seed on, each on its own split. */
static int show_ablation(const Cli *cli, const Dataset *data,
                         const AblationRow *rows, int n, const KvFile *kv,
                         Outputs *o, Summary *s, Error *err)
{
    Ablation a;
    if (ablation_run(&a, rows, ABLATION_ROWS, data, cli->seed, n, kv, err))
        return -1;
    printf("\n== Ablation: test accuracy over seeds %u to %u ==\n",
           a.seed[0], a.seed[n - 1]);
    ablation_print(stdout, &a, rows);
    printf("(sat0, sat1: share of saturated hidden activations before and "
           "after training)\n\nAny row on one seed: 08-beyond --seed S "
           "--seeds 0 --no-grids and\n");
    for (int r = 0; r < ABLATION_ROWS; r++) {
        char label[16];
        snprintf(label, sizeof label, "%d: ", r);
        recipe_print_options(stdout, label, &rows[r].recipe);
        s->mean[r] = ablation_spread(&a, r, ABL_ACCURACY).mean;
    }
    printf("\nSeed by seed: row 7 and its scikit-learn twin (same weights, "
           "same batches),\nand the final recipe:\n");
    for (int i = 0; i < n; i++)
        printf("  seed %3u  row 7 %.4f  scikit-learn %.4f  final %.4f\n",
               a.seed[i], a.col[ABL_ACCURACY][ABLATION_TWIN * n + i],
               a.col[ABL_SKLEARN][ABLATION_TWIN * n + i],
               a.col[ABL_ACCURACY][ABLATION_FINAL * n + i]);
    s->final_min = ablation_spread(&a, ABLATION_FINAL, ABL_ACCURACY).min;
    s->sk_twin_mean = ablation_spread(&a, ABLATION_TWIN, ABL_SKLEARN).mean;
    int rc = ablation_write(&o->set, &a, rows, o->dir, err);
    ablation_free(&a);
    return rc;
}

/* ---- main ------------------------------------------------------------- */

/* The largest batch the ablation and the grids use (0 when p runs
 * neither). */
static int largest_batch(const AblationRow *rows, const Plan *p)
{
    int need = 0;
    for (int r = 0; (p->n_seeds > 0 || p->grids) && r < ABLATION_ROWS; r++)
        if (rows[r].recipe.fit.batch_size > need)
            need = rows[r].recipe.fit.batch_size;
    return need;
}

/* ---- memory ------------------------------------------------------------- */

#define BASE_BYTES 8e6 /* the program, its libraries and their buffers */

/* The bytes the run needs, in double so that no product wraps: the data
 * (read, and split by the notebook), one more split for each ablation
 * seed, and each thread's job (recipe.c: its copies of the split, the
 * validation split and the warped images, twice the training rows; a
 * trainer whose work holds the larger of a batch of B and the test set
 * through the layers, 5 sets of the P parameters).  B and H are the
 * largest the run trains. */
static double need_bytes(const Notebook *nb, int B, int H, int n_seeds,
                         int threads)
{
    double D = nb->all.X.cols, K = DATA_CLASSES, N = nb->all.n;
    double P = D * H + H + H * K + K, row = 8 * D + 4, n = nb->train.n;
    double cap = B > nb->test.n ? B : nb->test.n;
    double job = N * row + 3 * n * row + 8 * cap * (D + 2 * H + 2 * K) +
                 5 * 8 * P + 16 * n;
    return BASE_BYTES + (2.0 + n_seeds) * N * row + threads * job;
}

/* The run's need on threads threads (0: as many as OpenMP gives) in *need
 * and what it comes from in what (160 bytes). */
static void memory_need(double *need, char *what, const Notebook *nb,
                        const Recipe *rc, const AblationRow *rows,
                        const Plan *p, int threads)
{
    int B = rc->fit.batch_size, H = rc->hidden;
#ifdef _OPENMP
    threads = threads ? threads : omp_get_max_threads();
#else
    threads = threads ? threads : 1;
#endif
    for (int r = 0; (p->n_seeds > 0 || p->grids) && r < ABLATION_ROWS; r++) {
        B = rows[r].recipe.fit.batch_size > B ? rows[r].recipe.fit.batch_size
                                              : B;
        H = rows[r].recipe.hidden > H ? rows[r].recipe.hidden : H;
    }
    *need = need_bytes(nb, B, H, p->n_seeds, threads);
    snprintf(what, 160, "--batch-size %d, --seeds %d, %d thread%s and %d "
             "images", B, p->n_seeds, threads, threads == 1 ? "" : "s",
             nb->all.n);
}

/* Everything main promises, in order; returns the exit status.  The files
 * are written together at the end, and only when every section has
 * succeeded (lib/out.h: a reader of --out sees the old set or the new
 * one; a killed run leaves no temporary file). */
static int run(const Cli *cli, const AblationRow *rows, const Recipe *rc,
               const Plan *p)
{
    Error err;
    KvFile kv = {0};
    Notebook nb = {0};
    Dataset all = {0}; /* --data, read once: every seed replays a copy */
    Summary s = {0};
    Outputs o = {.dir = cli->out, .save_path = p->save};
    double mem = 0; /* bytes the run needs, and what they come from */
    char mem_what[160];
    Grid g;
    double t[5][2];
    int bad = 1;
    grid_init(&g);
    out_set_init(&o.set);
    if (p->save && !(o.save = out_set_path(&o.set, p->save, &err)))
        goto out; /* a bad --save is refused before the training */
    /* scikit-learn's numbers belong to the repository's digits file. */
    char given[PATH_MAX], standard[PATH_MAX];
    bool own_data = cli->data == cli->data_buf ||
                    (realpath(cli->data, given) && realpath(cli->data_buf,
                     standard) && strcmp(given, standard) == 0);
    if ((own_data || p->sk_required) && kv_load(&kv, p->sk, &err) != 0 &&
        p->sk_required)
        goto out;
    if (data_load(&all, cli->data, &err) != 0 ||
        nb_replay_data(&nb, &all, cli->seed, NB_CELL3, &err) != 0)
        goto out;
    int need = largest_batch(rows, p);
    if (rc->fit.batch_size > nb.train.n) {
        err_set(&err, "--batch-size: %d is more than the %d training images",
                rc->fit.batch_size, nb.train.n);
        goto out;
    }
    if (need > nb.train.n) {
        err_set(&err, "%d training images are fewer than the batches of %d "
                "the ablation and grids use; try --seeds 0 --no-grids",
                nb.train.n, need);
        goto out;
    }
    memory_need(&mem, mem_what, &nb, rc, rows, p, 0);
    /* The summary's: on one thread, and each further thread's. */
    memory_need(&s.memory_mb[0], mem_what, &nb, rc, rows, p, 1);
    memory_need(&s.memory_mb[1], mem_what, &nb, rc, rows, p, 2);
    s.memory_mb[1] -= s.memory_mb[0];
    memory_need(&mem, mem_what, &nb, rc, rows, p, 0);
    if (cli_memory_check(mem, mem_what, &err) != 0)
        goto out;
    Rng cell3 = nb.rng;
    seconds(t[0]);
    bad = show_final(cli, rc, &nb, &o, &s, &err);
    seconds(t[1]);
    bad = bad || show_one_step(cli, &nb, &kv, &s, &err) ||
          (p->grids && show_tutorial_grid(cli, &nb, &g, &kv, &o, &s, &err));
    seconds(t[2]);
    bad = bad || (p->n_seeds > 0 &&
                  show_ablation(cli, &all, rows, p->n_seeds, &kv, &o, &s,
                                &err)) ||
          write_warps(cli, &nb, &rows[ABLATION_FINAL].recipe.fit.warp, &o,
                      &err);
    seconds(t[3]);
    bad = bad || (p->grids && show_grids(cli, &rows[ABLATION_TWIN].recipe,
                                         &rows[ABLATION_FINAL].recipe, &nb,
                                         cell3, &g, &kv, &o, &s, &err));
    seconds(t[4]);
    bad = bad || out_set_commit(&o.set, &err) != 0;
    if (bad && strstr(err.msg, "out of memory")) /* say what it needed */
        cli_out_of_memory(mem, mem_what, &err);
    if (!bad)
        print_summary(&s, p);
    for (int i = 0; !bad && p->timing && i < 2; i++) /* one line on failure */
        fprintf(stderr, "08-beyond: %s seconds: final %.2f, like for like "
                "%.2f, ablation %.2f, grids %.2f\n", i ? "processor" : "wall",
                t[1][i] - t[0][i], t[2][i] - t[1][i], t[3][i] - t[2][i],
                t[4][i] - t[3][i]);
out:
    out_set_free(&o.set);
    nb_free(&nb);
    data_free(&all);
    kv_free(&kv);
    return bad ? cli_fail(cli, &err) : 0;
}

int main(int argc, char **argv)
{
    Cli cli = {.program = "08-beyond",
               .purpose = "From the tutorial's network to scikit-learn's "
                          "accuracy, one repair at a time.",
               .notes = "memory: the run computes what it needs from the "
                        "images, the batch size,\nthe hidden units, "
                        "--seeds and the threads before it trains and "
                        "refuses a\nrun that cannot fit.  Its summary "
                        "states the need on one thread,\nmemory_mb, and "
                        "each further thread's, memory_mb_thread "
                        "(megabytes of\n10^6 bytes)."};
    AblationRow rows[ABLATION_ROWS];
    ablation_rows(rows);
    Recipe rc = rows[ABLATION_FINAL].recipe; /* changed by the options below */
    RecipeCli rcli;
    int no_grids = 0, timing = 0;
    Plan plan = {.n_seeds = 10, .sk = NN_REPO_DIR "/tests/golden/sklearn.txt"};
    const char *sk_default = plan.sk;
    CliOption own[] = {
        {"--seeds", OPT_INT, &plan.n_seeds, 0, MAX_SEEDS,
         "ablation over seeds --seed, --seed + 1, ... (10; 0: none)"},
        {"--no-grids", OPT_FLAG, &no_grids, 0, 0, "skip the grids"},
        {"--sklearn", OPT_STRING, &plan.sk, 0, 0,
         "scikit-learn's numbers (tests/golden/sklearn.txt)"},
        {"--time", OPT_FLAG, &timing, 0, 0, "seconds per section, stderr"},
        {"--save", OPT_STRING, &plan.save, 0, 0,
         "save the network of the options to FILE (for predict)"}};
    CliOption opts[CLI_COUNT(own) + RECIPE_N_OPTIONS];
    memcpy(opts, own, sizeof own);
    /* the recipe's options, their defaults the final recipe */
    recipe_cli_options(opts + CLI_COUNT(own), &rc, &rcli);
    Error err;
    int status = cli_parse(&cli, argc, argv, opts, CLI_COUNT(opts), stdout,
                           &err);
    if (status != 0)
        return status > 0 ? cli_finish(&cli, 0) : cli_fail(&cli, &err);
    if (recipe_cli_apply(&rc, &rcli, &err) != 0)
        return cli_fail(&cli, &err);
    if ((uint64_t)cli.seed + (uint64_t)plan.n_seeds > (uint64_t)UINT32_MAX + 1) {
        err_set(&err, "--seeds: %d seeds from --seed %u go past the last "
                "seed, 4294967295", plan.n_seeds, cli.seed);
        return cli_fail(&cli, &err);
    }
    plan.grids = !no_grids;
    plan.timing = timing;
    plan.sk_required = plan.sk != sk_default;
    return cli_finish(&cli, run(&cli, rows, &rc, &plan));
}
