/* check_augment.c - the warps of augment.h on images whose warped form is
 * known: no warp, a shift by one pixel, a quarter turn, a zoom, and the
 * draws' ranges and order. */
#include <check.h>
#include <math.h>
#include <string.h>

#include "augment.h"
#include "support.h"

#define SIDE 8
#define NPIX (SIDE * SIDE)

/* An image whose every pixel differs: 1 + i + j / 100. */
static void ramp(double *img)
{
    for (int i = 0; i < SIDE; i++)
        for (int j = 0; j < SIDE; j++)
            img[i * SIDE + j] = 1.0 + i + j / 100.0;
}

START_TEST(no_warp_is_the_identity)
{
    double src[NPIX], dst[NPIX];
    ramp(src);
    WarpDraw d = {0.0, 1.0, 0.0, 0.0, 0.0};
    augment_image(dst, src, SIDE, &d);
    ck_assert(memcmp(dst, src, sizeof src) == 0);
}
END_TEST

/* dy = 1: the new row i shows the old row i + 1, and the last row, which
 * shows what lies below the image, is 0.  dx = -1 likewise by columns. */
START_TEST(one_pixel_shifts)
{
    double src[NPIX], dst[NPIX];
    ramp(src);
    WarpDraw down = {0.0, 1.0, 0.0, 1.0, 0.0};
    augment_image(dst, src, SIDE, &down);
    for (int i = 0; i < SIDE; i++)
        for (int j = 0; j < SIDE; j++)
            ck_assert_double_eq(dst[i * SIDE + j],
                                i + 1 < SIDE ? src[(i + 1) * SIDE + j] : 0.0);
    WarpDraw left = {0.0, 1.0, 0.0, 0.0, -1.0};
    augment_image(dst, src, SIDE, &left);
    for (int i = 0; i < SIDE; i++)
        for (int j = 0; j < SIDE; j++)
            ck_assert_double_eq(dst[i * SIDE + j],
                                j >= 1 ? src[i * SIDE + j - 1] : 0.0);
}
END_TEST

/* A quarter turn about the centre: new (i, j) = old (7 - j, i), to the
 * rounding of cos(pi / 2), which is 6e-17, not 0. */
START_TEST(quarter_turn)
{
    double src[NPIX], dst[NPIX];
    ramp(src);
    WarpDraw d = {acos(-1.0) / 2.0, 1.0, 0.0, 0.0, 0.0};
    augment_image(dst, src, SIDE, &d);
    for (int i = 0; i < SIDE; i++)
        for (int j = 0; j < SIDE; j++)
            ck_assert_double_eq_tol(dst[i * SIDE + j],
                                    src[(SIDE - 1 - j) * SIDE + i], 1e-12);
}
END_TEST

/* Zooming in by 2 shows the middle of the old image: new (i, j) is old
 * (c + (i - c) / 2, c + (j - c) / 2), between pixels; the ramp is linear,
 * so bilinear interpolation gives its exact value there. */
START_TEST(zoom_in_interpolates)
{
    double src[NPIX], dst[NPIX], c = (SIDE - 1) / 2.0;
    ramp(src);
    WarpDraw d = {0.0, 2.0, 0.0, 0.0, 0.0};
    augment_image(dst, src, SIDE, &d);
    for (int i = 0; i < SIDE; i++)
        for (int j = 0; j < SIDE; j++) {
            double y = c + (i - c) / 2.0, x = c + (j - c) / 2.0;
            ck_assert_double_eq_tol(dst[i * SIDE + j], 1.0 + y + x / 100.0,
                                    1e-12);
        }
}
END_TEST

/* Each parameter from its own rng_double, in the order a, s, h, dy, dx,
 * inside its range; augment_rows gives each row its own draw. */
START_TEST(draws_in_order_and_range)
{
    Warp w = {10.0, 0.1, 0.2, 1.0};
    Rng r, copy;
    rng_seed(&r, 3);
    copy = r;
    WarpDraw d = augment_draw(&w, &r);
    double u[5];
    for (int k = 0; k < 5; k++)
        u[k] = rng_double(&copy);
    ck_assert_double_eq(d.a, (-10.0 + 20.0 * u[0]) * (acos(-1.0) / 180.0));
    ck_assert_double_eq(d.s, 1.0 + (-0.1 + 0.2 * u[1]));
    ck_assert_double_eq(d.h, -0.2 + 0.4 * u[2]);
    ck_assert_double_eq(d.dy, -1.0 + 2.0 * u[3]);
    ck_assert_double_eq(d.dx, -1.0 + 2.0 * u[4]);
    for (int k = 0; k < 1000; k++) {
        d = augment_draw(&w, &r);
        ck_assert(fabs(d.a) <= 10.0 * acos(-1.0) / 180.0);
        ck_assert(d.s >= 0.9 && d.s <= 1.1 && fabs(d.h) <= 0.2);
        ck_assert(fabs(d.dy) <= 1.0 && fabs(d.dx) <= 1.0);
    }
    ck_assert(augment_on(&w));
    ck_assert(!augment_on(&(Warp){0.0, 0.0, 0.0, 0.0}));

    Matrix src, dst;
    ck_assert_int_eq(mat_init(&src, 2, NPIX), 0);
    ck_assert_int_eq(mat_init(&dst, 2, NPIX), 0);
    ramp(src.data);
    ramp(src.data + NPIX);
    augment_rows(&dst, &src, SIDE, &w, &r);
    ck_assert(memcmp(dst.data, dst.data + NPIX, NPIX * sizeof(double)) != 0);
    mat_free(&src);
    mat_free(&dst);
}
END_TEST

Suite *suite_augment(void)
{
    Suite *s = suite_create("augment");
    TCase *tc = tcase_create("augment");
    tcase_add_test(tc, no_warp_is_the_identity);
    tcase_add_test(tc, one_pixel_shifts);
    tcase_add_test(tc, quarter_turn);
    tcase_add_test(tc, zoom_in_interpolates);
    tcase_add_test(tc, draws_in_order_and_range);
    suite_add_tcase(s, tc);
    return s;
}
