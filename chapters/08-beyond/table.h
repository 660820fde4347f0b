/* table.h - results as tables: aligned text for people, TSV for programs.
 *
 * Chapter 8 prints several eta x lambda grids and a confusion matrix and
 * writes the same numbers as TSV files for the figures (header line of
 * column names, then one line per row, doubles as %.17g so they read back
 * exactly).
 */
#ifndef NN_TABLE_H
#define NN_TABLE_H

#include <stdbool.h>
#include <stdio.h>

#include "err.h"
#include "out.h"

/* Prints a grid of accuracies acc (n_rows * n_cols, row-major) with the
 * row values rows (n_rows) down the side and the column values cols
 * (n_cols) across the top, each cell as %8.4f, "diverged" where
 * diverged[i] is set (diverged may be NULL) and "-" for NaN. */
void table_grid(FILE *f, const double *rows, int n_rows, const double *cols,
                int n_cols, const double *acc, const bool *diverged);

/* counts (K * K, row-major) = how many of the n images of true class
 * labels[i] (0..K-1) were predicted pred[i]: rows true, columns
 * predicted. */
void table_confusion(int *counts, int K, const int *pred, const int *labels,
                     int n);

/* Prints counts (K * K) with the classes along both sides. */
void table_confusion_print(FILE *f, const int *counts, int K);

/* Adds dir/name to the output set (out.h), written when the set is
 * committed: the header (column names separated by tabs, no newline),
 * then rows lines of cols values from v (rows * cols, row-major) as
 * %.17g, each line led by labels[i] and a tab when labels is not NULL.
 * Returns 0, or -1 with a message naming the path (out_set_file). */
int table_write(OutSet *set, const char *dir, const char *name,
                const char *header, const char *const *labels,
                const double *v, int rows, int cols, Error *err);

/* Like table_write, for data held as n_cols columns of rows values each:
 * line i holds cols[0][i], cols[1][i], ... */
int table_columns(OutSet *set, const char *dir, const char *name,
                  const char *header, const double *const *cols, int n_cols,
                  int rows, Error *err);

#endif
