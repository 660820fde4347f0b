/* fashion_recipe.c - chapter 9's recipe (fashion_recipe.h). */
#include "fashion_recipe.h"

#include <math.h>

FashionRecipe fashion_recipe(void)
{
    return (FashionRecipe){.hidden = 512, .act = ACT_RELU,
                           .optimizer = OPTIM_ADAM, .schedule = RATE_COSINE,
                           .epochs = 30, .batch = 100, .eta = 1e-3,
                           .lambda = 1e-4, .flips = 0};
}

void fashion_train_config(TrainConfig *cfg, const FashionRecipe *rc)
{
    *cfg = (TrainConfig){
        .max_epochs = rc->epochs, .batch_size = rc->batch, .eta = rc->eta,
        .lambda = rc->lambda, .mean_grad = true, .batches = BATCH_SHUFFLE,
        .optimizer = rc->optimizer, .stop = STOP_VALIDATION,
        .patience = rc->epochs, .schedule = rc->schedule};
}

static void fill_uniform(double *p, long n, double b, Rng *r)
{
    for (long i = 0; i < n; i++)
        p[i] = -b + 2.0 * b * rng_double(r);
}

void fashion_init_glorot(Net *net, Rng *r)
{
    double bh = sqrt(6.0 / (net->D + net->H));
    double bo = sqrt(6.0 / (net->H + net->K));
    fill_uniform(net->Wh.data, (long)net->D * net->H, bh, r);
    fill_uniform(net->bh, net->H, bh, r);
    fill_uniform(net->Wo.data, (long)net->H * net->K, bo, r);
    fill_uniform(net->bo, net->K, bo, r);
}

//> flips
/* Mirrors, left to right, each training image whose coin (from r) comes
 * up heads.  Called before every epoch, it leaves each image mirrored or
 * not with even odds, whatever it was before: a T-shirt seen in a mirror
 * is still a T-shirt, so the network sees twice the variety of images. */
static void flip_half(Dataset *train, int side, Rng *r)
{
    for (int i = 0; i < train->n; i++) {
        if (rng_next32(r) & 1)
            continue;
        double *img = train->X.data + (long)i * side * side;
        for (int row = 0; row < side; row++) {
            double *px = img + row * side;
            for (int a = 0, b = side - 1; a < b; a++, b--) {
                double t = px[a];
                px[a] = px[b], px[b] = t;
            }
        }
    }
}
//< flips

void fashion_augment(Dataset *train, int side, const FashionRecipe *rc,
                     Rng *r)
{
    if (rc->flips)
        flip_half(train, side, r);
}
