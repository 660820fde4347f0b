/* netio_load.c - libFuzzer harness for the network file (lib/netio.c).
 *
 * Each input is decoded from memory by netio_decode, the function that
 * netio_load runs on a file's bytes.  Whatever the bytes, decoding must
 * either fail with one printable line naming the file, or succeed with a
 * network that encodes back to exactly the same bytes (the format has one
 * way to write each network).  The sanitizers watch the memory.
 *
 *   make fuzz FUZZ_SECONDS=60      (mk/robust.mk)
 */
#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "netio.h"

static void check_message(const Error *err)
{
    if (!strstr(err->msg, "fuzz.nnet"))
        abort();
    for (const char *p = err->msg; *p; p++)
        if (*p < 0x20 || *p > 0x7e)
            abort();
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    Net net;
    double scale;
    Error err;
    if (netio_decode(&net, &scale, data, size, "fuzz.nnet", 0, 0, &err)
        != 0) {
        check_message(&err);
        if (net.params)
            abort(); /* a refused file leaves nothing to free */
        return 0;
    }
    if (netio_size(&net) != size || !(scale > 0) || !isfinite(scale))
        abort();
    unsigned char *again = malloc(size);
    if (!again)
        abort();
    netio_encode(again, &net, scale);
    if (memcmp(again, data, size) != 0)
        abort();
    free(again);
    /* The same bytes, asked for the digits' shape. */
    Net shaped;
    int rc = netio_decode(&shaped, &scale, data, size, "fuzz.nnet", 64, 10,
                          &err);
    if (rc == 0)
        net_free(&shaped);
    else
        check_message(&err);
    if (rc == 0 && (net.D != 64 || net.K != 10))
        abort();
    net_free(&net);
    return 0;
}
