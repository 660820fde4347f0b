/* fashion_data.h - chapter 9's images: Fashion-MNIST's four IDX files
 * (lib/idx.h), split into training, validation and test images.
 */
#ifndef NN_FASHION_DATA_H
#define NN_FASHION_DATA_H

#include "data.h"
#include "err.h"
#include "rng.h"

/* The name of class c (0..DATA_CLASSES - 1), "T-shirt/top" .. "Ankle
 * boot". */
const char *fashion_class_name(int c);

typedef struct {
    Dataset train, val, test; /* (n, side * side) pixels in [0, 1] */
    int side;                 /* images are side x side */
} Fashion;

/* Loads dir/train-{images-idx3,labels-idx1}-ubyte.gz and dir/t10k-...
 * (the first limit images of each file, 0: all) into f, then moves a
 * sixth of the training images (rounded up; 10,000 of 60,000), chosen by
 * one permutation drawn from r, into f->val.  Refuses with a message
 * (what lib/idx.h refuses, dir not a directory, training and test images
 * of different or non-square sizes, fewer than min_train training images
 * left), leaving f empty.  f->train keeps room for every training image
 * loaded (see fashion_rejoin).  Release with fashion_free. */
int fashion_load(Fashion *f, const char *dir, long limit, int min_train,
                 Rng *r, Error *err);

/* For the refit (book, section "Refit on all the training images"):
 * copies the validation images back behind the training images, so that
 * f->train holds every training image loaded (the kept ones in file
 * order, then the validation images in their drawn order); f->val stays
 * as it was.  Call it once, after fashion_load.  Allocates nothing:
 * fashion_load leaves f->train's storage the size of every training
 * image loaded. */
void fashion_rejoin(Fashion *f);

/* Releases f's images; f may be all zero. */
void fashion_free(Fashion *f);

#endif
