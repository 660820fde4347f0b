/* kv.c - key<TAB>list reference files (see kv.h). */
#include "kv.h"

#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define KV_MAX_BYTES (16L << 20)

int kv_load(KvFile *kv, const char *path, Error *err)
{
    kv->text = NULL;
    FILE *f = fopen(path, "rb");
    if (!f)
        return err_set(err, "%s: cannot open: %s", path, strerror(errno));
    char *buf = malloc(KV_MAX_BYTES + 1);
    size_t n = buf ? fread(buf, 1, KV_MAX_BYTES + 1, f) : 0;
    int bad = !buf || ferror(f) || n > KV_MAX_BYTES;
    fclose(f);
    if (bad) {
        free(buf);
        return err_set(err, "%s: %s", path,
                       !buf ? "out of memory" : n > KV_MAX_BYTES
                       ? "larger than 16 MiB" : "cannot read");
    }
    buf[n] = '\0';
    kv->text = buf;
    return 0;
}

void kv_free(KvFile *kv)
{
    if (!kv)
        return;
    free(kv->text);
    kv->text = NULL;
}

/* The values of key's line, or NULL. */
static const char *find_line(const char *text, const char *key)
{
    size_t len = strlen(key);
    for (const char *p = text; p && *p; p = strchr(p, '\n'), p = p ? p + 1 : p)
        if (*p != '#' && strncmp(p, key, len) == 0 && p[len] == '\t')
            return p + len + 1;
    return NULL;
}

int kv_get(const KvFile *kv, const char *key, double *out, int max)
{
    const char *p = kv->text ? find_line(kv->text, key) : NULL;
    if (!p)
        return -1;
    int n = 0;
    for (;;) {
        char *end;
        double v = strtod(p, &end);
        if (end == p)
            return -1;
        if (n < max)
            out[n] = v;
        n++;
        if (*end != ',')
            return *end == '\n' || *end == '\0' || *end == '\r' ? n : -1;
        p = end + 1;
    }
}

void kv_get_all(const KvFile *kv, const char *key, double *out, int n)
{
    if (kv_get(kv, key, out, n) != n)
        for (int i = 0; i < n; i++)
            out[i] = NAN;
}

double kv_get_seed(const KvFile *kv, const char *key, uint32_t seed)
{
    int n = kv_get(kv, "seeds", NULL, 0), m = kv_get(kv, key, NULL, 0);
    if (n <= 0 || n != m)
        return NAN;
    double *v = malloc(2 * (size_t)n * sizeof *v), found = NAN;
    if (!v)
        return NAN;
    kv_get(kv, "seeds", v, n);
    kv_get(kv, key, v + n, n);
    for (int i = 0; i < n; i++)
        if (v[i] == seed)
            found = v[n + i];
    free(v);
    return found;
}

void kv_get_seeded(const KvFile *kv, const char *name, uint32_t seed,
                   double *out, int n)
{
    char key[256];
    snprintf(key, sizeof key, "%.200s.%u", name, (unsigned)seed);
    kv_get_all(kv, key, out, n);
}
