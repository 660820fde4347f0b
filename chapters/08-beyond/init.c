/* init.c - starting weights (see init.h). */
#include "init.h"
#include "names.h"

#include <math.h>
#include <string.h>

static const char *const names[] = {"randn", "glorot"};

const char *init_name(Init s) { return names[s]; }

int init_parse(Init *s, const char *name)
{
    int i = names_find(names, NAMES_COUNT(names), name);
    if (i >= 0)
        *s = (Init)i;
    return i >= 0 ? 0 : -1;
}

double init_glorot_bound(int fan_in, int fan_out, Activation f)
{
    double c = f == ACT_SIGMOID ? 2.0 : 6.0;
    return sqrt(c / (fan_in + fan_out));
}

/* n values of numpy's uniform(-b, b): low + (high - low) * u. */
static void fill_uniform(double *out, long n, double b, Rng *r)
{
    double range = b - -b;
    for (long i = 0; i < n; i++)
        out[i] = -b + range * rng_double(r);
}

void init_net(Net *net, Init s, Rng *r)
{
    init_net_gain(net, s, 1.0, r);
}

void init_net_gain(Net *net, Init s, double gain, Rng *r)
{
    if (s == INIT_RANDN) {
        net_init_tutorial(net, r);
        return;
    }
    double bh = gain * init_glorot_bound(net->D, net->H, net->act);
    double bo = gain * init_glorot_bound(net->H, net->K, net->act);
    fill_uniform(net->Wh.data, (long)net->D * net->H, bh, r);
    fill_uniform(net->bh, net->H, bh, r);
    fill_uniform(net->Wo.data, (long)net->H * net->K, bo, r);
    fill_uniform(net->bo, net->K, bo, r);
}
