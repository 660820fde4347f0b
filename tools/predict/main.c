/* predict: classify digits with a network saved by a chapter.
 *
 *   predict --model FILE [--data FILE] [--out DIR]
 *
 * Loads a network file (lib/netio.h; chapter 6 writes one with --save),
 * feeds it every image of a digits-format file (data/README.md) and prints
 * one line per image, `index label predicted`, then the accuracy.  The
 * same lines go to DIR/predictions.tsv, with the ten class probabilities
 * of each image (%.17g, so they read back exactly; the HTML book's check
 * compares its WebAssembly with them).  The network is fed the pixels
 * scaled as it was trained (the file records the scale).  --seed is
 * accepted, as by every program here, and unused: nothing is random.
 * Bad input of any kind ends the program with one line on stderr and
 * status 2.
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "data.h"
#include "loss.h"
#include "netio.h"
#include "out.h"
#include "summary.h"

#define BATCH 256 /* rows fed forward at once */

/* probs (n, K): row i holds image i's class probabilities. */
static int write_predictions(const Dataset *ds, const int *pred,
                             const double *probs, const char *dir,
                             Error *err)
{
    OutFile o;
    if (out_open(&o, dir, "predictions.tsv", err) != 0)
        return -1;
    fprintf(o.f, "index\tlabel\tpredicted");
    for (int k = 0; k < DATA_CLASSES; k++)
        fprintf(o.f, "\tp%d", k);
    fprintf(o.f, "\n");
    for (int i = 0; i < ds->n; i++) {
        fprintf(o.f, "%d\t%d\t%d", i, ds->labels[i], pred[i]);
        for (int k = 0; k < DATA_CLASSES; k++)
            fprintf(o.f, "\t%.17g", probs[(long)i * DATA_CLASSES + k]);
        fprintf(o.f, "\n");
    }
    return out_commit(&o, err);
}

/* pred (n) = the class of every image of X (n, D), probs (n, K) its ten
 * probabilities, as net_predict, but refusing a network whose outputs are
 * not finite numbers: finite weights can still overflow (1e308 * 16 is
 * infinite), and the argmax of NaNs is a meaningless 0.  Returns 0, or -1
 * with a message naming the model. */
static int classify(int *pred, double *probs, const Net *net,
                    const Matrix *X, Work *w, const char *model, Error *err)
{
    for (int start = 0; start < X->rows; start += w->cap) {
        int n = X->rows - start < w->cap ? X->rows - start : w->cap;
        Matrix part = mat_view(X->data + (long)start * X->cols, n, X->cols);
        net_forward(w, net, &part);
        for (int i = 0; i < n; i++) {
            for (int k = 0; k < w->P.cols; k++)
                if (!isfinite(mat_at(&w->P, i, k)))
                    return err_set(err, "%s: its output for image %d is not "
                                   "a finite number; the network's weights "
                                   "are too large to use", model,
                                   start + i);
            pred[start + i] = mat_row_argmax(&w->P, i);
        }
        memcpy(probs + (long)start * DATA_CLASSES, w->P.data,
               (size_t)n * DATA_CLASSES * sizeof *probs);
    }
    return 0;
}

/* Loads both files, so that nothing is printed unless both are good. */
static int load(Net *net, double *scale, Dataset *ds, const char *model,
                const char *data, Error *err)
{
    if (!model)
        return err_set(err, "--model: expected a network file (required)");
    if (netio_load(net, scale, model, DATA_FEATURES, DATA_CLASSES, err) != 0)
        return -1;
    if (data_load(ds, data, err) != 0) {
        net_free(net);
        return -1;
    }
    if (*scale != 1.0)
        for (long i = 0; i < (long)ds->n * DATA_FEATURES; i++)
            ds->X.data[i] *= *scale;
    return 0;
}

int main(int argc, char **argv)
{
    Cli cli = {.program = "predict",
               .purpose = "Classify the images of a digits file with a "
                          "saved network."};
    const char *model = NULL;
    CliOption opts[] = {{"--model", OPT_STRING, &model, 0, 0,
                         "network file to load (required)"}};
    Error err;
    int rc = cli_parse(&cli, argc, argv, opts, CLI_COUNT(opts), stdout,
                       &err);
    if (rc != 0)
        return rc > 0 ? cli_finish(&cli, 0) : cli_fail(&cli, &err);

    Net net;
    Dataset ds;
    double scale;
    if (load(&net, &scale, &ds, model, cli.data, &err) != 0)
        return cli_fail(&cli, &err);
    Work w;
    int *pred = malloc((size_t)ds.n * sizeof *pred);
    double *probs = malloc((size_t)ds.n * DATA_CLASSES * sizeof *probs);
    if (!pred || !probs || work_init(&w, &net, BATCH) != 0) {
        free(pred);
        free(probs);
        net_free(&net);
        data_free(&ds);
        err_set(&err, "out of memory");
        return cli_fail(&cli, &err);
    }
    rc = classify(pred, probs, &net, &ds.X, &w, model, &err);
    work_free(&w);
    if (rc == 0)
        rc = write_predictions(&ds, pred, probs, cli.out, &err);
    if (rc == 0) {
        int right = 0;
        printf("network: %s (%d-%d-%d, %s, input scale %g)\n", model, net.D,
               net.H, net.K, act_name(net.act), scale);
        printf("data: %s (%d images)\n\nindex label predicted\n", cli.data,
               ds.n);
        for (int i = 0; i < ds.n; i++) {
            printf("%d %d %d\n", i, ds.labels[i], pred[i]);
            right += pred[i] == ds.labels[i];
        }
        double acc = loss_accuracy(pred, ds.labels, ds.n);
        printf("\naccuracy: %d of %d = %.6f\n\n", right, ds.n, acc);
        summary_begin();
        summary_int("images", ds.n);
        summary_int("correct", right);
        summary_double("accuracy", acc);
        summary_end();
    }
    free(pred);
    free(probs);
    net_free(&net);
    data_free(&ds);
    return cli_finish(&cli, rc == 0 ? 0 : cli_fail(&cli, &err));
}
