/* support.c - shared test helpers (see support.h). */
#include "support.h"

#include "rng.h"

#include <check.h>
#include <dirent.h>
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>
#include <zlib.h>

#ifndef NN_REPO_DIR
#error "NN_REPO_DIR must name the repository (the Makefile sets it)"
#endif

int parse_list(double *out, int max, const char *text)
{
    int n = 0;
    const char *p = text;
    while (*p && n < max) {
        char *end;
        out[n++] = strtod(p, &end);
        if (end == p)
            return n - 1;
        p = *end == ',' ? end + 1 : end;
        if (*end != ',')
            break;
    }
    return n;
}

int golden(double *out, int max, unsigned seed, const char *key)
{
    char path[512];
    snprintf(path, sizeof path, "%s/tests/golden/seed_%u.txt", NN_REPO_DIR,
             seed);
    FILE *f = fopen(path, "r");
    ck_assert_msg(f != NULL, "cannot open golden file %s", path);
    size_t klen = strlen(key), cap = 0;
    char *line = NULL;
    int n = -1;
    while (getline(&line, &cap, f) > 0) {
        if (strncmp(line, key, klen) == 0 && line[klen] == '\t') {
            n = parse_list(out, max, line + klen + 1);
            break;
        }
    }
    free(line);
    fclose(f);
    ck_assert_msg(n >= 0, "golden key %s missing in %s", key, path);
    return n;
}

double golden1(unsigned seed, const char *key)
{
    double v;
    golden(&v, 1, seed, key);
    return v;
}

int run_program(char **output, const char *cmd)
{
    char full[4096];
    snprintf(full, sizeof full, "%s/%s 2>&1", NN_BIN_DIR, cmd);
    FILE *p = popen(full, "r");
    ck_assert_msg(p != NULL, "cannot run %s", full);
    size_t len = 0, cap = 1 << 16;
    char *buf = malloc(cap);
    ck_assert(buf != NULL);
    size_t got;
    while ((got = fread(buf + len, 1, cap - len - 1, p)) > 0) {
        len += got;
        if (cap - len < 4096) {
            cap *= 2;
            buf = realloc(buf, cap);
            ck_assert(buf != NULL);
        }
    }
    buf[len] = '\0';
    int status = pclose(p);
    *output = buf;
    return WIFEXITED(status) ? WEXITSTATUS(status) : 128;
}

char *run_chapter(char *dir, size_t size, const char *fmt, ...)
{
    char cmd[4096];
    va_list ap;
    va_start(ap, fmt);
    int n = vsnprintf(cmd, sizeof cmd, fmt, ap);
    va_end(ap);
    temp_dir(dir, size);
    ck_assert(n > 0 && (size_t)n < sizeof cmd - size - 8);
    snprintf(cmd + n, sizeof cmd - (size_t)n, " --out %s", dir);
    char *out;
    int status = run_program(&out, cmd);
    ck_assert_msg(status == 0, "%s: exit status %d\n%s", cmd, status, out);
    return out;
}

void chapter_done(char *output, const char *dir)
{
    free(output);
    remove_dir(dir);
}

const char *summary_value(char *buf, size_t size, const char *output,
                          const char *key)
{
    const char *line = NULL, *p = output;
    while ((p = strstr(p, "summary:")) != NULL) {
        if (p == output || p[-1] == '\n')
            line = p;
        p++;
    }
    if (!line)
        return NULL;
    size_t klen = strlen(key);
    const char *end = strchr(line, '\n');
    if (!end)
        end = line + strlen(line);
    for (p = line; p < end; p++) {
        if (*p == ' ' && strncmp(p + 1, key, klen) == 0 && p[1 + klen] == '=') {
            const char *v = p + 2 + klen;
            size_t n = strcspn(v, " \n");
            if (n >= size)
                n = size - 1;
            memcpy(buf, v, n);
            buf[n] = '\0';
            return buf;
        }
    }
    return NULL;
}

char *temp_dir(char *buf, size_t size)
{
    const char *base = getenv("TMPDIR");
    snprintf(buf, size, "%s/nn-test-XXXXXX", base && *base ? base : "/tmp");
    ck_assert_msg(mkdtemp(buf) != NULL, "mkdtemp failed");
    return buf;
}

void remove_dir(const char *dir)
{
    DIR *d = opendir(dir);
    if (!d)
        return;
    struct dirent *e;
    char path[4096];
    while ((e = readdir(d)) != NULL) {
        if (strcmp(e->d_name, ".") == 0 || strcmp(e->d_name, "..") == 0)
            continue;
        snprintf(path, sizeof path, "%s/%s", dir, e->d_name);
        unlink(path);
    }
    closedir(d);
    rmdir(dir);
}

int close_rel(double a, double b, double tol)
{
    if (tol == 0.0)
        return a == b;
    double scale = fabs(a) > fabs(b) ? fabs(a) : fabs(b);
    return fabs(a - b) <= tol * scale;
}

void fill_gauss(Matrix *m, unsigned seed)
{
    Rng r;
    rng_seed(&r, seed);
    rng_gauss_fill(&r, m->data, (size_t)m->rows * m->cols);
}

double op_at(const Matrix *X, bool t, int i, int j)
{
    return t ? mat_at(X, j, i) : mat_at(X, i, j);
}

int count_lines(const char *dir, const char *name)
{
    char path[1024];
    snprintf(path, sizeof path, "%s/%s", dir, name);
    FILE *f = fopen(path, "r");
    ck_assert_msg(f != NULL, "cannot open %s", path);
    int lines = 0, c, last = '\n';
    while ((c = getc(f)) != EOF) {
        lines += c == '\n';
        last = c;
    }
    fclose(f);
    return lines + (last != '\n');
}

char *read_whole(const char *dir, const char *name, size_t *len)
{
    char path[1024];
    snprintf(path, sizeof path, "%s/%s", dir, name);
    FILE *f = fopen(path, "rb");
    ck_assert_msg(f != NULL, "cannot open %s", path);
    fseek(f, 0, SEEK_END);
    long n = ftell(f);
    rewind(f);
    char *buf = malloc((size_t)n + 1);
    ck_assert_ptr_nonnull(buf);
    ck_assert_uint_eq(fread(buf, 1, (size_t)n, f), (size_t)n);
    buf[n] = '\0';
    fclose(f);
    if (len)
        *len = (size_t)n;
    return buf;
}

int each_file(const char *dir, void (*fn)(const char *path))
{
    DIR *d = opendir(dir);
    if (!d)
        return -1;
    struct dirent *e;
    char path[1024];
    int n = 0;
    while ((e = readdir(d)) != NULL) {
        if (e->d_name[0] == '.')
            continue;
        snprintf(path, sizeof path, "%s/%s", dir, e->d_name);
        fn(path);
        n++;
    }
    closedir(d);
    return n;
}

int replay_fuzz_files(const char *name, void (*fn)(const char *path))
{
    char dir[1024];
    snprintf(dir, sizeof dir, "%s/fuzz/corpus/%s", NN_REPO_DIR, name);
    int seeds = each_file(dir, fn);
    ck_assert_msg(seeds > 0, "no seeds in %s", dir);
    snprintf(dir, sizeof dir, "%s/fuzz/regress/%s", NN_REPO_DIR, name);
    int kept = each_file(dir, fn);
    return seeds + (kept > 0 ? kept : 0);
}

/* ---- small IDX data sets ------------------------------------------------ */

static void put_be32(unsigned char *p, unsigned v)
{
    p[0] = v >> 24, p[1] = v >> 16 & 0xff, p[2] = v >> 8 & 0xff;
    p[3] = v & 0xff;
}

/* Writes dir/<prefix>-images-idx3-ubyte.gz and its labels. */
static void write_idx_pair(const char *dir, const char *prefix, int n,
                           unsigned seed, int bad_label)
{
    char path[1024];
    unsigned char head[16];
    Rng r;
    rng_seed(&r, seed);
    snprintf(path, sizeof path, "%s/%s-images-idx3-ubyte.gz", dir, prefix);
    gzFile g = gzopen(path, "wb");
    ck_assert_msg(g != NULL, "cannot write %s", path);
    put_be32(head, 0x803), put_be32(head + 4, (unsigned)n);
    put_be32(head + 8, 28), put_be32(head + 12, 28);
    ck_assert_int_eq(gzwrite(g, head, 16), 16);
    for (int k = 0; k < n; k++) {
        unsigned char px[784];
        int c = k % 10;
        for (int p = 0; p < 784; p++) {
            int row = p / 28, lit = row / 2 == c + 2;
            px[p] = (unsigned char)(lit ? 200 : 0) +
                    (unsigned char)(40 * rng_double(&r));
        }
        ck_assert_int_eq(gzwrite(g, px, 784), 784);
    }
    ck_assert_int_eq(gzclose(g), Z_OK);
    snprintf(path, sizeof path, "%s/%s-labels-idx1-ubyte.gz", dir, prefix);
    g = gzopen(path, "wb");
    ck_assert_msg(g != NULL, "cannot write %s", path);
    put_be32(head, 0x801), put_be32(head + 4, (unsigned)n);
    ck_assert_int_eq(gzwrite(g, head, 8), 8);
    for (int k = 0; k < n; k++) {
        unsigned char y = (unsigned char)(k == 0 && bad_label >= 10
                                              ? bad_label : k % 10);
        ck_assert_int_eq(gzwrite(g, &y, 1), 1);
    }
    ck_assert_int_eq(gzclose(g), Z_OK);
}

void write_fashion_dir(const char *dir, int n_train, int n_test,
                       int bad_label)
{
    write_idx_pair(dir, "train", n_train, 1, bad_label);
    write_idx_pair(dir, "t10k", n_test, 2, 0);
}
