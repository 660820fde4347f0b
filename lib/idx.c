/* idx.c - reading IDX images and labels through zlib (see idx.h). */
#include "idx.h"

#include <errno.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <zlib.h>

#define CHUNK 65536 /* bytes decompressed at a time */

/* ---- a byte stream over zlib -------------------------------------------- */

typedef struct {
    gzFile gz;
    const char *path;
    long long at;          /* bytes read so far */
    unsigned char *buf;    /* (CHUNK) */
} Stream;

static int stream_open(Stream *s, const char *path, Error *err)
{
    memset(s, 0, sizeof *s);
    s->path = path;
    struct stat st;
    if (stat(path, &st) != 0)
        return err_set(err, "%s: %s", path, strerror(errno));
    if (S_ISDIR(st.st_mode))
        return err_set(err, "%s: is a directory; expected an IDX file", path);
    s->buf = malloc(CHUNK);
    if (!s->buf)
        return err_set(err, "%s: out of memory", path);
    errno = 0;
    s->gz = gzopen(path, "rb");
    if (!s->gz) {
        int e = errno;
        return err_set(err, "%s: %s", path, e ? strerror(e) : "cannot open");
    }
    return 0;
}

static void stream_close(Stream *s)
{
    if (s->gz)
        gzclose(s->gz);
    free(s->buf);
    memset(s, 0, sizeof *s);
}

/* The message for a read that stopped early: zlib's complaint when the
 * gzip stream is damaged, otherwise the file simply ends. */
static int short_read(Stream *s, long long want, Error *err)
{
    int code;
    const char *why = gzerror(s->gz, &code);
    if (code != Z_OK && code != Z_STREAM_END)
        return err_set(err, "%s: compressed data is damaged or cut short "
                       "after %lld bytes (%s)", s->path, s->at,
                       code == Z_ERRNO ? strerror(errno) : why);
    return err_set(err, "%s: the data end after %lld bytes; the header "
                   "announces %lld", s->path, s->at, want);
}

/* Reads exactly n (<= CHUNK) bytes into s->buf.  want is the file's
 * expected length, for the message. */
static int stream_read(Stream *s, int n, long long want, Error *err)
{
    int got = gzread(s->gz, s->buf, (unsigned)n);
    if (got > 0)
        s->at += got;
    if (got != n)
        return short_read(s, want, err);
    return 0;
}

/* Fails unless the stream has ended (want bytes read). */
static int stream_end(Stream *s, long long want, Error *err)
{
    int got = gzread(s->gz, s->buf, 1);
    if (got < 0)
        return short_read(s, want, err);
    if (got > 0)
        return err_set(err, "%s: data continue past the %lld bytes the "
                       "header announces", s->path, want);
    return 0;
}

static uint32_t be32(const unsigned char *p)
{
    return (uint32_t)p[0] << 24 | (uint32_t)p[1] << 16 |
           (uint32_t)p[2] << 8 | p[3];
}

/* ---- headers ------------------------------------------------------------ */

/* Reads the header of a file of dims dimensions and the given magic into
 * size[0..dims-1]. */
static int read_header(Stream *s, uint32_t magic, int dims, uint32_t *size,
                       const char *what, Error *err)
{
    int len = 4 + 4 * dims, code;
    int got = gzread(s->gz, s->buf, (unsigned)len);
    if (got != len) {
        gzerror(s->gz, &code);
        if (code != Z_OK && code != Z_STREAM_END)
            return short_read(s, len, err);
        return err_set(err, "%s: %d bytes; expected an IDX %s header of %d",
                       s->path, got < 0 ? 0 : got, what, len);
    }
    s->at = len;
    uint32_t m = be32(s->buf);
    if (m >> 16 != 0)
        return err_set(err, "%s: magic number 0x%08x; expected 0x%08x "
                       "(IDX %s)", s->path, (unsigned)m, (unsigned)magic,
                       what);
    if ((m >> 8 & 0xff) != 0x08)
        return err_set(err, "%s: type byte 0x%02x; expected 0x08 (unsigned "
                       "bytes)", s->path, (unsigned)(m >> 8 & 0xff));
    if ((int)(m & 0xff) != dims)
        return err_set(err, "%s: %u dimensions; expected %d (IDX %s)",
                       s->path, (unsigned)(m & 0xff), dims, what);
    for (int d = 0; d < dims; d++)
        size[d] = be32(s->buf + 4 + 4 * d);
    if (size[0] < 1 || size[0] > IDX_MAX_IMAGES)
        return err_set(err, "%s: %u %s; expected 1..%d", s->path,
                       (unsigned)size[0], what, IDX_MAX_IMAGES);
    for (int d = 1; d < dims; d++)
        if (size[d] < 1 || size[d] > IDX_MAX_SIDE)
            return err_set(err, "%s: an image side of %u; expected 1..%d",
                           s->path, (unsigned)size[d], IDX_MAX_SIDE);
    return 0;
}

/* ---- the data ----------------------------------------------------------- */

/* Reads n images of D pixels, keeping the first keep in X (keep, D)
 * divided by 255, then checks that the file ends. */
static int read_pixels(Matrix *X, Stream *s, long n, long keep, long D,
                       Error *err)
{
    long long want = 16 + (long long)n * D, total = (long long)n * D;
    long long kept = (long long)keep * D;
    double scale[256]; /* byte -> byte / 255, divided once */
    for (int v = 0; v < 256; v++)
        scale[v] = v / 255.0;
    for (long long at = 0; at < total;) {
        int len = total - at < CHUNK ? (int)(total - at) : CHUNK;
        if (stream_read(s, len, want, err) != 0)
            return -1;
        long long use = kept - at < len ? kept - at : len;
        double *x = X->data + at;
        for (long long i = 0; i < use; i++)
            x[i] = scale[s->buf[i]];
        at += len;
    }
    return stream_end(s, want, err);
}

/* Reads n labels, keeping the first keep, then checks that the file ends. */
static int read_labels(int *labels, Stream *s, long n, long keep, Error *err)
{
    long long want = 8 + (long long)n;
    for (long at = 0; at < n;) {
        int len = n - at < CHUNK ? (int)(n - at) : CHUNK;
        if (stream_read(s, len, want, err) != 0)
            return -1;
        for (int i = 0; i < len; i++) {
            if (s->buf[i] >= DATA_CLASSES)
                return err_set(err, "%s: label %ld is %u; expected 0..%d",
                               s->path, at + i + 1, s->buf[i],
                               DATA_CLASSES - 1);
            if (at + i < keep)
                labels[at + i] = s->buf[i];
        }
        at += len;
    }
    return stream_end(s, want, err);
}

/* ---- loading ------------------------------------------------------------ */

int idx_load(Dataset *ds, IdxInfo *info, const char *images,
             const char *labels, long limit, Error *err)
{
    Stream si, sl;
    uint32_t isz[3], lsz[1];
    int status = -1;
    memset(ds, 0, sizeof *ds);
    memset(&sl, 0, sizeof sl);
    if (stream_open(&si, images, err) != 0 ||
        stream_open(&sl, labels, err) != 0 ||
        read_header(&si, IDX_IMAGES_MAGIC, 3, isz, "images", err) != 0 ||
        read_header(&sl, IDX_LABELS_MAGIC, 1, lsz, "labels", err) != 0)
        goto out;
    if (isz[0] != lsz[0]) {
        err_set(err, "%s: %u labels for the %u images of %s", labels,
                (unsigned)lsz[0], (unsigned)isz[0], images);
        goto out;
    }
    long n = isz[0], D = (long)isz[1] * isz[2];
    long keep = limit > 0 && limit < n ? limit : n;
    if (D > INT32_MAX / 8 || keep > INT32_MAX / 8) {
        err_set(err, "%s: %ld images of %ld pixels are too many", images,
                keep, D);
        goto out;
    }
    ds->labels = calloc((size_t)keep + 1, sizeof *ds->labels);
    if (!ds->labels || mat_init(&ds->X, (int)keep, (int)D) != 0) {
        err_set(err, "%s: out of memory for %ld images of %ld pixels",
                images, keep, D);
        goto out;
    }
    ds->n = (int)keep;
    if (read_pixels(&ds->X, &si, n, keep, D, err) != 0 ||
        read_labels(ds->labels, &sl, n, keep, err) != 0)
        goto out;
    if (info) {
        info->n_file = n;
        info->rows = (int)isz[1];
        info->cols = (int)isz[2];
    }
    status = 0;
out:
    stream_close(&si);
    stream_close(&sl);
    if (status != 0)
        data_free(ds);
    return status;
}
