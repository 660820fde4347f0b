/* data.c - reading and splitting the digits (see data.h). */
#include "data.h"

#include <errno.h>
#include <stdio.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <zlib.h>

#define LINE_MAX_BYTES 4096
#define FIELDS (DATA_FEATURES + 1)

/* ---- a line reader over zlib -------------------------------------------- */

typedef struct {
    gzFile gz;
    const char *path;
    char buf[16384]; /* decompressed bytes not yet handed out */
    int len, at;
    long line;       /* number of the line last returned, from 1 */
} Reader;

/* Next byte, EOF at the end, or -2 on a read error (message set). */
static int reader_byte(Reader *rd, Error *err)
{
    if (rd->at == rd->len) {
        int got = gzread(rd->gz, rd->buf, sizeof rd->buf);
        if (got < 0) {
            int code;
            const char *why = gzerror(rd->gz, &code);
            err_set(err, "%s: not a readable gzip or text file (%s)",
                    rd->path, code == Z_ERRNO ? strerror(errno) : why);
            return -2;
        }
        if (got == 0) {
            int code;
            const char *why = gzerror(rd->gz, &code);
            if (code != Z_OK && code != Z_STREAM_END) {
                err_set(err, "%s: compressed data is damaged or cut short (%s)",
                        rd->path, why);
                return -2;
            }
            return EOF;
        }
        rd->len = got;
        rd->at = 0;
    }
    return (unsigned char)rd->buf[rd->at++];
}

/* Reads one line into out (without its LF or CRLF).  Returns 1 for a line,
 * 0 at the end of the file, -1 on an error (message set). */
static int reader_line(Reader *rd, char *out, Error *err)
{
    int n = 0, c;
    while ((c = reader_byte(rd, err)) != EOF && c != '\n') {
        if (c == -2)
            return -1;
        if (c == 0)
            return err_set(err, "%s:%ld: NUL byte in the data; expected text",
                           rd->path, rd->line + 1);
        if (n == LINE_MAX_BYTES - 1)
            return err_set(err, "%s:%ld: line longer than %d bytes",
                           rd->path, rd->line + 1, LINE_MAX_BYTES - 1);
        out[n++] = (char)c;
    }
    if (c == EOF && n == 0)
        return 0;
    if (n > 0 && out[n - 1] == '\r')
        n--; /* CRLF */
    out[n] = '\0';
    rd->line++;
    return 1;
}

/* ---- parsing one row ---------------------------------------------------- */

/* Copies the first bytes (at most 20) of the n at s into out (at least
 * 81 bytes), each byte outside printable ASCII as \xHH, so a message
 * quoting a bad field stays one printable line. */
static const char *printable(char *out, const char *s, int n)
{
    char *o = out;
    for (int i = 0; i < n && i < 20; i++) {
        unsigned char c = (unsigned char)s[i];
        if (c >= 0x20 && c < 0x7f)
            *o++ = (char)c;
        else
            o += sprintf(o, "\\x%02x", c);
    }
    *o = '\0';
    return out;
}

/* Parses the 65 fields of line into pixels (D) and *label. */
static int parse_row(double *pixels, int *label, char *line,
                     const Reader *rd, Error *err)
{
    char *p = line;
    for (int f = 0; f < FIELDS; f++) {
        const char *what = f < DATA_FEATURES ? "pixel" : "label";
        int max = f < DATA_FEATURES ? DATA_MAX_PIXEL : DATA_CLASSES - 1;
        char *start = p;
        long v = 0;
        while (*p >= '0' && *p <= '9') {
            if (v <= 1000)
                v = v * 10 + (*p - '0');
            p++;
        }
        char *end = p;
        while (*p && *p != ',')
            p++;
        if (start == end || end != p) {
            char shown[81];
            return err_set(err, "%s:%ld: field %d (%s) is '%s'; expected "
                           "an integer 0..%d", rd->path, rd->line, f + 1,
                           what, printable(shown, start, (int)(p - start)),
                           max);
        }
        if (v > max)
            return err_set(err, "%s:%ld: field %d (%s) is %.*s; expected "
                           "0..%d", rd->path, rd->line, f + 1, what,
                           (int)(end - start) > 20 ? 20 : (int)(end - start),
                           start, max);
        if (f < DATA_FEATURES)
            pixels[f] = (double)v;
        else
            *label = (int)v;
        if (f < FIELDS - 1) {
            if (*p != ',')
                return err_set(err, "%s:%ld: %d fields; expected %d (64 "
                               "pixels and a label)", rd->path, rd->line,
                               f + 1, FIELDS);
            p++;
        }
    }
    if (*p == ',') {
        int fields = FIELDS;
        for (; *p; p++)
            fields += *p == ',';
        return err_set(err, "%s:%ld: %d fields; expected %d (64 pixels and "
                       "a label)", rd->path, rd->line, fields, FIELDS);
    }
    return 0;
}

/* ---- loading ------------------------------------------------------------ */

/* Grows ds to hold at least need rows (doubling). */
static int grow(Dataset *ds, int *cap, int need)
{
    if (need <= *cap)
        return 0;
    int cap2 = *cap ? *cap * 2 : 2048;
    double *x = realloc(ds->X.data, (size_t)cap2 * DATA_FEATURES * sizeof *x);
    if (!x)
        return -1;
    ds->X.data = x;
    int *y = realloc(ds->labels, (size_t)cap2 * sizeof *y);
    if (!y)
        return -1;
    ds->labels = y;
    *cap = cap2;
    return 0;
}

static int read_rows(Dataset *ds, Reader *rd, Error *err)
{
    static const char nomem[] = "%s: out of memory after %d rows";
    char *line = malloc(LINE_MAX_BYTES);
    int cap = 0, status = 0, got;
    if (!line)
        return err_set(err, nomem, rd->path, 0);
    while ((got = reader_line(rd, line, err)) == 1) {
        if (ds->n == DATA_MAX_ROWS) {
            status = err_set(err, "%s:%ld: more than %d rows", rd->path,
                             rd->line, DATA_MAX_ROWS);
            break;
        }
        if (grow(ds, &cap, ds->n + 1) != 0) {
            status = err_set(err, nomem, rd->path, ds->n);
            break;
        }
        double *px = ds->X.data + (long)ds->n * DATA_FEATURES;
        if (parse_row(px, &ds->labels[ds->n], line, rd, err) != 0) {
            status = -1;
            break;
        }
        ds->n++;
    }
    if (got < 0)
        status = -1;
    if (status == 0 && ds->n == 0)
        status = err_set(err, "%s: no rows; expected lines of 65 integers",
                         rd->path);
    free(line);
    return status;
}

int data_load(Dataset *ds, const char *path, Error *err)
{
    memset(ds, 0, sizeof *ds);
    struct stat st;
    if (stat(path, &st) != 0)
        return err_set(err, "%s: %s", path, strerror(errno));
    if (S_ISDIR(st.st_mode))
        return err_set(err, "%s: is a directory; expected a data file", path);
    Reader *rd = calloc(1, sizeof *rd);
    if (!rd)
        return err_set(err, "%s: out of memory", path);
    rd->path = path;
    rd->gz = gzopen(path, "rb");
    if (!rd->gz) {
        int e = errno;
        free(rd);
        return err_set(err, "%s: %s", path, e ? strerror(e) : "cannot open");
    }
    int status = read_rows(ds, rd, err);
    gzclose(rd->gz);
    free(rd);
    if (status != 0) {
        data_free(ds);
        return -1;
    }
    ds->X.rows = ds->n;
    ds->X.cols = DATA_FEATURES;
    return 0;
}

void data_free(Dataset *ds)
{
    if (!ds)
        return;
    free(ds->X.data);
    free(ds->labels);
    memset(ds, 0, sizeof *ds);
}

int data_alloc(Dataset *ds, int n, int D)
{
    memset(ds, 0, sizeof *ds);
    ds->labels = calloc((size_t)n + 1, sizeof *ds->labels);
    if (!ds->labels || mat_init(&ds->X, n, D) != 0) {
        data_free(ds);
        return -1;
    }
    ds->n = n;
    return 0;
}

/* ---- subsets and the split ---------------------------------------------- */

int data_subset(Dataset *out, const Dataset *src, const int *idx, int n)
{
    if (data_alloc(out, n, src->X.cols) != 0)
        return -1;
    mat_gather_rows(&out->X, &src->X, idx, n);
    for (int i = 0; i < n; i++)
        out->labels[i] = src->labels[idx[i]];
    return 0;
}

void data_split_sizes(int n, int *n_train, int *n_test)
{
    /* volatile keeps each product a rounded double, as in Python. */
    volatile double test = 0.2 * (double)n, train = 0.8 * (double)n;
    *n_test = (int)ceil(test);
    *n_train = (int)floor(train);
}

int data_split(Dataset *train, Dataset *test, int *train_idx, int *test_idx,
               const Dataset *all, Rng *r, Error *err)
{
    int n_train, n_test;
    data_split_sizes(all->n, &n_train, &n_test);
    memset(train, 0, sizeof *train);
    memset(test, 0, sizeof *test);
    if (n_train < 1 || n_test < 1)
        return err_set(err, "%d images are too few to split 80/20; "
                       "expected at least 2", all->n);
    int *perm = malloc((size_t)all->n * sizeof *perm);
    if (!perm)
        return err_set(err, "out of memory");
    rng_permutation(r, perm, all->n);
    int status = 0;
    if (data_subset(test, all, perm, n_test) != 0 ||
        data_subset(train, all, perm + n_test, n_train) != 0) {
        data_free(train);
        data_free(test);
        status = err_set(err, "out of memory");
    } else {
        if (test_idx)
            memcpy(test_idx, perm, (size_t)n_test * sizeof *perm);
        if (train_idx)
            memcpy(train_idx, perm + n_test, (size_t)n_train * sizeof *perm);
    }
    free(perm);
    return status;
}

void data_onehot(Matrix *Y, const int *labels, int n)
{
    for (int i = 0; i < n; i++)
        for (int k = 0; k < Y->cols; k++)
            Y->data[(long)i * Y->cols + k] = labels[i] == k ? 1.0 : 0.0;
}

void data_scale_pixels(Dataset *ds)
{
    long total = (long)ds->n * DATA_FEATURES;
    for (long i = 0; i < total; i++)
        ds->X.data[i] /= DATA_MAX_PIXEL;
}
