/* fashion_outputs.c - chapter 9's tables and TSVs (fashion_outputs.h). */
#include "fashion_outputs.h"

#include <stdio.h>
#include <string.h>

#include "out.h"

void fashion_print_shapes(const Fashion *f, const char *dir)
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
        printf("  %d %-12s %5d\n", c, fashion_class_name(c), counts[c]);
}

/* Writes images (rows of X given by idx, n of them) as a TSV: image, row,
 * col, value, then the extra columns of each image in meta (n lines,
 * already tab-led). */
static int write_images(OutSet *set, const char *dir, const char *name,
                        const Matrix *X, const int *idx, int n, int side,
                        char meta[][96], const char *meta_header, Error *err)
{
    OutFile o;
    if (out_open_in(&o, set, dir, name, err) != 0)
        return -1;
    fprintf(o.f, "image\trow\tcol\tvalue%s\n", meta_header);
    for (int k = 0; k < n; k++)
        for (int p = 0; p < side * side; p++)
            fprintf(o.f, "%d\t%d\t%d\t%.6g%s\n", k, p / side, p % side,
                    mat_at(X, idx[k], p), meta[k]);
    return out_commit(&o, err);
}

int fashion_write_samples(OutSet *set, const char *dir, const Fashion *f,
                          Error *err)
{
    int idx[DATA_CLASSES], n = 0;
    char meta[DATA_CLASSES][96];
    for (int c = 0; c < DATA_CLASSES; c++)
        for (int i = 0; i < f->train.n; i++)
            if (f->train.labels[i] == c) {
                snprintf(meta[n], sizeof meta[n], "\t%d\t%s", c,
                         fashion_class_name(c));
                idx[n++] = i;
                break;
            }
    return write_images(set, dir, "samples.tsv", &f->train.X, idx, n,
                        f->side, meta, "\tlabel\tname", err);
}

int fashion_write_weights(OutSet *set, const char *dir, const Net *net,
                          int side, Error *err)
{
    OutFile o;
    if (out_open_in(&o, set, dir, "weights.tsv", err) != 0)
        return -1;
    fprintf(o.f, "unit\trow\tcol\tweight\n");
    for (int u = 0; u < FASHION_SHOWN_UNITS && u < net->H; u++)
        for (int p = 0; p < net->D; p++)
            fprintf(o.f, "%d\t%d\t%d\t%.6g\n", u, p / side, p % side,
                    mat_at(&net->Wh, p, u));
    return out_commit(&o, err);
}

void fashion_confusion(int *counts, const int *pred, const int *labels,
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

int fashion_write_curves(OutSet *set, const char *dir,
                         const double *const *v, int n, Error *err)
{
    OutFile o;
    if (out_open_in(&o, set, dir, "curves.tsv", err) != 0)
        return -1;
    fprintf(o.f, "epoch\tloss\tval_cost\tval_accuracy\tseconds\n");
    for (int e = 0; e < n; e++)
        fprintf(o.f, "%d\t%.17g\t%.17g\t%.17g\t%.6g\n", e + 1, v[0][e],
                v[1][e], v[2][e], v[3][e]);
    return out_commit(&o, err);
}

int fashion_write_confusion(OutSet *set, const char *dir, const int *counts,
                            Error *err)
{
    OutFile o;
    if (out_open_in(&o, set, dir, "confusion.tsv", err) != 0)
        return -1;
    fprintf(o.f, "true\tpredicted\tcount\ttrue_name\tpredicted_name\n");
    for (int t = 0; t < DATA_CLASSES; t++)
        for (int p = 0; p < DATA_CLASSES; p++)
            fprintf(o.f, "%d\t%d\t%d\t%s\t%s\n", t, p,
                    counts[t * DATA_CLASSES + p], fashion_class_name(t),
                    fashion_class_name(p));
    return out_commit(&o, err);
}

int fashion_write_gallery(OutSet *set, const char *dir, const Dataset *test,
                          const int *pred, int side, Error *err)
{
    int idx[FASHION_GALLERY], n = 0;
    char meta[FASHION_GALLERY][96];
    for (int i = 0; i < test->n && n < FASHION_GALLERY; i++)
        if (pred[i] != test->labels[i]) {
            snprintf(meta[n], sizeof meta[n], "\t%d\t%d\t%d\t%s\t%s", i,
                     test->labels[i], pred[i],
                     fashion_class_name(test->labels[i]),
                     fashion_class_name(pred[i]));
            idx[n++] = i;
        }
    return write_images(set, dir, "misclassified.tsv", &test->X, idx, n,
                        side, meta, "\ttest_index\ttrue\tpredicted\t"
                        "true_name\tpredicted_name", err);
}
