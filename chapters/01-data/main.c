/* 01-data: the digits, their shapes, and five random images (cell 1).
 *
 * The notebook loads scikit-learn's 8x8 digits, flattens each image into a
 * row of 64 pixels, seeds numpy's stream and picks five images at random
 * to look at.  This program does the same from data/digits.csv.gz and
 * writes the five images for the figure.  Book: chapter "The data".
 */
#include <stdio.h>

#include "cli.h"
#include "notebook.h"
#include "out.h"
#include "summary.h"

/* Writes the shown images as `panel row col pixel label index` rows, one
 * per pixel, which gnuplot draws with `with image`. */
static int write_shown(const Notebook *nb, const char *dir, Error *err)
{
    OutFile o;
    if (out_open(&o, dir, "shown.tsv", err) != 0)
        return -1;
    fprintf(o.f, "panel\trow\tcol\tpixel\tlabel\tindex\n");
    for (int p = 0; p < NB_SHOWN; p++) {
        int idx = nb->shown[p];
        for (int r = 0; r < DATA_SIDE; r++)
            for (int c = 0; c < DATA_SIDE; c++)
                fprintf(o.f, "%d\t%d\t%d\t%g\t%d\t%d\n", p, r, c,
                        mat_at(&nb->all.X, idx, r * DATA_SIDE + c),
                        nb->all.labels[idx], idx);
    }
    return out_commit(&o, err);
}

/* Prints one image as 8 lines of characters, darker pixels denser. */
static void print_image(const Matrix *X, int idx)
{
    static const char shade[] = " .:-=+*#%@";
    for (int r = 0; r < DATA_SIDE; r++) {
        printf("    ");
        for (int c = 0; c < DATA_SIDE; c++) {
            double v = mat_at(X, idx, r * DATA_SIDE + c);
            char ch = shade[(int)(v * 9.0 / DATA_MAX_PIXEL + 0.5)];
            printf("%c%c", ch, ch);
        }
        printf("\n");
    }
}

int main(int argc, char **argv)
{
    Cli cli = {.program = "01-data",
               .purpose = "Load the digits and show five random images "
                          "(notebook cell 1)."};
    Error err;
    int rc = cli_parse(&cli, argc, argv, NULL, 0, stdout, &err);
    if (rc != 0)
        return rc > 0 ? 0 : cli_fail(&cli, &err);
    rc = -1; /* until the end is reached */

    Notebook nb = {0};
    if (nb_replay(&nb, cli.data, cli.seed, NB_CELL1, &err) != 0)
        goto out;

    //> shapes
    int n = nb.all.n;
    printf("images = (n_inputs, pixel_width, pixel_height) = (%d, %d, %d)\n",
           n, DATA_SIDE, DATA_SIDE);
    printf("labels = (n_inputs) = (%d,)\n", n);
    /* The rows of X already are the flattened images: pixel (r, c) of
     * image i is X[i][8 r + c], so "reshaping" costs nothing. */
    printf("X = (n_inputs, n_features) = (%d, %d)\n", nb.all.X.rows,
           nb.all.X.cols);
    //< shapes

    printf("\nrandom indices (seed %u):", cli.seed);
    for (int p = 0; p < NB_SHOWN; p++)
        printf(" %d", nb.shown[p]);
    printf("\n");
    for (int p = 0; p < NB_SHOWN; p++) {
        printf("\n  image %d, label %d\n", nb.shown[p],
               nb.all.labels[nb.shown[p]]);
        print_image(&nb.all.X, nb.shown[p]);
    }

    if (write_shown(&nb, cli.out, &err) != 0)
        goto out;
    int labels[NB_SHOWN];
    for (int p = 0; p < NB_SHOWN; p++)
        labels[p] = nb.all.labels[nb.shown[p]];
    printf("\n");
    summary_begin();
    summary_int("samples", n);
    summary_int("features", nb.all.X.cols);
    summary_ints("shown", nb.shown, NB_SHOWN);
    summary_ints("shown_labels", labels, NB_SHOWN);
    summary_end();
    rc = 0;
out:
    nb_free(&nb);
    return rc == 0 ? 0 : cli_fail(&cli, &err);
}
