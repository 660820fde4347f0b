/* kv.h - reading reference files of `key<TAB>v1,v2,...` lines.
 *
 * The format of tests/golden/ (see tests/golden/README.md): lines that
 * start with '#' are comments; every other line is a key, one tab, and a
 * comma-separated list of numbers (doubles as %.17g, or nan / inf).
 * Chapter 8 reads scikit-learn's numbers from such a file to print them
 * next to its own.
 */
#ifndef NN_KV_H
#define NN_KV_H

#include <stdint.h>

#include "err.h"

typedef struct {
    char *text; /* the whole file, NUL-terminated; owned */
} KvFile;

/* Reads path into kv.  Returns 0, or -1 with a message naming the file
 * (missing, unreadable, larger than 16 MiB); kv is then empty. */
int kv_load(KvFile *kv, const char *path, Error *err);

/* Releases what kv_load read; NULL or an empty KvFile is a no-op. */
void kv_free(KvFile *kv);

/* Parses the values of key into out (at most max of them).  Returns how
 * many the line holds (which may exceed max), or -1 when the key is
 * absent or a value is not a number. */
int kv_get(const KvFile *kv, const char *key, double *out, int max);

/* Like kv_get for exactly n values; fills out (n) with NaN instead when
 * the key is absent or holds another number of values. */
void kv_get_all(const KvFile *kv, const char *key, double *out, int n);

/* kv_get_all for the key "<name>.<seed>", the form of keys that hold one
 * seed's values. */
void kv_get_seeded(const KvFile *kv, const char *name, uint32_t seed,
                   double *out, int n);

/* The value of key that belongs to seed, where the file's key `seeds`
 * lists the seeds the values of key follow; NaN when either is absent or
 * the seed is not listed. */
double kv_get_seed(const KvFile *kv, const char *key, uint32_t seed);

#endif
