/* 03-forward: a network with random weights, fed forward (cells 3 and 4).
 *
 * 64 inputs, 50 sigmoid hidden units, 10 softmax outputs.  The weights come
 * from randn, the biases are 0.01, and nothing has been learnt yet, so the
 * "probabilities" it prints are confident and wrong.  Book: chapter "The
 * forward pass".
 */
#include <stdio.h>
#include <stdlib.h>

#include "cli.h"
#include "loss.h"
#include "notebook.h"
#include "out.h"
#include "summary.h"

/* Writes the sigmoid and its derivative on [-8, 8] for the figure. */
static int write_sigmoid(const char *dir, Error *err)
{
    OutFile o;
    if (out_open(&o, dir, "sigmoid.tsv", err) != 0)
        return -1;
    fprintf(o.f, "z\tsigmoid\tderivative\n");
    for (int i = 0; i <= 320; i++) {
        double z = -8.0 + i * 0.05, a = act_sigmoid(z);
        fprintf(o.f, "%.2f\t%.17g\t%.17g\n", z, a, a * (1.0 - a));
    }
    return out_commit(&o, err);
}

/* Fraction of the hidden activations in A that are within 0.01 of 0 or 1,
 * where the sigmoid is flat and its derivative almost 0. */
static double saturated(const Matrix *A)
{
    long n = (long)A->rows * A->cols, flat = 0;
    for (long i = 0; i < n; i++)
        flat += A->data[i] < 0.01 || A->data[i] > 0.99;
    return (double)flat / n;
}

int main(int argc, char **argv)
{
    Cli cli = {.program = "03-forward",
               .purpose = "Draw the tutorial's random weights and feed the "
                          "training set forward (cells 3 and 4)."};
    Error err;
    int rc = cli_parse(&cli, argc, argv, NULL, 0, stdout, &err);
    if (rc != 0)
        return rc > 0 ? 0 : cli_fail(&cli, &err);
    rc = -1; /* until the end is reached */

    Notebook nb = {0};
    Work w = {0};
    if (nb_replay(&nb, cli.data, cli.seed, NB_CELL3, &err) != 0)
        goto out;
    const Net *net = &nb.net;
    if (work_init(&w, net, nb.train.n) != 0) {
        err_set(&err, "out of memory");
        goto out;
    }

    //> forward
    net_forward(&w, net, &nb.train.X); /* P = softmax(f(X Wh + bh) Wo + bo) */
    const double *p0 = w.P.data;       /* row 0: training image 0 */
    double sum = 0.0;
    for (int k = 0; k < net->K; k++)
        sum += p0[k];
    int prediction0 = mat_row_argmax(&w.P, 0);
    //< forward
    double cost0 = loss_xent(&w.Zo, w.lse, nb.train.labels);

    printf("probabilities = (n_inputs, n_categories) = (%d, %d)\n",
           w.P.rows, w.P.cols);
    printf("probability that image 0 is in category 0,1,2,...,9 =\n");
    for (int k = 0; k < net->K; k++)
        printf("  %d  %.8e\n", k, p0[k]);
    printf("probabilities sum up to: %.17g\n", sum);
    printf("prediction for image 0: %d\n", prediction0);
    printf("correct label for image 0: %d\n", nb.train.labels[0]);
    printf("\nparameters: hidden (%d + 1) x %d = %d, output (%d + 1) x %d "
           "= %d\n", net->D, net->H, (net->D + 1) * net->H, net->H, net->K,
           (net->H + 1) * net->K);
    printf("mean cross-entropy on the training set: %.6f "
           "(a uniform guess scores log 10 = 2.302585)\n", cost0);
    double flat = saturated(&w.A);
    printf("hidden activations within 0.01 of 0 or 1: %.1f%%\n",
           100.0 * flat);

    if (write_sigmoid(cli.out, &err) != 0)
        goto out;
    printf("\n");
    summary_begin();
    summary_doubles("p0", p0, net->K);
    summary_double("p0_sum", sum);
    summary_int("prediction0", prediction0);
    summary_int("label0", nb.train.labels[0]);
    summary_double("cost0", cost0);
    summary_int("params_hidden", (net->D + 1) * net->H);
    summary_int("params_output", (net->H + 1) * net->K);
    summary_double("saturated", flat);
    summary_end();
    rc = 0;
out:
    work_free(&w);
    nb_free(&nb);
    return rc == 0 ? 0 : cli_fail(&cli, &err);
}
