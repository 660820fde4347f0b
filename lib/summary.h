/* summary.h - what every chapter prints last, on stdout.
 *
 * This module and the chapters are the only code that prints results; the
 * rest of lib/ returns numbers and errors.
 */
#ifndef NN_SUMMARY_H
#define NN_SUMMARY_H

/* Says where a network diverged (train.h), as the chapters report it:
 * `diverged at epoch E, step S: ...`. */
void summary_diverged(int epoch, int step);

/* The closing line every chapter prints on stdout, machine-readable:
 *   summary: key=value key=value ...
 * with lists comma-separated and doubles as %.17g (enough digits to give
 * back the same double).  Call summary_begin, then the summary_* items,
 * then summary_end. */
void summary_begin(void);
void summary_int(const char *key, long v);
void summary_ints(const char *key, const int *v, int n);
void summary_double(const char *key, double v);
void summary_doubles(const char *key, const double *v, int n);
void summary_text(const char *key, const char *v);
void summary_end(void);

#endif
