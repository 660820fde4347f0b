/* teach: the data behind the book's teaching figures and worked example.
 *
 *   teach [--seed N] [--data FILE] [--out DIR] [--epochs E] [--eta ETA]
 *
 * Writes, into DIR (default build/out/teach):
 *   split.tsv        every image of the data file: which part seed N's
 *                    notebook split puts it in (chapter 2's split)
 *   gd.tsv           gradient descent on the one-dimensional cost
 *                    C(w) = w^2 / 2 with three step sizes
 *   epochs.tsv       cost and accuracy, training and test, before training
 *                    and after each epoch of a network trained with the
 *                    three repairs chapter 5 names
 *   softmax.tsv      that network's ten probabilities for one test image,
 *                    before and after training
 *   wrong.tsv        the test images it still gets wrong, pixel by pixel
 *   schedule.tsv     the learning rate of chapter 8's final recipe in
 *                    each of its epochs, as its trainer computes it
 *   worked.dot       the 2-2-2 network of chapter 5's worked example, as a
 *                    Graphviz graph with its numbers
 * and prints the worked example's numbers, then a summary line.
 *
 * The network that learns is chapter 3's 64-50-10 sigmoid network with
 * (1) pixels divided by 16, (2) weights drawn as randn / sqrt(inputs of
 * the layer), biases 0.01, and (3) the gradient averaged over each batch
 * of B = 100 (net_backward's scale 1/b), one shuffle per epoch, plain
 * SGD (optim_sgd), no penalty.  Its random numbers come from a stream
 * seeded with N, after the split.
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>

#include "ablation.h"
#include "augment.h"
#include "backprop.h"
#include "cli.h"
#include "loss.h"
#include "notebook.h"
#include "optim.h"
#include "out.h"
#include "summary.h"

#define BATCH 100

/* ---- the split ----------------------------------------------------------- */

/* split.tsv: index, label, part (0 test, 1 train), row within the part. */
static int write_split(const Notebook *nb, const char *dir, Error *err)
{
    OutFile o;
    if (out_open(&o, dir, "split.tsv", err) != 0)
        return -1;
    int n = nb->all.n;
    int *part = malloc((size_t)n * sizeof *part);
    int *row = malloc((size_t)n * sizeof *row);
    if (!part || !row) {
        free(part);
        free(row);
        out_abort(&o);
        return err_set(err, "out of memory");
    }
    for (int i = 0; i < n; i++)
        part[i] = row[i] = -1;
    for (int i = 0; i < nb->test.n; i++)
        part[nb->test_idx[i]] = 0, row[nb->test_idx[i]] = i;
    for (int i = 0; i < nb->train.n; i++)
        part[nb->train_idx[i]] = 1, row[nb->train_idx[i]] = i;
    fprintf(o.f, "index\tlabel\tpart\trow\n");
    for (int i = 0; i < n; i++)
        fprintf(o.f, "%d\t%d\t%d\t%d\n", i, nb->all.labels[i], part[i],
                row[i]);
    free(part);
    free(row);
    return out_commit(&o, err);
}

/* ---- gradient descent in one dimension ------------------------------------ */

/* gd.tsv: w <- w - eta C'(w) on C(w) = w^2 / 2 (C' = w) from w = 4, for
 * eta = 0.3, 0.9 and 2.1: too small, about right, too large.  A step
 * multiplies w by 1 - eta, so any eta above 2 makes |w| grow. */
static int write_gd(const char *dir, Error *err)
{
    static const double etas[] = {0.3, 0.9, 2.1};
    OutFile o;
    if (out_open(&o, dir, "gd.tsv", err) != 0)
        return -1;
    fprintf(o.f, "eta\tstep\tw\tcost\n");
    for (int e = 0; e < 3; e++) {
        double w = 4.0;
        for (int s = 0; s <= 6; s++) {
            fprintf(o.f, "%g\t%d\t%.17g\t%.17g\n", etas[e], s, w, w * w / 2);
            w -= etas[e] * w;
        }
        fprintf(o.f, "\n\n"); /* one gnuplot data block per step size */
    }
    return out_commit(&o, err);
}

/* ---- the final recipe's learning rate ------------------------------------ */

/* schedule.tsv: the learning rate chapter 8's final recipe (ablation row
 * ABLATION_FINAL) trains with in each epoch, at the epoch's first and last
 * step, as the trainer computes it (train_rate).  An epoch is rows / B
 * steps, rows = n_train, twice that when the recipe trains on warps.
 * *eta and *epochs receive the recipe's starting rate and its epochs. */
static int write_schedule(int n_train, const char *dir, double *eta,
                          int *epochs, Error *err)
{
    AblationRow rows[ABLATION_ROWS];
    ablation_rows(rows);
    const TrainConfig *cfg = &rows[ABLATION_FINAL].recipe.fit;
    *eta = cfg->eta;
    *epochs = cfg->max_epochs;
    int n = augment_on(&cfg->warp) ? 2 * n_train : n_train;
    int S = n / cfg->batch_size;
    if (S < 1)
        return err_set(err, "%d training rows make no batch of %d", n,
                       cfg->batch_size);
    OutFile o;
    if (out_open(&o, dir, "schedule.tsv", err) != 0)
        return -1;
    fprintf(o.f, "epoch\tfirst_step\tlast_step\n");
    for (int e = 1; e <= cfg->max_epochs; e++)
        fprintf(o.f, "%d\t%.17g\t%.17g\n", e, train_rate(cfg, e, 1, S),
                train_rate(cfg, e, S, S));
    return out_commit(&o, err);
}

/* ---- a network that learns ------------------------------------------------ */

typedef struct {
    double cost, accuracy;
} Score;

/* The mean cross-entropy and the accuracy of net on ds; w->cap >= ds->n,
 * pred (ds->n) is scratch. */
static Score score(const Net *net, const Dataset *ds, Work *w, int *pred)
{
    net_forward(w, net, &ds->X);
    Score s = {loss_xent(&w->Zo, w->lse, ds->labels), 0};
    for (int i = 0; i < ds->n; i++)
        pred[i] = mat_row_argmax(&w->P, i);
    s.accuracy = loss_accuracy(pred, ds->labels, ds->n);
    return s;
}

/* randn / sqrt(fan-in) weights, biases 0.01: Wh first, then Wo. */
static void init_scaled(Net *net, Rng *r)
{
    rng_gauss_fill(r, net->Wh.data, (size_t)net->D * net->H);
    for (long i = 0; i < (long)net->D * net->H; i++)
        net->Wh.data[i] /= sqrt(net->D);
    rng_gauss_fill(r, net->Wo.data, (size_t)net->H * net->K);
    for (long i = 0; i < (long)net->H * net->K; i++)
        net->Wo.data[i] /= sqrt(net->H);
    for (int j = 0; j < net->H; j++)
        net->bh[j] = 0.01;
    for (int k = 0; k < net->K; k++)
        net->bo[k] = 0.01;
}

/* One epoch: shuffle the rows once, then consecutive batches of up to
 * BATCH rows, each one averaged-gradient SGD step.  perm (n) is scratch;
 * bw has cap >= BATCH. */
static void epoch(Net *net, Net *grad, const Dataset *train, Rng *r,
                  double eta, Work *bw, int *perm)
{
    int n = train->n;
    rng_permutation(r, perm, n);
    for (int s = 0; s < n; s += BATCH) {
        int b = n - s < BATCH ? n - s : BATCH;
        Matrix Xb = mat_view(bw->Xb.data, b, train->X.cols); /* (b, D) */
        mat_gather_rows(&Xb, &train->X, perm + s, b);
        for (int i = 0; i < b; i++)
            bw->yb[i] = train->labels[perm[s + i]];
        net_forward(bw, net, &Xb);
        net_backward(grad, net, &Xb, bw->yb, bw, 1.0 / b);
        optim_sgd(net, grad, eta);
    }
}

/* Everything the learning run needs, freed in one place. */
typedef struct {
    Net net, grad;
    Work all, batch; /* all: up to max(N_train, N_test) rows */
    int *perm, *pred;
    double before[DATA_CLASSES]; /* probabilities of the shown image */
} Run;

static void run_free(Run *run)
{
    net_free(&run->net);
    net_free(&run->grad);
    work_free(&run->all);
    work_free(&run->batch);
    free(run->perm);
    free(run->pred);
}

static int run_init(Run *run, int n_max, Error *err)
{
    *run = (Run){0};
    int D = DATA_FEATURES, H = NB_HIDDEN, K = DATA_CLASSES;
    if (net_init(&run->net, D, H, K, ACT_SIGMOID) != 0 ||
        net_init(&run->grad, D, H, K, ACT_SIGMOID) != 0 ||
        work_init(&run->all, &run->net, n_max) != 0 ||
        work_init(&run->batch, &run->net, BATCH) != 0 ||
        !(run->perm = malloc((size_t)n_max * sizeof *run->perm)) ||
        !(run->pred = malloc((size_t)n_max * sizeof *run->pred))) {
        run_free(run);
        return err_set(err, "out of memory");
    }
    return 0;
}

/* The test image whose probabilities softmax.tsv shows: the first one the
 * untrained network gets wrong. */
static int pick_image(const Run *run, const Dataset *test)
{
    for (int i = 0; i < test->n; i++)
        if (run->pred[i] != test->labels[i])
            return i;
    return 0;
}

/* ---- the learning run's files --------------------------------------------- */

static int write_softmax(const Run *run, const Dataset *test, int img,
                         const char *dir, Error *err)
{
    OutFile o;
    if (out_open(&o, dir, "softmax.tsv", err) != 0)
        return -1;
    fprintf(o.f, "class\tbefore\tafter\t# test image %d, label %d\n", img,
            test->labels[img]);
    for (int k = 0; k < DATA_CLASSES; k++)
        fprintf(o.f, "%d\t%.17g\t%.17g\n", k, run->before[k],
                mat_at(&run->all.P, img, k));
    return out_commit(&o, err);
}

/* wrong.tsv: one block per misclassified test image (in test order):
 * k (0, 1, ...), index in the test set, label, predicted, row, col,
 * pixel (0..16).  pred holds the trained network's predictions. */
static int write_wrong(const int *pred, const Dataset *test, int *n_wrong,
                       const char *dir, Error *err)
{
    OutFile o;
    if (out_open(&o, dir, "wrong.tsv", err) != 0)
        return -1;
    fprintf(o.f, "k\timage\tlabel\tpredicted\trow\tcol\tpixel\n");
    int k = 0;
    for (int i = 0; i < test->n; i++) {
        if (pred[i] == test->labels[i])
            continue;
        for (int p = 0; p < DATA_FEATURES; p++)
            fprintf(o.f, "%d\t%d\t%d\t%d\t%d\t%d\t%g\n", k, i,
                    test->labels[i], pred[i], p / DATA_SIDE, p % DATA_SIDE,
                    mat_at(&test->X, i, p) * DATA_MAX_PIXEL);
        k++;
    }
    *n_wrong = k;
    return out_commit(&o, err);
}

/* What the learning run reports. */
typedef struct {
    Score train, test;   /* after the last epoch */
    Score before;        /* on the test set, before training */
    int n_train, n_test, n_wrong;
    int img, label;      /* the test image softmax.tsv shows */
    int pred_before, pred_after; /* and what the network called it */
} Learned;

/* Trains the network that learns on nb's split (pixels already scaled)
 * for `epochs` epochs, writing epochs.tsv, softmax.tsv and wrong.tsv,
 * and prints its last scores. */
static int learn(const Notebook *nb, uint32_t seed, int epochs, double eta,
                 const char *dir, Learned *l, Error *err)
{
    const Dataset *train = &nb->train, *test = &nb->test;
    Run run;
    int n_max = train->n > test->n ? train->n : test->n;
    if (run_init(&run, n_max, err) != 0)
        return -1;
    Rng r;
    rng_seed(&r, seed);
    init_scaled(&run.net, &r);
    OutFile o;
    if (out_open(&o, dir, "epochs.tsv", err) != 0) {
        run_free(&run);
        return -1;
    }
    fprintf(o.f, "epoch\tcost_train\taccuracy_train\tcost_test\t"
                 "accuracy_test\n");
    *l = (Learned){.n_train = train->n, .n_test = test->n};
    for (int e = 0; e <= epochs; e++) {
        if (e > 0)
            epoch(&run.net, &run.grad, train, &r, eta, &run.batch, run.perm);
        l->train = score(&run.net, train, &run.all, run.pred);
        l->test = score(&run.net, test, &run.all, run.pred); /* P: test */
        if (e == 0) {
            l->before = l->test;
            l->img = pick_image(&run, test);
            l->label = test->labels[l->img];
            l->pred_before = run.pred[l->img];
            for (int k = 0; k < DATA_CLASSES; k++)
                run.before[k] = mat_at(&run.all.P, l->img, k);
        }
        fprintf(o.f, "%d\t%.17g\t%.17g\t%.17g\t%.17g\n", e, l->train.cost,
                l->train.accuracy, l->test.cost, l->test.accuracy);
    }
    l->pred_after = run.pred[l->img];
    int rc = out_commit(&o, err);
    if (rc == 0)
        rc = write_softmax(&run, test, l->img, dir, err);
    if (rc == 0)
        rc = write_wrong(run.pred, test, &l->n_wrong, dir, err);
    if (rc == 0) {
        printf("A network that learns: %d epochs, eta %g, batches of %d\n",
               epochs, eta, BATCH);
        printf("            cost  accuracy\n");
        printf("  training  %.4f  %.4f\n", l->train.cost, l->train.accuracy);
        printf("  test      %.4f  %.4f  (before training: %.4f)\n\n",
               l->test.cost, l->test.accuracy, l->before.accuracy);
    }
    run_free(&run);
    return rc;
}

/* ---- the worked example: a 2-2-2 network, one image ----------------------- */

/* The example's numbers (chapter 5): one image x = (1, 0.5) of class 0,
 * and weights small and round enough to follow by hand.  tests/
 * check_worked.c repeats them and checks every printed number. */
static const double WX[2] = {1.0, 0.5};                /* x  (1, D=2) */
static const int WLABEL = 0;
static const double WWH[4] = {0.5, -0.5, 0.25, 1.0};   /* Wh (2, 2) */
static const double WBH[2] = {0.0, 0.0};               /* bh (2) */
static const double WWO[4] = {1.0, -1.0, -0.5, 0.5};   /* Wo (2, 2) */
static const double WBO[2] = {0.0, 0.0};               /* bo (2) */

static void print_row(const char *what, const double *v, int n)
{
    printf("  %-33s", what);
    for (int i = 0; i < n; i++)
        printf(" %9.5f", v[i]);
    printf("\n");
}

/* worked.dot: the network with x, a, p on the nodes and the weights and
 * their gradients on the edges. */
static int write_worked_dot(const Net *net, const Net *grad, const Work *w,
                            const char *dir, Error *err)
{
    OutFile o;
    if (out_open(&o, dir, "worked.dot", err) != 0)
        return -1;
    FILE *f = o.f;
    fprintf(f, "digraph worked {\n  rankdir=LR; nodesep=0.5; ranksep=1.6;\n"
               "  node [shape=circle, fixedsize=true, width=1.05, "
               "fontname=\"DejaVu Sans\", fontsize=11];\n"
               "  edge [fontname=\"DejaVu Sans\", fontsize=10, decorate=true];\n");
    for (int d = 0; d < 2; d++)
        fprintf(f, "  x%d [label=\"x%d\\n%.2f\"];\n", d + 1, d + 1, WX[d]);
    for (int j = 0; j < 2; j++)
        fprintf(f, "  h%d [label=\"a%d\\n%.4f\"];\n", j + 1, j + 1,
                mat_at(&w->A, 0, j));
    for (int k = 0; k < 2; k++)
        fprintf(f, "  o%d [label=\"p%d\\n%.4f\"%s];\n", k + 1, k + 1,
                mat_at(&w->P, 0, k), k == WLABEL ? ", penwidth=2.5" : "");
    for (int d = 0; d < 2; d++)
        for (int j = 0; j < 2; j++)
            fprintf(f, "  x%d -> h%d [label=\"w %.2f\\ng %+.4f\"];\n", d + 1,
                    j + 1, mat_at(&net->Wh, d, j), mat_at(&grad->Wh, d, j));
    for (int j = 0; j < 2; j++)
        for (int k = 0; k < 2; k++)
            fprintf(f, "  h%d -> o%d [label=\"w %.2f\\ng %+.4f\"];\n", j + 1,
                    k + 1, mat_at(&net->Wo, j, k), mat_at(&grad->Wo, j, k));
    fprintf(f, "}\n");
    return out_commit(&o, err);
}

/* Runs the library's forward and backward pass on the example and prints
 * every intermediate value; *loss gets L. */
static int worked(const char *dir, double *loss, Error *err)
{
    Net net = {0}, grad = {0};
    Work w = {0};
    Matrix Zh = {0};
    int rc = -1;
    if (net_init(&net, 2, 2, 2, ACT_SIGMOID) != 0 ||
        net_init(&grad, 2, 2, 2, ACT_SIGMOID) != 0 ||
        work_init(&w, &net, 1) != 0 || mat_init(&Zh, 1, 2) != 0) {
        err_set(err, "out of memory");
        goto done;
    }
    for (int i = 0; i < 4; i++)
        net.Wh.data[i] = WWH[i], net.Wo.data[i] = WWO[i];
    for (int i = 0; i < 2; i++)
        net.bh[i] = WBH[i], net.bo[i] = WBO[i];
    Matrix X = mat_view((double *)WX, 1, 2); /* (1, D); read only */
    net_forward(&w, &net, &X);
    net_backward(&grad, &net, &X, &WLABEL, &w, 1.0);
    mat_matmul(&Zh, &X, false, &net.Wh, false, false);
    mat_add_row(&Zh, net.bh);
    *loss = loss_xent(&w.Zo, w.lse, &WLABEL);
    double dA[2];
    for (int j = 0; j < 2; j++)
        dA[j] = mat_at(&w.dZo, 0, 0) * mat_at(&net.Wo, j, 0) +
                mat_at(&w.dZo, 0, 1) * mat_at(&net.Wo, j, 1);
    printf("Worked example: a 2-2-2 network, x = (%g, %g), y = (%d, %d)\n",
           WX[0], WX[1], WLABEL == 0, WLABEL == 1);
    print_row("z_h = x W_h + b_h", Zh.data, 2);
    print_row("a = sigmoid(z_h)", w.A.data, 2);
    print_row("z_o = a W_o + b_o", w.Zo.data, 2);
    print_row("p = softmax(z_o)", w.P.data, 2);
    print_row("L = -ln p_1", loss, 1);
    print_row("Delta_o = p - y", w.dZo.data, 2);
    print_row("dL/dW_o = a^T Delta_o, row 1", grad.Wo.data, 2);
    print_row("                       row 2", grad.Wo.data + 2, 2);
    print_row("dL/db_o = Delta_o", grad.bo, 2);
    print_row("Delta_o W_o^T", dA, 2);
    print_row("Delta_h = (Delta_o W_o^T)*a(1-a)", w.dZh.data, 2);
    print_row("dL/dW_h = x^T Delta_h, row 1", grad.Wh.data, 2);
    print_row("                       row 2", grad.Wh.data + 2, 2);
    print_row("dL/db_h = Delta_h", grad.bh, 2);
    printf("\n");
    rc = write_worked_dot(&net, &grad, &w, dir, err);
done:
    mat_free(&Zh);
    work_free(&w);
    net_free(&grad);
    net_free(&net);
    return rc;
}

/* ---- main ----------------------------------------------------------------- */

int main(int argc, char **argv)
{
    Cli cli = {.program = "teach",
               .purpose = "Write the data of the book's teaching figures "
                          "and its worked example."};
    int epochs = 30;
    double eta = 0.5;
    CliOption opts[] = {
        {"--epochs", OPT_INT, &epochs, 1, 10000,
         "epochs of the network that learns (default 30)"},
        {"--eta", OPT_DOUBLE, &eta, 1e-9, 1e3,
         "its learning rate, on the mean gradient (default 0.5)"}};
    Error err;
    int rc = cli_parse(&cli, argc, argv, opts, 2, stdout, &err);
    if (rc != 0)
        return rc > 0 ? 0 : cli_fail(&cli, &err);

    Notebook nb = {0};
    if (nb_replay(&nb, cli.data, cli.seed, NB_CELL2, &err) != 0)
        return cli_fail(&cli, &err);
    double loss = 0, final_eta = 0;
    int final_epochs = 0;
    Learned l;
    rc = worked(cli.out, &loss, &err);
    if (rc == 0)
        rc = write_split(&nb, cli.out, &err);
    if (rc == 0)
        rc = write_gd(cli.out, &err);
    if (rc == 0)
        rc = write_schedule(nb.train.n, cli.out, &final_eta, &final_epochs,
                            &err);
    data_scale_pixels(&nb.train);
    data_scale_pixels(&nb.test);
    if (rc == 0)
        rc = learn(&nb, cli.seed, epochs, eta, cli.out, &l, &err);
    nb_free(&nb);
    if (rc != 0)
        return cli_fail(&cli, &err);
    summary_begin();
    summary_double("worked_loss", loss);
    summary_int("train", l.n_train);
    summary_int("test", l.n_test);
    summary_int("epochs", epochs);
    summary_double("eta", eta);
    summary_double("cost_train", l.train.cost);
    summary_double("cost_test", l.test.cost);
    summary_double("accuracy_train", l.train.accuracy);
    summary_double("accuracy_test", l.test.accuracy);
    summary_double("accuracy_test_before", l.before.accuracy);
    summary_int("wrong", l.n_wrong);
    summary_int("shown_image", l.img);
    summary_int("shown_label", l.label);
    summary_int("shown_before", l.pred_before);
    summary_int("shown_after", l.pred_after);
    summary_double("final_eta", final_eta);
    summary_int("final_epochs", final_epochs);
    summary_end();
    return 0;
}
