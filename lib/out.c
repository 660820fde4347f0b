/* out.c - atomic output files (see out.h). */
#include "out.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

int out_mkdirs(const char *dir, Error *err)
{
    char path[PATH_MAX];
    if (snprintf(path, sizeof path, "%s", dir) >= (int)sizeof path)
        return err_set(err, "--out: path too long");
    for (char *p = path + 1; ; p++) {
        if (*p == '/' || *p == '\0') {
            char keep = *p;
            *p = '\0';
            if (mkdir(path, 0777) != 0 && errno != EEXIST)
                return err_set(err, "%s: cannot create directory: %s", path,
                               strerror(errno));
            *p = keep;
            if (keep == '\0')
                break;
        }
    }
    struct stat st;
    if (stat(path, &st) != 0 || !S_ISDIR(st.st_mode))
        return err_set(err, "%s: not a directory", path);
    return 0;
}

int out_open(OutFile *o, const char *dir, const char *name, Error *err)
{
    memset(o, 0, sizeof *o);
    if (out_mkdirs(dir, err) != 0)
        return -1;
    if (snprintf(o->path, sizeof o->path, "%s/%s", dir, name) >=
            (int)sizeof o->path ||
        snprintf(o->tmp, sizeof o->tmp, "%s/.%s.XXXXXX", dir, name) >=
            (int)sizeof o->tmp)
        return err_set(err, "%s/%s: path too long", dir, name);
    int fd = mkstemp(o->tmp);
    if (fd < 0)
        return err_set(err, "%s: cannot create: %s", o->path,
                       strerror(errno));
    o->f = fdopen(fd, "w");
    if (!o->f) {
        close(fd);
        unlink(o->tmp);
        return err_set(err, "%s: cannot write", o->path);
    }
    return 0;
}

int out_commit(OutFile *o, Error *err)
{
    int bad = fflush(o->f) != 0 || ferror(o->f) || fsync(fileno(o->f)) != 0;
    int e = errno;
    bad |= fclose(o->f) != 0;
    o->f = NULL;
    if (!bad && chmod(o->tmp, 0644) == 0 && rename(o->tmp, o->path) == 0)
        return 0;
    if (!bad)
        e = errno;
    unlink(o->tmp);
    return err_set(err, "%s: cannot write: %s", o->path, strerror(e));
}

void out_abort(OutFile *o)
{
    if (!o->f)
        return;
    fclose(o->f);
    o->f = NULL;
    unlink(o->tmp);
}

int out_hidden_weights(const Matrix *Wh, int side, const char *dir,
                       const char *name, Error *err)
{
    OutFile o;
    if (out_open(&o, dir, name, err) != 0)
        return -1;
    fprintf(o.f, "unit\trow\tcol\tweight\n");
    for (int j = 0; j < Wh->cols; j++)
        for (int d = 0; d < Wh->rows; d++)
            fprintf(o.f, "%d\t%d\t%d\t%.17g\n", j, d / side, d % side,
                    mat_at(Wh, d, j));
    return out_commit(&o, err);
}

int out_confusion(const int *pred, const int *labels, int n, int K,
                  const char *dir, const char *name, Error *err)
{
    int *count = calloc((size_t)K * K, sizeof *count);
    OutFile o;
    if (!count)
        return err_set(err, "out of memory");
    for (int i = 0; i < n; i++)
        count[labels[i] * K + pred[i]]++;
    int status = out_open(&o, dir, name, err);
    if (status == 0) {
        fprintf(o.f, "true\tpredicted\tcount\n");
        for (int t = 0; t < K; t++)
            for (int p = 0; p < K; p++)
                fprintf(o.f, "%d\t%d\t%d\n", t, p, count[t * K + p]);
        status = out_commit(&o, err);
    }
    free(count);
    return status;
}
