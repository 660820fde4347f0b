/* 04-loss: how wrong is the untrained network? (the start of cell 5)
 *
 * Labels become one-hot rows, the network's probabilities are scored with
 * the categorical cross-entropy, and predictions with the accuracy.  The
 * tutorial writes a different formula in its text, a binary cross-entropy
 * summed over the ten outputs; this program computes both so the book can
 * compare them (see lib/loss.h).  Book: chapter "Measuring the error".
 */
#include <stdio.h>

#include "cli.h"
#include "loss.h"
#include "notebook.h"
#include "out.h"
#include "summary.h"
#include "train.h"

/* Per-class mean of p(true class) and of the loss -log p(true class). */
static int write_per_class(const Work *w, const Dataset *ds, const char *dir,
                           Error *err)
{
    double p_true[DATA_CLASSES] = {0}, loss[DATA_CLASSES] = {0};
    int count[DATA_CLASSES] = {0};
    for (int i = 0; i < ds->n; i++) {
        int y = ds->labels[i];
        count[y]++;
        p_true[y] += mat_at(&w->P, i, y);
        loss[y] += w->lse[i] - mat_at(&w->Zo, i, y);
    }
    OutFile o;
    if (out_open(&o, dir, "per_class.tsv", err) != 0)
        return -1;
    fprintf(o.f, "class\tcount\tmean_p_true\tmean_loss\n");
    for (int k = 0; k < DATA_CLASSES; k++)
        fprintf(o.f, "%d\t%d\t%.17g\t%.17g\n", k, count[k],
                count[k] ? p_true[k] / count[k] : 0.0,
                count[k] ? loss[k] / count[k] : 0.0);
    return out_commit(&o, err);
}

int main(int argc, char **argv)
{
    Cli cli = {.program = "04-loss",
               .purpose = "Score the untrained network: one-hot labels, "
                          "cross-entropy, accuracy, L2 penalty."};
    double lambda = 0.01;
    CliOption opts[] = {{"--lambda", OPT_DOUBLE, &lambda, 0, 1e6,
                         "L2 strength for the penalty shown (default 0.01)"}};
    Error err;
    int rc = cli_parse(&cli, argc, argv, opts, CLI_COUNT(opts), stdout,
                       &err);
    if (rc != 0)
        return rc > 0 ? 0 : cli_fail(&cli, &err);
    rc = -1; /* until the end is reached */

    Notebook nb = {0};
    Work w = {0};
    Matrix Y = {0};
    if (nb_replay(&nb, cli.data, cli.seed, NB_CELL3, &err) != 0)
        goto out;
    const Net *net = &nb.net;
    if (work_init(&w, net, nb.train.n) != 0 || mat_init(&Y, 3, net->K)) {
        err_set(&err, "out of memory");
        goto out;
    }

    data_onehot(&Y, nb.train.labels, 3); /* to_categorical, first rows */
    printf("one-hot labels of the first three training images:\n");
    for (int i = 0; i < 3; i++) {
        printf("  y = %d  ->  (", nb.train.labels[i]);
        for (int k = 0; k < net->K; k++)
            printf("%s%g", k ? ", " : "", mat_at(&Y, i, k));
        printf(")\n");
    }

    //> costs
    double cost_train, acc_train, cost_test, acc_test;
    train_evaluate(net, &nb.train, &w, &cost_train, &acc_train, NULL);
    train_evaluate(net, &nb.test, &w, &cost_test, &acc_test, NULL);
    net_forward(&w, net, &nb.train.X); /* P again, for the binary form */
    double binary = loss_binary_xent(&w.P, nb.train.labels);
    double sum_w2 = loss_sum_squares(net->Wh.data, (long)net->D * net->H) +
                    loss_sum_squares(net->Wo.data, (long)net->H * net->K);
    //< costs

    printf("\ncategorical cross-entropy, -log p(true class), mean:\n");
    printf("  training set  %.6f\n  test set      %.6f\n", cost_train,
           cost_test);
    printf("the tutorial's printed formula (binary, summed over the %d "
           "outputs), mean:\n  training set  %.6f\n", net->K, binary);
    printf("  (it adds -log(1 - p_k) for every wrong class k; the code's "
           "gradient p - y\n   belongs to the categorical form)\n");
    printf("\naccuracy: training %.4f, test %.4f (guessing: 0.1)\n",
           acc_train, acc_test);
    printf("\nL2: sum of squared weights %.4f; penalty lambda * sum = %.4f "
           "(lambda %g)\n", sum_w2, lambda * sum_w2, lambda);

    if (write_per_class(&w, &nb.train, cli.out, &err) != 0)
        goto out;
    printf("\n");
    summary_begin();
    summary_double("cost_train", cost_train);
    summary_double("cost_test", cost_test);
    summary_double("accuracy_train", acc_train);
    summary_double("accuracy_test", acc_test);
    summary_double("binary_cost_train", binary);
    summary_double("l2_sum_w2", sum_w2);
    summary_end();
    rc = 0;
out:
    mat_free(&Y);
    work_free(&w);
    nb_free(&nb);
    return rc == 0 ? 0 : cli_fail(&cli, &err);
}
