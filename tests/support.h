/* support.h - helpers the Check suites share (not a suite itself).
 *
 * Golden values: tests/golden/seed_S.txt, written by
 * tests/reference/golden.py from a numpy run of the notebook.  Each line is
 * `key<TAB>v1,v2,...`.  Chapter programs: run with popen, their output
 * kept, their `summary:` line parsed.
 */
#ifndef NN_TEST_SUPPORT_H
#define NN_TEST_SUPPORT_H

#include <stdbool.h>
#include <stddef.h>

#include "mat.h"

/* Tolerances, named so every comparison says what it allows. */
#define TOL_EXACT 0.0       /* bit-for-bit: integers, the random stream */
#define TOL_ROUNDING 1e-12  /* relative: same formula, other summation order */

/* Values of key in seed S's golden file, as doubles, into out (up to max);
 * returns how many.  Fails the running test when the file or key is
 * missing. */
int golden(double *out, int max, unsigned seed, const char *key);

/* One golden value. */
double golden1(unsigned seed, const char *key);

/* Runs `NN_BIN_DIR/cmd` through the shell with stderr folded into the
 * output; returns its exit status and its output (malloc'd, NUL-ended) in
 * *output.  Fails the running test when it cannot run. */
int run_program(char **output, const char *cmd);

/* Runs a chapter program: NN_BIN_DIR/<command formatted from fmt> with
 * --out set to a fresh temporary directory, whose name goes to dir (size
 * bytes).  Fails the running test unless the program exits 0; returns its
 * output (malloc'd).  chapter_done releases both. */
char *run_chapter(char *dir, size_t size, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

/* Frees a run_chapter output and removes its directory. */
void chapter_done(char *output, const char *dir);

/* The value of key in the last `summary:` line of output, copied into buf;
 * returns buf, or NULL when the key is absent. */
const char *summary_value(char *buf, size_t size, const char *output,
                          const char *key);

/* Parses a comma-separated list of doubles; returns how many (up to max). */
int parse_list(double *out, int max, const char *text);

/* A fresh temporary directory (mkdtemp) in buf, for --out. */
char *temp_dir(char *buf, size_t size);

/* Removes a directory made by temp_dir and the files in it. */
void remove_dir(const char *dir);

/* Lines in dir/name (a data file a chapter wrote); fails the running
 * test when it cannot be opened. */
int count_lines(const char *dir, const char *name);

/* The whole of dir/name in a malloc'd buffer, NUL-ended, its length (the
 * NUL not counted) in *len when len is not NULL.  Fails the test when the
 * file cannot be opened. */
char *read_whole(const char *dir, const char *name, size_t *len);

/* Fills m with Gaussians from a stream seeded with seed. */
void fill_gauss(Matrix *m, unsigned seed);

/* Element (i, j) of op(X): X, or X transposed when t is set. */
double op_at(const Matrix *X, bool t, int i, int j);

/* |a - b| <= tol * max(|a|, |b|), or a == b when tol is 0. */
int close_rel(double a, double b, double tol);

/* Calls fn(path) for every file in dir whose name does not start with a
 * dot; returns how many, or -1 when dir cannot be opened. */
int each_file(const char *dir, void (*fn)(const char *path));

/* Replays a loader's fuzzing files: every file of the seeds in
 * fuzz/corpus/NAME (which must hold some) and of fuzz/regress/NAME (kept
 * crashers; the folder may be missing) goes through fn, which must load
 * it or refuse it cleanly.  Returns how many files were replayed. */
int replay_fuzz_files(const char *name, void (*fn)(const char *path));

/* Writes a small look-alike of Fashion-MNIST into dir (which exists):
 * the four gzip-compressed IDX files chapter 9 reads, n_train training
 * and n_test test images of 28 x 28, labels cycling 0..9, class c lit on
 * image rows 2c + 4 and 2c + 5 over a little noise (so a network learns
 * it in an epoch or two).  When bad_label >= 10 the first training label
 * is bad_label instead. */
void write_fashion_dir(const char *dir, int n_train, int n_test,
                       int bad_label);

#endif
