/* table.c - text and TSV tables (see table.h). */
#include "table.h"

#include <math.h>
#include <string.h>

#include "out.h"

void table_grid(FILE *f, const double *rows, int n_rows, const double *cols,
                int n_cols, const double *acc, const bool *diverged)
{
    fprintf(f, "%8s", "");
    for (int j = 0; j < n_cols; j++)
        fprintf(f, "  %8g", cols[j]);
    fprintf(f, "\n");
    for (int i = 0; i < n_rows; i++) {
        fprintf(f, "%8g", rows[i]);
        for (int j = 0; j < n_cols; j++) {
            int c = i * n_cols + j;
            if (diverged && diverged[c])
                fprintf(f, "  %8s", "diverged");
            else if (isnan(acc[c]))
                fprintf(f, "  %8s", "-");
            else
                fprintf(f, "  %8.4f", acc[c]);
        }
        fprintf(f, "\n");
    }
}

void table_confusion(int *counts, int K, const int *pred, const int *labels,
                     int n)
{
    memset(counts, 0, (size_t)K * K * sizeof *counts);
    for (int i = 0; i < n; i++)
        counts[labels[i] * K + pred[i]]++;
}

void table_confusion_print(FILE *f, const int *counts, int K)
{
    fprintf(f, "true\\predicted");
    for (int p = 0; p < K; p++)
        fprintf(f, "%4d", p);
    fprintf(f, "\n");
    for (int t = 0; t < K; t++) {
        fprintf(f, "%14d", t);
        for (int p = 0; p < K; p++)
            fprintf(f, "%4d", counts[t * K + p]);
        fprintf(f, "\n");
    }
}

int table_write(OutSet *set, const char *dir, const char *name,
                const char *header, const char *const *labels,
                const double *v, int rows, int cols, Error *err)
{
    FILE *f = out_set_file(set, dir, name, err);
    if (!f)
        return -1;
    fprintf(f, "%s\n", header);
    for (int i = 0; i < rows; i++) {
        if (labels)
            fprintf(f, "%s\t", labels[i]);
        for (int j = 0; j < cols; j++)
            fprintf(f, "%.17g%c", v[(long)i * cols + j],
                    j + 1 < cols ? '\t' : '\n');
    }
    return 0;
}

int table_columns(OutSet *set, const char *dir, const char *name,
                  const char *header, const double *const *cols, int n_cols,
                  int rows, Error *err)
{
    FILE *f = out_set_file(set, dir, name, err);
    if (!f)
        return -1;
    fprintf(f, "%s\n", header);
    for (int i = 0; i < rows; i++)
        for (int j = 0; j < n_cols; j++)
            fprintf(f, "%.17g%c", cols[j][i], j + 1 < n_cols ? '\t' : '\n');
    return 0;
}
