/* augment.h - more training images from the ones there are: small random
 * warps of each digit.
 *
 * A digit rotated by a few degrees, a little larger or smaller, slanted a
 * little or moved by a pixel is still the same digit.  Training on such
 * warped copies as well as on the originals tells the network so, which
 * 1437 images alone cannot (book, chapter "Closing the gap", step (8)).
 *
 * One warp maps each pixel (i, j) of the new image (row i, column j,
 * counted from the image's centre c = (side - 1) / 2) back to the point
 * of the old image it shows:
 *
 *   u = (i - c) + h (j - c),  v = j - c          shear by h
 *   y = ( cos a u - sin a v) / s + c + dy       rotate by a, zoom by s,
 *   x = ( sin a u + cos a v) / s + c + dx       move by (dy, dx)
 *
 * and takes the old image's value there by bilinear interpolation between
 * the four pixels around (y, x), counting pixels outside the image as 0.
 * Each warp's a, s, h, dy, dx are drawn uniformly from [-rotate, rotate]
 * (degrees), [1 - scale, 1 + scale], [-shear, shear], [-shift, shift] and
 * [-shift, shift], in that order, each by rng_double.  All zero ranges
 * give back the image unchanged.
 */
#ifndef NN_AUGMENT_H
#define NN_AUGMENT_H

#include <stdbool.h>

#include "mat.h"
#include "rng.h"

typedef struct {
    double rotate; /* largest rotation, degrees */
    double scale;  /* largest change of size, as a fraction */
    double shear;  /* largest shear */
    double shift;  /* largest move, pixels, each direction */
} Warp;

/* True when w warps at all (some range is not 0). */
bool augment_on(const Warp *w);

/* The parameters of one warp, as drawn. */
typedef struct {
    double a, s, h, dy, dx; /* radians, factor, shear, pixels, pixels */
} WarpDraw;

/* Draws one warp's parameters from r (see above for the order). */
WarpDraw augment_draw(const Warp *w, Rng *r);

/* dst = src (side x side pixels, row by row) warped by d.  dst and src
 * must not overlap. */
void augment_image(double *dst, const double *src, int side,
                   const WarpDraw *d);

/* Every row of src (n, side * side) warped by its own draw from r, into
 * the same row of dst (n, side * side), rows in order. */
void augment_rows(Matrix *dst, const Matrix *src, int side, const Warp *w,
                  Rng *r);

#endif
