/* cli.c - shared command-line handling (see cli.h). */
#include "cli.h"

#include "blasmem.h"
#include "out.h"

#include <ctype.h>
#include <errno.h>
#include <fcntl.h>
#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <unistd.h>

/* Directory of the running program, from /proc/self/exe, into buf. */
static int exe_dir(char *buf, size_t size)
{
    ssize_t n = readlink("/proc/self/exe", buf, size - 1);
    if (n <= 0)
        return -1;
    buf[n] = '\0';
    char *slash = strrchr(buf, '/');
    if (!slash)
        return -1;
    *slash = '\0';
    return 0;
}

/* Defaults: programs live in build/bin, so the repository is two levels
 * up from the program.  NN_REPO_DIR, set by the Makefile, is the fallback
 * for a program that was moved. */
static void set_defaults(Cli *cli)
{
    char root[PATH_MAX] = ".", probe[PATH_MAX];
    if (exe_dir(root, sizeof root - 8) == 0)
        strcat(root, "/../..");
#ifdef NN_REPO_DIR
    if (snprintf(probe, sizeof probe, "%s/data/digits.csv.gz", root) >=
            (int)sizeof probe || access(probe, F_OK) != 0)
        snprintf(root, sizeof root, "%s", NN_REPO_DIR);
#else
    (void)probe;
#endif
    if (snprintf(cli->data_buf, sizeof cli->data_buf, "%s/data/digits.csv.gz",
                 root) >= (int)sizeof cli->data_buf ||
        snprintf(cli->out_buf, sizeof cli->out_buf, "%s/build/out/%s", root,
                 cli->program) >= (int)sizeof cli->out_buf) {
        strcpy(cli->data_buf, "data/digits.csv.gz");
        snprintf(cli->out_buf, sizeof cli->out_buf, "build/out/%.64s",
                 cli->program);
    }
    cli->data = cli->data_buf;
    cli->out = cli->out_buf;
    cli->seed = 0;
}

/* The first 40 bytes of s for a message, each byte outside printable
 * ASCII as \xHH so the message stays one line, and "..." after a value
 * that was cut.  Returns out (164 bytes). */
static const char *shown(char *out, const char *s)
{
    char *o = out;
    int i;
    for (i = 0; s[i] && i < 40; i++) {
        unsigned char c = (unsigned char)s[i];
        if (c >= 0x20 && c < 0x7f)
            *o++ = (char)c;
        else
            o += sprintf(o, "\\x%02x", c);
    }
    strcpy(o, s[i] ? "..." : "");
    return out;
}

static int parse_number(double *v, const char *s, int integer)
{
    char *end;
    errno = 0;
    if (*s == '\0' || isspace((unsigned char)*s)) /* strto* would skip it */
        return -1;
    if (integer) {
        long long x = strtoll(s, &end, 10);
        if (errno || *end)
            return -1;
        *v = (double)x;
        return 0;
    }
    *v = strtod(s, &end);
    if (errno == ERANGE && fabs(*v) < 1.0)
        errno = 0; /* a subnormal or underflow to 0: a number all the same */
    return errno || *end || !isfinite(*v) ? -1 : 0;
}

static int set_option(const char *name, OptType type, void *dest, double min,
                      double max, const char *val, Error *err)
{
    double v;
    char buf[164];
    switch (type) {
    case OPT_STRING:
        if (!*val)
            return err_set(err, "%s: expected a non-empty value", name);
        *(const char **)dest = val;
        return 0;
    case OPT_FLAG:
        *(int *)dest = 1;
        return 0;
    case OPT_INT:
    case OPT_DOUBLE:
        if (parse_number(&v, val, type == OPT_INT) != 0 || v < min ||
            v > max) {
            if (type == OPT_INT)
                return err_set(err, "%s: expected an integer %.0f..%.0f, "
                               "got '%s'", name, min, max, shown(buf, val));
            return err_set(err, "%s: expected a number from %g to %g, got "
                           "'%s'", name, min, max, shown(buf, val));
        }
        if (type == OPT_INT)
            *(int *)dest = (int)v;
        else
            *(double *)dest = v;
        return 0;
    }
    return -1;
}

static void usage(const Cli *cli, const CliOption *extra, int n, FILE *out)
{
    fprintf(out, "usage: %s [options]\n%s\n\noptions:\n", cli->program,
            cli->purpose);
    fprintf(out, "  --seed N      seed of numpy's stream, 0..4294967295 "
                 "(default 0)\n");
    if (cli->data_help)
        fprintf(out, "  --data %s\n", cli->data_help);
    else
        fprintf(out, "  --data FILE   digits data (default %s)\n", cli->data);
    fprintf(out, "  --out DIR     where data files go (default %s)\n",
            cli->out);
    for (int i = 0; i < n; i++)
        fprintf(out, "  %-13s %s\n", extra[i].name, extra[i].help);
    fprintf(out, "  --help        show this and exit\n");
    if (cli->notes)
        fprintf(out, "\n%s\n", cli->notes);
}

int cli_parse(Cli *cli, int argc, char **argv, const CliOption *extra,
              int n_extra, FILE *out, Error *err)
{
    set_defaults(cli);
    /* With descriptor 1 closed, the first file opened would take its place
     * and receive everything printed. */
    if (fcntl(STDOUT_FILENO, F_GETFD) < 0)
        return err_set(err, "stdout is closed; nothing could be printed");
    for (int i = 1; i < argc; i++) {
        char name[64], buf[164];
        const char *arg = argv[i], *val = NULL, *eq = strchr(arg, '=');
        size_t len = eq ? (size_t)(eq - arg) : strlen(arg);
        if (strncmp(arg, "--", 2) != 0 || len >= sizeof name)
            return err_set(err, "unexpected argument '%s'; try --help",
                           shown(buf, arg));
        memcpy(name, arg, len);
        name[len] = '\0';
        if (strcmp(name, "--help") == 0) {
            usage(cli, extra, n_extra, out);
            return 1;
        }
        const CliOption *opt = NULL;
        for (int k = 0; k < n_extra; k++)
            if (strcmp(name, extra[k].name) == 0)
                opt = &extra[k];
        int known = opt || !strcmp(name, "--seed") ||
                    !strcmp(name, "--data") || !strcmp(name, "--out");
        if (!known)
            return err_set(err, "unknown option '%s'; try --help",
                           shown(buf, name));
        if (opt && opt->type == OPT_FLAG) {
            if (eq)
                return err_set(err, "%s: takes no value", name);
        } else if (eq) {
            val = eq + 1;
        } else if (i + 1 < argc) {
            val = argv[++i];
        } else {
            return err_set(err, "%s: expected a value", name);
        }
        int rc;
        if (opt) {
            rc = set_option(name, opt->type, opt->dest, opt->min, opt->max,
                            val, err);
        } else if (!strcmp(name, "--seed")) {
            double v;
            rc = parse_number(&v, val, 1) != 0 || v < 0 || v > 4294967295.0
                     ? err_set(err, "--seed: expected an integer "
                               "0..4294967295, got '%s'", shown(buf, val))
                     : 0;
            if (rc == 0)
                cli->seed = (uint32_t)v;
        } else {
            rc = set_option(name, OPT_STRING,
                            !strcmp(name, "--data") ? (void *)&cli->data
                                                    : (void *)&cli->out,
                            0, 0, val, err);
        }
        if (rc != 0)
            return -1;
    }
    /* A bad --out is refused now, before the run, not after it. */
    if (out_check_dir(cli->out, err) != 0)
        return -1;
    return blasmem_reserve(argv, err);
}

int cli_fail(const Cli *cli, const Error *err)
{
    fprintf(stderr, "%s: %s\n", cli->program, err->msg);
    return 2;
}

int cli_finish(const Cli *cli, int status)
{
    errno = 0;
    int bad = fflush(stdout) != 0 || ferror(stdout);
    int e = errno;
    bad |= fclose(stdout) != 0;
    if (!e)
        e = errno;
    if (!bad || status != 0)
        return status;
    Error err;
    err_set(&err, "stdout: cannot write%s%s", e ? ": " : "",
            e ? strerror(e) : "");
    return cli_fail(cli, &err);
}

/* bytes as "21.3 GB", "512.0 MB" or "12.0 kB" into buf (24 bytes). */
static const char *human(char buf[24], double bytes)
{
    static const char *unit[] = {"bytes", "kB", "MB", "GB", "TB", "PB"};
    int u = 0;
    while (bytes >= 1000.0 && u < 5) {
        bytes /= 1000.0;
        u++;
    }
    snprintf(buf, 24, u ? "%.1f %s" : "%.0f %s", bytes, unit[u]);
    return buf;
}

/* The address space this process holds but has not touched (the BLAS's
 * and the allocator's reservations, thread stacks): VmSize - VmRSS, from
 * /proc/self/statm; 0 when it cannot be read. */
static double reserved_bytes(void)
{
    long size = 0, rss = 0;
    FILE *f = fopen("/proc/self/statm", "r");
    if (f) {
        if (fscanf(f, "%ld %ld", &size, &rss) != 2)
            size = rss = 0;
        fclose(f);
    }
    return size > rss ? (double)(size - rss) * sysconf(_SC_PAGESIZE) : 0;
}

int cli_out_of_memory(double bytes, const char *what, Error *err)
{
    char need[24];
    return err_set(err, "out of memory: needs %s for %s", human(need, bytes),
                   what);
}

int cli_memory_check(double bytes, const char *what, Error *err)
{
    char need[24], have[24];
    struct rlimit rl;
    double ram = (double)sysconf(_SC_PHYS_PAGES) * sysconf(_SC_PAGESIZE);
    if (!(bytes <= (double)SIZE_MAX / 2)) /* also NaN */
        return err_set(err, "out of memory: needs %s for %s; more than "
                       "this machine can address", human(need, bytes),
                       what);
    /* Under a limit, what is reserved and untouched counts as used. */
    double left = 0;
    if (getrlimit(RLIMIT_AS, &rl) == 0 && rl.rlim_cur != RLIM_INFINITY &&
        bytes > (left = (double)rl.rlim_cur - reserved_bytes()))
        return err_set(err, "out of memory: needs %s for %s; the "
                       "address-space limit (ulimit -v %.0f) leaves %s",
                       human(need, bytes), what, rl.rlim_cur / 1024.0,
                       human(have, left > 0 ? left : 0));
    if (ram > 0 && bytes > ram)
        return err_set(err, "out of memory: needs %s for %s; this machine "
                       "has %s", human(need, bytes), what, human(have, ram));
    return 0;
}
