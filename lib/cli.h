/* cli.h - the command line every chapter program shares.
 *
 * Every chapter takes --seed N (0..4294967295, as np.random.seed accepts;
 * default 0), --data FILE (default: the repository's data/digits.csv.gz,
 * found from the program's own location), --out DIR (default:
 * build/out/<program>), --help, and may add options of its own.  Options
 * are written `--name value` or `--name=value`.  A bad value is reported
 * with the option's name and what it expects.
 */
#ifndef NN_CLI_H
#define NN_CLI_H

#include <limits.h>
#include <stdint.h>
#include <stdio.h>

#include "err.h"

#ifndef PATH_MAX
#define PATH_MAX 4096
#endif

typedef enum { OPT_INT, OPT_DOUBLE, OPT_STRING, OPT_FLAG } OptType;

/* One program-specific option.  dest points to an int (OPT_INT, OPT_FLAG:
 * set to 1), a double or a const char *.  Numbers must lie in [min, max]
 * and be finite. */
typedef struct {
    const char *name; /* with its dashes: "--epochs" */
    OptType type;
    void *dest;
    double min, max;
    const char *help; /* one line for --help */
} CliOption;

typedef struct {
    const char *program; /* chapter directory name, e.g. "03-forward" */
    const char *purpose; /* one line for --help */
    const char *data_help; /* --help's line for --data; NULL: the digits */
    const char *notes;   /* lines for --help after the options; NULL: none */
    uint32_t seed;
    const char *data;    /* data file path */
    const char *out;     /* output directory */
    char data_buf[PATH_MAX], out_buf[PATH_MAX];
} Cli;

/* The number of options in an array of them, taken from its size. */
#define CLI_COUNT(opts) ((int)(sizeof(opts) / sizeof *(opts)))

/* Parses argv into cli (defaults first) and the extra options (n_extra of
 * them, may be 0), checks that --out is a directory or can be made one
 * (nothing is created), then fits the BLAS to a memory limit (blasmem.h).
 * Returns 0 to go on, 1 when --help was printed on out (the program should
 * exit 0), or -1 with a message naming the option (or "out of memory"). */
int cli_parse(Cli *cli, int argc, char **argv, const CliOption *extra,
              int n_extra, FILE *out, Error *err);

/* ---- memory a run needs ---------------------------------------------------
 * A program whose memory depends on its options (rows, batch size, hidden
 * units, epochs) computes its need before it allocates, in double so that
 * no product wraps, and checks it here; it states the need in its summary
 * as memory_mb= (and says so in its --help notes). */

/* Checks that a run needing bytes can fit: at most SIZE_MAX, the
 * address-space limit (ulimit -v) and the machine's memory.  what names
 * where the need comes from, options first ("--batch-size 100 and 1437
 * training images").  Returns 0, or -1 with "out of memory: needs 21.3 GB
 * for WHAT; ...". */
int cli_memory_check(double bytes, const char *what, Error *err);

/* For an allocation that failed all the same: sets "out of memory: needs
 * 21.3 GB for WHAT" and returns -1. */
int cli_out_of_memory(double bytes, const char *what, Error *err);

/* Reports err as one line `program: message` on stderr and returns 2, the
 * exit status for bad input. */
int cli_fail(const Cli *cli, const Error *err);

/* The last call of every program: `return cli_finish(&cli, status);`.
 * Flushes and closes stdout and checks that everything printed was
 * written (a full disk, /dev/full, a closed pipe).  Returns status, or 2
 * after one line on stderr when status was 0 and the output was lost. */
int cli_finish(const Cli *cli, int status);

#endif
