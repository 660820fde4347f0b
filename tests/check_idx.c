/* check_idx.c - the IDX reader (lib/idx.c): round trips of small files the
 * test writes, plain and gzip, every refusal, the real Fashion-MNIST
 * headers, and the fuzzer's files. */
#include <check.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <zlib.h>

#include "idx.h"
#include "support.h"

#define FASHION NN_FASHION_DIR

static char dir[512];
static void setup(void) { temp_dir(dir, sizeof dir); }
static void teardown(void) { remove_dir(dir); }

/* ---- writing IDX files -------------------------------------------------- */

typedef struct {
    unsigned char bytes[20480]; /* fuzz inputs are at most 20000 bytes */
    size_t len;
} Buf;

static void put32(Buf *b, uint32_t v)
{
    b->bytes[b->len++] = v >> 24;
    b->bytes[b->len++] = v >> 16 & 0xff;
    b->bytes[b->len++] = v >> 8 & 0xff;
    b->bytes[b->len++] = v & 0xff;
}

/* An images file of n images of rows x cols, pixel (k, p) = (7k + p) %
 * 256, and the matching labels file, label k = k % 10. */
static void make_pair(Buf *im, Buf *lb, int n, int rows, int cols)
{
    ck_assert((size_t)16 + (size_t)n * rows * cols <= sizeof im->bytes);
    im->len = lb->len = 0;
    put32(im, IDX_IMAGES_MAGIC);
    put32(im, n), put32(im, rows), put32(im, cols);
    for (int k = 0; k < n; k++)
        for (int p = 0; p < rows * cols; p++)
            im->bytes[im->len++] = (unsigned char)((7 * k + p) % 256);
    put32(lb, IDX_LABELS_MAGIC);
    put32(lb, n);
    for (int k = 0; k < n; k++)
        lb->bytes[lb->len++] = (unsigned char)(k % 10);
}

/* Writes b (its first len bytes) to dir/name, gzip-compressed when gz;
 * returns the path (one of two static buffers, by slot). */
static const char *write_buf(const Buf *b, size_t len, const char *name,
                             bool gz, int slot)
{
    static char path[2][600];
    snprintf(path[slot], sizeof path[slot], "%s/%s", dir, name);
    if (gz) {
        gzFile g = gzopen(path[slot], "wb");
        ck_assert_ptr_nonnull(g);
        ck_assert_int_eq(gzwrite(g, b->bytes, (unsigned)len), (int)len);
        ck_assert_int_eq(gzclose(g), Z_OK);
    } else {
        FILE *f = fopen(path[slot], "wb");
        ck_assert_ptr_nonnull(f);
        ck_assert_uint_eq(fwrite(b->bytes, 1, len, f), len);
        fclose(f);
    }
    return path[slot];
}

/* ---- round trips -------------------------------------------------------- */

/* Loads a pair of n images of rows x cols written plain or gzip, with a
 * limit, and checks every pixel and label against make_pair's formula. */
static void round_trip(int n, int rows, int cols, bool gz, long limit)
{
    Buf im, lb;
    Dataset ds;
    IdxInfo info;
    Error err;
    make_pair(&im, &lb, n, rows, cols);
    const char *pi = write_buf(&im, im.len, "im", gz, 0);
    const char *pl = write_buf(&lb, lb.len, "lb", gz, 1);
    ck_assert_msg(idx_load(&ds, &info, pi, pl, limit, &err) == 0, "%s",
                  err.msg);
    int keep = limit > 0 && limit < n ? (int)limit : n;
    ck_assert_int_eq(ds.n, keep);
    ck_assert_int_eq(ds.X.rows, keep);
    ck_assert_int_eq(ds.X.cols, rows * cols);
    ck_assert_int_eq(info.n_file, n);
    ck_assert_int_eq(info.rows, rows);
    ck_assert_int_eq(info.cols, cols);
    for (int k = 0; k < keep; k++) {
        ck_assert_int_eq(ds.labels[k], k % 10);
        for (int p = 0; p < rows * cols; p++)
            ck_assert_double_eq(mat_at(&ds.X, k, p),
                                ((7 * k + p) % 256) / 255.0);
    }
    data_free(&ds);
}

START_TEST(round_trip_plain_and_gzip)
{
    round_trip(3, 2, 3, false, 0); /* not square: rows and cols kept apart */
    round_trip(3, 2, 3, true, 0);
    round_trip(10, 28, 28, true, 0); /* MNIST's and Fashion-MNIST's size */
    round_trip(1, 1, 1, false, 0);
}
END_TEST

START_TEST(limit_keeps_the_first_images)
{
    round_trip(10, 4, 4, true, 3);
    round_trip(10, 4, 4, false, 10);
    round_trip(10, 4, 4, false, 99);
}
END_TEST

/* The images past the limit are still read: a bad label there counts. */
START_TEST(limit_still_checks_the_rest)
{
    Buf im, lb;
    Dataset ds;
    Error err;
    make_pair(&im, &lb, 10, 4, 4);
    lb.bytes[8 + 9] = 10;
    const char *pi = write_buf(&im, im.len, "im", true, 0);
    const char *pl = write_buf(&lb, lb.len, "lb", true, 1);
    ck_assert_int_eq(idx_load(&ds, NULL, pi, pl, 2, &err), -1);
    ck_assert_msg(strstr(err.msg, "label 10 is 10; expected 0..9"), "%s",
                  err.msg);
    ck_assert_ptr_null(ds.X.data);
}
END_TEST

/* ---- refusals ----------------------------------------------------------- */

/* One bad pair: a change to the good pair of 4 images of 3 x 3, what the
 * message must say, and which file it must name (0 images, 1 labels). */
typedef struct {
    const char *name;
    void (*spoil)(Buf *im, Buf *lb, size_t *im_len, size_t *lb_len);
    int culprit;
    const char *says;
} Bad;

static void magic(Buf *im, Buf *lb, size_t *a, size_t *b)
{
    (void)lb, (void)a, (void)b;
    im->bytes[0] = 0x1f; /* say, a gzip header read as plain */
}
static void type_byte(Buf *im, Buf *lb, size_t *a, size_t *b)
{
    (void)im, (void)a, (void)b;
    lb->bytes[2] = 0x0d; /* floats */
}
static void dims(Buf *im, Buf *lb, size_t *a, size_t *b)
{
    (void)lb, (void)a, (void)b;
    im->bytes[3] = 2;
}
static void truncated(Buf *im, Buf *lb, size_t *a, size_t *b)
{
    (void)im, (void)lb, (void)b;
    *a -= 5;
}
static void trailing(Buf *im, Buf *lb, size_t *a, size_t *b)
{
    (void)im, (void)a;
    lb->bytes[(*b)++] = 3;
}
static void counts(Buf *im, Buf *lb, size_t *a, size_t *b)
{
    (void)im, (void)a;
    lb->bytes[7] = 3; /* 3 labels */
    *b -= 1;
}
static void label(Buf *im, Buf *lb, size_t *a, size_t *b)
{
    (void)im, (void)a, (void)b;
    lb->bytes[9] = 255;
}
static void no_images(Buf *im, Buf *lb, size_t *a, size_t *b)
{
    (void)lb, (void)b;
    im->bytes[7] = 0;
    *a = 16;
}
static void side_zero(Buf *im, Buf *lb, size_t *a, size_t *b)
{
    (void)lb, (void)a, (void)b;
    im->bytes[11] = 0;
}
static void side_huge(Buf *im, Buf *lb, size_t *a, size_t *b)
{
    (void)lb, (void)a, (void)b;
    im->bytes[13] = 0x10; /* cols 0x100003 */
}
static void short_header(Buf *im, Buf *lb, size_t *a, size_t *b)
{
    (void)im, (void)a;
    (void)lb;
    *b = 6;
}

static const Bad bad[] = {
    {"magic", magic, 0, "magic number 0x1f000803; expected 0x00000803"},
    {"type", type_byte, 1, "type byte 0x0d; expected 0x08"},
    {"dims", dims, 0, "2 dimensions; expected 3 (IDX images)"},
    {"truncated", truncated, 0, "the data end after 47 bytes; the header "
                                "announces 52"},
    {"trailing", trailing, 1, "data continue past the 12 bytes"},
    {"counts", counts, 1, "3 labels for the 4 images of"},
    {"label", label, 1, "label 2 is 255; expected 0..9"},
    {"none", no_images, 0, "0 images; expected 1..10000000"},
    {"side0", side_zero, 0, "an image side of 0; expected 1..1024"},
    {"side", side_huge, 0, "an image side of 1048579; expected 1..1024"},
    {"header", short_header, 1, "6 bytes; expected an IDX labels header "
                                "of 8"},
};

START_TEST(refuses_bad_files)
{
    const Bad *b = &bad[_i / 2];
    bool gz = _i % 2;
    Buf im, lb;
    Dataset ds;
    Error err;
    make_pair(&im, &lb, 4, 3, 3);
    size_t la = im.len, lbn = lb.len;
    b->spoil(&im, &lb, &la, &lbn);
    const char *pi = write_buf(&im, la, "im", gz, 0);
    const char *pl = write_buf(&lb, lbn, "lb", gz, 1);
    ck_assert_int_eq(idx_load(&ds, NULL, pi, pl, 0, &err), -1);
    ck_assert_msg(strstr(err.msg, b->says), "%s (%s): %s", b->name,
                  gz ? "gzip" : "plain", err.msg);
    ck_assert_msg(strncmp(err.msg, b->culprit ? pl : pi,
                          strlen(b->culprit ? pl : pi)) == 0,
                  "%s: the message names the wrong file: %s", b->name,
                  err.msg);
    ck_assert_ptr_null(ds.X.data);
    ck_assert_ptr_null(ds.labels);
    ck_assert(strchr(err.msg, '\n') == NULL);
}
END_TEST

/* A gzip file with a damaged middle, and one cut short. */
START_TEST(refuses_damaged_gzip)
{
    Buf im, lb;
    Dataset ds;
    Error err;
    make_pair(&im, &lb, 20, 28, 28);
    const char *pi = write_buf(&im, im.len, "im", true, 0);
    const char *pl = write_buf(&lb, lb.len, "lb", true, 1);
    FILE *f = fopen(pi, "r+b");
    ck_assert_ptr_nonnull(f);
    fseek(f, 0, SEEK_END);
    long size = ftell(f);
    unsigned char junk[64];
    memset(junk, 0xa5, sizeof junk);
    fseek(f, size / 2, SEEK_SET);
    fwrite(junk, 1, sizeof junk, f);
    fclose(f);
    ck_assert_int_eq(idx_load(&ds, NULL, pi, pl, 0, &err), -1);
    ck_assert_msg(strstr(err.msg, "compressed data is damaged or cut short"),
                  "%s", err.msg);
    ck_assert_ptr_null(ds.X.data);

    pi = write_buf(&im, im.len, "im", true, 0);
    ck_assert_int_eq(truncate(pi, size - 20), 0);
    ck_assert_int_eq(idx_load(&ds, NULL, pi, pl, 0, &err), -1);
    ck_assert_msg(strstr(err.msg, "compressed data is damaged or cut short"),
                  "%s", err.msg);
}
END_TEST

START_TEST(refuses_missing_file_and_directory)
{
    Buf im, lb;
    Dataset ds;
    Error err;
    char missing[700];
    make_pair(&im, &lb, 2, 2, 2);
    const char *pi = write_buf(&im, im.len, "im", false, 0);
    snprintf(missing, sizeof missing, "%s/no-such", dir);
    ck_assert_int_eq(idx_load(&ds, NULL, pi, missing, 0, &err), -1);
    ck_assert_msg(strstr(err.msg, "no-such: No such file or directory"),
                  "%s", err.msg);
    ck_assert_int_eq(idx_load(&ds, NULL, dir, pi, 0, &err), -1);
    ck_assert_msg(strstr(err.msg, "is a directory; expected an IDX file"),
                  "%s", err.msg);
}
END_TEST

/* ---- the real files ----------------------------------------------------- */

/* Fashion-MNIST's test files as Debian installs them (tools/install-deps):
 * their headers, and the first labels (9, an ankle boot, then 2, a
 * pullover).  The training files, six times larger, are read by the
 * chapter's tests (check_09.c), outside valgrind's slow replay. */
START_TEST(reads_fashion_mnist_headers)
{
    Dataset ds;
    IdxInfo info;
    Error err;
    ck_assert_msg(idx_load(&ds, &info, FASHION "/t10k-images-idx3-ubyte.gz",
                           FASHION "/t10k-labels-idx1-ubyte.gz", 5,
                           &err) == 0,
                  "%s (tools/install-deps installs the data set)", err.msg);
    ck_assert_int_eq(info.n_file, 10000);
    ck_assert_int_eq(info.rows, 28);
    ck_assert_int_eq(info.cols, 28);
    ck_assert_int_eq(ds.n, 5);
    ck_assert_int_eq(ds.labels[0], 9);
    ck_assert_int_eq(ds.labels[1], 2);
    double lo = 1, hi = 0;
    for (int p = 0; p < 784; p++) {
        double v = mat_at(&ds.X, 0, p);
        lo = v < lo ? v : lo, hi = v > hi ? v : hi;
    }
    ck_assert_double_eq(lo, 0.0);
    ck_assert(hi > 0.5 && hi <= 1.0);
    data_free(&ds);
}
END_TEST

/* ---- the fuzzer's files ------------------------------------------------- */

/* fuzz/idx_load.c's input layout: two bytes giving the images part's
 * length (big-endian), the images file, the labels file. */
static void replay(const char *path)
{
    FILE *f = fopen(path, "rb");
    ck_assert_ptr_nonnull(f);
    static unsigned char buf[1 << 16];
    size_t n = fread(buf, 1, sizeof buf, f);
    fclose(f);
    size_t split = n >= 2 ? (size_t)(buf[0] << 8 | buf[1]) : 0;
    if (split > n - (n >= 2 ? 2 : n))
        split = n >= 2 ? n - 2 : 0;
    Buf im = {.len = 0}, lb = {.len = 0};
    const unsigned char *body = buf + (n >= 2 ? 2 : n);
    size_t rest = n >= 2 ? n - 2 : 0;
    ck_assert(split <= sizeof im.bytes && rest - split <= sizeof lb.bytes);
    memcpy(im.bytes, body, split);
    memcpy(lb.bytes, body + split, rest - split);
    const char *pi = write_buf(&im, split, "fz-im", false, 0);
    const char *pl = write_buf(&lb, rest - split, "fz-lb", false, 1);
    Dataset ds;
    Error err;
    if (idx_load(&ds, NULL, pi, pl, 3, &err) == 0) {
        ck_assert(ds.n >= 1 && ds.n <= 3);
        data_free(&ds);
    } else {
        ck_assert(strchr(err.msg, '\n') == NULL);
    }
}

START_TEST(replays_the_fuzzers_files)
{
    ck_assert_int_gt(replay_fuzz_files("idx_load", replay), 0);
}
END_TEST

Suite *suite_idx(void)
{
    Suite *s = suite_create("idx");
    TCase *tc = tcase_create("load");
    tcase_add_checked_fixture(tc, setup, teardown);
    tcase_add_test(tc, round_trip_plain_and_gzip);
    tcase_add_test(tc, limit_keeps_the_first_images);
    tcase_add_test(tc, limit_still_checks_the_rest);
    tcase_add_loop_test(tc, refuses_bad_files, 0,
                        2 * (int)(sizeof bad / sizeof bad[0]));
    tcase_add_test(tc, refuses_damaged_gzip);
    tcase_add_test(tc, refuses_missing_file_and_directory);
    tcase_add_test(tc, reads_fashion_mnist_headers);
    tcase_add_test(tc, replays_the_fuzzers_files);
    suite_add_tcase(s, tc);
    return s;
}
