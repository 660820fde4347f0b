/* blasmem.c - the build without a BLAS (see blasmem.h): nothing to fit.
 * The BLAS build's blasmem_reserve is in lib/fast/blas.c. */
#include "blasmem.h"

#ifndef NN_BLAS
int blasmem_reserve(char **argv, Error *err)
{
    (void)argv;
    (void)err;
    return 0;
}
#endif
