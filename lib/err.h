/* err.h - how lib/ reports a failure without printing or exiting.
 *
 * A function that can fail takes an Error * as its last argument, returns
 * a non-zero status (or NULL) on failure and writes one line into msg that
 * names the culprit (file and line, or option) and what was expected.  The
 * program decides what to do with it: the chapters print it on stderr and
 * exit with status 2.  Passing a NULL Error * is allowed and discards it.
 */
#ifndef NN_ERR_H
#define NN_ERR_H

#define ERR_MSG_MAX 512

typedef struct {
    char msg[ERR_MSG_MAX]; /* one line, no trailing newline */
} Error;

/* Formats msg like printf, then makes it one printable line: every byte
 * outside printable ASCII (a newline or an escape sequence in a path, an
 * option value or a file's contents) is written \xHH, and a message too
 * long for msg is cut and ends in "...".  Always returns -1, so a caller
 * can write `return err_set(err, "...")`.  err may be NULL. */
int err_set(Error *err, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));

#endif
