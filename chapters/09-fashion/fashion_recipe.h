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
#include "data.h"
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
} FashionRecipe;
//< recipe

/* Chapter 9's recipe. */
FashionRecipe fashion_recipe(void);

/* The training loop's settings for rc (lib/train.h): mean gradients,
 * shuffled batches, the best epoch on the validation images kept (all
 * epochs run).  Overwrites all of *cfg. */
void fashion_train_config(TrainConfig *cfg, const FashionRecipe *rc);

/* Glorot and Bengio's uniform start (chapter 8, "Initialisation"): every
 * weight and bias of a layer with fan_in inputs and fan_out outputs from
 * U(-b, b), b = sqrt(6 / (fan_in + fan_out)), drawn from r in the order
 * Wh (row by row), bh, Wo, bo, each as -b + 2b u. */
void fashion_init_glorot(Net *net, Rng *r);

/* Before each epoch (the first included): changes the training images
 * (train->n, side * side) in place as rc's augmentation asks, drawing from
 * r; nothing when rc asks for none. */
void fashion_augment(Dataset *train, int side, const FashionRecipe *rc,
                     Rng *r);

#endif
