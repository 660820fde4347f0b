/* out.h - a run's output files, committed together or not at all.
 *
 * A program collects everything it writes (the TSV files in --out, a
 * --save'd network) in one OutSet.  Until out_set_commit nothing touches
 * the disk: each file is a stream in memory.  The commit then, holding an
 * exclusive flock(2) on every directory it writes to, writes each file to
 * a temporary `.NAME.nn-tmp` beside it, syncs them all, and only when all
 * are written renames them into place, one after another.  So:
 *   - a failure before the renames (a full disk, a bad path) leaves the
 *     previous files untouched and no temporary file;
 *   - SIGINT, SIGTERM and SIGHUP wait until the commit is over (the
 *     program then dies of them as usual): a killed run leaves either the
 *     complete old set or the complete new one, and no temporary file;
 *   - two runs committing to one directory take turns: the directory ends
 *     with one run's complete set.  A reader that wants a consistent set
 *     takes a shared flock on the directory while it reads.
 * Only SIGKILL (or a crash) can leave a temporary file; the next commit
 * to that directory removes it.
 *
 * Paths.  An existing file is replaced only when it is a regular file; a
 * device, FIFO, socket or directory is refused (running as root, `--save
 * /dev/null` must not destroy /dev/null).  A symbolic link is followed:
 * the file it points to is replaced and the link kept; a link to nothing
 * is refused.  A replaced file keeps its permission bits; a new file gets
 * 0666 less the umask, as any file a program creates.
 */
#ifndef NN_OUT_H
#define NN_OUT_H

#include <limits.h>
#include <stdio.h>

#include "err.h"
#include "mat.h"

#ifndef PATH_MAX
#define PATH_MAX 4096
#endif

#define OUT_SET_MAX 32 /* files in one set */

typedef struct {
    char *path;  /* where the file goes (malloc'd) */
    FILE *f;     /* the stream in memory, NULL once closed */
    char *buf;   /* its bytes, once closed (malloc'd by open_memstream) */
    size_t len;
} OutEntry;

typedef struct {
    OutEntry e[OUT_SET_MAX]; /* e[0..n-1] */
    int n;
} OutSet;

/* An empty set.  Cannot fail. */
void out_set_init(OutSet *s);

/* Adds the file dir/name to s and returns the stream to write it to (valid
 * until out_set_commit or out_set_free).  Checks now what can be checked
 * before the run: dir is a directory or can be created (nothing is created
 * yet), and an existing dir/name may be replaced (see Paths above).
 * Returns NULL with a message naming the path. */
FILE *out_set_file(OutSet *s, const char *dir, const char *name,
                   Error *err);

/* The same for a file given by its whole path (--save FILE). */
FILE *out_set_path(OutSet *s, const char *path, Error *err);

/* Writes every file of s as described above, then releases s (as
 * out_set_free).  Returns 0, or -1 with a message naming the file; on
 * failure before the renames no file has changed.  Call it from the main
 * thread only. */
int out_set_commit(OutSet *s, Error *err);

/* Releases s without writing anything; an empty set is a no-op. */
void out_set_free(OutSet *s);

/* Checks, without writing anything, that out_set_path would take path:
 * for a program to refuse a bad --save before it runs.  Returns 0, or -1
 * with a message naming it. */
int out_check_path(const char *path, Error *err);

/* Checks that dir is a directory, or a path where one can be created
 * (nothing is created).  Returns 0, or -1 with a message naming it. */
int out_check_dir(const char *dir, Error *err);

/* Creates dir (and its parents) when missing.  Returns 0 or -1. */
int out_mkdirs(const char *dir, Error *err);

/* Writes to f a TSV of the input weights Wh (D, H) of every hidden unit,
 * laid out as side x side images (D = side * side): columns unit, row,
 * col, weight. */
void out_write_hidden_weights(FILE *f, const Matrix *Wh, int side);

/* ---- one file alone ------------------------------------------------------
 * A set of one file, for a program that writes a single file: the same
 * guarantees.  Or one file of a larger set (out_open_in): code written
 * for one file at a time then joins the run's set unchanged but for its
 * open call. */
typedef struct {
    FILE *f;    /* write here between open and commit */
    OutSet set; /* its own set of one */
    OutSet *in; /* the set it joined (out_open_in), or NULL */
} OutFile;

/* Starts dir/name.  Returns 0, or -1 with a message naming the path. */
int out_open(OutFile *o, const char *dir, const char *name, Error *err);

/* Starts dir/name as a file of the set in (out_set_file): out_commit then
 * only ends it, and in's commit writes it with the rest.  Returns 0, or
 * -1 with a message naming the path. */
int out_open_in(OutFile *o, OutSet *in, const char *dir, const char *name,
                Error *err);

/* Writes the file (out_set_commit), or for a file of a larger set ends
 * it.  Returns 0, or -1 with a message. */
int out_commit(OutFile *o, Error *err);

/* Drops the file unwritten (a file of a larger set stays in it, to be
 * dropped with it); an unopened or committed o is a no-op. */
void out_abort(OutFile *o);

/* dir/name as out_write_hidden_weights writes it, alone.  Returns 0, or
 * -1 with a message. */
int out_hidden_weights(const Matrix *Wh, int side, const char *dir,
                       const char *name, Error *err);

/* Writes to f a TSV of the confusion matrix of n predictions pred against
 * their labels (both 0..K-1): columns true, predicted, count, one line per
 * pair, true class outer.  Returns 0, or -1 (out of memory). */
int out_write_confusion(FILE *f, const int *pred, const int *labels, int n,
                        int K);

/* dir/name as out_write_confusion writes it, alone.  Returns 0, or -1 with
 * a message. */
int out_confusion(const int *pred, const int *labels, int n, int K,
                  const char *dir, const char *name, Error *err);

#endif
