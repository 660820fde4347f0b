/* check_outset.c - output sets (lib/out.h): the path policy, modes, a failed
 * commit that changes nothing, runs killed at random moments, two runs on
 * one directory, a full disk; and the programs' own guarantees that rest
 * on them: stdout checked, and OpenBLAS under a memory limit.
 *
 * The kill and concurrency trials run commits in a loop in child
 * processes, so that a signal lands inside a commit often: a few hundred
 * commits a second instead of one per program run.
 */
#define _DEFAULT_SOURCE /* mkdtemp, flock */
#include <check.h>
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <sys/mount.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>
#include <dirent.h>

#include <zlib.h>

#include "out.h"
#include "support.h"

#define SET_FILES 4      /* files in the sets of the trials */
#define FILE_BYTES 20000 /* each: big enough that writing takes a while */
#define KILL_TRIALS 30
#define RACE_COMMITS 15  /* per writer */
#define TIME_LIMIT 20    /* seconds a program may take under a limit */
#define PROGRAM_KILLS 8 /* 06-sgd runs killed at a random moment */
#define PROGRAM_RACES 3  /* pairs of 06-sgd runs on one --out */

/* ---- helpers --------------------------------------------------------------- */

static char dir[512];

static void setup(void)
{
    temp_dir(dir, sizeof dir);
}

static void teardown(void)
{
    char cmd[600];
    snprintf(cmd, sizeof cmd, "rm -rf '%s'", dir);
    ck_assert_int_eq(system(cmd), 0);
}

static void put(const char *path, const char *text)
{
    FILE *f = fopen(path, "w");
    ck_assert_ptr_nonnull(f);
    fputs(text, f);
    ck_assert_int_eq(fclose(f), 0);
}

/* The first line of path into buf, "" when it cannot be read. */
static const char *first_line(char *buf, size_t size, const char *path)
{
    FILE *f = fopen(path, "r");
    buf[0] = '\0';
    if (f) {
        if (!fgets(buf, (int)size, f))
            buf[0] = '\0';
        fclose(f);
    }
    buf[strcspn(buf, "\n")] = '\0';
    return buf;
}

/* Entries of d whose name ends in suffix (all when suffix is ""). */
static int count_entries(const char *d, const char *suffix)
{
    DIR *dd = opendir(d);
    ck_assert_ptr_nonnull(dd);
    struct dirent *e;
    int n = 0;
    size_t ls = strlen(suffix);
    while ((e = readdir(dd)) != NULL) {
        size_t l = strlen(e->d_name);
        if (strcmp(e->d_name, ".") && strcmp(e->d_name, "..") && l >= ls &&
            strcmp(e->d_name + l - ls, suffix) == 0)
            n++;
    }
    closedir(dd);
    return n;
}

/* Commits a set of SET_FILES files in d, each FILE_BYTES long, whose first
 * line is "generation G". */
static int commit_generation(const char *d, long g, Error *err)
{
    OutSet s;
    out_set_init(&s);
    for (int i = 0; i < SET_FILES; i++) {
        char name[32];
        snprintf(name, sizeof name, "f%d.tsv", i);
        FILE *f = out_set_file(&s, d, name, err);
        if (!f) {
            out_set_free(&s);
            return -1;
        }
        fprintf(f, "generation %ld\n", g);
        for (int b = 0; b < FILE_BYTES / 20; b++)
            fprintf(f, "%019d\n", b);
    }
    return out_set_commit(&s, err);
}

/* The generation every file of d shows; fails the test on a mix, a
 * missing file or a temporary left behind.  -1 when d holds no set. */
static long check_set(const char *d, const char *when)
{
    char want[64] = "", got[64];
    ck_assert_msg(count_entries(d, ".nn-tmp") == 0, "%s: a temporary file "
                  "was left in %s", when, d);
    for (int i = 0; i < SET_FILES; i++) {
        char path[700];
        snprintf(path, sizeof path, "%s/f%d.tsv", d, i);
        first_line(got, sizeof got, path);
        if (i == 0)
            strcpy(want, got);
        ck_assert_msg(strcmp(got, want) == 0, "%s: f0.tsv has '%s' but "
                      "f%d.tsv '%s'", when, want, i, got);
    }
    return want[0] ? atol(want + 11) : -1;
}

/* ---- the path policy and modes -------------------------------------------- */

START_TEST(refuses_what_is_not_a_regular_file)
{
    OutSet s;
    Error err;
    char fifo[600];
    out_set_init(&s);
    snprintf(fifo, sizeof fifo, "%s/fifo", dir);
    ck_assert_int_eq(mkfifo(fifo, 0644), 0);
    ck_assert_ptr_null(out_set_path(&s, fifo, &err));
    ck_assert_msg(strstr(err.msg, "not a regular file"), "%s", err.msg);
    ck_assert_ptr_null(out_set_path(&s, "/dev/null", &err));
    ck_assert_msg(strstr(err.msg, "/dev/null: not a regular file"), "%s",
                  err.msg);
    ck_assert_ptr_null(out_set_path(&s, dir, &err));
    ck_assert_msg(strstr(err.msg, "is a directory"), "%s", err.msg);
    ck_assert_int_eq(s.n, 0);
    struct stat st;
    ck_assert_int_eq(stat("/dev/null", &st), 0);
    ck_assert(S_ISCHR(st.st_mode));
}
END_TEST

START_TEST(follows_a_link_and_refuses_a_dangling_one)
{
    char target[600], link[600], dangling[600], line[64];
    snprintf(target, sizeof target, "%s/target", dir);
    snprintf(link, sizeof link, "%s/link", dir);
    snprintf(dangling, sizeof dangling, "%s/dangling", dir);
    put(target, "old\n");
    ck_assert_int_eq(symlink("target", link), 0);
    ck_assert_int_eq(symlink("nowhere", dangling), 0);
    OutSet s;
    Error err;
    out_set_init(&s);
    ck_assert_ptr_null(out_set_path(&s, dangling, &err));
    ck_assert_msg(strstr(err.msg, "a symbolic link to nothing"), "%s",
                  err.msg);
    FILE *f = out_set_path(&s, link, &err);
    ck_assert_ptr_nonnull(f);
    fputs("new\n", f);
    ck_assert_int_eq(out_set_commit(&s, &err), 0);
    struct stat st;
    ck_assert_int_eq(lstat(link, &st), 0);
    ck_assert(S_ISLNK(st.st_mode));
    ck_assert_str_eq(first_line(line, sizeof line, target), "new");
    ck_assert_int_eq(count_entries(dir, ""), 3);
}
END_TEST

START_TEST(keeps_a_mode_and_honours_the_umask)
{
    char kept[600], fresh[600];
    snprintf(kept, sizeof kept, "%s/kept", dir);
    snprintf(fresh, sizeof fresh, "%s/fresh", dir);
    put(kept, "old\n");
    ck_assert_int_eq(chmod(kept, 0600), 0);
    mode_t old = umask(077);
    OutSet s;
    Error err;
    out_set_init(&s);
    ck_assert_ptr_nonnull(out_set_path(&s, kept, &err));
    ck_assert_ptr_nonnull(out_set_path(&s, fresh, &err));
    int rc = out_set_commit(&s, &err);
    umask(old);
    ck_assert_int_eq(rc, 0);
    struct stat st;
    ck_assert_int_eq(stat(kept, &st), 0);
    ck_assert_int_eq(st.st_mode & 0777, 0600);
    ck_assert_int_eq(stat(fresh, &st), 0);
    ck_assert_int_eq(st.st_mode & 0777, 0600);
    /* And with the usual umask, the usual 0644. */
    old = umask(022);
    out_set_init(&s);
    ck_assert_int_eq(unlink(fresh), 0);
    ck_assert_ptr_nonnull(out_set_path(&s, fresh, &err));
    rc = out_set_commit(&s, &err);
    umask(old);
    ck_assert_int_eq(rc, 0);
    ck_assert_int_eq(stat(fresh, &st), 0);
    ck_assert_int_eq(st.st_mode & 0777, 0644);
}
END_TEST

/* ---- a set is written whole or not at all -------------------------------- */

START_TEST(a_failed_commit_changes_nothing)
{
    Error err;
    char sub[600], line[64], path[700];
    ck_assert_int_eq(commit_generation(dir, 1, &err), 0);
    /* A second set whose last file cannot be written: its directory turns
     * into a file between the run's start and its commit. */
    OutSet s;
    out_set_init(&s);
    for (int i = 0; i < SET_FILES; i++) {
        snprintf(path, sizeof path, "f%d.tsv", i);
        fprintf(out_set_file(&s, dir, path, &err), "generation 2\n");
    }
    snprintf(sub, sizeof sub, "%s/sub", dir);
    ck_assert_ptr_nonnull(out_set_file(&s, sub, "late.tsv", &err));
    put(sub, "a file now\n");
    ck_assert_int_eq(out_set_commit(&s, &err), -1);
    ck_assert_msg(strstr(err.msg, "sub: not a directory"), "%s", err.msg);
    ck_assert_int_eq(check_set(dir, "after a failed commit"), 1);
    snprintf(path, sizeof path, "%s/f0.tsv", dir);
    ck_assert_str_eq(first_line(line, sizeof line, path), "generation 1");
}
END_TEST

/* The generation of d's set, read under a shared lock as out.h says. */
static long locked_generation(const char *d, const char *when)
{
    int fd = open(d, O_RDONLY | O_DIRECTORY);
    ck_assert_int_ge(fd, 0);
    ck_assert_int_eq(flock(fd, LOCK_SH), 0);
    long g = check_set(d, when);
    close(fd);
    return g;
}

START_TEST(a_killed_run_leaves_a_whole_set)
{
    static const int sigs[] = {SIGINT, SIGTERM, SIGHUP};
    Error err;
    ck_assert_int_eq(commit_generation(dir, 0, &err), 0);
    srand(15);
    for (int t = 0; t < KILL_TRIALS; t++) {
        long base = 1000000L * (t + 1);
        pid_t pid = fork();
        ck_assert_int_ge(pid, 0);
        if (pid == 0) { /* the runner's own handlers are not the writer's */
            for (int i = 0; i < 3; i++)
                signal(sigs[i], SIG_DFL);
            for (long g = base;; g++)
                if (commit_generation(dir, g, NULL) != 0)
                    _exit(3);
        }
        /* Once the writer has committed, a signal at a random moment. */
        struct timespec poll = {0, 200000};
        for (int i = 0; i < 20000 &&
                        locked_generation(dir, "waiting") < base; i++)
            nanosleep(&poll, NULL);
        struct timespec nap = {0, rand() % 5000000L};
        nanosleep(&nap, NULL);
        kill(pid, sigs[t % 3]);
        int status;
        ck_assert_int_eq(waitpid(pid, &status, 0), pid);
        ck_assert_msg(WIFSIGNALED(status) && WTERMSIG(status) == sigs[t % 3],
                      "trial %d: the writer did not die of its signal", t);
        char when[64];
        snprintf(when, sizeof when, "kill trial %d", t);
        ck_assert_int_ge(check_set(dir, when), base);
    }
}
END_TEST

START_TEST(two_runs_on_one_directory_take_turns)
{
    pid_t pid[2];
    for (int w = 0; w < 2; w++) {
        pid[w] = fork();
        ck_assert_int_ge(pid[w], 0);
        if (pid[w] == 0) {
            for (long i = 0; i < RACE_COMMITS; i++)
                if (commit_generation(dir, 1000 * (w + 1) + i, NULL) != 0)
                    _exit(3);
            _exit(0);
        }
    }
    /* A reader with a shared lock sees one whole set every time. */
    int fd = open(dir, O_RDONLY | O_DIRECTORY);
    ck_assert_int_ge(fd, 0);
    int reads = 0, alive = 2;
    while (alive > 0) {
        ck_assert_int_eq(flock(fd, LOCK_SH), 0);
        check_set(dir, "a reader between two writers");
        flock(fd, LOCK_UN);
        reads++;
        alive = 0;
        for (int w = 0; w < 2; w++)
            alive += waitpid(pid[w], NULL, WNOHANG) == 0;
    }
    close(fd);
    for (int w = 0; w < 2; w++)
        waitpid(pid[w], NULL, 0);
    long g = check_set(dir, "after two writers");
    ck_assert_msg(g == 1000 + RACE_COMMITS - 1 || g == 2000 + RACE_COMMITS - 1,
                  "the set is generation %ld, neither writer's last", g);
    ck_assert_int_gt(reads, 0);
}
END_TEST

START_TEST(a_temporary_left_by_sigkill_is_swept)
{
    char stale[600];
    Error err;
    snprintf(stale, sizeof stale, "%s/.f0.tsv.nn-tmp", dir);
    put(stale, "half a file");
    ck_assert_int_eq(commit_generation(dir, 7, &err), 0);
    ck_assert_int_eq(check_set(dir, "after a sweep"), 7);
}
END_TEST

/* Mounts a tmpfs of size_kb KiB on the new directory dir/small (path in
 * small, 600 bytes).  Returns 0, or -1 after saying why the test is
 * skipped (a machine that lets no one mount). */
static int mount_small(char *small, const char *d, int size_kb)
{
    char opts[32];
    snprintf(small, 600, "%s/small", d);
    snprintf(opts, sizeof opts, "size=%dk", size_kb);
    ck_assert_int_eq(mkdir(small, 0755), 0);
    if (mount("tmpfs", small, "tmpfs", 0, opts) == 0)
        return 0;
    fprintf(stderr, "outset: disk-full test skipped: cannot mount a tmpfs "
            "(%s)\n", strerror(errno));
    return -1;
}

/* A full disk: a tmpfs of 64 KiB, when this machine lets us mount one. */
START_TEST(a_full_disk_changes_nothing)
{
    char small[600], line[64], path[700];
    if (mount_small(small, dir, 64) != 0)
        return;
    Error err;
    int rc1 = commit_generation(small, 1, &err); /* 4 x 20 KB: too much */
    const char *msg1 = strstr(err.msg, "No space left on device");
    int left1 = count_entries(small, "");
    /* One small file fits; a set too big for what is left fails whole. */
    OutFile o;
    int rc2 = out_open(&o, small, "f0.tsv", &err) ||
              fprintf(o.f, "generation 1\n") < 0 || out_commit(&o, &err);
    int rc3 = commit_generation(small, 2, &err);
    snprintf(path, sizeof path, "%s/f0.tsv", small);
    first_line(line, sizeof line, path);
    int left3 = count_entries(small, "");
    ck_assert_int_eq(umount(small), 0);
    ck_assert_int_eq(rc1, -1);
    ck_assert_msg(msg1 != NULL, "%s", err.msg);
    ck_assert_int_eq(left1, 0);
    ck_assert_int_eq(rc2, 0);
    ck_assert_int_eq(rc3, -1);
    ck_assert_str_eq(line, "generation 1");
    ck_assert_int_eq(left3, 1);
}
END_TEST

/* ---- running the programs ----------------------------------------------- */

/* Starts NN_BIN_DIR/argv[0] (argv[0] itself when it is a path) with
 * stdout to out_path (closed when NULL; "/dev/null" to drop it) and stderr
 * to err_path (NULL: /dev/null), under an address-space limit of limit_mb
 * MiB (0: none), with the default actions for the signals the kill trials
 * send.  Returns its pid. */
static pid_t spawn(char **argv, const char *out_path, const char *err_path,
                   long limit_mb)
{
    char bin[600];
    snprintf(bin, sizeof bin, "%s/%s", NN_BIN_DIR, argv[0]);
    pid_t pid = fork();
    ck_assert_int_ge(pid, 0);
    if (pid > 0)
        return pid;
    if (strchr(argv[0], '/')) /* a path: as it is */
        snprintf(bin, sizeof bin, "%s", argv[0]);
    int fe = open(err_path ? err_path : "/dev/null",
                  O_WRONLY | O_CREAT | O_TRUNC, 0644);
    if (fe < 0 || dup2(fe, 2) < 0)
        _exit(126);
    if (out_path) {
        int fo = open(out_path, O_WRONLY | O_CREAT | O_TRUNC, 0644);
        if (fo < 0 || dup2(fo, 1) < 0)
            _exit(126);
    } else {
        close(1);
    }
    struct rlimit rl = {(rlim_t)limit_mb << 20, (rlim_t)limit_mb << 20};
    if (limit_mb > 0 && setrlimit(RLIMIT_AS, &rl) != 0)
        _exit(126);
    signal(SIGINT, SIG_DFL); /* the runner's own handlers are not ours */
    signal(SIGTERM, SIG_DFL);
    signal(SIGHUP, SIG_DFL);
    unsetenv("OPENBLAS_NUM_THREADS");
    execv(bin, argv);
    _exit(127);
}

/* Waits for pid at most TIME_LIMIT seconds, its resource usage into *ru
 * when ru is not NULL.  Returns the exit status, 128 + the signal that
 * ended it, or -1 when it had to be killed. */
static int wait_usage(pid_t pid, struct rusage *ru)
{
    int status;
    struct timespec nap = {0, 10000000};
    for (int waited = 0; wait4(pid, &status, WNOHANG, ru) == 0; waited++) {
        if (waited > TIME_LIMIT * 100) {
            kill(pid, SIGKILL);
            waitpid(pid, &status, 0);
            return -1;
        }
        nanosleep(&nap, NULL);
    }
    return WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
}

static int wait_for(pid_t pid) { return wait_usage(pid, NULL); }

/* spawn, then wait_for. */
static int run_as(char **argv, const char *out_path, const char *err_path,
                  long limit_mb)
{
    return wait_for(spawn(argv, out_path, err_path, limit_mb));
}

/* The paths a program test uses, all in dir: --out, stderr, stdout and a
 * --data file; PATHS declares them as o, e, out and data. */
static void set_paths(char *o, char *e, char *out, char *data)
{
    snprintf(o, 600, "%s/o", dir);
    snprintf(e, 600, "%s/stderr", dir);
    snprintf(out, 600, "%s/stdout", dir);
    snprintf(data, 600, "%s/digits.csv", dir);
}
#define PATHS                                                                \
    char o[600], e[600], out[600], data[600];                                \
    set_paths(o, e, out, data)

/* AddressSanitizer reserves terabytes of shadow memory at start: a
 * sanitized program cannot run under a limit, nor be measured. */
#ifdef __SANITIZE_ADDRESS__
#define SKIP_UNDER_ASAN(what)                                                \
    do {                                                                     \
        fprintf(stderr, "outset: %s skipped under AddressSanitizer\n",       \
                what);                                                       \
        return;                                                              \
    } while (0)
#else
#define SKIP_UNDER_ASAN(what) ((void)0)
#endif

/* argv[0..n-1] = list (NULL-terminated), then "--out", out; returns the
 * count with argv NULL-terminated after it. */
static int with_out(char **argv, char *const *list, const char *out)
{
    int n = 0;
    for (; list[n]; n++)
        argv[n] = list[n];
    argv[n++] = "--out";
    argv[n++] = (char *)out;
    argv[n] = NULL;
    return n;
}

static char *slurp(const char *path)
{
    FILE *f = fopen(path, "r");
    ck_assert_ptr_nonnull(f);
    static char buf[4096];
    size_t n = fread(buf, 1, sizeof buf - 1, f);
    buf[n] = '\0';
    fclose(f);
    return buf;
}

/* One line on stderr, `program: ...fragment...`. */
static void one_line(const char *err_path, const char *program,
                     const char *fragment)
{
    const char *e = slurp(err_path);
    size_t n = strlen(e);
    ck_assert_msg(n > 0 && strchr(e, '\n') == e + n - 1, "stderr: '%s'", e);
    ck_assert_msg(strncmp(e, program, strlen(program)) == 0 &&
                  strstr(e, fragment), "stderr '%s' lacks '%s'", e,
                  fragment);
}

/* Writes rows lines of the digits file to path (plain CSV): its first
 * rows, or the whole file again and again. */
static void write_digits(const char *path, int rows)
{
    gzFile in = gzopen(NN_REPO_DIR "/data/digits.csv.gz", "rb");
    FILE *to = fopen(path, "w");
    char line[1024];
    ck_assert(in && to);
    for (int i = 0; i < rows; i++) {
        if (!gzgets(in, line, sizeof line)) {
            ck_assert_int_eq(gzrewind(in), 0);
            ck_assert_ptr_nonnull(gzgets(in, line, sizeof line));
        }
        fputs(line, to);
    }
    gzclose(in);
    ck_assert_int_eq(fclose(to), 0);
}

START_TEST(lost_stdout_is_an_error)
{
    PATHS;
    char model[600];
    snprintf(model, sizeof model, "%s/m.nnet", dir);
    char *save[] = {"06-sgd", "--epochs", "1", "--out", o, "--save", model,
                    NULL};
    ck_assert_int_eq(run_as(save, "/dev/null", e, 0), 0);
    char *predict[] = {"predict", "--model", model, "--out", o, NULL};
    ck_assert_int_eq(run_as(predict, "/dev/full", e, 0), 2);
    one_line(e, "predict", "stdout: cannot write: No space left on device");
    ck_assert_int_eq(run_as(predict, NULL, e, 0), 2);
    one_line(e, "predict", "stdout is closed");
}
END_TEST

/* ---- a chapter's own set: killed, raced, on a full disk ----------------- */

#define SMALL_ROWS 260 /* --data for the chapters that train many networks:
                          208 training images, batches of 200 still fit */
#define MAX_FILES 8

enum { DIGITS, SMALL_DIGITS, FASHION }; /* --data: the default, SMALL_ROWS
                                           rows of it, look-alike IDX */

/* A chapter whose run writes a set of files in --out (and --save). */
typedef struct {
    char *args[16];                /* program and quick options */
    const char *files[MAX_FILES];  /* its set; "net.nnet" is --save's */
    int data;                      /* DIGITS, SMALL_DIGITS or FASHION */
    int mpirun;                    /* run under mpirun -np 1 */
    long nap_ms;                   /* kills land 100 ms .. this after start */
} Chapter;

static const Chapter chapters[] = {
    {{"06-sgd", "--epochs", "1", NULL},
     {"epochs.tsv", "hidden_weights.tsv", "net.nnet"}, DIGITS, 0, 500},
    {{"08-beyond", "--seeds", "1", "--no-grids", "--epochs", "1", NULL},
     {"confusion.tsv", "hidden_weights.tsv", "warps.tsv", "ablation.tsv",
      "ablation_seeds.tsv", "net.nnet"}, SMALL_DIGITS, 0, 800},
    {{"09-fashion", "--epochs", "2", "--hidden", "16", "--batch-size", "20",
      "--quiet", NULL},
     {"samples.tsv", "curves.tsv", "confusion.tsv", "weights.tsv",
      "misclassified.tsv"}, FASHION, 0, 600},
    {{"10-parallel", "--epochs", "2", "--no-times", NULL},
     {"weights.bin"}, DIGITS, 1, 1200},
};
/* The chapters' own sets are tried in the optimised build (make check);
 * the sanitized and plain builds, slower, try the commit itself through
 * 06-sgd alone.  06-sgd, the quickest, gets the most trials. */
#if defined(NN_FAST) && !defined(__SANITIZE_ADDRESS__)
#define N_CHAPTERS (int)(sizeof chapters / sizeof chapters[0])
#else
#define N_CHAPTERS 1
#endif
#define KILLS(i) ((i) == 0 ? PROGRAM_KILLS : 4)
#define RACES(i) ((i) == 0 ? PROGRAM_RACES : 2)

/* mpirun's path into buf (600 bytes), from PATH; NULL when there is
 * none. */
static const char *find_mpirun(char *buf)
{
    const char *p = getenv("PATH");
    while (p && *p) {
        int len = (int)strcspn(p, ":");
        snprintf(buf, 600, "%.*s/mpirun", len, p);
        if (access(buf, X_OK) == 0)
            return buf;
        p += len + (p[len] == ':');
    }
    return NULL;
}

/* The argv of chapter c with --seed s writing into d (--save d/net.nnet
 * when its set has one), its strings in buf. */
typedef struct {
    char *argv[32];
    char seed[16], save[600], data[600], mpirun[600], bin[600];
} Command;

static void chapter_command(Command *cmd, const Chapter *c, const char *d,
                            int s)
{
    int n = 0;
    if (c->mpirun) { /* spawn runs a path as it is */
        snprintf(cmd->bin, sizeof cmd->bin, "%s/%s", NN_BIN_DIR, c->args[0]);
        cmd->argv[n++] = (char *)find_mpirun(cmd->mpirun);
        if (geteuid() == 0) /* which mpirun otherwise refuses */
            cmd->argv[n++] = "--allow-run-as-root";
        cmd->argv[n++] = "--oversubscribe";
        cmd->argv[n++] = "-np";
        cmd->argv[n++] = "1";
        cmd->argv[n++] = cmd->bin;
    }
    n += with_out(cmd->argv + n, c->args + (c->mpirun ? 1 : 0), d);
    snprintf(cmd->seed, sizeof cmd->seed, "%d", s);
    snprintf(cmd->save, sizeof cmd->save, "%s/net.nnet", d);
    snprintf(cmd->data, sizeof cmd->data, "%s/%s", dir,
             c->data == FASHION ? "fashion" : "digits.csv");
    cmd->argv[n++] = "--seed";
    cmd->argv[n++] = cmd->seed;
    for (int i = 0; i < MAX_FILES && c->files[i]; i++)
        if (strcmp(c->files[i], "net.nnet") == 0) {
            cmd->argv[n++] = "--save";
            cmd->argv[n++] = cmd->save;
        }
    if (c->data != DIGITS) {
        cmd->argv[n++] = "--data";
        cmd->argv[n++] = cmd->data;
    }
    cmd->argv[n] = NULL;
}

/* Reads d/name whole into a malloc'd buffer (*len bytes), NULL if there
 * is none (support.h's read_whole fails the test instead). */
static char *read_if_there(const char *d, const char *name, size_t *len)
{
    char path[700];
    snprintf(path, sizeof path, "%s/%s", d, name);
    FILE *f = fopen(path, "rb");
    if (!f)
        return NULL;
    size_t cap = 1 << 22;
    char *buf = malloc(cap);
    ck_assert_ptr_nonnull(buf);
    *len = fread(buf, 1, cap, f);
    ck_assert_msg(*len < cap, "%s: larger than the test reads", path);
    fclose(f);
    return buf;
}

/* Which reference set (0 or 1, in ref[0], ref[1]) d holds, whole; -1 when
 * d holds none of the files.  Fails on a mix, a part or a temporary. */
static int which_set(const Chapter *c, const char *d, char ref[2][600],
                     const char *when)
{
    int seen = -2;
    if (access(d, F_OK) != 0)
        return -1; /* killed before the directory was made */
    ck_assert_msg(count_entries(d, ".nn-tmp") == 0, "%s: a temporary file "
                  "was left", when);
    for (int i = 0; i < MAX_FILES && c->files[i]; i++) {
        size_t len, rlen;
        char *got = read_if_there(d, c->files[i], &len);
        int is = -1;
        for (int k = 0; got && k < 2 && is < 0; k++) {
            char *want = read_if_there(ref[k], c->files[i], &rlen);
            if (want && rlen == len && memcmp(want, got, len) == 0)
                is = k;
            free(want);
        }
        ck_assert_msg(!got || is >= 0, "%s: %s is neither run's", when,
                      c->files[i]);
        ck_assert_msg(seen == -2 || seen == is, "%s: %s is from set %d, "
                      "the file before it from %d", when, c->files[i], is,
                      seen);
        seen = is;
        free(got);
    }
    return seen;
}

/* The data chapter i needs, and two reference runs of it, seeds 0 and 1,
 * in dir/ref0 and dir/ref1, each a whole set; NULL (the test is skipped)
 * for a chapter that runs under mpirun where there is none. */
static const Chapter *prepare_chapter(int i, char ref[2][600])
{
    const Chapter *c = &chapters[i];
    PATHS;
    char mpirun[600];
    if (c->mpirun && !find_mpirun(mpirun)) {
        fprintf(stderr, "outset: %s skipped: no mpirun\n", c->args[0]);
        return NULL;
    }
    if (c->data == SMALL_DIGITS)
        write_digits(data, SMALL_ROWS);
    if (c->data == FASHION) {
        snprintf(data, sizeof data, "%s/fashion", dir);
        ck_assert_int_eq(mkdir(data, 0755), 0);
        write_fashion_dir(data, 240, 60, 0);
    }
    for (int k = 0; k < 2; k++) {
        Command cmd;
        snprintf(ref[k], 600, "%s/ref%d", dir, k);
        chapter_command(&cmd, c, ref[k], k);
        ck_assert_msg(run_as(cmd.argv, "/dev/null", e, 0) == 0,
                      "%s: %s", c->args[0], slurp(e));
        for (int f = 0; f < MAX_FILES && c->files[f]; f++) {
            size_t len;
            char *got = read_if_there(ref[k], c->files[f], &len);
            ck_assert_msg(got != NULL, "%s did not write %s", c->args[0],
                          c->files[f]);
            free(got);
        }
    }
    return c;
}

START_TEST(a_killed_chapter_leaves_a_whole_set)
{
    static const int sigs[] = {SIGINT, SIGTERM, SIGHUP};
    PATHS;
    char ref[2][600], when[64];
    const Chapter *c = prepare_chapter(_i, ref);
    if (!c)
        return;
    Command first; /* --out holds a set from the start */
    chapter_command(&first, c, o, 1);
    ck_assert_int_eq(run_as(first.argv, "/dev/null", NULL, 0), 0);
    srand(6);
    for (int t = 0; t < KILLS(_i); t++) {
        Command cmd;
        chapter_command(&cmd, c, o, t % 2);
        pid_t pid = spawn(cmd.argv, "/dev/null", NULL, 0);
        long ns = 100000000L + rand() % ((c->nap_ms - 100) * 1000000L);
        struct timespec nap = {ns / 1000000000L, ns % 1000000000L};
        nanosleep(&nap, NULL);
        kill(pid, sigs[t % 3]);
        ck_assert_msg(wait_for(pid) != -1, "%s kill trial %d: still running "
                      "%d s after the signal", c->args[0], t, TIME_LIMIT);
        snprintf(when, sizeof when, "%s kill trial %d", c->args[0], t);
        ck_assert_msg(which_set(c, o, ref, when) >= 0, "%s: no set", when);
    }
}
END_TEST

START_TEST(two_chapters_on_one_out_leave_one_set)
{
    PATHS;
    char ref[2][600], when[64];
    const Chapter *c = prepare_chapter(_i, ref);
    if (!c)
        return;
    for (int t = 0; t < RACES(_i); t++) {
        Command cmd[2];
        pid_t pid[2];
        for (int k = 0; k < 2; k++) {
            chapter_command(&cmd[k], c, o, k);
            pid[k] = spawn(cmd[k].argv, "/dev/null", NULL, 0);
        }
        for (int k = 0; k < 2; k++)
            ck_assert_msg(wait_for(pid[k]) == 0, "%s race %d: run %d failed",
                          c->args[0], t, k);
        snprintf(when, sizeof when, "%s race %d", c->args[0], t);
        ck_assert_int_ge(which_set(c, o, ref, when), 0);
    }
}
END_TEST

START_TEST(a_chapter_on_a_full_disk_changes_nothing)
{
    PATHS;
    char small[600];
    Command cmd;
    if (mount_small(small, dir, 64) != 0)
        return;
    chapter_command(&cmd, &chapters[0], small, 0); /* 86 KB of weights */
    int rc = run_as(cmd.argv, "/dev/null", e, 0);
    int left = count_entries(small, "");
    ck_assert_int_eq(umount(small), 0);
    ck_assert_int_eq(rc, 2);
    one_line(e, "06-sgd", "No space left on device");
    ck_assert_int_eq(left, 0);
}
END_TEST

/* Every program, its stdout on a full device: status 2, one line. */
static char *const quick[][10] = {
    {"01-data", NULL},
    {"02-split", NULL},
    {"03-forward", NULL},
    {"04-loss", NULL},
    {"05-backprop", "--steps", "2", NULL},
    {"06-sgd", "--epochs", "1", NULL},
    {"07-sweep", "--epochs", "1", NULL},
    {"08-beyond", "--seeds", "0", "--no-grids", "--epochs", "1", NULL},
    {"recipe-cv", "--seeds", "1", "--epochs", "1", NULL},
    {"09-fashion", "--limit", "1200", "--epochs", "1", "--hidden", "16",
     "--quiet", NULL},
    {"10-parallel", "--epochs", "2", "--no-times", NULL},
};

START_TEST(every_program_checks_its_stdout)
{
    PATHS;
    char *argv[16];
    with_out(argv, quick[_i], o);
    ck_assert_int_eq(run_as(argv, "/dev/full", e, 0), 2);
    one_line(e, argv[0], "stdout: cannot write: No space left on device");
}
END_TEST

/* Each program under a few limits: it finishes, or says "out of memory";
 * it never hangs (OpenBLAS used to spin for ever, lib/blasmem.h). */
static char *const limited[][8] = {
    {"03-forward", NULL},
    {"06-sgd", "--epochs", "1", NULL},
    {"07-sweep", "--epochs", "1", NULL},
};
static const long limits_mb[] = {100, 250, 400};

START_TEST(a_memory_limit_is_met_or_refused)
{
    SKIP_UNDER_ASAN("memory-limit test");
    PATHS;
    for (size_t p = 0; p < sizeof limited / sizeof limited[0]; p++)
        for (size_t l = 0; l < sizeof limits_mb / sizeof limits_mb[0]; l++) {
            char *argv[12];
            with_out(argv, limited[p], o);
            int rc = run_as(argv, out, e, limits_mb[l]);
            ck_assert_msg(rc == 0 || rc == 2, "%s under %ld MiB: status %d%s",
                          argv[0], limits_mb[l], rc,
                          rc == -1 ? " (hung)" : "");
            if (rc == 2)
                one_line(e, argv[0], "out of memory");
        }
}
END_TEST

/* --data read once: from a FIFO, which can be read only once, every
 * program that replays several seeds still runs (08-beyond and recipe-cv
 * used to open the file again for each seed, and waited for ever). */
#define FIFO_ROWS 260 /* 208 training images: enough for batches of 200,
                         few enough for a quick ablation */
static char *const fifo_runs[][10] = {
    {"01-data", NULL},
    {"08-beyond", "--seeds", "1", "--no-grids", "--epochs", "1", NULL},
    {"recipe-cv", "--seeds", "2", "--epochs", "1", "--batch-size", "100",
     NULL},
};

START_TEST(data_is_read_once)
{
    PATHS;
    char fifo[600];
    snprintf(fifo, sizeof fifo, "%s/digits.fifo", dir);
    ck_assert_int_eq(mkfifo(fifo, 0644), 0);
    pid_t writer = fork();
    ck_assert_int_ge(writer, 0);
    if (writer == 0) { /* FIFO_ROWS lines of the data, once */
        write_digits(fifo, FIFO_ROWS);
        _exit(0);
    }
    char *argv[16];
    int n = with_out(argv, fifo_runs[_i], o);
    argv[n++] = "--data";
    argv[n++] = fifo;
    argv[n] = NULL;
    int rc = run_as(argv, out, e, 0);
    kill(writer, SIGKILL);
    waitpid(writer, NULL, 0);
    ck_assert_msg(rc == 0, "%s --data FIFO: status %d%s; stderr: %s",
                  argv[0], rc, rc == -1 ? " (hung)" : "", slurp(e));
}
END_TEST

/* A sweep of 100000 epochs keeps to a few megabytes: its minibatches are
 * drawn as the training goes (sweep.h), not all before it (36 networks x
 * 100000 epochs x 14 batches x 100 rows x 4 bytes would be 20 GB).  Under
 * a limit of 400 MiB it must still be training after a second and a half,
 * not have stopped with "out of memory". */
START_TEST(a_long_sweep_stays_small)
{
    SKIP_UNDER_ASAN("memory-limit test");
    PATHS;
    char *argv[] = {"07-sweep", "--epochs", "100000", "--out", o, NULL};
    pid_t pid = spawn(argv, "/dev/null", NULL, 400);
    struct timespec nap = {1, 500000000L};
    nanosleep(&nap, NULL);
    int status, done = waitpid(pid, &status, WNOHANG);
    kill(pid, SIGKILL);
    waitpid(pid, &status, 0);
    ck_assert_msg(done == 0, "07-sweep --epochs 100000 stopped within 1.5 s "
                  "under a 400 MiB limit (status %d)",
                  WIFEXITED(status) ? WEXITSTATUS(status) : -1);
}
END_TEST

/* ---- the memory a run states and needs --------------------------------- */

/* The number after " key=" on the summary line of the output in path, -1
 * when there is none. */
static long summary_key(const char *path, const char *key)
{
    char pat[64], line[8192];
    long v = -1;
    snprintf(pat, sizeof pat, " %s=", key);
    FILE *f = fopen(path, "r");
    ck_assert_ptr_nonnull(f);
    while (fgets(line, sizeof line, f))
        if (strncmp(line, "summary:", 8) == 0 && strstr(line, pat))
            v = atol(strstr(line, pat) + strlen(pat));
    fclose(f);
    return v;
}

/* Programs whose memory depends on their options, each on a configuration
 * where the options' part of the need is a good share of the whole, on
 * THREADS threads; DIGITS_ROWS rows of --data. */
#define THREADS "2"
static const struct {
    char *args[12];
    int rows;
} stated[] = {
    {{"07-sweep", "--epochs", "1", "--batch-size", "5700", NULL}, 4 * 1797},
    {{"08-beyond", "--seeds", "1", "--no-grids", "--epochs", "1", NULL},
     SMALL_ROWS},
};

/* A stated need (MB) against a measured peak (MB): within a factor of two
 * either way, allowing above the peak the 8 MB every program counts for
 * itself and its libraries (BASE_BYTES), which the plain build, without
 * OpenBLAS's buffers, does not reach on a small run. */
static void need_near_peak(const char *program, double said, double peak)
{
    ck_assert_msg(said <= 2 * peak + 8 && peak <= 2 * said, "%s states "
                  "%.0f MB; its peak resident size was %.1f MB", program,
                  said, peak);
}

/* What the summary states (memory_mb on one thread, memory_mb_thread for
 * each further one) is near the peak resident size the kernel measured
 * (need_near_peak). */
START_TEST(the_stated_need_is_near_the_peak)
{
    SKIP_UNDER_ASAN("memory test");
    PATHS;
    write_digits(data, stated[_i].rows);
    char *argv[20];
    int n = with_out(argv, stated[_i].args, o);
    argv[n++] = "--data";
    argv[n++] = data;
    argv[n] = NULL;
    setenv("OMP_NUM_THREADS", THREADS, 1);
    struct rusage ru;
    int rc = wait_usage(spawn(argv, out, e, 0), &ru);
    unsetenv("OMP_NUM_THREADS");
    ck_assert_msg(rc == 0, "%s: status %d: %s", argv[0], rc, slurp(e));
    long mb = summary_key(out, "memory_mb"),
         per = summary_key(out, "memory_mb_thread");
    ck_assert_msg(mb > 0 && per >= 0, "%s: no memory_mb in its summary",
                  argv[0]);
    double said = mb + (atoi(THREADS) - 1) * per, peak = ru.ru_maxrss / 1e3;
    need_near_peak(argv[0], said, peak);
}
END_TEST

/* Writes look-alike IDX files (3,000 training and 600 test images) to
 * data = dir/fashion, and argv (13 entries) for one epoch of chapter 9 on
 * them with hidden units and batch size as given, --out o. */
static void chapter9_argv(char **argv, char *data, const char *o,
                          char *hidden, char *batch)
{
    snprintf(data, 600, "%s/fashion", dir);
    ck_assert_int_eq(mkdir(data, 0755), 0);
    write_fashion_dir(data, 3000, 600, 0);
    char *args[] = {"09-fashion", "--epochs", "1", "--hidden", hidden,
                    "--batch-size", batch, "--quiet", "--data", data,
                    "--out", (char *)o, NULL};
    memcpy(argv, args, sizeof args);
}

/* Chapter 9 states its need too (memory_mb, one figure: its threads share
 * the trainer), on look-alike IDX files where the network and its scoring
 * pieces are a good share of it. */
START_TEST(chapter9_states_its_need)
{
    SKIP_UNDER_ASAN("memory test");
    PATHS;
    char *argv[13];
    chapter9_argv(argv, data, o, "512", "1000");
    struct rusage ru;
    int rc = wait_usage(spawn(argv, out, e, 0), &ru);
    ck_assert_msg(rc == 0, "09-fashion: status %d: %s", rc, slurp(e));
    long said = summary_key(out, "memory_mb");
    double peak = ru.ru_maxrss / 1e3;
    ck_assert_msg(said > 0, "09-fashion: no memory_mb in its summary");
    need_near_peak("09-fashion", (double)said, peak);
}
END_TEST

/* And refuses, before the network, a network and scoring pieces that
 * cannot fit: H = 4096 in batches of 2000 needs about 300 MB beyond the
 * images, and 250 MiB are given in all. */
START_TEST(chapter9_refuses_a_need_that_cannot_fit)
{
    SKIP_UNDER_ASAN("memory test");
    PATHS;
    char *argv[13];
    chapter9_argv(argv, data, o, "4096", "2000");
    ck_assert_int_eq(run_as(argv, "/dev/null", e, 250), 2);
    one_line(e, "09-fashion", "out of memory: needs ");
    one_line(e, "09-fashion", " MB for --hidden 4096, --batch-size 2000 ");
    ck_assert_int_ne(access(o, F_OK), 0);
}
END_TEST

/* A need that cannot fit under the address-space limit is refused before
 * the training, with the need and the options it comes from: the sweep's
 * batches of 65536 images on four threads need about 480 MB (on one, as
 * OpenBLAS's buffers may leave it, about 190), and 300 MiB are given. */
START_TEST(a_need_that_cannot_fit_is_refused)
{
    SKIP_UNDER_ASAN("memory test");
    PATHS;
    write_digits(data, 81920); /* 65536 training images */
    char *argv[] = {"07-sweep", "--epochs", "1", "--batch-size", "65536",
                    "--data", data, "--out", o, NULL};
    setenv("OMP_NUM_THREADS", "4", 1);
    int rc = run_as(argv, "/dev/null", e, 300);
    unsetenv("OMP_NUM_THREADS");
    ck_assert_int_eq(rc, 2);
    one_line(e, "07-sweep", "out of memory: needs ");
    one_line(e, "07-sweep", " MB for --batch-size 65536, ");
    ck_assert_int_ne(access(o, F_OK), 0);
}
END_TEST

Suite *suite_outset(void)
{
    Suite *s = suite_create("outset");
    TCase *tc = tcase_create("sets");
    tcase_add_checked_fixture(tc, setup, teardown);
    tcase_set_timeout(tc, 120);
    tcase_add_test(tc, refuses_what_is_not_a_regular_file);
    tcase_add_test(tc, follows_a_link_and_refuses_a_dangling_one);
    tcase_add_test(tc, keeps_a_mode_and_honours_the_umask);
    tcase_add_test(tc, a_failed_commit_changes_nothing);
    tcase_add_test(tc, a_killed_run_leaves_a_whole_set);
    tcase_add_test(tc, two_runs_on_one_directory_take_turns);
    tcase_add_test(tc, a_temporary_left_by_sigkill_is_swept);
    tcase_add_test(tc, a_full_disk_changes_nothing);
    suite_add_tcase(s, tc);
    TCase *pr = tcase_create("programs");
    tcase_add_checked_fixture(pr, setup, teardown);
    tcase_set_timeout(pr, 4 * TIME_LIMIT * 9);
    tcase_add_test(pr, lost_stdout_is_an_error);
    tcase_add_loop_test(pr, a_killed_chapter_leaves_a_whole_set, 0,
                        N_CHAPTERS);
    tcase_add_loop_test(pr, two_chapters_on_one_out_leave_one_set, 0,
                        N_CHAPTERS);
    tcase_add_test(pr, a_chapter_on_a_full_disk_changes_nothing);
    tcase_add_loop_test(pr, every_program_checks_its_stdout, 0,
                        (int)(sizeof quick / sizeof quick[0]));
    tcase_add_test(pr, a_memory_limit_is_met_or_refused);
    tcase_add_test(pr, a_long_sweep_stays_small);
    tcase_add_loop_test(pr, the_stated_need_is_near_the_peak, 0,
                        (int)(sizeof stated / sizeof stated[0]));
    tcase_add_test(pr, chapter9_states_its_need);
    tcase_add_test(pr, chapter9_refuses_a_need_that_cannot_fit);
    tcase_add_test(pr, a_need_that_cannot_fit_is_refused);
    tcase_add_loop_test(pr, data_is_read_once, 0,
                        (int)(sizeof fifo_runs / sizeof fifo_runs[0]));
    suite_add_tcase(s, pr);
    return s;
}
