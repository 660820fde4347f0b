/* data.h - the 8x8 digits: loading, splitting, one-hot labels.
 *
 * The file format (data/README.md): one image per line, 65 comma-separated
 * integers, 64 pixels (0..16, row by row) then the label (0..9).  The file
 * may be gzip-compressed (data/digits.csv.gz is) or plain; zlib reads both.
 * Lines may end in LF or CRLF; the last line may lack its newline.
 */
#ifndef NN_DATA_H
#define NN_DATA_H

#include "err.h"
#include "mat.h"
#include "rng.h"

#define DATA_SIDE 8                       /* images are 8 x 8 */
#define DATA_FEATURES (DATA_SIDE * DATA_SIDE) /* D = 64 */
#define DATA_CLASSES 10                   /* K = 10 */
#define DATA_MAX_PIXEL 16
#define DATA_MAX_ROWS 1000000             /* refuse absurdly large files */

typedef struct {
    Matrix X;    /* (N, D) pixels as doubles, row i = image i */
    int *labels; /* (N) class of each image, 0..K-1 */
    int n;       /* N */
} Dataset;

/* Reads path into ds (which it initialises).  Returns 0, or -1 with a
 * message naming the file and line (or byte) and what was expected: file
 * missing, unreadable or a directory, corrupt or truncated gzip, wrong
 * column count, a field that is not an integer, a pixel outside 0..16, a
 * label outside 0..9, a NUL byte, a line over 4095 bytes, no rows.  On
 * failure ds holds nothing that needs freeing. */
int data_load(Dataset *ds, const char *path, Error *err);

/* Releases a Dataset; NULL or an empty one is a no-op. */
void data_free(Dataset *ds);

/* Allocates ds for n rows of D features (pixels and labels zero).
 * Returns 0 or -1. */
int data_alloc(Dataset *ds, int n, int D);

/* out = the images src[idx[0..n-1]] with their labels (numpy: X[idx],
 * y[idx]).  out is allocated here.  Returns 0, or -1 when memory runs out. */
int data_subset(Dataset *out, const Dataset *src, const int *idx, int n);

/* The sizes scikit-learn's train_test_split gives for train_size=0.8 and
 * test_size=0.2: n_test = ceil(0.2 n), n_train = floor(0.8 n), both with
 * IEEE double products as Python computes them. */
void data_split_sizes(int n, int *n_train, int *n_test);

/* scikit-learn's train_test_split(X, y, train_size=0.8, test_size=0.2)
 * on the stream r (ShuffleSplit): one permutation of n, test takes its
 * first n_test entries, train the next n_train.  Fills train and test
 * (allocated here) and, when not NULL, train_idx (n_train) and test_idx
 * (n_test) with the source indices.  Returns 0, or -1 with a message
 * (too few images for both parts, out of memory). */
int data_split(Dataset *train, Dataset *test, int *train_idx, int *test_idx,
               const Dataset *all, Rng *r, Error *err);

/* Y (n, K) = one-hot rows: Y[i][labels[i]] = 1, the rest 0 (keras:
 * to_categorical).  Y must have n rows and K columns. */
void data_onehot(Matrix *Y, const int *labels, int n);

/* Divides every pixel by 16 so inputs lie in [0, 1] (chapter 8). */
void data_scale_pixels(Dataset *ds);

#endif
