/* zlib.h - the part of zlib's interface lib/ names, for the WebAssembly
 * build only (mk/wasm.mk puts this directory first on its include path).
 *
 * Debian has no zlib for wasm32.  lib/data.c inflates gzip members
 * (z_stream), lib/idx.c reads files through gz* and lib/netio.c checks a
 * network file with crc32.  In the page there are no files: the data
 * arrive as bytes (nn_wasm.c builds the Dataset) and neither loader is
 * called, so the linker drops them and the functions below stay declared
 * but undefined.  crc32 is needed, to
 * check the embedded network files exactly as netio_load does, and
 * nn_wasm.c defines it with zlib's meaning (CRC-32, polynomial
 * 0xEDB88320, crc32(0, buf, len) is the checksum of buf). */
#ifndef NN_WASM_ZLIB_H
#define NN_WASM_ZLIB_H

typedef unsigned char Bytef;
typedef unsigned int uInt;
typedef unsigned long uLong;
typedef struct gzFile_s *gzFile;

#define Z_NO_FLUSH 0
#define Z_OK 0
#define Z_STREAM_END 1
#define Z_ERRNO (-1)
#define Z_MEM_ERROR (-4)
#define Z_BUF_ERROR (-5)

/* Only the fields lib/ touches; the real zlib has more. */
typedef struct {
    const Bytef *next_in;
    uInt avail_in;
    Bytef *next_out;
    uInt avail_out;
    const char *msg;
} z_stream;

int inflateInit2(z_stream *strm, int window_bits);
int inflate(z_stream *strm, int flush);
int inflateReset(z_stream *strm);
int inflateEnd(z_stream *strm);

uLong crc32(uLong crc, const Bytef *buf, uInt len);

gzFile gzopen(const char *path, const char *mode);
int gzread(gzFile file, void *buf, unsigned len);
const char *gzerror(gzFile file, int *errnum);
int gzclose(gzFile file);

#endif
