/* check_corpus.c - every bad input in tests/corpus/cases.txt, run against
 * the programs: one line on stderr naming the culprit, status 2, no output.
 *
 * The case format is described at the top of cases.txt.  Each case runs
 * the program directly (fork and exec, no shell, so an argument can hold
 * any byte), with stdout and stderr captured apart and a time limit: a
 * program that hangs on bad input fails its case.
 */
#define _DEFAULT_SOURCE /* setgroups */
#define _XOPEN_SOURCE 700 /* nftw */
#include <check.h>
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <ftw.h>
#include <grp.h>
#include <math.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>
#include <zlib.h>

#include "data.h"
#include "netio.h"
#include "support.h"

#define CORPUS_DIR NN_REPO_DIR "/tests/corpus"
#define DATA_FILE NN_REPO_DIR "/data/digits.csv.gz"
#define MAX_CASES 256
#define MAX_ARGS 16
#define TIME_LIMIT 120 /* seconds; generous for sanitizer and valgrind runs */
#define NOBODY 65534

typedef struct {
    int line;               /* in cases.txt */
    int status;             /* 0 or 2 */
    int as_nobody;          /* run as nobody when root */
    char program[64];
    char *args[MAX_ARGS];   /* malloc'd, expanded */
    int n_args;
    char *fragment;         /* malloc'd, expanded */
} Case;

static Case cases[MAX_CASES];
static int n_cases;
static char load_error[256]; /* why cases.txt could not be read, if so */
static char tmp[512];        /* @T: generated files, made once */

/* ---- reading cases.txt -------------------------------------------------- */

/* A copy of s with @C, @T and @EMPTY (nothing) expanded, and when escapes
 * is set, \n, \t and \xHH turned into bytes. */
static char *expand(const char *s, int escapes)
{
    size_t cap = strlen(s) + 2048, n = 0;
    char *out = malloc(cap);
    if (!out)
        abort();
    while (*s && n + 1024 < cap) {
        if (strncmp(s, "@EMPTY", 6) == 0) {
            s += 6;
        } else if (s[0] == '@' && (s[1] == 'C' || s[1] == 'T')) {
            n += (size_t)snprintf(out + n, cap - n, "%s",
                                  s[1] == 'C' ? CORPUS_DIR : tmp);
            s += 2;
        } else if (escapes && s[0] == '\\' && s[1] == 'n') {
            out[n++] = '\n';
            s += 2;
        } else if (escapes && s[0] == '\\' && s[1] == 't') {
            out[n++] = '\t';
            s += 2;
        } else if (escapes && s[0] == '\\' && s[1] == 'x' && s[2] && s[3]) {
            char hex[3] = {s[2], s[3], 0};
            out[n++] = (char)strtol(hex, NULL, 16);
            s += 4;
        } else {
            out[n++] = *s++;
        }
    }
    out[n] = '\0';
    return out;
}

/* Parses one non-comment line into c.  Returns 0 or -1. */
static int parse_case(Case *c, char *text, int line)
{
    memset(c, 0, sizeof *c);
    c->line = line;
    char *bar = strstr(text, " | ");
    if (!bar)
        return -1;
    *bar = '\0';
    c->fragment = expand(bar + 3, 0);
    char *save, *tok = strtok_r(text, " ", &save);
    if (!tok || (strcmp(tok, "0") && strcmp(tok, "2")))
        return -1;
    c->status = atoi(tok);
    if (!(tok = strtok_r(NULL, " ", &save)))
        return -1;
    if (strncmp(tok, "nobody:", 7) == 0) {
        c->as_nobody = 1;
        tok += 7;
    }
    snprintf(c->program, sizeof c->program, "%s", tok);
    while ((tok = strtok_r(NULL, " ", &save)) && c->n_args < MAX_ARGS)
        c->args[c->n_args++] = expand(tok, 1);
    return 0;
}

/* Reads cases.txt into cases; on failure load_error says why.  Arguments
 * are expanded later (expand needs tmp), so only the text is kept here. */
static char *raw[MAX_CASES];
static int raw_line[MAX_CASES];

static void read_cases(void)
{
    FILE *f = fopen(CORPUS_DIR "/cases.txt", "r");
    if (!f) {
        snprintf(load_error, sizeof load_error, "cannot open %s/cases.txt",
                 CORPUS_DIR);
        return;
    }
    char buf[2048];
    int line = 0;
    while (fgets(buf, sizeof buf, f) && n_cases < MAX_CASES) {
        line++;
        buf[strcspn(buf, "\n")] = '\0';
        if (buf[0] == '#' || buf[0] == '\0')
            continue;
        raw[n_cases] = strdup(buf);
        raw_line[n_cases++] = line;
    }
    fclose(f);
}

/* ---- the generated files (@T) ------------------------------------------- */

static void write_file(const char *name, const void *buf, size_t len)
{
    char path[700];
    snprintf(path, sizeof path, "%s/%s", tmp, name);
    FILE *f = fopen(path, "wb");
    if (!f || fwrite(buf, 1, len, f) != len || fclose(f) != 0)
        abort();
}

/* The first rows lines of the real data, with CRLF or LF line ends and
 * with or without a newline after the last line. */
static void make_csv(const char *name, int rows, int crlf, int final_nl)
{
    gzFile gz = gzopen(DATA_FILE, "rb");
    char line[1024];
    size_t cap = (size_t)rows * 300, n = 0;
    char *buf = malloc(cap);
    if (!gz || !buf)
        abort();
    for (int i = 0; i < rows && gzgets(gz, line, sizeof line); i++) {
        line[strcspn(line, "\n")] = '\0';
        n += (size_t)snprintf(buf + n, cap - n, "%s%s", line,
                              i == rows - 1 && !final_nl ? ""
                              : crlf                     ? "\r\n"
                                                         : "\n");
    }
    gzclose(gz);
    write_file(name, buf, n);
    free(buf);
}

/* The real data repeated to rows lines: sizes whose products overflow. */
static void make_repeated(const char *name, int rows)
{
    gzFile gz = gzopen(DATA_FILE, "rb");
    char path[700], line[1024];
    snprintf(path, sizeof path, "%s/%s", tmp, name);
    FILE *f = fopen(path, "w");
    if (!gz || !f)
        abort();
    for (int i = 0; i < rows; i++) {
        if (!gzgets(gz, line, sizeof line)) {
            gzrewind(gz);
            if (!gzgets(gz, line, sizeof line))
                abort();
        }
        fputs(line, f);
    }
    gzclose(gz);
    if (fclose(f) != 0)
        abort();
}

static void make_gzip(const char *name, int rows)
{
    char path[700];
    make_csv("plain.tmp", rows, 1, 1);
    snprintf(path, sizeof path, "%s/plain.tmp", tmp);
    FILE *in = fopen(path, "rb");
    snprintf(path, sizeof path, "%s/%s", tmp, name);
    gzFile out = gzopen(path, "wb");
    char buf[4096];
    size_t got;
    if (!in || !out)
        abort();
    while ((got = fread(buf, 1, sizeof buf, in)) > 0)
        gzwrite(out, buf, (unsigned)got);
    fclose(in);
    gzclose(out);
    snprintf(path, sizeof path, "%s/plain.tmp", tmp);
    unlink(path);
}

static void put_le32(unsigned char *p, uint32_t v)
{
    for (int i = 0; i < 4; i++)
        p[i] = (unsigned char)(v >> (8 * i));
}

/* A network file, changed as named: the good one and its corruptions. */
static void make_networks(void)
{
    Net net, small;
    Rng r;
    if (net_init(&net, 64, 50, 10, ACT_SIGMOID) ||
        net_init(&small, 32, 50, 10, ACT_SIGMOID))
        abort();
    rng_seed(&r, 0);
    net_init_tutorial(&net, &r);
    net_init_tutorial(&small, &r);
    size_t len = netio_size(&net);
    unsigned char *buf = malloc(len + 4), *sbuf = malloc(netio_size(&small));
    if (!buf || !sbuf)
        abort();
    netio_encode(sbuf, &small, 1.0);
    write_file("model-32in.nnet", sbuf, netio_size(&small));
    netio_encode(buf, &net, 1.0);
    write_file("model.nnet", buf, len);
    write_file("model-truncated.nnet", buf, 1000);
    write_file("model-header.nnet", buf, 20);
    memcpy(buf + len, "junk", 4);
    write_file("model-trailing.nnet", buf, len + 4);
    buf[5000] ^= 0x10;
    write_file("model-corrupt.nnet", buf, len);
    buf[5000] ^= 0x10;
    buf[8] = 2; /* version 2, with a checksum that matches */
    uint32_t crc = (uint32_t)crc32(0L, buf, (uInt)(len - 4));
    for (int i = 0; i < 4; i++)
        buf[len - 4 + i] = (unsigned char)(crc >> (8 * i));
    write_file("model-v2.nnet", buf, len);
    net.params[0] = NAN; /* sealed with a good checksum */
    netio_encode(buf, &net, 1.0);
    write_file("model-nan.nnet", buf, len);
    for (size_t i = 0; i < net.n_params; i++)
        net.params[i] = 1e308; /* finite, but the outputs are not */
    netio_encode(buf, &net, 1.0);
    write_file("model-huge.nnet", buf, len);
    put_le32(buf + 16, 100001); /* H out of range: refused from the header */
    write_file("model-shape.nnet", buf, len);
    free(buf);
    free(sbuf);
    net_free(&net);
    net_free(&small);
}

/* Chapter 9's data directories: a small valid one, one whose first
 * training label is 12, one whose training images are cut short, one
 * without its training labels. */
static void make_fashion(void)
{
    static const struct {
        const char *name;
        int bad_label;
    } sets[] = {{"fashion-small", 0}, {"fashion-label", 12},
                {"fashion-cut", 0}, {"fashion-nolabels", 0}};
    char path[700];
    struct stat st;
    for (size_t i = 0; i < sizeof sets / sizeof sets[0]; i++) {
        snprintf(path, sizeof path, "%s/%s", tmp, sets[i].name);
        if (mkdir(path, 0755) != 0)
            abort();
        write_fashion_dir(path, 240, 60, sets[i].bad_label);
    }
    snprintf(path, sizeof path, "%s/fashion-cut/train-images-idx3-ubyte.gz",
             tmp);
    if (stat(path, &st) != 0 || truncate(path, st.st_size / 2) != 0)
        abort();
    snprintf(path, sizeof path,
             "%s/fashion-nolabels/train-labels-idx1-ubyte.gz", tmp);
    if (unlink(path) != 0)
        abort();
}

static void make_files(void)
{
    make_csv("crlf.csv", 150, 1, 1);
    make_csv("n2.csv", 2, 0, 1);   /* one training image, one test image */
    make_csv("n5.csv", 5, 0, 1);   /* four training images */
    make_csv("n9.csv", 9, 0, 1);   /* seven training images */
    make_csv("n110.csv", 110, 0, 1); /* 88 training images */
    make_repeated("rows-81920.csv", 81920); /* 65536 training images */
    make_csv("no-final-newline.csv", 150, 0, 0);
    make_gzip("crlf.csv.gz", 150);
    make_csv("unreadable.csv", 150, 0, 1);
    char path[700];
    snprintf(path, sizeof path, "%s/unreadable.csv", tmp);
    chmod(path, 0);
    /* A 10 MB line: "1," five million times, no newline. */
    size_t big = 10u << 20;
    char *line = malloc(big);
    if (!line)
        abort();
    for (size_t i = 0; i < big; i += 2)
        memcpy(line + i, "1,", 2);
    write_file("ten-mb-line.csv", line, big);
    free(line);
    /* The real file cut short. */
    FILE *f = fopen(DATA_FILE, "rb");
    static unsigned char gz[20000];
    if (!f || fread(gz, 1, sizeof gz, f) != sizeof gz)
        abort();
    fclose(f);
    write_file("truncated.csv.gz", gz, sizeof gz);
    snprintf(path, sizeof path, "%s/loop.csv", tmp);
    if (symlink(path, path) != 0)
        abort();
    snprintf(path, sizeof path, "%s/dangling", tmp);
    if (symlink("nowhere", path) != 0)
        abort();
    snprintf(path, sizeof path, "%s/fifo", tmp);
    if (mkfifo(path, 0644) != 0)
        abort();
    make_networks();
    make_fashion();
}

static int rm_entry(const char *path, const struct stat *st, int flag,
                    struct FTW *ftw)
{
    (void)st;
    (void)flag;
    (void)ftw;
    return remove(path) == 0 || errno == ENOENT ? 0 : -1;
}

static void rm_tree(const char *path)
{
    nftw(path, rm_entry, 16, FTW_DEPTH | FTW_PHYS);
}

/* Once per run of the suite: @T and its files, then the cases. */
static void setup_corpus(void)
{
    temp_dir(tmp, sizeof tmp);
    chmod(tmp, 0755); /* nobody must reach unreadable.csv to be refused */
    make_files();
    for (int i = 0; i < n_cases; i++) {
        char *text = strdup(raw[i]);
        if (parse_case(&cases[i], text, raw_line[i]) != 0)
            cases[i].line = -raw_line[i];
        free(text);
    }
}

static void teardown_corpus(void)
{
    rm_tree(tmp);
    for (int i = 0; i < n_cases; i++) {
        for (int a = 0; a < cases[i].n_args; a++)
            free(cases[i].args[a]);
        free(cases[i].fragment);
        memset(&cases[i], 0, sizeof cases[i]);
        free(raw[i]);
        raw[i] = NULL;
    }
}

/* ---- running one case ------------------------------------------------- */

/* Reads a whole small file into a malloc'd string. */
static char *slurp(const char *path)
{
    FILE *f = fopen(path, "rb");
    ck_assert_ptr_nonnull(f);
    size_t cap = 1 << 16, n = 0, got;
    char *buf = malloc(cap);
    ck_assert_ptr_nonnull(buf);
    while ((got = fread(buf + n, 1, cap - n - 1, f)) > 0) {
        n += got;
        if (n + 1 == cap) {
            buf = realloc(buf, cap *= 2);
            ck_assert_ptr_nonnull(buf);
        }
    }
    fclose(f);
    buf[n] = '\0';
    return buf;
}

/* Runs argv with stdout and stderr into the files out and err; returns
 * the exit status, or -1 if it had to be killed after TIME_LIMIT. */
static int run(char **argv, const char *out, const char *err, int nobody)
{
    pid_t pid = fork();
    ck_assert_int_ge(pid, 0);
    if (pid == 0) {
        int fo = open(out, O_WRONLY | O_CREAT | O_TRUNC, 0644);
        int fe = open(err, O_WRONLY | O_CREAT | O_TRUNC, 0644);
        if (fo < 0 || fe < 0 || dup2(fo, 1) < 0 || dup2(fe, 2) < 0)
            _exit(126);
        if (nobody && (setgroups(0, NULL) || setgid(NOBODY) ||
                       setuid(NOBODY)))
            _exit(125);
        execv(argv[0], argv);
        _exit(127);
    }
    int status;
    struct timespec nap = {0, 5000000};
    for (long waited = 0; waitpid(pid, &status, WNOHANG) == 0; waited++) {
        if (waited * 5 > TIME_LIMIT * 1000L) {
            kill(pid, SIGKILL);
            waitpid(pid, &status, 0);
            return -1;
        }
        nanosleep(&nap, NULL);
    }
    return WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
}

/* 1 when path does not exist or is an empty directory. */
static int nothing_in(const char *path)
{
    DIR *d = opendir(path);
    if (!d)
        return errno == ENOENT;
    struct dirent *e;
    int n = 0;
    while ((e = readdir(d)) != NULL)
        n += strcmp(e->d_name, ".") && strcmp(e->d_name, "..");
    closedir(d);
    return n == 0;
}

static void check_failure(const Case *c, int status, const char *out,
                          const char *err, const char *outdir)
{
    int L = c->line;
    ck_assert_msg(status == 2, "cases.txt:%d %s: status %d, expected 2; "
                  "stderr: %s", L, c->program, status, err);
    size_t n = strlen(err), plen = strlen(c->program);
    ck_assert_msg(n > 0 && err[n - 1] == '\n' && strchr(err, '\n') ==
                  err + n - 1, "cases.txt:%d: stderr is not one line: '%s'",
                  L, err);
    for (size_t i = 0; i + 1 < n; i++)
        ck_assert_msg(err[i] >= 0x20 && err[i] < 0x7f, "cases.txt:%d: "
                      "byte %zu of stderr is 0x%02x", L, i,
                      (unsigned char)err[i]);
    ck_assert_msg(strncmp(err, c->program, plen) == 0 &&
                  strncmp(err + plen, ": ", 2) == 0,
                  "cases.txt:%d: stderr does not start with '%s: ': %s", L,
                  c->program, err);
    ck_assert_msg(strstr(err, c->fragment) != NULL, "cases.txt:%d: stderr "
                  "'%s' lacks '%s'", L, err, c->fragment);
    ck_assert_msg(strstr(out, "summary:") == NULL, "cases.txt:%d: a failed "
                  "run printed a summary", L);
    ck_assert_msg(nothing_in(outdir), "cases.txt:%d: files were left in "
                  "--out", L);
}

static void check_success(const Case *c, int status, const char *out,
                          const char *err)
{
    ck_assert_msg(status == 0, "cases.txt:%d %s: status %d, expected 0; "
                  "stderr: %s", c->line, c->program, status, err);
    ck_assert_msg(err[0] == '\0', "cases.txt:%d: stderr: %s", c->line, err);
    ck_assert_msg(strstr(out, c->fragment) != NULL, "cases.txt:%d: stdout "
                  "lacks '%s'", c->line, c->fragment);
}

START_TEST(corpus_case)
{
    ck_assert_msg(load_error[0] == '\0', "%s", load_error);
    const Case *c = &cases[_i];
    ck_assert_msg(c->line > 0, "cases.txt:%d: cannot parse the line",
                  -c->line);
    char bin[600], outdir[700], fout[700], ferr[700];
    snprintf(bin, sizeof bin, "%s/%s", NN_BIN_DIR, c->program);
    snprintf(outdir, sizeof outdir, "%s/out-%d", tmp, c->line);
    snprintf(fout, sizeof fout, "%s/case-%d.stdout", tmp, c->line);
    snprintf(ferr, sizeof ferr, "%s/case-%d.stderr", tmp, c->line);
    char *argv[MAX_ARGS + 4] = {bin, "--out", outdir};
    for (int a = 0; a < c->n_args; a++)
        argv[3 + a] = c->args[a];
    argv[3 + c->n_args] = NULL;
    int status = run(argv, fout, ferr, c->as_nobody && getuid() == 0);
    ck_assert_msg(status != -1, "cases.txt:%d: %s still running after %d s",
                  c->line, c->program, TIME_LIMIT);
    ck_assert_msg(status != 127 && status != 126, "cases.txt:%d: cannot "
                  "run %s", c->line, bin);
    if (status == 125) { /* root without the right to become nobody */
        fprintf(stderr, "cases.txt:%d skipped: cannot run as nobody, and "
                "root reads a mode-000 file\n", c->line);
        rm_tree(outdir);
        return;
    }
    char *out = slurp(fout), *err = slurp(ferr);
    if (c->status == 2)
        check_failure(c, status, out, err, outdir);
    else
        check_success(c, status, out, err);
    free(out);
    free(err);
    rm_tree(outdir);
}
END_TEST

/* Inputs that once made the data fuzzer fail are refused cleanly. */
/* A fuzzing file loads, or is refused in one line that names it. */
static void load_or_refuse(const char *path)
{
    Dataset ds;
    Error err;
    if (data_load(&ds, path, &err) == 0) {
        data_free(&ds);
        return;
    }
    ck_assert_ptr_null(strchr(err.msg, '\n'));
    ck_assert_msg(strstr(err.msg, path) != NULL, "%s", err.msg);
}

/* The fuzzing seeds (valid and broken files) and any kept crashers. */
START_TEST(fuzz_files_load_or_are_refused)
{
    ck_assert_int_ge(replay_fuzz_files("data_load", load_or_refuse), 5);
}
END_TEST

Suite *suite_corpus(void)
{
    Suite *s = suite_create("corpus");
    TCase *tc = tcase_create("cases");
    read_cases();
    tcase_add_unchecked_fixture(tc, setup_corpus, teardown_corpus);
    tcase_set_timeout(tc, TIME_LIMIT + 30);
    tcase_add_loop_test(tc, corpus_case, 0, n_cases > 0 ? n_cases : 1);
    tcase_add_test(tc, fuzz_files_load_or_are_refused);
    suite_add_tcase(s, tc);
    return s;
}
