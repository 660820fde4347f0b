/* idx_load.c - libFuzzer harness for the IDX reader (lib/idx.c).
 *
 * idx_load reads two files by name, images and labels, so each input is
 * cut in two and written to two temporary files: its first two bytes give
 * the length of the images part (big-endian; clamped to what there is),
 * the images file follows, then the labels file.  The reader is asked for
 * at most 3 images, so a header that announces huge images cannot make it
 * allocate much, while the rest of both files is still read and checked.
 * Whatever the bytes, it must either succeed with pixels in [0, 1] and
 * labels 0..9 or fail with one printable line that names one of the two
 * files; the sanitizers watch the memory.  tests/check_idx.c replays the
 * seeds in fuzz/corpus/idx_load/.
 *
 *   make fuzz FUZZ_SECONDS=60      (mk/robust.mk)
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "idx.h"

#define LIMIT 3

static char path[2][4096];
static int fd[2] = {-1, -1};

static void remove_files(void)
{
    unlink(path[0]);
    unlink(path[1]);
}

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
    (void)argc;
    (void)argv;
    const char *dir = getenv("TMPDIR");
    if (!dir || !*dir)
        dir = access("/dev/shm", W_OK) == 0 ? "/dev/shm" : "/tmp";
    for (int i = 0; i < 2; i++) {
        snprintf(path[i], sizeof path[i], "%s/nn-fuzz-idx%d-XXXXXX", dir, i);
        fd[i] = mkstemp(path[i]);
        if (fd[i] < 0) {
            perror("idx_load fuzzer: mkstemp");
            abort();
        }
    }
    atexit(remove_files);
    return 0;
}

static void put(int i, const uint8_t *data, size_t size)
{
    if (ftruncate(fd[i], 0) != 0 ||
        (size && pwrite(fd[i], data, size, 0) != (ssize_t)size)) {
        perror("idx_load fuzzer: write");
        abort();
    }
}

/* One line, printable ASCII, naming one of the files. */
static void check_message(const Error *err)
{
    if (!strstr(err->msg, path[0]) && !strstr(err->msg, path[1]))
        abort();
    for (const char *p = err->msg; *p; p++)
        if (*p < 0x20 || *p > 0x7e)
            abort();
}

static void check_images(const Dataset *ds, const IdxInfo *info)
{
    if (ds->n < 1 || ds->n > LIMIT || ds->n > info->n_file ||
        ds->X.rows != ds->n ||
        ds->X.cols != info->rows * info->cols)
        abort();
    for (long i = 0; i < (long)ds->n * ds->X.cols; i++)
        if (!(ds->X.data[i] >= 0.0 && ds->X.data[i] <= 1.0))
            abort();
    for (int i = 0; i < ds->n; i++)
        if (ds->labels[i] < 0 || ds->labels[i] >= DATA_CLASSES)
            abort();
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    size_t body = size >= 2 ? size - 2 : 0;
    size_t split = size >= 2 ? (size_t)(data[0] << 8 | data[1]) : 0;
    if (split > body)
        split = body;
    put(0, data + (size - body), split);
    put(1, data + (size - body) + split, body - split);
    Dataset ds;
    IdxInfo info;
    Error err;
    if (idx_load(&ds, &info, path[0], path[1], LIMIT, &err) != 0) {
        check_message(&err);
        return 0;
    }
    check_images(&ds, &info);
    data_free(&ds);
    return 0;
}
