/* blasmem.h - OpenBLAS under a memory limit (ulimit -v).
 *
 * OpenBLAS takes a work buffer of 128 MiB of address space for every
 * thread that calls it, the first time that thread does, and when the
 * allocation fails it tries again for ever (blas_memory_alloc in 0.3.21):
 * under `ulimit -v` a program would hang instead of saying "out of
 * memory".  Worse, OpenBLAS starts a worker thread when it is loaded
 * (one per extra core, unless OPENBLAS_NUM_THREADS says otherwise), which
 * takes its buffer at once, spins when it cannot, and is waited for at
 * exit.  The library uses one OpenBLAS thread anyway (lib/mat.c).  So
 * every program calls blasmem_reserve once, from cli_parse, before any
 * product; under a limit on the address space it
 *   - starts the program again with OPENBLAS_NUM_THREADS=1 when that is
 *     not set (the variable is read once, at load time): no worker;
 *   - keeps as many OpenMP threads as the space left can give a buffer to,
 *     and makes OpenBLAS take their buffers at once, while the space is
 *     known to be there; with not even one, it says "out of memory".
 * Without a limit, or without OpenBLAS, it does nothing.  (The BLAS
 * build's version is in lib/fast/blas.c; lib/blasmem.c has the other.)  (Debian's serial
 * variant of OpenBLAS has no worker, but is not built to be called from
 * several threads at once, as the sweep does.)
 */
#ifndef NN_BLASMEM_H
#define NN_BLASMEM_H

#include "err.h"

/* Address space OpenBLAS takes per calling thread (its BUFFER_SIZE, 32 <<
 * 22 bytes on x86-64, and two pages). */
#define BLASMEM_BUFFER ((128L << 20) + 8192)

/* argv: the program's, to start it again (see above).  Returns 0 (the
 * threads kept, their buffers taken), or -1 with "out of memory" and what
 * the limit leaves, when not even one thread fits. */
int blasmem_reserve(char **argv, Error *err);

#endif
