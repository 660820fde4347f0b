/* names.h - tables of enum names.
 *
 * An enum whose values count from 0 keeps its names in a static array in
 * that order, e.g. {"sigmoid", "tanh", "relu"}; NAMES_COUNT takes the
 * array's length from its size, so no count is kept by hand.
 */
#ifndef NN_NAMES_H
#define NN_NAMES_H

/* The number of entries of a static array of names. */
#define NAMES_COUNT(names) ((int)(sizeof(names) / sizeof *(names)))

/* Index of name among names[0..n-1], or -1 when it is not there. */
int names_find(const char *const *names, int n, const char *name);

#endif
