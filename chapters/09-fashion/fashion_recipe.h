/* fashion_recipe.h - chapter 9's recipe, as data.
 *
 * Everything that decides which 784-H-10 network chapter 9 trains: H, the
 * activation, the optimiser, its schedule, the batch size, the number of
 * epochs, eta, lambda and the augmentation, each chosen on the validation
 * images (book, section "Choosing on validation images").  Chapter 10 builds
 * the same network from it: fashion_recipe() for the values,
 * fashion_train_config() for the training loop's settings,
 * fashion_init_glorot() for the starting weights and fashion_augment()
 * before every epoch.
 */
#ifndef NN_FASHION_RECIPE_H
#define NN_FASHION_RECIPE_H

#include "act.h"
#include <stdbool.h>

#include "data.h"
#include "err.h"
#include "net.h"
#include "optim.h"
#include "rng.h"
#include "train.h"

//> recipe
/* The recipe, every value chosen on the validation images (book, section
 * "Choosing on validation images"); each is an option of 09-fashion. */
typedef struct {
    int hidden;           /* H */
    Activation act;
    Optimizer optimizer;
    Schedule schedule;
    int epochs, batch;
    double eta, lambda;
    int flips;            /* 1: mirror a random half of the images each
                           * epoch (see fashion_augment) */
    int shifts;           /* 1: move every image by up to a pixel each
                           * way, afresh each epoch (see fashion_augment) */
} FashionRecipe;
//< recipe

/* Chapter 9's recipe. */
FashionRecipe fashion_recipe(void);

/* The augmentation draws from its own stream, seeded with the run's seed
 * XOR this constant, so that turning it on leaves the batches' stream as
 * it was. */
#define FASHION_AUGMENT_SEED 0x9e3779b9u

/* Validation and test images are scored in pieces of this many rows (or
 * one batch, when larger): the pieces decide the order of the cost's sum,
 * so a program that repeats chapter 9's numbers uses the same pieces. */
#define FASHION_EVAL_ROWS 1000

/* The rows a trainer scores at once under rc: FASHION_EVAL_ROWS, or the
 * batch when it is larger. */
int fashion_eval_rows(const FashionRecipe *rc);

/* The training loop's settings for rc (lib/train.h): mean gradients,
 * shuffled batches, the best epoch on the validation images kept (all
 * epochs run).  Overwrites all of *cfg. */
void fashion_train_config(TrainConfig *cfg, const FashionRecipe *rc);

/* Glorot and Bengio's uniform start (chapter 8, "Initialisation"): every
 * weight and bias of a layer with fan_in inputs and fan_out outputs from
 * U(-b, b), b = sqrt(6 / (fan_in + fan_out)), drawn from r in the order
 * Wh (row by row), bh, Wo, bo, each as -b + 2b u. */
void fashion_init_glorot(Net *net, Rng *r);

/* The augmentation's state: with shifts, the training images as they
 * were loaded, as bytes (pixel * 255), to move afresh each epoch. */
typedef struct {
    FashionRecipe recipe; /* its flips and shifts */
    int n, side;          /* images, of side x side pixels */
    unsigned char *orig;  /* (n, side * side) with shifts, else NULL */
} FashionAugment;

/* Prepares a for train (train->n images of side x side pixels, each
 * pixel a byte / 255 as lib/idx.h loads them) under rc.  Returns 0, or -1
 * with a message (out of memory).  Release with fashion_augment_free. */
int fashion_augment_init(FashionAugment *a, const Dataset *train, int side,
                         const FashionRecipe *rc, Error *err);

/* Releases a's copy; a may be all zero. */
void fashion_augment_free(FashionAugment *a);

/* True when a changes the images at all. */
bool fashion_augment_on(const FashionAugment *a);

/* Before each epoch (the first included): changes the training images
 * (the train of fashion_augment_init) in place as the recipe asks,
 * drawing from r; nothing when it asks for none.  Flips alone mirror a
 * random half of the images as they are; with shifts every image is
 * made afresh from the loaded one: mirrored or not (with flips), then
 * moved by dy, dx in {-1, 0, 1} rows and columns, pixels moved in from
 * outside 0. */
void fashion_augment(FashionAugment *a, Dataset *train, Rng *r);

/* Puts the training images (the train of fashion_augment_init) back as
 * they were loaded, where a changed them beyond the next epoch's reach:
 * with shifts, every image from its loaded bytes.  Mirrored images (flips
 * alone) stay as they are: the next fashion_augment mirrors each one or
 * not with even odds, whatever it was. */
void fashion_augment_undo(FashionAugment *a, Dataset *train);

#endif
