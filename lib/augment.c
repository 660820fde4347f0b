/* augment.c - random warps of the digits (see augment.h). */
#include "augment.h"

#include <math.h>

#define PI 3.14159265358979323846

bool augment_on(const Warp *w)
{
    return w->rotate != 0.0 || w->scale != 0.0 || w->shear != 0.0 ||
           w->shift != 0.0;
}

/* Uniform in [-half, half], as numpy's uniform(-half, half). */
static double symmetric(Rng *r, double half)
{
    return -half + 2.0 * half * rng_double(r);
}

WarpDraw augment_draw(const Warp *w, Rng *r)
{
    WarpDraw d;
    d.a = symmetric(r, w->rotate) * (PI / 180.0);
    d.s = 1.0 + symmetric(r, w->scale);
    d.h = symmetric(r, w->shear);
    d.dy = symmetric(r, w->shift);
    d.dx = symmetric(r, w->shift);
    return d;
}

/* The old image's value at pixel (i, j), 0 outside it. */
static double pixel(const double *src, int side, int i, int j)
{
    return i < 0 || j < 0 || i >= side || j >= side ? 0.0
                                                    : src[i * side + j];
}

/* The old image at the point (y, x), between pixels: the four pixels
 * around it, each weighted by how close the point is to it. */
static double bilinear(const double *src, int side, double y, double x)
{
    if (!(y > -1.0 && y < side && x > -1.0 && x < side))
        return 0.0; /* no pixel of the image is near (also NaN) */
    int i = (int)floor(y), j = (int)floor(x);
    double fy = y - i, fx = x - j;
    return pixel(src, side, i, j) * (1.0 - fy) * (1.0 - fx) +
           pixel(src, side, i + 1, j) * fy * (1.0 - fx) +
           pixel(src, side, i, j + 1) * (1.0 - fy) * fx +
           pixel(src, side, i + 1, j + 1) * fy * fx;
}

void augment_image(double *dst, const double *src, int side,
                   const WarpDraw *d)
{
    double c = (side - 1) / 2.0, ca = cos(d->a), sa = sin(d->a);
    for (int i = 0; i < side; i++)
        for (int j = 0; j < side; j++) {
            double u = (i - c) + d->h * (j - c), v = j - c;
            double y = (ca * u - sa * v) / d->s + c + d->dy;
            double x = (sa * u + ca * v) / d->s + c + d->dx;
            dst[i * side + j] = bilinear(src, side, y, x);
        }
}

void augment_rows(Matrix *dst, const Matrix *src, int side, const Warp *w,
                  Rng *r)
{
    for (int i = 0; i < src->rows; i++) {
        WarpDraw d = augment_draw(w, r);
        augment_image(dst->data + (long)i * dst->cols,
                      src->data + (long)i * src->cols, side, &d);
    }
}
