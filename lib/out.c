/* out.c - output sets committed together (see out.h). */
#define _DEFAULT_SOURCE /* flock, realpath, SA_RESTART */
#include "out.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>

#define TMP_SUFFIX ".nn-tmp"

/* ---- directories --------------------------------------------------------- */

/* Walks the prefixes of dir; create: mkdir the missing ones, otherwise
 * stop at the first missing one (the rest can be created).  Either way a
 * prefix that exists and is not a directory is an error naming it. */
static int walk_dirs(const char *dir, int create, Error *err)
{
    char path[PATH_MAX];
    if (!*dir)
        return err_set(err, "--out: expected a directory name");
    if (snprintf(path, sizeof path, "%s", dir) >= (int)sizeof path)
        return err_set(err, "%.64s...: path too long", dir);
    for (char *p = path + 1; ; p++) {
        if (*p != '/' && *p != '\0')
            continue;
        char keep = *p;
        *p = '\0';
        struct stat st;
        if (stat(path, &st) == 0) {
            if (!S_ISDIR(st.st_mode))
                return err_set(err, "%s: not a directory", path);
        } else if (errno != ENOENT) {
            return err_set(err, "%s: %s", path, strerror(errno));
        } else if (lstat(path, &st) == 0) {
            return err_set(err, "%s: a symbolic link to nothing; expected "
                           "a directory", path);
        } else if (!create) {
            return 0;
        } else if (mkdir(path, 0777) != 0 && errno != EEXIST) {
            return err_set(err, "%s: cannot create directory: %s", path,
                           strerror(errno));
        }
        *p = keep;
        if (keep == '\0')
            break;
    }
    return 0;
}

int out_check_dir(const char *dir, Error *err)
{
    return walk_dirs(dir, 0, err);
}

int out_mkdirs(const char *dir, Error *err)
{
    return walk_dirs(dir, 1, err);
}

/* dir of path into out (PATH_MAX bytes); NULL when path names no file. */
static const char *dir_of(char *out, const char *path)
{
    const char *slash = strrchr(path, '/');
    if (slash && !slash[1])
        return NULL;
    if (!slash)
        strcpy(out, ".");
    else if (slash == path)
        strcpy(out, "/");
    else
        snprintf(out, PATH_MAX, "%.*s", (int)(slash - path), path);
    return out;
}

/* ---- the path policy ----------------------------------------------------- */

/* Where path's bytes go (real: path, or a symbolic link's target) and, when
 * that file exists, its mode (*mode = -1 for a new file).  Refuses what
 * out.h says is refused. */
static int resolve(char *real, int *mode, const char *path, Error *err)
{
    char dir[PATH_MAX];
    struct stat st;
    *mode = -1;
    if (strlen(path) >= PATH_MAX)
        return err_set(err, "%.64s...: path too long", path);
    if (!dir_of(dir, path))
        return err_set(err, "%s: expected a file name, not a directory",
                       path);
    strcpy(real, path);
    if (lstat(path, &st) != 0) {
        int e = errno;
        if (e != ENOENT && e != ENOTDIR)
            return err_set(err, "%s: %s", path, strerror(e));
        if (out_check_dir(dir, err) != 0)
            return -1;
        return e == ENOENT ? 0 : err_set(err, "%s: %s", path, strerror(e));
    }
    if (S_ISLNK(st.st_mode)) {
        if (stat(path, &st) != 0)
            return err_set(err, "%s: a symbolic link to nothing (%s); "
                           "expected a file or a link to one", path,
                           strerror(errno));
        if (S_ISREG(st.st_mode) && !realpath(path, real))
            return err_set(err, "%s: %s", path, strerror(errno));
    }
    if (S_ISDIR(st.st_mode))
        return err_set(err, "%s: is a directory; expected a file name",
                       path);
    if (!S_ISREG(st.st_mode))
        return err_set(err, "%s: not a regular file (a device, FIFO or "
                       "socket); refusing to replace it", path);
    *mode = (int)(st.st_mode & 07777);
    return 0;
}

int out_check_path(const char *path, Error *err)
{
    char real[PATH_MAX];
    int mode;
    return resolve(real, &mode, path, err);
}

/* ---- building a set ------------------------------------------------------ */

void out_set_init(OutSet *s)
{
    memset(s, 0, sizeof *s);
}

void out_set_free(OutSet *s)
{
    for (int i = 0; i < s->n; i++) {
        if (s->e[i].f)
            fclose(s->e[i].f);
        free(s->e[i].buf);
        free(s->e[i].path);
    }
    out_set_init(s);
}

FILE *out_set_path(OutSet *s, const char *path, Error *err)
{
    char real[PATH_MAX];
    int mode;
    if (resolve(real, &mode, path, err) != 0)
        return NULL;
    for (int i = 0; i < s->n; i++)
        if (strcmp(s->e[i].path, path) == 0) {
            err_set(err, "%s: written twice by one run", path);
            return NULL;
        }
    if (s->n == OUT_SET_MAX) {
        err_set(err, "%s: more than %d output files", path, OUT_SET_MAX);
        return NULL;
    }
    OutEntry *e = &s->e[s->n];
    memset(e, 0, sizeof *e);
    e->path = strdup(path);
    e->f = e->path ? open_memstream(&e->buf, &e->len) : NULL;
    if (!e->f) {
        free(e->path);
        e->path = NULL;
        err_set(err, "%s: out of memory", path);
        return NULL;
    }
    s->n++;
    return e->f;
}

FILE *out_set_file(OutSet *s, const char *dir, const char *name,
                   Error *err)
{
    char path[PATH_MAX];
    if (snprintf(path, sizeof path, "%s/%s", dir, name) >= (int)sizeof path) {
        err_set(err, "%.64s...: path too long", dir);
        return NULL;
    }
    return out_set_path(s, path, err);
}

/* ---- committing: signals deferred, directories locked --------------------
 * A signal's handler can only leave a mark: this one flag, for the one
 * commit that runs at a time (from the main thread). */
static volatile sig_atomic_t deferred;

static void defer(int sig)
{
    if (!deferred)
        deferred = sig;
}

static const int held_signals[] = {SIGINT, SIGTERM, SIGHUP};
#define N_HELD (int)(sizeof held_signals / sizeof held_signals[0])

static void hold_signals(struct sigaction *old)
{
    struct sigaction sa;
    memset(&sa, 0, sizeof sa);
    sa.sa_handler = defer;
    sa.sa_flags = SA_RESTART;
    sigemptyset(&sa.sa_mask);
    deferred = 0;
    for (int i = 0; i < N_HELD; i++) {
        sigaction(held_signals[i], NULL, &old[i]);
        if (old[i].sa_handler != SIG_IGN)
            sigaction(held_signals[i], &sa, NULL);
    }
}

/* Puts the handlers back; a signal that came meanwhile is delivered now. */
static void release_signals(const struct sigaction *old)
{
    for (int i = 0; i < N_HELD; i++)
        sigaction(held_signals[i], &old[i], NULL);
    if (deferred)
        raise(deferred);
}

/* What the commit knows about each file. */
typedef struct {
    char real[PATH_MAX]; /* where it goes */
    char tmp[PATH_MAX];  /* its temporary */
    int mode;            /* the replaced file's, or -1 */
    int written;         /* tmp exists */
} Target;

typedef struct {
    int fd[OUT_SET_MAX]; /* one open directory per distinct directory */
    dev_t dev[OUT_SET_MAX];
    ino_t ino[OUT_SET_MAX];
    int n;
} Locks;

/* Removes the temporaries a killed run left in the locked directory fd. */
static void sweep(int fd)
{
    int fd2 = dup(fd);
    DIR *d = fd2 >= 0 ? fdopendir(fd2) : NULL;
    if (!d) {
        if (fd2 >= 0)
            close(fd2);
        return;
    }
    struct dirent *de;
    size_t ls = strlen(TMP_SUFFIX);
    while ((de = readdir(d)) != NULL) {
        size_t l = strlen(de->d_name);
        if (de->d_name[0] == '.' && l > ls + 1 &&
            strcmp(de->d_name + l - ls, TMP_SUFFIX) == 0)
            unlinkat(fd, de->d_name, 0);
    }
    closedir(d);
}

/* Opens and locks dir unless it is locked already; the locks are taken in
 * order of (device, inode), so two commits never wait for each other. */
static int lock_dir(Locks *L, const char *dir, Error *err)
{
    int fd = open(dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    struct stat st;
    if (fd < 0 || fstat(fd, &st) != 0) {
        if (fd >= 0)
            close(fd);
        return err_set(err, "%s: %s", dir, strerror(errno));
    }
    for (int i = 0; i < L->n; i++)
        if (L->dev[i] == st.st_dev && L->ino[i] == st.st_ino) {
            close(fd);
            return 0;
        }
    int at = L->n++;
    while (at > 0 && (L->dev[at - 1] > st.st_dev ||
                      (L->dev[at - 1] == st.st_dev &&
                       L->ino[at - 1] > st.st_ino))) {
        L->fd[at] = L->fd[at - 1];
        L->dev[at] = L->dev[at - 1];
        L->ino[at] = L->ino[at - 1];
        at--;
    }
    L->fd[at] = fd;
    L->dev[at] = st.st_dev;
    L->ino[at] = st.st_ino;
    return 0;
}

static int take_locks(Locks *L, Error *err)
{
    for (int i = 0; i < L->n; i++) {
        if (flock(L->fd[i], LOCK_EX) != 0)
            return err_set(err, "cannot lock an output directory: %s",
                           strerror(errno));
        sweep(L->fd[i]);
    }
    return 0;
}

static void drop_locks(Locks *L)
{
    for (int i = 0; i < L->n; i++) {
        fsync(L->fd[i]); /* the renames, on disk */
        close(L->fd[i]); /* and the lock with it */
    }
    L->n = 0;
}

/* Writes len bytes of buf to t->tmp, synced, with the mode out.h says. */
static int write_tmp(Target *t, const char *buf, size_t len,
                     const char *path, Error *err)
{
    unlink(t->tmp);
    int fd = open(t->tmp, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW |
                              O_CLOEXEC, 0666);
    if (fd < 0)
        return err_set(err, "%s: cannot create: %s", path, strerror(errno));
    t->written = 1;
    int bad = t->mode >= 0 && fchmod(fd, (mode_t)t->mode) != 0;
    while (!bad && len > 0) {
        ssize_t got = write(fd, buf, len);
        if (got < 0 && errno == EINTR)
            continue;
        bad = got <= 0;
        if (!bad) {
            buf += got;
            len -= (size_t)got;
        }
    }
    bad = bad || fsync(fd) != 0;
    int e = errno;
    bad |= close(fd) != 0;
    if (bad)
        return err_set(err, "%s: cannot write: %s", path,
                       strerror(e ? e : errno));
    return 0;
}

/* Every file's target and temporary, directories made and locked. */
static int prepare(Target *t, Locks *L, const OutSet *s, Error *err)
{
    for (int i = 0; i < s->n; i++) {
        char dir[PATH_MAX];
        const char *base;
        if (resolve(t[i].real, &t[i].mode, s->e[i].path, err) != 0 ||
            !dir_of(dir, t[i].real) || out_mkdirs(dir, err) != 0 ||
            lock_dir(L, dir, err) != 0)
            return -1;
        base = strrchr(t[i].real, '/');
        base = base ? base + 1 : t[i].real;
        if (snprintf(t[i].tmp, sizeof t[i].tmp, "%s/.%s" TMP_SUFFIX, dir,
                     base) >= (int)sizeof t[i].tmp)
            return err_set(err, "%s: path too long", s->e[i].path);
    }
    if (take_locks(L, err) != 0)
        return -1;
    /* Checked again under the locks: the path may have changed since. */
    for (int i = 0; i < s->n; i++) {
        char again[PATH_MAX];
        strcpy(again, t[i].real);
        if (resolve(t[i].real, &t[i].mode, again, err) != 0)
            return -1;
    }
    return 0;
}

int out_set_commit(OutSet *s, Error *err)
{
    int rc = 0;
    for (int i = 0; i < s->n; i++) {
        int bad = ferror(s->e[i].f);
        bad |= fclose(s->e[i].f) != 0;
        s->e[i].f = NULL;
        if (bad && rc == 0)
            rc = err_set(err, "%s: out of memory", s->e[i].path);
    }
    Target *t = calloc((size_t)(s->n ? s->n : 1), sizeof *t);
    if (rc != 0 || !t) {
        free(t);
        out_set_free(s);
        return rc != 0 ? rc : err_set(err, "out of memory");
    }
    struct sigaction old[N_HELD];
    Locks L = {.n = 0};
    hold_signals(old);
    rc = prepare(t, &L, s, err);
    for (int i = 0; rc == 0 && i < s->n; i++)
        rc = write_tmp(&t[i], s->e[i].buf, s->e[i].len, s->e[i].path, err);
    for (int i = 0; rc == 0 && i < s->n; i++)
        if (rename(t[i].tmp, t[i].real) != 0)
            rc = err_set(err, "%s: cannot write: %s", s->e[i].path,
                         strerror(errno));
        else
            t[i].written = 0;
    for (int i = 0; i < s->n; i++)
        if (t[i].written)
            unlink(t[i].tmp);
    drop_locks(&L);
    free(t);
    out_set_free(s);
    release_signals(old);
    return rc;
}

/* ---- one file alone, and the hidden weights ------------------------------ */

int out_open(OutFile *o, const char *dir, const char *name, Error *err)
{
    return out_open_in(o, NULL, dir, name, err);
}

int out_open_in(OutFile *o, OutSet *in, const char *dir, const char *name,
                Error *err)
{
    out_set_init(&o->set);
    o->in = in;
    o->f = out_set_file(in ? in : &o->set, dir, name, err);
    return o->f ? 0 : -1;
}

int out_commit(OutFile *o, Error *err)
{
    o->f = NULL;
    return o->in ? 0 : out_set_commit(&o->set, err);
}

void out_abort(OutFile *o)
{
    o->f = NULL;
    out_set_free(&o->set);
}

void out_write_hidden_weights(FILE *f, const Matrix *Wh, int side)
{
    fprintf(f, "unit\trow\tcol\tweight\n");
    for (int j = 0; j < Wh->cols; j++)
        for (int d = 0; d < Wh->rows; d++)
            fprintf(f, "%d\t%d\t%d\t%.17g\n", j, d / side, d % side,
                    mat_at(Wh, d, j));
}

int out_hidden_weights(const Matrix *Wh, int side, const char *dir,
                       const char *name, Error *err)
{
    OutFile o;
    if (out_open(&o, dir, name, err) != 0)
        return -1;
    out_write_hidden_weights(o.f, Wh, side);
    return out_commit(&o, err);
}

int out_write_confusion(FILE *f, const int *pred, const int *labels, int n,
                        int K)
{
    int *count = calloc((size_t)K * K, sizeof *count);
    if (!count)
        return -1;
    for (int i = 0; i < n; i++)
        count[labels[i] * K + pred[i]]++;
    fprintf(f, "true\tpredicted\tcount\n");
    for (int t = 0; t < K; t++)
        for (int p = 0; p < K; p++)
            fprintf(f, "%d\t%d\t%d\n", t, p, count[t * K + p]);
    free(count);
    return 0;
}

int out_confusion(const int *pred, const int *labels, int n, int K,
                  const char *dir, const char *name, Error *err)
{
    OutFile o;
    if (out_open(&o, dir, name, err) != 0)
        return -1;
    if (out_write_confusion(o.f, pred, labels, n, K) != 0) {
        out_abort(&o);
        return err_set(err, "out of memory");
    }
    return out_commit(&o, err);
}
