/* fashion_recipe.c - chapter 9's recipe (fashion_recipe.h). */
#include "fashion_recipe.h"

#include <math.h>
#include <stdlib.h>

FashionRecipe fashion_recipe(void)
{
    return (FashionRecipe){.hidden = 512, .act = ACT_RELU,
                           .optimizer = OPTIM_ADAM, .schedule = RATE_COSINE,
                           .epochs = 30, .batch = 100, .eta = 2e-3,
                           .lambda = 1e-4, .flips = 0, .shifts = 0};
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

//> shifts
/* Image i afresh from its loaded bytes src (side x side): mirrored when
 * flip, then moved down dy rows and right dx columns (each -1, 0 or 1),
 * into dst; what moves in from outside is 0.  Each byte b becomes
 * scale[b] = b / 255, the value lib/idx.h loads. */
static void shift_image(double *dst, const unsigned char *src, int side,
                        int flip, int dy, int dx, const double *scale)
{
    for (int i = 0; i < side; i++)
        for (int j = 0; j < side; j++) {
            int y = i - dy, x = j - dx;
            if (flip)
                x = side - 1 - x;
            dst[i * side + j] = y < 0 || y >= side || x < 0 || x >= side
                                    ? 0.0
                                    : scale[src[y * side + x]];
        }
}

/* scale[b] = b / 255 for every byte b. */
static void byte_scale(double *scale)
{
    for (int v = 0; v < 256; v++)
        scale[v] = v / 255.0;
}

static void shift_all(FashionAugment *a, Dataset *train, Rng *r)
{
    double scale[256];
    int D = a->side * a->side;
    byte_scale(scale);
    for (int i = 0; i < a->n; i++) {
        uint32_t u = rng_next32(r); /* one draw an image */
        int flip = a->recipe.flips ? (int)(u / 9 % 2) : 0;
        shift_image(train->X.data + (long)i * D, a->orig + (long)i * D,
                    a->side, flip, (int)(u % 3) - 1, (int)(u / 3 % 3) - 1,
                    scale);
    }
}
//< shifts

int fashion_augment_init(FashionAugment *a, const Dataset *train, int side,
                         const FashionRecipe *rc, Error *err)
{
    *a = (FashionAugment){.recipe = *rc, .n = train->n, .side = side};
    if (!rc->shifts)
        return 0;
    long n = (long)train->n * side * side;
    a->orig = malloc((size_t)n > 0 ? (size_t)n : 1);
    if (!a->orig)
        return err_set(err, "out of memory");
    for (long k = 0; k < n; k++) /* each pixel is a byte / 255 */
        a->orig[k] = (unsigned char)lround(train->X.data[k] * 255.0);
    return 0;
}

void fashion_augment_free(FashionAugment *a)
{
    free(a->orig);
    a->orig = NULL;
}

bool fashion_augment_on(const FashionAugment *a)
{
    return a->recipe.flips || a->recipe.shifts;
}

void fashion_augment(FashionAugment *a, Dataset *train, Rng *r)
{
    if (a->orig)
        shift_all(a, train, r);
    else if (a->recipe.flips)
        flip_half(train, a->side, r);
}

void fashion_augment_undo(FashionAugment *a, Dataset *train)
{
    if (!a->orig) /* no shifts: nothing kept, nothing to put back */
        return;
    double scale[256];
    long n = (long)a->n * a->side * a->side;
    byte_scale(scale);
    for (long k = 0; k < n; k++)
        train->X.data[k] = scale[a->orig[k]];
}

int fashion_eval_rows(const FashionRecipe *rc)
{
    return rc->batch > FASHION_EVAL_ROWS ? rc->batch : FASHION_EVAL_ROWS;
}
