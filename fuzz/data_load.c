/* data_load.c - libFuzzer harness for the digits loader (lib/data.c).
 *
 * data_load reads a file by name (through zlib, which also detects gzip),
 * so each input is written to one temporary file and loaded from there;
 * no entry point was added to lib/data.c for the fuzzer.
 * Whatever the bytes, the loader must either succeed with images that
 * obey the format (pixels 0..16, labels 0..9) or fail with one printable
 * line that names the file; the sanitizers watch the memory.  A loaded
 * set of two or more images is also split, as chapter 2 does.
 *
 *   make fuzz FUZZ_SECONDS=60      (mk/robust.mk)
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "data.h"

static char path[4096];
static int fd = -1;

static void remove_file(void) { unlink(path); }

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
    (void)argc;
    (void)argv;
    /* A file in memory (/dev/shm) is five times faster to rewrite for
     * every input than one on disk. */
    const char *dir = getenv("TMPDIR");
    if (!dir || !*dir)
        dir = access("/dev/shm", W_OK) == 0 ? "/dev/shm" : "/tmp";
    snprintf(path, sizeof path, "%s/nn-fuzz-data-XXXXXX", dir);
    fd = mkstemp(path);
    if (fd < 0) {
        perror("data_load fuzzer: mkstemp");
        abort();
    }
    atexit(remove_file);
    return 0;
}

/* One line, printable ASCII, naming the file. */
static void check_message(const Error *err)
{
    if (!strstr(err->msg, path))
        abort();
    for (const char *p = err->msg; *p; p++)
        if (*p < 0x20 || *p > 0x7e)
            abort();
}

static void check_images(const Dataset *ds)
{
    if (ds->n < 1 || ds->n > DATA_MAX_ROWS || ds->X.rows != ds->n ||
        ds->X.cols != DATA_FEATURES)
        abort();
    for (long i = 0; i < (long)ds->n * DATA_FEATURES; i++) {
        double v = ds->X.data[i];
        if (!(v >= 0 && v <= DATA_MAX_PIXEL) || v != (double)(int)v)
            abort();
    }
    for (int i = 0; i < ds->n; i++)
        if (ds->labels[i] < 0 || ds->labels[i] >= DATA_CLASSES)
            abort();
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (ftruncate(fd, 0) != 0 ||
        pwrite(fd, data, size, 0) != (ssize_t)size) {
        perror("data_load fuzzer: write");
        abort();
    }
    Dataset ds, train, test;
    Error err;
    if (data_load(&ds, path, &err) != 0) {
        check_message(&err);
        return 0;
    }
    check_images(&ds);
    if (ds.n >= 2) {
        Rng r;
        rng_seed(&r, (uint32_t)size);
        if (data_split(&train, &test, NULL, NULL, &ds, &r, &err) == 0) {
            if (train.n + test.n != ds.n)
                abort();
            data_free(&train);
            data_free(&test);
        }
    }
    data_free(&ds);
    return 0;
}
