/* fashion_progress.c - chapter 9's epoch hook (fashion_progress.h). */
#include "fashion_progress.h"

#include <stdio.h>
#include <stdlib.h>
#include <time.h>

static int cmp_double(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;
    return (x > y) - (x < y);
}

double progress_now(void)
{
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return t.tv_sec + 1e-9 * t.tv_nsec;
}

double progress_cpu_now(void)
{
    struct timespec t;
    clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &t);
    return t.tv_sec + 1e-9 * t.tv_nsec;
}

double progress_median(double *v, int n)
{
    qsort(v, (size_t)n, sizeof *v, cmp_double);
    return n % 2 ? v[n / 2] : 0.5 * (v[n / 2 - 1] + v[n / 2]);
}

void progress_on_epoch(void *ctx, int e, const Net *net, double loss,
                       double val_cost, double val_acc)
{
    (void)net;
    Progress *p = ctx;
    double t = p->quiet ? 0.0 : progress_now();
    double c = p->quiet ? 0.0 : progress_cpu_now();
    p->cpu[e - 1] = c - p->cpu_last, p->cpu_last = c;
    p->loss[e - 1] = loss, p->val_cost[e - 1] = val_cost;
    p->val_acc[e - 1] = val_acc, p->secs[e - 1] = t - p->last;
    p->last = t;
    if (p->augment && e < p->epochs) /* for epoch e + 1 */
        fashion_augment(p->augment, p->train, &p->augment_rng);
    if (p->quiet)
        return;
    double left = (t - p->start) / e * (p->epochs - e);
    char val[32] = ""; /* the refit has no validation images */
    if (!p->refit)
        snprintf(val, sizeof val, "validation %.4f  ", val_acc);
    fprintf(stderr, "%s%sepoch %d/%d  %.0f images/s  cost %.4f  %s%.0f s "
            "left%s", p->tty ? "\r" : "", p->refit ? "refit " : "", e,
            p->epochs, p->rows / p->secs[e - 1], loss, val, left,
            p->tty ? (e == p->epochs ? "\n" : "  ") : "\n");
    fflush(stderr);
}
