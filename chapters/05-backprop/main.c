/* 05-backprop: gradients by backpropagation, checked, then 1000 steps of
 * full-batch gradient descent (cell 5).
 *
 * First the analytic gradients (lib/backprop.c) are compared with finite
 * differences on a few images, parameter by parameter.  Then the tutorial's
 * loop runs: the gradient summed over all 1437 training images, plus
 * lambda W, times eta, subtracted, 1000 times.  Book: chapter
 * "Backpropagation".
 */
#include <stdio.h>
#include <stdlib.h>

#include "backprop.h"
#include "cli.h"
#include "loss.h"
#include "notebook.h"
#include "out.h"
#include "summary.h"
#include "train.h"

#define CHECK_ROWS 10 /* images in the gradient check */

static int write_costs(const double *cost, int steps, const char *dir,
                       Error *err)
{
    OutFile o;
    if (out_open(&o, dir, "cost.tsv", err) != 0)
        return -1;
    fprintf(o.f, "step\tcost\n");
    for (int s = 0; s <= steps; s++)
        fprintf(o.f, "%d\t%.17g\n", s, cost[s]);
    return out_commit(&o, err);
}

/* Runs the gradient check on the first CHECK_ROWS training images of a
 * copy of the network; returns the largest relative error, or -1. */
static double check_gradients(const Notebook *nb, double lambda,
                              double *max_grad)
{
    Net net, grad;
    Work w;
    double worst = -1.0;
    if (net_init(&net, nb->net.D, nb->net.H, nb->net.K, nb->net.act) == 0 &&
        net_init(&grad, net.D, net.H, net.K, net.act) == 0) {
        if (work_init(&w, &net, CHECK_ROWS) == 0) {
            net_copy(&net, &nb->net);
            Matrix X = mat_view(nb->train.X.data, CHECK_ROWS, net.D);
            worst = grad_check(&net, &grad, &X, nb->train.labels, 1.0,
                               lambda, &w, max_grad);
            work_free(&w);
        }
        net_free(&grad);
    }
    net_free(&net);
    return worst;
}

int main(int argc, char **argv)
{
    Cli cli = {.program = "05-backprop",
               .purpose = "Check backpropagation against finite differences,"
                          " then train with full-batch gradient descent."};
    int steps = 1000;
    double eta = 0.01, lambda = 0.01;
    CliOption opts[] = {
        {"--steps", OPT_INT, &steps, 1, 1000000, "gradient steps (1000)"},
        {"--eta", OPT_DOUBLE, &eta, 0, 1e6, "learning rate (0.01)"},
        {"--lambda", OPT_DOUBLE, &lambda, 0, 1e6, "L2 strength (0.01)"}};
    Error err;
    int rc = cli_parse(&cli, argc, argv, opts, CLI_COUNT(opts), stdout,
                       &err);
    if (rc != 0)
        return rc > 0 ? 0 : cli_fail(&cli, &err);
    rc = -1; /* until the end is reached */

    Notebook nb = {0};
    Trainer t = {0};
    double *cost = NULL, max_grad = 0, worst = 0;
    if (nb_replay(&nb, cli.data, cli.seed, NB_CELL3, &err) != 0)
        goto out;
    cost = malloc(((size_t)steps + 1) * sizeof *cost);
    worst = check_gradients(&nb, lambda, &max_grad);
    if (!cost || worst < 0 ||
        trainer_init(&t, &nb.net, nb.train.n, nb.train.n) != 0) {
        err_set(&err, "out of memory");
        goto out;
    }
    printf("gradient check on %d images, %zu parameters: largest relative "
           "error %.3g\n", CHECK_ROWS, nb.net.n_params, worst);
    printf("  (largest gradient component %.3g; five-point central "
           "differences, h = 1e-3)\n", max_grad);

    double c0, before, after = NAN;
    train_evaluate(&nb.net, &nb.train, &t.work, &c0, &before, NULL);
    printf("\nOld accuracy on training data: %.17g\n", before);
    //> loop
    TrainResult res;
    train_full_batch(&nb.net, &t, &nb.train, steps, eta, lambda, cost, &res);
    //< loop
    if (res.diverged) {
        summary_diverged(res.diverged_epoch, res.diverged_step);
    } else {
        train_evaluate(&nb.net, &nb.train, &t.work, &c0, &after, NULL);
        printf("New accuracy on training data: %.17g\n", after);
        printf("cost: %.6f before, %.6f after %d steps (eta %g, lambda %g)"
               "\n", cost[0], cost[steps], steps, eta, lambda);
    }
    printf("\nThe accuracy after training is chaotic: the summed gradient "
           "makes steps so\nlarge that a change in the last bit of one sum "
           "(another BLAS, another\nsummation order) sends the weights "
           "elsewhere. Only the start is reproducible.\n");

    if (write_costs(cost, steps, cli.out, &err) != 0)
        goto out;
    printf("\n");
    summary_begin();
    summary_double("gradcheck", worst);
    summary_int("gradcheck_rows", CHECK_ROWS);
    summary_double("accuracy_before", before);
    summary_double("accuracy_after", after);
    summary_double("cost_first", cost[0]);
    summary_double("cost_last", cost[steps]);
    summary_int("diverged", res.diverged);
    summary_end();
    rc = 0;
out:
    trainer_free(&t);
    free(cost);
    nb_free(&nb);
    return rc == 0 ? 0 : cli_fail(&cli, &err);
}
