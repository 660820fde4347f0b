/* netio.c - the network file (see netio.h for the format). */
#include "netio.h"

#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <zlib.h>

#include "out.h"

#define TRAILER 4 /* the CRC-32 */

/* ---- little-endian fields ----------------------------------------------- */

static void put_u32(unsigned char *p, uint32_t v)
{
    for (int i = 0; i < 4; i++)
        p[i] = (unsigned char)(v >> (8 * i));
}

static void put_u64(unsigned char *p, uint64_t v)
{
    for (int i = 0; i < 8; i++)
        p[i] = (unsigned char)(v >> (8 * i));
}

/* A double goes out as the little-endian bytes of its IEEE 754 bits. */
static void put_f64(unsigned char *p, double d)
{
    uint64_t v;
    memcpy(&v, &d, sizeof v);
    put_u64(p, v);
}

static uint32_t get_u32(const unsigned char *p)
{
    uint32_t v = 0;
    for (int i = 3; i >= 0; i--)
        v = v << 8 | p[i];
    return v;
}

static uint64_t get_u64(const unsigned char *p)
{
    uint64_t v = 0;
    for (int i = 7; i >= 0; i--)
        v = v << 8 | p[i];
    return v;
}

static double get_f64(const unsigned char *p)
{
    uint64_t v = get_u64(p);
    double d;
    memcpy(&d, &v, sizeof d);
    return d;
}

/* ---- encoding ----------------------------------------------------------- */

size_t netio_size(const Net *net)
{
    return NETIO_HEADER + 8 * net->n_params + TRAILER;
}

void netio_encode(unsigned char *buf, const Net *net, double input_scale)
{
    memcpy(buf, NETIO_MAGIC, NETIO_MAGIC_LEN);
    put_u32(buf + 8, NETIO_VERSION);
    put_u32(buf + 12, (uint32_t)net->D);
    put_u32(buf + 16, (uint32_t)net->H);
    put_u32(buf + 20, (uint32_t)net->K);
    put_u32(buf + 24, (uint32_t)net->act);
    put_u64(buf + 28, (uint64_t)net->n_params);
    put_f64(buf + 36, input_scale);
    unsigned char *p = buf + NETIO_HEADER;
    for (size_t i = 0; i < net->n_params; i++, p += 8)
        put_f64(p, net->params[i]);
    put_u32(p, (uint32_t)crc32(0L, buf, (uInt)(p - buf)));
}

/* ---- decoding ----------------------------------------------------------- */

/* The header's fields, as read, before anything is trusted. */
typedef struct {
    uint32_t D, H, K, act;
    uint64_t P;
    double scale;
    int sane;     /* shape in range and P consistent with it */
    size_t total; /* the file's length if sane */
} Header;

static void read_header(Header *h, const unsigned char *buf)
{
    h->D = get_u32(buf + 12);
    h->H = get_u32(buf + 16);
    h->K = get_u32(buf + 20);
    h->act = get_u32(buf + 24);
    h->P = get_u64(buf + 28);
    h->scale = get_f64(buf + 36);
    h->sane = 0;
    h->total = 0;
    if (h->D < 1 || h->D > NETIO_MAX_UNITS || h->H < 1 ||
        h->H > NETIO_MAX_UNITS || h->K < 1 || h->K > NETIO_MAX_UNITS)
        return;
    uint64_t want = (uint64_t)h->D * h->H + h->H + (uint64_t)h->H * h->K +
                    h->K;
    if (want != h->P || h->P > (uint64_t)NETIO_MAX_PARAMS)
        return;
    h->sane = 1;
    h->total = NETIO_HEADER + 8 * (size_t)h->P + TRAILER;
}

/* The magic and the version: is this a file we can read at all? */
static int check_start(const unsigned char *buf, size_t len,
                       const char *name, Error *err)
{
    size_t m = len < NETIO_MAGIC_LEN ? len : NETIO_MAGIC_LEN;
    if (len == 0)
        return err_set(err, "%s: empty file; expected a network file", name);
    if (memcmp(buf, NETIO_MAGIC, m) != 0)
        return err_set(err, "%s: byte 0: not a network file (it does not "
                       "start with the NNET magic)", name);
    if (len < NETIO_HEADER + TRAILER)
        return err_set(err, "%s: truncated: %zu bytes; a network file has "
                       "at least %d", name, len, NETIO_HEADER + TRAILER);
    uint32_t version = get_u32(buf + 8);
    if (version != NETIO_VERSION)
        return err_set(err, "%s: byte 8: format version %u; expected "
                       "version %u", name, version, NETIO_VERSION);
    return 0;
}

/* The checksum, and when it fails, the likeliest reason. */
static int check_crc(const Header *h, const unsigned char *buf, size_t len,
                     const char *name, Error *err)
{
    size_t at = len - TRAILER;
    uint32_t stored = get_u32(buf + at);
    uint32_t crc = (uint32_t)crc32(0L, buf, (uInt)at);
    if (stored == crc)
        return 0;
    if (h->sane && len < h->total)
        return err_set(err, "%s: truncated: %zu bytes; a %ux%ux%u network "
                       "file has %zu", name, len, h->D, h->H, h->K, h->total);
    if (h->sane && len > h->total)
        return err_set(err, "%s: byte %zu: %zu unexpected bytes after the "
                       "end of the network", name, h->total, len - h->total);
    return err_set(err, "%s: byte %zu: checksum %08x does not match the "
                   "contents (%08x); the file is corrupt", name, at, stored,
                   crc);
}

/* What a checksummed header can still get wrong: a writer's bug or a
 * hand-made file.  D and K, when positive, are what the caller needs. */
static int check_header(const Header *h, size_t len, const char *name,
                        int D, int K, Error *err)
{
    if (!h->sane)
        return err_set(err, "%s: byte 12: shape %ux%ux%u with %llu "
                       "parameters; expected 1..%d units per layer and "
                       "D*H + H + H*K + K parameters", name, h->D, h->H,
                       h->K, (unsigned long long)h->P, NETIO_MAX_UNITS);
    if (len != h->total)
        return err_set(err, "%s: %zu bytes; a %ux%ux%u network file has %zu",
                       name, len, h->D, h->H, h->K, h->total);
    if (h->act > ACT_RELU)
        return err_set(err, "%s: byte 24: activation %u; expected 0 "
                       "(sigmoid), 1 (tanh) or 2 (relu)", name, h->act);
    if (!isfinite(h->scale) || h->scale <= 0.0)
        return err_set(err, "%s: byte 36: input scale %g; expected a finite "
                       "positive number", name, h->scale);
    if ((D > 0 && h->D != (uint32_t)D) || (K > 0 && h->K != (uint32_t)K))
        return err_set(err, "%s: a %ux%ux%u network; expected %d inputs and "
                       "%d classes", name, h->D, h->H, h->K, D, K);
    return 0;
}

int netio_decode(Net *net, double *input_scale, const unsigned char *buf,
                 size_t len, const char *name, int D, int K, Error *err)
{
    memset(net, 0, sizeof *net);
    Header h;
    if (check_start(buf, len, name, err) != 0)
        return -1;
    read_header(&h, buf);
    if (check_crc(&h, buf, len, name, err) != 0 ||
        check_header(&h, len, name, D, K, err) != 0)
        return -1;
    if (net_init(net, (int)h.D, (int)h.H, (int)h.K, (Activation)h.act) != 0)
        return err_set(err, "%s: out of memory for %llu parameters", name,
                       (unsigned long long)h.P);
    const unsigned char *p = buf + NETIO_HEADER;
    for (size_t i = 0; i < net->n_params; i++, p += 8) {
        net->params[i] = get_f64(p);
        if (!isfinite(net->params[i])) {
            net_free(net);
            return err_set(err, "%s: byte %zu: parameter %zu is not a "
                           "finite number", name, (size_t)(p - buf), i);
        }
    }
    *input_scale = h.scale;
    return 0;
}

/* ---- files -------------------------------------------------------------- */

int netio_write(FILE *f, const Net *net, double input_scale,
                const char *path, Error *err)
{
    for (size_t i = 0; i < net->n_params; i++)
        if (!isfinite(net->params[i]))
            return err_set(err, "%s: not saved: parameter %zu is NaN or "
                           "infinite (the network diverged)", path, i);
    if (!isfinite(input_scale) || input_scale <= 0.0)
        return err_set(err, "%s: not saved: input scale %g; expected a "
                       "finite positive number", path, input_scale);
    size_t size = netio_size(net);
    unsigned char *buf = malloc(size);
    if (!buf)
        return err_set(err, "%s: out of memory", path);
    netio_encode(buf, net, input_scale);
    int rc = fwrite(buf, 1, size, f) == size ? 0 : -1;
    free(buf);
    return rc == 0 ? 0 : err_set(err, "%s: out of memory", path);
}

int netio_save(const Net *net, double input_scale, const char *path,
               Error *err)
{
    OutSet s;
    out_set_init(&s);
    FILE *f = out_set_path(&s, path, err);
    if (!f || netio_write(f, net, input_scale, path, err) != 0) {
        out_set_free(&s);
        return -1;
    }
    return out_set_commit(&s, err);
}

/* What the first n bytes (at most NETIO_HEADER) already show: not a
 * network file, another version, an impossible shape.  Sets *expect to the
 * file's length when the header is whole and sane.  Returns 0 or -1. */
static int check_head(size_t *expect, const unsigned char *head, size_t n,
                      const char *name, Error *err)
{
    size_t m = n < NETIO_MAGIC_LEN ? n : NETIO_MAGIC_LEN;
    *expect = 0;
    if (memcmp(head, NETIO_MAGIC, m) != 0)
        return err_set(err, "%s: byte 0: not a network file (it does not "
                       "start with the NNET magic)", name);
    if (n < NETIO_HEADER)
        return 0; /* a short file: netio_decode says what is missing */
    uint32_t version = get_u32(head + 8);
    if (version != NETIO_VERSION)
        return err_set(err, "%s: byte 8: format version %u; expected "
                       "version %u", name, version, NETIO_VERSION);
    Header h;
    read_header(&h, head);
    if (!h.sane)
        return check_header(&h, 0, name, 0, 0, err);
    *expect = h.total;
    return 0;
}

/* Reads f into *buf (malloc'd) and *len: the header first, which must pass
 * check_head before anything more is read, then the rest, up to what the
 * header announces and a little more (to name trailing bytes).  Returns 0,
 * or -1 with a message. */
static int read_file(unsigned char **buf, size_t *len, FILE *f,
                     const char *path, Error *err)
{
    unsigned char head[NETIO_HEADER];
    size_t n = fread(head, 1, sizeof head, f), expect = 0;
    if (ferror(f))
        return err_set(err, "%s: cannot read: %s", path, strerror(errno));
    if (check_head(&expect, head, n, path, err) != 0)
        return -1;
    size_t max = expect ? expect + 65536 : NETIO_HEADER, cap = max + 1;
    unsigned char *b = malloc(cap);
    if (!b)
        return err_set(err, "%s: out of memory", path);
    memcpy(b, head, n);
    if (n == NETIO_HEADER)
        n += fread(b + n, 1, cap - n, f);
    if (ferror(f)) {
        free(b);
        return err_set(err, "%s: cannot read: %s", path, strerror(errno));
    }
    if (n > max) {
        free(b);
        return err_set(err, "%s: byte %zu: more than %zu unexpected bytes "
                       "after the end of the network", path, expect,
                       max - expect);
    }
    *buf = b;
    *len = n;
    return 0;
}

int netio_load(Net *net, double *input_scale, const char *path, int D, int K,
               Error *err)
{
    memset(net, 0, sizeof *net);
    struct stat st;
    if (stat(path, &st) != 0)
        return err_set(err, "%s: %s", path, strerror(errno));
    if (S_ISDIR(st.st_mode))
        return err_set(err, "%s: is a directory; expected a network file",
                       path);
    FILE *f = fopen(path, "rb");
    if (!f)
        return err_set(err, "%s: %s", path, strerror(errno));
    size_t len = 0;
    unsigned char *buf = NULL;
    int rc = read_file(&buf, &len, f, path, err);
    fclose(f);
    if (rc != 0)
        return -1;
    rc = netio_decode(net, input_scale, buf, len, path, D, K, err);
    free(buf);
    return rc;
}
