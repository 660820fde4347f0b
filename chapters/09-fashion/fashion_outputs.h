/* fashion_outputs.h - chapter 9's printed tables and the TSVs its
 * figures are drawn from.  Each write_ function adds one file in dir to
 * the run's output set (lib/out.h), which main commits once at the end,
 * and returns 0, or -1 with a message.
 */
#ifndef NN_FASHION_OUTPUTS_H
#define NN_FASHION_OUTPUTS_H

#include "err.h"
#include "fashion_data.h"
#include "net.h"
#include "out.h"

#define FASHION_SHOWN_UNITS 16 /* hidden units whose weights are written */
#define FASHION_GALLERY 24     /* misclassified test images written */

/* Prints where the images come from, their sizes and the training images
 * of each class. */
void fashion_print_shapes(const Fashion *f, const char *dir);

/* samples.tsv: the first training image of each class (image, row, col,
 * value, label, name). */
int fashion_write_samples(OutSet *set, const char *dir, const Fashion *f,
                          Error *err);

/* weights.tsv: the first-layer weights of the first FASHION_SHOWN_UNITS
 * hidden units, as side x side images (unit, row, col, weight). */
int fashion_write_weights(OutSet *set, const char *dir, const Net *net,
                          int side, Error *err);

/* counts (K * K, row-major) = how many of the n images of true class t
 * (row) were predicted p (column), from pred and labels (n each); printed
 * with the class numbers along both sides. */
void fashion_confusion(int *counts, const int *pred, const int *labels,
                       int n);

/* confusion.tsv: counts (K * K) with the class names. */
int fashion_write_confusion(OutSet *set, const char *dir, const int *counts,
                            Error *err);

/* curves.tsv: per epoch (n of them) v[0] the training cost, v[1] the
 * validation cost, v[2] the validation accuracy, v[3] the seconds. */
int fashion_write_curves(OutSet *set, const char *dir,
                         const double *const *v, int n, Error *err);

/* misclassified.tsv: the first FASHION_GALLERY test images whose
 * prediction (pred, test->n) is wrong, with both classes. */
int fashion_write_gallery(OutSet *set, const char *dir, const Dataset *test,
                          const int *pred, int side, Error *err);

#endif
