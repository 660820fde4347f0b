/* out.h - output files that appear whole or not at all.
 *
 * A chapter writes its data files (TSV for the figures) through an OutFile:
 * the text goes to a temporary file in the same directory, and only
 * out_commit flushes it to disk (fsync) and renames it to its real name.
 * A run that fails half-way leaves no half-written file behind.
 */
#ifndef NN_OUT_H
#define NN_OUT_H

#include <limits.h>
#include <stdio.h>

#include "err.h"
#include "mat.h"

#ifndef PATH_MAX
#define PATH_MAX 4096
#endif

typedef struct {
    FILE *f;             /* write here between open and commit */
    char tmp[PATH_MAX];  /* the temporary file */
    char path[PATH_MAX]; /* its final name */
} OutFile;

/* Creates dir (and its parents) when missing.  Returns 0 or -1. */
int out_mkdirs(const char *dir, Error *err);

/* Opens a temporary file for dir/name, creating dir when missing.
 * Returns 0, or -1 with a message naming the path. */
int out_open(OutFile *o, const char *dir, const char *name, Error *err);

/* Flushes, syncs and closes the file, then renames it into place.
 * Returns 0, or -1 with a message (the temporary file is removed). */
int out_commit(OutFile *o, Error *err);

/* Writes dir/name as a TSV of the input weights Wh (D, H) of every hidden
 * unit, laid out as side x side images (D = side * side): columns unit,
 * row, col, weight.  Returns 0, or -1 with a message. */
int out_hidden_weights(const Matrix *Wh, int side, const char *dir,
                       const char *name, Error *err);

/* Writes dir/name as a TSV of the confusion matrix of n predictions pred
 * against their labels (both 0..K-1): columns true, predicted, count, one
 * line per pair, true class outer.  Returns 0, or -1 with a message. */
int out_confusion(const int *pred, const int *labels, int n, int K,
                  const char *dir, const char *name, Error *err);

/* Closes and removes the temporary file; o->f == NULL is a no-op. */
void out_abort(OutFile *o);

#endif
