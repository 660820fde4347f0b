/* idx.h - the IDX files of MNIST and Fashion-MNIST: images and labels.
 *
 * An IDX file is a header, then its data.  The header is a magic number
 * of four bytes, 0x00 0x00 TYPE DIMS, then DIMS sizes as big-endian
 * 32-bit unsigned integers; the data are the product of the sizes in
 * elements of TYPE, row-major, and nothing after them.  Both data sets
 * store their images as unsigned bytes (TYPE 0x08) in a file of three
 * dimensions (N, rows, cols) (magic 0x00000803, 2051) and their labels as
 * unsigned bytes in a file of one dimension (N) (magic 0x00000801, 2049).
 * The files are usually gzip-compressed (*-ubyte.gz); zlib reads them
 * compressed or plain.
 *
 * The reader streams: it decompresses a buffer at a time and converts
 * each byte into the output matrix, so that besides the output it holds
 * no copy of the pixels.
 */
#ifndef NN_IDX_H
#define NN_IDX_H

#include "data.h"
#include "err.h"

#define IDX_IMAGES_MAGIC 0x00000803 /* unsigned bytes, 3 dimensions */
#define IDX_LABELS_MAGIC 0x00000801 /* unsigned bytes, 1 dimension */
#define IDX_MAX_SIDE 1024           /* refuse absurd image sides */
#define IDX_MAX_IMAGES 10000000     /* and absurd counts */

/* What idx_load found in the files' headers. */
typedef struct {
    long n_file;     /* images (and labels) the files hold */
    int rows, cols;  /* image height and width; D = rows * cols */
} IdxInfo;

/* Reads an images file and its labels file into ds (which it
 * initialises): ds->X (n, D) holds the pixels divided by 255, so that
 * they lie in [0, 1], and ds->labels (n) the labels, where n = the files'
 * count, or limit when 0 < limit < that count (the first limit images;
 * the rest of both files is still read and checked).  info (may be NULL)
 * receives what the headers say.  Returns 0, or -1 with a one-line
 * message naming the file and what is wrong: cannot open it, a wrong
 * magic number, type byte or dimension count, a side of 0 or over
 * IDX_MAX_SIDE, more than IDX_MAX_IMAGES images or none, data shorter or
 * longer than the header says, different counts in the two files, a label
 * outside 0..9, a damaged gzip stream.  On failure ds holds nothing that
 * needs freeing. */
int idx_load(Dataset *ds, IdxInfo *info, const char *images,
             const char *labels, long limit, Error *err);

#endif
