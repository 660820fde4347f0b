/* lanes.h - NN_LANES, the mark of functions whose loops run in SIMD lanes.
 *
 * Elementwise loops: `#pragma omp simd` asks for SIMD lanes (the build
 * has -fopenmp), and with GCC 12 or later on x86-64 a function marked
 * NN_LANES is compiled three times: for x86-64-v4 (AVX-512), for
 * x86-64-v3 (AVX2 and FMA) and for the baseline, the loader choosing what
 * the processor runs.  Every element still sees the same operations in
 * the same order: the compiler never fuses a * b + c into one operation
 * by itself (-ffp-contract=off), and where the code asks for a fused
 * multiply-add by name, fma(), it is rounded once on every version (the
 * baseline calls the C library's fma).  So all versions give the same
 * bits, only the speed differs (`make check-valgrind` compares the v3 and
 * v4 versions' outputs, the act suite the SIMD versions with the
 * baseline).  Older compilers, and clang, build the baseline only; there,
 * and on processors without FMA, every fma() is a library call, which
 * makes act.c's exponential slower than the C library's exp(). */
#ifndef NN_LANES_H
#define NN_LANES_H

#if defined(__GNUC__) && !defined(__clang__) && __GNUC__ >= 12 && \
    defined(__x86_64__) && defined(__ELF__)
#define NN_LANES                                                        \
    __attribute__((target_clones("arch=x86-64-v4", "arch=x86-64-v3", \
                                 "default")))
#else
#define NN_LANES
#endif

/* Elementwise work over PAR_ELEMS elements or more is cut into pieces of
 * PAR_PIECE elements that OpenMP's threads share out: a cut that depends
 * on the length alone, so that the bits do not depend on the number of
 * threads.  n elements make pieces_of(n) pieces; piece c ends at
 * piece_end(c, n). */
#define PAR_ELEMS 65536
#define PAR_PIECE 8192

static inline long pieces_of(long n)
{
    return (n + PAR_PIECE - 1) / PAR_PIECE;
}

static inline long piece_end(long c, long n)
{
    return (c + 1) * PAR_PIECE < n ? (c + 1) * PAR_PIECE : n;
}

#endif
