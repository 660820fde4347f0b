/* model.c - the alpha-beta model of an all-reduce (see model.h).
 *
 * Sending m bytes from one machine to another takes alpha + m / bandwidth
 * (Hockney's model; beta = 1 / bandwidth).  An all-reduce of m bytes on p
 * machines, in the two classic shapes (Thakur, Rabenseifner and Gropp,
 * "Optimization of collective communication operations in MPICH", 2005):
 *   ring  reduce-scatter, then all-gather, each p - 1 rounds in which
 *         every machine sends m / p bytes to its neighbour:
 *         2 (p - 1) alpha + 2 (p - 1) / p * m / bandwidth
 *   tree  reduce up a binary tree, then broadcast down it, each
 *         ceil(log2 p) rounds of whole messages:
 *         2 ceil(log2 p) (alpha + m / bandwidth)
 * The ring's bytes hardly grow with p, its latency does; the tree's
 * latency grows slowly, its bytes do not shrink.
 */
#include "model.h"

#include <stdio.h>

#include "out.h"

double model_ring(int p, double m, const Link *l)
{
    if (p < 2)
        return 0.0;
    return 2.0 * (p - 1) * l->alpha + 2.0 * (p - 1) / p * m / l->bandwidth;
}

static int ceil_log2(int p)
{
    int k = 0;
    while ((1 << k) < p)
        k++;
    return k;
}

double model_tree(int p, double m, const Link *l)
{
    return 2.0 * ceil_log2(p) * (l->alpha + m / l->bandwidth);
}

double model_speedup(int p, double work, double comm)
{
    return work / (work / p + comm);
}

int model_ring_crossover(double work, double m, const Link *l, int max_p)
{
    int p = 2;
    while (p < max_p && model_ring(p, m, l) < work / p)
        p++;
    return p;
}

int model_write(OutSet *set, const char *dir, const Link *links, int n,
                int max_p, double work, double m, double scale, Error *err)
{
    OutFile o;
    if (out_open_in(&o, set, dir, "model.tsv", err) != 0)
        return -1;
    fprintf(o.f, "machines");
    for (int k = 0; k < n; k++)
        fprintf(o.f, "\tring_%s\ttree_%s\tring_%s_big\ttree_%s_big",
                links[k].name, links[k].name, links[k].name, links[k].name);
    fprintf(o.f, "\n");
    for (int p = 1; p <= max_p; p++) {
        fprintf(o.f, "%d", p);
        for (int k = 0; k < n; k++) {
            double ring = model_ring(p, m, &links[k]);
            double tree = model_tree(p, m, &links[k]);
            fprintf(o.f, "\t%.6g\t%.6g\t%.6g\t%.6g",
                    model_speedup(p, work, ring), model_speedup(p, work, tree),
                    model_speedup(p, work * scale, ring),
                    model_speedup(p, work * scale, tree));
        }
        fprintf(o.f, "\n");
    }
    return out_commit(&o, err);
}
