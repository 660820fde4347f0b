/* blasmem.c - OpenBLAS under a memory limit (see blasmem.h). */
#define _DEFAULT_SOURCE /* MAP_ANONYMOUS, MAP_NORESERVE, setenv */
#include "blasmem.h"

#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <sys/mman.h>
#include <sys/resource.h>

#ifdef NN_BLAS
#include <cblas.h>
#endif
#include <omp.h>

#define THREAD_EXTRA (136L << 20) /* a new thread: its stack (8 MiB) and
                                     its malloc arena (128 MiB while
                                     glibc aligns it) */
#define MARGIN (32L << 20)       /* the program's own data */
#define WARM 256                 /* product size that takes the buffer */

/* Can `bytes` of address space be had now?  (A mapping without access
 * counts against the limit and costs nothing else.) */
static int space_for(size_t bytes)
{
    void *p = mmap(NULL, bytes, PROT_NONE,
                   MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE, -1, 0);
    if (p == MAP_FAILED)
        return 0;
    munmap(p, bytes);
    return 1;
}

#if defined(NN_BLAS) && defined(OPENBLAS_VERSION)
/* One product large enough for OpenBLAS's packed path, on each thread. */
static int warm_up(int threads)
{
    size_t n = (size_t)WARM * WARM;
    int bad = 0;
#pragma omp parallel num_threads(threads) reduction(| : bad)
    {
        double *a = calloc(3 * n, sizeof *a);
        if (a)
            cblas_dgemm(CblasRowMajor, CblasNoTrans, CblasNoTrans, WARM,
                        WARM, WARM, 1.0, a, WARM, a + n, WARM, 0.0,
                        a + 2 * n, WARM);
        bad |= !a;
        free(a);
    }
    return bad ? -1 : 0;
}

int blasmem_reserve(char **argv, Error *err)
{
    struct rlimit rl;
    if (getrlimit(RLIMIT_AS, &rl) != 0 || rl.rlim_cur == RLIM_INFINITY)
        return 0;
    const char *set = getenv("OPENBLAS_NUM_THREADS");
    if (argv && (!set || strcmp(set, "1") != 0) &&
        setenv("OPENBLAS_NUM_THREADS", "1", 1) == 0)
        execv("/proc/self/exe", argv); /* returns only when it failed */
    openblas_set_num_threads(1); /* as lib/mat.c does: no BLAS workers */
    int threads = omp_get_max_threads();
    while (threads > 0 &&
           !space_for((size_t)threads * BLASMEM_BUFFER +
                      (size_t)(threads - 1) * THREAD_EXTRA + MARGIN))
        threads--;
    if (threads == 0 || warm_up(threads) != 0)
        return err_set(err, "out of memory: the address-space limit "
                       "(ulimit -v %lu KiB) leaves less than the %ld MiB "
                       "OpenBLAS needs (or build with BLAS=none)",
                       (unsigned long)(rl.rlim_cur >> 10),
                       (BLASMEM_BUFFER + MARGIN) >> 20);
    omp_set_num_threads(threads);
    return 0;
}
#else
int blasmem_reserve(char **argv, Error *err)
{
    (void)argv;
    (void)err;
    (void)space_for;
    return 0;
}
#endif
