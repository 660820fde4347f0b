/* netio.h - saving a trained network to a file and loading it back.
 *
 * The file format, version 1 (book, appendix "The network file").  Every
 * integer is unsigned little-endian, every real an IEEE 754 double stored
 * little-endian, whatever the machine:
 *
 *   offset  bytes  field
 *        0      8  magic "NNET\r\n\x1a\n" (the \r\n and \x1a catch a file
 *                  mangled by a text-mode copy, as PNG's magic does)
 *        8      4  format version, 1
 *       12      4  D  inputs           (1..NETIO_MAX_UNITS)
 *       16      4  H  hidden units     (1..NETIO_MAX_UNITS)
 *       20      4  K  classes          (1..NETIO_MAX_UNITS)
 *       24      4  hidden activation: 0 sigmoid, 1 tanh, 2 relu
 *       28      8  P = number of parameters, D*H + H + H*K + K
 *       36      8  input scale s: the network is fed s * pixel (1 for the
 *                  raw 0..16 pixels of chapters 3-7, 1/16 for chapter 8)
 *       44    8 P  the parameters in net.h's order: Wh (D, H) row by row,
 *                  bh (H), Wo (H, K) row by row, bo (K)
 *   44 + 8P     4  CRC-32 (zlib's crc32) of every byte before it
 *
 * A file is 48 + 8P bytes: 30128 for the tutorial's 64-50-10 network.
 * Writing goes to a temporary file in the target's directory, which is
 * synced and then renamed over the target, so a crash leaves either the
 * old file or the new one, never half of one.  Loading checks the magic,
 * the version, the length, the checksum, the shape and that every number
 * is finite, and names the file and the byte offset of whatever is wrong.
 */
#ifndef NN_NETIO_H
#define NN_NETIO_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include "err.h"
#include "net.h"
#include "out.h"

#define NETIO_MAGIC "NNET\r\n\x1a\n" /* 8 bytes, no terminating NUL used */
#define NETIO_MAGIC_LEN 8
#define NETIO_VERSION 1u
#define NETIO_HEADER 44          /* bytes before the parameters */
#define NETIO_MAX_UNITS 100000   /* largest D, H or K accepted */
#define NETIO_MAX_PARAMS (1L << 24) /* largest P accepted: a 128 MiB file */

/* Bytes of the file that holds net: 48 + 8 * net->n_params. */
size_t netio_size(const Net *net);

/* Writes the file image of net, fed inputs scaled by input_scale, into buf,
 * which holds netio_size(net) bytes.  Does not check the values. */
void netio_encode(unsigned char *buf, const Net *net, double input_scale);

/* Reads a file image of len bytes from buf into net (initialised here with
 * net_init) and *input_scale.  name is the file's name for messages.  D
 * and K, when positive, are the inputs and classes the caller needs; 0
 * accepts any.  Returns 0, or -1 with a one-line message naming the file
 * and the byte offset: not a network file, another format version,
 * truncated, trailing bytes, checksum mismatch (corrupt), shape out of
 * range or inconsistent, unknown activation, a parameter or the scale not
 * finite, the wrong shape for the caller.  On failure net holds nothing
 * that needs freeing.  buf is not kept. */
int netio_decode(Net *net, double *input_scale, const unsigned char *buf,
                 size_t len, const char *name, int D, int K, Error *err);

/* Saves net (fed inputs scaled by input_scale) to path: a temporary file
 * in the same directory, written, fsync'ed and renamed over path (the
 * directory is created when missing), as an output set of one file
 * (out.h: an existing path must be a regular file or a link to one, whose
 * mode is kept).  Refuses a network with a NaN or infinite parameter (a
 * diverged one).  Returns 0, or -1 with a message;
 * path is then unchanged and no temporary file remains. */
int netio_save(const Net *net, double input_scale, const char *path,
               Error *err);

/* Writes the file image of net (fed inputs scaled by input_scale) to f,
 * typically a file of an output set (out.h: out_set_path), which is then
 * committed with the run's other files.  Refuses what netio_save refuses;
 * path names the file in messages.  Returns 0, or -1 with a message. */
int netio_write(FILE *f, const Net *net, double input_scale,
                const char *path, Error *err);

/* Loads the network in path into net (initialised here) and *input_scale,
 * checking everything netio_decode checks; D and K as there.  Also refuses
 * a directory, a missing or unreadable file.  It reads the 44-byte header
 * first and refuses a file that is no network (magic, version, shape)
 * before reading more, then reads no more than the header announces and
 * 64 KiB (to name trailing bytes).  Returns 0, or -1 with a message; on
 * failure net holds nothing that needs freeing.  Release net with
 * net_free. */
int netio_load(Net *net, double *input_scale, const char *path, int D, int K,
               Error *err);

#endif
